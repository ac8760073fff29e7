import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoConfig, fmt, LANGS, login, logout, openIn, shot, TEXT, uniqueEmail } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';

async function apiLogin(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

for (const lang of LANGS) {
  test(`an owner corrects a rejected organisation and resubmits it; the officer sees it again (${lang})`, async ({
    page,
    request,
  }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const email = uniqueEmail(`resubmit-${lang}`);
    const password = 'vai-thieu-luc-ngan-2025';
    const stamp = Date.now();
    const orgName = `Trung tâm Ứng dụng KH&CN ${stamp}`;
    const fixedName = `Trung tâm Ứng dụng tiến bộ KH&CN ${stamp}`;
    const reason = lang === 'vi' ? 'Tên tổ chức chưa khớp với quyết định thành lập.' : 'The name does not match the founding decision.';

    const reg = await request.post('/api/v1/auth/register', {
      data: { email, password, fullName: 'Vi Văn Thắng', organization: { name: orgName, kind: 'enterprise' } },
    });
    expect(reg.status(), await reg.text()).toBe(202);
    // A sign-up answers the same for a new and a taken e-mail; the new
    // organisation is found through the account.
    const ownerToken = await apiLogin(request, email, password);
    const me = (await (await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${ownerToken}` } })).json()) as {
      organizations: { id: string }[];
    };
    const orgId = me.organizations[0].id;

    // The officer rejects it (through the API to keep the test short).
    const officerToken = await apiLogin(request, OFFICER, demoPassword);
    const rejected = await request.post(`/api/v1/organizations/${orgId}/reject`, {
      headers: { Authorization: `Bearer ${officerToken}` },
      data: { reason },
    });
    expect(rejected.status(), await rejected.text()).toBe(200);

    // The owner sees the reason and the way out.
    await openIn(page, lang);
    await login(page, lang, email, password);
    await expect(page).toHaveURL(/\/organization/);
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.locator('.badge')).toHaveText(T.orgStatus.rejected);
    await expect(page.getByText(reason)).toBeVisible();
    await shot(page, lang, '18-organization-rejected');

    await page.getByRole('button', { name: T.organization.resubmit, exact: true }).click();
    const form = page.getByRole('region', { name: T.organization.resubmitTitle });
    await expect(form).toBeVisible();
    await expect(form.getByLabel(T.organization.name)).toHaveValue(orgName);
    await form.getByLabel(T.organization.name).fill(fixedName);
    await form.getByLabel(T.organization.kind).selectOption('st_org');
    await shot(page, lang, '19-organization-resubmit-form');
    await form.getByRole('button', { name: T.organization.resubmitSubmit, exact: true }).click();

    // Pending again, with the corrected details.
    await expect(page.getByRole('status').filter({ hasText: T.organization.resubmitted })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: fixedName })).toBeVisible();
    await expect(page.locator('.badge')).toHaveText(T.orgStatus.pending);
    await expect(page.getByText(T.orgKind.st_org, { exact: true })).toBeVisible();
    await expect(page.getByText(reason)).toHaveCount(0);
    await shot(page, lang, '20-organization-resubmitted');
    await logout(page, lang);

    // Back in the officer's queue, under the new name.
    await login(page, lang, OFFICER, demoPassword);
    await expect(page).toHaveURL(/\/officer\/organizations/);
    await expect(page.getByRole('tab', { name: T.orgStatus.pending })).toHaveAttribute('aria-selected', 'true');
    const row = page.getByRole('row').filter({ hasText: fixedName });
    await expect(row).toBeVisible();
    await expect(row).toContainText(email);
    await expect(row).toContainText(T.orgKind.st_org);
    await expect(row.getByRole('link', { name: fmt(T.acct.queue.openLabel, { name: fixedName }) })).toBeVisible();
    await logout(page, lang);
  });
}
