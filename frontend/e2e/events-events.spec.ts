// Events end to end (the events slice): an officer creates a hybrid fair
// through the form, publishes it after being told what is missing; the demo
// enterprise registers as an exhibitor through the register form; the
// institute registers through the API; the officer approves both from the
// queue: booth A-1 to the first, the waiting list for the second (one paid
// booth); the enterprise sees its booth on the event page.
import { expect, test } from '@playwright/test';
import { ENTERPRISE, firstOffer, INSTITUTE, OFFICER, token } from './events';
import { day, demoConfig, fmt, login, logout, openIn, shot, TEXT, type Lang } from './helpers';

test('an officer creates and publishes a hybrid fair; organisations register; the officer approves with booth numbers and a waiting list', async ({
  page,
  request,
}) => {
  const lang: Lang = 'vi';
  const T = TEXT[lang];
  const F = T.eventsForm;
  const { demoPassword } = await demoConfig(request);
  const name = `Chợ công nghệ và thiết bị Thái Nguyên ${Date.now().toString(36)}`;

  // The officer's form: a draft without its venue, refused at publishing.
  await openIn(page, lang);
  await login(page, lang, OFFICER, demoPassword);
  await page.getByRole('navigation', { name: T.nav.main }).getByRole('link', { name: T.events.nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: T.events.title })).toBeVisible();
  await page.getByRole('link', { name: T.events.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: F.newTitle })).toBeVisible();
  const form = page.locator('form.event-form');
  await form.locator('#event-name').fill(name);
  await form.locator('#event-kind').selectOption('hybrid');
  await form.locator('#event-startDate').fill(day(20));
  await form.locator('#event-endDate').fill(day(21));
  await form.locator('#event-link').fill('https://techmart.example.gov.vn/truc-tuyen');
  await form.locator('#event-organisers').fill('Sở Khoa học và Công nghệ\nTrường Đại học Nông Lâm Thái Nguyên');
  await form.locator('#event-sectors').check();
  await form.locator('#event-description').fill('Trưng bày công nghệ chế biến chè Shan tuyết, miến dong, bảo quản quýt; kết nối cung – cầu công nghệ.');
  await form.locator('#event-registrationOpens').fill(day(-1));
  await form.locator('#event-registrationCloses').fill(day(10));
  await form.getByRole('button', { name: `+ ${F.booth.add}` }).click();
  const booth = form.locator('[data-booth-row="0"]');
  await booth.locator('[id="event-booths.0.code"]').fill('std');
  await booth.locator('[id="event-booths.0.prefix"]').fill('A');
  await booth.locator('[id="event-booths.0.name"]').fill('Gian hàng tiêu chuẩn');
  await booth.locator('[id="event-booths.0.count"]').fill('1');
  await booth.locator('[id="event-booths.0.feeVnd"]').fill('3000000');
  await form.locator('[id="event-meetings.days"]').fill(day(21));
  await form.locator('[id="event-meetings.minutes"]').fill('20');
  await form.locator('[id="event-meetings.slotsPerDay"]').fill('12');
  await form.locator('[id="event-meetings.tables"]').fill('10');
  await shot(page, lang, '90-event-form');
  await form.getByRole('button', { name: F.create }).click();

  await expect(page).toHaveURL(/\/events\/[0-9a-f]{24}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const eventId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: T.events.publish }).click();
  const missing = page.locator('.publish-panel').getByRole('alert');
  await expect(missing).toContainText('venue');
  // Complete it through the form, then publish.
  await page.getByRole('link', { name: T.events.edit }).click();
  await expect(page.getByRole('heading', { level: 1, name: F.editTitle })).toBeVisible();
  await page.locator('#event-venue').fill('Trung tâm Hội nghị tỉnh, phường Phan Đình Phùng');
  await page.locator('form.event-form').getByRole('button', { name: F.save }).click();
  await expect(page.getByText(F.saved)).toBeVisible();
  await page.getByRole('button', { name: T.events.publish }).click();
  await expect(page.getByText(T.events.published)).toBeVisible();
  await expect(page.locator('[data-registration="open"]')).toHaveText(T.events.regBadge.open);
  await logout(page, lang);

  // The enterprise registers as an exhibitor with one of its published offers.
  await login(page, lang, ENTERPRISE, demoPassword);
  await page.goto(`/events/${eventId}`);
  await shot(page, lang, '91-event-page');
  await page.getByRole('link', { name: T.events.register }).click();
  await expect(page.getByRole('heading', { level: 1, name: fmt(F.reg.title, { name }) })).toBeVisible();
  await page.locator('#reg-listings').check();
  await shot(page, lang, '92-event-register');
  await page.getByRole('button', { name: F.reg.submit }).click();
  await expect(page.getByText(T.events.registered)).toBeVisible();
  await expect(page.locator('.my-registration [data-state="pending"]')).toHaveText(T.events.regState.pending);
  await logout(page, lang);

  // The institute registers through the API, after the enterprise.
  const inst = await token(request, INSTITUTE, demoPassword);
  const reg = await request.post(`/api/v1/events/${eventId}/registrations`, {
    headers: { Authorization: `Bearer ${inst}` },
    data: { role: 'exhibitor', boothType: 'std', listings: [await firstOffer(request, inst)], slots: [0, 1, 2, 3] },
  });
  expect(reg.status()).toBe(201);

  // The officer approves both: A-1 to the enterprise, the waiting list for the institute.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/events/${eventId}/registrations`);
  await expect(page.getByRole('heading', { level: 1, name: fmt(F.queue.title, { name }) })).toBeVisible();
  const rows = page.locator('.registrations-table tbody tr');
  await expect(rows).toHaveCount(2);
  await shot(page, lang, '93-event-queue');
  await rows.first().getByRole('button', { name: F.queue.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A-1' })).toBeVisible();
  await page.locator('.registrations-table tbody tr').first().getByRole('button', { name: F.queue.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: T.events.regState.waitlisted.toLowerCase() })).toBeVisible();
  await page.getByRole('tab', { name: F.queue.all }).click();
  await expect(page.locator('.registrations-table [data-state="approved"]')).toHaveCount(1);
  await expect(page.locator('.registrations-table [data-state="waitlisted"]')).toHaveCount(1);
  await shot(page, lang, '94-event-queue-decided');
  await logout(page, lang);

  // The enterprise sees its booth; the event's page counts none left.
  await login(page, lang, ENTERPRISE, demoPassword);
  await page.goto(`/events/${eventId}`);
  await expect(page.locator('.my-registration')).toContainText(fmt(T.events.boothNumber, { booth: 'A-1' }));
  await expect(page.getByTestId('booths-left')).toHaveText('0');
  // The list of upcoming events has it.
  await page.goto('/events');
  await expect(page.getByRole('link', { name })).toBeVisible();
});
