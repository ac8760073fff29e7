import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import Backups from '../admin/Backups';
import { json, mockApi, renderApp } from '../../test/helpers';

const entry = (name: string, kind: string, at: string) => ({
  name,
  manifest: {
    format: 1, app: 'v1', schemaVersion: 1, createdAt: at, kind,
    collections: { listings: 120, users: 21 }, files: [], bytes: 2_400_000, snapshotMillis: 40, totalMillis: 90,
  },
});

describe('Backups', () => {
  it('shows the schedule, the last failure and the backups kept, and backs up on request', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    let items = [entry('techmart-20261206T193000.000Z', 'scheduled', '2026-12-06T19:30:00Z')];
    const { calls } = mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /admin/backups': () =>
        json(200, {
          status: {
            enabled: true, running: false, nextAt: '2026-12-07T19:30:00Z', lastSuccess: '2026-12-06T19:30:05Z',
            lastError: 'backup: copy techmart.sqlite: disk full', lastErrorAt: '2026-12-05T19:30:01Z',
            failures: 1, keepDaily: 7, keepMonthly: 12,
          },
          items,
        }),
      'POST /admin/backups': () => {
        const e = entry('techmart-20261207T031500.000Z', 'manual', '2026-12-07T03:15:00Z');
        items = [e, ...items];
        return json(201, e);
      },
    });
    renderApp(<Backups />, { path: '/admin/backups', route: '/admin/backups' });
    expect(await screen.findByText(/giữ mọi bản của 24 giờ qua và bản mới nhất của 7 ngày, 12 tháng gần nhất/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('disk full');
    expect(screen.getByText('08/12/2026 02:30')).toBeTruthy(); // the next backup, Vietnam time
    expect(screen.getByText('Theo lịch')).toBeTruthy();
    expect(screen.getByText('141')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sao lưu ngay' }));
    expect(await screen.findByText(/Đã sao lưu: techmart-20261207T031500.000Z/)).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Thủ công')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/admin/backups')).toHaveLength(1);
  });

  it('shows the server’s reason when backups are off, and still offers the export', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /admin/backups': () =>
        json(200, { status: { enabled: false, running: false, failures: 0, keepDaily: 7, keepMonthly: 12 }, items: [] }),
      'POST /admin/exports': () =>
        json(409, { type: 'about:blank', status: 409, code: 'backup_running', title: 'Một bản sao lưu hoặc xuất dữ liệu đang chạy; thử lại sau ít phút.' }),
    });
    renderApp(<Backups />, { path: '/admin/backups', route: '/admin/backups' });
    await screen.findByRole('button', { name: 'Xuất toàn bộ dữ liệu' });
    expect(screen.queryByRole('button', { name: 'Sao lưu ngay' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }));
    expect(await screen.findByText(/đang chạy; thử lại sau ít phút/)).toBeTruthy();
  });
});
