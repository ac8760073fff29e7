// The B2B schedule of a matchmaking day, through the officer's and both
// sides' screens. The API does what the earlier steps would have done: the
// officer creates and publishes a hybrid fair with a meeting grid, the demo
// institute registers as exhibitor and the demo enterprise as participant,
// the officer approves both, the enterprise asks the institute for a
// meeting and the institute accepts. Then the officer runs the scheduler on
// its screen, and both sides find the same slot and table on their agendas;
// the calendar file is RFC 5545 in Vietnam time.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoConfig, fmt, isoDay, login, logout, openIn, shot, TEXT, type Lang } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';
const ENTERPRISE = 'enterprise@demo.techmart.vn';
const INSTITUTE = 'institute@demo.techmart.vn';

const lang: Lang = 'vi';
const S = TEXT[lang].eventSchedule;

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).accessToken as string;
}

async function call(request: APIRequestContext, tok: string, method: 'GET' | 'POST', path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: { Authorization: `Bearer ${tok}` }, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return res.json();
}

test('the officer schedules the accepted meetings and both sides see the same slot and table', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { demoPassword } = await demoConfig(request);
  const officer = await token(request, OFFICER, demoPassword);
  const enterprise = await token(request, ENTERPRISE, demoPassword);
  const institute = await token(request, INSTITUTE, demoPassword);

  const created = await call(request, officer, 'POST', '/api/v1/events', {
    name: 'Chợ công nghệ và thiết bị Thái Nguyên – ngày kết nối B2B',
    kind: 'hybrid',
    startDate: isoDay(20),
    endDate: isoDay(21),
    venue: 'Trung tâm Hội nghị tỉnh, TP. Thái Nguyên',
    link: 'https://techmart.example.gov.vn/truc-tuyen',
    organisers: ['Sở Khoa học và Công nghệ'],
    sectors: ['agri_processing'],
    registrationOpens: isoDay(-1),
    registrationCloses: isoDay(10),
    description: 'Kết nối cung – cầu công nghệ chế biến chè, miến dong và quýt.',
    booths: [{ code: 'std', name: 'Gian hàng tiêu chuẩn', sizeM2: 9, count: 10, feeVnd: 3_000_000, freeQuota: 1, prefix: 'A' }],
    meetings: { days: [isoDay(21)], start: '08:30', minutes: 20, slotsPerDay: 6, tables: 3, breaks: [{ after: 2, minutes: 15 }] },
  });
  const id = created.id as string;
  await call(request, officer, 'POST', `/api/v1/events/${id}/publish`);
  // The institute shows one of its published offers; the enterprise brings one of its needs.
  const published = async (tok: string, demand: boolean) => {
    const mine = await call(request, tok, 'GET', '/api/v1/listings?owner=me&pageSize=50');
    const l = (mine.items as { id: string; kind: string; state: string }[]).find((x) => x.state === 'published' && (x.kind === 'demand') === demand);
    expect(l, 'a published listing of the demo organisation').toBeTruthy();
    return l!.id;
  };
  const inst = await call(request, institute, 'POST', `/api/v1/events/${id}/registrations`, {
    role: 'exhibitor',
    boothType: 'std',
    listings: [await published(institute, false)],
  });
  const ent = await call(request, enterprise, 'POST', `/api/v1/events/${id}/registrations`, {
    role: 'participant',
    needs: [await published(enterprise, true)],
  });
  const booth = (await call(request, officer, 'POST', `/api/v1/events/${id}/registrations/${inst.id}/approve`)).booth as string;
  expect(booth).toMatch(/^A-\d+$/);
  await call(request, officer, 'POST', `/api/v1/events/${id}/registrations/${ent.id}/approve`);
  const meeting = await call(request, enterprise, 'POST', `/api/v1/events/${id}/meetings`, {
    toRegistrationId: inst.id,
    message: 'Xin gặp để trao đổi về công nghệ sấy chè Shan tuyết.',
  });
  await call(request, institute, 'POST', `/api/v1/events/${id}/meetings/${meeting.id}/accept`);

  // The enterprise's agenda is preliminary until the officer runs the scheduler.
  await openIn(page, lang, '/');
  await login(page, lang, ENTERPRISE, demoPassword);
  await page.goto(`/events/${id}/agenda`);
  await expect(page.getByTestId('agenda-status')).toHaveText(S.agenda.preliminary);
  await expect(page.getByTestId('agenda-item')).toContainText(S.agenda.notPlaced);
  await logout(page, lang);

  // The officer runs it on the scheduler's screen.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/events/${id}/schedule`);
  await expect(page.getByRole('heading', { level: 1, name: S.schedule.title })).toBeVisible();
  await expect(page.getByTestId('placed-count')).toHaveText('0/1');
  await page.getByRole('button', { name: S.schedule.run, exact: true }).click();
  await expect(page.getByText(fmt(S.schedule.done, { placed: 1, accepted: 1, changed: 1 }))).toBeVisible();
  await expect(page.getByTestId('placed-count')).toHaveText('1/1');
  const row = page.getByTestId('placed');
  await expect(row).toContainText(ent.org.name);
  const when = ((await row.locator('td').nth(0).textContent()) ?? '').trim();
  const table = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
  expect(when).toMatch(/^\d\d:\d\d–\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
  await shot(page, lang, 'event-schedule');
  await logout(page, lang);

  // Both sides see the same time and table, final.
  for (const email of [ENTERPRISE, INSTITUTE]) {
    await login(page, lang, email, demoPassword);
    await page.goto(`/events/${id}/agenda`);
    await expect(page.getByTestId('agenda-status')).toHaveText(S.agenda.final);
    const item = page.getByTestId('agenda-item');
    await expect(item.locator('td').nth(0)).toHaveText(when);
    await expect(item.locator('td').nth(1)).toHaveText(table);
    if (email === ENTERPRISE) {
      await expect(item).toContainText(booth);
      await shot(page, lang, 'event-agenda');
    }
    await logout(page, lang);
  }

  // The calendar file: CRLF, the Vietnam time zone, the meeting at its time.
  const ics = await request.get(`/api/v1/events/${id}/agenda?format=ics`, { headers: { Authorization: `Bearer ${institute}` } });
  expect(ics.ok()).toBeTruthy();
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const text = await ics.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n');
  const start = when.slice(0, 5).replace(':', '') + '00';
  const date = when.slice(-10).split('/').reverse().join('');
  expect(text).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${date}T${start}`);
  expect(text).toContain(`UID:meeting-${meeting.id}@`);
});
