import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RegisterForm } from '../../components/RegisterForm';
import { json, mockApi, problem, renderApp } from '../../test/helpers';

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
    expect(calls).toHaveLength(0);
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

  it('shows server field errors under the fields', async () => {
    mockApi({
      'POST /auth/register': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'email', code: 'email_taken', message: 'Email này đã được đăng ký.' },
            { field: 'organization.name', code: 'invalid_characters', message: 'Có ký tự không được phép (ví dụ < >).' },
          ],
        }),
    });
    renderApp(<RegisterForm onDone={() => undefined} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const emailError = await screen.findByText('Email này đã được đăng ký.');
    expect(emailError.id).toBe(screen.getByLabelText(/Thư điện tử/).getAttribute('aria-describedby'));
    expect(screen.getByText('Có ký tự không được phép (ví dụ < >).')).toBeTruthy();
    expect(screen.getByText('Vui lòng sửa 2 lỗi trong biểu mẫu.')).toBeTruthy();
  });

  it('places a 409 email_taken on the email field by its errors[]', async () => {
    mockApi({
      'POST /auth/register': () =>
        problem(409, 'email_taken', 'Email này đã được đăng ký.', {
          errors: [{ field: 'email', code: 'email_taken', message: 'Email này đã được đăng ký.' }],
        }),
    });
    renderApp(<RegisterForm onDone={() => undefined} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const emailError = await screen.findByText('Email này đã được đăng ký.');
    expect(emailError.id).toBe(screen.getByLabelText(/Thư điện tử/).getAttribute('aria-describedby'));
  });

  it('registers, logs in and reports success', async () => {
    const onDone = vi.fn();
    const { calls } = mockApi({
      'POST /auth/register': () =>
        json(201, {
          user: { id: 'u1', email: 'nam@htx-mien.vn', fullName: 'Hoàng Văn Nam', roles: [], createdAt: '' },
          organization: { id: 'o1', name: 'HTX Miến dong Côn Minh', kind: 'enterprise' },
        }),
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
    expect(calls[0].body).toEqual({
      email: 'nam@htx-mien.vn',
      password: 'mien-dong-2025',
      fullName: 'Hoàng Văn Nam',
      organization: { name: 'HTX Miến dong Côn Minh', kind: 'enterprise' },
    });
    expect(calls[0].headers['accept-language']).toBe('vi');
    expect(calls.map((c) => c.path)).toEqual(['/auth/register', '/auth/login', '/me']);
  });

  it('registers with an invitation token and no organisation', async () => {
    const { calls } = mockApi({
      'POST /auth/register': () => json(201, { user: {}, organization: { id: 'o1', name: 'X', kind: 'enterprise' } }),
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
    expect(calls[0].body).toEqual({
      email: 'i@x.vn',
      password: 'long-enough-pw',
      fullName: 'Lò Thị Inh',
      invitationToken: 'tok-1',
    });
  });
});
