import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from '../i18n';
import { Layout, supportLinks } from './Layout';
import { json, mockApi, problem, renderApp } from '../test/helpers';
import type { PlatformRole } from '../api/types';

// The server says what the person may start (`can`); the navigation follows it.
function meWith(roles: PlatformRole[], orgs = 1, kind = 'enterprise', can = { proposeTasks: orgs > 0 }) {
  return json(200, {
    can,
    user: { id: 'u1', email: 'can.bo@sokhcn.gov.vn', fullName: 'Cán Bộ A', roles, createdAt: '2025-01-01T00:00:00Z' },
    organizations: Array.from({ length: orgs }, (_, i) => ({
      id: `o${i}`,
      name: `Org ${i}`,
      kind,
      status: 'pending',
      role: 'owner',
    })),
  });
}

function navLinks() {
  const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent);
}

/** Opens a navigation group and lists its links (name, address); closes it again. */
function groupLinks(name: string): [string, string][] {
  const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
  const toggle = within(nav).getByRole('button', { name });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  const menu = document.getElementById(toggle.getAttribute('aria-controls')!)!;
  const links = within(menu)
    .getAllByRole('link')
    .map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]);
  fireEvent.keyDown(document, { key: 'Escape' });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(document.activeElement).toBe(toggle);
  return links;
}

describe('Layout', () => {
  it('shows login and register to visitors', () => {
    mockApi({});
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    expect(navLinks()).toEqual(['Trang chủ', 'Sự kiện', 'Kết quả thực hiện', 'Đăng nhập', 'Đăng ký']);
    expect(groupLinks('Hỗ trợ')).toEqual([
      ['Chương trình hỗ trợ', '/support'],
      ['Kinh phí hỗ trợ', '/support/dashboard'],
    ]);
    expect(screen.getByText('Sở Khoa học và Công nghệ – Thái Nguyên')).toBeTruthy();
    // Search is one tap away on every screen, outside the folded menu.
    expect(screen.getByRole('link', { name: 'Tìm kiếm' }).getAttribute('href')).toBe('/search');
  });

  it('shows officer items to an officer and admin items only to an admin', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith(['officer'], 0),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    expect(await screen.findByText('Cán Bộ A')).toBeTruthy();
    expect(navLinks()).toEqual(['Trang chủ', 'Sự kiện', 'Kết quả thực hiện']);
    expect(groupLinks('Hỗ trợ').map(([name]) => name)).toEqual(['Chương trình hỗ trợ', 'Hồ sơ đề nghị hỗ trợ', 'Kinh phí hỗ trợ']);
    expect(groupLinks('Nghiệp vụ').map(([name]) => name)).toEqual(['Xác minh tổ chức', 'Duyệt tin', 'Kết nối cung – cầu', 'Nhiệm vụ KH&CN', 'Kế hoạch và chỉ tiêu', 'Từ đồng nghĩa', 'Nhật ký hoạt động']);
  });

  it('shows every item to an admin who is also an organisation member', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith(['admin']),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    await screen.findByText('Cán Bộ A');
    expect(navLinks()).toEqual(['Trang chủ', 'Sự kiện', 'Kết quả thực hiện', 'Tin của tôi', 'Tổ chức của tôi']);
    expect(groupLinks('Hỗ trợ')).toEqual([
      ['Chương trình hỗ trợ', '/support'],
      ['Hồ sơ đề nghị hỗ trợ', '/support/applications?scope=all'],
      ['Hồ sơ của tôi', '/support/applications?scope=mine'],
      ['Kinh phí hỗ trợ', '/support/dashboard'],
    ]);
    expect(groupLinks('Nghiệp vụ').map(([name]) => name)).toEqual([
      'Xác minh tổ chức',
      'Duyệt tin',
      'Kết nối cung – cầu',
      'Nhiệm vụ KH&CN',
      'Kế hoạch và chỉ tiêu',
      'Từ đồng nghĩa',
      'Nhật ký hoạt động',
      'Người dùng',
      'Sao lưu',
    ]);
  });

  it('gives members their connections and the bell', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith([]),
      'GET /notifications/unread': () => json(200, { unread: 0 }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    await screen.findByText('Cán Bộ A');
    expect(navLinks()).toEqual(['Trang chủ', 'Sự kiện', 'Kết quả thực hiện', 'Tin của tôi', 'Kết nối', 'Đề xuất nhiệm vụ', 'Tổ chức của tôi']);
    expect(groupLinks('Hỗ trợ').map(([name]) => name)).toEqual(['Chương trình hỗ trợ', 'Hồ sơ của tôi', 'Kinh phí hỗ trợ']);
    expect(screen.getByRole('link', { name: 'Thông báo' }).getAttribute('href')).toBe('/notifications');
  });

  it('gives an agency member their reports, not the marketplace’s listings and connections', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith([], 1, 'agency'),
      'GET /notifications/unread': () => json(200, { unread: 0 }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    await screen.findByText('Cán Bộ A');
    expect(navLinks()).toEqual(['Trang chủ', 'Sự kiện', 'Kết quả thực hiện', i18n.t('nav.planReports'), 'Đề xuất nhiệm vụ', 'Tổ chức của tôi']);
  });

  it('offers task proposals only when the server says the person may propose', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      // An enterprise not verified yet: a member, but no proposer.
      'GET /me': () => meWith([], 1, 'enterprise', { proposeTasks: false }),
      'GET /notifications/unread': () => json(200, { unread: 0 }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    await screen.findByText('Cán Bộ A');
    expect(navLinks()).not.toContain('Đề xuất nhiệm vụ');
    expect(navLinks()).toContain('Tổ chức của tôi');
  });

  it('shows a reviewer the applications to appraise', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith(['reviewer'], 0),
      'GET /notifications/unread': () => json(200, { unread: 0 }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    await screen.findByText('Cán Bộ A');
    expect(screen.queryByRole('button', { name: 'Nghiệp vụ' })).toBeNull();
    expect(groupLinks('Hỗ trợ')).toEqual([
      ['Chương trình hỗ trợ', '/support'],
      ['Hồ sơ được giao thẩm định', '/support/applications?scope=assigned'],
      ['Kinh phí hỗ trợ', '/support/dashboard'],
    ]);
  });

  it('has an account menu with "Đổi mật khẩu" and log-out', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    const { calls } = mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith([]),
      'POST /auth/logout': () => new Response(null, { status: 204 }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    const toggle = await screen.findByRole('button', { name: 'Tài khoản: Cán Bộ A' });
    expect(toggle.textContent).toContain('Tài khoản');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('link', { name: 'Đổi mật khẩu' })).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const menu = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(within(menu).getByText('can.bo@sokhcn.gov.vn')).toBeTruthy();
    expect(within(menu).getByRole('link', { name: 'Đổi mật khẩu' }).getAttribute('href')).toBe('/account/password');
    expect(within(menu).getByRole('link', { name: 'Thông báo qua thư' }).getAttribute('href')).toBe('/account/notifications');

    // Escape closes it and gives focus back to the button.
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);

    fireEvent.click(toggle);
    fireEvent.click(within(menu).getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('link', { name: 'Đăng nhập' })).toBeTruthy();
    expect(calls.find((c) => c.path === '/auth/logout')!.body).toEqual({ refreshToken: 'R2' });
  });

  it('closes the account menu when the page changes', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => meWith([]),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
      { path: '*' },
    );
    const toggle = await screen.findByRole('button', { name: 'Tài khoản: Cán Bộ A' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('link', { name: 'Đổi mật khẩu' }));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // Opening it again on the new page works.
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('announces an expired session', async () => {
    localStorage.setItem('techmart.refresh', 'stale');
    mockApi({
      'POST /auth/refresh': () => problem(401, 'invalid_refresh_token', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    expect(await screen.findByText('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();
    expect(localStorage.getItem('techmart.refresh')).toBeNull();
  });

  it('switches language, updates <html lang> and toggles the mobile menu', async () => {
    mockApi({});
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    const en = screen.getByRole('button', { name: 'English (EN)' });
    expect(en.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(en);
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByRole('button', { name: 'English (EN)' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Technology and equipment market')).toBeTruthy();

    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menu);
    expect(screen.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById('site-nav')!.className).toContain('open');
  });

  it('marks the support link of the page one is on, the list by its scope', () => {
    const t = i18n.getFixedT('vi');
    const current = (who: { member: boolean; officer: boolean; reviewer: boolean }, path: string) => {
      const [pathname, search = ''] = path.split('?');
      return supportLinks(t, who, { pathname, search: search ? `?${search}` : '' })
        .filter((l) => l.current)
        .map((l) => l.to);
    };
    const officerMember = { member: true, officer: true, reviewer: false };
    expect(current(officerMember, '/support')).toEqual(['/support']);
    expect(current(officerMember, '/support/6b0937a2')).toEqual(['/support']);
    expect(current(officerMember, '/support/6b0937a2/edit')).toEqual([]);
    // Without a scope an officer lands on the queue, a reviewer on their assignments.
    expect(current(officerMember, '/support/applications')).toEqual(['/support/applications?scope=all']);
    expect(current(officerMember, '/support/applications?scope=mine&page=2')).toEqual(['/support/applications?scope=mine']);
    expect(current({ member: false, officer: false, reviewer: true }, '/support/applications')).toEqual(['/support/applications?scope=assigned']);
    expect(current({ member: true, officer: false, reviewer: false }, '/support/applications/a1')).toEqual([]);
    expect(current(officerMember, '/support/dashboard')).toEqual(['/support/dashboard']);
  });
});
