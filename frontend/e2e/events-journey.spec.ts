// A techmart from the officer's form to the results report, in Vietnamese:
// the officer creates and publishes a hybrid fair opening today with a
// meeting grid; the demo enterprise registers through the form as a
// participant bringing a need, the institute and the agricultural
// university register as exhibitors through the API; the officer approves
// all three from the queue (booths ). The enterprise asks for
// the meeting the matcher suggests, the institute accepts; the officer runs
// the scheduler and checks the enterprise in by its badge's code on a phone;
// both sides find the same slot and table on their agendas and in their
// calendar files; the enterprise records the meeting held and the MoU signed
// there; the officer's results report and its workbook count them.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { day, demoConfig, fmt, login, logout, MOBILE, DESKTOP, openIn, shot, shotMobile, TEXT, type Lang } from './helpers';
import {
  call,
  ENTERPRISE,
  ENTERPRISE_NAME,
  ENTERPRISE_ORG,
  firstOffer,
  INSTITUTE,
  INSTITUTE_NAME,
  INSTITUTE_ORG,
  LISTINGS,
  NONG_LAM,
  OFFICER,
  token,
  VANG_LA_TITLE,
  xlsxRows,
} from './events';

const lang: Lang = 'vi';
const T = TEXT[lang];
const F = T.eventsForm;
const M = T.eventMeetings;
const S = T.eventSchedule;

/** The agenda's only meeting: its time and table, after checking the calendar file says the same. */
async function agendaOf(page: Page, id: string): Promise<{ when: string; table: string }> {
  await page.goto(`/events/${id}/agenda`);
  await expect(page.getByTestId('agenda-status')).toHaveText(S.agenda.final);
  const item = page.getByTestId('agenda-item');
  await expect(item).toHaveCount(1);
  const when = ((await item.locator('td').nth(0).textContent()) ?? '').trim();
  const table = ((await item.locator('td').nth(1).textContent()) ?? '').trim();
  expect(when).toMatch(/^\d\d:\d\d–\d\d:\d\d \d\d\/\d\d\/\d{4}$/);

  // The calendar file, as the button downloads it: RFC 5545 in Vietnam time.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: S.agenda.ics }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = readFileSync((await download.path())!, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, ''), 'every line ends in CRLF').not.toMatch(/[\r\n]/);
  expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n');
  // The event itself, then the meeting; lines unfolded (RFC 5545 3.1).
  const events = ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT\r\n').slice(1);
  const meetings = events.filter((e) => e.startsWith('UID:meeting-'));
  expect(events).toHaveLength(2);
  expect(meetings).toHaveLength(1);
  const start = when.slice(0, 5).replace(':', '') + '00';
  const date = when.slice(-10).split('/').reverse().join('');
  expect(meetings[0]).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${date}T${start}\r\n`);
  expect(meetings[0]).toMatch(new RegExp(`\\r\\nLOCATION:[^\\r]*${table}\\r\\n`));
  expect(meetings[0]).toContain('END:VEVENT\r\n');
  return { when, table };
}

test('một chợ công nghệ kết hợp: tạo, đăng ký, duyệt, gặp B2B theo gợi ý, xếp lịch, check-in, MoU và báo cáo kết quả', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const { demoPassword: pw } = await demoConfig(request);
  const name = `Techmart Thái Nguyên ${Date.now().toString(36)}`;

  // 1. The officer creates the fair through the form and publishes it.
  await openIn(page, lang);
  await login(page, lang, OFFICER, pw);
  await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.events.nav }).click();
  await page.getByRole('link', { name: T.events.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: F.newTitle })).toBeVisible();
  const form = page.locator('form.event-form');
  await form.locator('#event-name').fill(name);
  await form.locator('#event-kind').selectOption('hybrid');
  await form.locator('#event-startDate').fill(day(0));
  await form.locator('#event-endDate').fill(day(1));
  await form.locator('#event-venue').fill('Trung tâm Hội nghị tỉnh, phường Phan Đình Phùng');
  await form.locator('#event-link').fill('https://techmart.example.gov.vn/truc-tuyen');
  await form.locator('#event-organisers').fill('Sở Khoa học và Công nghệ');
  await form.locator('#event-sectors').check();
  await form.locator('#event-registrationOpens').fill(day(-1));
  await form.locator('#event-registrationCloses').fill(day(0));
  await form.getByRole('button', { name: `+ ${F.booth.add}` }).click();
  await form.locator('[id="event-booths.0.code"]').fill('std');
  await form.locator('[id="event-booths.0.prefix"]').fill('A');
  await form.locator('[id="event-booths.0.name"]').fill('Gian hàng tiêu chuẩn');
  await form.locator('[id="event-booths.0.count"]').fill('10');
  await form.locator('[id="event-booths.0.feeVnd"]').fill('0');
  await form.locator('[id="event-meetings.days"]').fill(day(0));
  await form.locator('[id="event-meetings.minutes"]').fill('20');
  await form.locator('[id="event-meetings.slotsPerDay"]').fill('12');
  await form.locator('[id="event-meetings.tables"]').fill('10');
  await form.getByRole('button', { name: F.create }).click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f]{24}$/);
  const id = page.url().split('/').pop()!;
  await page.getByRole('button', { name: T.events.publish }).click();
  await expect(page.getByText(T.events.published)).toBeVisible();
  await expect(page.locator('[data-registration="open"]')).toHaveText(T.events.regBadge.open);
  await logout(page, lang);

  // 2. The enterprise registers through the form, bringing its need; the
  // institute and the university register as exhibitors through the API.
  await login(page, lang, ENTERPRISE, pw);
  await page.goto(`/events/${id}`);
  await page.getByRole('link', { name: T.events.register }).click();
  await expect(page.getByRole('heading', { level: 1, name: fmt(F.reg.title, { name }) })).toBeVisible();
  await page.locator('input[name="reg-role"][value="participant"]').check();
  await page.getByLabel(VANG_LA_TITLE).check();
  await page.getByRole('button', { name: F.reg.submit }).click();
  await expect(page.getByText(T.events.registered)).toBeVisible();
  await logout(page, lang);
  const institute = await token(request, INSTITUTE, pw);
  await call(request, institute, 'POST', `/api/v1/events/${id}/registrations`, { role: 'exhibitor', boothType: 'std', listings: [LISTINGS.kit] });
  const nongLam = await token(request, NONG_LAM, pw);
  await call(request, nongLam, 'POST', `/api/v1/events/${id}/registrations`, {
    role: 'exhibitor',
    boothType: 'std',
    listings: [await firstOffer(request, nongLam)],
  });

  // 3. The officer approves the three from the queue, in the order they came.
  await login(page, lang, OFFICER, pw);
  await page.goto(`/events/${id}/registrations`);
  await expect(page.getByRole('heading', { level: 1, name: fmt(F.queue.title, { name }) })).toBeVisible();
  const rows = page.locator('.registrations-table tbody tr');
  await expect(rows).toHaveCount(3);
  await rows.first().getByRole('button', { name: F.queue.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: fmt(F.queue.approvedNoBooth, { org: ENTERPRISE_NAME }) })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('button', { name: F.queue.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: fmt(F.queue.approved, { org: INSTITUTE_NAME, booth: 'A-1' }) })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: F.queue.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A-2' })).toBeVisible();
  await page.getByRole('tab', { name: F.queue.all }).click();
  await expect(page.locator('.registrations-table [data-state="approved"]')).toHaveCount(3);
  await expect(page.getByTestId('booth').filter({ hasText: /^A-[12]$/ })).toHaveCount(2);
  await shot(page, lang, 'event-journey-queue');
  await logout(page, lang);

  // 4. The enterprise asks for the meeting the matcher suggests: the
  // institute's test kit fits its need; the institute accepts.
  await login(page, lang, ENTERPRISE, pw);
  await page.goto(`/events/${id}`);
  await page.getByRole('navigation', { name: T.eventMeetingLinks.label }).getByRole('link', { name: T.eventMeetingLinks.meetings }).click();
  await expect(page.getByRole('heading', { level: 1, name: M.title })).toBeVisible();
  const suggestion = page.locator('.suggestion').filter({ hasText: INSTITUTE_NAME });
  await expect(suggestion).toHaveCount(1);
  await suggestion.getByRole('button', { name: M.ask }).click();
  const ask = page.getByRole('dialog');
  await ask.getByLabel(M.message).fill('Chúng tôi muốn thử bộ kit phát hiện nhanh bệnh vàng lá gân xanh cho vùng quýt liên kết.');
  await ask.getByRole('button', { name: M.send }).click();
  await expect(page.getByText(M.requested)).toBeVisible();
  await expect(page.locator('.meeting[data-state="requested"]')).toContainText(INSTITUTE_NAME);
  await logout(page, lang);
  await login(page, lang, INSTITUTE, pw);
  await page.goto(`/events/${id}/meetings`);
  const incoming = page.locator('.meeting[data-state="requested"]');
  await expect(incoming).toContainText(ENTERPRISE_NAME);
  await incoming.getByRole('button', { name: M.accept }).click();
  await expect(page.locator('.meeting[data-state="accepted"]')).toContainText(ENTERPRISE_NAME);
  // Its agenda is preliminary until the officer runs the scheduler.
  await page.goto(`/events/${id}/agenda`);
  await expect(page.getByTestId('agenda-status')).toHaveText(S.agenda.preliminary);
  await expect(page.getByTestId('agenda-item')).toContainText(S.agenda.notPlaced);
  await logout(page, lang);

  // 5. The officer runs the scheduler, then checks the enterprise in at the
  // door on a phone, by the code printed on its badge.
  await login(page, lang, OFFICER, pw);
  await page.goto(`/events/${id}/schedule`);
  await expect(page.getByRole('heading', { level: 1, name: S.schedule.title })).toBeVisible();
  await expect(page.getByTestId('placed-count')).toHaveText('0/1');
  await page.getByRole('button', { name: S.schedule.run, exact: true }).click();
  await expect(page.getByText(fmt(S.schedule.done, { placed: 1, accepted: 1, changed: 1 }))).toBeVisible();
  await expect(page.getByTestId('placed-count')).toHaveText('1/1');
  await expect(page.getByTestId('placed')).toContainText(ENTERPRISE_NAME);

  const officer = await token(request, OFFICER, pw);
  const regs = (await call(request, officer, 'GET', `/api/v1/events/${id}/registrations`)).items as { id: string; org: { id: string } }[];
  const entReg = regs.find((r) => r.org.id === ENTERPRISE_ORG)!.id;
  const enterprise = await token(request, ENTERPRISE, pw);
  const { code } = await call(request, enterprise, 'GET', `/api/v1/events/${id}/registrations/${entReg}/badge?format=json`);
  await page.setViewportSize(MOBILE);
  await page.goto(`/events/${id}/checkin`);
  await page.getByLabel(T.eventCheckIn.code).fill(code as string);
  await page.getByRole('button', { name: T.eventCheckIn.submit, exact: true }).click();
  await expect(page.locator('.checkin-result[data-outcome="first"]')).toContainText(ENTERPRISE_NAME);
  await shotMobile(page, lang, 'event-journey-checkin');
  await page.getByLabel(T.eventCheckIn.code).fill(code as string);
  await page.getByRole('button', { name: T.eventCheckIn.submit, exact: true }).click();
  await expect(page.locator('.checkin-result[data-outcome="again"]')).toBeVisible();
  await page.setViewportSize(DESKTOP);
  await logout(page, lang);

  // 6. Both sides find the same slot and table, on the page and in the file.
  await login(page, lang, INSTITUTE, pw);
  const seenByInstitute = await agendaOf(page, id);
  await logout(page, lang);
  await login(page, lang, ENTERPRISE, pw);
  const seenByEnterprise = await agendaOf(page, id);
  expect(seenByEnterprise).toEqual(seenByInstitute);
  await expect(page.getByTestId('agenda-item')).toContainText('A-1');
  await shot(page, lang, 'event-journey-agenda');

  // 7. The enterprise marks the meeting held and records the MoU signed there.
  await page.goto(`/events/${id}/meetings`);
  const accepted = page.locator('.meeting[data-state="accepted"]');
  await accepted.getByRole('button', { name: M.recordOutcome }).click();
  const outcome = page.getByRole('dialog');
  await outcome.getByLabel(M.nextStep).fill('Gửi 20 mẫu lá để thử bộ kit trong tháng 12.');
  await outcome.getByRole('button', { name: T.common.save }).click();
  await expect(accepted).toContainText(M.outcome.held);
  await accepted.getByRole('link', { name: M.recordDeal }).click();
  const deal = page.getByRole('dialog');
  await expect(deal.getByLabel(T.eventDeals.supplier)).toHaveValue(INSTITUTE_ORG);
  await deal.getByRole('button', { name: T.common.save }).click();
  await expect(page.locator('[data-total="mou"]')).toHaveText('1');
  await expect(page.locator('.deals-table')).toContainText(T.eventDeals.onSpot);
  await shot(page, lang, 'event-journey-deals');
  await logout(page, lang);

  // 8. The officer's results report: one meeting held, one MoU; the workbook too.
  await login(page, lang, OFFICER, pw);
  await page.goto(`/events/${id}`);
  await page.getByRole('navigation', { name: T.eventMeetingLinks.label }).getByRole('link', { name: T.eventMeetingLinks.report }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const tiles = page.locator('.report-tile-value');
  await expect(tiles.nth(0)).toHaveText('3'); // approved
  await expect(tiles.nth(1)).toHaveText('1'); // checked in
  await expect(tiles.nth(2)).toHaveText('1 / 1'); // held / requested
  await expect(tiles.nth(3)).toHaveText('1'); // the MoU
  await shot(page, lang, 'event-journey-report');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: T.eventReport.formats.xlsx }).click(),
  ]);
  const sheets = xlsxRows((await download.path())!);
  expect(sheets).toContainEqual(['Đã diễn ra', '1']);
  const mou = sheets.find((r) => r[0] === 'Biên bản ghi nhớ (MoU)');
  expect(mou?.[1], 'one MoU signed on the spot').toBe('1');
});
