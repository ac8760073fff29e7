import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { Layout } from './Layout';
import { json, mockApi, renderApp } from '../test/helpers';
import type { PlatformRole } from '../api/types';

function meWith(roles: PlatformRole[], orgs = 1) {
  return json(200, {
    user: { id: 'u1', email: 'can.bo@sokhcn.gov.vn', fullName: 'Cán Bộ A', roles, createdAt: '2025-01-01T00:00:00Z' },
    organizations: Array.from({ length: orgs }, (_, i) => ({
      id: `o${i}`,
      name: `Org ${i}`,
      kind: 'enterprise',
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

describe('Layout', () => {
  it('shows login and register to visitors', () => {
    mockApi({});
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    expect(navLinks()).toEqual(['Trang chủ', 'Chương trình hỗ trợ', 'Đăng nhập', 'Đăng ký']);
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
    expect(navLinks()).toEqual(['Trang chủ', 'Chương trình hỗ trợ', 'Xác minh tổ chức', 'Duyệt tin', 'Kết nối cung – cầu', 'Nhật ký hoạt động']);
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
    expect(navLinks()).toEqual([
      'Trang chủ',
      'Chương trình hỗ trợ',
      'Tin của tôi',
      'Tổ chức của tôi',
      'Xác minh tổ chức',
      'Duyệt tin',
      'Kết nối cung – cầu',
      'Nhật ký hoạt động',
      'Người dùng',
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
    expect(navLinks()).toEqual(['Trang chủ', 'Chương trình hỗ trợ', 'Tin của tôi', 'Kết nối', 'Tổ chức của tôi']);
    expect(screen.getByRole('link', { name: 'Thông báo' }).getAttribute('href')).toBe('/notifications');
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
      'POST /auth/refresh': () => json(401, { status: 401, code: 'invalid_refresh_token' }),
    });
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    expect(await screen.findByText('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();
    expect(localStorage.getItem('techmart.refresh')).toBeNull();
  });

  it('switches language, updates <html lang> and toggles the mobile menu', () => {
    mockApi({});
    renderApp(
      <Layout>
        <h1>x</h1>
      </Layout>,
    );
    const en = screen.getByRole('button', { name: 'English (EN)' });
    expect(en.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(en);
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('techmart.lang')).toBe('en');
    expect(screen.getByRole('button', { name: 'English (EN)' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Technology and equipment market')).toBeTruthy();

    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menu);
    expect(screen.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById('site-nav')!.className).toContain('open');
  });
});
