import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Notifications from '../Notifications';
import NotificationSettings from '../NotificationSettings';
import { Layout } from '../../components/Layout';
import { meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';

afterEach(() => {
  vi.useRealTimers();
});

const items = [
  { id: 'n1', kind: 'interest', text: 'HTX Miến dong quan tâm đến tin của bạn', link: '/connections/c1', createdAt: '2026-03-02T02:00:00Z', read: false },
  { id: 'n2', kind: 'message', text: 'Tin nhắn mới từ Viện', link: '/connections/c2', createdAt: '2026-03-01T02:00:00Z', read: true },
];

describe('The bell', () => {
  it('shows the unread count, announces it and asks again every 60 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let unread = 2;
    const { calls } = mockApi({
      ...meRoutes(),
      'GET /notifications/unread': () => json(200, { unread }),
    });
    renderRoutes([{ path: '/', element: <Layout><h1>x</h1></Layout> }], '/');
    const bell = await screen.findByRole('link', { name: 'Thông báo: 2 chưa đọc' });
    expect(bell.getAttribute('href')).toBe('/notifications');
    expect(bell.querySelector('.bell-count')!.textContent).toBe('2');
    expect(screen.getByTestId('unread-live').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('unread-live').textContent).toBe('Thông báo: 2 chưa đọc');
    const before = calls.filter((c) => c.path === '/notifications/unread').length;
    unread = 5;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    expect(await screen.findByRole('link', { name: 'Thông báo: 5 chưa đọc' })).toBeTruthy();
    expect(calls.filter((c) => c.path === '/notifications/unread').length).toBe(before + 1);
  });

  it('is not there for visitors', () => {
    const { calls } = mockApi({});
    renderRoutes([{ path: '/', element: <Layout><h1>x</h1></Layout> }], '/');
    expect(screen.queryByRole('link', { name: /^Thông báo/ })).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/notifications'))).toBe(false);
  });
});

describe('Notifications page', () => {
  it('lists notifications, marks one read when opened and all at once', async () => {
    const { calls } = mockApi({
      ...meRoutes(),
      'GET /notifications': () => json(200, { items, total: 2, unread: 1 }),
      'GET /notifications/unread': () => json(200, { unread: 1 }),
      'POST /notifications/read': () => json(200, { unread: 0 }),
    });
    renderRoutes(
      [
        { path: '/notifications', element: <Layout><Notifications /></Layout> },
        { path: '/connections/:id', element: <p>connection</p> },
      ],
      '/notifications',
    );
    const first = (await screen.findByRole('link', { name: 'HTX Miến dong quan tâm đến tin của bạn' })).closest('li')!;
    expect(first.className).toContain('unread');
    expect(screen.getByText('Bạn có 1 thông báo chưa đọc.')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Thông báo: 1 chưa đọc' })).toBeTruthy();
    fireEvent.click(within(first).getByRole('button', { name: 'Đánh dấu đã đọc: HTX Miến dong quan tâm đến tin của bạn' }));
    await waitFor(() => expect(first.className).not.toContain('unread'));
    expect(calls.find((c) => c.path === '/notifications/read')!.body).toEqual({ ids: ['n1'] });
    // The bell follows at once.
    expect(await screen.findByRole('link', { name: 'Thông báo' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Tin nhắn mới từ Viện' }));
    await waitFor(() => expect(location()).toBe('/connections/c2'));
  });

  it('marks all as read', async () => {
    const { calls } = mockApi({
      ...meRoutes(),
      'GET /notifications': () => json(200, { items, total: 2, unread: 1 }),
      'POST /notifications/read': () => json(200, { unread: 0 }),
    });
    renderRoutes([{ path: '/notifications', element: <Notifications /> }], '/notifications');
    fireEvent.click(await screen.findByRole('button', { name: 'Đánh dấu tất cả đã đọc' }));
    expect(await screen.findByText('Đã đánh dấu tất cả là đã đọc.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/notifications/read')!.body).toEqual({ all: true });
    expect(document.querySelectorAll('.notification.unread')).toHaveLength(0);
  });
});

describe('E-mail preferences', () => {
  it('has a checkbox per kind and saves them all', async () => {
    const email = { match: true, interest: true, decision: true, message: true, registration: true, nudge: true, support: true, event: true, task: true };
    const { calls } = mockApi({
      ...meRoutes(),
      'GET /me/notification-preferences': () => json(200, { email }),
      'PUT /me/notification-preferences': (c) => json(200, c.body),
    });
    renderRoutes([{ path: '/account/notifications', element: <NotificationSettings /> }], '/account/notifications');
    const message = await screen.findByRole('checkbox', { name: /Có tin nhắn mới/ });
    expect(screen.getAllByRole('checkbox')).toHaveLength(9);
    expect(screen.getByRole('checkbox', { name: /Nhiệm vụ KH&CN đặt hàng/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /Sự kiện Techmart: đăng ký, gặp gỡ B2B và thỏa thuận/ })).toBeTruthy();
    fireEvent.click(message);
    fireEvent.click(screen.getByRole('checkbox', { name: /Kết nối lâu không tiến triển/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu lựa chọn.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ email: { ...email, message: false, nudge: false } });
  });
});
