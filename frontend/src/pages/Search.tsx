// Search: instant results as you type, facets with counts, sort and pages.
// Everything lives in the URL (?q=&kind=&sector=…&sort=&page=), so back,
// forward and shared links show the same results.
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import {
  LISTING_KINDS,
  SEARCH_SORTS,
  type FacetCount,
  type FacetName,
  type SearchResult,
  type SearchSort,
} from '../api/types';
import { ResultCard } from '../components/ListingCard';
import { Pagination } from '../components/Pagination';
import { SearchBox } from '../components/SearchBox';
import { ErrorState, Loading } from '../components/Status';
import { formatNumber, formatVnd } from '../lib/format';
import { problemMessage } from '../lib/messages';
import {
  activeFilters,
  parseSearch,
  SEARCH_MAX_PAGE,
  SEARCH_PAGE_SIZE,
  toApiQuery,
  toggleFilter,
  toSearchParams,
  withoutAllFilters,
  withoutFilter,
  type ActiveFilter,
  type MultiFilter,
  type SearchState,
} from '../lib/searchState';
import { useLabels, useTaxonomy, type Labels } from '../lib/taxonomy';
import { useMediaQuery } from '../lib/useMediaQuery';
import { useTitle } from '../lib/useTitle';

/** Typing updates the results this long after the last key. */
export const TYPING_DELAY = 300;
const FACET_PREVIEW = 6;
const PRICE_STEPS = [50_000_000, 100_000_000, 500_000_000, 1_000_000_000, 5_000_000_000];
const MULTI_FACETS: { facet: FacetName; filter: MultiFilter }[] = [
  { facet: 'kind', filter: 'kind' },
  { facet: 'sector', filter: 'sector' },
  { facet: 'transferForm', filter: 'transferForm' },
  { facet: 'adminUnit', filter: 'adminUnit' },
  { facet: 'orgKind', filter: 'orgKind' },
];

/** The state without the filter a facet sets: what that facet's counts are taken from. */
function withoutFacet(s: SearchState, facet: FacetName): SearchState {
  if (facet === 'trl') return { ...s, trlMin: undefined, trlMax: undefined, page: 1 };
  return { ...s, [facet]: [], page: 1 } as SearchState;
}

function facetActive(s: SearchState, facet: FacetName): boolean {
  if (facet === 'trl') return !!(s.trlMin || s.trlMax);
  return (s[facet as MultiFilter] ?? []).length > 0;
}

/** The label of one value of a filter. */
export function filterValueLabel(t: TFunction, labels: Labels, key: ActiveFilter['key'], value: string): string {
  switch (key) {
    case 'kind':
      return t(`listingKind.${value}`, { defaultValue: value });
    case 'orgKind':
      return t(`orgKind.${value}`, { defaultValue: value });
    case 'sector':
      return labels.sector(value);
    case 'transferForm':
      return labels.transferForm(value);
    case 'adminUnit':
      return labels.adminUnit(value);
    case 'trlMin':
      return t('search.trlAtLeast', { level: value });
    case 'trlMax':
      return t('search.trlAtMost', { level: value });
    case 'priceMax':
      return t('search.priceUpTo', { amount: formatVnd(Number(value)) });
  }
}

interface Loaded {
  key: string;
  result: SearchResult;
  /** Counts of the facets with a selection, as if that facet had none (so other values stay choosable). */
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useMemo(() => parseSearch(params), [key]);
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, lang);
  const wide = useMediaQuery('(min-width: 64rem)');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  useTitle(state.q ? t('search.titleFor', { q: state.q }) : t('search.title'));

  // The text box follows the URL (back, forward, a removed query) but not
  // while the person is typing ahead of it.
  const [text, setText] = useState(state.q);
  const pushed = useRef(state.q);
  useEffect(() => {
    if (state.q !== pushed.current) {
      pushed.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  function go(next: SearchState, opts: { replace?: boolean } = {}) {
    pushed.current = next.q.trim();
    setParams(toSearchParams(next), { replace: opts.replace });
  }

  // Instant results: the query follows the text once typing pauses.
  useEffect(() => {
    const q = text.trim();
    if (q === stateRef.current.q.trim()) return;
    const h = setTimeout(() => go({ ...stateRef.current, q, page: 1 }, { replace: true }), TYPING_DELAY);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(undefined);
    const main = endpoints.search(toApiQuery(state), ctl.signal);
    const others = MULTI_FACETS.map((f) => f.facet)
      .concat('trl')
      .filter((f) => facetActive(state, f))
      .map((f) =>
        endpoints.search(toApiQuery(withoutFacet(state, f), 1), ctl.signal).then((r) => [f, r.facets[f] ?? []] as const),
      );
    Promise.all([main, Promise.allSettled(others)])
      .then(([result, extra]) => {
        if (ctl.signal.aborted) return;
        const facets: Loaded['facets'] = {};
        for (const x of extra) if (x.status === 'fulfilled') facets[x.value[0]] = x.value[1];
        // A page of results is a large render: as a transition it yields to
        // the browser (typing, scrolling) instead of blocking a phone's main thread.
        startTransition(() => {
          setLoaded({ key, result, facets });
          setLoading(false);
        });
      })
      .catch((err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(err);
        setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const filters = activeFilters(state);
  const result = loaded?.result;
  const facetCounts = (f: FacetName): FacetCount[] => loaded?.facets[f] ?? result?.facets[f] ?? [];

  function changePage(p: number) {
    go({ ...state, page: p });
    resultsHeading.current?.focus();
    resultsHeading.current?.scrollIntoView?.({ block: 'start' });
  }

  const badRequest = error instanceof ApiError && error.status === 422;

  return (
    <section className="page search-page">
      <h1>{t('search.title')}</h1>
      <SearchBox
        value={text}
        onChange={setText}
        onSubmit={(v) => go({ ...state, q: v.trim(), page: 1 })}
        label={t('search.boxLabel')}
      />

      <div className="search-layout">
        <details
          className="filters-panel"
          open={wide || filtersOpen}
          onToggle={(e) => {
            if (!wide) setFiltersOpen(e.currentTarget.open);
          }}
        >
          <summary className="filters-summary">
            {t('search.filters')}
            {filters.length > 0 && <span className="count-pill">{formatNumber(filters.length)}</span>}
          </summary>
          <div className="filters-body">
            <h2 className="visually-hidden">{t('search.filters')}</h2>
            {MULTI_FACETS.map(({ facet, filter }) => (
              <FacetGroup
                key={facet}
                name={facet}
                legend={t(`search.facet.${facet}`)}
                counts={facetCounts(facet)}
                selected={state[filter]}
                extra={facet === 'kind' ? LISTING_KINDS : undefined}
                wide={facet === 'adminUnit' ? (v) => taxonomy?.adminUnits.find((u) => u.code === v)?.level === 'province' : undefined}
                label={(v) => filterValueLabel(t, labels, filter, v)}
                onToggle={(v) => go(toggleFilter(state, filter, v))}
              />
            ))}
            <TrlFacet
              counts={facetCounts('trl')}
              min={state.trlMin}
              max={state.trlMax}
              onChange={(r) => go({ ...state, trlMin: r.min, trlMax: r.max, page: 1 })}
            />
            <div className="field facet-group">
              <label htmlFor="facet-price">{t('search.facet.priceMax')}</label>
              <select
                id="facet-price"
                value={state.priceMax ? String(state.priceMax) : ''}
                onChange={(e) => go({ ...state, priceMax: e.target.value ? Number(e.target.value) : undefined, page: 1 })}
              >
                <option value="">{t('search.anyPrice')}</option>
                {[...new Set([...PRICE_STEPS, ...(state.priceMax ? [state.priceMax] : [])])]
                  .sort((a, b) => a - b)
                  .map((p) => (
                    <option key={p} value={p}>
                      {t('search.priceUpTo', { amount: formatVnd(p) })}
                    </option>
                  ))}
              </select>
            </div>
            <p className="filters-actions">
              {filters.length > 0 && (
                <button type="button" className="btn btn-secondary btn-small" onClick={() => go(withoutAllFilters(state))}>
                  {t('common.clearFilters')}
                </button>
              )}
              {!wide && result && (
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  onClick={() => {
                    setFiltersOpen(false);
                    resultsHeading.current?.focus();
                    resultsHeading.current?.scrollIntoView?.({ block: 'start' });
                  }}
                >
                  {t('search.showResults', { count: result.total, total: formatNumber(result.total) })}
                </button>
              )}
            </p>
          </div>
        </details>

        <div className="search-results" aria-busy={loading}>
          <div className="results-bar">
            <h2 ref={resultsHeading} tabIndex={-1} className="results-count" aria-live="polite">
              {result
                ? state.q
                  ? t('search.countFor', { count: result.total, total: formatNumber(result.total), q: state.q })
                  : t('search.count', { count: result.total, total: formatNumber(result.total) })
                : t('search.results')}
            </h2>
            <div className="sort-field">
              <label htmlFor="search-sort">{t('search.sort')}</label>
              <select
                id="search-sort"
                value={state.sort}
                onChange={(e) => go({ ...state, sort: e.target.value as SearchSort, page: 1 })}
              >
                {SEARCH_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`search.sortBy.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>

          {filters.length > 0 && !(result && result.total === 0) && (
            <FilterChips
              filters={filters}
              labels={labels}
              onRemove={(f) => go(withoutFilter(state, f))}
              label={t('search.activeFilters')}
            />
          )}

          {!result && loading && <Loading />}
          {!loading && !!error && (
            <ErrorState
              message={problemMessage(t, error)}
              onRetry={badRequest ? () => go(withoutAllFilters({ ...state, q: '' })) : () => setAttempt((a) => a + 1)}
            />
          )}
          {result && !error && result.hits.length === 0 && (
            <ZeroResults
              state={state}
              filters={filters}
              labels={labels}
              onRemove={(f) => go(withoutFilter(state, f))}
              onClearAll={() => go(withoutAllFilters(state))}
              onClearQuery={() => go({ ...state, q: '', page: 1 })}
            />
          )}
          {result && !error && result.relaxed && result.hits.length > 0 && (
            <p className="alert alert-info search-relaxed" role="status">
              {result.exact
                ? t('query.relaxedSome', { count: result.exact, total: formatNumber(result.exact) })
                : t('query.relaxed')}
            </p>
          )}
          {result && !error && result.hits.length > 0 && (
            <ol className="results" aria-label={t('search.results')}>
              {result.hits.map((h) => (
                <ResultCard key={h.id} hit={h} labels={labels} />
              ))}
            </ol>
          )}
          {result && !error && result.total > (result.pageSize || SEARCH_PAGE_SIZE) && (
            <Pagination
              page={state.page}
              pageSize={result.pageSize || SEARCH_PAGE_SIZE}
              total={result.total}
              maxPage={SEARCH_MAX_PAGE}
              onPage={changePage}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function FacetGroup({
  name,
  legend,
  counts,
  selected,
  extra,
  wide,
  label,
  onToggle,
}: {
  name: FacetName;
  legend: string;
  counts: FacetCount[];
  selected: string[];
  /** Values always listed (small fixed sets), with a count when there is one. */
  extra?: readonly string[];
  /**
   * Places: the values that cover the whole province are listed apart, first,
   * from the communes and wards, so the two levels are not mixed in one list.
   */
  wide?: (value: string) => boolean;
  label: (value: string) => string;
  onToggle: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [more, setMore] = useState(false);
  const byValue = new Map(counts.map((c) => [c.value, c.count]));
  const values = [...counts.map((c) => c.value)];
  for (const v of [...selected, ...(extra ?? [])]) if (!values.includes(v)) values.push(v);
  // A fixed set keeps its own order; the others come by count from the server.
  const all = extra ? [...extra, ...values.filter((v) => !extra.includes(v))] : values;
  if (all.length === 0) return null;
  const whole = wide ? all.filter(wide) : [];
  const ordered = wide ? all.filter((v) => !wide(v)) : all;
  const shown = more ? ordered : ordered.slice(0, FACET_PREVIEW).concat(ordered.slice(FACET_PREVIEW).filter((v) => selected.includes(v)));
  const hidden = ordered.length - shown.length;
  const option = (v: string) => {
    const count = byValue.get(v);
    const checked = selected.includes(v);
    return (
      <li key={v}>
        <label className={count || checked ? 'check facet-option' : 'check facet-option empty-option'}>
          <input type="checkbox" checked={checked} onChange={() => onToggle(v)} />
          <span className="facet-label">{label(v)}</span>
          <span className="facet-count" aria-label={t('search.countLabel', { count: count ?? 0 })}>
            {formatNumber(count ?? 0)}
          </span>
        </label>
      </li>
    );
  };
  return (
    <fieldset className="facet-group" data-facet={name}>
      <legend>{legend}</legend>
      {whole.length > 0 && (
        <>
          <p className="facet-subhead">{t('search.placeWhole')}</p>
          <ul className="facet-options">{whole.map(option)}</ul>
          {ordered.length > 0 && <p className="facet-subhead">{t('search.placeCommunes')}</p>}
        </>
      )}
      <ul className="facet-options">{shown.map(option)}      </ul>
      {(hidden > 0 || more) && (
        <button type="button" className="btn-link facet-more" aria-expanded={more} onClick={() => setMore((m) => !m)}>
          {more ? t('search.showFewer') : t('search.showMore', { count: hidden })}
        </button>
      )}
    </fieldset>
  );
}

/**
 * TRL in three bands (research 1–3, development 4–6, ready 7–9) rather than
 * nine near-identical rows; each band's count adds up its levels. A range
 * from a shared link that is no band is kept as its own row.
 */
export const TRL_BANDS = [
  { key: 'research', min: 1, max: 3 },
  { key: 'development', min: 4, max: 6 },
  { key: 'ready', min: 7, max: 9 },
] as const;

export function TrlFacet({
  counts,
  min,
  max,
  onChange,
}: {
  counts: FacetCount[];
  min: number | undefined;
  max: number | undefined;
  onChange: (range: { min?: number; max?: number }) => void;
}) {
  const { t } = useTranslation();
  const byLevel = new Map(counts.map((c) => [Number(c.value), c.count]));
  const countOf = (lo: number, hi: number) => [...byLevel].filter(([l]) => l >= lo && l <= hi).reduce((n, [, c]) => n + c, 0);
  const active = !!(min || max);
  const band = TRL_BANDS.find((b) => b.min === (min ?? 1) && b.max === (max ?? 9));
  const custom = active && !band;
  const total = countOf(1, 9);
  if (total === 0 && !active) return null;
  return (
    <fieldset className="facet-group" data-facet="trl">
      <legend>{t('search.facet.trl')}</legend>
      <ul className="facet-options">
        <li>
          <label className="check facet-option">
            <input type="radio" name="facet-trl" checked={!active} onChange={() => onChange({})} />
            <span className="facet-label">{t('search.anyTrl')}</span>
          </label>
        </li>
        {TRL_BANDS.map((b) => {
          const count = countOf(b.min, b.max);
          return (
            <li key={b.key}>
              <label className={count || band === b ? 'check facet-option' : 'check facet-option empty-option'}>
                <input type="radio" name="facet-trl" checked={band === b} onChange={() => onChange({ min: b.min, max: b.max })} />
                <span className="facet-label">
                  {t(`trlBands.${b.key}`)} <span className="muted small">{t('trlBands.range', { min: b.min, max: b.max })}</span>
                </span>
                <span className="facet-count" aria-label={t('search.countLabel', { count })}>
                  {formatNumber(count)}
                </span>
              </label>
            </li>
          );
        })}
        {custom && (
          <li>
            <label className="check facet-option">
              <input type="radio" name="facet-trl" checked readOnly />
              <span className="facet-label">{t('trlBands.range', { min: min ?? 1, max: max ?? 9 })}</span>
              <span className="facet-count">{formatNumber(countOf(min ?? 1, max ?? 9))}</span>
            </label>
          </li>
        )}
      </ul>
    </fieldset>
  );
}

/** The active filters as chips; each removes its filter. */
function FilterChips({
  filters,
  labels,
  onRemove,
  label,
}: {
  filters: ActiveFilter[];
  labels: Labels;
  onRemove: (f: ActiveFilter) => void;
  /** The list's accessible name, if any. */
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="chips" aria-label={label}>
      {filters.map((f) => {
        const text = `${t(`search.filterName.${f.key}`)}: ${filterValueLabel(t, labels, f.key, f.value)}`;
        return (
          <li key={`${f.key}=${f.value}`}>
            <button
              type="button"
              className="chip"
              aria-label={t('search.removeFilter', { filter: text })}
              onClick={() => onRemove(f)}
            >
              <span>{text}</span>
              <span aria-hidden="true" className="chip-x">
                ×
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function ZeroResults({
  state,
  filters,
  labels,
  onRemove,
  onClearAll,
  onClearQuery,
}: {
  state: SearchState;
  filters: ActiveFilter[];
  labels: Labels;
  onRemove: (f: ActiveFilter) => void;
  onClearAll: () => void;
  onClearQuery: () => void;
}) {
  const { t } = useTranslation();
  const { taxonomy } = useTaxonomy();
  return (
    <div className="zero-results">
      <h3>{state.q ? t('search.noResultsFor', { q: state.q }) : t('search.noResults')}</h3>
      <ul className="zero-tips">
        {filters.length > 0 && (
          <li>
            <p>{t('search.tipFilters')}</p>
            <FilterChips filters={filters} labels={labels} onRemove={onRemove} />
            {filters.length > 1 && (
              <button type="button" className="btn btn-secondary btn-small" onClick={onClearAll}>
                {t('common.clearFilters')}
              </button>
            )}
          </li>
        )}
        {state.q && (
          <li>
            <p>{t('search.tipSpelling')}</p>
            <button type="button" className="btn btn-secondary btn-small" onClick={onClearQuery}>
              {t('search.clearQuery')}
            </button>
          </li>
        )}
        {taxonomy && (
          <li>
            <p>{t('search.tipBrowse')}</p>
            <ul className="sector-links">
              {taxonomy.sectors.map((s) => (
                <li key={s.code}>
                  <Link to={`/search?${toSearchParams({ ...parseSearch(new URLSearchParams()), sector: [s.code] })}`}>
                    {labels.sector(s.code)}
                  </Link>
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
    </div>
  );
}

