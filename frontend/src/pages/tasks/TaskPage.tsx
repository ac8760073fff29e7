// A commissioned S&T task (/tasks/:id): its title, the order of the
// approved list, its timeline, the public call's text while the call is
// open, and the way to the selection and contract pages as the task's
// state and `can` allow.
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Facts';
import { ErrorState, Loading } from '../../components/Status';
import { Timeline } from '../../components/Timeline';
import { formatVnd } from '../../lib/format';
import { formatDay } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { tasksApi, type Task, type TaskState } from './tasksApi';

// The states from which the selection page and the contract page have
// something to show or do.
const SELECTION_STATES: readonly TaskState[] = ['call_open', 'assigned', 'selecting', 'selected', 'appraised', 'decided'];
const CONTRACT_STATES: readonly TaskState[] = ['decided', 'contracted', 'acceptance', 'accepted', 'failed', 'registered'];

export function taskLinks(x: Task): { selection: boolean; contract: boolean } {
  const c = x.can;
  return {
    selection: SELECTION_STATES.includes(x.state) || c.open || c.closeCall || c.select || c.appraise || c.decide,
    contract: CONTRACT_STATES.includes(x.state) || c.contract || c.report || c.requestAcceptance || c.accept || c.publish,
  };
}

export default function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const task = useAsync(() => tasksApi.task(id), [id]);
  useTitle(task.data?.title ?? t('tasks.taskTitle'));
  if (task.error) return <ErrorState message={problemMessage(t, task.error)} onRetry={task.reload} />;
  if (!task.data) return <Loading />;
  const x = task.data;
  const links = taskLinks(x);
  const enc = encodeURIComponent(x.id);
  return (
    <section className="page task-page">
      <div className="page-head">
        <div>
          <p className="muted small">
            {x.code} · {t(`tasks.kind.${x.kind}`)}
          </p>
          <h1>{x.title}</h1>
        </div>
        <span className={`badge task-${x.state}`}>{t(`tasks.state.${x.state}`)}</span>
      </div>
      <p className="button-row">
        {links.selection && (
          <Link className="btn btn-primary" to={`/tasks/${enc}/selection`}>
            {x.state === 'call_open' || x.state === 'assigned' ? t('tasks.toCall') : t('tasks.toSelection')}
          </Link>
        )}
        {links.contract && (
          <Link className="btn btn-secondary" to={`/tasks/${enc}/contract`}>
            {t('tasks.toContract')}
          </Link>
        )}
      </p>

      {x.state === 'call_open' && (
        <section className="card task-call" aria-labelledby="task-call">
          <h2 id="task-call">{t('tasks.callTitle')}</h2>
          <p>
            {t('tasks.callText', {
              title: x.title,
              products: x.order.products.trim().replace(/[.;]+$/, ''), // the sentence adds its own full stop
              months: x.order.months,
              budget: formatVnd(x.order.maxBudget, lang),
            })}
          </p>
          {x.call && <p className="strong">{t('tasks.callWindow', { opens: formatDay(x.call.opens), closes: formatDay(x.call.closes) })}</p>}
        </section>
      )}

      <h2>{t('tasks.orderTitle')}</h2>
      <dl className="facts">
        <Fact label={t('tasks.list')}>{t('tasks.listText', { number: x.list.number, date: formatDay(x.list.date) })}</Fact>
        <Fact label={t('tasks.products')}>
          <span className="prose">{x.order.products}</span>
        </Fact>
        <Fact label={t('tasks.duration')}>{t('tasks.months', { count: x.order.months })}</Fact>
        <Fact label={t('tasks.maxBudget')}>{formatVnd(x.order.maxBudget, lang)}</Fact>
        <Fact label={t('tasks.modeLabel')}>
          {t(`tasks.mode.${x.order.mode}`)}
          {x.order.assignee && <> – {x.order.assignee.name}</>}
        </Fact>
        <Fact label={t('tasks.proposer')}>{x.proposer.name}</Fact>
        {x.performer && <Fact label={t('tasks.performer')}>{x.performer.name}</Fact>}
        {x.needId && (
          <Fact label={t('tasks.need')}>
            <Link to={`/listings/${encodeURIComponent(x.needId)}`}>{t('tasks.openNeed')}</Link>
          </Fact>
        )}
        {x.objectives && (
          <Fact label={t('tasks.objectives')}>
            <span className="prose">{x.objectives}</span>
          </Fact>
        )}
      </dl>

      <h2>{t('tasks.timeline')}</h2>
      <Timeline
        label={t('tasks.timeline')}
        items={x.history.map((h, i) => ({
          key: `${h.state}-${i}`,
          label: t(`tasks.state.${h.state}`),
          at: h.at,
          note: h.note,
          status: i === x.history.length - 1 ? 'current' : 'done',
        }))}
      />
    </section>
  );
}
