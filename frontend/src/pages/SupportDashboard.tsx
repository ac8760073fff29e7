// The support budget in public ("Kinh phí hỗ trợ đổi mới công nghệ"):
// enterprises supported against the plan's target, the money of all
// programmes (committed, disbursed, remaining), each programme's ledger and
// the figures per year.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { ApplicationState } from '../api/types';
import { BudgetBar, percentOf, ProgressBar } from '../components/Bars';
import { DataTable } from '../components/DataTable';
import { ErrorState, Loading } from '../components/Status';
import { formatNumber, formatVnd } from '../lib/format';
import { problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

/** Applications that have left the applicant's hands (drafts are theirs alone). */
export function submittedCount(apps: Partial<Record<ApplicationState, number>>): number {
  return Object.entries(apps ?? {}).reduce((s, [k, n]) => (k === 'draft' ? s : s + (n ?? 0)), 0);
}

export default function SupportDashboard() {
  const { t } = useTranslation();
  const { data: d, error, loading, reload } = useAsync(() => endpoints.supportDashboard(), []);
  useTitle(t('dashboard.title'));

  if (!d) {
    return (
      <section className="page">
        <h1>{t('dashboard.title')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  // A plan's target is measured only while its period runs: one that has
  // ended is named with its period, not set against today's programmes.
  const target = d.target?.enterprises ?? 0;
  const current = !!d.target?.current && target > 0;
  const supported = current ? d.target.supported : d.supportedEnterprises;
  const pct = Math.round(percentOf(supported, target));
  const period = { basis: d.target?.basis, from: d.target?.from, year: d.target?.year };
  return (
    <section className="page dashboard-page">
      <p className="eyebrow">{t('support.kicker')}</p>
      <h1>{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.intro')}</p>

      <div className="dashboard-cards">
        <section className="side-card target-card" aria-labelledby="target-title">
          <h2 id="target-title" className="h3">
            {t('dashboard.target.title')}
          </h2>
          {current ? (
            <>
              <p className="stat-big" data-testid="supported">
                {t('dashboard.target.value', { count: supported, target })}
              </p>
              <ProgressBar
                value={supported}
                max={target}
                label={t('dashboard.target.bar', { count: supported, target, percent: pct })}
                testId="target-bar"
              />
              <p className="small muted">{t('dashboard.target.basis', { ...period, percent: pct })}</p>
            </>
          ) : (
            <>
              <p className="stat-big" data-testid="supported">
                {t('dashboard.target.count', { count: supported })}
              </p>
              {d.target?.basis && (
                <p className="small muted" data-testid="target-ended">
                  {t('dashboard.target.ended', { ...period, target })}
                </p>
              )}
            </>
          )}
          <p className="small">{t('dashboard.approved', { count: d.approvedApplications })}</p>
        </section>
        <section className="side-card" aria-labelledby="totals-title">
          <h2 id="totals-title" className="h3">
            {t('dashboard.totals')}
          </h2>
          <dl className="listing-facts">
            <div>
              <dt>{t('supportFields.budget')}</dt>
              <dd className="price" data-testid="total-budget">
                {formatVnd(d.totals.total)}
              </dd>
            </div>
          </dl>
          <BudgetBar budget={d.totals} />
        </section>
      </div>

      <section className="listing-section" aria-labelledby="programs-title">
        <h2 id="programs-title">{t('dashboard.programs')}</h2>
        {d.programs.length === 0 ? (
          <p className="muted">{t('dashboard.noPrograms')}</p>
        ) : (
          <DataTable
            columns={[
              t('dashboard.col.program'),
              t('supportFields.budget'),
              t('support.committed'),
              t('support.disbursed'),
              t('support.remaining'),
              t('dashboard.col.applications'),
            ]}
            className="table responsive dashboard-table"
          >
            {d.programs.map((p) => (
              <tr key={p.id} data-program-id={p.id}>
                <td data-label={t('dashboard.col.program')}>
                  <Link to={`/support/${encodeURIComponent(p.id)}`} className="strong">
                    {p.name}
                  </Link>
                  {p.total > 0 && <BudgetBar budget={p} compact />}
                </td>
                <td data-label={t('supportFields.budget')} className="num nowrap">
                  {formatVnd(p.total)}
                </td>
                <td data-label={t('support.committed')} className="num nowrap">
                  {formatVnd(p.committed)}
                </td>
                <td data-label={t('support.disbursed')} className="num nowrap">
                  {formatVnd(p.disbursed)}
                </td>
                <td data-label={t('support.remaining')} className="num nowrap">
                  {formatVnd(p.remaining)}
                </td>
                <td data-label={t('dashboard.col.applications')} className="num">
                  {formatNumber(submittedCount(p.applications))}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="listing-section" aria-labelledby="years-title">
        <h2 id="years-title">{t('dashboard.years')}</h2>
        {d.years.length === 0 ? (
          <p className="muted">{t('dashboard.noYears')}</p>
        ) : (
          <DataTable columns={[t('dashboard.col.year'), t('support.committed'), t('support.disbursed'), t('dashboard.col.enterprises')]} className="table responsive years-table">
            {d.years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td data-label={t('dashboard.col.year')} className="strong">
                  {y.year}
                </td>
                <td data-label={t('support.committed')} className="num nowrap">
                  {formatVnd(y.committed)}
                </td>
                <td data-label={t('support.disbursed')} className="num nowrap">
                  {formatVnd(y.disbursed)}
                </td>
                <td data-label={t('dashboard.col.enterprises')} className="num">
                  {formatNumber(y.enterprises)}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </section>
  );
}
