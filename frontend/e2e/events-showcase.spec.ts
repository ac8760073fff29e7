// An event's showcase and results report, in Chromium. The API does what
// the earlier steps would have done: the officer creates and publishes a
// hybrid fair opening today, the demo institute registers as exhibitor
// with two of its offers and the demo enterprise as participant bringing
// one need, the officer approves both (a booth for the institute), checks
// the institute in by its badge's code and records an MoU and a contract
// signed there. Then a visitor searches and filters the showcase, opens a
// booth the way its QR code does and prints the exhibitor catalogue; the
// officer opens the results report from the showcase and downloads its
// workbook. Vietnamese; screenshots at 1280 and 360 px.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { call, ENTERPRISE, ENTERPRISE_ORG, INSTITUTE, INSTITUTE_ORG, LISTINGS, OFFICER, token, xlsxRows } from './events';
import { demoConfig, fmt, isoDay, login, openIn, shot, TEXT, type Lang } from './helpers';

const { baKich: BA_KICH, viSinh: VI_SINH, quyt: QUYT } = LISTINGS;

const lang: Lang = 'vi';
const S = TEXT[lang].showcase;
const R = TEXT[lang].eventReport;

test('a visitor searches the showcase and opens a booth; the officer reads the results and their workbook', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { demoPassword } = await demoConfig(request);
  const officer = await token(request, OFFICER, demoPassword);
  const enterprise = await token(request, ENTERPRISE, demoPassword);
  const institute = await token(request, INSTITUTE, demoPassword);

  const name = 'Chợ công nghệ và thiết bị Thái Nguyên 2026';
  const created = await call(request, officer, 'POST', '/api/v1/events', {
    name,
    kind: 'hybrid',
    startDate: isoDay(0),
    endDate: isoDay(1),
    venue: 'Trung tâm Hội nghị tỉnh, TP. Thái Nguyên',
    link: 'https://techmart.example.gov.vn/truc-tuyen',
    organisers: ['Sở Khoa học và Công nghệ'],
    sectors: ['agri_processing', 'biotech'],
    registrationOpens: isoDay(-3),
    registrationCloses: isoDay(0),
    booths: [{ code: 'std', name: 'Gian hàng tiêu chuẩn', sizeM2: 9, count: 10, feeVnd: 3_000_000, freeQuota: 2, prefix: 'A' }],
  });
  const id = created.id as string;
  await call(request, officer, 'POST', `/api/v1/events/${id}/publish`);
  const inst = await call(request, institute, 'POST', `/api/v1/events/${id}/registrations`, { role: 'exhibitor', boothType: 'std', listings: [BA_KICH, VI_SINH] });
  const ent = await call(request, enterprise, 'POST', `/api/v1/events/${id}/registrations`, { role: 'participant', needs: [QUYT] });
  const booth = (await call(request, officer, 'POST', `/api/v1/events/${id}/registrations/${inst.id}/approve`)).booth as string;
  expect(booth).toMatch(/^A-\d+$/);
  await call(request, officer, 'POST', `/api/v1/events/${id}/registrations/${ent.id}/approve`);
  const badge = await call(request, institute, 'GET', `/api/v1/events/${id}/registrations/${inst.id}/badge?format=json`);
  await call(request, officer, 'POST', `/api/v1/events/${id}/checkins`, { code: badge.code });
  for (const d of [
    { kind: 'mou', valueVnd: 0 },
    { kind: 'contract', valueVnd: 450_000_000, listingId: BA_KICH, form: 'licence' },
  ]) {
    await call(request, officer, 'POST', `/api/v1/events/${id}/deals`, {
      supplierOrgId: INSTITUTE_ORG, recipientOrgId: ENTERPRISE_ORG, signedOn: isoDay(0), sectors: ['biotech'], ...d,
    });
  }

  // A visitor: every stand, by booth, with what it shows.
  await openIn(page, lang, `/events/${id}/showcase`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const stands = page.locator('.stand');
  await expect(stands).toHaveCount(2);
  await expect(stands.nth(0)).toHaveAttribute('data-booth', booth);
  await expect(stands.nth(0)).toContainText('Quy trình nhân giống in vitro cây ba kích tím sạch bệnh');
  await expect(stands.nth(0)).toContainText('Chế phẩm vi sinh');
  await expect(stands.nth(1)).toContainText(S.needsBrought);
  await expect(stands.nth(1)).toContainText('Cần công nghệ bảo quản quýt tươi');
  await expect(page.getByTestId('showcase-count')).toHaveText(fmt(S.count, { stands: 2, items: 3 }));
  await shot(page, lang, 'event-showcase');

  // Words typed without diacritics, then a role.
  await page.getByLabel(S.searchLabel).fill('ba kich');
  await page.getByRole('button', { name: TEXT[lang].common.search, exact: true }).click();
  await expect(page).toHaveURL(/q=ba\+kich/);
  await expect(stands).toHaveCount(1);
  await expect(stands.nth(0).locator('.stand-item')).toHaveCount(1);
  await expect(stands.nth(0).locator('mark').first()).toBeVisible();
  await page.getByLabel(S.searchLabel).fill('');
  await page.getByRole('button', { name: TEXT[lang].common.search, exact: true }).click();
  await page.getByLabel(S.role).selectOption('participant');
  await expect(stands).toHaveCount(1);
  await expect(stands.nth(0)).toHaveAttribute('data-role', 'participant');

  // The booth's QR code is an SVG that leads here with the booth chosen.
  const qr = await request.get(`/api/v1/events/${id}/booths/${booth}/qr.svg`);
  expect(qr.headers()['content-type']).toBe('image/svg+xml');
  expect(await qr.text()).toMatch(/^<svg /);
  await page.goto(`/events/${id}/showcase?booth=${booth}`);
  await expect(stands).toHaveCount(1);
  await expect(stands.nth(0)).toHaveAttribute('data-booth', booth);
  await expect(page.getByLabel(S.searchLabel)).toHaveCount(0);
  await shot(page, lang, 'event-showcase-booth');
  await page.getByRole('button', { name: fmt(S.clearBooth, { booth }) }).click();
  await expect(stands).toHaveCount(2);
  await expect(page.getByLabel(S.searchLabel)).toBeVisible();

  // The printed catalogue, as the visitor's browser fetches it.
  const catalogue = await request.get(`/api/v1/events/${id}/catalogue?format=pdf&lang=vi`);
  expect(catalogue.headers()['content-type']).toBe('application/pdf');
  expect((await catalogue.body()).subarray(0, 4).toString()).toBe('%PDF');
  const html = await (await request.get(`/api/v1/events/${id}/catalogue?lang=vi`)).text();
  expect(html).toContain('DANH MỤC GIAN HÀNG');
  expect(html).toContain(booth);

  // The officer: the showcase offers the results report.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/events/${id}/showcase`);
  await page.getByTestId('report-link').click();
  await expect(page).toHaveURL(new RegExp(`/events/${id}/report$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const tiles = page.locator('.report-tile-value');
  await expect(tiles.nth(0)).toHaveText('2'); // approved
  await expect(tiles.nth(1)).toHaveText('1'); // checked in
  await expect(tiles.nth(3)).toHaveText('2'); // an MoU and a contract
  await expect(page.locator('tr[data-row="total"]')).toContainText('450.000.000');
  await shot(page, lang, 'event-report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: R.formats.xlsx }).click()]);
  expect(download.suggestedFilename()).toBe(`bao-cao-ket-qua-${id}.xlsx`);
  const path = await download.path();
  const contracts = xlsxRows(path!).find((r) => r[0] === 'Hợp đồng');
  expect(contracts?.[2], 'the contract signed on the spot, as a number').toBe('450000000');
  expect(readFileSync(path!).subarray(0, 2).toString()).toBe('PK');
});
