import { expect, test } from '@playwright/test';
import {
  accountButton,
  DESKTOP,
  LANGS,
  login,
  logout,
  MOBILE,
  openAccountMenu,
  openIn,
  SERVER_TEXT,
  shot,
  shotDesktop,
  shotMobile,
  TEXT,
  uniqueEmail,
} from './helpers';

// A freshly registered account, so the demo accounts other specs use keep
// their password.
for (const lang of LANGS) {
  test(`a user changes the password; other sessions and the old password stop working (${lang})`, async ({
    page,
    request,
  }) => {
    const T = TEXT[lang];
    const email = uniqueEmail(`password-${lang}`);
    const oldPassword = 'nuong-cha-ca-2025';
    const newPassword = 'banh-cuon-thanh-tri-2026';
    const reg = await request.post('/api/v1/auth/register', {
      data: {
        email,
        password: oldPassword,
        fullName: 'Nông Thị Thu',
        organization: { name: `HTX Miến dong Bình Liêu ${Date.now()}`, kind: 'enterprise' },
      },
    });
    expect(reg.status(), await reg.text()).toBe(202);
    // Another session of the same account (a second device, say).
    const other = await request.post('/api/v1/auth/login', { data: { email, password: oldPassword } });
    expect(other.status()).toBe(200);
    const otherTokens = (await other.json()) as { refreshToken: string };

    await openIn(page, lang);
    await login(page, lang, email, oldPassword);

    // Tài khoản → Đổi mật khẩu.
    await openAccountMenu(page, lang);
    const changeLink = page.getByRole('link', { name: T.nav.changePassword });
    await expect(changeLink).toBeVisible();
    await expect(page.getByRole('navigation', { name: T.nav.main }).getByText(email, { exact: true })).toBeVisible();
    await shotDesktop(page, lang, '15-account-menu');
    await page.setViewportSize(MOBILE);
    await page.getByRole('button', { name: T.nav.menu, exact: true }).click();
    await openAccountMenu(page, lang);
    await expect(changeLink).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the open account menu overflows at 360 px').toBeLessThanOrEqual(0);
    await shotMobile(page, lang, '15-account-menu');
    await changeLink.click();
    await page.setViewportSize(DESKTOP);
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.getByRole('heading', { level: 1, name: T.account.passwordTitle })).toBeVisible();

    // Whole labels (one is part of another), with the required-field star.
    const field = (label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
    const current = field(T.account.currentPassword);
    const next = field(T.account.newPassword);
    const confirm = field(T.account.confirmPassword);
    const submit = page.getByRole('button', { name: T.account.submit, exact: true });

    // A wrong current password: the server's field error, next to the field.
    await current.fill('khong-phai-mat-khau');
    await next.fill(newPassword);
    await confirm.fill(newPassword);
    await submit.click();
    await expect(page.getByText(SERVER_TEXT[lang].wrong_password)).toBeVisible();
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await shot(page, lang, '16-password-error');

    await current.fill(oldPassword);
    await submit.click();
    await expect(page.getByRole('heading', { name: T.account.changedTitle })).toBeVisible();
    await expect(page.getByText(T.account.changedText)).toBeVisible();
    await shot(page, lang, '17-password-changed');

    // This browser holds the new pair: a reload keeps the session.
    await page.reload();
    await expect(accountButton(page, lang)).toBeVisible();
    // The other session has ended.
    const refreshed = await request.post('/api/v1/auth/refresh', { data: { refreshToken: otherTokens.refreshToken } });
    expect(refreshed.status()).toBe(401);

    // The old password no longer works; the new one does.
    await logout(page, lang);
    await page.goto('/login');
    await page.getByLabel(T.login.email).fill(email);
    await page.getByLabel(T.login.password).fill(oldPassword);
    await page.getByRole('button', { name: T.login.submit, exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: SERVER_TEXT[lang].invalid_credentials })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await login(page, lang, email, newPassword);
  });
}
