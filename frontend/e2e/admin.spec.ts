import { expect, test } from '@playwright/test';
import { demoConfig, DESKTOP, LANGS, login, MOBILE, navTo, openIn, shot, shotMobile, TEXT } from './helpers';

test('the admin finds users and their roles; unknown pages show 404', async ({ page, request }) => {
  const { demoPassword } = await demoConfig(request);
  for (const lang of LANGS) {
    const T = TEXT[lang];
    await openIn(page, lang);
    if (lang === 'vi') await login(page, lang, 'admin@demo.techmart.vn', demoPassword);
    await navTo(page, lang, 'officerTools', T.nav.users);
    await expect(page.getByRole('heading', { level: 1, name: T.users.title })).toBeVisible();
    await page.getByLabel(T.users.search).fill('officer@demo');
    await page.getByRole('button', { name: T.common.search, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'officer@demo.techmart.vn' });
    await expect(row).toBeVisible();
    await expect(row.getByRole('checkbox', { name: T.platformRole.officer })).toBeChecked();
    await expect(row.getByRole('checkbox', { name: T.platformRole.admin })).not.toBeChecked();
    await shot(page, lang, '12-users');

    // On a phone the navigation folds into the menu button.
    await page.setViewportSize(MOBILE);
    const nav = page.getByRole('navigation', { name: T.nav.main });
    await expect(nav).toBeHidden();
    const menu = page.getByRole('button', { name: T.nav.menu, exact: true });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await nav.getByRole('button', { name: T.nav.officerTools, exact: true }).click();
    await expect(nav.getByRole('link', { name: T.nav.auditLog })).toBeVisible();
    await shotMobile(page, lang, '14-menu-open');
    await nav.getByRole('link', { name: T.nav.auditLog }).click();
    await expect(page.getByRole('heading', { level: 1, name: T.audit.title })).toBeVisible();
    await expect(nav).toBeHidden();
    await page.setViewportSize(DESKTOP);

    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: T.notFound.title })).toBeVisible();
    await shot(page, lang, '13-not-found');
  }
});
