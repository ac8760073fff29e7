// Support programmes: the application window's status (days in Vietnam),
// labels for the API's field paths, and the programme form's values, checks
// and body.
import type { TFunction } from 'i18next';
import type { OrgKind, Program, ProgramInput } from '../api/types';
import { formatNumber } from './format';
import { formatDay, oneLine, parseAmount, parseDayInput, todayInVietnam, VND_MAX } from './listing';
import type { FieldErrors, FieldProblem } from './validation';
import { limits } from '../api/limits.gen';

// The server's limits (declared on its Go types, read from its OpenAPI document).
export const PROGRAM_NAME_MIN = limits['ProgramInput.name'].minLength;
export const PROGRAM_NAME_MAX = limits['ProgramInput.name'].maxLength;
export const PROGRAM_SUMMARY_MAX = limits['ProgramInput.summary'].maxLength;
export const LEGAL_NUMBER_MIN = limits['ProgramInput.legalBasis.number'].minLength;
export const LEGAL_NUMBER_MAX = limits['ProgramInput.legalBasis.number'].maxLength;
export const LEGAL_TITLE_MAX = limits['ProgramInput.legalBasis.title'].maxLength;
export const ROW_NAME_MIN = limits['ProgramInput.documents.name'].minLength;
export const ROW_NAME_MAX = limits['ProgramInput.documents.name'].maxLength;
export const DOCUMENTS_MAX = limits['ProgramInput.documents'].maxItems;
export const CRITERIA_MAX = limits['ProgramInput.criteria'].maxItems;
export const REVIEWERS_MAX = 9;
/** Bounds of a programme's limits per organisation (the server's); 1 when not set. */
export const PER_ORG_MAX = 100;
export const PER_ORG_DEFAULT = 1;

export type WindowStatus = 'open' | 'upcoming' | 'closed' | 'unset';

/** Whether applications are accepted on `today` (both days inclusive, Vietnam's calendar). */
export function windowStatus(w: Program['window'] | undefined, today = todayInVietnam()): WindowStatus {
  if (!w?.opensOn || !w.closesOn) return 'unset';
  if (today < w.opensOn) return 'upcoming';
  if (today > w.closesOn) return 'closed';
  return 'open';
}

/** "Open now, until 31/03/2027", "Opens on 01/01/2027", "Closed on 31/03/2026". */
export function windowText(t: TFunction, w: Program['window'] | undefined, today = todayInVietnam()): string {
  const s = windowStatus(w, today);
  if (s === 'unset' || !w) return t('support.window.unset');
  return t(`support.window.${s}`, { opens: formatDay(w.opensOn), closes: formatDay(w.closesOn) });
}

/** The sum of the criteria's weights. */
export function weightSum(criteria: { weight: number | string }[]): number {
  return criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
}

/**
 * The label of an API field path: "budget", "legalBasis.date", and rows
 * such as "criteria.1.weight" ("Criterion 2 – weight").
 */
export function programFieldLabel(t: TFunction, field: string): string {
  const row = /^(documents|criteria)\.(\d+)\.(\w+)$/.exec(field);
  if (row) {
    return t(`supportFields.${row[1]}Row`, { n: Number(row[2]) + 1, part: t(`supportFields.${row[1]}_${row[3]}`, { defaultValue: row[3] }) });
  }
  return t(`supportFields.${field.replace(/\./g, '_')}`, { defaultValue: field });
}

// --- the form -----------------------------------------------------------------

export interface DocRow {
  code: string;
  name: string;
  required: boolean;
}

export interface CriterionRow {
  code: string;
  name: string;
  /** As typed. */
  weight: string;
}

export interface ProgramFormValues {
  name: string;
  summary: string;
  legalNumber: string;
  legalDate: string;
  legalTitle: string;
  opensOn: string;
  closesOn: string;
  budget: string;
  cap: string;
  share: string;
  orgKinds: OrgKind[];
  inProvince: boolean;
  stEnterprise: boolean;
  documents: DocRow[];
  criteria: CriterionRow[];
  passMark: string;
  reviewers: string;
  openPerOrg: string;
  approvedPerOrg: string;
}

export const EMPTY_PROGRAM: ProgramFormValues = {
  name: '',
  summary: '',
  legalNumber: '',
  legalDate: '',
  legalTitle: '',
  opensOn: '',
  closesOn: '',
  budget: '',
  cap: '',
  share: '',
  orgKinds: [],
  inProvince: true,
  stEnterprise: false,
  documents: [],
  criteria: [],
  passMark: '',
  reviewers: '',
  openPerOrg: String(PER_ORG_DEFAULT),
  approvedPerOrg: String(PER_ORG_DEFAULT),
};

/** The form's scalar values, keyed by the API's field path (errors use the same keys). */
export const SCALAR_PATHS = {
  name: 'name',
  summary: 'summary',
  legalNumber: 'legalBasis.number',
  legalDate: 'legalBasis.date',
  legalTitle: 'legalBasis.title',
  opensOn: 'window.opensOn',
  closesOn: 'window.closesOn',
  budget: 'budget',
  cap: 'capPerApplication',
  share: 'maxSharePercent',
  passMark: 'passMark',
  reviewers: 'reviewersPerApplication',
  openPerOrg: 'openPerOrganization',
  approvedPerOrg: 'approvedPerOrganization',
} as const;

const grouped = (n: number) => (n ? formatNumber(n) : '');
const num = (n: number) => (n ? String(n) : '');

export function fromProgram(p: Program): ProgramFormValues {
  return {
    name: p.name,
    summary: p.summary ?? '',
    legalNumber: p.legalBasis?.number ?? '',
    legalDate: formatDay(p.legalBasis?.date),
    legalTitle: p.legalBasis?.title ?? '',
    opensOn: formatDay(p.window?.opensOn),
    closesOn: formatDay(p.window?.closesOn),
    budget: grouped(p.budget),
    cap: grouped(p.capPerApplication),
    share: num(p.maxSharePercent),
    orgKinds: p.eligibility?.orgKinds ?? [],
    inProvince: p.eligibility?.inProvince ?? false,
    stEnterprise: p.eligibility?.stEnterprise ?? false,
    documents: (p.documents ?? []).map((d) => ({ ...d })),
    criteria: (p.criteria ?? []).map((c) => ({ code: c.code, name: c.name, weight: String(c.weight) })),
    passMark: num(p.passMark),
    reviewers: num(p.reviewersPerApplication),
    openPerOrg: String(p.openPerOrganization || PER_ORG_DEFAULT),
    approvedPerOrg: String(p.approvedPerOrganization || PER_ORG_DEFAULT),
  };
}

function intIn(v: string, min: number, max: number): { value?: number; problem?: FieldProblem } {
  const s = v.trim();
  if (!s) return {};
  if (!/^\d+$/.test(s)) return { problem: { code: 'invalid_number' } };
  const n = Number(s);
  if (n < min || n > max) return { problem: { code: 'out_of_range', params: { min, max } } };
  return { value: n };
}

function money(v: string): { value?: number; problem?: FieldProblem } {
  const n = parseAmount(v);
  if (n === undefined) return {};
  if (n === null) return { problem: { code: 'invalid_number' } };
  if (n < 1 || n > VND_MAX) return { problem: { code: 'out_of_range', params: { min: 1, max: formatNumber(VND_MAX) } } };
  return { value: n };
}

function text(v: string, min: number, max: number, required: boolean): FieldProblem | undefined {
  const s = oneLine(v);
  if (!s) return required ? { code: 'required' } : undefined;
  const n = Array.from(s).length;
  if (n < min) return { code: 'too_short', params: { min } };
  if (n > max) return { code: 'too_long', params: { max } };
  if (/[<>]/.test(s)) return { code: 'invalid_characters' };
  return undefined;
}

/**
 * What a draft must get right before it is saved: the name, and every
 * value that is given must be well formed (the server's rules). What is
 * missing for publishing is the server's to say.
 */
export function validateProgram(v: ProgramFormValues): FieldErrors {
  const errs: FieldErrors = {};
  const set = (path: string, p: FieldProblem | undefined) => {
    if (p) errs[path] = p;
  };
  set('name', text(v.name, PROGRAM_NAME_MIN, PROGRAM_NAME_MAX, true));
  if (v.summary.trim().length > PROGRAM_SUMMARY_MAX) set('summary', { code: 'too_long', params: { max: PROGRAM_SUMMARY_MAX } });
  const legal = v.legalNumber.trim() || v.legalDate.trim() || v.legalTitle.trim();
  if (legal) {
    set('legalBasis.number', text(v.legalNumber, LEGAL_NUMBER_MIN, LEGAL_NUMBER_MAX, true));
    const d = parseDayInput(v.legalDate);
    set('legalBasis.date', d === undefined ? { code: 'required' } : d === null ? { code: 'invalid_date' } : undefined);
    if (v.legalTitle.trim().length > LEGAL_TITLE_MAX) set('legalBasis.title', { code: 'too_long', params: { max: LEGAL_TITLE_MAX } });
  }
  if (v.opensOn.trim() || v.closesOn.trim()) {
    const o = parseDayInput(v.opensOn);
    const c = parseDayInput(v.closesOn);
    set('window.opensOn', o === undefined ? { code: 'required' } : o === null ? { code: 'invalid_date' } : undefined);
    set('window.closesOn', c === undefined ? { code: 'required' } : c === null ? { code: 'invalid_date' } : undefined);
    if (o && c && c < o) set('window.closesOn', { code: 'before_opening' });
  }
  set('budget', money(v.budget).problem);
  set('capPerApplication', money(v.cap).problem);
  set('maxSharePercent', intIn(v.share, 1, 100).problem);
  set('passMark', intIn(v.passMark, 1, 100).problem);
  set('reviewersPerApplication', intIn(v.reviewers, 1, REVIEWERS_MAX).problem);
  set('openPerOrganization', intIn(v.openPerOrg, 1, PER_ORG_MAX).problem);
  set('approvedPerOrganization', intIn(v.approvedPerOrg, 1, PER_ORG_MAX).problem);
  v.documents.forEach((d, i) => set(`documents.${i}.name`, text(d.name, ROW_NAME_MIN, ROW_NAME_MAX, true)));
  v.criteria.forEach((c, i) => {
    set(`criteria.${i}.name`, text(c.name, ROW_NAME_MIN, ROW_NAME_MAX, true));
    const w = intIn(c.weight, 1, 100);
    set(`criteria.${i}.weight`, c.weight.trim() ? w.problem : { code: 'required' });
  });
  return errs;
}

/** The body of POST or PATCH: what is filled in (an empty part would be refused as such). */
export function toProgramInput(v: ProgramFormValues): ProgramInput {
  const body: ProgramInput = {
    name: oneLine(v.name),
    summary: v.summary.trim(),
    eligibility: { orgKinds: v.orgKinds, inProvince: v.inProvince, stEnterprise: v.stEnterprise },
    documents: v.documents.map((d) => ({ code: d.code, name: oneLine(d.name), required: d.required })),
    criteria: v.criteria.map((c) => ({ code: c.code, name: oneLine(c.name), weight: Number(c.weight) || 0 })),
  };
  if (v.legalNumber.trim() || v.legalDate.trim() || v.legalTitle.trim()) {
    body.legalBasis = { number: oneLine(v.legalNumber), date: parseDayInput(v.legalDate) ?? '', title: oneLine(v.legalTitle) };
  }
  if (v.opensOn.trim() || v.closesOn.trim()) {
    body.window = { opensOn: parseDayInput(v.opensOn) ?? '', closesOn: parseDayInput(v.closesOn) ?? '' };
  }
  const budget = money(v.budget).value;
  if (budget) body.budget = budget;
  const cap = money(v.cap).value;
  if (cap) body.capPerApplication = cap;
  const share = intIn(v.share, 1, 100).value;
  if (share) body.maxSharePercent = share;
  const pass = intIn(v.passMark, 1, 100).value;
  if (pass) body.passMark = pass;
  const reviewers = intIn(v.reviewers, 1, REVIEWERS_MAX).value;
  if (reviewers) body.reviewersPerApplication = reviewers;
  const open = intIn(v.openPerOrg, 1, PER_ORG_MAX).value;
  if (open) body.openPerOrganization = open;
  const approved = intIn(v.approvedPerOrg, 1, PER_ORG_MAX).value;
  if (approved) body.approvedPerOrganization = approved;
  return body;
}

/** The id of the control that shows a field path's error. */
export function programFieldId(path: string): string {
  return `program-${path.replace(/\./g, '-')}`;
}
