// The search page keeps its whole state in the URL query string, so back,
// forward, reload and shared links all show the same results. Multi-valued
// filters are comma-separated (the API accepts both that and repetition).
import { SEARCH_SORTS, type SearchSort } from '../api/types';

export const MULTI_FILTERS = ['kind', 'sector', 'transferForm', 'adminUnit', 'orgKind'] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];
export type NumberFilter = 'trlMin' | 'trlMax' | 'priceMax';
export type FilterKey = MultiFilter | NumberFilter;

export const SEARCH_PAGE_SIZE = 20;
/** The API pages through the first 50 pages only. */
export const SEARCH_MAX_PAGE = 50;
export const QUERY_MAX = 200;

export interface SearchState {
  q: string;
  kind: string[];
  sector: string[];
  transferForm: string[];
  adminUnit: string[];
  orgKind: string[];
  trlMin?: number;
  trlMax?: number;
  priceMax?: number;
  sort: SearchSort;
  page: number;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  kind: [],
  sector: [],
  transferForm: [],
  adminUnit: [],
  orgKind: [],
  sort: 'relevance',
  page: 1,
};

function multi(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const raw of params.getAll(name)) {
    for (const part of raw.split(',')) {
      const v = part.trim();
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

function int(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name);
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

export function parseSearch(params: URLSearchParams): SearchState {
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').slice(0, QUERY_MAX),
    kind: multi(params, 'kind'),
    sector: multi(params, 'sector'),
    transferForm: multi(params, 'transferForm'),
    adminUnit: multi(params, 'adminUnit'),
    orgKind: multi(params, 'orgKind'),
    trlMin: int(params, 'trlMin', 1, 9),
    trlMax: int(params, 'trlMax', 1, 9),
    priceMax: int(params, 'priceMax', 1, 1_000_000_000_000_000),
    sort: (SEARCH_SORTS as readonly string[]).includes(sort ?? '') ? (sort as SearchSort) : 'relevance',
    page: int(params, 'page', 1, SEARCH_MAX_PAGE) ?? 1,
  };
}

/** The query string for a state; defaults are left out so links stay short. */
export function toSearchParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  const q = s.q.trim();
  if (q) p.set('q', q);
  for (const name of MULTI_FILTERS) if (s[name].length) p.set(name, s[name].join(','));
  if (s.trlMin) p.set('trlMin', String(s.trlMin));
  if (s.trlMax) p.set('trlMax', String(s.trlMax));
  if (s.priceMax) p.set('priceMax', String(s.priceMax));
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  return p;
}

/** GET /search parameters for a state. */
export function toApiQuery(s: SearchState, pageSize = SEARCH_PAGE_SIZE): Record<string, string | number | undefined> {
  const q: Record<string, string | number | undefined> = {};
  for (const [k, v] of toSearchParams(s)) q[k] = v;
  q.pageSize = pageSize;
  return q;
}

export interface ActiveFilter {
  key: FilterKey;
  value: string;
}

export function activeFilters(s: SearchState): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const key of MULTI_FILTERS) for (const value of s[key]) out.push({ key, value });
  if (s.trlMin) out.push({ key: 'trlMin', value: String(s.trlMin) });
  if (s.trlMax) out.push({ key: 'trlMax', value: String(s.trlMax) });
  if (s.priceMax) out.push({ key: 'priceMax', value: String(s.priceMax) });
  return out;
}

/** The state without one filter value; back to the first page. */
export function withoutFilter(s: SearchState, f: ActiveFilter): SearchState {
  const next: SearchState = { ...s, page: 1 };
  if ((MULTI_FILTERS as readonly string[]).includes(f.key)) {
    const key = f.key as MultiFilter;
    next[key] = s[key].filter((v) => v !== f.value);
  } else {
    next[f.key as NumberFilter] = undefined;
  }
  return next;
}

/** Adds or removes one value of a multi-valued filter; back to the first page. */
export function toggleFilter(s: SearchState, key: MultiFilter, value: string): SearchState {
  const has = s[key].includes(value);
  return { ...s, [key]: has ? s[key].filter((v) => v !== value) : [...s[key], value], page: 1 };
}

export function withoutAllFilters(s: SearchState): SearchState {
  return { ...EMPTY_SEARCH, q: s.q, sort: s.sort };
}
