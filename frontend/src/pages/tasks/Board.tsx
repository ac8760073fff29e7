// The officers' board of commissioned S&T tasks (/tasks/board): every task
// by stage of the procedure, with how many are in each; others see the
// public tasks and their organisations' own.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate, formatVnd } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { tasksApi } from './tasksApi';

export default function Board() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const staff = hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const board = useAsync(
    () => (ready ? tasksApi.board({ state: state || undefined, pageSize: 100 }) : new Promise<never>(() => undefined)),
    [ready, state],
  );
  useTitle(t('tasks.boardTitle'));
  if (board.error) return <ErrorState message={problemMessage(t, board.error)} onRetry={board.reload} />;
  if (!board.data) return <Loading />;
  const b = board.data;
  return (
    <section className="page task-board">
      <div className="page-head">
        <div>
          <h1>{t('tasks.boardTitle')}</h1>
          <p className="lead">{staff ? t('tasks.boardIntro') : t('tasks.boardIntroPublic')}</p>
        </div>
        {staff && (
          <p className="button-row">
            <Link className="btn btn-secondary" to="/tasks/proposals">
              {t('tasks.toProposals')}
            </Link>
            <Link className="btn btn-secondary" to="/tasks/rounds">
              {t('tasks.toRounds')}
            </Link>
          </p>
        )}
      </div>
      <ul className="state-counts" aria-label={t('tasks.byStage')}>
        {b.states.map((s) => (
          <li key={s}>
            <button
              type="button"
              className={state === s ? 'count-chip current' : 'count-chip'}
              aria-pressed={state === s}
              onClick={() => setParams(state === s ? {} : { state: s })}
              data-stage={s}
            >
              {t(`tasks.state.${s}`)} <span className="count">{b.counts[s] ?? 0}</span>
            </button>
          </li>
        ))}
      </ul>
      {b.items.length === 0 ? (
        <p className="empty">{t('tasks.boardEmpty')}</p>
      ) : (
        <table className="table responsive task-table">
          <thead>
            <tr>
              <th scope="col">{t('tasks.code')}</th>
              <th scope="col">{t('tasks.title')}</th>
              <th scope="col">{t('tasks.stage')}</th>
              <th scope="col">{t('tasks.maxBudget')}</th>
              <th scope="col">{t('tasks.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {b.items.map((x) => (
              <tr key={x.id} data-task-id={x.id}>
                <td data-label={t('tasks.code')}>{x.code}</td>
                <td data-label={t('tasks.title')}>
                  <Link to={`/tasks/${encodeURIComponent(x.id)}`}>{x.title}</Link>
                  <p className="muted small">
                    {x.proposer.name} · {t(`tasks.mode.${x.order.mode}`)}
                  </p>
                </td>
                <td data-label={t('tasks.stage')}>
                  <span className={`badge task-${x.state}`}>{t(`tasks.state.${x.state}`)}</span>
                </td>
                <td data-label={t('tasks.maxBudget')}>{formatVnd(x.order.maxBudget, lang)}</td>
                <td data-label={t('tasks.updated')}>{formatDate(x.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
