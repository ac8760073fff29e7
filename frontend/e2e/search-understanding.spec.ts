// Search that understands how people in the province type: a query with a
// word no listing holds is relaxed and says so; an English query finds a
// Vietnamese listing through the glossary; Telex typed with the input
// method off finds the word; officers maintain the synonyms.
import { expect, test } from '@playwright/test';
import { demoConfig, LANGS, login, navTo, openIn, shot, TEXT } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';
const TANGERINE = 'Bảo quản cam, quýt tươi bằng màng bao chitosan';

for (const lang of LANGS) {
  test(`partial matches are shown with a notice (${lang})`, async ({ page }) => {
    const T = TEXT[lang];
    await openIn(page, lang, '/');
    await page.goto(`/search?q=${encodeURIComponent('bảo quản quýt bằng ozone')}`);
    await expect(page.getByText(T.query.relaxed)).toBeVisible();
    await expect(page.getByRole('link', { name: TANGERINE })).toBeVisible();
    await shot(page, lang, 'search-relaxed');

    // Typed in Telex with the input method off: every word found, no notice.
    await page.goto(`/search?q=${encodeURIComponent('baor quanr quyts')}`);
    await expect(page.getByRole('link', { name: TANGERINE })).toBeVisible();
    await expect(page.getByText(T.query.relaxed)).toHaveCount(0);
  });
}

test('an English query finds a Vietnamese listing (en)', async ({ page }) => {
  await openIn(page, 'en', '/');
  await page.goto(`/search?q=${encodeURIComponent('tangerine preservation')}`);
  await expect(page.getByRole('link', { name: TANGERINE })).toBeVisible();
  await shot(page, 'en', 'search-english');
});

for (const lang of LANGS) {
  test(`officers maintain the synonyms (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    await openIn(page, lang, '/');
    await login(page, lang, OFFICER, demoPassword);
    if (lang === 'vi') await navTo(page, lang, 'officerTools', T.query.nav);
    else await page.goto('/officer/synonyms');
    await expect(page.getByRole('heading', { level: 1, name: T.query.synonymsTitle })).toBeVisible();
    await expect(page.getByText('sắn = khoai mì', { exact: true })).toBeVisible();

    // A one-way rule, applied to searches at once.
    const word = lang === 'vi' ? 'ganoderma' : 'reishi mushroom';
    await page.getByRole('radio', { name: new RegExp(T.query.modes.oneWay) }).check();
    await page.getByRole('textbox', { name: T.query.fromTerms }).fill(word);
    await page.getByRole('textbox', { name: T.query.expansions }).fill('linh chi');
    await page.getByRole('button', { name: T.query.add, exact: true }).click();
    await expect(page.getByText(T.query.added.replace('{{terms}}', word))).toBeVisible();
    await page.getByLabel(T.query.filter).fill(word);
    await expect(page.locator('.synonym-rule')).toHaveCount(1);
    await page.getByLabel(T.query.filter).fill('');
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await shot(page, lang, 'synonyms');

    await page.goto(`/search?q=${encodeURIComponent(word)}`);
    await expect(page.getByRole('link', { name: 'Sáng chế: chiết xuất polysaccharide từ nấm linh chi' })).toBeVisible();
  });
}
