// The officer's plan & targets ("Kế hoạch và chỉ tiêu"): every target's
// year and cumulative figures against its milestone, the percentage, a
// traffic light and the years before; the agencies' reports and who is
// late; opening the year; the provincial report in four formats.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import type { PlanProgress, ProvincialFormat, TargetProgress } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatNumber } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { downloadProvincial, inLang } from './lib';

const FORMATS: ProvincialFormat[] = ['html', 'pdf', 'docx', 'xlsx'];

export default function PlanOverview() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  useTitle(t('plan.title'));
  const plans = useAsync(() => endpoints.plans(), []);
  const plan = plans.data?.find((p) => p.id === params.get('plan')) ?? plans.data?.[0];
  const thisYear = Number(new Date().toLocaleString('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
  const year = Number(params.get('year')) || thisYear;
  const progress = useAsync(() => (plan ? endpoints.planProgress(plan.id, year) : Promise.resolve(undefined)), [plan?.id, year]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!plan) {
    return (
      <section className="page">
        <h1>{t('plan.title')}</h1>
        {plans.loading ? (
          <Loading />
        ) : plans.error ? (
          <ErrorState message={problemMessage(t, plans.error)} onRetry={plans.reload} />
        ) : (
          <p className="muted">{t('plan.none')}</p>
        )}
        <p className="actions">
          <Link className="btn btn-primary" to="/plan/new">
            {t('plan.form.new')}
          </Link>
        </p>
      </section>
    );
  }
  const pr = progress.data;
  const en = i18n.language === 'en';

  async function open() {
    setBusy('open');
    setError(null);
    try {
      await endpoints.openPeriod(plan!.id, year);
      setNotice(t('plan.opened', { year }));
      progress.reload();
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  }

  async function download(format: ProvincialFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadProvincial(plan!.id, year, format, i18n.language);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  }

  const years: number[] = [];
  for (let y = thisYear + 1; y >= Math.max(thisYear - 5, 2016); y--) years.push(y);

  return (
    <section className="page plan-page">
      <p className="eyebrow">{t('plan.kicker')}</p>
      <h1>{t('plan.title')}</h1>
      <p className="lead">
        {t('plan.decision', { number: plan.number, date: formatDate(plan.date, i18n.language), issuer: plan.issuer })}{' '}
        {en && plan.titleEn ? plan.titleEn : plan.title}
      </p>
      <p className="actions">
        <Link className="btn btn-secondary" to={`/plan/${encodeURIComponent(plan.id)}/edit`}>
          {t('plan.form.edit')}
        </Link>
        <Link className="btn btn-secondary" to="/plan/new">
          {t('plan.form.new')}
        </Link>
      </p>

      <div className="plan-toolbar">
        {plans.data && plans.data.length > 1 && (
          <label className="inline-field">
            <span>{t('plan.form.which')}</span>
            <select
              value={plan.id}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set('plan', e.target.value);
                setParams(next, { replace: true });
              }}
            >
              {plans.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline-field">
          <span>{t('plan.year')}</span>
          <select
            value={year}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('year', e.target.value);
              setParams(next, { replace: true });
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {pr && !pr.open && (
          <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void open()}>
            {t('plan.open', { year })}
          </button>
        )}
        <div className="paper-links" role="group" aria-label={t('plan.download')}>
          <span className="strong small">{t('plan.download')}:</span>
          {FORMATS.map((f) => (
            <button key={f} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void download(f)} data-format={f}>
              {t(`plan.format.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {error && <Notice message={error} tone="error" />}
      {notice && <Notice message={notice} />}

      {!pr ? (
        progress.loading ? (
          <Loading />
        ) : (
          <ErrorState message={problemMessage(t, progress.error)} onRetry={progress.reload} />
        )
      ) : (
        <>
          <PeriodCard progress={pr} />
          <section className="listing-section" aria-labelledby="targets-title">
            <h2 id="targets-title">{t('plan.targets')}</h2>
            <DataTable
              columns={[t('plan.col.target'), t('plan.col.milestone'), t('plan.col.year', { year }), t('plan.col.cumulative'), '%', t('plan.col.light'), t('plan.col.trend')]}
              className="table responsive plan-table"
            >
              {pr.targets.map((tp) => (
                <TargetRow key={tp.code} target={tp} />
              ))}
            </DataTable>
          </section>
          <AgencyTable progress={pr} />
        </>
      )}
    </section>
  );
}

function PeriodCard({ progress: pr }: { progress: PlanProgress }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="dashboard-cards">
      <section className="side-card" aria-labelledby="period-title">
        <h2 id="period-title" className="h3">
          {t('plan.period', { year: pr.year })}
        </h2>
        <p>{t('plan.periodSpan', { from: formatDate(pr.period.firstDay, lang), to: formatDate(pr.period.lastDay, lang), due: formatDate(pr.period.dueDay, lang) })}</p>
        <p className="small">
          {pr.open ? t('plan.isOpen') : t('plan.notOpen')} {pr.open && pr.daysLeft > 0 && t('plan.daysLeft', { count: pr.daysLeft })}
        </p>
      </section>
      <section className="side-card" aria-labelledby="missing-title">
        <h2 id="missing-title" className="h3">
          {t('plan.reporting')}
        </h2>
        <p className="stat-big" data-testid="missing">
          {t('plan.reported', { count: pr.agencies.length - pr.missing, total: pr.agencies.length })}
        </p>
        {pr.overdue > 0 && <p className="field-error">{t('plan.overdueCount', { count: pr.overdue })}</p>}
      </section>
    </div>
  );
}

function TargetRow({ target: tp }: { target: TargetProgress }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const unit = en && tp.unitEn ? tp.unitEn : tp.unit;
  const num = (v?: number) => (v === undefined || v === null ? '–' : formatNumber(v));
  return (
    <tr data-target={tp.code}>
      <td data-label={t('plan.col.target')}>
        <span className="strong">
          {tp.code}. {en && tp.indicatorEn ? tp.indicatorEn : tp.indicator}
        </span>
        <br />
        <span className="small muted">
          {tp.source === 'platform' ? t('plan.counted') : t('plan.reportedBy')} · {inLang(tp.responsible.name, tp.responsible.nameEn, i18n.language)}
          {tp.responsible.current && ` (${t('plan.now', { name: inLang(tp.responsible.current, tp.responsible.currentEn, i18n.language) })})`}
        </span>
        {tp.notes.length > 0 && (
          <ul className="small plan-notes">
            {tp.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </td>
      <td data-label={t('plan.col.milestone')} className="num nowrap">
        {t('plan.amount', { count: tp.milestone.value, value: formatNumber(tp.milestone.value), unit, one: (en && tp.unitEnOne) || unit })} ({tp.milestone.year})
      </td>
      <td data-label={t('plan.col.year', { year: '' })} className="num">
        {num(tp.value)}
      </td>
      <td data-label={t('plan.col.cumulative')} className="num">
        {num(tp.cumulative)}
      </td>
      <td data-label="%" className="num">
        {tp.percent === undefined ? '–' : `${tp.percent}%`}
      </td>
      <td data-label={t('plan.col.light')}>
        <span className={`light light-${tp.light}`} data-light={tp.light}>
          {t(`plan.light.${tp.light}`)}
        </span>
      </td>
      <td data-label={t('plan.col.trend')}>
        <YearChart target={tp} />
      </td>
    </tr>
  );
}

/** Cumulative value per year as small bars against the milestone. */
function YearChart({ target: tp }: { target: TargetProgress }) {
  const { t } = useTranslation();
  const years = tp.years.slice(-6);
  if (years.length === 0) return <span className="muted small">–</span>;
  const top = Math.max(tp.milestone.value, ...years.map((y) => y.cumulative), 1);
  return (
    <div className="year-chart" role="img" aria-label={years.map((y) => t('plan.chartPoint', { year: y.year, value: y.cumulative })).join('; ')}>
      {years.map((y) => (
        <span key={y.year} className="year-bar" title={`${y.year}: ${formatNumber(y.cumulative)}`}>
          <span className="year-bar-fill" style={{ height: `${Math.max(4, (y.cumulative / top) * 100)}%` }} />
          <span className="year-bar-label">{String(y.year).slice(2)}</span>
        </span>
      ))}
    </div>
  );
}

function AgencyTable({ progress: pr }: { progress: PlanProgress }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="listing-section" aria-labelledby="agencies-title">
      <h2 id="agencies-title">{t('plan.agencies')}</h2>
      {pr.agencies.length === 0 ? (
        <p className="muted">{t('plan.noAgencies')}</p>
      ) : (
        <DataTable columns={[t('plan.col.agency'), t('plan.col.state'), t('plan.col.sent')]} className="table responsive">
          {pr.agencies.map((a) => (
            <tr key={a.code} data-agency={a.code} className={a.overdue ? 'row-overdue' : undefined}>
              <td data-label={t('plan.col.agency')}>
                {a.reportId ? <Link to={`/plan/reports/${encodeURIComponent(a.reportId)}`}>{inLang(a.name, a.nameEn, i18n.language)}</Link> : inLang(a.name, a.nameEn, i18n.language)}
              </td>
              <td data-label={t('plan.col.state')}>
                <span className={`badge report-${a.state}`}>{t(`plan.state.${a.state}`)}</span>
                {a.overdue && <span className="badge badge-danger">{t('plan.overdue')}</span>}
              </td>
              <td data-label={t('plan.col.sent')}>{a.submittedAt ? formatDate(a.submittedAt, i18n.language) : '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
