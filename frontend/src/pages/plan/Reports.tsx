// Annual reports on the plan: an agency's own, or every agency's for
// officers, newest year first.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { inLang } from './lib';

export default function Reports() {
  const { t, i18n } = useTranslation();
  useTitle(t('plan.reports.title'));
  const { data, error, loading, reload } = useAsync(() => endpoints.reports({}), []);
  return (
    <section className="page">
      <p className="eyebrow">{t('plan.kicker')}</p>
      <h1>{t('plan.reports.title')}</h1>
      <p className="lead">{t('plan.reports.intro')}</p>
      {!data ? (
        loading ? (
          <Loading />
        ) : (
          <ErrorState message={problemMessage(t, error)} onRetry={reload} />
        )
      ) : data.length === 0 ? (
        <p className="muted">{t('plan.reports.none')}</p>
      ) : (
        <DataTable columns={[t('plan.col.year', { year: '' }), t('plan.col.agency'), t('plan.col.state'), t('plan.col.due')]} className="table responsive">
          {data.map((r) => (
            <tr key={r.id} data-report={r.id}>
              <td data-label={t('plan.col.year', { year: '' })}>{r.year}</td>
              <td data-label={t('plan.col.agency')}>
                <Link to={`/plan/reports/${encodeURIComponent(r.id)}`} className="strong">
                  {inLang(r.agencyName, r.agencyNameEn, i18n.language)}
                </Link>
                <br />
                <span className="small muted">{t('plan.reports.on', { number: r.planNumber })}</span>
              </td>
              <td data-label={t('plan.col.state')}>
                <span className={`badge report-${r.state}`}>{t(`plan.state.${r.state}`)}</span>
                {r.overdue && <span className="badge badge-danger">{t('plan.overdue')}</span>}
              </td>
              <td data-label={t('plan.col.due')}>{formatDate(r.dueDay, i18n.language)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
