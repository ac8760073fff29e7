import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RegisterForm } from '../../components/RegisterForm';
import { json, mockApi, problem, renderApp } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
import Login from '../Login';
import Register from '../Register';

function fillValid() {
  fireEvent.change(screen.getByLabelText(/Họ và tên/), { target: { value: 'Hoàng Văn Nam' } });
  fireEvent.change(screen.getByLabelText(/Thư điện tử/), { target: { value: 'nam@htx-mien.vn' } });
  fireEvent.change(screen.getByLabelText(/^Mật khẩu/), { target: { value: 'mien-dong-2025' } });
  fireEvent.change(screen.getByLabelText(/Tên tổ chức/), { target: { value: 'HTX Miến dong Côn Minh' } });
  fireEvent.change(screen.getByLabelText(/Loại tổ chức/), { target: { value: 'enterprise' } });
}

describe('Register form', () => {
  it('shows every client error and announces the count', async () => {
    const { calls } = mockApi({});
    renderApp(<RegisterForm onDone={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    expect(await screen.findByText('Vui lòng sửa 5 lỗi trong biểu mẫu.')).toBeTruthy();
    expect(screen.getAllByText('Vui lòng nhập thông tin này.')).toHaveLength(5);
    expect(document.activeElement).toBe(screen.getByLabelText(/Họ và tên/));
    expect(calls.filter((c) => c.path !== '/taxonomy')).toHaveLength(0);
    // Errors update as the user types after the first attempt.
    fireEvent.change(screen.getByLabelText(/^Mật khẩu/), { target: { value: 'abc' } });
    expect(screen.getByText('Quá ngắn: cần ít nhất 10 ký tự.')).toBeTruthy();
  });

  it('lists organisation kinds in Vietnamese', () => {
    mockApi({});
    renderApp(<RegisterForm onDone={() => undefined} />);
    const select = screen.getByLabelText(/Loại tổ chức/) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '— Chọn loại tổ chức —',
      'Viện nghiên cứu',
      'Trường đại học/cao đẳng',
      'Tổ chức KH&CN công lập',
      'Doanh nghiệp',
      'Cá nhân/nhà sáng chế',
    ]);
  });

  it('shows server field errors under the fields, in the server\'s words when the app has none', async () => {
    mockApi({
      'POST /auth/register': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'password', code: 'common_password', message: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến.' },
            { field: 'organization.name', code: 'invalid_characters', message: 'Có ký tự không được phép (ví dụ < >).' },
          ],
        }),
    });
    renderApp(<RegisterForm onDone={() => undefined} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const passwordError = await screen.findByText('Mật khẩu này nằm trong danh sách mật khẩu phổ biến.');
    expect(screen.getByLabelText(/^Mật khẩu/).getAttribute('aria-describedby')).toContain(passwordError.id);
    expect(screen.getByText('Có ký tự không được phép (ví dụ < >).')).toBeTruthy();
    expect(screen.getByText('Vui lòng sửa 2 lỗi trong biểu mẫu.')).toBeTruthy();
  });

  it('after an accepted sign-up whose log-in fails (a taken e-mail looks so), says neutrally to log in', async () => {
    const onDone = vi.fn();
    const onLoginFailed = vi.fn();
    const { calls } = mockApi({
      'POST /auth/register': () => json(202, { status: 'accepted' }),
      'POST /auth/login': () => problem(401, 'invalid_credentials', 'Email hoặc mật khẩu không đúng.'),
    });
    renderApp(<RegisterForm onDone={onDone} onLoginFailed={onLoginFailed} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    await waitFor(() => expect(onLoginFailed).toHaveBeenCalled());
    expect(onLoginFailed).toHaveBeenCalledWith(
      'Đăng ký đã được ghi nhận nhưng chưa đăng nhập được. Nếu thư điện tử này đã có tài khoản, chúng tôi đã gửi thư tới hộp thư đó: hãy đăng nhập bằng mật khẩu của tài khoản ấy.',
      'nam@htx-mien.vn',
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(calls.filter((c) => c.path !== '/taxonomy').map((c) => c.path)).toEqual(['/auth/register', '/auth/login']);
  });

  it('sends a taken e-mail\'s sign-up to the log-in page with the message and the e-mail filled in', async () => {
    mockApi({
      'POST /auth/register': () => json(202, { status: 'accepted' }),
      'POST /auth/login': () => problem(401, 'invalid_credentials', 'Email hoặc mật khẩu không đúng.'),
    });
    renderRoutes(
      [
        { path: '/register', element: <Register /> },
        { path: '/login', element: <Login /> },
      ],
      '/register',
    );
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    await waitFor(() => expect(location()).toBe('/login'));
    expect(screen.getByText(/Đăng ký đã được ghi nhận nhưng chưa đăng nhập được/)).toBeTruthy();
    expect((screen.getByLabelText(/Thư điện tử/) as HTMLInputElement).value).toBe('nam@htx-mien.vn');
    expect((screen.getByLabelText(/^Mật khẩu/) as HTMLInputElement).value).toBe('');
  });

  it('shows the sign-up limit with the server\'s wait', async () => {
    mockApi({
      'POST /auth/register': () =>
        problem(429, 'rate_limited', 'Quá nhiều lần thử.', { detail: 'Hãy thử lại sau 30 phút.', headers: { 'Retry-After': '1800' } }),
    });
    renderApp(<RegisterForm onDone={() => undefined} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    expect(await screen.findByText(/30 phút/)).toBeTruthy();
  });

  it('registers, logs in and reports success', async () => {
    const onDone = vi.fn();
    const { calls } = mockApi({
      'POST /auth/register': () => json(202, { status: 'accepted' }),
      'POST /auth/login': () =>
        json(200, { accessToken: 'A', refreshToken: 'R', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () =>
        json(200, {
          user: { id: 'u1', email: 'nam@htx-mien.vn', fullName: 'Hoàng Văn Nam', roles: [], createdAt: '' },
          organizations: [{ id: 'o1', name: 'HTX', kind: 'enterprise', status: 'pending', role: 'owner' }],
        }),
    });
    renderApp(<RegisterForm onDone={onDone} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.filter((c) => c.path !== '/taxonomy')[0].body).toEqual({
      email: 'nam@htx-mien.vn',
      password: 'mien-dong-2025',
      fullName: 'Hoàng Văn Nam',
      organization: { name: 'HTX Miến dong Côn Minh', kind: 'enterprise', evidence: {} },
    });
    expect(calls.filter((c) => c.path !== '/taxonomy')[0].headers['accept-language']).toBe('vi');
    expect(calls.filter((c) => c.path !== '/taxonomy').map((c) => c.path)).toEqual(['/auth/register', '/auth/login', '/me']);
  });

  it('registers with an invitation token and no organisation', async () => {
    const { calls } = mockApi({
      'POST /auth/register': () => json(202, { status: 'accepted' }),
      'POST /auth/login': () =>
        json(200, { accessToken: 'A', refreshToken: 'R', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => json(200, { user: { id: 'u', email: 'i@x.vn', fullName: 'I', roles: [] }, organizations: [] }),
    });
    const onDone = vi.fn();
    renderApp(<RegisterForm invitation={{ token: 'tok-1', email: 'i@x.vn' }} onDone={onDone} />);
    expect(screen.queryByLabelText(/Tên tổ chức/)).toBeNull();
    expect((screen.getByLabelText(/Thư điện tử/) as HTMLInputElement).readOnly).toBe(true);
    fireEvent.change(screen.getByLabelText(/Họ và tên/), { target: { value: 'Lò Thị Inh' } });
    fireEvent.change(screen.getByLabelText(/^Mật khẩu/), { target: { value: 'long-enough-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.filter((c) => c.path !== '/taxonomy')[0].body).toEqual({
      email: 'i@x.vn',
      password: 'long-enough-pw',
      fullName: 'Lò Thị Inh',
      invitationToken: 'tok-1',
    });
  });
});
