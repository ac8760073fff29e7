// Support programmes end to end: the officer drafts a programme through the
// form, cannot publish it while the criteria weights add up to 80, fixes
// them and publishes; an anonymous visitor then finds it on /support with
// its budget. Screens in both languages at 1280 and 360 px.
import { expect, test } from '@playwright/test';
import { day, demoConfig, fmt, login, logout, navTo, openIn, SERVER_TEXT, shot, TEXT, type Lang } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';

test('an officer drafts a programme, fixes the criteria weights and publishes it; a visitor sees it with its budget', async ({
  page,
  request,
}) => {
  const lang: Lang = 'vi';
  const T = TEXT[lang];
  const F = T.supportFields;
  const { demoPassword } = await demoConfig(request);
  const name = `Hỗ trợ doanh nghiệp đổi mới công nghệ ${Date.now().toString(36)}`;

  await openIn(page, lang);
  await login(page, lang, OFFICER, demoPassword);
  await navTo(page, lang, 'support', T.nav.supportPrograms);
  await expect(page.getByRole('heading', { level: 1, name: T.support.title })).toBeVisible();
  await page.getByRole('link', { name: T.support.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: T.supportForm.title })).toBeVisible();

  const form = page.locator('form.program-form');
  await form.getByLabel(F.name).fill(name);
  await form.getByLabel(F.summary).fill('Hỗ trợ doanh nghiệp mua thiết bị và nhận chuyển giao công nghệ chế biến miến dong, chè Shan tuyết.');
  await form.getByLabel(F.legalBasis_number).fill('684/QĐ-UBND');
  await form.getByLabel(F.legalBasis_date).fill(day(-30));
  await form.getByLabel(F.window_opensOn).fill(day(-1));
  await form.getByLabel(F.window_closesOn).fill(day(60));
  await form.getByLabel(F.budget).fill('2000000000');
  await form.getByLabel(F.capPerApplication).fill('500000000');
  await form.getByLabel(F.maxSharePercent).fill('70');
  await form.getByRole('checkbox', { name: T.orgKind.enterprise, exact: true }).check();
  await form.getByRole('checkbox', { name: T.orgKind.st_org, exact: true }).check();
  await form.getByRole('button', { name: T.supportForm.addDocument }).click();
  await form.getByLabel(fmt(F.documentsRow, { n: 1, part: F.documents_name })).fill('Đơn đề nghị hỗ trợ');
  await form.getByRole('button', { name: T.supportForm.addCriterion }).click();
  await form.getByRole('button', { name: T.supportForm.addCriterion }).click();
  await form.getByLabel(fmt(F.criteriaRow, { n: 1, part: F.criteria_name })).fill('Tính mới của công nghệ');
  await form.getByLabel(fmt(F.criteriaRow, { n: 1, part: F.criteria_weight })).fill('40');
  await form.getByLabel(fmt(F.criteriaRow, { n: 2, part: F.criteria_name })).fill('Hiệu quả kinh tế – xã hội');
  await form.getByLabel(fmt(F.criteriaRow, { n: 2, part: F.criteria_weight })).fill('40');
  await expect(page.getByTestId('weight-sum')).toHaveText(fmt(T.supportForm.weightSumOff, { sum: 80 }));
  await form.getByLabel(F.passMark).fill('60');
  await form.getByLabel(F.reviewersPerApplication).fill('3');
  await shot(page, lang, '60-support-form');
  await form.getByRole('button', { name: T.supportForm.saveDraft }).click();

  // The draft's page: publishing with weights adding up to 80 is refused, the reason named.
  await expect(page).toHaveURL(/\/support\/[0-9a-f]+$/);
  await expect(page.getByRole('status').filter({ hasText: T.supportForm.created })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const panel = page.locator('.owner-panel');
  await panel.getByRole('button', { name: T.support.publish }).click();
  await page.getByRole('dialog', { name: T.support.publishTitle }).getByRole('button', { name: T.support.publish }).click();
  const missing = panel.getByRole('alert');
  await expect(missing).toContainText(T.support.incomplete);
  await expect(missing).toContainText(`${F.criteria}: ${fmt(SERVER_TEXT[lang].weights_not_100, { sum: 80 })}`);
  await shot(page, lang, '61-support-publish-refused');

  // Complete it: the form shows the error on the criteria, the officer fixes a weight.
  await missing.getByRole('link', { name: T.support.completeNow }).click();
  await expect(page.getByRole('heading', { level: 1, name: T.supportForm.editTitle })).toBeVisible();
  await expect(form.locator('.rows-editor .field-error').first()).toContainText(fmt(SERVER_TEXT[lang].weights_not_100, { sum: 80 }));
  await form.getByLabel(fmt(F.criteriaRow, { n: 2, part: F.criteria_weight })).fill('60');
  await expect(page.getByTestId('weight-sum')).toHaveText(fmt(T.supportForm.weightSumOk, { sum: 100 }));
  await form.getByRole('button', { name: T.supportForm.saveDraft }).click();
  await expect(page.getByRole('status').filter({ hasText: T.supportForm.saved })).toBeVisible();
  await panel.getByRole('button', { name: T.support.publish }).click();
  await page.getByRole('dialog', { name: T.support.publishTitle }).getByRole('button', { name: T.support.publish }).click();
  await expect(page.getByRole('status').filter({ hasText: T.support.published })).toBeVisible();
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.programState.published);
  await expect(page.locator('.owner-panel')).toHaveCount(0);
  const programUrl = page.url();

  // Officers see drafts and published programmes, with the filter and the button.
  await navTo(page, lang, 'support', T.nav.supportPrograms);
  await expect(page.getByRole('tab', { name: T.programState.draft })).toBeVisible();
  await shot(page, lang, '62-support-list-officer');

  // The form in English too.
  await openIn(page, 'en', `${new URL(programUrl).pathname}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: TEXT.en.supportForm.editTitle })).toBeVisible();
  await shot(page, 'en', '60-support-form');
  await openIn(page, lang, '/');
  await logout(page, lang);

  // A visitor finds it on /support, open now, with its budget.
  await navTo(page, lang, 'support', T.nav.supportPrograms);
  await expect(page.getByRole('link', { name: T.support.new })).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);
  const card = page.locator('.program-card').filter({ hasText: name });
  await expect(card).toContainText(fmt(T.support.window.open, { closes: day(60) }));
  await expect(card.locator('.price')).toHaveText(/^2\.000\.000\.000\s₫$/);
  await shot(page, lang, '63-support-list');
  await card.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('program-budget')).toHaveText(/^2\.000\.000\.000\s₫$/);
  await expect(page.getByTestId('program-remaining')).toHaveText(/^2\.000\.000\.000\s₫$/);
  await expect(page.getByRole('link', { name: T.support.edit })).toHaveCount(0);
  await shot(page, lang, '64-support-program');

  // The same in English.
  const E = TEXT.en;
  await openIn(page, 'en', '/support');
  await expect(page.locator('.program-card').filter({ hasText: name })).toContainText(fmt(E.support.window.open, { closes: day(60) }));
  await shot(page, 'en', '63-support-list');
  await page.locator('.program-card').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('region', { name: E.support.section.money })).toContainText(E.support.remaining);
  await shot(page, 'en', '64-support-program');
});
