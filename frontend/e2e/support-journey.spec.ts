// A technology-innovation support application from the call to the money
// paid, through the screens of each person: the officer publishes a
// programme with two reviewers per application; the demo enterprise applies
// for it, linking the transfer it recorded, is refused once for a missing
// required document, submits; the officer returns it for a missing quote;
// the enterprise adds it and submits again; the officer assigns two
// reviewers, who score it; the officer approves less than requested, signs
// the agreement and pays two tranches; the enterprise asks for acceptance
// and the officer accepts and closes the file. The public dashboard shows
// the enterprise and the money, and the audit log every step.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { day, demoConfig, fmt, isoDay, login, logout, navTo, openIn, samplePdf, shot, TEXT, uniqueEmail, type Lang } from './helpers';

const OFFICER = 'officer@demo.techmart.vn';
const ENTERPRISE = 'enterprise@demo.techmart.vn';
const REVIEWERS = [
  { email: 'reviewer@demo.techmart.vn', name: 'PGS.TS. Lê Minh Đức', scores: [8, 7] },
  { email: 'reviewer2@demo.techmart.vn', name: 'TS. Nguyễn Thị Mai Anh', scores: [7, 6] },
];
/** The seeded transfer the demo enterprise received from the institute. */
const TRANSFER = /Chuyển giao quy trình sản xuất chế phẩm vi sinh/;

const lang: Lang = 'vi';
const T = TEXT[lang];
const A = T.application;
const W = T.appWizard;

/** "1.500.000 ₫" with any space before the sign. */
const vnd = (digits: string) => new RegExp(`${digits.replace(/\./g, '\\.')}\\s₫`);

async function token(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).accessToken as string;
}

/** The programme's draft, as an officer would have prepared it (the form has its own spec). */
async function draftProgram(request: APIRequestContext, password: string, name: string): Promise<string> {
  const res = await request.post('/api/v1/support/programs', {
    headers: { Authorization: `Bearer ${await token(request, OFFICER, password)}` },
    data: {
      name,
      summary: 'Hỗ trợ doanh nghiệp nhận chuyển giao công nghệ chế biến nông sản: miến dong, chè Shan tuyết, phân bón hữu cơ.',
      legalBasis: { number: '684/QĐ-UBND', date: isoDay(-60), title: 'Kế hoạch phát triển thị trường khoa học và công nghệ' },
      window: { opensOn: isoDay(-1), closesOn: isoDay(60) },
      budget: 2_000_000_000,
      capPerApplication: 500_000_000,
      maxSharePercent: 70,
      eligibility: { orgKinds: ['enterprise'], inProvince: true, stEnterprise: false },
      documents: [
        { code: '', name: 'Thuyết minh dự án đổi mới công nghệ', required: true },
        { code: '', name: 'Báo giá thiết bị, dịch vụ', required: false },
      ],
      criteria: [
        { code: '', name: 'Tính mới của công nghệ', weight: 60 },
        { code: '', name: 'Hiệu quả kinh tế – xã hội', weight: 40 },
      ],
      passMark: 60,
      reviewersPerApplication: 2,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

/**
 * A reviewer who is also a member of the demo enterprise (invited by its owner, given the
 * role by the admin): the officer's picker must show the conflict and refuse them.
 */
async function conflictedReviewer(request: APIRequestContext, password: string): Promise<string> {
  const owner = { Authorization: `Bearer ${await token(request, ENTERPRISE, password)}` };
  const me = await (await request.get('/api/v1/me', { headers: owner })).json();
  const orgId = me.organizations[0].id as string;
  const email = uniqueEmail('reviewer-conflict');
  const inv = await request.post(`/api/v1/organizations/${orgId}/invitations`, { headers: owner, data: { email, role: 'member' } });
  expect(inv.status(), await inv.text()).toBe(201);
  const invitationToken = ((await inv.json()) as { acceptUrl: string }).acceptUrl.split('/').pop();
  const name = `TS. Hoàng Thị Thu ${Date.now().toString(36)}`;
  const reg = await request.post('/api/v1/auth/register', { data: { email, password: 'cam-sanh-ham-yen-2025', fullName: name, invitationToken } });
  expect(reg.status(), await reg.text()).toBe(202);
  // A sign-up answers the same for a new and a taken e-mail; the account's
  // id comes from logging in.
  const member = { Authorization: `Bearer ${await token(request, email, 'cam-sanh-ham-yen-2025')}` };
  const userId = ((await (await request.get('/api/v1/me', { headers: member })).json()) as { user: { id: string } }).user.id;
  const admin = { Authorization: `Bearer ${await token(request, 'admin@demo.techmart.vn', password)}` };
  const roles = await request.put(`/api/v1/users/${userId}/roles`, { headers: admin, data: { roles: ['reviewer'] } });
  expect(roles.ok(), await roles.text()).toBeTruthy();
  return name;
}

async function switchTo(page: Page, to: Lang) {
  const L = TEXT[to].language;
  await page.getByRole('button', { name: `${L[to]} (${to === 'vi' ? L.viShort : L.enShort})`, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/**
 * Screenshots of the page in Vietnamese and in English (1280 and 360 px), back in Vietnamese.
 * A dialog hides the language switch: it is closed, and `reopen` opens it again in each language.
 */
async function shots(page: Page, name: string, reopen?: (lang: Lang) => Promise<void>): Promise<void> {
  await shot(page, 'vi', name);
  for (const to of ['en', 'vi'] as const) {
    if (reopen) await page.keyboard.press('Escape');
    await switchTo(page, to);
    if (reopen) await reopen(to);
    if (to === 'en') await shot(page, 'en', name);
  }
}

function panel(page: Page) {
  return page.locator('.app-actions');
}

async function act(page: Page, action: string) {
  await panel(page).getByRole('button', { name: action, exact: true }).click();
}

test('a support application from the call to the money paid, through every role’s screens', async ({ page, request }) => {
  test.setTimeout(300_000);
  // Refusals the journey provokes show up as failed loads; anything else logged as an error is a fault.
  const faults: string[] = [];
  page.on('pageerror', (e) => faults.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) faults.push(m.text());
  });
  const { demoPassword } = await demoConfig(request);
  const stamp = Date.now().toString(36);
  const programName = `Hỗ trợ đổi mới công nghệ chế biến nông sản ${stamp}`;
  const title = `Đổi mới dây chuyền sản xuất phân bón hữu cơ vi sinh ${stamp}`;
  const programId = await draftProgram(request, demoPassword, programName);
  const conflicted = await conflictedReviewer(request, demoPassword);

  // 1. The officer publishes the programme.
  await openIn(page, lang);
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/support/${programId}`);
  await page.locator('.owner-panel').getByRole('button', { name: T.support.publish }).click();
  await page.getByRole('dialog', { name: T.support.publishTitle }).getByRole('button', { name: T.support.publish }).click();
  await expect(page.getByRole('status').filter({ hasText: T.support.published })).toBeVisible();
  await logout(page, lang);

  // 2. The enterprise finds it open and starts an application.
  await login(page, lang, ENTERPRISE, demoPassword);
  await navTo(page, lang, 'support', T.nav.supportPrograms);
  await page.locator('.program-card').filter({ hasText: programName }).getByRole('link', { name: programName }).click();
  await expect(page.getByRole('heading', { level: 1, name: programName })).toBeVisible();
  await expect(page.getByRole('region', { name: T.apply.title })).toContainText(T.apply.text);
  await shots(page, '69-program-apply');
  await page.getByRole('button', { name: T.apply.button, exact: true }).click();
  const start = page.getByRole('dialog', { name: T.apply.dialogTitle });
  await start.getByLabel(T.appFields.title).fill(title);
  await start.getByRole('button', { name: T.apply.start }).click();
  await expect(page).toHaveURL(/\/support\/applications\/[0-9a-f]+\/edit$/);
  const id = /applications\/([0-9a-f]+)\/edit/.exec(page.url())![1];
  await expect(page.getByRole('status').filter({ hasText: T.apply.created })).toBeVisible();

  // Step 1: the project.
  const form = page.locator('form.wizard-form');
  await form.getByLabel(T.appFields.summary).fill('Đầu tư dây chuyền ủ và đóng gói chế phẩm vi sinh để xử lý phụ phẩm nông nghiệp thành phân bón hữu cơ tại xã Ba Bể.');
  await form.getByLabel(T.appFields.startOn).fill(day(30));
  await form.getByLabel(T.appFields.endOn).fill(day(14));
  await form.getByRole('button', { name: W.next }).click();
  // The end before the start is caught before anything is saved.
  await expect(form.getByLabel(T.appFields.endOn)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: fmt(T.form.fixErrors_one, { count: 1 }) })).toBeVisible();
  await form.getByLabel(T.appFields.endOn).fill(day(300));
  await form.getByLabel(T.appFields.expectedResults).fill('300 tấn phân bón hữu cơ mỗi năm; giảm 40 % phụ phẩm đốt bỏ; 12 lao động địa phương.');
  await shots(page, '70-application-project');
  await form.getByRole('button', { name: W.next }).click();

  // Step 2: the technology is the transfer the enterprise recorded.
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(W.step.technology) })).toBeVisible();
  await form.getByRole('radio', { name: W.tech.mode.transfer }).check();
  await form.getByRole('radio', { name: TRANSFER }).check();
  await shots(page, '71-application-technology');
  await form.getByRole('button', { name: W.next }).click();

  // Step 3: the money, within the cap (500 million) and 70 % of the cost.
  await form.getByLabel(`${T.appFields.totalCost} (₫)`).fill('1000000000');
  await expect(page.getByTestId('allowed')).toHaveText(vnd('500.000.000'));
  await form.getByLabel(`${T.appFields.requested} (₫)`).fill('400000000');
  await form.getByRole('button', { name: new RegExp(fmt(W.money.useAmount, { amount: '600\\.000\\.000\\s₫' })) }).click();
  await expect(form.getByLabel(`${T.appFields.ownContribution} (₫)`)).toHaveValue('600.000.000');
  await shots(page, '72-application-money');
  await form.getByRole('button', { name: W.next }).click();

  // Step 4 left empty: the review lists the required document, and there is nothing to send until it is there.
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(W.step.documents) })).toBeVisible();
  await shots(page, '73-application-documents');
  await form.getByRole('button', { name: W.next }).click();
  const issues = page.locator('.submit-issues');
  await expect(issues).toContainText(fmt(T.appFields.document, { name: 'Thuyết minh dự án đổi mới công nghệ' }));
  await expect(form.getByRole('button', { name: W.review.submit, exact: true })).toBeDisabled();
  await expect(page.getByText(W.review.blocked)).toBeVisible();
  await shots(page, '74-application-refused');
  await issues.getByRole('button', { name: fmt(W.review.fixLabel, { field: fmt(T.appFields.document, { name: 'Thuyết minh dự án đổi mới công nghệ' }) }) }).click();
  const proposal = page.locator('[data-code]').filter({ hasText: 'Thuyết minh dự án đổi mới công nghệ' }).locator('input[type=file]');
  await expect(proposal).toBeFocused();
  await proposal.setInputFiles({ name: 'thuyet-minh.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await expect(page.getByRole('status').filter({ hasText: fmt(W.docs.uploaded, { name: 'thuyet-minh.pdf' }) })).toBeVisible();
  await form.getByRole('button', { name: W.next }).click();
  await expect(page.getByText(W.review.ready)).toBeVisible();
  await shots(page, '75-application-review');
  await form.getByRole('button', { name: W.review.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/support/applications/${id}$`));
  await expect(page.getByRole('status').filter({ hasText: W.submitted })).toBeVisible();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.submitted);
  await expect(page.getByTestId('technology')).toContainText(TRANSFER);
  await logout(page, lang);

  // 3. The officer starts the check and returns it: the quote is missing.
  await login(page, lang, OFFICER, demoPassword);
  await navTo(page, lang, 'support', T.nav.supportQueue);
  await expect(page.getByRole('heading', { level: 1, name: T.applications.title.all })).toBeVisible();
  await page.getByLabel(T.applications.col.program).selectOption({ label: programName });
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
  await shots(page, '76-applications-queue');
  await page.getByRole('link', { name: title, exact: true }).click();
  await act(page, A.action.check);
  await page.getByRole('dialog', { name: A.confirm.checkTitle }).getByRole('button', { name: A.action.check }).click();
  await expect(page.getByRole('status').filter({ hasText: A.done.check })).toBeVisible();
  await act(page, A.action.return);
  const back = page.getByRole('dialog', { name: A.confirm.returnTitle });
  await back.getByLabel(A.returnReason).fill('Thiếu báo giá thiết bị, dịch vụ: đề nghị bổ sung báo giá dây chuyền ủ và đóng gói.');
  await back.getByRole('button', { name: A.action.return }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.returned);
  await logout(page, lang);

  // 4. The enterprise reads why, adds the quote and submits again.
  await login(page, lang, ENTERPRISE, demoPassword);
  await navTo(page, lang, 'support', T.nav.supportMine);
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText(T.appState.returned);
  await shots(page, '77-applications-mine');
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.locator('.returned-reason')).toContainText('Thiếu báo giá thiết bị, dịch vụ');
  await expect(page.locator('.timeline')).toContainText('Thiếu báo giá thiết bị, dịch vụ');
  await shots(page, '77-application-returned');
  await panel(page).getByRole('link', { name: A.action.edit }).click();
  await page.getByRole('navigation', { name: W.steps }).getByRole('button', { name: new RegExp(W.step.documents) }).click();
  await page.locator('[data-code]').filter({ hasText: 'Báo giá thiết bị, dịch vụ' }).locator('input[type=file]').setInputFiles({
    name: 'bao-gia.pdf',
    mimeType: 'application/pdf',
    buffer: samplePdf(),
  });
  await expect(page.getByRole('status').filter({ hasText: fmt(W.docs.uploaded, { name: 'bao-gia.pdf' }) })).toBeVisible();
  await page.getByRole('navigation', { name: W.steps }).getByRole('button', { name: new RegExp(W.step.review) }).click();
  await form.getByRole('button', { name: W.review.resubmit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: W.submitted })).toBeVisible();
  await logout(page, lang);

  // 5. The officer checks it again and assigns the two reviewers.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/support/applications/${id}`);
  await act(page, A.action.check);
  await page.getByRole('dialog', { name: A.confirm.checkTitle }).getByRole('button', { name: A.action.check }).click();
  await expect(page.getByRole('status').filter({ hasText: A.done.check })).toBeVisible();
  const chooseReviewers = async (l: Lang) => {
    const X = TEXT[l].application;
    await act(page, X.action.assign);
    const dialog = page.getByRole('dialog', { name: X.assign.title });
    await expect(dialog.getByTestId('assign-count')).toHaveText(fmt(X.assign.chosen, { chosen: 0, count: 2 }));
    // A member of the applying enterprise is shown with the conflict and cannot be chosen.
    const member = dialog.getByRole('checkbox', { name: new RegExp(conflicted) });
    await expect(member).toBeDisabled();
    await expect(dialog.locator('li').filter({ hasText: conflicted })).toContainText(fmt(X.assign.conflict, { org: 'Công ty TNHH Nông sản sạch Ba Bể' }));
    for (const r of REVIEWERS) await dialog.getByRole('checkbox', { name: new RegExp(r.name) }).check();
    await expect(dialog.getByTestId('assign-count')).toHaveText(fmt(X.assign.chosen, { chosen: 2, count: 2 }));
  };
  await chooseReviewers(lang);
  await shots(page, '78-assign-reviewers', chooseReviewers);
  await page.getByRole('dialog', { name: A.assign.title }).getByRole('button', { name: A.assign.confirm }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.appraisal);
  await logout(page, lang);

  // 6. Each reviewer declares no conflict and scores both criteria.
  for (const [i, r] of REVIEWERS.entries()) {
    await login(page, lang, r.email, demoPassword);
    await navTo(page, lang, 'support', T.nav.supportAssigned);
    await expect(page.getByRole('row').filter({ hasText: title })).toContainText(T.applications.notScored);
    if (i === 0) await shots(page, '79-applications-assigned');
    await page.getByRole('row').filter({ hasText: title }).getByRole('link', { name: fmt(T.applications.scoreLabel, { title }) }).click();
    await expect(page.getByRole('heading', { level: 1, name: fmt(T.review.titleOf, { title }) })).toBeVisible();
    const sheet = page.locator('form.score-sheet');
    await sheet.getByRole('button', { name: T.review.send }).click();
    await expect(sheet.locator('.field-error').first()).toHaveText(T.fieldErrors.declaration_required);
    await sheet.getByRole('radio', { name: T.review.declaration.no_conflict }).check();
    await sheet.getByLabel(fmt(T.review.score, { name: 'Tính mới của công nghệ' })).fill(String(r.scores[0]));
    await sheet.getByLabel(fmt(T.review.score, { name: 'Hiệu quả kinh tế – xã hội' })).fill(String(r.scores[1]));
    const total = (r.scores[0] * 60 + r.scores[1] * 40) / 10;
    await expect(page.getByTestId('score-total')).toContainText(fmt(T.review.total, { total: String(total).replace('.', ',') }));
    await sheet.getByLabel(fmt(T.review.comment, { name: 'Tính mới của công nghệ' })).fill('Công nghệ đã được ứng dụng ở quy mô thử nghiệm, phù hợp nguyên liệu địa phương.');
    if (i === 0) await shots(page, '79-review-sheet');
    await sheet.getByRole('button', { name: T.review.send }).click();
    await expect(page.getByRole('status').filter({ hasText: fmt(T.review.sent, { total: String(total).replace('.', ',') }) })).toBeVisible();
    await logout(page, lang);
  }

  // 7. The officer sees the appraisal and approves less than requested.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/support/applications/${id}`);
  const appraisal = page.getByRole('region', { name: A.appraisal.title });
  // (8 × 60 + 7 × 40) / 10 = 76 and (7 × 60 + 6 × 40) / 10 = 66: mean 71, spread 10, pass mark 60.
  await expect(appraisal.getByTestId('appraisal-mean')).toHaveText('71/100');
  await expect(appraisal.getByTestId('appraisal-passed')).toHaveText(A.appraisal.passed);
  // More than requested is refused before anything is sent.
  const openDecision = async (l: Lang) => {
    const X = TEXT[l].application;
    await act(page, X.action.decide);
    const dialog = page.getByRole('dialog', { name: X.decide.title });
    await expect(dialog.getByTestId('appraisal')).toContainText(X.appraisal.mean);
    await dialog.getByLabel(`${X.decide.amount} (₫)`).fill('450000000');
    await dialog.getByRole('button', { name: X.decide.approve }).click();
    await expect(dialog.getByLabel(`${X.decide.amount} (₫)`)).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toContainText(fmt(TEXT[l].fieldErrors.above_requested, { max: '400.000.000 ₫' }).replace(/\s/g, ' ').slice(0, 20));
  };
  await openDecision(lang);
  await shots(page, '80-decide', openDecision);
  const decide = page.getByRole('dialog', { name: A.decide.title });
  await decide.getByLabel(`${A.decide.amount} (₫)`).fill('350000000');
  await decide.getByLabel(A.decide.note).fill('Giảm phần chi phí vận chuyển thiết bị, không thuộc nội dung hỗ trợ.');
  await decide.getByRole('button', { name: A.decide.approve }).click();
  await expect(page.getByRole('status').filter({ hasText: A.done.approve })).toBeVisible();
  await expect(page.getByTestId('approved-amount')).toHaveText(vnd('350.000.000'));

  // The printable decision opens in a new tab, fetched with the officer's session.
  const [tab] = await Promise.all([page.waitForEvent('popup'), panel(page).locator('.paper-links').first().getByRole('button', { name: A.paper.html }).click()]);
  await expect(tab.locator('body')).toContainText(title);
  await expect(tab.locator('body')).toContainText('350.000.000 đồng (bằng chữ: Ba trăm năm mươi triệu đồng)');
  await expect(tab.locator('body')).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await tab.close();
  const [pdf] = await Promise.all([page.waitForEvent('download'), panel(page).locator('.paper-links').first().getByRole('button', { name: A.paper.pdf }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/^decision-.*\.pdf$/);

  // 8. The agreement, then two tranches: the second is what is left.
  await act(page, A.action.agreement);
  const agreement = page.getByRole('dialog', { name: A.agreement.title });
  await agreement.getByLabel(A.agreement.number).fill(`15/2026/HĐ-KHCN-${stamp}`);
  await agreement.getByRole('button', { name: A.action.agreement }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.agreement_signed);
  await act(page, A.action.disburse);
  let tranche = page.getByRole('dialog', { name: A.tranche.title });
  await tranche.getByLabel(`${A.tranche.amount} (₫)`).fill('200000000');
  await tranche.getByLabel(A.tranche.note).fill('Tạm ứng đợt 1');
  await tranche.getByRole('button', { name: A.action.disburse }).click();
  await expect(page.getByTestId('paid')).toHaveText(vnd('200.000.000'));
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.in_progress);
  await act(page, A.action.disburse);
  tranche = page.getByRole('dialog', { name: A.tranche.title });
  await expect(tranche.getByLabel(`${A.tranche.amount} (₫)`)).toHaveValue('150.000.000');
  await tranche.getByRole('button', { name: A.action.disburse }).click();
  await expect(page.getByTestId('paid')).toHaveText(vnd('350.000.000'));
  await expect(page.getByTestId('paid-bar')).toHaveAttribute('aria-label', new RegExp(`^${fmt(A.tranche.bar, { paid: '350\\.000\\.000\\s₫', approved: '350\\.000\\.000\\s₫' })}$`));
  await expect(panel(page).getByRole('button', { name: A.action.disburse })).toHaveCount(0);
  await shots(page, '81-application-officer');
  await logout(page, lang);

  // 9. The enterprise reports and asks for acceptance.
  await login(page, lang, ENTERPRISE, demoPassword);
  await page.goto(`/support/applications/${id}`);
  await act(page, A.action.requestAcceptance);
  const ask = page.getByRole('dialog', { name: A.acceptance.requestTitle });
  await ask.getByLabel(A.acceptance.report).fill('Dây chuyền vận hành từ tháng 3: 320 tấn phân bón hữu cơ, 14 lao động, giảm 45 % phụ phẩm đốt bỏ.');
  await ask.getByRole('button', { name: A.action.requestAcceptance }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.acceptance_requested);
  await shots(page, '82-application-enterprise');
  await logout(page, lang);

  // 10. The officer records the acceptance and closes the file.
  await login(page, lang, OFFICER, demoPassword);
  await page.goto(`/support/applications/${id}`);
  await act(page, A.action.acceptance);
  const accept = page.getByRole('dialog', { name: A.acceptance.title });
  await accept.getByLabel(A.acceptance.note).fill('Đạt và vượt các chỉ tiêu đăng ký.');
  await accept.getByRole('button', { name: A.action.acceptance }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.accepted);
  await act(page, A.action.close);
  await page.getByRole('dialog', { name: A.confirm.closeTitle }).getByRole('button', { name: A.action.close }).click();
  await expect(page.locator('.listing-kicker .badge')).toHaveText(T.appState.closed);

  // 11. The dashboard shows the supported enterprise and the money.
  await navTo(page, lang, 'support', T.nav.supportDashboard);
  await expect(page.getByRole('heading', { level: 1, name: T.dashboard.title })).toBeVisible();
  await expect(page.getByTestId('supported')).not.toHaveText(fmt(T.dashboard.target.value, { count: 0, target: 20 }));
  const row = page.locator(`tr[data-program-id="${programId}"]`);
  await expect(row.locator('td').nth(2)).toHaveText(vnd('350.000.000'));
  await expect(row.locator('td').nth(3)).toHaveText(vnd('350.000.000'));
  await expect(row.locator('td').nth(4)).toHaveText(vnd('1.650.000.000'));
  await shots(page, '83-dashboard');

  // 12. The audit log has every step.
  await page.goto(`/audit?subject=${id}`);
  const log = page.locator('table.audit-table');
  const actions = T.auditActions.support.application;
  for (const a of ['create', 'update', 'submit', 'check', 'return', 'assign_reviewers', 'score', 'decide', 'agreement', 'disburse', 'acceptance_request', 'acceptance', 'close'] as const) {
    await expect(log.locator(`tr[data-action="support.application.${a}"]`).first(), a).toContainText(actions[a]);
  }
  await expect(log.locator('tr[data-action="support.application.submit"]')).toHaveCount(2);
  await expect(log.locator('tr[data-action="support.application.score"]')).toHaveCount(2);
  await expect(log.locator('tr[data-action="support.application.disburse"]')).toHaveCount(2);
  await shots(page, '84-audit');
  expect(faults).toEqual([]);
});
