// Support applications (dossiers): the wizard's values, checks and body, the
// amounts a programme allows, the reviewers' score totals, the steps the
// server offers (its `can`, in the page's order), and where the server's field
// errors belong.
import type { TFunction } from 'i18next';
import type {
  Application,
  ApplicationCan,
  ApplicationInput,
  ApplicationReview,
  ApplicationState,
  CriterionScore,
  Program,
  ProgramCriterion,
} from '../api/types';
import { formatDecimal, formatNumber, formatVnd } from './format';
import { oneLine, parseAmount, parseDayInput, VND_MAX, formatDay } from './listing';
import type { FieldErrors, FieldProblem } from './validation';
import { limits } from '../api/limits.gen';

// The server's limits (declared on its Go types, read from its OpenAPI document).
export const APP_TITLE_MIN = limits['ApplicationInput.title'].minLength;
export const APP_TITLE_MAX = limits['ApplicationInput.title'].maxLength;
export const APP_TEXT_MAX = limits['ApplicationInput.summary'].maxLength;
export const RETURN_REASON_MIN = limits['Reason.reason'].minLength;
export const RETURN_REASON_MAX = limits['Reason.reason'].maxLength;
export const DECISION_REASON_MAX = limits['DecideInput.reason'].maxLength;
export const DECISION_NUMBER_MAX = limits['DecideInput.number'].maxLength;
export const REPORT_MIN = limits['AcceptanceRequest.report'].minLength;
export const REPORT_MAX = limits['AcceptanceRequest.report'].maxLength;
export const TRANCHE_NOTE_MAX = limits['DisburseInput.note'].maxLength;
export const ACCEPTANCE_NOTE_MAX = limits['AcceptanceInput.note'].maxLength;
export const CLOSE_NOTE_MAX = limits['CloseInput.note'].maxLength;
export const SCORE_MAX = 10;
export const SCORE_COMMENT_MAX = limits['ScoreInput.scores.comment'].maxLength;

// --- the wizard ----------------------------------------------------------------

export const WIZARD_STEPS = ['project', 'technology', 'money', 'documents', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type TechMode = 'transfer' | 'listing' | 'description';
export const TECH_MODES: readonly TechMode[] = ['transfer', 'listing', 'description'];

export interface ApplicationFormValues {
  title: string;
  summary: string;
  /** dd/mm/yyyy as typed. */
  startOn: string;
  endOn: string;
  expectedResults: string;
  techMode: TechMode | '';
  transferId: string;
  listingId: string;
  description: string;
  /** Amounts as typed ("1.500.000.000"). */
  totalCost: string;
  requested: string;
  ownContribution: string;
}

/** The fields each step shows, by API field path (errors use the same names). */
export const STEP_FIELDS: Record<Exclude<WizardStep, 'review'>, readonly string[]> = {
  project: ['title', 'summary', 'startOn', 'endOn', 'expectedResults'],
  technology: ['technology', 'technology.transferId', 'technology.listingId', 'technology.description'],
  money: ['totalCost', 'requested', 'ownContribution'],
  documents: ['documents'],
};

/** The step that shows an API field ("documents.<code>" on the documents step); review for anything else. */
export function stepOfField(field: string): WizardStep {
  const root = field.split('.')[0];
  for (const s of ['project', 'technology', 'money', 'documents'] as const) {
    if (STEP_FIELDS[s].includes(field) || STEP_FIELDS[s].includes(root)) return s;
  }
  return 'review';
}

/** The id of the control that shows a field's error ("documents.doc1" → "app-documents-doc1"). */
export function applicationFieldId(field: string): string {
  return `app-${field.replace(/\./g, '-')}`;
}

const grouped = (n: number) => (n ? formatNumber(n) : '');

export function fromApplication(a: Application): ApplicationFormValues {
  const tech = a.technology ?? {};
  return {
    title: a.title ?? '',
    summary: a.summary ?? '',
    startOn: formatDay(a.startOn),
    endOn: formatDay(a.endOn),
    expectedResults: a.expectedResults ?? '',
    techMode: tech.transferId ? 'transfer' : tech.listingId ? 'listing' : tech.description ? 'description' : '',
    transferId: tech.transferId ?? '',
    listingId: tech.listingId ?? '',
    description: tech.description ?? '',
    totalCost: grouped(a.totalCost),
    requested: grouped(a.requested),
    ownContribution: grouped(a.ownContribution),
  };
}

function text(v: string, opts: { min?: number; max: number; line?: boolean; required?: boolean }): FieldProblem | undefined {
  const s = opts.line ? oneLine(v) : v.trim();
  if (!s) return opts.required ? { code: 'required' } : undefined;
  const n = Array.from(s).length;
  if (opts.min && n < opts.min) return { code: 'too_short', params: { min: opts.min } };
  if (n > opts.max) return { code: 'too_long', params: { max: opts.max } };
  if (opts.line && /[<>]/.test(s)) return { code: 'invalid_characters' };
  return undefined;
}

function money(v: string): { value?: number; problem?: FieldProblem } {
  const n = parseAmount(v);
  if (n === undefined) return {};
  if (n === null) return { problem: { code: 'invalid_number' } };
  if (n > VND_MAX) return { problem: { code: 'out_of_range' } };
  return { value: n };
}

function day(v: string): { value?: string; problem?: FieldProblem } {
  const d = parseDayInput(v);
  if (d === undefined) return {};
  if (d === null) return { problem: { code: 'invalid_date' } };
  return { value: d };
}

/**
 * What a draft must get right to be saved (the server refuses it otherwise):
 * a title, well-formed dates and amounts, texts within their limits. Only the
 * fields of `step` when one is given.
 */
export function validateDraft(v: ApplicationFormValues, step?: WizardStep): FieldErrors {
  const errs: FieldErrors = {};
  const set = (f: string, p: FieldProblem | undefined) => {
    if (p && (!step || step === 'review' || stepOfField(f) === step)) errs[f] = p;
  };
  set('title', text(v.title, { min: APP_TITLE_MIN, max: APP_TITLE_MAX, line: true, required: true }));
  set('summary', text(v.summary, { max: APP_TEXT_MAX }));
  set('expectedResults', text(v.expectedResults, { max: APP_TEXT_MAX }));
  const start = day(v.startOn);
  const end = day(v.endOn);
  set('startOn', start.problem);
  set('endOn', end.problem);
  if (start.value && end.value && end.value < start.value) set('endOn', { code: 'before_start' });
  if (v.techMode === 'description') set('technology.description', text(v.description, { max: APP_TEXT_MAX }));
  for (const f of ['totalCost', 'requested', 'ownContribution'] as const) set(f, money(v[f]).problem);
  return errs;
}

/** The PATCH body: every field the wizard shows, empty ones cleared (the title is never cleared). */
export function toApplicationInput(v: ApplicationFormValues): ApplicationInput {
  const body: ApplicationInput = {
    summary: v.summary.trim(),
    expectedResults: v.expectedResults.trim(),
    startOn: day(v.startOn).value ?? '',
    endOn: day(v.endOn).value ?? '',
    totalCost: money(v.totalCost).value ?? 0,
    requested: money(v.requested).value ?? 0,
    ownContribution: money(v.ownContribution).value ?? 0,
    technology:
      v.techMode === 'transfer' && v.transferId
        ? { transferId: v.transferId }
        : v.techMode === 'listing' && v.listingId
          ? { listingId: v.listingId }
          : v.techMode === 'description' && v.description.trim()
            ? { description: v.description.trim() }
            : {},
  };
  const title = oneLine(v.title);
  if (title) body.title = title;
  return body;
}

// --- money ---------------------------------------------------------------------

export interface AmountLimits {
  /** The programme's cap per application. */
  cap: number;
  /** Its largest share of the project's cost, in %. */
  sharePercent: number;
  /** The share in VND for this cost (0 when the cost is unknown). */
  shareMax: number;
  /** What may be requested: the smaller of the cap and the share (the cap alone while the cost is unknown). */
  allowed: number;
}

/** What a project of `totalCost` may ask of the programme (the server's rule: ⌊cost × share / 100⌋). */
export function amountLimits(p: Pick<Program, 'capPerApplication' | 'maxSharePercent'>, totalCost: number): AmountLimits {
  const cap = p.capPerApplication || 0;
  const sharePercent = p.maxSharePercent || 0;
  const shareMax = totalCost > 0 && sharePercent > 0 ? Math.floor((totalCost * sharePercent) / 100) : 0;
  // With a share rule, the most one may ask depends on the total cost: not
  // known (0) until the total is.
  const allowed = sharePercent > 0 ? (shareMax > 0 && cap > 0 ? Math.min(cap, shareMax) : shareMax) : cap;
  return { cap, sharePercent, shareMax, allowed };
}

/**
 * The amount rules a submission must meet, with the server's codes: the
 * request within the cap and the share, and cost = request + own contribution.
 */
export function checkAmounts(
  p: Pick<Program, 'capPerApplication' | 'maxSharePercent'>,
  amounts: { totalCost: number; requested: number; ownContribution: number },
): FieldErrors {
  const errs: FieldErrors = {};
  const { totalCost, requested, ownContribution } = amounts;
  const { cap, sharePercent, shareMax } = amountLimits(p, totalCost);
  if (cap > 0 && requested > cap) errs.requested = { code: 'above_cap', params: { max: cap } };
  else if (totalCost > 0 && sharePercent > 0 && requested * 100 > totalCost * sharePercent) {
    errs.requested = { code: 'above_share', params: { percent: sharePercent, max: shareMax } };
  }
  if (totalCost > 0 && requested + ownContribution !== totalCost) {
    errs.ownContribution = { code: 'does_not_add_up', params: { expected: totalCost - requested } };
  }
  return errs;
}

/** Amount parameters of a field problem shown as money ("500.000.000 ₫"). */
export function withMoneyParams(p: FieldProblem): FieldProblem {
  if (!p.params) return p;
  const money = ['above_cap', 'above_share', 'does_not_add_up', 'above_approved', 'above_requested'].includes(p.code);
  if (!money) return p;
  const params: Record<string, string | number> = { ...p.params };
  for (const k of ['max', 'expected']) if (typeof params[k] === 'number') params[k] = formatVnd(params[k] as number);
  return { ...p, params };
}


/**
 * Everything the server checks at submission that the form can know: the
 * required fields, the amounts, and the required documents.
 */
export function submissionProblems(
  a: Pick<Application, 'title' | 'summary' | 'technology' | 'totalCost' | 'requested' | 'ownContribution' | 'startOn' | 'endOn' | 'expectedResults' | 'documents'>,
  p: Pick<Program, 'capPerApplication' | 'maxSharePercent' | 'documents'>,
): FieldErrors {
  const errs: FieldErrors = {};
  const need = (f: string, ok: boolean) => {
    if (!ok) errs[f] = { code: 'required' };
  };
  const tech = a.technology ?? {};
  need('title', !!a.title);
  need('summary', !!a.summary);
  need('startOn', !!a.startOn);
  need('endOn', !!a.endOn);
  need('expectedResults', !!a.expectedResults);
  need('technology', !!(tech.transferId || tech.listingId || tech.description));
  need('totalCost', a.totalCost > 0);
  need('requested', a.requested > 0);
  const amounts = checkAmounts(p, a);
  if (!errs.requested && amounts.requested) errs.requested = amounts.requested;
  if (amounts.ownContribution) errs.ownContribution = amounts.ownContribution;
  for (const d of p.documents ?? []) {
    if (d.required && !(a.documents ?? []).some((x) => x.code === d.code)) errs[`documents.${d.code}`] = { code: 'document_missing' };
  }
  return errs;
}

/** The label of a field path: "Project title", "Document: Đơn đề nghị hỗ trợ". */
export function applicationFieldLabel(t: TFunction, field: string, program?: Pick<Program, 'documents' | 'criteria'> | null): string {
  const doc = /^documents\.(.+)$/.exec(field);
  if (doc) {
    const d = program?.documents?.find((x) => x.code === doc[1]);
    return t('appFields.document', { name: d?.name ?? doc[1] });
  }
  const score = /^scores\.(.+)$/.exec(field);
  if (score) {
    const c = program?.criteria?.find((x) => x.code === score[1]);
    return t('appFields.score', { name: c?.name ?? score[1] });
  }
  const reviewer = /^reviewerIds\.(\d+)$/.exec(field);
  if (reviewer) return t('appFields.reviewerN', { n: Number(reviewer[1]) + 1 });
  return t(`appFields.${field.replace(/\./g, '_')}`, { defaultValue: field });
}

// --- scores --------------------------------------------------------------------

/**
 * A reviewer's total on 0..100: Σ weight × score / 10 (weights add up to
 * 100, scores run 0..10). Criteria not scored yet count 0; one decimal.
 */
export function scoreTotal(criteria: Pick<ProgramCriterion, 'code' | 'weight'>[], scores: Pick<CriterionScore, 'code' | 'score'>[]): number {
  let sum = 0;
  for (const c of criteria) {
    const s = scores.find((x) => x.code === c.code)?.score;
    if (typeof s === 'number' && Number.isFinite(s)) sum += (c.weight * Math.max(0, Math.min(SCORE_MAX, s))) / 10;
  }
  return Math.round(sum * 10) / 10;
}

/** A score as typed: a whole number 0..10, or a problem with the server's codes. */
export function parseScore(v: string): { value?: number; problem?: FieldProblem } {
  const s = v.trim();
  if (!s) return { problem: { code: 'required' } };
  if (!/^\d{1,2}$/.test(s)) return { problem: { code: 'invalid_number' } };
  const n = Number(s);
  if (n > SCORE_MAX) return { problem: { code: 'out_of_range', params: { min: 0, max: SCORE_MAX } } };
  return { value: n };
}

/** Numbers of the appraisal, one decimal, Vietnamese comma or English point. */
export function formatScore(n: number | undefined, lang: string): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return '—';
  return formatDecimal(n, lang, 1);
}

// --- what the server lets this person do ------------------------------------------

export type ApplicationAction =
  // the applicant's organisation
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'requestAcceptance'
  // officers
  | 'check'
  | 'return'
  | 'assign'
  | 'decide'
  | 'agreement'
  | 'disburse'
  | 'acceptance'
  | 'close'
  // an assigned reviewer
  | 'score';

/** The page's actions in the order it shows them, each with the step of `can` that offers it. */
const ACTION_STEPS: readonly [ApplicationAction, keyof ApplicationCan][] = [
  ['edit', 'edit'],
  ['submit', 'submit'],
  ['requestAcceptance', 'requestAcceptance'],
  ['check', 'check'],
  ['return', 'return'],
  ['assign', 'assignReviewers'],
  ['decide', 'decide'],
  ['agreement', 'agreement'],
  ['disburse', 'disburse'],
  ['acceptance', 'acceptance'],
  ['close', 'close'],
  ['score', 'score'],
  ['withdraw', 'withdraw'],
];

/** The approved amount not paid yet. */
export function unpaid(a: Pick<Application, 'decision' | 'tranches' | 'paid'>): number {
  const approved = a.decision?.outcome === 'approved' ? (a.decision.amount ?? 0) : 0;
  return Math.max(0, approved - paidSoFar(a));
}

export function paidSoFar(a: Pick<Application, 'tranches' | 'paid'>): number {
  return a.paid ?? (a.tranches ?? []).reduce((s, x) => s + x.amount, 0);
}

/**
 * The steps the server offers on `a` to the person asking (its `can`), in the
 * order the page shows them. The server decides; this only orders them.
 */
export function applicationActions(a: Pick<Application, 'can'>): ApplicationAction[] {
  return ACTION_STEPS.filter(([, step]) => a.can[step]).map(([action]) => action);
}

/** The viewer's own review among an application's reviews. */
export function ownReview(a: Pick<Application, 'reviews'>, userId: string | undefined): ApplicationReview | undefined {
  return userId ? (a.reviews ?? []).find((r) => r.reviewerId === userId) : undefined;
}

// --- the timeline ----------------------------------------------------------------

/** The usual road from submission to the end, for the steps still ahead. */
const ROAD: readonly ApplicationState[] = [
  'submitted',
  'completeness_check',
  'appraisal',
  'approved',
  'agreement_signed',
  'in_progress',
  'acceptance_requested',
  'accepted',
  'closed',
];
const FINAL: readonly ApplicationState[] = ['rejected', 'withdrawn', 'closed'];

export interface ApplicationTimelineStep {
  state: ApplicationState;
  at?: string;
  note?: string;
  status: 'done' | 'current' | 'todo';
}

/** The states reached (oldest first, with notes), then the ones still ahead while it is open. */
export function applicationTimeline(a: Pick<Application, 'state' | 'history' | 'createdAt'>): ApplicationTimelineStep[] {
  const past = a.history?.length ? a.history : [{ state: a.state, at: a.createdAt }];
  const steps: ApplicationTimelineStep[] = past.map((h, i) => ({
    state: h.state,
    at: h.at,
    note: 'note' in h ? h.note : undefined,
    status: i === past.length - 1 ? 'current' : 'done',
  }));
  if (!FINAL.includes(a.state) && a.state !== 'not_accepted') {
    // After a return the dossier comes back as "submitted"; the road goes on from where it is now.
    const from = a.state === 'draft' || a.state === 'returned' ? -1 : ROAD.indexOf(a.state);
    for (const s of ROAD.slice(from + 1)) steps.push({ state: s, status: 'todo' });
  } else if (a.state === 'not_accepted') {
    steps.push({ state: 'closed', status: 'todo' });
  }
  return steps;
}

/** The officer's reason for the latest return, while the dossier waits for the applicant. */
export function returnReason(a: Pick<Application, 'state' | 'history'>): string | undefined {
  if (a.state !== 'returned') return undefined;
  const last = [...(a.history ?? [])].reverse().find((h) => h.state === 'returned');
  return last?.note;
}

// --- one action, one Idempotency-Key ------------------------------------------------

/** A random UUID (v4), also where crypto.randomUUID is missing (plain HTTP on a LAN). */
export function newKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether a failure may be a request that never arrived or whose answer was lost (worth one more try). */
export function retriable(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && (status === 0 || status === 502 || status === 503 || status === 504);
}

/**
 * Sends one user action with its Idempotency-Key, trying once more with the
 * same key when the network or a gateway failed: the server counts it once.
 */
export async function sendOnce<T>(key: string, send: (key: string) => Promise<T>, retries = 1): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(key);
    } catch (err) {
      if (attempt >= retries || !retriable(err)) throw err;
    }
  }
}
