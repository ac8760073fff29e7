// The November report on the province's plan, through each person's screens:
// the officer opens the 2026 reporting year of Decision 684's plan; the demo
// agency (Sở Nông nghiệp và Môi trường) finds its targets with the
// platform's figures pre-filled and marked, writes, attaches evidence and
// submits; the officer returns it for a missing figure; the agency corrects
// it and the officer accepts it; the officer downloads the provincial
// report: the PDF is looked at (its HTML twin is screenshotted), the DOCX is
// parsed, the XLSX's figures are read back and equal the records counted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoConfig, fmt, login, logout, navTo, openIn, samplePdf, shot, TEXT, type Lang } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';
const AGENCY = 'agency@demo.techmart.vn';
const PLAN = '64656d6f00000000000000b1';
const YEAR = 2026;
const OUT = '/tmp/shots-plan';

const lang: Lang = 'vi';
const T = TEXT[lang];
const P = T.plan;

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).accessToken as string;
}

/** The report card of one target in the editor. */
const item = (page: Page, target: string) => page.locator(`.report-item[data-target="${target}"]`);

/** Entries of a zip (DOCX, XLSX) as text, read with unzip. */
function unzipText(file: string, entry: string): string {
  return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
}

test('an agency reports on the plan and the officer compiles the provincial report', async ({ page, request }) => {
  test.setTimeout(240_000);
  mkdirSync(OUT, { recursive: true });
  const { demoPassword } = await demoConfig(request);

  // The officer opens the 2026 reporting year.
  await login(page, lang, OFFICER, demoPassword);
  await navTo(page, lang, 'officerTools', T.nav.plan);
  await expect(page.getByRole('heading', { level: 1, name: P.title })).toBeVisible();
  await page.getByLabel(P.year).selectOption(String(YEAR));
  await page.getByRole('button', { name: fmt(P.open, { year: YEAR }) }).click();
  await expect(page.getByText(fmt(P.opened, { year: YEAR }))).toBeVisible();
  await expect(page.locator('tr[data-agency="so_nnmt"]')).toContainText(P.state.draft);
  await logout(page, lang);

  // The agency finds its report with the platform's figures pre-filled.
  await login(page, lang, AGENCY, demoPassword);
  await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.nav.planReports }).click();
  await page.getByRole('link', { name: /Sở Nông nghiệp và Môi trường/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(fmt(P.editor.title, { year: YEAR }));
  await expect(item(page, '3').getByText(P.editor.countedBadge)).toBeVisible();
  await expect(item(page, '4').getByText(P.editor.countedBadge)).toBeVisible();
  await expect(item(page, '3').locator('input[type=number]')).toHaveCount(0); // nothing to overwrite
  await item(page, '3').getByLabel(P.editor.note).fill('Nhãn hiệu tập thể Quýt Quang Thuận đã có văn bằng nhưng chưa đăng trên sàn.');
  await item(page, '1').getByLabel(P.editor.done).fill('Xây dựng 01 mô hình rau thủy canh tại phường Đức Xuân.');
  await item(page, '1').getByLabel(P.editor.difficulties).fill('Thiếu vốn đối ứng của hợp tác xã.');
  for (const target of ['1', '2', '3', '4']) {
    await item(page, target).getByLabel(P.editor.status).selectOption('on_track');
  }
  await item(page, '2').getByLabel(new RegExp(P.editor.value)).fill('1');
  await item(page, '1').getByTestId('evidence-1').setInputFiles({ name: 'bien-ban-nghiem-thu.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await expect(item(page, '1').getByRole('link', { name: 'bien-ban-nghiem-thu.pdf' })).toBeVisible();
  // Without target 1's figure the server refuses the submission on its field.
  await page.getByRole('button', { name: P.editor.submit }).click();
  await expect(item(page, '1').locator('.field-error')).toBeVisible();
  await item(page, '1').getByLabel(new RegExp(P.editor.value)).fill('1');
  await shot(page, lang, 'plan-report-editor');
  await page.getByRole('button', { name: P.editor.submit }).click();
  await expect(page.getByTestId('report-state')).toHaveText(P.state.submitted);
  const reportUrl = page.url();
  await logout(page, lang);

  // The officer returns it for a missing cumulative figure.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/plan?year=${YEAR}`);
  await page.locator('tr[data-agency="so_nnmt"]').getByRole('link').click();
  await page.getByRole('button', { name: P.editor.return }).click();
  await page.getByLabel(P.editor.reason).fill('Thiếu số liệu lũy kế của chỉ tiêu 1.');
  await page.getByRole('dialog').getByRole('button', { name: P.editor.return }).click();
  await expect(page.getByTestId('report-state')).toHaveText(P.state.returned);
  await logout(page, lang);

  // The agency reads why, corrects and submits again.
  await login(page, lang, AGENCY, demoPassword);
  await page.goto(reportUrl);
  await expect(page.getByText(fmt(P.editor.returnedBecause, { reason: 'Thiếu số liệu lũy kế của chỉ tiêu 1.' }))).toBeVisible();
  await item(page, '1').getByLabel(new RegExp(`^${P.editor.cumulative}`)).fill('3');
  await page.getByRole('button', { name: P.editor.submit }).click();
  await expect(page.getByTestId('report-state')).toHaveText(P.state.submitted);
  await logout(page, lang);

  // The officer accepts it and compiles the provincial report.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(reportUrl);
  await page.getByRole('button', { name: P.editor.accept }).click();
  await expect(page.getByTestId('report-state')).toHaveText(P.state.accepted);
  await page.goto(`/plan?year=${YEAR}`);
  await expect(page.locator('tr[data-agency="so_nnmt"]')).toContainText(P.state.accepted);
  await expect(page.locator('tr[data-target="1"]')).toContainText('3');
  await shot(page, lang, 'plan-overview');

  const save = async (format: string) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-format="${format}"]`).click()]);
    const file = join(OUT, `bao-cao-${YEAR}.${format}`);
    await dl.saveAs(file);
    return file;
  };
  const pdf = await save('pdf');
  expect(execFileSync('head', ['-c', '5', pdf]).toString()).toBe('%PDF-');
  // The DOCX, read by the browser's XML parser.
  const docx = await save('docx');
  const docText = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length) return 'PARSE ERROR';
    return Array.from(doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'p'))
      .map((p) => p.textContent)
      .join('\n');
  }, unzipText(docx, 'word/document.xml'));
  for (const want of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', '684/QĐ-UBND', 'Thiếu vốn đối ứng của hợp tác xã.', 'GIÁM ĐỐC']) {
    expect(docText).toContain(want);
  }
  // The XLSX: one row per target, its counted rows adding up to the figures.
  const xlsx = await save('xlsx');
  const api = await token(request, OFFICER, demoPassword);
  const progress = await (await request.get(`/api/v1/plans/${PLAN}/progress?year=${YEAR}`, { headers: { Authorization: `Bearer ${api}` } })).json();
  const sheets = await page.evaluate(
    ([s1, s3]) => {
      const rows = (xml: string) => Array.from(new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('row'));
      const cell = (row: Element, col: string) => {
        const c = Array.from(row.getElementsByTagName('c')).find((x) => x.getAttribute('r')?.startsWith(col));
        return c?.textContent ?? '';
      };
      return {
        targets: rows(s1).slice(1).map((r) => ({ year: cell(r, 'J') })),
        records: rows(s3).slice(1).map((r) => ({ target: cell(r, 'A'), value: Number(cell(r, 'E')) })),
      };
    },
    [unzipText(xlsx, 'xl/worksheets/sheet1.xml'), unzipText(xlsx, 'xl/worksheets/sheet3.xml')],
  );
  expect(sheets.targets).toHaveLength(progress.targets.length);
  for (const [i, tp] of (progress.targets as { code: string; source: string; value?: number }[]).entries()) {
    expect(sheets.targets[i].year, `target ${tp.code} this year`).toBe(tp.value === undefined ? '' : String(tp.value));
    if (tp.source === 'platform') {
      const sum = sheets.records.filter((r) => r.target === tp.code).reduce((s, r) => s + r.value, 0);
      expect(sum, `records of target ${tp.code}`).toBe(tp.value ?? 0);
    }
  }
  // The HTML twin of the PDF, looked at.
  const [tab] = await Promise.all([page.waitForEvent('popup'), page.locator('button[data-format="html"]').click()]);
  await tab.waitForLoadState();
  await expect(tab.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await tab.screenshot({ path: join(OUT, 'vi-provincial-report.png'), fullPage: true });
  writeFileSync(join(OUT, 'docx-text.txt'), docText);
  await tab.close();
});

// The same screens in English, for the screenshots (after the journey above).
test('the plan screens in English', async ({ page, request }) => {
  const { demoPassword } = await demoConfig(request);
  const E = TEXT.en.plan;
  // Opening the year again changes nothing; run alone, this opens it.
  const officer = await token(request, OFFICER, demoPassword);
  expect((await request.post(`/api/v1/plans/${PLAN}/periods`, { headers: { Authorization: `Bearer ${officer}` }, data: { year: YEAR } })).ok()).toBeTruthy();
  await openIn(page, 'en', '/login');
  await login(page, 'en', OFFICER, demoPassword);
  await page.goto(`/plan?year=${YEAR}`);
  await expect(page.getByRole('heading', { level: 1, name: E.title })).toBeVisible();
  await expect(page.locator('tr[data-target="1"]')).toBeVisible();
  await shot(page, 'en', 'plan-overview');
  await logout(page, 'en');
  await login(page, 'en', AGENCY, demoPassword);
  await page.goto('/plan/reports');
  await expect(page.getByRole('heading', { level: 1, name: E.reports.title })).toBeVisible();
  await shot(page, 'en', 'plan-reports');
  // The agency's name is shown in the page's language.
  await page.getByRole('link', { name: 'Department of Agriculture and Environment' }).first().click();
  await expect(page.locator('.report-item[data-target="3"]').getByText(E.editor.countedBadge)).toBeVisible();
  await shot(page, 'en', 'plan-report-editor');
  await openIn(page, 'vi', '/plan/reports');
  await shot(page, 'vi', 'plan-reports');
});
