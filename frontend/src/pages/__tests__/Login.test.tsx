import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import Login from '../Login';
import { json, mockApi, problem, renderApp, testConfig } from '../../test/helpers';

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText(/Thư điện tử/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/Mật khẩu/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('Login page', () => {
  it('validates before calling the server', async () => {
    const { calls } = mockApi({});
    renderApp(<Login />, { path: '/login', route: '/login' });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByText('Vui lòng sửa 2 lỗi trong biểu mẫu.')).toBeTruthy();
    const email = screen.getByLabelText(/Thư điện tử/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
    const describedBy = email.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)!.textContent).toBe('Vui lòng nhập thông tin này.');
    expect(calls).toHaveLength(0);
  });

  it('shows the server’s words on 401', async () => {
    mockApi({
      'POST /auth/login': () => problem(401, 'invalid_credentials', 'Email hoặc mật khẩu không đúng.'),
    });
    renderApp(<Login />, { path: '/login', route: '/login' });
    fill('someone@example.vn', 'wrong-password');
    const alert = await screen.findByText('Email hoặc mật khẩu không đúng.');
    expect(alert.closest('[role="alert"]')).toBeTruthy();
  });

  it('tells how many minutes to wait on 429, as the server says it', async () => {
    mockApi({
      'POST /auth/login': () =>
        problem(429, 'rate_limited', 'Quá nhiều lần thử.', { detail: 'Hãy thử lại sau 9 phút.', headers: { 'Retry-After': '540' } }),
    });
    renderApp(<Login />, { path: '/login', route: '/login' });
    fill('someone@example.vn', 'whatever-password');
    expect(await screen.findByText('Quá nhiều lần thử. Hãy thử lại sau 9 phút.')).toBeTruthy();
  });

  it('logs in and goes to the requested page', async () => {
    const { calls } = mockApi({
      'POST /auth/login': () =>
        json(200, { accessToken: 'A', refreshToken: 'R', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () =>
        json(200, {
          user: { id: 'u1', email: 'a@b.vn', fullName: 'A', roles: [], createdAt: '2025-01-01T00:00:00Z' },
          organizations: [],
        }),
    });
    renderApp(<Login />, { path: '/login', route: '/login?next=%2Forganization' });
    fill('a@b.vn', 'correct-password');
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /auth/login', 'GET /me']);
    expect(calls[1].headers.authorization).toBe('Bearer A');
    expect(localStorage.getItem('techmart.refresh')).toBe('R');
  });

  it('lists demo accounts when the server runs in demo mode', async () => {
    mockApi({});
    renderApp(<Login />, {
      path: '/login',
      route: '/login',
      config: {
        ...testConfig,
        demo: true,
        demoPassword: 'demo-pass-123',
        demoAccounts: [
          { email: 'officer@demo.techmart.vn', role: 'officer' },
          { email: 'enterprise@demo.techmart.vn', role: 'enterprise' },
        ],
      },
    });
    const box = screen.getByText('Tài khoản dùng thử').closest('details')!;
    expect(within(box).getByText('demo-pass-123')).toBeTruthy();
    expect(within(box).getByText('Cán bộ Sở')).toBeTruthy();
    expect(within(box).getByText('Doanh nghiệp')).toBeTruthy();
    fireEvent.click(within(box).getByRole('button', { name: 'Dùng officer@demo.techmart.vn' }));
    await waitFor(() =>
      expect((screen.getByLabelText(/Thư điện tử/) as HTMLInputElement).value).toBe('officer@demo.techmart.vn'),
    );
    expect((screen.getByLabelText(/Mật khẩu/) as HTMLInputElement).value).toBe('demo-pass-123');
  });

  it('shows no demo box outside demo mode', () => {
    mockApi({});
    renderApp(<Login />, { path: '/login', route: '/login' });
    expect(screen.queryByText('Tài khoản dùng thử')).toBeNull();
  });
});
