import { expect, test } from '@playwright/test';
import { fmt, LANGS, login, openIn, shot, TEXT, uniqueEmail } from './helpers';

for (const lang of LANGS) {
  test(`a member leaves the organisation after confirming (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const ownerEmail = uniqueEmail(`leave-owner-${lang}`);
    const memberEmail = uniqueEmail(`leave-member-${lang}`);
    const password = 'cam-sanh-ham-yen-2025';
    const orgName = `Viện Cây ăn quả miền núi ${Date.now()}`;

    // Owner, invitation and member through the API; the member's part in the browser.
    const reg = await request.post('/api/v1/auth/register', {
      data: { email: ownerEmail, password, fullName: 'Hà Văn Sơn', organization: { name: orgName, kind: 'institute' } },
    });
    expect(reg.status(), await reg.text()).toBe(202);
    // A sign-up answers the same for a new and a taken e-mail; the new
    // organisation is found through the account.
    const ownerLogin = await request.post('/api/v1/auth/login', { data: { email: ownerEmail, password } });
    const ownerToken = ((await ownerLogin.json()) as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${ownerToken}` };
    const me = (await (await request.get('/api/v1/me', { headers: auth })).json()) as { organizations: { id: string }[] };
    const orgId = me.organizations[0].id;
    const inv = await request.post(`/api/v1/organizations/${orgId}/invitations`, {
      headers: auth,
      data: { email: memberEmail, role: 'member' },
    });
    expect(inv.status(), await inv.text()).toBe(201);
    const acceptUrl = ((await inv.json()) as { acceptUrl: string }).acceptUrl;
    const token = acceptUrl.split('/').pop()!;
    const joined = await request.post('/api/v1/auth/register', {
      data: { email: memberEmail, password, fullName: 'Ma Thị Hoa', invitationToken: token },
    });
    expect(joined.status(), await joined.text()).toBe(202);

    await openIn(page, lang);
    await login(page, lang, memberEmail, password);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    const section = page.getByRole('region', { name: T.organization.leaveTitle });
    await expect(section.getByText(T.organization.leaveText)).toBeVisible();

    // Cancelling changes nothing.
    await section.getByRole('button', { name: T.organization.leave, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: fmt(T.organization.leaveConfirmTitle, { name: orgName }) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(fmt(T.organization.leaveConfirm, { name: orgName }))).toBeVisible();
    await shot(page, lang, '21-leave-dialog');
    await dialog.getByRole('button', { name: T.common.cancel, exact: true }).click();
    await expect(dialog).toBeHidden();

    await section.getByRole('button', { name: T.organization.leave, exact: true }).click();
    await dialog.getByRole('button', { name: T.organization.leave, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: fmt(T.organization.left, { name: orgName }) })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: T.organization.title })).toBeVisible();
    await expect(page.getByText(T.organization.none)).toBeVisible();
    await expect(page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.myOrganization })).toHaveCount(0);
    await shot(page, lang, '22-organization-left');

    // The owner's member list no longer has them.
    const detail = await request.get(`/api/v1/organizations/${orgId}`, { headers: auth });
    expect(detail.status()).toBe(200);
    const members = ((await detail.json()) as { members: { email: string }[] }).members.map((m) => m.email);
    expect(members).toEqual([ownerEmail]);
  });
}
