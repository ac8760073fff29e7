// Support programmes ("Chương trình hỗ trợ"): the calls for technology
// innovation that are open to applications, as cards. Officers also see the
// drafts (a state filter in the URL) and start a new programme.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { Program, ProgramState } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Pagination } from '../components/Pagination';
import { ErrorState, Loading } from '../components/Status';
import { Tabs } from '../components/Tabs';
import { formatVnd } from '../lib/format';
import { formatDay } from '../lib/listing';
import { problemMessage } from '../lib/messages';
import { windowStatus, windowText } from '../lib/support';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;
type Tab = 'all' | ProgramState;
const TABS: readonly Tab[] = ['all', 'published', 'draft'];

export default function SupportPrograms() {
  const { t } = useTranslation();
  const { hasRole, status } = useAuth();
  // Officers see drafts: wait for the session before asking.
  const ready = status !== 'loading';
  const staff = status === 'authenticated' && hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const raw = params.get('state') ?? 'all';
  const tab: Tab = staff && (TABS as readonly string[]).includes(raw) ? (raw as Tab) : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(
    () =>
      ready ? endpoints.programs(tab === 'all' ? undefined : tab, page, PAGE_SIZE) : new Promise<never>(() => undefined),
    [ready, tab, page, staff],
  );
  useTitle(t('support.title'));

  function go(next: { tab?: Tab; page?: number }) {
    const q: Record<string, string> = {};
    const s = next.tab ?? tab;
    if (s !== 'all') q.state = s;
    if ((next.page ?? 1) > 1) q.page = String(next.page);
    setParams(q);
  }

  const list = (
    <>
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && data.items.length === 0 && <p className="empty">{staff ? t('support.emptyStaff') : t('support.empty')}</p>}
      {data && data.items.length > 0 && (
        <ul className="results program-cards" aria-busy={loading}>
          {data.items.map((p) => (
            <ProgramCard key={p.id} program={p} />
          ))}
        </ul>
      )}
      {data && data.total > (data.pageSize || PAGE_SIZE) && (
        <Pagination page={page} pageSize={data.pageSize || PAGE_SIZE} total={data.total} onPage={(p) => go({ page: p })} />
      )}
    </>
  );

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('support.title')}</h1>
        {staff && (
          <Link className="btn btn-primary" to="/officer/support/new">
            <span aria-hidden="true">+ </span>
            {t('support.new')}
          </Link>
        )}
      </div>
      <p className="lead">{t('support.intro')}</p>
      {staff ? (
        <>
          <Tabs
            tabs={TABS}
            current={tab}
            label={t('support.tabs')}
            panelId="programs-panel"
            tabLabel={(s) => (s === 'all' ? t('support.all') : t(`programState.${s}`))}
            onSelect={(s) => go({ tab: s })}
          />
          <div id="programs-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
            {list}
          </div>
        </>
      ) : (
        list
      )}
    </section>
  );
}

/** The window's status as a badge: open now, opens later, closed (a draft accepts nothing yet: no badge). */
export function WindowBadge({ program }: { program: Program }) {
  const { t } = useTranslation();
  if (program.state !== 'published') return null;
  const s = windowStatus(program.window);
  return (
    <span className={`badge badge-window-${s}`} data-window={s}>
      {t(`support.windowBadge.${s}`)}
    </span>
  );
}

export function ProgramStateBadge({ state }: { state: Program['state'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`programState.${state}`)}</span>;
}

function ProgramCard({ program: p }: { program: Program }) {
  const { t } = useTranslation();
  const kinds = p.eligibility?.orgKinds ?? [];
  return (
    <li className="result program-card" data-program-id={p.id}>
      <div className="result-head">
        {p.state === 'draft' && <ProgramStateBadge state={p.state} />}
        <WindowBadge program={p} />
        {p.legalBasis?.number && (
          <span className="result-org">
            {t('support.legalBasisShort', { number: p.legalBasis.number, date: formatDay(p.legalBasis.date) })}
          </span>
        )}
      </div>
      <h2 className="result-title">
        <Link to={`/support/${encodeURIComponent(p.id)}`}>{p.name}</Link>
      </h2>
      {p.summary && <p className="result-summary">{p.summary}</p>}
      <p className="program-window">{windowText(t, p.window)}</p>
      <dl className="result-facts">
        <div>
          <dt>{t('supportFields.budget')}</dt>
          <dd className="price">{p.budget ? formatVnd(p.budget) : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('supportFields.capPerApplication')}</dt>
          <dd>{p.capPerApplication ? formatVnd(p.capPerApplication) : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('supportFields.maxSharePercent')}</dt>
          <dd>{p.maxSharePercent ? `${p.maxSharePercent} %` : t('common.none')}</dd>
        </div>
      </dl>
      {kinds.length > 0 && (
        <ul className="tags" aria-label={t('support.eligibleKinds')}>
          {kinds.map((k) => (
            <li key={k}>{t(`orgKind.${k}`)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
