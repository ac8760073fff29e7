import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { APPLICATION_STATES } from '../api/types';
import i18n from '../i18n';
import {
  amountLimits,
  applicationActions,
  applicationFieldId,
  applicationFieldLabel,
  applicationTimeline,
  checkAmounts,
  fromApplication,
  newKey,
  parseScore,
  returnReason,
  scoreTotal,
  sendOnce,
  stepOfField,
  submissionProblems,
  toApplicationInput,
  unpaid,
  validateDraft,
  withMoneyParams,
  type ApplicationAction,
} from './applications';
import { fieldMessage } from './messages';
import { application, can } from '../test/support';

const flat = (s: string | undefined) => (s ?? '').replace(/\s/g, ' ');

const PROGRAM = {
  capPerApplication: 500_000_000,
  maxSharePercent: 30,
  documents: [
    { code: 'proposal', name: 'Thuyết minh dự án', required: true },
    { code: 'finance', name: 'Báo cáo tài chính', required: true },
    { code: 'quotes', name: 'Báo giá thiết bị', required: false },
  ],
  criteria: [
    { code: 'novelty', name: 'Tính mới', weight: 30 },
    { code: 'feasibility', name: 'Tính khả thi', weight: 25 },
    { code: 'impact', name: 'Hiệu quả', weight: 30 },
    { code: 'capacity', name: 'Năng lực', weight: 15 },
  ],
};

describe('the money a programme allows', () => {
  it('is the smaller of the cap and the share of the cost, rounded down', () => {
    expect(amountLimits(PROGRAM, 1_000_000_000)).toEqual({ cap: 500_000_000, sharePercent: 30, shareMax: 300_000_000, allowed: 300_000_000 });
    expect(amountLimits(PROGRAM, 3_000_000_000).allowed).toBe(500_000_000);
    expect(amountLimits(PROGRAM, 1_000_000_001).shareMax).toBe(300_000_000);
    // With a share rule, nothing can be said before the total is known.
    expect(amountLimits(PROGRAM, 0).allowed).toBe(0);
    expect(amountLimits({ capPerApplication: 500_000_000, maxSharePercent: 0 }, 0).allowed).toBe(500_000_000);
  });

  it('refuses a request above the cap or the share, and an own contribution that does not add up', () => {
    expect(checkAmounts(PROGRAM, { totalCost: 1_200_000_000, requested: 360_000_000, ownContribution: 840_000_000 })).toEqual({});
    expect(checkAmounts(PROGRAM, { totalCost: 3_000_000_000, requested: 600_000_000, ownContribution: 2_400_000_000 })).toEqual({
      requested: { code: 'above_cap', params: { max: 500_000_000 } },
    });
    expect(checkAmounts(PROGRAM, { totalCost: 1_000_000_000, requested: 300_000_001, ownContribution: 699_999_999 })).toEqual({
      requested: { code: 'above_share', params: { percent: 30, max: 300_000_000 } },
    });
    expect(checkAmounts(PROGRAM, { totalCost: 1_000_000_000, requested: 300_000_000, ownContribution: 600_000_000 })).toEqual({
      ownContribution: { code: 'does_not_add_up', params: { expected: 700_000_000 } },
    });
  });

  it('tells the amounts in VND, in both languages', async () => {
    const p = withMoneyParams({ code: 'above_share', params: { percent: 30, max: 300_000_000 } });
    expect(flat(fieldMessage(i18n.getFixedT('vi'), p))).toBe('Vượt 30 % tổng kinh phí: tối đa 300.000.000 ₫.');
    expect(flat(fieldMessage(i18n.getFixedT('en'), withMoneyParams({ code: 'does_not_add_up', params: { expected: 840_000_000 } })))).toBe(
      'The total cost must equal the support requested plus the own contribution: the own contribution should be 840.000.000 ₫.',
    );
    // A missing document is said so, rather than "enter this information".
    expect(fieldMessage(i18n.getFixedT('vi'), { code: 'document_missing' })).toBe('Chưa tải lên: hồ sơ này bắt buộc.');
    // Other problems keep their numbers as they are.
    expect(withMoneyParams({ code: 'too_long', params: { max: 300 } }).params).toEqual({ max: 300 });
  });

  it('knows what is left to pay of the approval', () => {
    const a = application({ decision: { outcome: 'approved', amount: 300_000_000, number: '1/QĐ', at: '' }, tranches: [{ amount: 100_000_000, on: '2027-01-05', at: '' }] });
    expect(unpaid(a)).toBe(200_000_000);
    expect(unpaid({ ...a, paid: 300_000_000 })).toBe(0);
    expect(unpaid(application())).toBe(0);
  });
});

describe('the wizard', () => {
  it('puts every API field on its step and control', () => {
    expect(stepOfField('title')).toBe('project');
    expect(stepOfField('endOn')).toBe('project');
    expect(stepOfField('technology')).toBe('technology');
    expect(stepOfField('technology.transferId')).toBe('technology');
    expect(stepOfField('ownContribution')).toBe('money');
    expect(stepOfField('documents.finance')).toBe('documents');
    expect(stepOfField('programId')).toBe('review');
    expect(applicationFieldId('documents.finance')).toBe('app-documents-finance');
    expect(applicationFieldId('technology.description')).toBe('app-technology-description');
  });

  it('names fields and checklist entries in both languages', () => {
    expect(applicationFieldLabel(i18n.getFixedT('vi'), 'requested')).toBe('Kinh phí đề nghị hỗ trợ');
    expect(applicationFieldLabel(i18n.getFixedT('vi'), 'documents.finance', PROGRAM)).toBe('Hồ sơ “Báo cáo tài chính”');
    expect(applicationFieldLabel(i18n.getFixedT('en'), 'documents.finance', PROGRAM)).toBe('Document “Báo cáo tài chính”');
    expect(applicationFieldLabel(i18n.getFixedT('en'), 'technology.transferId')).toBe('Transfer contract');
    expect(applicationFieldLabel(i18n.getFixedT('en'), 'reviewerIds.1')).toBe('Reviewer 2');
  });

  it('checks a draft before saving: a title, real dates in order, amounts that are numbers', () => {
    const v = fromApplication(application());
    expect(v.startOn).toBe('01/01/2027');
    expect(v.totalCost).toBe('1.200.000.000');
    expect(validateDraft(v)).toEqual({});
    const bad = { ...v, title: ' ab ', startOn: '31/12/2027', endOn: '01/01/2027', requested: '3 trăm triệu' };
    expect(validateDraft(bad)).toEqual({
      title: { code: 'too_short', params: { min: 5 } },
      endOn: { code: 'before_start' },
      requested: { code: 'invalid_number' },
    });
    // Only the step's own fields when one is named.
    expect(Object.keys(validateDraft(bad, 'money'))).toEqual(['requested']);
    expect(validateDraft({ ...v, startOn: '30/02/2027' }, 'project')).toEqual({ startOn: { code: 'invalid_date' } });
  });

  it('sends one way of naming the technology, amounts as integers and days as YYYY-MM-DD', () => {
    const v = { ...fromApplication(application()), totalCost: '1.500.000.000 ₫', endOn: '' };
    const body = toApplicationInput(v);
    expect(body).toMatchObject({ totalCost: 1_500_000_000, requested: 360_000_000, startOn: '2027-01-01', endOn: '', technology: { transferId: 't1' } });
    expect(toApplicationInput({ ...v, techMode: 'description', description: '  Máy sấy bơm nhiệt  ' }).technology).toEqual({ description: 'Máy sấy bơm nhiệt' });
    expect(toApplicationInput({ ...v, techMode: 'listing', listingId: '' }).technology).toEqual({});
    // An empty title is left alone (the server would refuse it).
    expect('title' in toApplicationInput({ ...v, title: '  ' })).toBe(false);
  });

  it('lists what a submission still lacks, as the server names it', () => {
    expect(submissionProblems(application(), PROGRAM)).toEqual({});
    const missing = submissionProblems(
      application({ summary: '', technology: {}, requested: 600_000_000, ownContribution: 600_000_000, documents: [{ code: 'proposal', fileId: 'f1' }] }),
      PROGRAM,
    );
    expect(missing).toEqual({
      summary: { code: 'required' },
      technology: { code: 'required' },
      requested: { code: 'above_cap', params: { max: 500_000_000 } },
      'documents.finance': { code: 'document_missing' },
    });
  });
});

describe('scores', () => {
  it('add up to Σ weight × score / 10 out of 100', () => {
    const all = (n: number) => PROGRAM.criteria.map((c) => ({ code: c.code, score: n }));
    expect(scoreTotal(PROGRAM.criteria, all(10))).toBe(100);
    expect(scoreTotal(PROGRAM.criteria, all(0))).toBe(0);
    expect(
      scoreTotal(PROGRAM.criteria, [
        { code: 'novelty', score: 8 },
        { code: 'feasibility', score: 7 },
        { code: 'impact', score: 9 },
        { code: 'capacity', score: 6 },
      ]),
    ).toBe(77.5);
    // Not scored yet counts nothing; a stray code nothing either.
    expect(scoreTotal(PROGRAM.criteria, [{ code: 'novelty', score: 7 }, { code: 'other', score: 10 }])).toBe(21);
  });

  it('reads a score as a whole number from 0 to 10', () => {
    expect(parseScore('7')).toEqual({ value: 7 });
    expect(parseScore(' 10 ')).toEqual({ value: 10 });
    expect(parseScore('')).toEqual({ problem: { code: 'required' } });
    expect(parseScore('7.5')).toEqual({ problem: { code: 'invalid_number' } });
    expect(parseScore('11')).toEqual({ problem: { code: 'out_of_range', params: { min: 0, max: 10 } } });
  });
});

describe('the steps the server offers', () => {
  it('shows exactly the steps of can, in the page’s order', () => {
    expect(applicationActions(application({ can: can() }))).toEqual([]);
    expect(applicationActions(application({ can: can('withdraw', 'submit', 'edit') }))).toEqual(['edit', 'submit', 'withdraw']);
    expect(applicationActions(application({ can: can('close', 'disburse', 'acceptance', 'agreement') }))).toEqual(['agreement', 'disburse', 'acceptance', 'close']);
    expect(applicationActions(application({ can: can('assignReviewers', 'decide', 'return', 'check') }))).toEqual(['check', 'return', 'assign', 'decide']);
    expect(applicationActions(application({ can: can('score') }))).toEqual(['score']);
    expect(applicationActions(application({ can: can('requestAcceptance', 'withdraw') }))).toEqual(['requestAcceptance', 'withdraw']);
  });

  it('decides nothing from the state: an appraisal the server calls incomplete offers no decision', () => {
    const scored = {
      state: 'appraisal' as const,
      reviews: [{ reviewerId: 'r1', reviewerName: 'A', assignedAt: '', declaration: 'no_conflict' as const, total: 80, submittedAt: '2027-01-02' }],
    };
    expect(applicationActions(application({ ...scored, can: can('assignReviewers') }))).not.toContain('decide');
    expect(applicationActions(application({ ...scored, can: can('assignReviewers', 'decide') }))).toContain('decide');
  });

  it('labels every state and every step in both languages', () => {
    for (const lang of ['vi', 'en']) {
      const t = i18n.getFixedT(lang);
      for (const s of APPLICATION_STATES) expect(i18n.exists(`appState.${s}`, { lng: lang }), `${lang} appState.${s}`).toBe(true);
      const actions: ApplicationAction[] = ['edit', 'submit', 'withdraw', 'requestAcceptance', 'check', 'return', 'assign', 'decide', 'agreement', 'disburse', 'acceptance', 'close', 'score'];
      for (const a of actions) expect(i18n.exists(`application.action.${a}`, { lng: lang }), `${lang} ${a}`).toBe(true);
      for (const a of ['submit', 'withdraw', 'check']) {
        expect(t(`application.confirm.${a}Title`)).not.toContain('application.');
        expect(t(`application.done.${a}`)).not.toContain('application.');
      }
    }
  });
});

describe('the timeline', () => {
  it('shows a return with its reason, the resubmission, then the road ahead', () => {
    const a = application({
      state: 'submitted',
      history: [
        { state: 'draft', at: '2026-11-01T02:00:00Z' },
        { state: 'submitted', at: '2026-11-02T02:00:00Z' },
        { state: 'completeness_check', at: '2026-11-03T02:00:00Z' },
        { state: 'returned', at: '2026-11-03T03:00:00Z', note: 'Thiếu báo cáo tài chính năm 2025.' },
        { state: 'submitted', at: '2026-11-04T02:00:00Z' },
      ],
    });
    const steps = applicationTimeline(a);
    expect(steps.map((s) => `${s.state}:${s.status}`)).toEqual([
      'draft:done',
      'submitted:done',
      'completeness_check:done',
      'returned:done',
      'submitted:current',
      'completeness_check:todo',
      'appraisal:todo',
      'approved:todo',
      'agreement_signed:todo',
      'in_progress:todo',
      'acceptance_requested:todo',
      'accepted:todo',
      'closed:todo',
    ]);
    expect(steps[3].note).toBe('Thiếu báo cáo tài chính năm 2025.');
    // The reason is for the applicant while the dossier waits for them, not after.
    expect(returnReason(a)).toBeUndefined();
    expect(returnReason({ ...a, state: 'returned', history: a.history.slice(0, 4) })).toBe('Thiếu báo cáo tài chính năm 2025.');
  });

  it('ends with a final state', () => {
    const rejected = applicationTimeline(
      application({
        state: 'rejected',
        history: [
          { state: 'appraisal', at: '2027-01-01T00:00:00Z' },
          { state: 'rejected', at: '2027-01-02T00:00:00Z' },
        ],
      }),
    );
    expect(rejected.at(-1)).toMatchObject({ state: 'rejected', status: 'current' });
    expect(rejected.some((s) => s.status === 'todo')).toBe(false);
  });
});

describe('one user action, one Idempotency-Key', () => {
  it('makes a new UUID every time', () => {
    const a = newKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newKey()).not.toBe(a);
  });

  it('tries once more with the same key when the answer was lost', async () => {
    const send = vi
      .fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network_error' }))
      .mockResolvedValueOnce('done');
    await expect(sendOnce('k-1', send)).resolves.toBe('done');
    expect(send.mock.calls).toEqual([['k-1'], ['k-1']]);
  });

  it('does not repeat a refusal, nor try more than once more', async () => {
    const refused = vi.fn().mockRejectedValue(new ApiError({ status: 409, code: 'budget_exceeded' }));
    await expect(sendOnce('k-2', refused)).rejects.toMatchObject({ code: 'budget_exceeded' });
    expect(refused).toHaveBeenCalledTimes(1);
    const down = vi.fn().mockRejectedValue(new ApiError({ status: 503, code: 'unavailable' }));
    await expect(sendOnce('k-3', down)).rejects.toMatchObject({ status: 503 });
    expect(down.mock.calls).toEqual([['k-3'], ['k-3']]);
  });
});
