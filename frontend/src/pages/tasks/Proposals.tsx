// Proposals of S&T tasks as a list: a member's organisations' proposals,
// or (officers) every proposal sent, by state. A member writes a new one.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { PROPOSAL_STATES, tasksApi } from './tasksApi';

export default function Proposals() {
  const { t, i18n } = useTranslation();
  const { hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const staff = hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const scope = staff ? 'all' : 'mine';
  const list = useAsync(
    () => (ready ? tasksApi.proposals({ scope, state: state || undefined, pageSize: 100 }) : new Promise<never>(() => undefined)),
    [ready, scope, state],
  );
  const options = useAsync(() => (ready && !staff ? tasksApi.proposalOptions() : Promise.resolve({ orgs: [] })), [ready, staff]);
  useTitle(t('tasksProposals.listTitle'));

  if (list.error) return <ErrorState message={problemMessage(t, list.error)} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const counts = list.data.counts;
  return (
    <section className="page task-proposals">
      <div className="page-head">
        <div>
          <h1>{t('tasksProposals.listTitle')}</h1>
          <p className="lead">{staff ? t('tasksProposals.introAll') : t('tasksProposals.intro')}</p>
        </div>
        <p className="button-row">
          {staff && (
            <Link className="btn btn-secondary" to="/tasks/rounds">
              {t('tasksProposals.toRounds')}
            </Link>
          )}
          {(options.data?.orgs.length ?? 0) > 0 && (
            <Link className="btn btn-primary" to="/tasks/proposals/new">
              {t('tasksProposals.new')}
            </Link>
          )}
        </p>
      </div>
      <ul className="state-counts" aria-label={t('tasksProposals.byState')}>
        {PROPOSAL_STATES.filter((s) => counts[s]).map((s) => (
          <li key={s}>
            <button
              type="button"
              className={state === s ? 'count-chip current' : 'count-chip'}
              aria-pressed={state === s}
              onClick={() => setParams(state === s ? {} : { state: s })}
            >
              {t(`tasks.proposalState.${s}`)} <span className="count">{counts[s]}</span>
            </button>
          </li>
        ))}
      </ul>
      {list.data.items.length === 0 ? (
        <p className="empty">{t('tasksProposals.empty')}</p>
      ) : (
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t('tasksProposals.field.title')}</th>
              <th scope="col">{t('tasksProposals.proposer')}</th>
              <th scope="col">{t('tasksProposals.stateCol')}</th>
              <th scope="col">{t('tasksProposals.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((p) => (
              <tr key={p.id} data-proposal-id={p.id}>
                <td data-label={t('tasksProposals.field.title')}>
                  <Link to={`/tasks/proposals/${encodeURIComponent(p.id)}`}>{p.title || t('tasksProposals.untitled')}</Link>
                  <p className="muted small">
                    {t(`tasks.kind.${p.kind}`)} · {t(`tasks.urgency.${p.urgency}`)}
                  </p>
                </td>
                <td data-label={t('tasksProposals.proposer')}>{p.proposer.name}</td>
                <td data-label={t('tasksProposals.stateCol')}>
                  <span className={`badge proposal-${p.state}`}>{t(`tasks.proposalState.${p.state}`)}</span>
                </td>
                <td data-label={t('tasksProposals.updated')}>{formatDate(p.updatedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
