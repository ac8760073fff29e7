// A listing page's matches: its owner sees suggested matches with
// "express interest"; a visitor sees similar listings without it; on a
// 360 px phone, three compact matches and "see more".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoConfig, DESKTOP, fmt, login, logout, MOBILE, openIn, picture, TEXT, type Lang } from './helpers';

const ENTERPRISE = 'enterprise@demo.techmart.vn';
const NEED = 'Xử lý nước thải và bã dong riềng cho cơ sở sản xuất tinh bột';
/** Screenshots for looking at, outside the repository (TECHMART_SHOTS to change). */
const SHOTS = process.env.TECHMART_SHOTS || '/tmp/shots-match';

async function shots(page: Page, lang: Lang, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [size, vp] of [
    ['1280', DESKTOP],
    ['360', MOBILE],
  ] as const) {
    await page.setViewportSize(vp);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} overflows horizontally at ${size} px`).toBeLessThanOrEqual(0);
    await picture(page, join(SHOTS, `${lang}-${name}-${size}.png`), true);
  }
}

async function needPath(page: Page): Promise<string> {
  const res = await page.request.get(`/api/v1/search?q=${encodeURIComponent(NEED)}&kind=demand`);
  expect(res.ok()).toBeTruthy();
  const hit = (await res.json()).hits.find((h: { title: string }) => h.title === NEED);
  expect(hit, 'the demo need').toBeTruthy();
  return `/listings/${hit.id}`;
}

for (const lang of ['vi', 'en'] as const) {
  test(`a need's page: matches for its owner, similar listings for a visitor; compact on a phone (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    const { demoPassword } = await demoConfig(request);
    const path = await needPath(page);

    // The owner on a phone: three compact matches, "express interest" on each, then "see more".
    await openIn(page, lang);
    await login(page, lang, ENTERPRISE, demoPassword);
    await page.setViewportSize(MOBILE);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: NEED })).toBeVisible();
    const owner = page.getByRole('region', { name: T.matches.title });
    await expect(owner.locator('.match-compact')).toHaveCount(3);
    await expect(owner.locator('.match-compact').first().getByRole('button', { name: new RegExp(`^${T.interest.open}`) })).toBeVisible();
    await expect(owner.locator('.match-compact meter').first()).toBeAttached();
    await shots(page, lang, 'listing-owner');
    await page.setViewportSize(MOBILE);
    const more = owner.getByRole('button', { name: new RegExp(`^${fmt(T.matches.seeMore_other, { count: '(\\d+)' })}$`) });
    const hidden = Number(/(\d+)/.exec((await more.textContent()) ?? '')![1]);
    expect(hidden).toBeGreaterThan(0);
    await more.click();
    await expect(owner.locator('.match-compact')).toHaveCount(3 + hidden);
    await expect(more).toHaveCount(0);
    // TRL in words beside the number.
    await expect(owner.locator('.match-trl').first()).toContainText(/TRL \d: \S+/);

    // A visitor: similar needs, no score, no "express interest" on them.
    await page.setViewportSize(DESKTOP);
    await logout(page, lang);
    await page.setViewportSize(MOBILE);
    await page.goto(path);
    const visitor = page.getByRole('region', { name: T.matches.similarTitle });
    await expect(visitor.locator('.match-compact').first()).toBeVisible();
    expect(await visitor.locator('.match-compact').count()).toBeLessThanOrEqual(3);
    await expect(visitor.getByRole('button', { name: new RegExp(`^${T.interest.open}`) })).toHaveCount(0);
    await expect(visitor.locator('meter')).toHaveCount(0);
    await expect(page.getByRole('region', { name: T.matches.title })).toHaveCount(0);
    await shots(page, lang, 'listing-visitor');
    await page.setViewportSize(DESKTOP);
    await expect(visitor.locator('.match-card').first()).toBeVisible();
    await expect(visitor.getByRole('button', { name: new RegExp(`^${T.interest.open}`) })).toHaveCount(0);
  });
}
