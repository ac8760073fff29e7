// GET /api/v1/taxonomy, loaded once per session and shared by every screen:
// sectors, transfer forms, IP types and statuses, TRL, reject reasons and
// administrative units, each with a Vietnamese and an English label.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { AdminUnit, Taxonomy, Term } from '../api/types';
import i18n from '../i18n';

let pending: Promise<Taxonomy> | null = null;
let loaded: Taxonomy | null = null;

/** The taxonomy, fetched at most once (a failure is retried on the next call). */
export function loadTaxonomy(): Promise<Taxonomy> {
  if (loaded) return Promise.resolve(loaded);
  if (!pending) {
    pending = endpoints.taxonomy().then(
      (t) => {
        loaded = t;
        return t;
      },
      (err: unknown) => {
        pending = null;
        throw err;
      },
    );
  }
  return pending;
}

/** Tests start each case without a cached taxonomy. */
export function resetTaxonomyCache(): void {
  pending = null;
  loaded = null;
}

export interface TaxonomyState {
  taxonomy: Taxonomy | null;
  error: unknown;
  retry: () => void;
}

export function useTaxonomy(): TaxonomyState {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(loaded);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (taxonomy) return;
    let cancelled = false;
    loadTaxonomy().then(
      (t) => {
        if (!cancelled) setTaxonomy(t);
      },
      (err: unknown) => {
        if (!cancelled) setError(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [taxonomy, attempt]);
  const retry = useCallback(() => {
    setError(undefined);
    setAttempt((a) => a + 1);
  }, []);
  return { taxonomy, error, retry };
}

export function termLabel(term: Term, lang: string): string {
  return lang === 'en' ? term.en : term.vi;
}

function pick(list: Term[] | undefined, code: string, lang: string): string {
  const term = list?.find((x) => x.code === code);
  return term ? termLabel(term, lang) : code;
}

export interface Labels {
  sector(code: string): string;
  transferForm(code: string): string;
  ipType(code: string): string;
  ipStatus(code: string): string;
  trl(level: number | string): string;
  rejectReason(code: string): string;
  adminUnit(code: string): string;
  declineReason(code: string): string;
  transferMethod(code: string): string;
  connectionState(code: string): string;
  /** Also "overdue", which is not a status but a due one past its date (from i18n). */
  registrationStatus(code: string): string;
  implementationStatus(code: string): string;
}

/**
 * States the screens show before the taxonomy has loaded (tabs, badges): the
 * taxonomy's label when it is there, the same text from i18n until then.
 */
function pickOr(list: Term[] | undefined, code: string, lang: string, key: string): string {
  const term = list?.find((x) => x.code === code);
  if (term) return termLabel(term, lang);
  return i18n.t(`${key}.${code}`, { lng: lang, defaultValue: code });
}

/** Labels in `lang`; a code the taxonomy does not know (or has not loaded yet) shows as itself. */
export function makeLabels(tax: Taxonomy | null, lang: string): Labels {
  return {
    sector: (c) => pick(tax?.sectors, c, lang),
    transferForm: (c) => pick(tax?.transferForms, c, lang),
    ipType: (c) => pick(tax?.ipTypes, c, lang),
    ipStatus: (c) => pick(tax?.ipStatuses, c, lang),
    trl: (l) => pick(tax?.trl, String(l), lang),
    rejectReason: (c) => pick(tax?.rejectReasons, c, lang),
    adminUnit: (c) => pick(tax?.adminUnits, c, lang),
    declineReason: (c) => pick(tax?.declineReasons, c, lang),
    transferMethod: (c) => pick(tax?.transferMethods, c, lang),
    connectionState: (c) => pickOr(tax?.connectionStates, c, lang, 'connectionState'),
    registrationStatus: (c) => pickOr(tax?.registrationStatuses, c, lang, 'registrationStatus'),
    implementationStatus: (c) => pickOr(tax?.implementationStatuses, c, lang, 'implementationStatus'),
  };
}

export function useLabels(tax: Taxonomy | null, lang: string): Labels {
  return useMemo(() => makeLabels(tax, lang), [tax, lang]);
}

/** The labels in the current language, with the session's taxonomy. */
export function useTermLabels(): Labels {
  const { taxonomy } = useTaxonomy();
  const { i18n: i } = useTranslation();
  return useLabels(taxonomy, i.language);
}

/**
 * Units a new listing may name: those valid today (the province and its
 * communes since the 2025 merger), the province first, then by name.
 */
export function currentAdminUnits(tax: Taxonomy | null, lang: string, today: string): AdminUnit[] {
  if (!tax) return [];
  const valid = tax.adminUnits.filter((u) => (!u.validFrom || u.validFrom <= today) && (!u.validUntil || u.validUntil >= today));
  const collator = new Intl.Collator(lang === 'en' ? 'en' : 'vi');
  const rank = (u: AdminUnit) => (u.level === 'province' ? 0 : u.level === 'district' ? 1 : 2);
  return valid.sort((a, b) => rank(a) - rank(b) || collator.compare(termLabel(a, lang), termLabel(b, lang)));
}
