import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import OrganizationPage from '../Organization';
import { json, mockApi, renderApp } from '../../test/helpers';

const me = (role: 'owner' | 'member') => ({
  user: { id: 'u1', email: 'mai@htx.vn', fullName: 'Hoàng Thị Mai', roles: [], createdAt: '2025-01-01T00:00:00Z' },
  organizations: [{ id: 'o1', name: 'HTX Chè', kind: 'enterprise', status: 'pending', role }],
});

const org = (role: 'owner' | 'member') => ({
  id: 'o1',
  name: 'HTX Chè Shan tuyết',
  kind: 'enterprise',
  status: 'rejected',
  rejectReason: 'Thiếu giấy chứng nhận đăng ký',
  createdAt: '2025-03-01T02:00:00Z',
  version: 2,
  members: [
    { userId: 'u1', email: 'mai@htx.vn', fullName: 'Hoàng Thị Mai', role, joinedAt: '2025-03-01T02:00:00Z' },
    { userId: 'u2', email: 'lan@htx.vn', fullName: 'Lò Thị Lan', role: role === 'owner' ? 'member' : 'owner', joinedAt: '2025-03-02T02:00:00Z' },
  ],
  ...(role === 'owner'
    ? { invitations: [{ id: 'i1', email: 'old@htx.vn', role: 'member', createdAt: '2025-03-03T00:00:00Z', expiresAt: '2025-03-17T00:00:00Z' }] }
    : {}),
});

function session(role: 'owner' | 'member', extra: Record<string, () => Response> = {}) {
  localStorage.setItem('techmart.refresh', 'R');
  return mockApi({
    'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
    'GET /me': () => json(200, me(role)),
    'GET /organizations/o1': () => json(200, org(role), { ETag: '"2"' }),
    ...extra,
  });
}

describe('My organisation', () => {
  it('shows status, the rejection reason, members and owner tools', async () => {
    session('owner');
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    expect(await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' })).toBeTruthy();
    expect(screen.getByText('Bị từ chối')).toBeTruthy();
    expect(screen.getByText('Thiếu giấy chứng nhận đăng ký')).toBeTruthy();
    expect(screen.getByText('01/03/2025', { selector: 'dd' })).toBeTruthy();
    const members = screen.getByRole('region', { name: 'Thành viên' });
    // The only owner cannot be removed; the member can.
    expect(within(members).queryByRole('button', { name: 'Xóa Hoàng Thị Mai' })).toBeNull();
    expect(within(members).getByRole('button', { name: 'Xóa Lò Thị Lan' })).toBeTruthy();
    expect(screen.getByText('Không thể xóa chủ sở hữu cuối cùng.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Lời mời đang chờ' }).textContent).toContain('old@htx.vn');
    expect(screen.getByRole('heading', { name: 'Mời thành viên' })).toBeTruthy();
  });

  it('invites and shows the link with a copy button and the e-mail note', async () => {
    const { calls } = session('owner', {
      'POST /organizations/o1/invitations': () =>
        json(201, {
          invitation: { id: 'i2', email: 'new@htx.vn', role: 'owner', createdAt: '', expiresAt: '' },
          acceptUrl: 'https://techmart.example/invitations/tok123',
          emailSent: false,
        }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.change(screen.getByLabelText(/Thư điện tử của người được mời/), { target: { value: 'new@htx.vn' } });
    fireEvent.change(screen.getByLabelText('Vai trò'), { target: { value: 'owner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    const link = (await screen.findByLabelText('Đường liên kết mời')) as HTMLTextAreaElement;
    expect(link.value).toBe('https://techmart.example/invitations/tok123');
    expect(screen.getByRole('button', { name: 'Sao chép' })).toBeTruthy();
    expect(screen.getByText('Chưa gửi thư điện tử. Hãy tự gửi đường liên kết này cho người được mời.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/organizations/o1/invitations')!;
    expect(post.body).toEqual({ email: 'new@htx.vn', role: 'owner' });
  });

  it('shows already_member under the email field', async () => {
    session('owner', {
      'POST /organizations/o1/invitations': () =>
        json(409, { status: 409, code: 'already_member', errors: [{ field: 'email', code: 'already_member', message: 'x' }] }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.change(screen.getByLabelText(/Thư điện tử của người được mời/), { target: { value: 'lan@htx.vn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    const input = screen.getByLabelText(/Thư điện tử của người được mời/);
    await screen.findAllByText('Người này đã là thành viên của tổ chức.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('gives members no owner tools', async () => {
    session('member');
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    expect(screen.queryByRole('heading', { name: 'Mời thành viên' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Xóa/ })).toBeNull();
    expect(screen.getByText('Thành viên', { selector: 'dd' })).toBeTruthy();
  });
});
