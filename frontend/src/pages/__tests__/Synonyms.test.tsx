import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import SearchPage from '../Search';
import Synonyms, { splitTerms } from '../officer/Synonyms';
import { searchResult, taxonomyRoute } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { renderRoutes } from '../../test/router';
import type { SearchHit } from '../../api/types';

const hit: SearchHit = {
  id: 'l1',
  kind: 'technology',
  title: 'Bảo quản cam, quýt tươi bằng màng bao chitosan',
  summary: 'Màng bao chitosan giữ quýt tươi lâu.',
  organization: { id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute' },
  sectors: [],
  transferForms: [],
  publishedAt: '2026-03-01T03:00:00Z',
  highlights: {},
};

describe('partial-match notice', () => {
  it('says no result holds every word when the search was relaxed', async () => {
    mockApi({ ...taxonomyRoute, 'GET /search': () => json(200, { ...searchResult({ hits: [hit], total: 1 }), relaxed: true, exact: 0 }) });
    renderRoutes([{ path: '/search', element: <SearchPage /> }], '/search?q=b%E1%BA%A3o%20qu%E1%BA%A3n%20qu%C3%BDt%20ozone');
    expect(await screen.findByText('Không có kết quả chứa đủ các từ; đây là kết quả gần đúng.')).toBeTruthy();
  });

  it('counts the exact ones when some hold every word, and says nothing otherwise', async () => {
    mockApi({ ...taxonomyRoute, 'GET /search': () => json(200, { ...searchResult({ hits: [hit, { ...hit, id: 'l2' }], total: 2 }), relaxed: true, exact: 1 }) });
    renderRoutes([{ path: '/search', element: <SearchPage /> }], '/search?q=kho%20l%E1%BA%A1nh');
    expect(await screen.findByText('Chỉ 1 kết quả chứa đủ các từ; các kết quả sau là gần đúng.')).toBeTruthy();
  });
});

describe('Synonyms screen', () => {
  it('splits terms on commas and lines', () => {
    expect(splitTerms(' sắn, khoai mì ;\nkhoai mỳ,, ')).toEqual(['sắn', 'khoai mì', 'khoai mỳ']);
  });

  it('lists the rules, adds a one-way rule and shows the server field problem', async () => {
    const rules = [
      { id: 'r1', version: 1, terms: ['sắn', 'khoai mì'], expansions: [], note: 'Biến thể vùng miền', createdAt: '', updatedAt: '', updatedBy: 'system' },
      { id: 'r2', version: 1, terms: ['HTX'], expansions: ['hợp tác xã'], note: '', createdAt: '', updatedAt: '', updatedBy: 'system' },
    ];
    let fail = true;
    const { calls } = mockApi({
      'GET /synonyms': () => json(200, { rules }),
      'POST /synonyms': () =>
        fail
          ? problem(422, 'validation_failed', 'Dữ liệu không hợp lệ.', { errors: [{ field: 'expansions', code: 'required', message: 'Trường này là bắt buộc.' }] })
          : json(201, { ...rules[1], id: 'r3', terms: ['ATTP'], expansions: ['an toàn thực phẩm'] }),
    });
    renderRoutes([{ path: '/officer/synonyms', element: <Synonyms /> }], '/officer/synonyms');
    expect(await screen.findByText('sắn = khoai mì')).toBeTruthy();
    expect(screen.getByText('hợp tác xã')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: /Một chiều/ }));
    fireEvent.change(screen.getByLabelText(/Từ người dùng gõ/), { target: { value: 'ATTP' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thêm' }));
    expect(await screen.findAllByText('Trường này là bắt buộc.')).not.toHaveLength(0);

    fail = false;
    fireEvent.change(screen.getByLabelText(/Cũng tìm/), { target: { value: 'an toàn thực phẩm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thêm' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1].body).toEqual({ terms: ['ATTP'], expansions: ['an toàn thực phẩm'], note: '' });
    expect(await screen.findByText('Đã thêm quy tắc: ATTP.')).toBeTruthy();
  });
});
