import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import MyListings from '../MyListings';
import { listing, meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';

describe('My listings', () => {
  it('filters by state, warns about expiry and renews in one click', async () => {
    const soon = new Date(Date.now() + 5 * 86400000).toISOString();
    const items = [
      listing({ id: 'a', title: 'Máy sấy chè bằng bơm nhiệt', state: 'published', validUntil: soon, version: 3 }),
      listing({ id: 'b', title: 'Quy trình ủ phân hữu cơ', state: 'draft' }),
    ];
    const { calls } = mockApi({
      ...meRoutes(),
      'GET /listings': () => json(200, { items, total: 2, page: 1, pageSize: 20 }),
      'POST /listings/a/renew': () =>
        json(200, { ...items[0], version: 4, validUntil: new Date(Date.now() + 365 * 86400000).toISOString() }),
    });
    renderRoutes([{ path: '/my/listings', element: <MyListings /> }], '/my/listings');
    const row = (await screen.findByText('Máy sấy chè bằng bơm nhiệt')).closest('tr')!;
    expect(within(row).getByText('Hết hạn sau 5 ngày')).toBeTruthy();
    expect(calls.find((c) => c.path.startsWith('/listings?'))!.path).toBe('/listings?owner=me&page=1&pageSize=20');
    const draftRow = screen.getByText('Quy trình ủ phân hữu cơ').closest('tr')!;
    expect(within(draftRow).queryByRole('button', { name: /Gia hạn/ })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Gia hạn “Máy sấy chè bằng bơm nhiệt”' }));
    expect(await screen.findByText(/Đã gia hạn “Máy sấy chè bằng bơm nhiệt” đến/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/listings/a/renew')!.headers['if-match']).toBe('"3"');

    fireEvent.click(screen.getByRole('tab', { name: 'Bị từ chối' }));
    await waitFor(() => expect(location()).toBe('/my/listings?state=rejected'));
    await waitFor(() => expect(calls.filter((c) => c.path.startsWith('/listings?')).at(-1)!.path).toBe('/listings?owner=me&state=rejected&page=1&pageSize=20'));
    expect(screen.getByRole('link', { name: /Đăng tin mới/ }).getAttribute('href')).toBe('/listings/new');
  });
});
