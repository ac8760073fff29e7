// Listings: formats for people, and the create/edit form's values, checks
// and request body. The checks mirror the server's (internal/catalog/input.go)
// and use its field paths ("price.min", "contact.email") and error codes, so
// client and server errors are shown the same way next to the same field.
import type { TFunction } from 'i18next';
import {
  isOffer,
  PRICE_MODES,
  type Listing,
  type ListingInput,
  type ListingKind,
  type PriceMode,
} from '../api/types';
import { formatNumber, formatVnd, vietnamClock } from './format';
import { checkEmail, type FieldErrors, type FieldProblem } from './validation';
import { limits } from '../api/limits.gen';

export const TITLE_MIN = limits['ListingInput.title'].minLength;
export const TITLE_MAX = limits['ListingInput.title'].maxLength;
export const SUMMARY_MIN = limits['ListingInput.summary'].minLength;
export const SUMMARY_MAX = limits['ListingInput.summary'].maxLength;
export const TITLE_EN_MAX = limits['ListingInput.titleEn'].maxLength;
export const SUMMARY_EN_MAX = limits['ListingInput.summaryEn'].maxLength;
export const DESCRIPTION_MAX = 10000;
export const LONG_TEXT_MAX = 5000;
export const SECTORS_MAX = 3;
export const KEYWORDS_MAX = 10;
export const KEYWORD_MAX = 40;
export const REQUIREMENT_MAX = 300;
export const REQUIREMENTS_MAX = 20;
export const IP_NUMBER_MAX = 40;
export const HOLDER_MAX = 200;
export const CONTACT_NAME_MAX = 120;
export const PHONE_MAX = 20;
export const VND_MAX = 1_000_000_000_000_000;
/** validUntil: at most 24 months ahead (the server allows twice the 365-day validity). */
export const VALID_UNTIL_MAX_DAYS = 730;
export const COMMENT_MIN = 5;
export const COMMENT_MAX = 2000;
/** Published listings this close to expiry get a warning and a Renew button. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY = 24 * 60 * 60 * 1000;

/** Characters, not UTF-16 units (the server counts runes). */
function length(s: string): number {
  return Array.from(s).length;
}

/** One line of text the way the server stores it: trimmed, inner white space collapsed. */
export function oneLine(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

// --- formats ------------------------------------------------------------------

/** "2025-03-01" → "01/03/2025" (calendar dates carry no time zone). */
export function formatDay(ymd: string | undefined): string {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (ymd ?? '');
}

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  const c = vietnamClock(now);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date typed as dd/mm/yyyy (also d/m/yyyy, with . or -, or
 * YYYY-MM-DD) into YYYY-MM-DD; null when it is not a real date, undefined
 * when empty.
 */
export function parseDayInput(s: string): string | null | undefined {
  const v = s.trim();
  if (!v) return undefined;
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

function ymdToUtc(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** Whole days from today to `iso` (rounded up; negative when past). */
export function daysUntil(iso: string | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.ceil((at - now) / DAY);
}

/** Published, with validUntil within the warning window (or past). */
export function expiresSoon(l: Pick<Listing, 'state' | 'validUntil'>, now: number = Date.now()): number | null {
  if (l.state !== 'published') return null;
  const days = daysUntil(l.validUntil, now);
  return days !== null && days <= EXPIRY_WARNING_DAYS ? days : null;
}

/**
 * A price or budget in VND: "Thoả thuận" when there is none, one amount,
 * "from"/"up to" for open ranges, or "min – max ₫".
 */
export function formatAmountRange(t: TFunction, min: number | undefined, max: number | undefined): string {
  const lo = min && min > 0 ? min : 0;
  const hi = max && max > 0 ? max : 0;
  if (!lo && !hi) return t('listing.negotiable');
  if (lo && hi && lo !== hi) return `${formatNumber(lo)} – ${formatVnd(hi)}`;
  if (lo && hi) return formatVnd(lo);
  if (lo) return t('listing.fromAmount', { amount: formatVnd(lo) });
  return t('listing.upToAmount', { amount: formatVnd(hi) });
}

export function formatPrice(t: TFunction, price: Listing['price']): string {
  if (!price || price.mode === 'negotiable') return t('listing.negotiable');
  if (price.mode === 'fixed') return price.min ? formatVnd(price.min) : t('listing.negotiable');
  return formatAmountRange(t, price.min, price.max);
}

/** The price of a search hit: fixed prices come as min only. */
export function formatHitPrice(t: TFunction, min: number | undefined, max: number | undefined): string {
  if (min && !max) return formatVnd(min);
  return formatAmountRange(t, min, max);
}

/** The label of a listing field path ("price.min"), for lists of missing fields. */
export function listingFieldLabel(t: TFunction, field: string): string {
  return t(`listingFields.${field.replace(/\./g, '_')}`, { defaultValue: field });
}

// --- the form -----------------------------------------------------------------

export interface ListingFormValues {
  orgId: string;
  title: string;
  summary: string;
  titleEn: string;
  summaryEn: string;
  description: string;
  advantages: string;
  applications: string;
  sectors: string[];
  /** Comma-separated, as typed. */
  keywords: string;
  // Dates are kept as typed (dd/mm/yyyy) and sent as YYYY-MM-DD.
  adminUnit: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  validUntil: string;
  trl: string;
  transferForms: string[];
  priceMode: PriceMode | '';
  priceMin: string;
  priceMax: string;
  ipType: string;
  ipNumber: string;
  filingDate: string;
  grantDate: string;
  ipStatus: string;
  holder: string;
  problem: string;
  /** One requirement a line. */
  must: string;
  nice: string;
  trlMin: string;
  budgetMin: string;
  budgetMax: string;
  deadline: string;
  confidentialDetails: string;
}

/** What a new listing's contact is prefilled from: the person and their organisation. */
export interface ContactSource {
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Fills the contact fields of a new listing that are empty, or still hold
 * what an earlier prefill put there (another organisation was chosen), from
 * `from`: the person's name and e-mail, the organisation's phone. A field the
 * person typed is never replaced.
 */
export function prefillContact(v: ListingFormValues, from: ContactSource, before: ContactSource = {}): ListingFormValues {
  const pick = (current: string, next: string | undefined, old: string | undefined) => {
    if (!current.trim()) return (next ?? '').trim() || current;
    if (old && current === old.trim()) return (next ?? '').trim();
    return current;
  };
  const contactName = pick(v.contactName, from.name, before.name);
  const contactEmail = pick(v.contactEmail, from.email, before.email);
  const contactPhone = pick(v.contactPhone, from.phone, before.phone);
  if (contactName === v.contactName && contactEmail === v.contactEmail && contactPhone === v.contactPhone) return v;
  return { ...v, contactName, contactEmail, contactPhone };
}

export const EMPTY_VALUES: ListingFormValues = {
  orgId: '',
  title: '',
  summary: '',
  titleEn: '',
  summaryEn: '',
  description: '',
  advantages: '',
  applications: '',
  sectors: [],
  keywords: '',
  adminUnit: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  validUntil: '',
  trl: '',
  transferForms: [],
  priceMode: '',
  priceMin: '',
  priceMax: '',
  ipType: '',
  ipNumber: '',
  filingDate: '',
  grantDate: '',
  ipStatus: '',
  holder: '',
  problem: '',
  must: '',
  nice: '',
  trlMin: '',
  budgetMin: '',
  budgetMax: '',
  deadline: '',
  confidentialDetails: '',
};

/** Which form values a field path (as the server names it) belongs to. */
export type ListingField =
  | 'orgId'
  | 'title'
  | 'summary'
  | 'titleEn'
  | 'summaryEn'
  | 'description'
  | 'advantages'
  | 'applications'
  | 'sectors'
  | 'keywords'
  | 'adminUnit'
  | 'contact.name'
  | 'contact.email'
  | 'contact.phone'
  | 'validUntil'
  | 'trl'
  | 'transferForms'
  | 'price.mode'
  | 'price.min'
  | 'price.max'
  | 'ipType'
  | 'ipNumber'
  | 'filingDate'
  | 'grantDate'
  | 'ipStatus'
  | 'holder'
  | 'problem'
  | 'requirements.must'
  | 'requirements.nice'
  | 'trlMin'
  | 'budget.min'
  | 'budget.max'
  | 'deadline'
  | 'confidentialDetails';

/** The form's fields for a kind, in the order they are shown (first error gets focus). */
export function fieldsFor(kind: ListingKind, withOrg: boolean): ListingField[] {
  const common: ListingField[] = [...(withOrg ? (['orgId'] as ListingField[]) : []), 'title', 'summary', 'description'];
  const offer: ListingField[] = ['advantages', 'applications'];
  common.push('titleEn', 'summaryEn');
  const classify: ListingField[] = ['sectors', 'keywords', 'adminUnit'];
  const offerTerms: ListingField[] = ['trl', 'transferForms', 'price.mode', 'price.min', 'price.max'];
  const ip: ListingField[] = ['ipType', 'ipNumber', 'ipStatus', 'holder', 'filingDate', 'grantDate'];
  const demand: ListingField[] = [
    'problem',
    'requirements.must',
    'requirements.nice',
    'trlMin',
    'transferForms',
    'budget.min',
    'budget.max',
    'deadline',
    'confidentialDetails',
  ];
  const tail: ListingField[] = ['contact.name', 'contact.email', 'contact.phone', 'validUntil'];
  if (kind === 'demand') return [...common, ...demand, ...classify, ...tail];
  return [...common, ...offer, ...classify, ...(kind === 'ip' ? ip : []), ...offerTerms, ...tail];
}

/** Server paths that are not form fields as such but belong to one. */
export const FIELD_ALIASES: Record<string, ListingField> = {
  price: 'price.mode',
  budget: 'budget.min',
  requirements: 'requirements.must',
  contact: 'contact.name',
};

/** The DOM id of a field's control. */
export function fieldId(field: ListingField): string {
  return `lf-${field.replace('.', '-')}`;
}

export function splitKeywords(s: string): string[] {
  const out: string[] = [];
  for (const raw of s.split(/[,;\n]/)) {
    const k = oneLine(raw);
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

export function splitLines(s: string): string[] {
  return s
    .split('\n')
    .map((x) => oneLine(x))
    .filter(Boolean);
}

/** Reads an amount typed with or without thousands separators ("150.000.000", "150 000 000 ₫"). */
export function parseAmount(s: string): number | null | undefined {
  const cleaned = s.replace(/[\s.,₫đ]|VND/gi, '');
  if (!cleaned) return undefined;
  if (!/^\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

const MARKUP = /[<>]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const PHONE = /^[0-9 +().-]+$/;

function text(v: string, opts: { required?: boolean; min?: number; max: number; name?: boolean }): FieldProblem | undefined {
  const s = opts.name ? oneLine(v) : v.trim();
  if (!s) return opts.required ? { code: 'required' } : undefined;
  const n = length(s);
  if (opts.min && n < opts.min) return { code: 'too_short', params: { min: opts.min } };
  if (n > opts.max) return { code: 'too_long', params: { max: opts.max } };
  if (opts.name && MARKUP.test(s)) return { code: 'invalid_characters' };
  if (CONTROL.test(s)) return { code: 'invalid_characters' };
  return undefined;
}

function amount(v: string, required: boolean): { value?: number; problem?: FieldProblem } {
  const n = parseAmount(v);
  if (n === null) return { problem: { code: 'invalid_number' } };
  if (n === undefined || n === 0) return required ? { problem: { code: 'required' } } : {};
  if (n > VND_MAX) return { problem: { code: 'out_of_range', params: { min: 0, max: formatNumber(VND_MAX) } } };
  return { value: n };
}

function date(v: string): FieldProblem | undefined {
  return parseDayInput(v) === null ? { code: 'invalid_date' } : undefined;
}

/**
 * Checks the form. A draft needs only a title and well-formed values;
 * `complete` adds what submitting requires (the server's checkComplete).
 */
export function validateListing(
  v: ListingFormValues,
  kind: ListingKind,
  opts: { complete: boolean; withOrg: boolean; today: string },
): FieldErrors<ListingField> {
  const errors: FieldErrors<ListingField> = {};
  const set = (f: ListingField, p: FieldProblem | undefined) => {
    if (p && !errors[f]) errors[f] = p;
  };
  const complete = opts.complete;
  const offer = isOffer(kind);

  if (opts.withOrg && !v.orgId) set('orgId', { code: 'required' });
  set('title', text(v.title, { required: true, min: TITLE_MIN, max: TITLE_MAX, name: true }));
  set('summary', text(v.summary, { required: complete, min: SUMMARY_MIN, max: SUMMARY_MAX }));
  set('description', text(v.description, { max: DESCRIPTION_MAX }));
  set('titleEn', text(v.titleEn, { max: TITLE_EN_MAX }));
  set('summaryEn', text(v.summaryEn, { max: SUMMARY_EN_MAX }));
  if (offer) {
    set('advantages', text(v.advantages, { max: LONG_TEXT_MAX }));
    set('applications', text(v.applications, { max: LONG_TEXT_MAX }));
  }
  if (complete && v.sectors.length === 0) set('sectors', { code: 'required' });
  if (v.sectors.length > SECTORS_MAX) set('sectors', { code: 'too_many', params: { max: SECTORS_MAX } });
  const kws = splitKeywords(v.keywords);
  if (kws.some((k) => length(k) > KEYWORD_MAX || MARKUP.test(k))) set('keywords', { code: 'invalid_keyword' });
  if (kws.length > KEYWORDS_MAX) set('keywords', { code: 'too_many', params: { max: KEYWORDS_MAX } });

  set('contact.name', text(v.contactName, { max: CONTACT_NAME_MAX }));
  if (v.contactEmail.trim()) set('contact.email', checkEmail(v.contactEmail));
  const phone = oneLine(v.contactPhone);
  if (phone && (length(phone) > PHONE_MAX || !PHONE.test(phone))) set('contact.phone', { code: 'invalid_phone' });
  const until = parseDayInput(v.validUntil);
  if (until === null) set('validUntil', { code: 'invalid_date' });
  else if (until) {
    const days = (ymdToUtc(until) - ymdToUtc(opts.today)) / DAY;
    if (days < 1) set('validUntil', { code: 'not_in_future' });
    else if (days > VALID_UNTIL_MAX_DAYS) set('validUntil', { code: 'too_far', params: { maxMonths: 24 } });
  }

  if (offer) {
    if (complete && !v.trl) set('trl', { code: 'required' });
    if (v.trl && !/^[1-9]$/.test(v.trl)) set('trl', { code: 'out_of_range', params: { min: 1, max: 9 } });
    if (complete && v.transferForms.length === 0) set('transferForms', { code: 'required' });
    if (complete && !v.priceMode) set('price.mode', { code: 'required' });
    if (v.priceMode && !(PRICE_MODES as readonly string[]).includes(v.priceMode)) set('price.mode', { code: 'invalid_choice' });
    if (v.priceMode === 'fixed' || v.priceMode === 'range') {
      const min = amount(v.priceMin, true);
      set('price.min', min.problem);
      if (v.priceMode === 'range') {
        const max = amount(v.priceMax, true);
        set('price.max', max.problem);
        if (min.value && max.value && max.value < min.value) set('price.max', { code: 'less_than_min' });
      }
    }
  }

  if (kind === 'ip') {
    if (complete && !v.ipType) set('ipType', { code: 'required' });
    if (complete && !v.ipStatus) set('ipStatus', { code: 'required' });
    set('holder', text(v.holder, { required: complete, max: HOLDER_MAX }));
    set('ipNumber', text(v.ipNumber, { max: IP_NUMBER_MAX }));
    set('filingDate', date(v.filingDate));
    set('grantDate', date(v.grantDate));
    const filed = parseDayInput(v.filingDate);
    const granted = parseDayInput(v.grantDate);
    if (filed && granted && granted < filed) {
      set('grantDate', { code: 'before_filing' });
    }
  }

  if (kind === 'demand') {
    set('problem', text(v.problem, { required: complete, max: LONG_TEXT_MAX }));
    for (const [field, value] of [
      ['requirements.must', v.must],
      ['requirements.nice', v.nice],
    ] as const) {
      const lines = splitLines(value);
      if (lines.some((l) => length(l) > REQUIREMENT_MAX)) set(field, { code: 'too_long', params: { max: REQUIREMENT_MAX } });
      if (lines.length > REQUIREMENTS_MAX) set(field, { code: 'too_many', params: { max: REQUIREMENTS_MAX } });
    }
    if (v.trlMin && !/^[1-9]$/.test(v.trlMin)) set('trlMin', { code: 'out_of_range', params: { min: 1, max: 9 } });
    if (complete && v.transferForms.length === 0) set('transferForms', { code: 'required' });
    const min = amount(v.budgetMin, false);
    const max = amount(v.budgetMax, false);
    set('budget.min', min.problem);
    set('budget.max', max.problem);
    if (min.value && max.value && max.value < min.value) set('budget.max', { code: 'less_than_min' });
    set('deadline', date(v.deadline));
    set('confidentialDetails', text(v.confidentialDetails, { max: LONG_TEXT_MAX }));
  }
  return errors;
}

/**
 * The request body: only the kind's fields (others are refused with
 * not_for_kind). A new listing sends what was filled in; an edit also sends
 * emptied text so that it is cleared.
 */
export function toInput(v: ListingFormValues, kind: ListingKind, mode: 'create' | 'edit'): ListingInput {
  const edit = mode === 'edit';
  const body: ListingInput = {};
  const put = <K extends keyof ListingInput>(key: K, value: ListingInput[K] | '' | undefined) => {
    if (value === undefined) return;
    if (value === '' && !edit) return;
    body[key] = value as ListingInput[K];
  };
  if (mode === 'create') {
    body.kind = kind;
    if (v.orgId) body.orgId = v.orgId;
  }
  put('title', oneLine(v.title));
  put('summary', oneLine(v.summary));
  put('titleEn', oneLine(v.titleEn));
  put('summaryEn', oneLine(v.summaryEn));
  put('description', v.description.trim());
  put('sectors', v.sectors);
  put('keywords', splitKeywords(v.keywords));
  put('adminUnit', v.adminUnit);
  const contact = { name: oneLine(v.contactName), email: v.contactEmail.trim(), phone: oneLine(v.contactPhone) };
  if (edit || contact.name || contact.email || contact.phone) body.contact = contact;
  put('validUntil', parseDayInput(v.validUntil) ?? '');
  put('transferForms', v.transferForms);

  if (isOffer(kind)) {
    put('advantages', v.advantages.trim());
    put('applications', v.applications.trim());
    if (v.trl) body.trl = Number(v.trl);
    if (v.priceMode === 'negotiable') body.price = { mode: 'negotiable' };
    else if (v.priceMode === 'fixed') body.price = { mode: 'fixed', min: parseAmount(v.priceMin) ?? 0 };
    else if (v.priceMode === 'range')
      body.price = { mode: 'range', min: parseAmount(v.priceMin) ?? 0, max: parseAmount(v.priceMax) ?? 0 };
  }
  if (kind === 'ip') {
    if (v.ipType) body.ipType = v.ipType;
    if (v.ipStatus) body.ipStatus = v.ipStatus;
    put('ipNumber', oneLine(v.ipNumber));
    put('holder', oneLine(v.holder));
    put('filingDate', parseDayInput(v.filingDate) ?? '');
    put('grantDate', parseDayInput(v.grantDate) ?? '');
  }
  if (kind === 'demand') {
    put('problem', v.problem.trim());
    const must = splitLines(v.must);
    const nice = splitLines(v.nice);
    if (edit || must.length || nice.length) body.requirements = { must, nice };
    if (v.trlMin) body.trlMin = Number(v.trlMin);
    else if (edit) body.trlMin = 0;
    const bmin = parseAmount(v.budgetMin) ?? 0;
    const bmax = parseAmount(v.budgetMax) ?? 0;
    if (edit || bmin || bmax) body.budget = { ...(bmin ? { min: bmin } : {}), ...(bmax ? { max: bmax } : {}) };
    put('deadline', parseDayInput(v.deadline) ?? '');
    put('confidentialDetails', v.confidentialDetails.trim());
  }
  return body;
}

function amountText(n: number | undefined): string {
  return n ? formatNumber(n) : '';
}

/** The form's values for an existing listing. */
export function fromListing(l: Listing): ListingFormValues {
  return {
    ...EMPTY_VALUES,
    orgId: l.orgId,
    title: l.title ?? '',
    summary: l.summary ?? '',
    titleEn: l.titleEn ?? '',
    summaryEn: l.summaryEn ?? '',
    description: l.description ?? '',
    advantages: l.advantages ?? '',
    applications: l.applications ?? '',
    sectors: l.sectors ?? [],
    keywords: (l.keywords ?? []).join(', '),
    adminUnit: l.adminUnit ?? '',
    contactName: l.contact?.name ?? '',
    contactEmail: l.contact?.email ?? '',
    contactPhone: l.contact?.phone ?? '',
    // The server keeps the end of the chosen day; the date part is what was chosen.
    validUntil: l.validUntil ? formatDay(l.validUntil.slice(0, 10)) : '',
    trl: l.trl ? String(l.trl) : '',
    transferForms: l.transferForms ?? [],
    priceMode: l.price?.mode ?? '',
    priceMin: amountText(l.price?.min),
    priceMax: amountText(l.price?.max),
    ipType: l.ipType ?? '',
    ipNumber: l.ipNumber ?? '',
    filingDate: formatDay(l.filingDate),
    grantDate: formatDay(l.grantDate),
    ipStatus: l.ipStatus ?? '',
    holder: l.holder ?? '',
    problem: l.problem ?? '',
    must: (l.requirements?.must ?? []).join('\n'),
    nice: (l.requirements?.nice ?? []).join('\n'),
    trlMin: l.trlMin ? String(l.trlMin) : '',
    budgetMin: amountText(l.budget?.min),
    budgetMax: amountText(l.budget?.max),
    deadline: formatDay(l.deadline),
    confidentialDetails: l.confidentialDetails ?? '',
  };
}
