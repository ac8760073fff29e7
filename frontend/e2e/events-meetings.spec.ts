// B2B meetings on the day, in Vietnamese: the API sets up what the events
// screens do (a hybrid fair published today, the institute exhibiting its
// test kit, the enterprise bringing its need, both approved). Then, in the
// browser: the enterprise asks for the meeting the matcher suggests, the
// institute accepts, the officer checks the enterprise in by the badge's code
// on a 360 px phone, the enterprise records the meeting held and an MoU.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { isoDay, login, logout, openIn, shot, TEXT } from './helpers';

const ENTERPRISE = 'enterprise@demo.techmart.vn';
const INSTITUTE = 'institute@demo.techmart.vn';
const OFFICER = 'officer@demo.techmart.vn';
const PASSWORD = 'demo-Techmart-2026';
const ENTERPRISE_ORG = '64656d6f0000000000000003';
const INSTITUTE_ORG = '64656d6f0000000000000002';
const NEED = '6c6973740000000000000125'; // Cần phát hiện sớm bệnh vàng lá gân xanh cho vùng quýt liên kết
const OFFER = '6c697374000000000000002a'; // Kit phát hiện nhanh bệnh vàng lá gân xanh trên cây có múi
const M = TEXT.vi.eventMeetings;

async function token(request: APIRequestContext, email: string): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(r.status()).toBe(200);
  return (await r.json()).accessToken as string;
}

async function call(request: APIRequestContext, tok: string, path: string, data?: unknown): Promise<Record<string, unknown>> {
  const r = await request.post(`/api/v1${path}`, { data: data ?? {}, headers: { Authorization: `Bearer ${tok}` } });
  expect(r.ok(), `${path}: ${r.status()} ${await r.text()}`).toBeTruthy();
  return (await r.json()) as Record<string, unknown>;
}

/** A hybrid fair happening today, published, with the enterprise and the institute approved. */
async function fairToday(request: APIRequestContext): Promise<{ id: string; entReg: string }> {
  const off = await token(request, OFFICER);
  const ev = await call(request, off, '/events', {
    name: `Techmart Thái Nguyên – phiên kết nối ${Date.now()}`,
    kind: 'hybrid',
    startDate: isoDay(0),
    endDate: isoDay(1),
    venue: 'Trung tâm Hội nghị tỉnh Thái Nguyên',
    link: 'https://techmart.thainguyen.gov.vn/truc-tuyen',
    organisers: ['Sở Khoa học và Công nghệ tỉnh Thái Nguyên'],
    sectors: ['hitech_agri'],
    registrationOpens: isoDay(-10),
    registrationCloses: isoDay(0),
    booths: [{ code: 'A', name: 'Gian tiêu chuẩn', sizeM2: 9, count: 10, feeVnd: 0, freeQuota: 2, prefix: 'A' }],
    meetings: { days: [isoDay(0)], start: '08:30', minutes: 30, slotsPerDay: 8, tables: 10, breaks: [] },
  });
  const id = ev.id as string;
  await call(request, off, `/events/${id}/publish`);
  const inst = await call(request, await token(request, INSTITUTE), `/events/${id}/registrations`, {
    orgId: INSTITUTE_ORG,
    role: 'exhibitor',
    boothType: 'A',
    listings: [OFFER],
  });
  const ent = await call(request, await token(request, ENTERPRISE), `/events/${id}/registrations`, {
    orgId: ENTERPRISE_ORG,
    role: 'participant',
    needs: [NEED],
  });
  await call(request, off, `/events/${id}/registrations/${inst.id as string}/approve`);
  await call(request, off, `/events/${id}/registrations/${ent.id as string}/approve`);
  return { id, entReg: ent.id as string };
}

async function meetingsPage(page: Page, id: string) {
  await openIn(page, 'vi', `/events/${id}/meetings`);
  await expect(page.getByRole('heading', { level: 1, name: M.title })).toBeVisible();
}

test('gặp gỡ B2B: mời gặp theo gợi ý, nhận lời, check-in bằng mã thẻ, ghi kết quả và biên bản ghi nhớ', async ({ page, request }) => {
  const { id, entReg } = await fairToday(request);

  // The enterprise asks the institute, whose kit fits its need.
  await login(page, 'vi', ENTERPRISE, PASSWORD);
  await meetingsPage(page, id);
  const suggestion = page.locator('.suggestion').first();
  await expect(suggestion).toContainText('Viện Khoa học Sự sống');
  await suggestion.getByRole('button', { name: M.ask }).click();
  const ask = page.getByRole('dialog');
  await ask.getByLabel(M.message).fill('Chúng tôi muốn thử bộ kit phát hiện nhanh bệnh vàng lá gân xanh cho vùng quýt liên kết.');
  await ask.getByRole('button', { name: M.send }).click();
  await expect(page.getByText(M.requested)).toBeVisible();
  await expect(page.locator('.meeting[data-state="requested"]')).toContainText('Viện Khoa học Sự sống');
  await shot(page, 'vi', 'event-meetings-requested');
  await logout(page, 'vi');

  // The institute accepts.
  await login(page, 'vi', INSTITUTE, PASSWORD);
  await meetingsPage(page, id);
  const incoming = page.locator('.meeting[data-state="requested"]');
  await expect(incoming).toContainText('Công ty TNHH Nông sản sạch Ba Bể');
  await incoming.getByRole('button', { name: M.accept }).click();
  await expect(page.locator('.meeting[data-state="accepted"]')).toBeVisible();
  await logout(page, 'vi');

  // At the door, on a phone: the officer types the badge's code.
  const badge = await request.get(`/api/v1/events/${id}/registrations/${entReg}/badge?format=json`, {
    headers: { Authorization: `Bearer ${await token(request, ENTERPRISE)}` },
  });
  const code = (await badge.json()).code as string;
  await login(page, 'vi', OFFICER, PASSWORD);
  await page.setViewportSize({ width: 360, height: 740 });
  await openIn(page, 'vi', `/events/${id}/checkin`);
  await page.getByLabel(TEXT.vi.eventCheckIn.code).fill(code);
  await page.getByRole('button', { name: TEXT.vi.eventCheckIn.submit, exact: true }).click();
  await expect(page.locator('.checkin-result[data-outcome="first"]')).toContainText('Công ty TNHH Nông sản sạch Ba Bể');
  await shot(page, 'vi', 'event-checkin');
  // Once: the same badge again says when it first checked in.
  await page.getByLabel(TEXT.vi.eventCheckIn.code).fill(code);
  await page.getByRole('button', { name: TEXT.vi.eventCheckIn.submit, exact: true }).click();
  await expect(page.locator('.checkin-result[data-outcome="again"]')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await logout(page, 'vi');

  // The enterprise marks the meeting held and records the MoU signed there.
  await login(page, 'vi', ENTERPRISE, PASSWORD);
  await meetingsPage(page, id);
  const accepted = page.locator('.meeting[data-state="accepted"]');
  await accepted.getByRole('button', { name: M.recordOutcome }).click();
  const outcome = page.getByRole('dialog');
  await outcome.getByLabel(M.nextStep).fill('Gửi 20 mẫu lá để thử bộ kit trong tháng 12.');
  await outcome.getByRole('button', { name: TEXT.vi.common.save }).click();
  await expect(accepted).toContainText(M.outcome.held);
  await accepted.getByRole('link', { name: M.recordDeal }).click();
  const deal = page.getByRole('dialog');
  await expect(deal.getByLabel(TEXT.vi.eventDeals.supplier)).toHaveValue(INSTITUTE_ORG);
  await deal.getByRole('button', { name: TEXT.vi.common.save }).click();
  await expect(page.locator('[data-total="mou"]')).toHaveText('1');
  await expect(page.locator('.deals-table')).toContainText(TEXT.vi.eventDeals.onSpot);
  await shot(page, 'vi', 'event-deals');
});
