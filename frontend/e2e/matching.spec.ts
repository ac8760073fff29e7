// Matching end to end: an enterprise finds suggested offers for its need,
// expresses interest in one; the institute accepts; they exchange messages
// and agree; the officer records the transfer with its contract and its
// registration; the pipeline shows it. And, in English, an interest that is
// declined with a reason the enterprise then reads.
import { expect, test, type Page } from '@playwright/test';
import { day, demoConfig, fmt, login, logout, navTo, samplePdf, shot, TEXT, openIn, type Lang } from './helpers';

const ENTERPRISE = 'enterprise@demo.techmart.vn';
const INSTITUTE = 'institute@demo.techmart.vn';
const OFFICER = 'officer@demo.techmart.vn';

/** Demo needs of the enterprise and offers of the institute that the matcher pairs. */
const JOURNEY = {
  vi: {
    need: 'Xử lý nước thải và bã dong riềng cho cơ sở sản xuất tinh bột',
    offer: 'Chế phẩm vi sinh xử lý phụ phẩm nông nghiệp làm phân bón hữu cơ',
  },
  en: {
    need: 'Cần phát hiện sớm bệnh vàng lá gân xanh cho vùng quýt liên kết',
    offer: 'Kit phát hiện nhanh bệnh vàng lá gân xanh trên cây có múi',
  },
} as const;

function nav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: TEXT[lang].nav.main });
}

/** From "My listings", the link to a listing's suggested matches. */
async function openMatches(page: Page, lang: Lang, need: string) {
  const T = TEXT[lang];
  await nav(page, lang).getByRole('link', { name: T.nav.myListings }).click();
  const row = page.getByRole('row').filter({ hasText: need });
  await row.locator('a.match-summary').click();
  await expect(page.getByRole('heading', { level: 1, name: need })).toBeVisible();
  const section = page.getByRole('region', { name: T.matches.title });
  await expect(section.locator('.match-card').first()).toBeVisible();
  return section;
}

/** Opens a connection from "My connections" by its listing's title. */
async function openConnection(page: Page, lang: Lang, title: string) {
  const T = TEXT[lang];
  await nav(page, lang).getByRole('link', { name: T.nav.connections }).click();
  await expect(page.getByRole('heading', { level: 1, name: T.connections.title })).toBeVisible();
  await page.getByRole('row').filter({ hasText: title }).getByRole('link', { name: fmt(T.connections.openLabel, { title }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: fmt(T.connection.titleOf, { title }) })).toBeVisible();
}

test('an enterprise’s need meets an institute’s offer, and the officer records the transfer and its registration (vi)', async ({
  page,
  request,
}) => {
  const lang: Lang = 'vi';
  const T = TEXT[lang];
  const { demoPassword } = await demoConfig(request);
  const { need, offer } = JOURNEY[lang];

  // The enterprise sees offers suggested for its need, with their reasons.
  await openIn(page, lang);
  await login(page, lang, ENTERPRISE, demoPassword);
  const matches = await openMatches(page, lang, need);
  const card = matches.locator('.match-card').filter({ hasText: offer });
  await expect(card).toBeVisible();
  await expect(card.locator('meter')).toHaveAttribute('aria-label', /\/100/);
  await expect(card.getByRole('list', { name: T.matches.reasons }).locator('li').first()).toBeVisible();
  await shot(page, lang, '40-listing-matches');

  // It expresses interest from the card; the dialog checks the text first.
  await card.getByRole('button', { name: fmt(T.interest.openFor, { title: offer }) }).click();
  const dialog = page.getByRole('dialog', { name: T.interest.title });
  await dialog.getByRole('button', { name: T.interest.submit }).click();
  await expect(dialog.getByText(T.fieldErrors.required)).toBeVisible();
  await dialog.getByLabel(T.interest.seeks).fill('Chế phẩm xử lý 5 tấn bã dong riềng mỗi ngày thành phân bón hữu cơ.');
  await dialog.getByLabel(T.interest.brings).fill('Nhà xưởng 500 m² và vùng nguyên liệu 40 ha.');
  await dialog.getByRole('button', { name: T.interest.submit }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f]+$/);
  await expect(page.getByRole('status').filter({ hasText: fmt(T.interest.sent, { title: offer }) })).toBeVisible();
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.connectionState.requested);
  await logout(page, lang);

  // The institute is told (the bell), opens the interest and accepts it.
  await login(page, lang, INSTITUTE, demoPassword);
  const unread = T.notifications.bellUnread_other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{\\{count\\}\\}', '\\d+');
  const bell = page.getByRole('link', { name: new RegExp(`^${unread}$`) });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: T.notifications.title })).toBeVisible();
  await shot(page, lang, '41-notifications');
  await page.locator('.notification[data-kind="interest"] a').filter({ hasText: offer }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: fmt(T.connection.titleOf, { title: offer }) })).toBeVisible();
  await page.locator('.connection-actions').getByRole('button', { name: T.connection.action.accept }).click();
  await page.getByRole('dialog', { name: T.connection.confirmTitle.accept }).getByRole('button', { name: T.connection.action.accept }).click();
  await expect(page.getByRole('status').filter({ hasText: T.connection.done.accept })).toBeVisible();
  await page.getByLabel(T.thread.compose).fill('Chào anh chị, Viện gửi báo giá và lịch khảo sát tại cơ sở vào thứ Ba.');
  await page.getByRole('button', { name: T.thread.send, exact: true }).click();
  await expect(page.locator('.messages .message.mine')).toContainText('lịch khảo sát');
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.connectionState.negotiating);
  await logout(page, lang);

  // The enterprise reads the message, replies and confirms the agreement.
  await login(page, lang, ENTERPRISE, demoPassword);
  await openConnection(page, lang, offer);
  await expect(page.locator('.messages .message').first()).toContainText('lịch khảo sát');
  await page.getByLabel(T.thread.compose).fill('Cảm ơn Viện, thứ Ba chúng tôi đón đoàn tại xưởng.');
  await page.getByRole('button', { name: T.thread.send, exact: true }).click();
  await expect(page.locator('.messages .message.mine')).toContainText('đón đoàn');
  await page.locator('.connection-actions').getByRole('button', { name: T.connection.action.agree }).click();
  await page.getByRole('dialog', { name: T.connection.confirmTitle.agree }).getByRole('button', { name: T.connection.action.agree }).click();
  await expect(page.getByRole('status').filter({ hasText: T.connection.done.agree })).toBeVisible();
  await shot(page, lang, '42-connection-agreed');
  await logout(page, lang);

  // The officer finds it on the pipeline board and records the transfer.
  await login(page, lang, OFFICER, demoPassword);
  await navTo(page, lang, 'officerTools', T.nav.pipeline);
  await expect(page.getByRole('heading', { level: 1, name: T.pipeline.title })).toBeVisible();
  const agreed = page.locator('.board-column[data-state="agreed"] .board-card').filter({ hasText: offer });
  await agreed.getByRole('link', { name: offer }).click();
  await page.locator('.connection-actions').getByRole('link', { name: T.connection.recordTransfer }).click();
  await expect(page.getByRole('heading', { level: 1, name: T.transferForm.title })).toBeVisible();
  const form = page.locator('form.listing-form');
  await form.getByLabel(T.transfer.title).fill('Hợp đồng chuyển giao chế phẩm vi sinh xử lý bã dong riềng');
  await form.getByLabel(T.transfer.form).selectOption('licence');
  await form.getByRole('checkbox', { name: 'Chuyển giao tài liệu về công nghệ' }).check();
  await form.getByRole('checkbox', { name: 'Đào tạo cho bên nhận' }).check();
  await form.getByRole('textbox', { name: T.transfer.contractValue }).fill('320000000');
  await form.getByLabel(T.transfer.signedOn).fill(day(-10));
  await form.getByRole('checkbox', { name: T.transferForm.registrationRequired }).check();
  await expect(form.getByText(fmt(T.transferForm.dueOn, { date: day(80), days: 90 }))).toBeVisible();
  await shot(page, lang, '43-transfer-form');
  await form.getByRole('button', { name: T.transferForm.submit }).click();

  // The record: value in VND, registration due 90 days after signing.
  await expect(page).toHaveURL(/\/transfers\/[0-9a-f]+$/);
  await expect(page.getByRole('status').filter({ hasText: T.transferForm.created })).toBeVisible();
  await expect(page.getByTestId('contract-value')).toHaveText(/^320\.000\.000\s₫$/);
  const registration = page.getByRole('region', { name: T.registration.title });
  await expect(registration).toContainText(fmt(T.registration.dueOn, { date: day(80) }));
  await page.getByLabel(T.transfer.addDocument).setInputFiles({ name: 'hop-dong.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await expect(page.getByRole('status').filter({ hasText: fmt(TEXT[lang].files.uploaded, { name: 'hop-dong.pdf' }) })).toBeVisible();
  await expect(page.locator('.doc-list')).toContainText('hop-dong.pdf');
  await registration.getByRole('button', { name: T.registration.markRegistered }).click();
  const reg = page.getByRole('dialog', { name: T.registration.dialog.registered });
  await reg.getByLabel(T.registration.number).fill('07/2026/GCN-SKHCN');
  await reg.getByLabel(T.registration.registeredOnLabel).fill(day(0));
  await reg.getByRole('button', { name: T.common.save }).click();
  await expect(page.getByRole('status').filter({ hasText: T.registration.done.registered })).toBeVisible();
  await expect(registration).toContainText('07/2026/GCN-SKHCN');
  await expect(registration.locator('.badge')).toHaveText(T.registrationStatus.registered);
  await shot(page, lang, '44-transfer');

  // The pipeline counts it all the way to "registered".
  await navTo(page, lang, 'officerTools', T.nav.pipeline);
  const funnel = page.getByRole('region', { name: T.pipeline.funnel });
  await expect(funnel.locator('.funnel-step[data-step="registered"] .funnel-count')).not.toHaveText('0');
  await expect(page.locator('.reg-stat[data-registration="registered"]')).not.toContainText(/^0 /);
  await shot(page, lang, '45-pipeline');
});

test('an institute declines an interest with a reason the enterprise reads (en)', async ({ page, request }) => {
  const lang: Lang = 'en';
  const T = TEXT[lang];
  const { demoPassword } = await demoConfig(request);
  const { need, offer } = JOURNEY[lang];

  await openIn(page, lang);
  await login(page, lang, ENTERPRISE, demoPassword);
  const matches = await openMatches(page, lang, need);
  const card = matches.locator('.match-card').filter({ hasText: offer });
  await card.getByRole('button', { name: fmt(T.interest.openFor, { title: offer }) }).click();
  const dialog = page.getByRole('dialog', { name: T.interest.title });
  await dialog.getByLabel(T.interest.seeks).fill('Rapid kits for 300 tangerine farms of our cooperative, before the spring season.');
  await dialog.getByRole('button', { name: T.interest.submit }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f]+$/);
  await logout(page, lang);

  await login(page, lang, INSTITUTE, demoPassword);
  await openConnection(page, lang, offer);
  await page.locator('.connection-actions').getByRole('button', { name: T.connection.action.decline }).click();
  const decline = page.getByRole('dialog', { name: T.connection.confirmTitle.decline });
  await decline.getByLabel(T.connection.declineReason).selectOption('other');
  await decline.getByRole('button', { name: T.connection.action.decline }).click();
  await expect(decline.getByText(T.fieldErrors.required)).toBeVisible();
  await decline.getByLabel(T.connection.declineComment).fill('The kit is sold out until June; we will write when it is back.');
  await decline.getByRole('button', { name: T.connection.action.decline }).click();
  await expect(page.getByRole('status').filter({ hasText: T.connection.done.decline })).toBeVisible();
  await logout(page, lang);

  await login(page, lang, ENTERPRISE, demoPassword);
  await openConnection(page, lang, offer);
  const box = page.locator('.decision');
  await expect(box).toContainText('Other reason');
  await expect(box).toContainText('sold out until June');
  await shot(page, lang, '46-connection-declined');
});
