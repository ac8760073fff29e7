// A commissioned S&T task from a local need to a result on the market, in
// the browser: a commune proposes a task from an enterprise's published
// need; the advisory council scores it; the officer records the approved
// list; the officer opens the call; two institutes submit dossiers; the
// selection council scores them and the officer selects one; the budget is
// appraised; the decision and its paper; a contract with two milestones and
// a first tranche; a progress report; the acceptance council passes it; the
// results are registered and published as a listing, and the need's owner
// is told.
//
// The API stands in for what a second person does the same way as the
// first (the second institute's dossier, the second council score) and for
// the officer's set-up forms of a round and of the acceptance council; every
// other step is clicked. Screens in both languages at 1280 and 360 px.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { day, demoConfig, fmt, login, logout, openIn, samplePdf, shot, TEXT, type Lang } from './helpers';

const lang: Lang = 'vi';
const T = TEXT[lang];
const P = T.tasksProposals;
const S = T.tasksSelection;
const X = T.tasksExecution;
const NEED = '6c6973740000000000000101'; // Công ty TNHH Nông sản sạch Ba Bể's tangerine need (seeds/listings.json)
const COLLEGE_ORG = '64656d6f000000000000000d'; // Trường Cao đẳng Bắc Kạn

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(r.ok()).toBeTruthy();
  return (await r.json()).accessToken as string;
}

async function api(request: APIRequestContext, tok: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown) {
  const r = await request.fetch(`/api/v1${path}`, { method, data, headers: { Authorization: `Bearer ${tok}` } });
  expect(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`).toBeTruthy();
  return r.json();
}

const badge = (page: Page) => page.locator('.listing-kicker .badge').first();

test('một nhiệm vụ KH&CN đặt hàng: từ nhu cầu của doanh nghiệp đến kết quả được đưa lên sàn', async ({ page, request }) => {
  test.setTimeout(300_000);
  const { demoPassword } = await demoConfig(request);
  const stamp = Date.now().toString(36);

  // 1. The commune proposes a task from the enterprise's need, in one click.
  await openIn(page, lang);
  await login(page, lang, 'commune@demo.techmart.vn', demoPassword);
  await page.goto(`/listings/${NEED}`);
  await page.getByRole('button', { name: T.tasks.proposeFromNeed }).click();
  await expect(page.getByRole('heading', { level: 1, name: P.editTitle })).toBeVisible();
  await expect(page.locator('[data-need-link]')).toContainText('Công ty TNHH Nông sản sạch Ba Bể');
  await page.getByLabel(P.field.title).fill(`Ứng dụng công nghệ bảo quản quýt Bắc Kạn sau thu hoạch ${stamp}`);
  await page.getByLabel(P.field.kind).selectOption('pilot');
  await page.getByLabel(P.field.urgency).selectOption('high');
  await page.getByLabel(P.field.content).fill('Thử nghiệm bảo quản quýt bằng màng sáp sinh học trên 5 tấn quả của các hộ liên kết.');
  await page.getByLabel(P.field.products).fill('Quy trình bảo quản quýt 2–3 tháng; mô hình kho mát 10 tấn.');
  await page.getByLabel(P.field.application).fill('Các hộ trồng quýt xã Bằng Thành và Công ty Nông sản sạch Ba Bể.');
  await page.getByLabel(P.field.months).fill('24');
  await page.getByLabel(new RegExp(P.field.budgetState)).fill('1500000000');
  await page.getByRole('button', { name: P.send }).click();
  await expect(page.getByText(P.sent)).toBeVisible();
  const proposalId = page.url().split('/').pop()!.split('?')[0];
  await logout(page, lang);

  // 2. The officer groups it into a round with its advisory council (the
  // round's set-up form, through the API); the council member scores it.
  const officer = await token(request, 'officer@demo.techmart.vn', demoPassword);
  const reviewer = await token(request, 'reviewer@demo.techmart.vn', demoPassword);
  const reviewer2 = await token(request, 'reviewer2@demo.techmart.vn', demoPassword);
  const reviewerId = (await api(request, reviewer, 'GET', '/me')).user.id as string;
  const reviewer2Id = (await api(request, reviewer2, 'GET', '/me')).user.id as string;
  const round = await api(request, officer, 'POST', '/tasks/rounds', {
    name: `Xác định nhiệm vụ KH&CN đặt hàng năm 2027 ${stamp}`,
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

  await login(page, lang, 'reviewer@demo.techmart.vn', demoPassword);
  await page.goto(`/tasks/rounds/${round.id}`);
  await page.getByRole('link', { name: P.score, exact: true }).click();
  await page.getByRole('radio', { name: T.review.declaration.no_conflict }).check();
  for (const [name, score] of [['Tính cấp thiết', '9'], ['Tính khả thi', '8'], ['Hiệu quả kinh tế – xã hội', '8']]) {
    await page.getByLabel(fmt(T.review.score, { name })).fill(score);
  }
  await expect(page.getByTestId('score-total')).toContainText('84');
  await page.getByRole('button', { name: T.review.send }).click();
  await expect(page.getByRole('heading', { level: 1, name: round.name })).toBeVisible();
  await logout(page, lang);

  // 3. The officer records the approved list: the task is ordered for selection.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(`/tasks/rounds/${round.id}`);
  await expect(page.locator(`tr[data-proposal-id="${proposalId}"]`)).toContainText('84');
  const list = page.locator('form.list-form');
  await list.getByLabel(P.listNumber).fill(`${stamp}/QĐ-UBND`);
  await list.getByLabel(P.listDate).fill(day(0));
  await list.getByRole('checkbox', { name: P.approve }).check();
  await list.getByLabel(P.orderMaxBudget).fill('1200000000');
  await shot(page, lang, '80-task-round-list');
  await list.getByRole('button', { name: P.recordList }).click();
  await expect(page.getByText(P.listDone)).toBeVisible();
  await page.locator(`tr[data-proposal-id="${proposalId}"]`).getByRole('link').last().click();
  await expect(page.locator('.badge.task-ordered')).toHaveText(T.tasks.state.ordered);
  const taskId = new URL(page.url()).pathname.split('/').pop()!;
  const selection = `/tasks/${taskId}/selection`;
  const contract = `/tasks/${taskId}/contract`;
  await shot(page, lang, '81-task-ordered');

  // 4. The officer opens the call, with how the selection council scores.
  await page.goto(selection);
  await page.getByLabel(S.open.opens).fill(day(0));
  await page.getByLabel(S.open.closes).fill(day(14));
  await page.getByLabel(fmt(S.open.criterionName, { n: 1 })).fill('Tính khả thi của phương án');
  await page.getByLabel(fmt(S.open.criterionWeight, { n: 1 })).fill('60');
  await page.getByLabel(fmt(S.open.criterionName, { n: 2 })).fill('Năng lực của tổ chức và chủ nhiệm');
  await page.getByLabel(fmt(S.open.criterionWeight, { n: 2 })).fill('40');
  await page.getByLabel(S.open.required).fill('1');
  await page.getByRole('button', { name: S.open.submit }).click();
  await expect(page.getByText(S.open.done)).toBeVisible();
  await logout(page, lang);
  // Anyone reads the open call on the task's public page.
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bảo quản quýt');
  await expect(page.locator('.badge.task-call_open')).toHaveText(T.tasks.state.call_open);
  await shot(page, lang, '81-task-call-public');

  // 5. Two institutes submit dossiers: the institute in the browser, the
  // college through the API.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: S.apply }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Viện Khoa học Sự sống/ })).toBeVisible();
  await page.getByLabel(S.dossier.field.lead).fill('TS. Phạm Thị Lan');
  await page.getByLabel(S.dossier.field.summary).fill('Bảo quản quýt tươi bằng màng sáp sinh học và kho mát.');
  await page.getByLabel(S.dossier.field.approach).fill('Thử nghiệm tại Bằng Thành; đánh giá hao hụt và chất lượng quả sau 60 và 90 ngày.');
  await page.getByLabel(S.dossier.field.products).fill('Quy trình bảo quản; mô hình kho mát 10 tấn');
  await page.getByLabel(S.dossier.field.months).fill('24');
  const line = (n: number, k: 'itemN' | 'unitN' | 'quantityN' | 'unitPriceN' | 'sourceN') => page.getByLabel(fmt(S.budget[k], { n }), { exact: true });
  await line(1, 'itemN').fill('Công lao động khoa học');
  await line(1, 'unitN').fill('ngày công');
  await line(1, 'quantityN').fill('400');
  await line(1, 'unitPriceN').fill('1500000');
  await page.getByRole('button', { name: S.budget.add }).click();
  await line(2, 'itemN').fill('Kho mát đối ứng');
  await line(2, 'unitN').fill('gói');
  await line(2, 'quantityN').fill('1');
  await line(2, 'unitPriceN').fill('200000000');
  await line(2, 'sourceN').selectOption('other');
  await page.getByRole('button', { name: S.dossier.save }).click();
  await expect(page.getByText(S.dossier.saved)).toBeVisible();
  await page.getByLabel(S.dossier.file).setInputFiles({ name: 'ly-lich-chu-nhiem.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await page.getByRole('button', { name: S.dossier.upload }).click();
  await expect(page.getByText(S.dossier.uploaded)).toBeVisible();
  await shot(page, lang, '82-task-dossier');
  await page.getByRole('button', { name: S.dossier.submit }).click();
  await expect(page.getByText(S.dossier.submitted)).toBeVisible();
  await logout(page, lang);

  const college = await token(request, 'lienhe.cdbk@demo.techmart.vn', demoPassword);
  const d2 = await api(request, college, 'POST', `/tasks/${taskId}/dossiers`, { orgId: COLLEGE_ORG });
  const d2b = await api(request, college, 'PATCH', `/tasks/dossiers/${d2.id}`, {
    lead: 'ThS. Hoàng Thị Nguyệt', summary: 'Bảo quản quýt bằng chế phẩm chitosan.', approach: 'Thử nghiệm trong phòng và tại hộ.',
    products: 'Quy trình bảo quản', months: 24,
    budget: [{ item: 'Công lao động khoa học', unit: 'ngày công', quantity: 500, unitPrice: 1_500_000, source: 'state' }],
  });
  const up = await request.post(`/api/v1/tasks/dossiers/${d2.id}/files`, {
    headers: { Authorization: `Bearer ${college}` },
    multipart: { kind: 'lead_cv', file: { name: 'ly-lich.pdf', mimeType: 'application/pdf', buffer: samplePdf() } },
  });
  expect(up.ok(), await up.text()).toBeTruthy();
  const d2c = await api(request, college, 'GET', `/tasks/dossiers/${d2.id}`);
  await request.post(`/api/v1/tasks/dossiers/${d2.id}/submit`, { headers: { Authorization: `Bearer ${college}`, 'If-Match': `"${d2c.version ?? d2b.version}"` } }).then(async (r) => expect(r.ok(), await r.text()).toBeTruthy());

  // 6. The officer closes the call and names the selection council.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: S.closeCall }).click();
  await expect(page.getByText(S.closed)).toBeVisible();
  await page.getByRole('checkbox', { name: /TS\. Nguyễn Thị Mai Anh/ }).check();
  await page.getByRole('button', { name: S.council.assign }).click();
  await expect(page.getByText(S.council.saved)).toBeVisible();
  await logout(page, lang);

  // 7. The council member scores both dossiers: the institute's on the
  // score sheet, the college's through the API.
  await login(page, lang, 'reviewer2@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  const sheet = page.getByRole('region', { name: fmt(S.sheetFor, { org: 'Viện Khoa học Sự sống – Đại học Thái Nguyên' }) }).locator('form.score-sheet');
  await sheet.getByLabel(T.review.declaration.no_conflict).check();
  await sheet.getByRole('spinbutton').nth(0).fill('9');
  await sheet.getByRole('spinbutton').nth(1).fill('8');
  await shot(page, lang, '83-task-council-sheet');
  await sheet.getByRole('button', { name: T.review.send }).click();
  await expect(page.getByText(/86/).first()).toBeVisible();
  await logout(page, lang);
  await api(request, reviewer2, 'POST', `/tasks/${taskId}/scores`, { dossierId: d2.id, declaration: 'no_conflict', scores: [{ code: 'c1', score: 6 }, { code: 'c2', score: 6 }] });

  // 8. The officer selects the institute, appraises the budget and decides.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(selection);
  await page.getByRole('button', { name: fmt(S.select, { org: 'Viện Khoa học Sự sống – Đại học Thái Nguyên' }) }).click();
  await expect(page.getByText(S.selected)).toBeVisible();
  await page.getByLabel(fmt(S.appraisal.approvedFor, { item: 'Công lao động khoa học' })).fill('550000000');
  await page.getByRole('button', { name: S.appraisal.submit }).click();
  await expect(page.getByText(S.appraisal.saved)).toBeVisible();
  await page.getByLabel(S.decision.number).fill(`${stamp}/QĐ-SKHCN`);
  await page.getByRole('button', { name: S.decision.submit }).click();
  await expect(page.getByText(S.decision.saved)).toBeVisible();
  await shot(page, lang, '84-task-decided');
  // The decision paper: HTML to print, PDF to keep.
  const html = await request.get(`/api/v1/tasks/${taskId}/papers/decision?format=html`, { headers: { Authorization: `Bearer ${officer}` } });
  expect(html.ok()).toBeTruthy();
  expect(await html.text()).toContain(`${stamp}/QĐ-SKHCN`);
  const pdf = await request.get(`/api/v1/tasks/${taskId}/papers/decision?format=pdf`, { headers: { Authorization: `Bearer ${officer}` } });
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // 9. The contract, with two milestones and their tranches.
  await page.goto(contract);
  await expect(badge(page)).toHaveText(X.state.decided);
  await page.getByRole('button', { name: X.action.contract }).click();
  const dialog = page.getByRole('dialog', { name: X.contract.dialog });
  await dialog.getByRole('textbox', { name: X.contract.number, exact: true }).fill(`${stamp}/HĐ-KHCN`);
  await dialog.getByRole('textbox', { name: X.contract.starts, exact: true }).fill(day(1));
  await dialog.getByRole('textbox', { name: X.contract.ends, exact: true }).fill(day(700));
  await dialog.getByRole('button', { name: X.milestone.add }).click();
  const milestones: [string, number, string, string][] = [
    ['Khảo sát vùng quýt, thử nghiệm bảo quản', 300, 'Báo cáo khảo sát; kết quả thử nghiệm', '300000000'],
    ['Mô hình kho mát và quy trình hoàn chỉnh', 650, 'Mô hình 10 tấn; quy trình bảo quản', '250000000'],
  ];
  for (const [i, [name, due, deliverables, tranche]] of milestones.entries()) {
    await dialog.getByRole('textbox', { name: X.milestone.name, exact: true }).nth(i).fill(name);
    await dialog.getByRole('textbox', { name: X.milestone.due, exact: true }).nth(i).fill(day(due));
    await dialog.getByRole('textbox', { name: X.milestone.deliverables, exact: true }).nth(i).fill(deliverables);
    await dialog.getByRole('textbox', { name: `${X.milestone.tranche} (₫)`, exact: true }).nth(i).fill(tranche);
  }
  await shot(page, lang, '85-task-contract-form');
  await dialog.getByRole('button', { name: X.action.contract }).click();
  await expect(page.getByRole('status').filter({ hasText: X.done.contract })).toBeVisible();
  await expect(badge(page)).toHaveText(X.state.contracted);
  // The first tranche; what remains of the contract is shown.
  await page.getByRole('button', { name: X.action.disburse }).click();
  const tranche = page.getByRole('dialog', { name: X.tranche.title });
  await tranche.getByRole('textbox', { name: `${X.tranche.amount} (₫)`, exact: true }).fill('300000000');
  await tranche.getByRole('button', { name: X.action.disburse }).click();
  await expect(page.getByRole('status').filter({ hasText: X.done.disburse })).toBeVisible();
  await expect(page.getByTestId('task-remaining')).toContainText('250.000.000');
  await logout(page, lang);

  // 10. The institute reports on its first milestone, then asks for acceptance.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(contract);
  await page.getByRole('button', { name: X.action.report }).click();
  const report = page.getByRole('dialog', { name: X.report.title });
  await report.getByRole('textbox', { name: X.report.text, exact: true }).fill('Đã khảo sát 5 vùng quýt, thu 60 mẫu quả; hao hụt sau 60 ngày 7 %.');
  await report.getByLabel(X.report.files).setInputFiles({ name: 'bien-ban-khao-sat.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await report.getByRole('button', { name: X.action.report }).click();
  await expect(page.getByRole('status').filter({ hasText: X.done.report })).toBeVisible();
  await page.getByRole('button', { name: X.action.requestAcceptance }).click();
  const ask = page.getByRole('dialog', { name: X.requestAcceptance.title });
  await ask.getByRole('textbox', { name: X.requestAcceptance.report }).fill('Nhiệm vụ đã hoàn thành quy trình bảo quản quýt 2–3 tháng và mô hình kho mát 10 tấn, đạt các sản phẩm của hợp đồng.');
  await ask.getByRole('button', { name: X.action.requestAcceptance }).click();
  await expect(badge(page)).toHaveText(X.state.acceptance);
  await logout(page, lang);

  // 11. The acceptance council (its set-up form and the members' grades
  // through the API); the officer records the conclusion and the registration.
  await api(request, officer, 'PUT', `/tasks/${taskId}/acceptance/council`, {
    memberIds: [reviewerId, reviewer2Id],
    rule: { members: 2, passShare: 51, excellentShare: 100 },
  });
  for (const tok of [reviewer, reviewer2]) {
    await api(request, tok, 'POST', `/tasks/${taskId}/acceptance/grades`, { declaration: 'no_conflict', grade: 'pass', comment: 'Đạt yêu cầu của hợp đồng.' });
  }
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto(contract);
  await page.getByRole('button', { name: X.action.accept }).click();
  const verdict = page.getByRole('dialog', { name: X.conclusion.title });
  await expect(verdict.getByRole('combobox', { name: X.conclusion.grade, exact: true })).toHaveValue('pass');
  await verdict.getByRole('button', { name: X.action.accept }).click();
  await expect(badge(page)).toHaveText(X.state.accepted);
  await page.getByRole('button', { name: X.action.register }).click();
  const reg = page.getByRole('dialog', { name: X.registrationForm.title });
  await reg.getByRole('textbox', { name: X.registrationForm.number, exact: true }).fill(`${stamp}-KQNV`);
  await reg.getByRole('button', { name: X.action.register }).click();
  await expect(badge(page)).toHaveText(X.state.registered);
  await logout(page, lang);

  // 12. The institute puts the results on the market, prefilled and linked.
  await login(page, lang, 'institute@demo.techmart.vn', demoPassword);
  await page.goto(contract);
  await page.getByRole('button', { name: X.action.publish }).click();
  await page.getByRole('dialog', { name: X.publish.title }).getByRole('button', { name: X.action.publish }).click();
  await expect(page.getByRole('status').filter({ hasText: X.done.publish })).toBeVisible();
  await shot(page, lang, '86-task-results');
  await page.getByRole('link', { name: X.listingLink }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9a-f]+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('bảo quản quýt');
  await logout(page, lang);

  // 13. The need's owner is told.
  await login(page, lang, 'enterprise@demo.techmart.vn', demoPassword);
  await page.goto('/notifications');
  await expect(page.getByText(/đã được đưa lên sàn/).first()).toBeVisible();
  await logout(page, lang);

  // The officers' board and the task's pages in English too.
  await login(page, lang, 'officer@demo.techmart.vn', demoPassword);
  await page.goto('/tasks/board');
  await expect(page.getByRole('heading', { level: 1, name: T.tasks.boardTitle })).toBeVisible();
  await shot(page, lang, '87-task-board');
  const en = TEXT.en;
  await openIn(page, 'en', '/tasks/board');
  await expect(page.getByRole('heading', { level: 1, name: en.tasks.boardTitle })).toBeVisible();
  await shot(page, 'en', '87-task-board');
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('quýt');
  await shot(page, 'en', '81-task-page');
  await page.goto(selection);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'en', '84-task-selection');
  await page.goto(contract);
  await expect(page.getByRole('heading', { level: 2, name: en.tasksExecution.acceptance.title })).toBeVisible();
  await shot(page, 'en', '86-task-results');
});
