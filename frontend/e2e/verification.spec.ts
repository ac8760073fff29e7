import { expect, test } from '@playwright/test';
import { demoConfig, fmt, LANGS, login, logout, navTo, openIn, shot, TEXT, uniqueEmail } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';

for (const lang of LANGS) {
  test(`an enterprise registers, the officer verifies it, the owner sees it verified (${lang})`, async ({
    page,
    request,
  }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const email = uniqueEmail(`owner-${lang}`);
    const password = 'che-shan-tuyet-2025';
    const orgName = lang === 'vi' ? `HTX Chè Shan tuyết ${Date.now()}` : `Shan Tea Cooperative ${Date.now()}`;

    // Home, in the chosen language.
    await openIn(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      lang === 'vi' ? 'Chợ công nghệ – thiết bị' : 'Technology and equipment market',
    );
    await expect(page.getByText(lang === 'vi' ? 'Chợ công nghệ – thiết bị' : 'Technology and equipment market').first()).toBeVisible();
    await shot(page, lang, '01-home');

    // Register: the empty form shows the client errors first.
    await page.getByRole('main').getByRole('link', { name: T.home.ctaRegister }).click();
    await expect(page.getByRole('heading', { level: 1, name: T.register.title })).toBeVisible();
    await page.getByRole('button', { name: T.register.submit, exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: fmt(T.form.fixErrors_other, { count: 5 }) })).toBeVisible();
    await expect(page.getByText(T.fieldErrors.required).first()).toBeVisible();
    await shot(page, lang, '02-register-errors');

    await page.getByLabel(T.register.fullName).fill(lang === 'vi' ? 'Hoàng Thị Mai' : 'Mai Hoang');
    await page.getByLabel(T.register.email).fill(email);
    await page.getByLabel(T.register.password).fill(password);
    await page.getByLabel(T.register.organizationName).fill(orgName);
    await page.getByLabel(T.register.organizationKind).selectOption('enterprise');
    await page.getByRole('button', { name: T.register.submit, exact: true }).click();

    // Logged in automatically, on My organisation, awaiting verification.
    await expect(page).toHaveURL(/\/organization/);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.locator('.badge')).toHaveText(lang === 'vi' ? 'Chờ xác minh' : 'Awaiting verification');
    await expect(page.getByText(T.organization.pendingText)).toBeVisible();
    await expect(page.getByText(T.orgKind.enterprise, { exact: true })).toBeVisible();
    await shot(page, lang, '03-organization-pending');
    await logout(page, lang);

    // The officer logs in (the demo box offers the accounts).
    await page.goto('/login');
    await page.getByText(T.login.demoTitle, { exact: true }).click();
    await expect(page.getByText(demoPassword, { exact: true })).toBeVisible();
    await shot(page, lang, '04-login-demo');
    await login(page, lang, OFFICER, demoPassword);
    await expect(page).toHaveURL(/\/officer\/organizations/);
    await expect(page.getByRole('heading', { level: 1, name: T.queue.title })).toBeVisible();
    await expect(page.getByRole('tab', { name: T.orgStatus.pending })).toHaveAttribute('aria-selected', 'true');
    const row = page.getByRole('row').filter({ hasText: orgName });
    await expect(row).toBeVisible();
    await expect(row).toContainText(email);
    await shot(page, lang, '05-queue-pending');

    // Deciding happens on the organisation's page, after reading its details.
    await row.getByRole('link', { name: fmt(T.acct.queue.openLabel, { name: orgName }) }).click();
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByRole('heading', { name: T.acct.evidence.section })).toBeVisible();

    // The reject dialog insists on a reason; cancel it.
    await page.getByRole('button', { name: T.acct.decide.reject, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: fmt(T.queue.rejectTitle, { name: orgName }) });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(T.queue.rejectReason).fill('abc');
    await dialog.getByRole('button', { name: T.queue.rejectConfirm, exact: true }).click();
    await expect(dialog.getByText(fmt(T.fieldErrors.too_short, { min: 5 }))).toBeVisible();
    await shot(page, lang, '06-reject-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Verify.
    await page.getByRole('button', { name: T.acct.decide.verify, exact: true }).click();
    await expect(page.getByText(fmt(T.acct.decide.verified, { name: orgName }))).toBeVisible();
    await page.goto('/officer/organizations');
    await expect(page.getByRole('row').filter({ hasText: orgName })).toHaveCount(0);
    await page.getByRole('tab', { name: T.orgStatus.verified }).click();
    await expect(page).toHaveURL(/status=verified/);
    // Oldest first: with the demo's verified organisations the new one may be on a later page.
    const verifiedRow = page.getByRole('row').filter({ hasText: orgName });
    for (let p = 2; p <= 5; p++) {
      await expect(page.getByRole('tabpanel').getByRole('row').nth(1)).toBeVisible();
      if (await verifiedRow.count()) break;
      await page.goto(`/officer/organizations?status=verified&page=${p}`);
    }
    await expect(verifiedRow).toContainText(T.orgStatus.verified);

    // The audit log shows the verification.
    await navTo(page, lang, 'officerTools', T.nav.auditLog);
    await expect(page.getByRole('heading', { level: 1, name: T.audit.title })).toBeVisible();
    const entry = page.getByRole('row').filter({ hasText: orgName }).filter({ hasText: T.auditActions.org.verify });
    await expect(entry.first()).toBeVisible();
    await expect(entry.first()).toContainText(OFFICER);
    await expect(entry.first()).toContainText(`${T.orgStatus.pending} → ${T.orgStatus.verified}`);
    await page.getByLabel(T.audit.action).selectOption('org.verify');
    await page.getByRole('button', { name: T.audit.apply }).click();
    await expect(page).toHaveURL(/action=org.verify/);
    await expect(page.getByRole('row').filter({ hasText: orgName })).toHaveCount(1);
    await shot(page, lang, '07-audit');
    await logout(page, lang);

    // The owner sees the organisation verified.
    await login(page, lang, email, password);
    await expect(page).toHaveURL(/\/organization/);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.locator('.badge')).toHaveText(lang === 'vi' ? 'Đã xác minh' : 'Verified');
    await expect(page.getByText(T.organization.verifiedText)).toBeVisible();
    await shot(page, lang, '08-organization-verified');
  });
}
