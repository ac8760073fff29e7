import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import SupportPrograms from '../SupportPrograms';
import SupportProgramPage from '../SupportProgram';
import SupportProgramFormPage from '../SupportProgramForm';
import i18n from '../../i18n';
import type { Application, Program } from '../../api/types';
import { todayInVietnam } from '../../lib/listing';
import { addDays } from '../../lib/matching';
import { EMPTY_PROGRAM, programFieldLabel, toProgramInput, fromProgram, validateProgram, weightSum, windowStatus, windowText } from '../../lib/support';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
import { application } from '../../test/support';

const today = todayInVietnam();
const ddmmyyyy = (ymd: string) => ymd.split('-').reverse().join('/');
const flat = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

function program(over: Partial<Program> = {}): Program {
  return {
    id: 'p1',
    version: 3,
    state: 'published',
    name: 'Hỗ trợ doanh nghiệp đổi mới công nghệ 2027',
    summary: 'Hỗ trợ mua sắm thiết bị, chuyển giao công nghệ cho sản xuất miến dong và chè Shan tuyết.',
    legalBasis: { number: '684/QĐ-UBND', date: '2026-10-15', title: 'Ban hành chương trình' },
    window: { opensOn: addDays(today, -10), closesOn: addDays(today, 20) },
    budget: 2_000_000_000,
    capPerApplication: 500_000_000,
    maxSharePercent: 70,
    eligibility: { orgKinds: ['enterprise', 'st_org'], inProvince: true, stEnterprise: false },
    documents: [
      { code: 'doc1', name: 'Đơn đề nghị hỗ trợ', required: true },
      { code: 'doc2', name: 'Báo cáo tài chính năm gần nhất', required: false },
    ],
    criteria: [
      { code: 'c1', name: 'Tính mới của công nghệ', weight: 40 },
      { code: 'c2', name: 'Hiệu quả kinh tế', weight: 60 },
    ],
    passMark: 60,
    reviewersPerApplication: 3,
    openPerOrganization: 1,
    approvedPerOrganization: 1,
    createdAt: '2026-10-20T02:00:00Z',
    updatedAt: '2026-10-20T02:00:00Z',
    publishedAt: '2026-10-21T02:00:00Z',
    ...over,
  };
}

const draft = () =>
  program({
    id: 'p2',
    state: 'draft',
    name: 'Hỗ trợ ứng dụng công nghệ cao trong nông nghiệp',
    window: { opensOn: addDays(today, 30), closesOn: addDays(today, 90) },
    publishedAt: undefined,
  });

const list = (items: Program[]) => json(200, { items, total: items.length, page: 1, pageSize: 20 });

describe('Support programme helpers', () => {
  it('computes the window in Vietnam’s calendar, both days included', () => {
    const w = { opensOn: '2027-01-01', closesOn: '2027-03-31' };
    expect(windowStatus(w, '2026-12-31')).toBe('upcoming');
    expect(windowStatus(w, '2027-01-01')).toBe('open');
    expect(windowStatus(w, '2027-03-31')).toBe('open');
    expect(windowStatus(w, '2027-04-01')).toBe('closed');
    expect(windowStatus({ opensOn: '', closesOn: '' }, '2027-01-01')).toBe('unset');
    const t = i18n.getFixedT('vi');
    expect(windowText(t, w, '2026-12-31')).toBe('Bắt đầu nhận hồ sơ từ ngày 01/01/2027');
    expect(windowText(t, w, '2027-04-01')).toBe('Đã hết hạn nhận hồ sơ (ngày 31/03/2027)');
    const en = i18n.getFixedT('en');
    expect(windowText(en, w, '2027-02-01')).toBe('Open for applications until 31/03/2027');
  });

  it('labels field paths, rows included, and sums the weights', () => {
    const t = i18n.getFixedT('vi');
    expect(programFieldLabel(t, 'window.closesOn')).toBe('Ngày kết thúc nhận hồ sơ');
    expect(programFieldLabel(t, 'criteria.1.weight')).toBe('Tiêu chí 2 – Trọng số');
    expect(programFieldLabel(i18n.getFixedT('en'), 'documents.0.name')).toBe('Document 1 – name');
    expect(weightSum([{ weight: '40' }, { weight: 35 }, { weight: '' }])).toBe(75);
  });

  it('sends amounts as integers and days as YYYY-MM-DD, leaving out empty parts', () => {
    const body = toProgramInput({ ...fromProgram(program()), budget: '2.000.000.000', legalDate: '15/10/2026' });
    expect(body).toMatchObject({
      budget: 2000000000,
      capPerApplication: 500000000,
      legalBasis: { number: '684/QĐ-UBND', date: '2026-10-15' },
      criteria: [
        { code: 'c1', name: 'Tính mới của công nghệ', weight: 40 },
        { code: 'c2', name: 'Hiệu quả kinh tế', weight: 60 },
      ],
    });
    const empty = toProgramInput({ ...fromProgram(draft()), legalNumber: '', legalDate: '', legalTitle: '', budget: '', opensOn: '', closesOn: '' });
    expect(empty.legalBasis).toBeUndefined();
    expect(empty.window).toBeUndefined();
    expect(empty.budget).toBeUndefined();
  });

  it('sends the limits per organisation, one of each by default, within 1–100', () => {
    expect(toProgramInput({ ...EMPTY_PROGRAM, name: 'Chương trình mới' })).toMatchObject({ openPerOrganization: 1, approvedPerOrganization: 1 });
    const set = { ...fromProgram(program({ openPerOrganization: 2, approvedPerOrganization: 3 })) };
    expect(toProgramInput(set)).toMatchObject({ openPerOrganization: 2, approvedPerOrganization: 3 });
    const errs = validateProgram({ ...set, openPerOrg: '0', approvedPerOrg: '101' });
    expect(errs.openPerOrganization).toEqual({ code: 'out_of_range', params: { min: 1, max: 100 } });
    expect(errs.approvedPerOrganization).toEqual({ code: 'out_of_range', params: { min: 1, max: 100 } });
    expect(programFieldLabel(i18n.t.bind(i18n), 'openPerOrganization')).toBe('Số hồ sơ đang xét tối đa của một tổ chức');
  });
});

describe('Support programmes list', () => {
  it('shows the public the published programmes as cards, without officer actions', async () => {
    const { calls } = mockApi({ 'GET /support/programs': () => list([program()]) });
    renderRoutes([{ path: '/support', element: <SupportPrograms /> }], '/support');
    const card = (await screen.findByRole('link', { name: 'Hỗ trợ doanh nghiệp đổi mới công nghệ 2027' })).closest('li')!;
    expect(card.textContent).toContain(`Đang nhận hồ sơ đến hết ngày ${ddmmyyyy(addDays(today, 20))}`);
    expect(within(card).getByText('Đang nhận hồ sơ', { selector: '.badge' })).toBeTruthy();
    expect(card.textContent).toContain('Căn cứ: 684/QĐ-UBND ngày 15/10/2026');
    expect(flat(card.textContent)).toContain('Tổng kinh phí2.000.000.000 ₫');
    expect(flat(card.textContent)).toContain('Mức hỗ trợ tối đa một hồ sơ500.000.000 ₫');
    expect(card.textContent).toContain('Tỷ lệ hỗ trợ tối đa70 %');
    const kinds = within(card).getByRole('list', { name: 'Đối tượng được hỗ trợ' });
    expect(within(kinds).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Doanh nghiệp', 'Tổ chức KH&CN công lập']);
    expect(screen.queryByRole('link', { name: /Tạo chương trình/ })).toBeNull();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(calls.find((c) => c.path.startsWith('/support/programs'))!.path).toBe('/support/programs?page=1&pageSize=20');
  });

  it('shows officers the drafts, a state filter and the new programme button', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/programs': (c) => list(c.path.includes('state=draft') ? [draft()] : [program(), draft()]),
    });
    renderRoutes([{ path: '/support', element: <SupportPrograms /> }], '/support');
    const card = (await screen.findByRole('link', { name: 'Hỗ trợ ứng dụng công nghệ cao trong nông nghiệp' })).closest('li')!;
    expect(within(card).getByText('Bản nháp')).toBeTruthy();
    expect(card.textContent).toContain(`Bắt đầu nhận hồ sơ từ ngày ${ddmmyyyy(addDays(today, 30))}`);
    expect(screen.getByRole('link', { name: /Tạo chương trình/ }).getAttribute('href')).toBe('/officer/support/new');
    fireEvent.click(screen.getByRole('tab', { name: 'Bản nháp' }));
    await waitFor(() => expect(location()).toBe('/support?state=draft'));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/support/programs?state=draft&page=1&pageSize=20'));
    await waitFor(() => expect(screen.queryByText('Hỗ trợ doanh nghiệp đổi mới công nghệ 2027')).toBeNull());
  });
});

describe('Support programme page', () => {
  it('states the limits per organisation the officer set, in English too', async () => {
    await i18n.changeLanguage('en');
    try {
      mockApi({
        'GET /support/programs/p1': () => json(200, program({ openPerOrganization: 2, approvedPerOrganization: 1 })),
        'GET /support/programs/p1/budget': () => json(200, { total: 2_000_000_000, committed: 0, disbursed: 0, remaining: 2_000_000_000 }),
      });
      renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p1');
      expect((await screen.findByTestId('program-per-org')).textContent).toBe(
        'Each organisation may have at most 2 applications under consideration at a time, and at most 1 application approved in this programme.',
      );
    } finally {
      await i18n.changeLanguage('vi');
    }
  });

  it('points an organisation with a draft to it, and names the button for another application', async () => {
    const ENTERPRISE = [{ id: 'o3', name: 'Công ty TNHH Nông sản sạch Ba Bể', kind: 'enterprise', status: 'verified', role: 'owner' }];
    const routes = (items: Application[]) => ({
      ...meRoutes([], ENTERPRISE),
      'GET /support/programs/p1': () => json(200, program()),
      'GET /support/programs/p1/budget': () => json(200, { total: 2_000_000_000, committed: 0, disbursed: 0, remaining: 2_000_000_000 }),
      'GET /support/applications': () => json(200, { items, total: items.length, page: 1, pageSize: 20, counts: {} }),
    });
    mockApi(routes([]));
    const first = renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p1');
    const empty = await screen.findByRole('region', { name: 'Nộp hồ sơ đề nghị hỗ trợ' });
    await waitFor(() => expect(within(empty).getByRole('button').textContent).toBe('Nộp hồ sơ'));
    expect(empty.textContent).toContain('Hãy đặt tên dự án để bắt đầu');
    first.unmount();

    mockApi(routes([application({ programId: 'p1' })]));
    renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p1');
    const panel = await screen.findByRole('region', { name: 'Nộp hồ sơ đề nghị hỗ trợ' });
    expect((await within(panel).findByRole('link', { name: 'Đổi mới dây chuyền sấy miến dong' })).getAttribute('href')).toBe('/support/applications/a1/edit');
    expect(panel.textContent).toContain('Tổ chức của bạn đã có hồ sơ nháp trong chương trình này: mở hồ sơ dưới đây để làm tiếp.');
    expect(panel.textContent).not.toContain('Hãy đặt tên dự án để bắt đầu');
    expect(within(panel).getByRole('button').textContent).toBe('Bắt đầu hồ sơ khác');
  });

  it('shows everything with the budget ledger, and no officer actions to the public', async () => {
    mockApi({
      'GET /support/programs/p1': () => json(200, program()),
      'GET /support/programs/p1/budget': () =>
        json(200, { total: 2_000_000_000, committed: 800_000_000, disbursed: 300_000_000, remaining: 1_200_000_000 }),
    });
    renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p1');
    await screen.findByRole('heading', { level: 1, name: 'Hỗ trợ doanh nghiệp đổi mới công nghệ 2027' });
    expect(flat(screen.getByTestId('program-budget').textContent)).toBe('2.000.000.000 ₫');
    expect(flat((await screen.findByTestId('program-remaining')).textContent)).toBe('1.200.000.000 ₫');
    const bar = screen.getByRole('img', { name: /Đã cam kết/ });
    expect(flat(bar.getAttribute('aria-label'))).toBe('Đã cam kết 800.000.000 ₫, đã giải ngân 300.000.000 ₫, còn lại 1.200.000.000 ₫');
    expect((bar.querySelector('.budget-disbursed') as HTMLElement).style.width).toBe('15%');
    expect((bar.querySelector('.budget-committed') as HTMLElement).style.width).toBe('25%');
    const docs = screen.getByRole('region', { name: 'Hồ sơ phải nộp' });
    expect(docs.textContent).toContain('Đơn đề nghị hỗ trợ Bắt buộc');
    expect(docs.textContent).toContain('Báo cáo tài chính năm gần nhất Không bắt buộc');
    const criteria = screen.getByRole('region', { name: 'Tiêu chí thẩm định' });
    expect(within(criteria).getByRole('row', { name: 'Tổng trọng số 100' })).toBeTruthy();
    expect(criteria.textContent).toContain('60/100 điểm');
    expect(screen.getByRole('region', { name: 'Căn cứ pháp lý' }).textContent).toContain('684/QĐ-UBND');
    expect(screen.getByTestId('program-per-org').textContent).toBe(
      'Mỗi tổ chức có tối đa 1 hồ sơ đang xét cùng lúc và được phê duyệt tối đa 1 hồ sơ trong chương trình này.',
    );
    expect(screen.queryByRole('link', { name: 'Sửa chương trình' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Công bố' })).toBeNull();
  });

  it('lets an officer publish a draft and lists what is missing, in the user’s language', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/programs/p2': () => json(200, draft()),
      'GET /support/programs/p2/budget': () => json(200, { total: 2_000_000_000, committed: 0, disbursed: 0, remaining: 2_000_000_000 }),
      // The server answers in the language the request asks for.
      'POST /support/programs/p2/publish': (c) =>
        c.headers['accept-language'] === 'en'
          ? problem(422, 'validation_failed', 'Some fields are not valid.', {
              errors: [
                { field: 'legalBasis.number', code: 'required', message: 'This field is required.' },
                { field: 'criteria', code: 'weights_not_100', message: 'The criteria weights must add up to 100 (now 80).', params: { sum: 80 } },
                { field: 'capPerApplication', code: 'above_budget', message: 'The cap per application cannot exceed the total budget.' },
              ],
            })
          : problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
              errors: [{ field: 'legalBasis.number', code: 'required', message: 'Trường này là bắt buộc.' }],
            }),
    });
    await i18n.changeLanguage('en');
    renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p2');
    await screen.findByRole('heading', { level: 1, name: 'Hỗ trợ ứng dụng công nghệ cao trong nông nghiệp' });
    expect(screen.getByRole('link', { name: 'Edit programme' }).getAttribute('href')).toBe('/support/p2/edit');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = screen.getByRole('dialog', { name: 'Publish the programme?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    const alert = (await screen.findByText('It cannot be published yet: the following is missing or wrong.')).closest('[role="alert"]')!;
    expect(Array.from(alert.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'Decision number: This field is required.',
      'Appraisal criteria: The criteria weights must add up to 100 (now 80).',
      'Cap per application: The cap per application cannot exceed the total budget.',
    ]);
    expect(calls.find((c) => c.path.endsWith('/publish'))!.headers['if-match']).toBe('"3"');
    expect(within(alert as HTMLElement).getByRole('link', { name: 'Complete it now' }).getAttribute('href')).toBe('/support/p2/edit');
  });

  it('publishes a complete draft', async () => {
    mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/programs/p2': () => json(200, draft()),
      'GET /support/programs/p2/budget': () => json(200, { total: 2_000_000_000, committed: 0, disbursed: 0, remaining: 2_000_000_000 }),
      'POST /support/programs/p2/publish': () => json(200, { ...draft(), state: 'published', version: 4 }),
    });
    renderRoutes([{ path: '/support/:id', element: <SupportProgramPage /> }], '/support/p2');
    fireEvent.click(await screen.findByRole('button', { name: 'Công bố' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Công bố chương trình?' })).getByRole('button', { name: 'Công bố' }));
    expect(await screen.findByText('Đã công bố chương trình. Mọi người đã có thể xem chương trình này.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Công bố' })).toBeNull();
    expect(screen.getByText('Đã công bố', { selector: '.badge' })).toBeTruthy();
  });
});

describe('Programme form', () => {
  it('creates a draft, shows the live weight sum and puts the server’s errors on their fields', async () => {
    let posts = 0;
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'POST /support/programs': () => {
        posts++;
        return posts === 1
          ? problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
              errors: [
                { field: 'window.closesOn', code: 'before_opening', message: 'Ngày kết thúc nhận hồ sơ phải sau ngày bắt đầu.' },
                { field: 'criteria.1.weight', code: 'out_of_range', message: 'Giá trị nằm ngoài khoảng cho phép (1–100).', params: { min: 1, max: 100 } },
              ],
            })
          : json(201, { ...draft(), id: 'p9' });
      },
    });
    renderRoutes(
      [
        { path: '/officer/support/new', element: <SupportProgramFormPage /> },
        { path: '/support/:id', element: <p>programme</p> },
      ],
      '/officer/support/new',
    );
    const name = await screen.findByLabelText(/^Tên chương trình/);
    fireEvent.click(screen.getByRole('button', { name: 'Lưu bản nháp' }));
    expect(screen.getByRole('alert').textContent).toContain('Vui lòng sửa 1 lỗi');
    fireEvent.change(name, { target: { value: 'Hỗ trợ đổi mới công nghệ 2027' } });
    fireEvent.change(screen.getByLabelText(/^Tổng kinh phí/), { target: { value: '2000000000' } });
    expect(screen.getByText('= 2.000.000.000 ₫', { normalizer: (s) => flat(s) })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Ngày bắt đầu nhận hồ sơ/), { target: { value: '01/01/2027' } });
    fireEvent.change(screen.getByLabelText(/^Ngày kết thúc nhận hồ sơ/), { target: { value: '31/03/2027' } });
    fireEvent.click(screen.getByLabelText('Doanh nghiệp'));
    fireEvent.click(screen.getByRole('button', { name: /Thêm tiêu chí/ }));
    fireEvent.click(screen.getByRole('button', { name: /Thêm tiêu chí/ }));
    fireEvent.change(screen.getByLabelText(/^Tiêu chí 1 – Tên tiêu chí/), { target: { value: 'Tính mới' } });
    fireEvent.change(screen.getByLabelText(/^Tiêu chí 1 – Trọng số/), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText(/^Tiêu chí 2 – Tên tiêu chí/), { target: { value: 'Hiệu quả' } });
    fireEvent.change(screen.getByLabelText(/^Tiêu chí 2 – Trọng số/), { target: { value: '40' } });
    expect(screen.getByTestId('weight-sum').textContent).toBe('Tổng trọng số: 80/100 – phải bằng 100 để công bố.');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu bản nháp' }));

    // The server's errors show under their own controls.
    const closes = screen.getByLabelText(/^Ngày kết thúc nhận hồ sơ/);
    await waitFor(() => expect(closes.getAttribute('aria-invalid')).toBe('true'));
    expect(closes.closest('.field')!.textContent).toContain('Ngày kết thúc nhận hồ sơ phải sau ngày bắt đầu.');
    const w2 = screen.getByLabelText(/^Tiêu chí 2 – Trọng số/);
    expect(w2.getAttribute('aria-invalid')).toBe('true');
    expect(w2.closest('.field')!.textContent).toContain('Giá trị nằm ngoài khoảng cho phép (1–100).');
    expect(screen.getByLabelText(/^Tiêu chí 1 – Trọng số/).getAttribute('aria-invalid')).toBeNull();
    expect(screen.getAllByRole('alert')[0].textContent).toContain('Vui lòng sửa 2 lỗi');
    expect(calls.find((c) => c.path === '/support/programs')!.body).toEqual({
      name: 'Hỗ trợ đổi mới công nghệ 2027',
      summary: '',
      window: { opensOn: '2027-01-01', closesOn: '2027-03-31' },
      budget: 2000000000,
      eligibility: { orgKinds: ['enterprise'], inProvince: true, stEnterprise: false },
      documents: [],
      criteria: [
        { code: '', name: 'Tính mới', weight: 40 },
        { code: '', name: 'Hiệu quả', weight: 40 },
      ],
      openPerOrganization: 1,
      approvedPerOrganization: 1,
    });

    fireEvent.change(w2, { target: { value: '60' } });
    expect(screen.getByTestId('weight-sum').textContent).toBe('Tổng trọng số: 100/100.');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu bản nháp' }));
    await waitFor(() => expect(location()).toBe('/support/p9'));
  });

  it('edits with If-Match, with rows for documents that can be added and removed', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /support/programs/p1': () => json(200, program({ version: 7 })),
      'PATCH /support/programs/p1': () => json(200, program({ version: 8 })),
    });
    renderRoutes(
      [
        { path: '/support/:id/edit', element: <SupportProgramFormPage /> },
        { path: '/support/:id', element: <p>programme</p> },
      ],
      '/support/p1/edit',
    );
    await screen.findByLabelText(/^Tên chương trình/);
    expect((screen.getByLabelText(/^Tổng kinh phí/) as HTMLInputElement).value).toBe('2.000.000.000');
    expect((screen.getByLabelText(/^Ngày ban hành/) as HTMLInputElement).value).toBe('15/10/2026');
    expect(screen.getByTestId('weight-sum').textContent).toBe('Tổng trọng số: 100/100.');
    fireEvent.click(screen.getByRole('button', { name: 'Xóa hồ sơ 2' }));
    fireEvent.click(screen.getByRole('button', { name: /Thêm hồ sơ/ }));
    fireEvent.change(screen.getByLabelText(/^Hồ sơ 2 – tên hồ sơ/), { target: { value: 'Phương án công nghệ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(location()).toBe('/support/p1'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"7"');
    expect((patch.body as { documents: unknown }).documents).toEqual([
      { code: 'doc1', name: 'Đơn đề nghị hỗ trợ', required: true },
      { code: '', name: 'Phương án công nghệ', required: true },
    ]);
  });
});
