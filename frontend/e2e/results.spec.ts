// The public results page ("Kết quả thực hiện") in Chromium: anyone opens
// it from the navigation, in Vietnamese and English; the plan's targets
// with their progress and the year's transfers
// by sector on the page are the CSV's rows (withheld figures included);
// an officer downloads the ministry's statistics as XLSX. Screenshots at
// 1280 and 360 px.
import { expect, test, type Page } from '@playwright/test';
import { demoConfig, fmt, LANGS, login, openIn, shot, TEXT, type Lang } from './helpers';

/** Parses the CSV the server gives (RFC 4180, UTF-8 with a byte-order mark). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** The transfers table of the year shown: sector key → [count text, value text]. */
async function pageTransfers(page: Page): Promise<Map<string, [string, string]>> {
  const out = new Map<string, [string, string]>();
  const rows = page.getByTestId('transfers').locator('tbody tr');
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const key = (await row.getAttribute('data-key')) ?? '';
    out.set(key, [(await row.getByTestId('count').innerText()).trim(), (await row.getByTestId('value').innerText()).trim()]);
  }
  return out;
}

for (const lang of LANGS) {
  test(`the public results page matches its CSV (${lang})`, async ({ page, request }) => {
    const T = TEXT[lang];
    await openIn(page, lang, '/');
    await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.results, exact: true }).click();
    await expect(page).toHaveURL(/\/results$/);
    await expect(page.getByRole('heading', { level: 1, name: T.results.title })).toBeVisible();

    const res = await request.get('/api/v1/public/results.csv');
    expect(res.ok()).toBeTruthy();
    expect(res.headers()['content-type']).toContain('text/csv');
    const [header, ...rows] = parseCsv(await res.text());
    const col = (name: string) => header.indexOf(name);

    // Decision 684's targets, each a CSV row, with its progress.
    const targetRows = rows.filter((r) => r[col('section')] === 'targets');
    expect(targetRows.length, 'the seeded plan has 7 targets').toBe(7);
    const targets = page.getByTestId('targets');
    await expect(targets.locator('tbody tr')).toHaveCount(targetRows.length);
    for (const r of targetRows) {
      const row = targets.locator(`tr[data-key="${r[col('key')]}"]`);
      await expect(row).toContainText(r[col(lang === 'vi' ? 'labelVi' : 'labelEn')]);
      expect(digits(await row.locator('td').nth(2).innerText()), `${r[col('key')]} achieved`).toBe(r[col('achieved')]);
    }
    const year = Number(await page.getByLabel(T.results.year).inputValue());
    const csvRows = rows.filter((r) => r[col('section')] === 'transfers' && Number(r[col('year')]) === year);
    const shown = await pageTransfers(page);
    expect(shown.size).toBe(csvRows.length);
    expect(csvRows.length).toBeGreaterThan(1);
    let withheld = 0;
    for (const r of csvRows) {
      const key = r[col('key')] || 'total';
      const [count, value] = shown.get(key) ?? ['missing', 'missing'];
      const suppressed = r[col('suppressed')];
      if (suppressed) {
        withheld++;
        const mark = suppressed === 'small' ? T.results.suppressedSmall : T.results.suppressedComplement;
        expect([count, value], `${key} is withheld in the CSV`).toEqual([mark, mark]);
      } else {
        expect(digits(count), `${key}'s count`).toBe(r[col('count')]);
        expect(digits(value), `${key}'s value`).toBe(r[col('value')]);
      }
    }
    expect(withheld, 'the demo year has sectors of fewer than 3 contracts').toBeGreaterThan(0);
    // The sector labels are the CSV's, in the page's language.
    const labelCol = col(lang === 'vi' ? 'labelVi' : 'labelEn');
    const sector = csvRows.find((r) => r[col('dimension')] === 'sector' && !r[col('suppressed')] && r[col('count')] !== '0');
    expect(sector).toBeTruthy();
    await expect(page.getByTestId('transfers').locator(`tr[data-key="${sector![col('key')]}"] th`)).toHaveText(sector![labelCol]);

    // The downloads are the open data the table came from.
    await expect(page.getByTestId('download-csv')).toHaveAttribute('href', '/api/v1/public/results.csv');
    const json = await (await request.get(await page.getByTestId('download-json').getAttribute('href') as string)).json();
    expect(json.figures.length).toBe(rows.length);

    // A figure's "how counted" link leads to its explanation.
    await page.getByTestId('transfers').getByRole('link', { name: T.results.how }).click();
    await expect(page.locator('#how-transfers-signed')).toBeInViewport();
    await expect(page.getByTestId('period')).toContainText(`15/12/${year - 1}`);
    await expect(page.getByTestId('period')).toContainText(`14/12/${year}`);

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, lang as Lang, 'results');
  });
}

test('an officer downloads the ministry’s statistics of the year shown (vi)', async ({ page, request }) => {
  const T = TEXT.vi;
  const { demoPassword } = await demoConfig(request);
  await login(page, 'vi', 'officer@demo.techmart.vn', demoPassword);
  await page.goto('/results');
  const year = await page.getByLabel(T.results.year).inputValue();
  const button = page.getByTestId('statistics-xlsx');
  await expect(button).toHaveText(fmt(T.results.statistics.download, { year }));
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(`thong-ke-khcn-${year}.xlsx`);
  await shot(page, 'vi', 'results-officer');
});
