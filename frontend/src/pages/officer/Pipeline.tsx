// "Kết nối cung – cầu": the department's pipeline from interests to
// registered transfers. Counts per stage with the median days spent there,
// the funnel with its conversions, transfers by registration status, and a
// board of connection cards per stage (one stage at a time on a phone).
// Sector and period live in the URL, so a link shows the same view.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { CONNECTION_STATES, IMPLEMENTATION_STATUSES, type Connection, type ConnectionState, type Pipeline as PipelineData } from '../../api/types';
import { ConnectionStateBadge, StaleBadge } from '../../components/ConnectionBadges';
import { DateField, FormAlert, SelectField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatDecimal, formatNumber, formatVnd } from '../../lib/format';
import { daysUntil, formatDay, parseDayInput } from '../../lib/listing';
import { conversion } from '../../lib/matching';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { termLabel, useTaxonomy, useTermLabels } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { useTitle } from '../../lib/useTitle';
import type { FieldErrors } from '../../lib/validation';

const FUNNEL = ['interests', 'connections', 'agreements', 'transfers', 'registered'] as const;
/** Overdue registrations are counted among the due ones too: they show under them. */
const REG_KEYS = ['due', 'submitted', 'registered', 'not_required'] as const;
const CARDS = 20;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

export interface PipelineFilter {
  sector: string;
  from: string;
  to: string;
}

export function parseFilter(params: URLSearchParams): PipelineFilter {
  const date = (k: string) => {
    const v = params.get(k) ?? '';
    return YMD.test(v) ? v : '';
  };
  return { sector: params.get('sector') ?? '', from: date('from'), to: date('to') };
}

/** Cards of a stage within the filter: the list API filters by state only, so sector and period apply here. */
export function inFilter(c: Connection, f: PipelineFilter): boolean {
  if (f.sector && !c.sectors.includes(f.sector)) return false;
  const day = (c.createdAt ?? '').slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return true;
}

export default function Pipeline() {
  const { t, i18n } = useTranslation();
  const labels = useTermLabels();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const filter = parseFilter(params);
  const stageParam = params.get('stage') as ConnectionState | null;
  const stage: ConnectionState = stageParam && CONNECTION_STATES.includes(stageParam) ? stageParam : 'requested';
  const wide = useMediaQuery('(min-width: 64rem)');
  const { taxonomy } = useTaxonomy();
  const { data, error, loading, reload } = useAsync(
    () => endpoints.pipeline({ sector: filter.sector || undefined, from: filter.from || undefined, to: filter.to || undefined }),
    [filter.sector, filter.from, filter.to],
  );
  useTitle(t('pipeline.title'));

  function apply(next: Partial<PipelineFilter> & { stage?: ConnectionState }) {
    const f = { ...filter, ...next };
    const q: Record<string, string> = {};
    if (f.sector) q.sector = f.sector;
    if (f.from) q.from = f.from;
    if (f.to) q.to = f.to;
    const s = next.stage ?? (stageParam ? stage : undefined);
    if (s) q.stage = s;
    setParams(q);
  }

  return (
    <section className="page pipeline-page">
      <div className="page-head">
        <h1>{t('pipeline.title')}</h1>
        <span className="button-row">
          <Link className="btn btn-secondary" to="/transfers?scope=all">
            {t('pipeline.allTransfers')}
          </Link>
          <Link className="btn btn-primary" to="/officer/transfers/new">
            <span aria-hidden="true">+ </span>
            {t('transfers.new')}
          </Link>
        </span>
      </div>
      <p className="lead">{t('pipeline.intro')}</p>

      <Filters
        key={`${filter.sector}|${filter.from}|${filter.to}`}
        filter={filter}
        sectors={taxonomy?.sectors ?? []}
        lang={lang}
        onApply={(f) => apply(f)}
        onClear={() => setParams(stageParam ? { stage } : {})}
      />

      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && <Summary data={data} />}

      <section className="board-section" aria-labelledby="board-title">
        <h2 id="board-title">{t('pipeline.board')}</h2>
        {!wide && (
          <SelectField
            id="pipeline-stage"
            label={t('pipeline.stage')}
            value={stage}
            onChange={(e) => apply({ stage: e.target.value as ConnectionState })}
          >
            {CONNECTION_STATES.map((s) => (
              <option key={s} value={s}>
                {labels.connectionState(s)}
                {data ? ` (${formatNumber(data.stages.find((x) => x.state === s)?.count ?? 0)})` : ''}
              </option>
            ))}
          </SelectField>
        )}
        <div className={wide ? 'board' : 'board board-single'}>
          {(wide ? CONNECTION_STATES : [stage]).map((s) => (
            <Column key={s} state={s} filter={filter} count={data?.stages.find((x) => x.state === s)?.count} />
          ))}
        </div>
      </section>
    </section>
  );
}

type FilterField = 'sector' | 'from' | 'to';

function Filters({
  filter,
  sectors,
  lang,
  onApply,
  onClear,
}: {
  filter: PipelineFilter;
  sectors: { code: string; vi: string; en: string }[];
  lang: string;
  onApply: (f: PipelineFilter) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [sector, setSector] = useState(filter.sector);
  const [from, setFrom] = useState(formatDay(filter.from));
  const [to, setTo] = useState(formatDay(filter.to));
  const [errors, setErrors] = useState<FieldErrors<FilterField>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const f = parseDayInput(from);
    const tt = parseDayInput(to);
    const errs: FieldErrors<FilterField> = {};
    if (f === null) errs.from = { code: 'invalid_date' };
    if (tt === null) errs.to = { code: 'invalid_date' };
    if (f && tt && tt < f) errs.to = { code: 'before_from' };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    onApply({ sector, from: f ?? '', to: tt ?? '' });
  }

  const active = !!(filter.sector || filter.from || filter.to);
  return (
    <form className="form pipeline-filters" onSubmit={submit} noValidate aria-label={t('pipeline.filters')}>
      <FormAlert message={Object.keys(errors).length ? t('form.fixErrors', { count: Object.keys(errors).length }) : null} />
      <div className="filter-row">
        <SelectField id="pipeline-sector" label={t('pipeline.sector')} value={sector} onChange={(e) => setSector(e.target.value)}>
          <option value="">{t('pipeline.allSectors')}</option>
          {sectors.map((s) => (
            <option key={s.code} value={s.code}>
              {termLabel(s, lang)}
            </option>
          ))}
        </SelectField>
        <DateField id="pipeline-from" label={t('pipeline.from')} value={from} onChange={(e) => setFrom(e.target.value)} error={fieldMessage(t, errors.from)} />
        <DateField id="pipeline-to" label={t('pipeline.to')} value={to} onChange={(e) => setTo(e.target.value)} error={fieldMessage(t, errors.to)} />
      </div>
      <p className="actions">
        <button type="submit" className="btn btn-primary">
          {t('common.filter')}
        </button>
        {active && (
          <button type="button" className="btn btn-secondary" onClick={onClear}>
            {t('common.clearFilters')}
          </button>
        )}
      </p>
    </form>
  );
}

function Summary({ data }: { data: PipelineData }) {
  const { t, i18n } = useTranslation();
  const labels = useTermLabels();
  const nf = (n: number) => formatDecimal(n, i18n.language, 1);
  const top = Math.max(1, data.funnel.interests);
  const reg = data.transfers.registration;
  const impl = data.transfers.implementation ?? {};
  return (
    <div className="pipeline-summary">
      <section aria-labelledby="funnel-title" className="side-card">
        <h2 id="funnel-title" className="h3">
          {t('pipeline.funnel')}
        </h2>
        <ol className="funnel">
          {FUNNEL.map((k, i) => {
            const n = data.funnel[k];
            const prev = i > 0 ? data.funnel[FUNNEL[i - 1]] : 0;
            return (
              <li key={k} className="funnel-step" data-step={k}>
                <span className="funnel-label">{t(`pipeline.step.${k}`)}</span>
                <span className="funnel-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(2, Math.round((n / top) * 100))}%` }} />
                </span>
                <span className="funnel-count strong">{formatNumber(n)}</span>
                {i > 0 && (
                  <span className="funnel-rate muted small">{t('pipeline.conversion', { rate: conversion(t, n, prev) })}</span>
                )}
              </li>
            );
          })}
        </ol>
        {(data.funnel.direct ?? 0) > 0 && (
          <p className="small muted" data-testid="funnel-direct">
            {t('pipeline.direct', { count: data.funnel.direct, registered: data.funnel.directRegistered ?? 0 })}
          </p>
        )}
      </section>

      <section aria-labelledby="stages-title" className="side-card">
        <h2 id="stages-title" className="h3">
          {t('pipeline.stages')}
        </h2>
        <ul className="stage-stats">
          {data.stages.map((s) => (
            <li key={s.state} data-state={s.state}>
              <ConnectionStateBadge state={s.state} />
              <span className="stage-count strong">{formatNumber(s.count)}</span>
              <span className="muted small">
                {s.reached ? t('pipeline.median', { days: nf(s.medianDaysInStage ?? 0) }) : t('pipeline.notReached')}
              </span>
            </li>
          ))}
        </ul>
        {data.stale > 0 && (
          <p className="alert alert-warning stale-note">
            <Link to="/connections?stale=true">{t('pipeline.stale', { count: data.stale })}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="transfers-sum-title" className="side-card">
        <h2 id="transfers-sum-title" className="h3">
          {t('pipeline.transfers')}
        </h2>
        <p>
          {t('pipeline.transferCount', { count: data.transfers.count })} ·{' '}
          <span className="price">{formatVnd(data.transfers.contractValue)}</span>
        </p>
        <ul className="reg-stats">
          {REG_KEYS.map((k) => (
            <li key={k} className={k === 'due' && reg.due > 0 ? 'reg-stat highlight-due' : 'reg-stat'} data-registration={k}>
              <Link to={`/transfers?scope=all&registration=${k}`}>
                <span className="strong">{formatNumber(reg[k] ?? 0)}</span> {labels.registrationStatus(k)}
              </Link>
              {k === 'due' && (reg.overdue ?? 0) > 0 && (
                <Link className="reg-overdue" data-registration="overdue" to="/transfers?scope=all&registration=overdue">
                  <span aria-hidden="true">⚠ </span>
                  {t('pipeline.overdueOf', { count: reg.overdue, n: formatNumber(reg.overdue) })}
                </Link>
              )}
            </li>
          ))}
        </ul>
        {IMPLEMENTATION_STATUSES.some((k) => (impl[k] ?? 0) > 0) && (
          <>
            <h3 className="h3 impl-title">{t('pipeline.implementation')}</h3>
            <ul className="tags impl-stats">
              {IMPLEMENTATION_STATUSES.filter((k) => (impl[k] ?? 0) > 0).map((k) => (
                <li key={k} data-implementation={k}>
                  {labels.implementationStatus(k)}: <span className="strong">{formatNumber(impl[k] ?? 0)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function Column({ state, filter, count }: { state: ConnectionState; filter: PipelineFilter; count?: number }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(() => endpoints.connections({ scope: 'all', state }, 1, CARDS), [state]);
  const cards = (data?.items ?? []).filter((c) => inFilter(c, filter));
  return (
    <section className="board-column" data-state={state} aria-labelledby={`col-${state}`}>
      <h3 id={`col-${state}`} className="board-column-head">
        <ConnectionStateBadge state={state} />
        {count !== undefined && <span className="muted small"> {formatNumber(count)}</span>}
      </h3>
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && cards.length === 0 && <p className="muted small">{t('pipeline.noCards')}</p>}
      {cards.length > 0 && (
        <ul className="board-cards">
          {cards.map((c) => {
            const days = Math.max(0, -(daysUntil(c.stateChangedAt) ?? 0));
            return (
              <li key={c.id} className={c.stale ? 'board-card stale' : 'board-card'} data-connection-id={c.id}>
                <Link className="strong break" to={`/connections/${encodeURIComponent(c.id)}`}>
                  {c.listing.title}
                </Link>
                <p className="small break">
                  {c.party.name} <span aria-hidden="true">→</span>
                  <span className="visually-hidden">{t('connections.interestedIn')}</span> {c.owner.name}
                </p>
                <p className="small muted">
                  {t('pipeline.inStage', { count: days })}
                  {c.stale && (
                    <>
                      {' '}
                      <StaleBadge />
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {data && data.total > CARDS && (
        <p className="small">
          <Link to={`/connections?state=${state}`}>{t('pipeline.more', { count: data.total - CARDS })}</Link>
        </p>
      )}
    </section>
  );
}
