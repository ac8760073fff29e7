// Selecting the performer of a commissioned task, end to end. The earlier
// stages go through the API: an enterprise proposes a task, the officer's
// round approves it (the advisory council scores it) and orders it for
// selection. Then in the browser: the officer opens the call; the institute
// submits a dossier with its budget table and the lead's CV; the officer
// closes the call and names the council; the reviewer scores the dossier
// on the shared scoring sheet; the officer selects it, appraises the budget
// line by line, records the decision and sees its paper. Vietnamese, with
// screens at 1280 and 360 px.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { day, demoConfig, login, logout, openIn, shot, TEXT, type Lang } from './helpers';

const lang: Lang = 'vi';
const T = TEXT[lang];
const S = T.tasksSelection;
const ENTERPRISE_ORG = '64656d6f0000000000000003';

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function call(request: APIRequestContext, tok: string, method: 'post' | 'patch' | 'get', path: string, data?: unknown) {
  const res = await request[method](`/api/v1${path}`, { headers: { Authorization: `Bearer ${tok}` }, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return res.json();
}

/** An ordered task (selection mode) made through the proposals' API; returns its id and code. */
async function orderedTask(request: APIRequestContext, password: string): Promise<{ id: string; code: string }> {
  const officer = await token(request, 'officer@demo.techmart.vn', password);
  const ent = await token(request, 'enterprise@demo.techmart.vn', password);
  const reviewer = await token(request, 'reviewer2@demo.techmart.vn', password);
  const reviewerId = (await call(request, reviewer, 'get', '/me')).user.id as string;
  const stamp = Date.now().toString(36);
  const p = await call(request, ent, 'post', '/tasks/proposals', {
    orgId: ENTERPRISE_ORG,
    title: `Nghiên cứu chế biến sâu chè Shan tuyết ${stamp}`,
    kind: 'research',
    urgency: 'high',
    objectives: 'Nâng cao giá trị chè Shan tuyết của tỉnh.',
    content: 'Hoàn thiện quy trình chế biến chè xanh, chè vàng từ chè Shan tuyết.',
    products: 'Quy trình chế biến; 2 tấn chè thành phẩm',
    application: 'Hợp tác xã chè Bằng Phúc',
    months: 24,
    budget: { state: 1_500_000_000, other: 200_000_000, otherSources: 'Doanh nghiệp đối ứng' },
    sectors: ['agri_processing'],
  });
  await call(request, ent, 'post', `/tasks/proposals/${p.id}/submit`);
  const round = await call(request, officer, 'post', '/tasks/rounds', {
    name: `Xác định nhiệm vụ năm 2027 ${stamp}`,
    year: 2027,
    required: 1,
    passMark: 50,
    criteria: [
      { key: 'need', name: 'Tính cấp thiết', weight: 50 },
      { key: 'impact', name: 'Hiệu quả kinh tế – xã hội', weight: 50 },
    ],
  });
  await call(request, officer, 'post', `/tasks/rounds/${round.id}/proposals`, { proposalIds: [p.id] });
  await call(request, officer, 'post', `/tasks/rounds/${round.id}/council`, { reviewerIds: [reviewerId] });
  await call(request, reviewer, 'post', `/tasks/rounds/${round.id}/proposals/${p.id}/score`, {
    declaration: 'no_conflict',
    scores: [
      { code: 'need', score: 9 },
      { code: 'impact', score: 8 },
    ],
  });
  await call(request, officer, 'post', `/tasks/rounds/${round.id}/list`, {
    number: `${stamp}/QĐ-UBND`,
    date: new Date().toISOString().slice(0, 10),
    orders: [{ proposalId: p.id, products: 'Quy trình chế biến; 2 tấn chè thành phẩm', months: 24, maxBudget: 1_500_000_000, mode: 'selection' }],
  });
  const board = await call(request, officer, 'get', `/tasks?q=${encodeURIComponent(stamp)}`);
  const tk = board.items.find((x: { proposalId: string }) => x.proposalId === p.id);
  expect(tk, 'the approved list ordered the task').toBeTruthy();
  return { id: tk.id, code: tk.code };
}

test('the officer opens a call, the institute submits a dossier, the council scores it, the officer selects, appraises and decides', async ({ page, request }) => {
  const { demoPassword } = await demoConfig(request);
  const { id } = await orderedTask(request, demoPassword);
  const selection = `/tasks/${id}/selection`;

  // The officer opens the call with the council's criteria.
  await openIn(page, lang);
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await expect(page.getByRole('heading', { level: 2, name: S.open.title })).toBeVisible();
  await page.getByLabel(S.open.opens).fill(day(0));
  await page.getByLabel(S.open.closes).fill(day(14));
  await page.getByLabel(S.open.criterionName.replace('{{n}}', '1')).fill('Tính khả thi của phương án');
  await page.getByLabel(S.open.criterionWeight.replace('{{n}}', '1')).fill('60');
  await page.getByLabel(S.open.criterionName.replace('{{n}}', '2')).fill('Năng lực của tổ chức và chủ nhiệm');
  await page.getByLabel(S.open.criterionWeight.replace('{{n}}', '2')).fill('40');
  await page.getByLabel(S.open.required).fill('1');
  await shot(page, lang, '70-task-open-call');
  await page.getByRole('button', { name: S.open.submit }).click();
  await expect(page.getByText(S.open.done)).toBeVisible();
  await logout(page, lang);

  // The institute applies: the form, the budget table, the lead's CV, submit.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: S.apply }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Viện Khoa học Sự sống/ })).toBeVisible();
  await page.getByLabel(S.dossier.field.lead).fill('TS. Nguyễn Văn An');
  await page.getByLabel(S.dossier.field.summary).fill('Hoàn thiện quy trình chế biến chè Shan tuyết.');
  await page.getByLabel(S.dossier.field.approach).fill('Thí nghiệm tại Bằng Phúc; phân tích chất lượng tại phòng thí nghiệm.');
  await page.getByLabel(S.dossier.field.products).fill('Quy trình chế biến; 2 tấn chè thành phẩm');
  await page.getByLabel(S.dossier.field.months).fill('24');
  const line = (n: number, k: 'itemN' | 'unitN' | 'quantityN' | 'unitPriceN' | 'sourceN') => page.getByLabel(S.budget[k].replace('{{n}}', String(n)), { exact: true });
  await line(1, 'itemN').fill('Công lao động khoa học');
  await line(1, 'unitN').fill('ngày công');
  await line(1, 'quantityN').fill('400');
  await line(1, 'unitPriceN').fill('1500000');
  await page.getByRole('button', { name: S.budget.add }).click();
  await line(2, 'itemN').fill('Nhà xưởng đối ứng');
  await line(2, 'unitN').fill('gói');
  await line(2, 'quantityN').fill('1');
  await line(2, 'unitPriceN').fill('200000000');
  await line(2, 'sourceN').selectOption('other');
  await page.getByRole('button', { name: S.dossier.save }).click();
  await expect(page.getByText(S.dossier.saved)).toBeVisible();
  await page.getByLabel(S.dossier.file).setInputFiles({ name: 'ly-lich.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await page.getByRole('button', { name: S.dossier.upload }).click();
  await expect(page.getByText(S.dossier.uploaded)).toBeVisible();
  await shot(page, lang, '71-task-dossier');
  await page.getByRole('button', { name: S.dossier.submit }).click();
  await expect(page.getByText(S.dossier.submitted)).toBeVisible();
  await logout(page, lang);

  // The officer closes the call and names the council.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: S.closeCall }).click();
  await expect(page.getByText(S.closed)).toBeVisible();
  await page.getByRole('checkbox', { name: /TS\. Nguyễn Thị Mai Anh/ }).check();
  await page.getByRole('button', { name: S.council.assign }).click();
  await expect(page.getByText(S.council.saved)).toBeVisible();
  await logout(page, lang);

  // The reviewer scores the dossier on the shared scoring sheet.
  await login(page, lang, 'reviewer2@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  const sheet = page.locator('form.score-sheet');
  await sheet.getByLabel(T.review.declaration.no_conflict).check();
  await sheet.getByRole('spinbutton').nth(0).fill('9');
  await sheet.getByRole('spinbutton').nth(1).fill('8');
  await shot(page, lang, '72-task-council-sheet');
  await sheet.getByRole('button', { name: T.review.send }).click();
  await expect(page.getByText(/86/).first()).toBeVisible();
  await logout(page, lang);

  // The officer selects, appraises the budget and records the decision.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: /Chọn hồ sơ của Viện Khoa học Sự sống/ }).click();
  await expect(page.getByText(S.selected)).toBeVisible();
  await page.getByLabel(S.appraisal.approvedFor.replace('{{item}}', 'Công lao động khoa học')).fill('550000000');
  await page.getByRole('button', { name: S.appraisal.submit }).click();
  await expect(page.getByText(S.appraisal.saved)).toBeVisible();
  await page.getByLabel(S.decision.number).fill('125/QĐ-SKHCN');
  await page.getByRole('button', { name: S.decision.submit }).click();
  await expect(page.getByText(S.decision.saved)).toBeVisible();
  await expect(page.getByRole('button', { name: S.decision.pdf })).toBeVisible();
  await shot(page, lang, '73-task-decided');
  const paper = await request.get(`/api/v1/tasks/${id}/papers/decision?format=html`);
  expect(paper.ok()).toBeTruthy();
  expect(await paper.text()).toContain('125/QĐ-SKHCN');
});
