import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type viType from '../src/i18n/vi.json';

const HERE = dirname(fileURLToPath(import.meta.url));
type Resources = typeof viType;
const load = (lang: string) => JSON.parse(readFileSync(join(HERE, '..', 'src', 'i18n', `${lang}.json`), 'utf8')) as Resources;
const vi = load('vi');
const en = load('en');

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];
export const TEXT = { vi, en } as const;

/**
 * The server's own texts the specs look for (internal/httpapi/messages.go):
 * errors found by the server are shown in its words, in the language asked.
 */
export const SERVER_TEXT = {
  vi: {
    invalid_credentials: 'Email hoặc mật khẩu không đúng.',
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    weights_not_100: 'Tổng trọng số các tiêu chí phải bằng 100 (hiện là {{sum}}).',
  },
  en: {
    invalid_credentials: 'Wrong e-mail or password.',
    wrong_password: 'The current password is wrong.',
    weights_not_100: 'The criteria weights must add up to 100 (now {{sum}}).',
  },
} as const;

/** Fills {{placeholders}} in a resource string. */
export function fmt(s: string, vars: Record<string, string | number>): string {
  return s.replace(/{{\s*(\w+)\s*}}/g, (_, k: string) => String(vars[k] ?? ''));
}

const SHOTS = join(HERE, '..', 'test-results', 'screenshots');
// The pictures are for people to look at; a run that only checks (make test
// sets TECHMART_E2E_SHOTS=0) still resizes to 360 px and asserts nothing
// overflows, but does not encode full-page PNGs, which cost a third of the run.
const PICTURES = process.env.TECHMART_E2E_SHOTS !== '0';
export async function picture(page: Page, path: string, fullPage: boolean): Promise<void> {
  if (PICTURES) await page.screenshot({ path, fullPage });
}
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 360, height: 740 };

/** Saves a full-page screenshot at 1280 px and at 360 px, then returns to desktop. */
export async function shot(page: Page, lang: Lang, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await picture(page, join(SHOTS, `${lang}-${name}-desktop.png`), true);
  await page.setViewportSize(MOBILE);
  // The layout reflows synchronously; give fonts and the card layout a frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows horizontally at 360 px`).toBeLessThanOrEqual(0);
  await picture(page, join(SHOTS, `${lang}-${name}-mobile.png`), true);
  await page.setViewportSize(DESKTOP);
}

/** A screenshot of the visible part at 1280 px (for menus that are open). */
export async function shotDesktop(page: Page, lang: Lang, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await picture(page, join(SHOTS, `${lang}-${name}-desktop.png`), false);
}

/** A screenshot at 360 px only (for states that exist only on phones). */
export async function shotMobile(page: Page, lang: Lang, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await picture(page, join(SHOTS, `${lang}-${name}-mobile.png`), false);
}

export interface DemoConfig {
  demoPassword: string;
  demoAccounts: { email: string; role: string }[];
}

export async function demoConfig(request: APIRequestContext): Promise<DemoConfig> {
  const res = await request.get('/api/v1/config');
  expect(res.ok()).toBeTruthy();
  const cfg = await res.json();
  expect(cfg.demo, 'the server must run with TECHMART_DEMO=1').toBe(true);
  expect(typeof cfg.demoPassword).toBe('string');
  return cfg as DemoConfig;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@e2e.techmart.vn`;
}

/** An app path in a language: Vietnamese at the root, English under /en/ ("/search" → "/en/search"). */
export function pathIn(lang: Lang, path: string): string {
  const bare = path === '/en' || path.startsWith('/en/') || path.startsWith('/en?') ? path.slice(3) || '/' : path;
  if (lang === 'vi') return bare.startsWith('/') ? bare : `/${bare}`;
  return `/en${bare.startsWith('/') ? bare : `/${bare}`}`;
}

const plainGoto = new WeakMap<Page, Page['goto']>();

/**
 * Opens `path` in `lang` through its address (English under /en/). The page
 * stays in that language: a later `page.goto('/some/path')` of the spec opens
 * the same path in it, as following the app's own links would.
 */
export async function openIn(page: Page, lang: Lang, path = '/'): Promise<void> {
  if (!plainGoto.has(page)) plainGoto.set(page, page.goto.bind(page));
  const goto = plainGoto.get(page)!;
  page.goto = (url, options) =>
    goto(url.startsWith('/') && !url.startsWith('/api/') ? pathIn(lang, url) : url, options);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The header's account menu button, named "Tài khoản: <name>". */
export function accountButton(page: Page, lang: Lang) {
  const prefix = fmt(TEXT[lang].nav.accountOf, { name: '' });
  return page.getByRole('button', { name: new RegExp(`^${escapeRegExp(prefix)}`) });
}

/** Opens the account menu (Tài khoản) unless it is open already. */
export async function openAccountMenu(page: Page, lang: Lang): Promise<void> {
  const button = accountButton(page, lang);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

export async function login(page: Page, lang: Lang, email: string, password: string): Promise<void> {
  const T = TEXT[lang];
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: T.login.title })).toBeVisible();
  await page.getByLabel(T.login.email).fill(email);
  await page.getByLabel(T.login.password).fill(password);
  await page.getByRole('button', { name: T.login.submit, exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  // The address changes before the landing page (a lazily loaded chunk) is
  // shown; a menu opened in between would close when it arrives.
  await expect(page.getByRole('heading', { level: 1, name: T.login.title })).toHaveCount(0);
  await expect(accountButton(page, lang)).toBeVisible();
}

export async function logout(page: Page, lang: Lang): Promise<void> {
  const T = TEXT[lang];
  await openAccountMenu(page, lang);
  await page.getByRole('button', { name: T.nav.logout }).click();
  await expect(page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.login })).toBeVisible();
}

/** Opens a group of the main navigation ("Hỗ trợ", "Nghiệp vụ") and follows one of its links. */
export async function navTo(page: Page, lang: Lang, group: 'support' | 'officerTools', link: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: TEXT[lang].nav.main });
  const toggle = nav.getByRole('button', { name: TEXT[lang].nav[group], exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await nav.getByRole('link', { name: link, exact: true }).click();
}

/** dd/mm/yyyy in Vietnam, `days` from today (as typed into a date field). */
export function day(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get('day')}/${get('month')}/${get('year')}`;
}

/** YYYY-MM-DD in Vietnam, `days` from today (as the API takes it). */
export function isoDay(days: number): string {
  return day(days).split('/').reverse().join('-');
}

/** A one-page PDF, enough for the server's content check. */
export function samplePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}
