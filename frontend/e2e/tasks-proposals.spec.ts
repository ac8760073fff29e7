// Commissioned S&T tasks, first stages: the commune proposes a task from an
// enterprise's published need (one click, the need kept), the officer
// groups it into a round and assigns the advisory council (through the
// API), the council member scores it on the shared score sheet, the
// officer records the approved list, and the task appears on the board of
// tasks and its page. Screens in both languages at 1280 and 360 px.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { day, demoConfig, fmt, login, logout, openIn, shot, TEXT, type Lang } from './helpers';

const NEED = '6c6973740000000000000101'; // the enterprise's tangerine need (seeds/listings.json)

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(r.status()).toBe(200);
  return (await r.json()).accessToken as string;
}

async function api(request: APIRequestContext, tok: string, method: 'POST' | 'GET', path: string, data?: unknown) {
  const r = await request.fetch(`/api/v1${path}`, { method, data, headers: { Authorization: `Bearer ${tok}` } });
  expect(r.ok(), `${method} ${path}: ${await r.text()}`).toBeTruthy();
  return r.json();
}

test('a commune proposes a task from a need, the council scores it, the list makes it a task on the board', async ({ page, request }) => {
  const lang: Lang = 'vi';
  const T = TEXT[lang];
  const P = T.tasksProposals;
  const { demoPassword } = await demoConfig(request);

  // The commune: one click on the need's page starts the proposal from it.
  await openIn(page, lang);
  await login(page, lang, 'commune@demo.techmart.vn', demoPassword);
  await page.goto(`/listings/${NEED}`);
  await page.getByRole('button', { name: T.tasks.proposeFromNeed }).click();
  await expect(page.getByRole('heading', { level: 1, name: P.editTitle })).toBeVisible();
  await expect(page.getByLabel(P.field.title)).toHaveValue(/quýt/);
  await expect(page.locator('[data-need-link]')).toContainText('Công ty TNHH Nông sản sạch Ba Bể');
  await page.getByLabel(P.field.kind).selectOption('pilot');
  await page.getByLabel(P.field.urgency).selectOption('high');
  await page.getByLabel(P.field.content).fill('Thử nghiệm bảo quản quýt bằng màng sáp sinh học trên 5 tấn quả của các hộ liên kết.');
  await page.getByLabel(P.field.products).fill('Quy trình bảo quản quýt 2–3 tháng; mô hình kho mát 10 tấn.');
  await page.getByLabel(P.field.application).fill('Các hộ trồng quýt xã Bằng Thành và Công ty Nông sản sạch Ba Bể.');
  await page.getByLabel(P.field.months).fill('24');
  await page.getByLabel(new RegExp(P.field.budgetState)).fill('1500000000');
  await shot(page, lang, '80-task-proposal-form');
  await page.getByRole('button', { name: P.send }).click();
  await expect(page.getByText(P.sent)).toBeVisible();
  const proposalId = page.url().split('/').pop()!.split('?')[0];
  await shot(page, lang, '81-task-proposal-sent');
  await logout(page, lang);

  // The officer opens a round with the proposal and the council (the API
  // stands for the steps the round's page offers).
  const officer = await token(request, 'officer@demo.techmart.vn', demoPassword);
  const reviewer = await token(request, 'reviewer@demo.techmart.vn', demoPassword);
  const reviewerId = (await api(request, reviewer, 'GET', '/me')).user.id as string;
  const round = await api(request, officer, 'POST', '/tasks/rounds', {
    name: `Xác định nhiệm vụ KH&CN năm 2027 ${Date.now().toString(36)}`,
    year: 2027,
    required: 1,
    passMark: 50,
    criteria: [
      { key: 'need', name: 'Tính cấp thiết', nameEn: 'Urgency', weight: 40 },
      { key: 'feasibility', name: 'Tính khả thi', nameEn: 'Feasibility', weight: 30 },
      { key: 'impact', name: 'Hiệu quả kinh tế – xã hội', nameEn: 'Socio-economic impact', weight: 30 },
    ],
  });
  await api(request, officer, 'POST', `/tasks/rounds/${round.id}/proposals`, { proposalIds: [proposalId] });
  await api(request, officer, 'POST', `/tasks/rounds/${round.id}/council`, { reviewerIds: [reviewerId] });

  // The council member scores it on the score sheet.
  await login(page, lang, 'reviewer@demo.techmart.vn', demoPassword);
  await page.goto(`/tasks/rounds/${round.id}`);
  await page.getByRole('link', { name: P.score, exact: true }).click();
  await page.getByRole('radio', { name: T.review.declaration.no_conflict }).check();
  for (const [name, score] of [['Tính cấp thiết', '9'], ['Tính khả thi', '8'], ['Hiệu quả kinh tế – xã hội', '8']]) {
    await page.getByLabel(fmt(T.review.score, { name })).fill(score);
  }
  await expect(page.getByTestId('score-total')).toContainText('84');
  await shot(page, lang, '82-task-round-score');
  await page.getByRole('button', { name: T.review.send }).click();
  await expect(page.getByRole('heading', { level: 1, name: round.name })).toBeVisible();
  await logout(page, lang);

  // The officer records the approved list on the round's page.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(`/tasks/rounds/${round.id}`);
  await expect(page.locator(`tr[data-proposal-id="${proposalId}"]`)).toContainText('84');
  const list = page.locator('form.list-form');
  await list.getByLabel(P.listNumber).fill('2150/QĐ-UBND');
  await list.getByLabel(P.listDate).fill(day(0));
  await list.getByRole('checkbox', { name: P.approve }).check();
  await list.getByLabel(P.orderMaxBudget).fill('1200000000');
  await shot(page, lang, '83-task-round-list');
  await list.getByRole('button', { name: P.recordList }).click();
  await expect(page.getByText(P.listDone)).toBeVisible();
  await page.locator(`tr[data-proposal-id="${proposalId}"]`).getByRole('link').last().click();

  // The task: ordered, with its order and timeline; then the board.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('quýt');
  await expect(page.locator('.badge.task-ordered')).toHaveText(T.tasks.state.ordered);
  await shot(page, lang, '84-task-page');
  await page.goto('/tasks/board');
  await expect(page.getByRole('heading', { level: 1, name: T.tasks.boardTitle })).toBeVisible();
  await expect(page.locator('[data-stage="ordered"] .count')).not.toHaveText('0');
  await shot(page, lang, '85-task-board');

  await page.goto('/tasks/proposals');
  await expect(page.getByRole('heading', { level: 1, name: P.listTitle })).toBeVisible();
  await shot(page, lang, '86-task-proposals');
  await page.goto('/tasks/rounds');
  await expect(page.getByRole('heading', { level: 1, name: P.roundsTitle })).toBeVisible();
  await page.getByRole('button', { name: P.newRound }).click();
  await shot(page, lang, '87-task-rounds');

  // The same screens in English.
  const en = TEXT.en;
  await openIn(page, 'en', '/tasks/board');
  await expect(page.getByRole('heading', { level: 1, name: en.tasks.boardTitle })).toBeVisible();
  await shot(page, 'en', '85-task-board');
  await page.goto(`/tasks/rounds/${round.id}`);
  await expect(page.getByRole('heading', { level: 1, name: round.name })).toBeVisible();
  await shot(page, 'en', '83-task-round');
  await page.locator(`tr[data-proposal-id="${proposalId}"]`).getByRole('link').last().click();
  await expect(page.locator('.badge.task-ordered')).toHaveText(en.tasks.state.ordered);
  await shot(page, 'en', '84-task-page');
  await page.goto('/tasks/proposals');
  await expect(page.getByRole('heading', { level: 1, name: en.tasksProposals.listTitle })).toBeVisible();
  await shot(page, 'en', '86-task-proposals');
  await page.goto(`/tasks/proposals/${proposalId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('quýt');
  await shot(page, 'en', '81-task-proposal');
});
