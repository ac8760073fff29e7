import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import ChangePassword from '../ChangePassword';
import { api } from '../../api';
import { json, mockApi, problem, renderApp, type Call } from '../../test/helpers';

const me = {
  user: { id: 'u1', email: 'mai@htx.vn', fullName: 'Hoàng Thị Mai', roles: [], createdAt: '2025-01-01T00:00:00Z' },
  organizations: [],
};

function session(changePassword: (call: Call) => Response) {
  localStorage.setItem('techmart.refresh', 'R-old');
  return mockApi({
    'POST /auth/refresh': () => json(200, { accessToken: 'A-old', refreshToken: 'R-old2', expiresIn: 900, tokenType: 'Bearer' }),
    'GET /me': () => json(200, me),
    'POST /me/password': changePassword,
  });
}

async function open() {
  renderApp(<ChangePassword />, { path: '/account/password', route: '/account/password' });
  await screen.findByRole('heading', { level: 1, name: 'Đổi mật khẩu' });
}

function fill(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText(/Mật khẩu hiện tại/), { target: { value: current } });
  fireEvent.change(screen.getByLabelText(/^Mật khẩu mới/), { target: { value: next } });
  fireEvent.change(screen.getByLabelText(/Nhập lại mật khẩu mới/), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));
}

describe('Change password', () => {
  it('sends both passwords, replaces the stored tokens and says other sessions ended', async () => {
    const { calls } = session(() =>
      json(200, { accessToken: 'A-new', refreshToken: 'R-new', expiresIn: 900, tokenType: 'Bearer' }),
    );
    await open();
    fill('demo-Techmart-2026', 'che-shan-tuyet-2026');

    expect(await screen.findByText('Đã đổi mật khẩu')).toBeTruthy();
    expect(screen.getByText(/Mọi phiên đăng nhập khác của tài khoản đã kết thúc/)).toBeTruthy();
    // The form is gone, passwords with it.
    expect(screen.queryByLabelText(/Mật khẩu hiện tại/)).toBeNull();

    const post = calls.find((c) => c.method === 'POST' && c.path === '/me/password')!;
    expect(post.body).toEqual({ currentPassword: 'demo-Techmart-2026', newPassword: 'che-shan-tuyet-2026' });
    expect(post.headers.authorization).toBe('Bearer A-old');

    // The new pair is the session now: refresh token stored, access token sent.
    expect(localStorage.getItem('techmart.refresh')).toBe('R-new');
    await api.get('/me');
    expect(calls[calls.length - 1].headers.authorization).toBe('Bearer A-new');
  });

  it('checks the confirmation and the policy before calling the server', async () => {
    const { calls } = session(() => json(500, {}));
    await open();
    fill('', 'short', 'other');
    expect(await screen.findByText('Vui lòng sửa 3 lỗi trong biểu mẫu.')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập thông tin này.')).toBeTruthy();
    expect(screen.getByText('Quá ngắn: cần ít nhất 10 ký tự.')).toBeTruthy();
    expect(screen.getByText('Mật khẩu nhập lại không khớp với mật khẩu mới.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/Mật khẩu hiện tại/));
    expect(calls.some((c) => c.path === '/me/password')).toBe(false);
  });

  it('shows the server field errors next to their fields and keeps the old tokens', async () => {
    session(() =>
      problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
        errors: [
          { field: 'currentPassword', code: 'wrong_password', message: 'Mật khẩu hiện tại không đúng.' },
          { field: 'newPassword', code: 'common_password', message: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến.' },
        ],
      }),
    );
    await open();
    fill('sai-mat-khau-1', 'password123456');

    const current = screen.getByLabelText(/Mật khẩu hiện tại/);
    expect(await screen.findByText('Mật khẩu hiện tại không đúng.')).toBeTruthy();
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(current.getAttribute('aria-describedby')).toBe('password-currentPassword-error');
    const next = screen.getByLabelText(/^Mật khẩu mới/);
    expect(next.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('password-newPassword-error')!.textContent).toBe(
      'Mật khẩu này nằm trong danh sách mật khẩu phổ biến.',
    );
    expect(screen.getByText('Vui lòng sửa 2 lỗi trong biểu mẫu.')).toBeTruthy();
    expect(document.activeElement).toBe(current);
    expect(localStorage.getItem('techmart.refresh')).toBe('R-old2');
  });

  it('explains a 429 with the waiting time', async () => {
    session(() =>
      problem(429, 'rate_limited', 'Quá nhiều lần thử.', { detail: 'Hãy thử lại sau 10 phút.', headers: { 'Retry-After': '600' } }),
    );
    await open();
    fill('sai-mat-khau-1', 'che-shan-tuyet-2026');
    expect(await screen.findByText('Quá nhiều lần thử. Hãy thử lại sau 10 phút.')).toBeTruthy();
    // The form stays, ready for a later try.
    expect(screen.getByRole('button', { name: 'Đổi mật khẩu' })).toBeTruthy();
  });
});
