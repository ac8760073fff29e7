import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import OrganizationPage from '../Organization';
import { json, mockApi, problem, renderApp, type Call } from '../../test/helpers';

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
  decidedAt: '2025-03-05T02:00:00Z',
  version: 2,
  members: [
    { userId: 'u1', email: 'mai@htx.vn', fullName: 'Hoàng Thị Mai', role, joinedAt: '2025-03-01T02:00:00Z' },
    { userId: 'u2', email: 'lan@htx.vn', fullName: 'Lò Thị Lan', role: role === 'owner' ? 'member' : 'owner', joinedAt: '2025-03-02T02:00:00Z' },
  ],
  ...(role === 'owner'
    ? { invitations: [{ id: 'i1', email: 'old@htx.vn', role: 'member', createdAt: '2025-03-03T00:00:00Z', expiresAt: '2025-03-17T00:00:00Z' }] }
    : {}),
});

function session(role: 'owner' | 'member', extra: Record<string, (call: Call) => Response> = {}) {
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
    // The only owner cannot leave.
    expect(screen.queryByRole('button', { name: 'Rời tổ chức' })).toBeNull();
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
        problem(409, 'already_member', 'Người này đã là thành viên.', {
          errors: [{ field: 'email', code: 'already_member', message: 'Người này đã là thành viên.' }],
        }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.change(screen.getByLabelText(/Thư điện tử của người được mời/), { target: { value: 'lan@htx.vn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    const input = screen.getByLabelText(/Thư điện tử của người được mời/);
    await screen.findAllByText('Người này đã là thành viên.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it("titles another organisation's page for an officer without calling it theirs", async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => json(200, { user: { id: 'off', email: 'officer@so.vn', fullName: 'Cán bộ Sở', roles: ['officer'], createdAt: '2025-01-01T00:00:00Z' }, organizations: [] }),
      'GET /organizations/o1': () => json(200, org('member'), { ETag: '"2"' }),
    });
    renderApp(<OrganizationPage />, { path: '/organization/:id', route: '/organization/o1' });
    expect(await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' })).toBeTruthy();
    expect(screen.getByText('Tổ chức', { selector: '.eyebrow' })).toBeTruthy();
    expect(screen.queryByText('Tổ chức của tôi', { selector: '.eyebrow' })).toBeNull();
    // The explanation speaks to members; an officer reads the reason only.
    expect(screen.getByText('Thiếu giấy chứng nhận đăng ký')).toBeTruthy();
    expect(screen.queryByText(/tổ chức của bạn/i)).toBeNull();
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

describe('Editing and resubmitting', () => {
  const resubmitted = (call: Call) => {
    const body = call.body as { name: string; kind: string };
    const { rejectReason: _gone, ...rest } = org('owner');
    return json(200, { ...rest, name: body.name, kind: body.kind, status: 'pending', version: 3 }, { ETag: '"3"' });
  };

  it('an owner of a rejected organisation edits and resubmits it; it is pending again', async () => {
    const { calls } = session('owner', { 'PATCH /organizations/o1': resubmitted });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    expect(screen.getByText('05/03/2025', { selector: 'dd' })).toBeTruthy();
    const note = screen.getByRole('heading', { name: 'Không được xác minh' }).parentElement!;
    expect(within(note).getByText('Thiếu giấy chứng nhận đăng ký')).toBeTruthy();

    fireEvent.click(within(note).getByRole('button', { name: 'Sửa và gửi lại' }));
    const form = screen.getByRole('region', { name: 'Sửa và gửi lại để xác minh' });
    const name = within(form).getByLabelText(/Tên tổ chức/) as HTMLInputElement;
    expect(name.value).toBe('HTX Chè Shan tuyết');
    expect(document.activeElement).toBe(name);
    expect((within(form).getByLabelText(/Loại tổ chức/) as HTMLSelectElement).value).toBe('enterprise');
    // The button that opened the form is gone while it is open.
    expect(screen.queryByRole('button', { name: 'Sửa và gửi lại' })).toBeNull();
    expect(within(note).getByText(/Hãy sửa thông tin theo lý do trên rồi gửi lại/)).toBeTruthy();
    expect(within(note).queryByText(/Chủ sở hữu của tổ chức có thể/)).toBeNull();

    fireEvent.change(name, { target: { value: '  HTX Chè Shan tuyết Bản Bung ' } });
    fireEvent.change(within(form).getByLabelText(/Loại tổ chức/), { target: { value: 'st_org' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi lại để xác minh' }));

    expect(await screen.findByText('Đã gửi lại. Tổ chức đang chờ Sở xác minh.')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe('/organizations/o1');
    expect(patch.body).toEqual({ name: 'HTX Chè Shan tuyết Bản Bung', kind: 'st_org', evidence: {} });
    expect(patch.headers['if-match']).toBe('"2"');

    expect(screen.getByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết Bản Bung' })).toBeTruthy();
    expect(screen.getByText('Chờ xác minh', { selector: '.badge' }).getAttribute('data-status')).toBe('pending');
    expect(screen.getByText('Tổ chức KH&CN công lập', { selector: 'dd' })).toBeTruthy();
    expect(screen.queryByText('Ngày quyết định')).toBeNull();
    expect(screen.queryByText('Thiếu giấy chứng nhận đăng ký')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Sửa và gửi lại để xác minh' })).toBeNull();
    // Still editable while pending; the header's organisation list is refreshed.
    expect(screen.getByRole('button', { name: 'Sửa thông tin' })).toBeTruthy();
    expect(calls.filter((c) => c.path === '/me').length).toBe(2);
  });

  it('saves name and kind of a pending organisation', async () => {
    const pending = { ...org('owner'), status: 'pending', rejectReason: undefined };
    const { calls } = session('owner', {
      'GET /organizations/o1': () => json(200, pending, { ETag: '"2"' }),
      'PATCH /organizations/o1': (call) => json(200, { ...pending, ...(call.body as object), version: 3 }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Sửa thông tin' }));
    const form = screen.getByRole('region', { name: 'Sửa thông tin tổ chức' });
    fireEvent.change(within(form).getByLabelText(/Tên tổ chức/), { target: { value: 'HTX Chè Tân Cương' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu thay đổi' }));
    expect(await screen.findByText('Đã lưu thông tin tổ chức.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'HTX Chè Tân Cương' })).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ name: 'HTX Chè Tân Cương', kind: 'enterprise', evidence: {} });
  });

  it('tells the owner to reload on 412 and reloads on request', async () => {
    const { calls } = session('owner', {
      'PATCH /organizations/o1': () => problem(412, 'version_mismatch', 'Dữ liệu đã được người khác thay đổi; hãy tải lại.'),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Sửa và gửi lại' }));
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lại để xác minh' }));
    expect(
      await screen.findByText('Tổ chức vừa được người khác thay đổi. Hãy tải lại để xem thông tin mới nhất rồi sửa lại.'),
    ).toBeTruthy();
    const gets = () => calls.filter((c) => c.method === 'GET' && c.path === '/organizations/o1').length;
    expect(gets()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Tải lại thông tin' }));
    await waitFor(() => expect(gets()).toBe(2));
    expect(screen.queryByRole('region', { name: 'Sửa và gửi lại để xác minh' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sửa và gửi lại' })).toBeTruthy();
  });

  it('shows server field errors next to the fields', async () => {
    const { calls } = session('owner', {
      'PATCH /organizations/o1': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [{ field: 'name', code: 'invalid_characters', message: 'Có ký tự không được phép (ví dụ < >).' }],
        }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Sửa và gửi lại' }));
    const name = screen.getByLabelText(/Tên tổ chức/);
    // Client check first: a one-letter name never reaches the server.
    fireEvent.change(name, { target: { value: 'H' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lại để xác minh' }));
    expect(await screen.findByText('Quá ngắn: cần ít nhất 2 ký tự.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    fireEvent.change(name, { target: { value: 'HTX <Chè>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi lại để xác minh' }));
    expect(await screen.findByText('Có ký tự không được phép (ví dụ < >).')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe('org-name-error');
  });

  it('gives a member no edit button', async () => {
    session('member');
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    expect(screen.getByText('Thiếu giấy chứng nhận đăng ký')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sửa và gửi lại' })).toBeNull();
    expect(screen.getByText('Chủ sở hữu của tổ chức có thể sửa thông tin và gửi lại để Sở xác minh.')).toBeTruthy();
  });
});

describe('Leaving', () => {
  it('a member confirms, leaves and lands on the list with a notice', async () => {
    let left = false;
    const { calls } = session('member', {
      'GET /me': () => json(200, left ? { ...me('member'), organizations: [] } : me('member')),
      'DELETE /organizations/o1/members/u1': () => {
        left = true;
        return new Response(null, { status: 204 });
      },
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    const section = screen.getByRole('region', { name: 'Rời tổ chức' });
    fireEvent.click(within(section).getByRole('button', { name: 'Rời tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Rời HTX Chè Shan tuyết?' });
    expect(within(dialog).getByText(/Bạn sẽ không còn là thành viên của HTX Chè Shan tuyết/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rời tổ chức' }));

    expect(await screen.findByText('Bạn đã rời HTX Chè Shan tuyết.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Tổ chức của tôi' })).toBeTruthy();
    expect(screen.getByText('Bạn chưa thuộc tổ chức nào.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/organizations/o1/members/u1']);
  });

  it('cancelling sends nothing', async () => {
    const { calls } = session('member');
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Rời tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Rời HTX Chè Shan tuyết?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
  });

  it('shows the reason of a 409 in the dialog and stays', async () => {
    session('member', {
      'DELETE /organizations/o1/members/u1': () =>
        problem(409, 'last_owner', 'Không thể gỡ chủ sở hữu cuối cùng của tổ chức.'),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Rời tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Rời HTX Chè Shan tuyết?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rời tổ chức' }));
    expect(await within(dialog).findByText('Không thể gỡ chủ sở hữu cuối cùng của tổ chức.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' })).toBeTruthy();
  });

  it('falls back to the server text for a conflict it does not know', async () => {
    session('member', {
      'DELETE /organizations/o1/members/u1': () =>
        problem(409, 'membership_locked', 'Tư cách thành viên đang bị khóa.'),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    await screen.findByRole('heading', { level: 1, name: 'HTX Chè Shan tuyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Rời tổ chức' }));
    const dialog = screen.getByRole('dialog', { name: 'Rời HTX Chè Shan tuyết?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rời tổ chức' }));
    expect(await within(dialog).findByText('Tư cách thành viên đang bị khóa.')).toBeTruthy();
  });
});

describe('Certificate scan', () => {
  const cert = { id: 'f1', name: 'giay-dkkd.pdf', size: 2048 };
  const withCert = (role: 'owner' | 'member', edit: boolean, c?: typeof cert) => ({
    ...org(role),
    evidence: c ? { certificate: c } : {},
    can: { verify: false, reject: false, edit, describe: edit },
  });

  it('an owner uploads the scan; the page shows its name and the notice', async () => {
    const { calls } = session('owner', {
      'GET /organizations/o1': () => json(200, withCert('owner', true), { ETag: '"2"' }),
      'POST /organizations/o1/certificate': () => json(201, { ...withCert('owner', true, cert), version: 3 }, { ETag: '"3"' }),
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    const box = await screen.findByTestId('org-certificate');
    expect(within(box).getByText('Chưa tải lên.')).toBeTruthy();
    const input = within(box).getByLabelText('Tải lên bản chụp') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'giay-dkkd.pdf', { type: 'application/pdf' })] } });
    expect(await within(box).findByText('giay-dkkd.pdf')).toBeTruthy();
    expect(screen.getByText('Đã tải lên “giay-dkkd.pdf”.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/organizations/o1/certificate')!;
    expect(post.headers['if-match']).toBe('"2"');
    expect(within(box).getByLabelText('Thay bản chụp')).toBeTruthy();
  });

  it('shows an officer or a member the scan to download, with no upload or removal', async () => {
    session('member', { 'GET /organizations/o1': () => json(200, withCert('member', false, cert), { ETag: '"2"' }) });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    const box = await screen.findByTestId('org-certificate');
    expect(within(box).getByText('giay-dkkd.pdf')).toBeTruthy();
    expect(within(box).getByRole('button', { name: 'Tải về giay-dkkd.pdf' })).toBeTruthy();
    expect(within(box).queryByRole('button', { name: /^Xóa/ })).toBeNull();
    expect(within(box).queryByTestId('org-certificate-input')).toBeNull();
  });

  it('an owner removes the scan after confirming', async () => {
    let removed = false;
    const { calls } = session('owner', {
      'GET /organizations/o1': () => json(200, withCert('owner', true, removed ? undefined : cert), { ETag: '"2"' }),
      'DELETE /organizations/o1/certificate': () => {
        removed = true;
        return new Response(null, { status: 204 });
      },
    });
    renderApp(<OrganizationPage />, { path: '/organization', route: '/organization' });
    const box = await screen.findByTestId('org-certificate');
    fireEvent.click(within(box).getByRole('button', { name: 'Xóa giay-dkkd.pdf' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Xóa' }));
    expect(await screen.findByText('Đã gỡ bản chụp giấy chứng nhận.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('org-certificate')).getByText('Chưa tải lên.')).toBeTruthy());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/organizations/o1/certificate' && c.headers['if-match'] === '"2"')).toBe(true);
  });
});
