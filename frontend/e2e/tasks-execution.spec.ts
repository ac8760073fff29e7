// Commissioned S&T tasks, from the contract to the results on the market:
// the officer records the contract of the demo's decided task (a milestone
// with its tranche) and pays a tranche; the performer reports with a file;
// the acceptance request, the council and its grades come through the API; the
// officer records the council's conclusion and the registration; the
// performer puts the results on the market as a draft offer. Screens in
// both languages at 1280 and 360 px.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { day, demoConfig, login, logout, openIn, samplePdf, shot, TEXT, type Lang } from './helpers';

const TASK = '7461736b0000000000000001';
const PAGE = `/tasks/${TASK}/contract`;

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).accessToken as string;
}

async function call(request: APIRequestContext, tok: string, method: 'post' | 'put' | 'get', path: string, data?: unknown) {
  const res = await request[method](`/api/v1${path}`, { data, headers: { Authorization: `Bearer ${tok}` } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

test('a decided task is contracted, paid, accepted, registered and its results put on the market', async ({ page, request }) => {
  const lang: Lang = 'vi';
  const T = TEXT[lang].tasksExecution;
  const { demoPassword } = await demoConfig(request);

  // The officer records the contract through the form.
  await openIn(page, lang);
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bảo quản quýt');
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.state.decided);
  await page.getByRole('button', { name: T.action.contract }).click();
  const dialog = page.getByRole('dialog', { name: T.contract.dialog });
  await dialog.getByRole('textbox', { name: T.contract.number, exact: true }).fill('07/2026/HĐ-KHCN');
  await dialog.getByRole('textbox', { name: T.contract.starts, exact: true }).fill(day(1));
  await dialog.getByRole('textbox', { name: T.contract.ends, exact: true }).fill(day(700));
  await dialog.getByRole('textbox', { name: T.milestone.name, exact: true }).fill('Khảo sát vùng quýt và thu mẫu');
  await dialog.getByRole('textbox', { name: T.milestone.due, exact: true }).fill(day(180));
  await dialog.getByRole('textbox', { name: T.milestone.deliverables, exact: true }).fill('Báo cáo khảo sát 5 vùng trồng quýt');
  await dialog.getByRole('textbox', { name: `${T.milestone.tranche} (₫)`, exact: true }).fill('300000000');
  await shot(page, lang, '90-task-contract-form');
  await dialog.getByRole('button', { name: T.action.contract }).click();
  await expect(page.getByRole('status').filter({ hasText: T.done.contract })).toBeVisible();
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.state.contracted);

  // A tranche; what remains is shown.
  await page.getByRole('button', { name: T.action.disburse }).click();
  const tranche = page.getByRole('dialog', { name: T.tranche.title });
  await tranche.getByRole('textbox', { name: `${T.tranche.amount} (₫)`, exact: true }).fill('300000000');
  await tranche.getByRole('button', { name: T.action.disburse }).click();
  await expect(page.getByRole('status').filter({ hasText: T.done.disburse })).toBeVisible();
  await expect(page.getByTestId('task-remaining')).toContainText('550.000.000');

  await logout(page, lang);

  // The performer reports on the milestone, with the survey's minutes attached.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(PAGE);
  await page.getByRole('button', { name: T.action.report }).click();
  const report = page.getByRole('dialog', { name: T.report.title });
  await report.getByRole('textbox', { name: T.report.text, exact: true }).fill('Đã khảo sát 5 vùng quýt, thu 60 mẫu quả để thử nghiệm bảo quản.');
  await report.getByLabel(T.report.files).setInputFiles({ name: 'bien-ban-khao-sat.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await report.getByRole('button', { name: T.action.report }).click();
  await expect(page.getByRole('status').filter({ hasText: T.done.report })).toBeVisible();
  await expect(page.getByRole('button', { name: 'bien-ban-khao-sat.pdf' })).toBeVisible();
  await shot(page, lang, '91-task-report');
  await logout(page, lang);

  // Through the API: the acceptance request, the council, the grades.
  const officer = await token(request, 'officer@demo.techmart.vn', demoPassword);
  const institute = await token(request, 'institute@demo.techmart.vn', demoPassword);
  await call(request, institute, 'post', `/tasks/${TASK}/acceptance-request`, { report: 'Nhiệm vụ đã hoàn thành quy trình bảo quản quýt và mô hình 5 tấn.' });
  const ids = await Promise.all(
    ['reviewer', 'reviewer2'].map(async (r) => {
      const tok = await token(request, `${r}@demo.techmart.vn`, demoPassword);
      return { tok, id: (await call(request, tok, 'get', '/me')).user.id as string };
    }),
  );
  await call(request, officer, 'put', `/tasks/${TASK}/acceptance/council`, {
    memberIds: ids.map((x) => x.id),
    rule: { members: 2, passShare: 51, excellentShare: 100 },
  });
  for (const m of ids) await call(request, m.tok, 'post', `/tasks/${TASK}/acceptance/grades`, { declaration: 'no_conflict', grade: 'pass', comment: 'Đạt yêu cầu của hợp đồng.' });

  // The officer records the conclusion the grades carry, then the registration.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(PAGE);
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.state.acceptance);
  await shot(page, lang, '92-task-acceptance');
  await page.getByRole('button', { name: T.action.accept }).click();
  const verdict = page.getByRole('dialog', { name: T.conclusion.title });
  await expect(verdict.getByRole('combobox', { name: T.conclusion.grade, exact: true })).toHaveValue('pass');
  await verdict.getByRole('button', { name: T.action.accept }).click();
  await expect(page.getByRole('status').filter({ hasText: T.done.accept })).toBeVisible();
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.state.accepted);
  await page.getByRole('button', { name: T.action.register }).click();
  const reg = page.getByRole('dialog', { name: T.registrationForm.title });
  await reg.getByRole('textbox', { name: T.registrationForm.number, exact: true }).fill('2026-KQNV-015');
  await reg.getByRole('button', { name: T.action.register }).click();
  await expect(page.locator('.listing-kicker .badge').first()).toHaveText(T.state.registered);
  await logout(page, lang);

  // The performer puts the results on the market: a draft offer linked to the task.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(PAGE);
  await page.getByRole('button', { name: T.action.publish }).click();
  await page.getByRole('dialog', { name: T.publish.title }).getByRole('button', { name: T.action.publish }).click();
  await expect(page.getByRole('status').filter({ hasText: T.done.publish })).toBeVisible();
  await expect(page.getByRole('button', { name: T.action.publish })).toHaveCount(0);
  await shot(page, lang, '93-task-results');
  for (const other of ['en'] as const) {
    await openIn(page, other, PAGE);
    await expect(page.getByRole('heading', { level: 2, name: TEXT[other].tasksExecution.acceptance.title })).toBeVisible();
    await shot(page, other, '93-task-results');
  }
  await openIn(page, lang, PAGE);
  await page.getByRole('link', { name: T.listingLink }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9a-f]+$/);
});
