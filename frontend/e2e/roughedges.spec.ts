// The rough edges a new user met, each checked where only a browser shows it:
// tab bars that fit a phone, status pills on one line, stacked tables that
// keep an e-mail whole, amounts in the UI language's figures, the audit log
// and the support dashboard in words, the TRL filter in bands.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { demoConfig, DESKTOP, LANGS, login, MOBILE, openIn, picture, TEXT, type Lang } from './helpers';

// Screenshots of the screens this work touched, for a person to look at.
const SHOTS = process.env.TECHMART_SHOTS_DIR || 'test-results/screenshots/roughedges';

async function shoot(page: Page, lang: Lang, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [size, vp] of [
    ['1280', DESKTOP],
    ['360', MOBILE],
  ] as const) {
    await page.setViewportSize(vp);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await picture(page, `${SHOTS}/${lang}-${name}-${size}.png`, true);
  }
  await page.setViewportSize(DESKTOP);
}

/** Tab bars that run wider than their box at the current size. */
async function overflowingTabBars(page: Page): Promise<number> {
  return page.locator('[role="tablist"]').evaluateAll((bars) => bars.filter((b) => b.scrollWidth > b.clientWidth + 1).length);
}

/** Pills (state badges) taller than one line. */
async function wrappedPills(page: Page): Promise<string[]> {
  return page.locator('.badge').evaluateAll((pills) =>
    pills
      .filter((p) => {
        const lh = parseFloat(getComputedStyle(p).lineHeight) || parseFloat(getComputedStyle(p).fontSize) * 1.5;
        return p.getClientRects().length > 1 || p.getBoundingClientRect().height > lh * 1.6 + 8;
      })
      .map((p) => p.textContent ?? ''),
  );
}

test.describe('rough edges', () => {
  for (const lang of LANGS) {
    test(`tabs, pills, stacked tables and amounts (${lang})`, async ({ page, request }) => {
      const T = TEXT[lang];
      const cfg = await demoConfig(request);
      await openIn(page, lang);
      await login(page, lang, 'enterprise@demo.techmart.vn', cfg.demoPassword);

      // My listings: a tab bar and state pills.
      await page.goto('/my/listings');
      await expect(page.getByRole('tablist').first()).toBeVisible();
      await page.setViewportSize(MOBILE);
      expect(await overflowingTabBars(page), 'a tab bar runs off a 360 px screen').toBe(0);
      await page.setViewportSize(DESKTOP);
      await expect(page.locator('.badge').first()).toBeVisible();
      expect(await wrappedPills(page), 'pills wrapped at 1280 px').toEqual([]);
      await shoot(page, lang, 'my-listings');

      // Connections and transfers: tabs and pills too.
      for (const path of ['/connections', '/transfers']) {
        await page.goto(path);
        await expect(page.getByRole('tablist').first()).toBeVisible();
        await page.setViewportSize(MOBILE);
        expect(await overflowingTabBars(page), `${path}: a tab bar runs off a 360 px screen`).toBe(0);
        await page.setViewportSize(DESKTOP);
        expect(await wrappedPills(page), `${path}: pills wrapped at 1280 px`).toEqual([]);
        await shoot(page, lang, path.slice(1));
      }

      // The public support dashboard: figures in the UI language, and no
      // progress claimed against a plan whose period has ended.
      await page.goto('/support/dashboard');
      const budget = page.getByTestId('total-budget');
      await expect(budget).toBeVisible();
      const text = (await budget.textContent())!.replace(/\s/g, ' ');
      if (lang === 'en') expect(text).toMatch(/^\d{1,3}(,\d{3})+ ₫$/);
      else expect(text).toMatch(/^\d{1,3}(\.\d{3})+ ₫$/);
      await expect(page.getByTestId('target-ended')).toBeVisible();
      await expect(page.getByTestId('target-bar')).toHaveCount(0);
      await expect(page.locator('body')).not.toContainText(lang === 'vi' ? 'đạt 0 %' : '0 % reached');
      await shoot(page, lang, 'support-dashboard');

      // Search: TRL in bands, the province apart from the communes.
      await page.goto('/search');
      const trl = page.getByRole('group', { name: T.search.facet.trl });
      await expect(trl).toBeVisible();
      await expect(trl.getByRole('radio')).toHaveCount(4);
      await shoot(page, lang, 'search');
    });

    test(`the audit log in words (${lang})`, async ({ page, request }) => {
      const cfg = await demoConfig(request);
      await openIn(page, lang);
      await login(page, lang, 'officer@demo.techmart.vn', cfg.demoPassword);
      await page.goto('/audit');
      const rows = page.locator('.audit-table tbody tr');
      await expect(rows.first()).toBeVisible();
      const body = (await page.locator('.audit-table').textContent()) ?? '';
      // No raw action, subject or reason code is left for a person to read.
      for (const code of ['connection.interest', 'transfer.create', 'listing.', 'org.create', 'seed', '→ published', 'draft →']) {
        expect(body, `the audit log shows ${code}`).not.toContain(code);
      }
      // A subject's kind in words, not its code ("transfer: …").
      expect(body).not.toMatch(/(^|[^A-Za-z ])(transfer|listing|organization|connection):/);
      // At 360 px the table stacks: each label sits above its value, and an
      // e-mail keeps one line.
      await page.setViewportSize(MOBILE);
      const cell = page.locator('.audit-table td[data-label]').nth(1);
      const split = await cell.evaluate((td) => {
        const before = getComputedStyle(td, '::before');
        return before.display;
      });
      expect(split).toBe('block');
      await page.setViewportSize(DESKTOP);
      await shoot(page, lang, 'audit-log');
    });
  }
});
