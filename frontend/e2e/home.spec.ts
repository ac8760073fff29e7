// The home page with the market, a public organisation page reached from a
// listing, and a signed-in member's next steps, in Vietnamese and English;
// screenshots at 1280 and 360 px.
import { expect, test } from '@playwright/test';
import { demoConfig, LANGS, login, logout, openIn, pathIn, shot, TEXT } from './helpers';

for (const lang of LANGS) {
  test(`the home page's market, an organisation's page and a member's next steps (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);

    // A visitor: the market's figures, the newest listings, open programmes, sectors.
    await openIn(page, lang, '/');
    await expect(page.getByRole('heading', { level: 2, name: T.market.title })).toBeVisible();
    for (const tile of ['offers', 'needs', 'organizations']) {
      await expect(page.getByTestId(`count-${tile}`)).toContainText(/[1-9]/);
    }
    const newest = page.getByRole('region', { name: T.market.newestTitle }).getByRole('listitem').filter({ has: page.locator('h3') });
    await expect(newest).toHaveCount(6);
    await expect(page.getByRole('region', { name: T.market.programsTitle }).getByRole('link').nth(1)).toBeVisible();
    await expect(page.getByRole('heading', { name: T.home.startTitle })).toBeVisible();
    await shot(page, lang, 'home');

    // From a listing to its organisation's public page.
    const card = newest.first();
    const orgName = (await card.locator('.result-org a').innerText()).trim();
    await card.locator('h3 a').click();
    // Links stay in the page's language: /en/… in English.
    await expect(page).toHaveURL(new RegExp(`//[^/]+${pathIn(lang, '/listings/')}`));
    await page.locator('.listing-org').getByRole('link', { name: orgName }).click();
    await expect(page).toHaveURL(new RegExp(`//[^/]+${pathIn(lang, '/organizations/')}[0-9a-f]{24}$`));
    await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
    await expect(page.getByText(T.publicOrg.verified, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('region', { name: new RegExp(T.publicOrg.listingsTitle) }).locator('h3').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: T.publicOrg.transfersTitle })).toBeVisible();
    await shot(page, lang, 'organization-public');

    // A member of a verified enterprise: their next steps instead of the
    // sign-up, among them the institute's interest in one of its listings.
    const token = async (email: string) =>
      (await (await request.post('/api/v1/auth/login', { data: { email, password: demoPassword } })).json()).accessToken as string;
    const mine = await request.get('/api/v1/listings?owner=me&state=published&pageSize=5', {
      headers: { Authorization: `Bearer ${await token('enterprise@demo.techmart.vn')}` },
    });
    const listing = (await mine.json()).items.at(-1).id as string;
    const interest = await request.post(`/api/v1/listings/${listing}/interests`, {
      headers: { Authorization: `Bearer ${await token('institute@demo.techmart.vn')}` },
      data: { seeks: 'Viện muốn trao đổi về việc ứng dụng và hoàn thiện giải pháp này.' },
    });
    expect([201, 409], await interest.text()).toContain(interest.status());
    await login(page, lang, 'enterprise@demo.techmart.vn', demoPassword);
    // Through the header, which keeps the page's language.
    await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.home, exact: true }).click();
    const steps = page.getByRole('region', { name: T.market.nextTitle });
    await expect(steps.getByRole('link').first()).toBeVisible();
    // Asked in the first language's run; the second finds it still waiting.
    await expect(steps.locator(`a[href="${pathIn(lang, '/connections')}"] .next-count`)).toHaveText(/^[1-9]/);
    await expect(steps.locator(`a[href="${pathIn(lang, '/support/applications')}"]`)).toBeVisible();
    await expect(page.getByRole('heading', { name: T.home.startTitle })).toHaveCount(0);
    await expect(page.getByRole('link', { name: T.home.ctaRegister })).toHaveCount(0);
    await shot(page, lang, 'home-member');

    // Its organisation's page describes it and leads to the public page.
    await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.myOrganization }).click();
    await expect(page.getByRole('heading', { name: T.publicOrg.descriptionTitle })).toBeVisible();
    await expect(page.getByRole('button', { name: T.publicOrg.descriptionEdit })).toBeVisible();
    await shot(page, lang, 'organization-member');
    await page.getByRole('link', { name: new RegExp(T.publicOrg.publicPage) }).click();
    await expect(page).toHaveURL(/\/organizations\/64656d6f0000000000000003$/);
    await expect(page.locator('.public-org-description')).toContainText('hồ Ba Bể');
    await logout(page, lang);
  });
}
