// Password reset and organisations with evidence, against a second
// techmart binary that this spec starts with a loopback SMTP server
// (e2e/smtp.ts) it can read: a person forgets the password, receives the
// link, sets a new one and the old session ends; an enterprise registers
// with a tax code (a wrong check digit is refused on the field), and the
// officer reads the evidence and verifies it on the organisation's page.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mailbox } from './smtp';
import { accountButton, demoConfig, fmt, LANGS, login, logout, openIn, shot, TEXT, uniqueEmail } from './helpers';

const PORT = (Number(process.env.TECHMART_E2E_PORT) || 18080) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const OFFICER = 'officer@demo.techmart.vn';

const mailbox = new Mailbox();
let server: ChildProcess | null = null;
let dataDir = '';

test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const smtpPort = await mailbox.start();
  dataDir = mkdtempSync(join(tmpdir(), 'techmart-e2e-mail-'));
  server = spawn('../bin/techmart', ['serve'], {
    env: {
      ...process.env,
      TECHMART_ADDR: `127.0.0.1:${PORT}`,
      TECHMART_DATA_DIR: dataDir,
      TECHMART_DEMO: '1',
      TECHMART_SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=none&from=noreply@techmart.test`,
      TECHMART_SIGNUP_LIMIT: '1000',
      TECHMART_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const end = Date.now() + 170_000;
  for (;;) {
    const up = await fetch(`${BASE}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > end || server.exitCode !== null) throw new Error('the second techmart server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await mailbox.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

for (const lang of LANGS) {
  test(`a person forgets the password, resets it by e-mail and the old session ends (${lang})`, async ({
    browser,
    request,
  }) => {
    const T = TEXT[lang];
    const email = uniqueEmail(`reset-${lang}`);
    const oldPassword = 'mien-dong-con-minh-2025';
    const newPassword = 'gao-bao-thai-cho-don-2026';
    const reg = await request.post('/api/v1/auth/register', {
      data: {
        email,
        password: oldPassword,
        fullName: 'Triệu Thị Hoa',
        organization: { name: `HTX Miến dong ${Date.now()}`, kind: 'enterprise' },
      },
    });
    expect(reg.status()).toBe(202);

    // The old session, in its own browser.
    const oldCtx = await browser.newContext({ baseURL: BASE });
    const old = await oldCtx.newPage();
    await openIn(old, lang, '/');
    await login(old, lang, email, oldPassword);

    const ctx = await browser.newContext({ baseURL: BASE });
    const page = await ctx.newPage();
    await openIn(page, lang, '/login');
    await shot(page, lang, 'acct-01-login');
    await page.getByRole('link', { name: T.acct.reset.forgot }).click();
    await expect(page.getByRole('heading', { level: 1, name: T.acct.reset.title })).toBeVisible();
    await shot(page, lang, 'acct-02-reset-request');
    await page.getByLabel(T.acct.reset.email).fill(email);
    await page.getByRole('button', { name: T.acct.reset.submit }).click();
    await expect(page.getByRole('status').filter({ hasText: fmt(T.acct.reset.sent, { email }) })).toBeVisible();
    await shot(page, lang, 'acct-03-reset-sent');

    const mail = await mailbox.waitFor(email, 'Techmart');
    expect(mail.subject).toContain('Đặt lại mật khẩu');
    // One link per language of the e-mail: the person opens the one of theirs.
    const links = [...mail.body.matchAll(/http:\/\/\S+\/password-reset#\S+/g)].map((m) => m[0]);
    expect(links, mail.body).toHaveLength(2);
    const link = links.find((l) => l.includes('/en/password-reset#') === (lang === 'en'));
    expect(link, mail.body).toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1, name: T.acct.reset.newTitle })).toBeVisible();
    await page.getByLabel(T.acct.reset.password).fill('short');
    await page.getByRole('button', { name: T.acct.reset.setSubmit }).click();
    await expect(page.getByText(fmt(T.fieldErrors.too_short, { min: 10 }))).toBeVisible();
    await shot(page, lang, 'acct-04-reset-new-password');
    await page.getByLabel(T.acct.reset.password).fill(newPassword);
    await page.getByRole('button', { name: T.acct.reset.setSubmit }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText(T.acct.reset.done)).toBeVisible();

    // The link works once.
    await page.goto(link!);
    await page.getByLabel(T.acct.reset.password).fill('another-long-passphrase-42');
    await page.getByRole('button', { name: T.acct.reset.setSubmit }).click();
    await expect(page.getByRole('link', { name: T.acct.reset.askAgain })).toBeVisible();

    // The new password logs in; the old one does not.
    await login(page, lang, email, newPassword);
    await logout(page, lang);
    await page.goto('/login');
    await page.getByLabel(T.login.email).fill(email);
    await page.getByLabel(T.login.password).fill(oldPassword);
    await page.getByRole('button', { name: T.login.submit, exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: lang === 'vi' ? 'Email hoặc mật khẩu không đúng.' : 'Wrong e-mail or password.' })).toBeVisible();

    // The old session has ended: reopening the app there asks to log in.
    await old.goto('/organization');
    await expect(old).toHaveURL(/\/login/);
    await expect(accountButton(old, lang)).toHaveCount(0);
    await oldCtx.close();
    await ctx.close();
  });

  test(`an enterprise registers with its tax code; the officer reads the evidence and verifies it on its page (${lang})`, async ({
    page,
    request,
  }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const email = uniqueEmail(`mst-${lang}`);
    const orgName = lang === 'vi' ? `Công ty TNHH Chè Thái ${Date.now()}` : `Thai Tea Company ${Date.now()}`;

    await openIn(page, lang, '/register');
    await page.getByLabel(T.register.fullName).fill('Hoàng Văn Minh');
    await page.getByLabel(T.register.email).fill(email);
    await page.getByLabel(T.register.password).fill('che-thai-nguyen-2026');
    await page.getByLabel(T.register.organizationName).fill(orgName);
    await page.getByLabel(T.register.organizationKind).selectOption('enterprise');
    // A wrong check digit is refused on the field as soon as it is left.
    await page.getByLabel(T.acct.evidence.taxCode).fill('4700234562');
    await page.getByLabel(T.acct.evidence.registrationNumber).click();
    await expect(page.getByText(T.fieldErrors.tax_code_check_digit)).toBeVisible();
    await expect(page.getByLabel(T.acct.evidence.taxCode)).toHaveAttribute('aria-invalid', 'true');
    await shot(page, lang, 'acct-05-register-tax-code-refused');
    await page.getByLabel(T.acct.evidence.taxCode).fill('4700234561');
    await page.getByLabel(T.acct.evidence.registrationNumber).fill('4700234561');
    await page.getByLabel(T.acct.evidence.registrationDate).fill('14/02/2020');
    await page.getByLabel(T.acct.evidence.legalRepresentative).fill('Hoàng Văn Minh');
    await page.getByLabel(T.acct.evidence.commune).selectOption('xa_tan_cuong');
    await page.getByLabel(T.acct.evidence.street).fill('Xóm Nam Đồng');
    await page.getByLabel(T.acct.evidence.phone).fill('0912 345 678');
    await page.getByLabel(T.acct.evidence.website).fill('chethai.vn');
    await expect(page.getByText(T.fieldErrors.tax_code_check_digit)).toHaveCount(0);
    await page.getByRole('button', { name: T.register.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/organization/);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByText('4700234561').first()).toBeVisible();
    // The owner adds the scan of the registration certificate.
    const certificate = page.getByTestId('org-certificate');
    await expect(certificate).toContainText(T.orgCertificate.none);
    await page.getByLabel(T.orgCertificate.upload).setInputFiles({
      name: 'giay-chung-nhan-dkdn.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await expect(page.getByText(fmt(T.orgCertificate.uploaded, { name: 'giay-chung-nhan-dkdn.pdf' }))).toBeVisible();
    await expect(certificate).toContainText('giay-chung-nhan-dkdn.pdf');
    await expect(page.getByLabel(T.orgCertificate.replace)).toBeAttached();
    await shot(page, lang, 'acct-06-organization-evidence-owner');
    await logout(page, lang);

    // The officer's queue shows the evidence and the shared tax code (a
    // demo cooperative uses it) but offers no verification from the list.
    await login(page, lang, OFFICER, demoPassword);
    await expect(page).toHaveURL(/\/officer\/organizations/);
    const row = page.getByRole('row').filter({ hasText: orgName });
    await expect(row).toContainText('4700234561');
    await expect(row.getByTestId('flag-shared')).toHaveText(T.acct.queue.shared);
    await expect(row.getByRole('button')).toHaveCount(0);
    await shot(page, lang, 'acct-07-verification-queue');
    await row.getByRole('link', { name: fmt(T.acct.queue.openLabel, { name: orgName }) }).click();

    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByTestId('tax-code-shared')).toContainText(lang === 'vi' ? 'Hợp tác xã Miến dong Côn Minh' : 'Hợp tác xã Miến dong Côn Minh');
    await expect(page.getByText('Hoàng Văn Minh').first()).toBeVisible();
    await expect(page.getByText('https://chethai.vn')).toBeVisible();
    // The officer reads the certificate scan before deciding.
    const scan = page.getByTestId('org-certificate');
    await expect(scan).toContainText('giay-chung-nhan-dkdn.pdf');
    await expect(scan.getByTestId('org-certificate-input')).toHaveCount(0);
    const download = page.waitForEvent('download');
    await scan.getByRole('button', { name: fmt(T.files.downloadNamed, { name: 'giay-chung-nhan-dkdn.pdf' }) }).click();
    expect((await download).suggestedFilename()).toBe('giay-chung-nhan-dkdn.pdf');
    await shot(page, lang, 'acct-08-organization-officer');
    await page.getByRole('button', { name: T.acct.decide.verify }).click();
    await expect(page.getByText(fmt(T.acct.decide.verified, { name: orgName }))).toBeVisible();
    // The officer sees the new status; the explanations speak to members only.
    await expect(page.locator('.facts .badge')).toHaveText(T.orgStatus.verified);
    await expect(page.locator('.status-note')).toHaveCount(0);
    await expect(page.getByRole('button', { name: T.acct.decide.verify })).toHaveCount(0);

    // Without a mail server an officer could hand over a reset link; with
    // one, the link goes to the member by e-mail.
    await page.getByRole('button', { name: fmt(T.acct.issue.label, { name: 'Hoàng Văn Minh' }) }).click();
    await expect(page.getByTestId('issued-reset')).toBeVisible();
    await mailbox.waitFor(email, 'Techmart');
    await shot(page, lang, 'acct-09-organization-verified');
    await logout(page, lang);
  });
}

for (const lang of LANGS) {
  test(`the demo enterprise starts with no unread notification (${lang})`, async ({ page, request }) => {
    const { demoPassword } = await demoConfig(request);
    const T = TEXT[lang];
    await openIn(page, lang, '/');
    await login(page, lang, 'enterprise@demo.techmart.vn', demoPassword);
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { level: 1, name: T.notifications.title })).toBeVisible();
    await expect(page.locator('.notification.unread')).toHaveCount(0);
    await shot(page, lang, 'acct-10-notifications');
  });
}
