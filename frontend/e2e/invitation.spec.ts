import { expect, test } from '@playwright/test';
import { fmt, LANGS, login, logout, openIn, shot, TEXT, uniqueEmail } from './helpers';

for (const lang of LANGS) {
  test(`an owner invites a member who registers through the link (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const ownerEmail = uniqueEmail(`inv-owner-${lang}`);
    const memberEmail = uniqueEmail(`inv-member-${lang}`);
    const password = 'gao-bao-thai-2025';
    const orgName = `Viện Nông nghiệp miền núi ${Date.now()}`;

    // The owner's account is made through the API to keep the test short.
    const reg = await request.post('/api/v1/auth/register', {
      data: { email: ownerEmail, password, fullName: 'Lục Văn Phúc', organization: { name: orgName, kind: 'institute' } },
    });
    expect(reg.status(), await reg.text()).toBe(202);

    await openIn(page, lang);
    await login(page, lang, ownerEmail, password);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByRole('heading', { name: T.organization.membersTitle, exact: true })).toBeVisible();

    // Invite a member.
    await page.getByLabel(T.organization.inviteEmail).fill(memberEmail);
    await page.getByLabel(T.organization.inviteRole).selectOption('member');
    await page.getByRole('button', { name: T.organization.inviteSubmit }).click();
    await expect(page.getByText(fmt(T.organization.inviteCreated, { email: memberEmail }))).toBeVisible();
    const link = page.getByLabel(T.organization.inviteLink);
    const acceptUrl = await link.inputValue();
    expect(acceptUrl).toMatch(/\/invitations\/[^/]+$/);
    const pending = page.getByRole('region', { name: T.organization.invitationsTitle });
    await expect(pending.getByText(memberEmail)).toBeVisible();
    await shot(page, lang, '09-organization-invite');
    await logout(page, lang);

    // The invited person opens the link, sees the organisation and registers.
    const path = new URL(acceptUrl, 'http://placeholder').pathname;
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: T.invitation.title })).toBeVisible();
    await expect(page.getByText(orgName).first()).toBeVisible();
    await expect(page.getByText(memberEmail).first()).toBeVisible();
    await expect(page.getByLabel(T.register.email)).toHaveValue(memberEmail);
    await expect(page.getByLabel(T.register.organizationName)).toHaveCount(0);
    await shot(page, lang, '10-invitation');
    await page.getByLabel(T.register.fullName).fill('Đinh Thị Hằng');
    await page.getByLabel(T.register.password).fill('mien-dong-rieng-2025');
    await page.getByRole('button', { name: T.register.submit, exact: true }).click();

    // Now a member of the organisation.
    await expect(page).toHaveURL(/\/organization\//);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    const members = page.getByRole('table').first();
    await expect(members.getByRole('row').filter({ hasText: memberEmail })).toContainText(T.orgRole.member);
    await expect(members.getByRole('row').filter({ hasText: ownerEmail })).toContainText(T.orgRole.owner);
    // A member cannot invite.
    await expect(page.getByRole('heading', { name: T.organization.inviteTitle, exact: true })).toHaveCount(0);
    await shot(page, lang, '11-organization-member');
  });
}
