import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import AuditLog from '../officer/AuditLog';
import { json, mockApi, renderApp } from '../../test/helpers';

describe('Audit log', () => {
  it('translates actions and changes, and filters through the query string', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    const { calls } = mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /audit': () =>
        json(200, {
          items: [
            {
              id: 'a1',
              at: '2025-05-01T03:04:00Z',
              actor: { id: 'u9', email: 'officer@so.gov.vn' },
              action: 'org.reject',
              subject: { type: 'organization', id: 'o1', name: 'HTX Chè' },
              reason: 'Thiếu hồ sơ',
              changes: { status: { from: 'pending', to: 'rejected' } },
            },
            {
              id: 'a2',
              at: '2025-05-01T03:05:00Z',
              actor: { id: 'u1', email: 'admin@so.gov.vn' },
              action: 'user.roles',
              subject: { type: 'user', id: 'u2', name: 'x@y.vn' },
              changes: { roles: { from: [], to: ['officer', 'reviewer'] } },
            },
          ],
          total: 2,
          page: 1,
          pageSize: 25,
        }),
    });
    renderApp(<AuditLog />, { path: '/audit', route: '/audit' });
    // The entries arrive after the filters (whose options name the actions too).
    expect(await screen.findByText('01/05/2025 10:04')).toBeTruthy();
    expect(within(screen.getByText('01/05/2025 10:04').closest('tr')!).getByText('Từ chối tổ chức')).toBeTruthy();
    const changes = [...document.querySelectorAll('.changes li')].map((li) => li.textContent);
    expect(changes).toEqual([
      'Trạng thái: Chờ xác minh → Bị từ chối',
      'Vai trò: — → Cán bộ Sở, Thành viên hội đồng thẩm định',
    ]);
    expect(screen.getByText('Thiếu hồ sơ')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Hành động'), { target: { value: 'org.verify' } });
    fireEvent.change(screen.getByLabelText(/Người thực hiện/), { target: { value: 'officer@so.gov.vn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Áp dụng bộ lọc' }));
    await waitFor(() =>
      expect(calls.map((c) => c.path)).toContain('/audit?actor=officer%40so.gov.vn&action=org.verify&page=1&pageSize=25'),
    );
  });
});

describe('Audit log in words', () => {
  it('names every subject, state and system reason instead of showing codes', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /audit': () =>
        json(200, {
          items: [
            {
              id: 'b1',
              at: '2025-05-01T03:04:00Z',
              actor: { id: 'u9', email: 'officer@so.gov.vn' },
              action: 'listing.approve',
              subject: { type: 'listing', id: 'l1', name: 'Chè Shan tuyết' },
              changes: { state: { from: 'pending', to: 'published' } },
            },
            {
              id: 'b2',
              at: '2025-05-01T03:05:00Z',
              actor: { id: 'system' },
              action: 'org.create',
              subject: { type: 'organization', id: 'o1', name: 'HTX Chè' },
              reason: 'seed',
              changes: { status: { from: null, to: 'verified' } },
            },
            {
              id: 'b3',
              at: '2025-05-01T03:06:00Z',
              actor: { id: 'u7', email: 'a@b.vn' },
              action: 'transfer.registration',
              subject: { type: 'transfer', id: 't1', name: 'Miến dong' },
              changes: { registration: { from: { required: true, status: 'due' }, to: { required: true, status: 'submitted' } } },
            },
            {
              id: 'b4',
              at: '2025-05-01T03:07:00Z',
              actor: { id: 'u7', email: 'a@b.vn' },
              action: 'connection.interest',
              subject: { type: 'connection', id: 'c1', name: 'Máy sấy – HTX' },
              changes: { state: { from: null, to: 'requested' } },
            },
            {
              id: 'b5',
              at: '2025-05-01T03:08:00Z',
              actor: { id: 'u8', email: 'agency@so.gov.vn' },
              action: 'report.submit',
              subject: { type: 'report', id: 'r1', name: 'Sở Nông nghiệp và Môi trường 2026' },
              changes: { state: { from: 'draft', to: 'submitted' } },
            },
          ],
          total: 5,
          page: 1,
          pageSize: 25,
        }),
    });
    renderApp(<AuditLog />, { path: '/audit', route: '/audit' });
    await waitFor(() => expect(document.querySelectorAll('.action-label').length).toBe(5));
    expect([...document.querySelectorAll('.action-label')].map((x) => x.textContent)).toEqual([
      'Duyệt đăng tin',
      'Tạo tổ chức',
      'Cập nhật đăng ký chuyển giao',
      'Bày tỏ quan tâm',
      'Gửi báo cáo kế hoạch',
    ]);
    expect(screen.getByText('Nạp dữ liệu mẫu khi khởi động')).toBeTruthy();
    const changes = [...document.querySelectorAll('.changes li')].map((li) => li.textContent);
    expect(changes).toEqual([
      'Trạng thái: Chờ duyệt → Đã công bố',
      'Trạng thái: — → Đã xác minh',
      'Đăng ký chuyển giao: Phải đăng ký → Đã nộp hồ sơ đăng ký',
      'Trạng thái: — → Đã bày tỏ quan tâm',
      'Trạng thái: Đang soạn → Đã gửi',
    ]);
    const text = document.body.textContent ?? '';
    for (const code of ['transfer:', 'connection:', 'pending', 'published', 'seed', 'requested', 'submitted', 'draft', '[object Object]', '{"']) {
      expect(text).not.toContain(code);
    }
  });
});
