import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from '../../i18n';
import type { Application, ApplicationReview } from '../../api/types';
import SupportApplicationFormPage from '../SupportApplicationForm';
import SupportApplicationPage from '../SupportApplication';
import SupportApplications from '../SupportApplications';
import SupportDashboard from '../SupportDashboard';
import SupportReviewPage from '../SupportReview';
import { ORG, meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
import { application, can, supportProgram } from '../../test/support';

const flat = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');
const ENTERPRISE = [{ id: 'o3', name: 'Công ty TNHH Nông sản sạch Ba Bể', kind: 'enterprise', status: 'verified', role: 'owner' }];

const wizard = (at: string) =>
  renderRoutes(
    [
      { path: '/support/applications/:id/edit', element: <SupportApplicationFormPage /> },
      { path: '/support/applications/:id', element: <p>the application page</p> },
    ],
    at,
  );

const page = () => renderRoutes([{ path: '/support/applications/:id', element: <SupportApplicationPage /> }], '/support/applications/a1');

describe('the application wizard', () => {
  it('puts the server’s refusal of a submission back on its steps and fields', async () => {
    const { calls } = mockApi({
      ...meRoutes([], ENTERPRISE),
      // The form sees nothing wrong; the server still refuses.
      'GET /support/applications/a1': () => json(200, application()),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /files/f1': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="thuyet-minh.pdf"' } }),
      'GET /files/f2': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="bao-cao.pdf"' } }),
      'GET /transfers/t1': () => problem(404, 'transfer_not_found', 'Không tìm thấy hồ sơ chuyển giao.'),
      'POST /support/applications/a1/submit': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'requested', code: 'above_cap', params: { max: 500_000_000 }, message: 'Vượt mức hỗ trợ tối đa cho một hồ sơ (500.000.000 đồng).' },
            {
              field: 'ownContribution',
              code: 'does_not_add_up',
              params: { expected: 600_000_000 },
              message: 'Kinh phí đề nghị cộng vốn đối ứng phải bằng tổng kinh phí (đối ứng cần 600.000.000 đồng).',
            },
            { field: 'documents.quotes', code: 'document_missing', message: 'Chưa tải lên: hồ sơ này bắt buộc.' },
          ],
        }),
    });
    wizard('/support/applications/a1/edit?step=review');
    expect(await screen.findByText('Hồ sơ đã đủ các mục bắt buộc. Hãy xem lại lần cuối rồi nộp.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nộp hồ sơ' }));
    const refused = (await screen.findByText('Sở chưa nhận hồ sơ vì các mục sau:')).closest('[role="alert"]') as HTMLElement;
    expect(calls.find((c) => c.path.endsWith('/submit'))!.headers['if-match']).toBe('"5"');
    expect(Array.from(refused.querySelectorAll('li')).map((li) => flat(li.textContent))).toEqual([
      'Kinh phí – Kinh phí đề nghị hỗ trợ: Vượt mức hỗ trợ tối đa cho một hồ sơ (500.000.000 đồng). Sửa',
      'Kinh phí – Vốn đối ứng của doanh nghiệp: Kinh phí đề nghị cộng vốn đối ứng phải bằng tổng kinh phí (đối ứng cần 600.000.000 đồng). Sửa',
      'Hồ sơ kèm theo – Hồ sơ “Báo giá thiết bị”: Chưa tải lên: hồ sơ này bắt buộc. Sửa',
    ]);
    // The steps with errors are marked in the step list.
    const steps = screen.getByRole('navigation', { name: 'Các bước của hồ sơ' });
    expect(within(steps).getByRole('button', { name: /Kinh phí \(có lỗi cần sửa\)/ })).toBeTruthy();
    expect(within(steps).getByRole('button', { name: /Hồ sơ kèm theo \(có lỗi cần sửa\)/ })).toBeTruthy();
    expect(within(steps).queryByRole('button', { name: /Dự án \(có lỗi/ })).toBeNull();

    // "Sửa" opens the money step with the error on the field, and focus there.
    fireEvent.click(within(refused).getByRole('button', { name: 'Sửa Kinh phí đề nghị hỗ trợ' }));
    await waitFor(() => expect(location()).toBe('/support/applications/a1/edit?step=money'));
    const requested = await screen.findByLabelText('Kinh phí đề nghị hỗ trợ (₫)');
    await waitFor(() => expect(document.activeElement).toBe(requested));
    expect(requested.getAttribute('aria-invalid')).toBe('true');
    expect(flat(document.getElementById(`${requested.id}-error`)!.textContent)).toBe('Vượt mức hỗ trợ tối đa cho một hồ sơ (500.000.000 đồng).');
    // The programme's limits are worked out for this cost: 30 % of 1.200.000.000 ₫.
    expect(flat(screen.getByTestId('allowed').textContent)).toBe('360.000.000 ₫');
  });

  it('keeps "Nộp hồ sơ" disabled while the review lists problems, each linking to its step', async () => {
    const { calls } = mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application({ requested: 600_000_000, ownContribution: 600_000_000 })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /files/f1': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="thuyet-minh.pdf"' } }),
      'GET /files/f2': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="bao-cao.pdf"' } }),
    });
    wizard('/support/applications/a1/edit?step=review');
    const own = await screen.findByText('Còn 1 mục cần bổ sung trước khi nộp:');
    const list = own.closest('.submit-issues') as HTMLElement;
    expect(flat(list.textContent)).toContain('Kinh phí đề nghị hỗ trợ: Vượt mức hỗ trợ tối đa một hồ sơ (500.000.000 ₫).');
    const submit = screen.getByRole('button', { name: 'Nộp hồ sơ' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(document.getElementById(submit.getAttribute('aria-describedby')!)!.textContent).toContain('Hãy sửa các mục nêu ở trên');
    fireEvent.click(submit);
    expect(calls.some((c) => c.path.endsWith('/submit'))).toBe(false);
    // The step's name opens the step.
    fireEvent.click(within(list).getByRole('button', { name: 'Kinh phí' }));
    await waitFor(() => expect(location()).toBe('/support/applications/a1/edit?step=money'));
  });

  it('shows the most one may ask for only once the total cost is known', async () => {
    mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application({ totalCost: 0, requested: 0, ownContribution: 0 })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /files/f1': () => new Response('x'),
      'GET /files/f2': () => new Response('x'),
    });
    wizard('/support/applications/a1/edit?step=review');
    expect((await screen.findByTestId('dossier-allowed')).textContent).toBe('Chưa tính được: hồ sơ chưa có tổng kinh phí');
    expect(document.body.textContent).not.toContain('500.000.000 ₫ ·');
  });

  it('says in English why a submission was refused: the window or the organisation', async () => {
    mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application()),
      'GET /support/programs/p1': () => json(200, supportProgram({ window: { opensOn: '2026-01-01', closesOn: '2026-03-31' } })),
      'GET /transfers/t1': () => problem(404, 'transfer_not_found', 'Không tìm thấy hồ sơ chuyển giao.'),
      // The server answers in the language the request asks for.
      'POST /support/applications/a1/submit': (c) =>
        c.headers['accept-language'] === 'en'
          ? problem(409, 'window_closed', 'The programme is not accepting applications now.')
          : problem(409, 'window_closed', 'Chương trình không trong thời gian nhận hồ sơ.'),
    });
    await i18n.changeLanguage('en');
    wizard('/support/applications/a1/edit?step=review');
    fireEvent.click(await screen.findByRole('button', { name: 'Submit application' }));
    expect(await screen.findByText('The programme is not accepting applications now.')).toBeTruthy();
    expect(location()).toBe('/support/applications/a1/edit?step=review');
  });

  it('saves the step with If-Match before moving on, and stops on a stale record', async () => {
    let version = 5;
    const { calls } = mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application({ version })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /transfers': () => json(200, { items: [], total: 0 }),
      'PATCH /support/applications/a1': (c) =>
        c.headers['if-match'] === '"5"'
          ? json(200, application({ version: (version = 6), summary: (c.body as { summary: string }).summary }))
          : problem(412, 'version_mismatch', 'Dữ liệu đã được người khác thay đổi; hãy tải lại.'),
    });
    wizard('/support/applications/a1/edit');
    const summary = await screen.findByLabelText('Tóm tắt dự án');
    fireEvent.change(summary, { target: { value: 'Thay lò sấy than bằng máy sấy bơm nhiệt cho miến dong.' } });
    fireEvent.click(screen.getByRole('button', { name: /Lưu và tiếp tục/ }));
    await waitFor(() => expect(location()).toBe('/support/applications/a1/edit?step=technology'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"5"');
    expect(patch.body).toMatchObject({
      title: 'Đổi mới dây chuyền sấy miến dong',
      summary: 'Thay lò sấy than bằng máy sấy bơm nhiệt cho miến dong.',
      startOn: '2027-01-01',
      technology: { transferId: 't1' },
      totalCost: 1_200_000_000,
    });

    // The next save carries the new version; someone else's change in between stops it.
    fireEvent.click(await screen.findByRole('radio', { name: 'Tự mô tả công nghệ' }));
    fireEvent.change(await screen.findByLabelText('Mô tả công nghệ'), { target: { value: 'Máy sấy bơm nhiệt 500 kg/mẻ' } });
    version = 7;
    fireEvent.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH')[1].headers['if-match']).toBe('"6"');
    expect(calls.filter((c) => c.method === 'PATCH')[1].body).toMatchObject({ technology: { description: 'Máy sấy bơm nhiệt 500 kg/mẻ' } });
    expect(await screen.findByText(/Hồ sơ vừa được thay đổi ở nơi khác \(có thể ở một thẻ khác\)/)).toBeTruthy();
    expect(location()).toBe('/support/applications/a1/edit?step=technology');
  });

  it('takes a wrong file off a document entry once the applicant confirms', async () => {
    let removed = false;
    const { calls } = mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () =>
        json(200, application(removed ? { version: 6, documents: [{ code: 'contract', fileId: 'f2' }] } : {})),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /files/f1': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="thuyet-minh-cu.pdf"' } }),
      'GET /files/f2': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="bao-cao.pdf"' } }),
      'DELETE /support/applications/a1/files/f1': () => {
        removed = true;
        return new Response(null, { status: 204 });
      },
    });
    wizard('/support/applications/a1/edit?step=documents');
    fireEvent.click(await screen.findByRole('button', { name: 'Xóa thuyet-minh-cu.pdf' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xóa “thuyet-minh-cu.pdf”?' });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false); // nothing before confirming
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xóa' }));
    await screen.findByText('Đã xóa “thuyet-minh-cu.pdf”.');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/support/applications/a1/files/f1']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Xóa thuyet-minh-cu.pdf' })).toBeNull());
  });

  it('checks a draft’s own fields before saving: nothing is sent with the end before the start', async () => {
    const { calls } = mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application()),
      'GET /support/programs/p1': () => json(200, supportProgram()),
    });
    wizard('/support/applications/a1/edit?step=project');
    fireEvent.change(await screen.findByLabelText('Ngày kết thúc'), { target: { value: '01/06/2026' } });
    fireEvent.click(screen.getByRole('button', { name: /Lưu và tiếp tục/ }));
    const end = screen.getByLabelText('Ngày kết thúc');
    await waitFor(() => expect(end.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Ngày kết thúc không thể trước ngày bắt đầu.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Vui lòng sửa 1 lỗi trong biểu mẫu.');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    // Correcting it clears the summary too.
    fireEvent.change(end, { target: { value: '01/06/2027' } });
    await waitFor(() => expect(screen.queryByText('Vui lòng sửa 1 lỗi trong biểu mẫu.')).toBeNull());
  });
});

const reviewed = (over: Partial<ApplicationReview>): ApplicationReview => ({
  reviewerId: 'r1',
  reviewerName: 'PGS.TS. Lê Minh Đức',
  assignedAt: '2027-01-02T02:00:00Z',
  declaration: 'no_conflict',
  scores: [
    { code: 'novelty', score: 8 },
    { code: 'impact', score: 7 },
  ],
  total: 76,
  submittedAt: '2027-01-03T02:00:00Z',
  ...over,
});

/** A complete appraisal as an officer reads it: the server offers reviewers and the decision. */
function inAppraisal(over: Partial<Application> = {}): Application {
  return application({
    state: 'appraisal',
    can: can('assignReviewers', 'decide'),
    requested: 400_000_000,
    reviews: [reviewed({}), reviewed({ reviewerId: 'r2', reviewerName: 'TS. Nguyễn Thị Mai Anh', scores: [{ code: 'novelty', score: 7 }, { code: 'impact', score: 6 }], total: 66 })],
    appraisal: {
      complete: true,
      required: 2,
      count: 2,
      mean: 71,
      min: 66,
      max: 76,
      spread: 10,
      passMark: 60,
      passed: true,
      criteria: [
        { code: 'novelty', name: 'Tính mới', weight: 60, mean: 7.5, spread: 1 },
        { code: 'impact', name: 'Hiệu quả', weight: 40, mean: 6.5, spread: 1 },
      ],
    },
    ...over,
  });
}

describe('the application page', () => {
  it('shows the applicant why it was returned, and only their steps', async () => {
    mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () =>
        json(
          200,
          application({
            state: 'returned',
            history: [
              { state: 'draft', at: '2026-11-01T02:00:00Z' },
              { state: 'submitted', at: '2026-11-02T02:00:00Z' },
              { state: 'returned', at: '2026-11-03T02:00:00Z', note: 'Thiếu báo giá thiết bị.' },
            ],
          }),
        ),
      'GET /support/programs/p1': () => json(200, supportProgram()),
    });
    page();
    const reason = await screen.findByRole('note');
    expect(reason.textContent).toContain('Sở KH&CN trả lại hồ sơ để bổ sung:');
    expect(reason.textContent).toContain('Thiếu báo giá thiết bị.');
    const panel = screen.getByRole('region', { name: 'Cần bổ sung hồ sơ' });
    expect(within(panel).getByRole('link', { name: 'Sửa hồ sơ' }).getAttribute('href')).toBe('/support/applications/a1/edit');
    expect(within(panel).getAllByRole('button').map((b) => b.textContent)).toEqual(['Nộp hồ sơ', 'Rút hồ sơ']);
    // The timeline keeps the reason under the return.
    const timeline = screen.getByRole('region', { name: 'Tiến trình' });
    expect(within(timeline).getByText('Trả lại để bổ sung').closest('li')!.textContent).toContain('Thiếu báo giá thiết bị.');
    // Reviews are the department's: the applicant sees no appraisal.
    expect(screen.queryByRole('region', { name: 'Thẩm định' })).toBeNull();
  });

  it('shows a draft without an amount requested as not given (muted, in both places), not as a sum of money', async () => {
    mockApi({
      ...meRoutes([], ENTERPRISE),
      'GET /support/applications/a1': () => json(200, application({ requested: 0 })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
    });
    page();
    const money = await screen.findByRole('region', { name: 'Kinh phí' });
    const requested = within(money).getByText('Kinh phí đề nghị hỗ trợ').closest('div')!;
    expect(within(requested).getByText('Chưa có').className).toBe('muted');
    expect(screen.queryByTestId('requested')).toBeNull();
    // The side card says it in the same words.
    const facts = screen.getByRole('region', { name: 'Thông tin hồ sơ' });
    expect(within(facts).getByText('Kinh phí đề nghị hỗ trợ').closest('div')!.textContent).toBe('Kinh phí đề nghị hỗ trợChưa có');
  });

  it('decides with a fresh Idempotency-Key, kept for the automatic retry, within the amount requested', async () => {
    let attempts = 0;
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/applications/a1': () => json(200, inAppraisal()),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'POST /support/applications/a1/decide': () => {
        attempts += 1;
        // The first answer is lost on the way back.
        if (attempts === 1) return Promise.reject(new TypeError('Failed to fetch'));
        return json(
          200,
          inAppraisal({ state: 'approved', can: can('agreement'), decision: { outcome: 'approved', amount: 350_000_000, number: '7/QĐ-SKHCN', at: '2027-01-05T02:00:00Z' } }),
        );
      },
    });
    page();
    const appraisal = await screen.findByRole('region', { name: 'Thẩm định' });
    expect(flat(within(appraisal).getByTestId('appraisal-mean').textContent)).toBe('71/100');
    expect(within(appraisal).getByTestId('appraisal-passed').textContent).toBe('Đạt');
    expect(within(appraisal).getByRole('row', { name: /Tính mới 60 7,5\/10 1/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Quyết định hỗ trợ' }));
    const dialog = screen.getByRole('dialog', { name: 'Quyết định hỗ trợ' });
    const amount = within(dialog).getByLabelText(/^Kinh phí được hỗ trợ \(₫\)/) as HTMLInputElement;
    expect(amount.value).toBe('400.000.000');
    fireEvent.change(amount, { target: { value: '450.000.000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phê duyệt' }));
    expect(await within(dialog).findByText('Không được vượt kinh phí đề nghị (400.000.000 ₫).', { normalizer: flat })).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/decide'))).toBe(false);

    fireEvent.change(amount, { target: { value: '350.000.000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phê duyệt' }));
    expect(await screen.findByText('Đã phê duyệt hỗ trợ.')).toBeTruthy();
    const sent = calls.filter((c) => c.path.endsWith('/decide'));
    expect(sent).toHaveLength(2);
    expect(sent[0].body).toEqual({ outcome: 'approved', amount: 350_000_000 });
    expect(sent[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1].headers['idempotency-key']).toBe(sent[0].headers['idempotency-key']);
    expect(flat(screen.getByTestId('approved-amount').textContent)).toBe('350.000.000 ₫');
  });

  it('records each tranche with its own key', async () => {
    const approved = { outcome: 'approved' as const, amount: 350_000_000, number: '7/QĐ-SKHCN', at: '2027-01-05T02:00:00Z' };
    let tranches: Application['tranches'] = [];
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/applications/a1': () => json(200, inAppraisal({ state: 'agreement_signed', can: can('disburse'), decision: approved, tranches })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'POST /support/applications/a1/disbursements': (c) => {
        const b = c.body as { amount: number; on: string };
        tranches = [...tranches, { amount: b.amount, on: b.on, at: '2027-01-06T02:00:00Z' }];
        const paid = tranches.reduce((s, x) => s + x.amount, 0);
        // The server offers another tranche while some of the approved amount is unpaid.
        return json(200, inAppraisal({ state: 'in_progress', can: can(...(paid < approved.amount ? (['disburse'] as const) : [])), decision: approved, tranches, paid }));
      },
    });
    page();
    for (const [typed, paid] of [
      ['200.000.000', '200.000.000 ₫'],
      [null, '350.000.000 ₫'],
    ] as const) {
      fireEvent.click(await screen.findByRole('button', { name: 'Ghi nhận giải ngân' }));
      const dialog = screen.getByRole('dialog', { name: 'Ghi nhận đợt giải ngân' });
      if (typed) fireEvent.change(within(dialog).getByLabelText(/^Số tiền \(₫\)/), { target: { value: typed } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Ghi nhận giải ngân' }));
      await waitFor(() => expect(flat(screen.getByTestId('paid').textContent)).toBe(paid));
    }
    const sent = calls.filter((c) => c.path.endsWith('/disbursements'));
    expect(sent.map((c) => (c.body as { amount: number }).amount)).toEqual([200_000_000, 150_000_000]);
    expect(sent[0].headers['idempotency-key']).not.toBe(sent[1].headers['idempotency-key']);
    // Nothing left to pay: no more tranches.
    expect(screen.queryByRole('button', { name: 'Ghi nhận giải ngân' })).toBeNull();
  });

  it('assigns exactly the programme’s number of reviewers, never one with a conflict', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/applications/a1': () => json(200, application({ state: 'completeness_check', can: can('return', 'assignReviewers') })),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'GET /support/reviewers': () =>
        json(200, {
          items: [
            { id: 'r1', fullName: 'PGS.TS. Lê Minh Đức', email: 'reviewer@demo.techmart.vn', orgNames: ['Trường Đại học Nông Lâm'], conflict: false },
            { id: 'r3', fullName: 'TS. Hoàng Thị Thu', email: 'thu@babe.vn', orgNames: [ORG.name], conflict: true },
            { id: 'r2', fullName: 'TS. Nguyễn Thị Mai Anh', email: 'reviewer2@demo.techmart.vn', orgNames: [], conflict: false },
          ],
        }),
      'POST /support/applications/a1/assign-reviewers': () => json(200, application({ state: 'appraisal', can: can('assignReviewers') })),
    });
    page();
    fireEvent.click(await screen.findByRole('button', { name: 'Phân công chuyên gia' }));
    const dialog = screen.getByRole('dialog', { name: 'Phân công chuyên gia thẩm định' });
    const conflicted = (await within(dialog).findByRole('checkbox', { name: /TS\. Hoàng Thị Thu/ })) as HTMLInputElement;
    expect(conflicted.disabled).toBe(true);
    expect(document.getElementById(conflicted.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Xung đột lợi ích: thuộc Công ty TNHH Nông sản sạch Ba Bể hoặc bên cung cấp công nghệ',
    );
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Lê Minh Đức/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phân công' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Cần chọn đúng 2 chuyên gia (đang chọn 1).');
    expect(calls.some((c) => c.path.endsWith('/assign-reviewers'))).toBe(false);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Nguyễn Thị Mai Anh/ }));
    expect(within(dialog).getByTestId('assign-count').textContent).toBe('Đã chọn 2/2');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Phân công' }));
    expect(await screen.findByText('Đã phân công chuyên gia thẩm định.')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/assign-reviewers'))!.body).toEqual({ reviewerIds: ['r1', 'r2'] });
    // The notice follows a change of language.
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByText('Reviewers assigned.')).toBeTruthy();
  });
});

describe('the reviewer’s score sheet', () => {
  const mine = (over: Partial<ApplicationReview> = {}) =>
    inAppraisal({
      appraisal: undefined,
      // The server offers scoring until the decision, unless the reviewer stepped aside.
      can: can(...(over.declaration === 'conflict' && over.submittedAt ? [] : (['score'] as const))),
      reviews: [{ reviewerId: 'u1', reviewerName: 'Phạm Thị Lan', assignedAt: '2027-01-02T02:00:00Z', ...over }],
    });

  it('asks for the declaration, adds up the weighted total as one types, and sends every criterion', async () => {
    const { calls } = mockApi({
      ...meRoutes(['reviewer'], []),
      'GET /support/applications/a1': () => json(200, mine()),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'POST /support/applications/a1/scores': () => json(200, mine({ declaration: 'no_conflict', submittedAt: '2027-01-04T02:00:00Z' })),
    });
    renderRoutes(
      [
        { path: '/support/applications/:id/review', element: <SupportReviewPage /> },
        { path: '/support/applications/:id', element: <p>the application page</p> },
      ],
      '/support/applications/a1/review',
    );
    const send = await screen.findByRole('button', { name: 'Gửi phiếu chấm' });
    fireEvent.click(send);
    expect(await screen.findByText('Hãy chọn một cam kết về xung đột lợi ích.')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/scores'))).toBe(false);

    fireEvent.click(screen.getByRole('radio', { name: /Tôi không có xung đột lợi ích/ }));
    fireEvent.change(screen.getByLabelText(/^Điểm “Tính mới” \(0–10\)/), { target: { value: '8' } });
    expect(screen.getByTestId('score-total').textContent).toContain('Tổng điểm: 48/100');
    fireEvent.change(screen.getByLabelText(/^Điểm “Hiệu quả” \(0–10\)/), { target: { value: '11' } });
    fireEvent.click(send);
    expect(await screen.findByText('Giá trị nằm ngoài khoảng cho phép.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Điểm “Hiệu quả” \(0–10\)/), { target: { value: '7' } });
    expect(screen.getByTestId('score-total').textContent).toContain('Tổng điểm: 76/100');
    fireEvent.change(screen.getByLabelText('Nhận xét về “Tính mới”'), { target: { value: 'Phù hợp nguyên liệu địa phương.' } });
    fireEvent.click(send);
    await waitFor(() => expect(location()).toBe('/support/applications/a1'));
    expect(calls.find((c) => c.path.endsWith('/scores'))!.body).toEqual({
      declaration: 'no_conflict',
      scores: [
        { code: 'novelty', score: 8, comment: 'Phù hợp nguyên liệu địa phương.' },
        { code: 'impact', score: 7 },
      ],
    });
  });

  it('lets a reviewer with a conflict step aside without scores', async () => {
    const { calls } = mockApi({
      ...meRoutes(['reviewer'], []),
      'GET /support/applications/a1': () => json(200, mine()),
      'GET /support/programs/p1': () => json(200, supportProgram()),
      'POST /support/applications/a1/scores': () => json(200, mine({ declaration: 'conflict', submittedAt: '2027-01-04T02:00:00Z' })),
    });
    renderRoutes([{ path: '/support/applications/:id/review', element: <SupportReviewPage /> }], '/support/applications/a1/review');
    fireEvent.click(await screen.findByRole('radio', { name: /Tôi có xung đột lợi ích/ }));
    expect(screen.queryByLabelText(/^Điểm “Tính mới” \(0–10\)/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Gửi cam kết và không thẩm định' }));
    await waitFor(() => expect(calls.find((c) => c.path.endsWith('/scores'))!.body).toEqual({ declaration: 'conflict', scores: [] }));
  });

  it('reads the linked transfer and the documents from the dossier, asking for neither', async () => {
    const { calls } = mockApi({
      ...meRoutes(['reviewer'], []),
      'GET /support/applications/a1': () =>
        json(200, {
          ...mine(),
          technology: {
            transferId: 't1',
            title: 'Chế phẩm vi sinh xử lý phụ phẩm',
            supplierName: 'Viện Khoa học Sự sống',
            recipientName: 'Công ty TNHH Nông sản sạch Ba Bể',
            signedOn: '2026-10-01',
          },
          documents: [{ code: 'proposal', fileId: 'f1', name: 'thuyet-minh.pdf', size: 303 }],
        }),
      'GET /support/programs/p1': () => json(200, supportProgram()),
    });
    renderRoutes([{ path: '/support/applications/:id/review', element: <SupportReviewPage /> }], '/support/applications/a1/review');
    const title = await screen.findByText('Chế phẩm vi sinh xử lý phụ phẩm');
    expect(title.closest('a')).toBeNull();
    expect(flat(screen.getByTestId('technology').textContent)).toContain('Viện Khoa học Sự sống');
    expect(screen.getByText('thuyet-minh.pdf')).toBeTruthy();
    expect(screen.getByText(/303 B/)).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/transfers') || c.path.startsWith('/files'))).toEqual([]);
  });

  it('is read-only once the department has decided', async () => {
    mockApi({
      ...meRoutes(['reviewer'], []),
      'GET /support/applications/a1': () =>
        json(200, { ...mine(reviewed({ reviewerId: 'u1' })), state: 'approved', can: can(), decision: { outcome: 'approved', amount: 1, number: '7/QĐ', at: '' } }),
      'GET /support/programs/p1': () => json(200, supportProgram()),
    });
    renderRoutes([{ path: '/support/applications/:id/review', element: <SupportReviewPage /> }], '/support/applications/a1/review');
    expect(await screen.findByText('Sở đã quyết định; phiếu chấm không sửa được nữa.')).toBeTruthy();
    expect((screen.getByLabelText(/^Điểm “Tính mới” \(0–10\)/) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /Gửi/ })).toBeNull();
  });
});

describe('the lists and the dashboard', () => {
  it('gives officers the queue with counts per state and filters in the URL', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/applications': () =>
        json(200, { items: [inAppraisal()], total: 1, page: 1, pageSize: 20, counts: { submitted: 3, appraisal: 1 } }),
      'GET /support/programs': () => json(200, { items: [supportProgram()], total: 1 }),
    });
    renderRoutes([{ path: '/support/applications', element: <SupportApplications /> }], '/support/applications');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hồ sơ đề nghị hỗ trợ' })).toBeTruthy();
    const lists = () => calls.filter((c) => c.path.startsWith('/support/applications')).map((c) => c.path);
    await waitFor(() => expect(lists()[0]).toBe('/support/applications?scope=all&page=1&pageSize=20'));
    const counts = await screen.findByRole('list', { name: 'Số hồ sơ theo trạng thái' });
    expect(within(counts).getAllByRole('button').map((b) => flat(b.textContent))).toEqual(['Đã nộp 3', 'Đang thẩm định 1']);
    fireEvent.click(within(counts).getByRole('button', { name: /Đã nộp/ }));
    await waitFor(() => expect(location()).toBe('/support/applications?state=submitted'));
    await waitFor(() => expect(lists().at(-1)).toBe('/support/applications?scope=all&state=submitted&page=1&pageSize=20'));
    fireEvent.change(screen.getByLabelText('Tìm theo tên dự án, doanh nghiệp'), { target: { value: ' miến dong ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(location()).toBe('/support/applications?state=submitted&q=mi%E1%BA%BFn+dong'));
  });

  it('shows the supported enterprises against the target and each programme’s money', async () => {
    mockApi({
      'GET /support/dashboard': () =>
        json(200, {
          target: { enterprises: 20, basis: '12/NQ-HĐND', from: 2026, year: 2030, current: true, supported: 5 },
          supportedEnterprises: 6,
          approvedApplications: 6,
          totals: { total: 5_000_000_000, committed: 1_500_000_000, disbursed: 1_000_000_000, remaining: 3_500_000_000 },
          programs: [
            { id: 'p1', name: 'Hỗ trợ 2026–2027', total: 5_000_000_000, committed: 1_500_000_000, disbursed: 1_000_000_000, remaining: 3_500_000_000, enterprises: 5, applications: { draft: 2, submitted: 1, approved: 6 } },
          ],
          years: [{ year: 2026, committed: 1_500_000_000, disbursed: 1_000_000_000, enterprises: 5 }],
        }),
    });
    await i18n.changeLanguage('en');
    renderRoutes([{ path: '/support/dashboard', element: <SupportDashboard /> }], '/support/dashboard');
    expect((await screen.findByTestId('supported')).textContent).toBe('5/20 enterprises');
    const bar = screen.getByTestId('target-bar');
    expect(bar.getAttribute('aria-label')).toBe('5 of the target of 20 enterprises (25 %)');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('25%');
    const row = screen.getByRole('row', { name: /Hỗ trợ 2026–2027/ });
    // Drafts are the applicants' own: 7 submitted, not 9.
    // Figures grouped the English way, still in đồng.
    expect(flat(row.textContent)).toContain('5,000,000,000 ₫1,500,000,000 ₫1,000,000,000 ₫3,500,000,000 ₫7');
    expect(screen.getByText('Target set by Decision 12/NQ-HĐND for 2026–2030: 25 % reached.')).toBeTruthy();
    const year = screen.getByRole('region', { name: 'By year' });
    expect(within(year).getAllByRole('row').map((r) => flat(r.textContent))).toEqual([
      'YearCommittedDisbursedEnterprises supported',
      '20261,500,000,000 ₫1,000,000,000 ₫5',
    ]);
  });

  it('names a plan whose period has ended instead of measuring today against it', async () => {
    mockApi({
      'GET /support/dashboard': () =>
        json(200, {
          target: { enterprises: 20, basis: '684/QĐ-UBND', from: 2016, year: 2020, current: false, supported: 0 },
          supportedEnterprises: 1,
          approvedApplications: 1,
          totals: { total: 5_000_000_000, committed: 300_000_000, disbursed: 0, remaining: 4_700_000_000 },
          programs: [],
          years: [],
        }),
    });
    await i18n.changeLanguage('vi');
    renderRoutes([{ path: '/support/dashboard', element: <SupportDashboard /> }], '/support/dashboard');
    expect((await screen.findByTestId('supported')).textContent).toBe('1 doanh nghiệp');
    expect(screen.queryByTestId('target-bar')).toBeNull();
    expect(screen.getByTestId('target-ended').textContent).toBe(
      'Chỉ tiêu 20 doanh nghiệp của Quyết định 684/QĐ-UBND là cho giai đoạn 2016–2020, đã kết thúc; chưa có chỉ tiêu cho giai đoạn hiện nay.',
    );
    expect(document.body.textContent).not.toContain('đạt 0 %');
  });
});
