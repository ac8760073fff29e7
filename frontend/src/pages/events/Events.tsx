// Events ("Sự kiện"): the fairs, online techmarts and matchmaking days to
// come and those held, as cards. Officers also see drafts and start a new one.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { eventsApi, type Event } from '../../api/events';
import { useAuth } from '../../auth/AuthContext';
import { Pagination } from '../../components/Pagination';
import { ErrorState, Loading } from '../../components/Status';
import { Tabs } from '../../components/Tabs';
import { formatDay } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { eventDates, eventName, registrationStatus } from './eventText';

const PAGE_SIZE = 20;
type Tab = 'upcoming' | 'past' | 'draft';

export default function Events() {
  const { t, i18n } = useTranslation();
  const { hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const staff = status === 'authenticated' && hasRole('officer', 'admin');
  const tabs: Tab[] = staff ? ['upcoming', 'past', 'draft'] : ['upcoming', 'past'];
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') as Tab | null;
  const tab: Tab = raw && tabs.includes(raw) ? raw : 'upcoming';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(
    () =>
      ready
        ? eventsApi.list(tab === 'draft' ? { state: 'draft' } : { when: tab, state: staff ? 'published' : undefined }, page, PAGE_SIZE)
        : new Promise<never>(() => undefined),
    [ready, tab, page, staff],
  );
  useTitle(t('events.title'));

  function go(next: { tab?: Tab; page?: number }) {
    const q: Record<string, string> = {};
    const s = next.tab ?? tab;
    if (s !== 'upcoming') q.tab = s;
    if ((next.page ?? 1) > 1) q.page = String(next.page);
    setParams(q);
  }

  const empty = tab === 'past' ? t('events.emptyPast') : tab === 'draft' ? t('events.emptyDraft') : t('events.empty');
  return (
    <section className="page events-page">
      <div className="page-head">
        <h1>{t('events.title')}</h1>
        {staff && (
          <Link className="btn btn-primary" to="/officer/events/new">
            <span aria-hidden="true">+ </span>
            {t('events.new')}
          </Link>
        )}
      </div>
      <p className="lead">{t('events.intro')}</p>
      <Tabs
        tabs={tabs}
        current={tab}
        label={t('events.tabsLabel')}
        panelId="events-panel"
        tabLabel={(s) => t(`events.tab.${s}`)}
        onSelect={(s) => go({ tab: s })}
      />
      <div id="events-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {!data && loading && <Loading />}
        {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
        {data && data.items.length === 0 && <p className="empty">{empty}</p>}
        {data && data.items.length > 0 && (
          <ul className="results event-cards" aria-busy={loading}>
            {data.items.map((e) => (
              <EventCard key={e.id} event={e} lang={i18n.language} />
            ))}
          </ul>
        )}
        {data && data.total > (data.pageSize || PAGE_SIZE) && (
          <Pagination page={page} pageSize={data.pageSize || PAGE_SIZE} total={data.total} onPage={(p) => go({ page: p })} />
        )}
      </div>
    </section>
  );
}

/** The registration window as a badge (published events only). */
export function RegistrationBadge({ event: e }: { event: Event }) {
  const { t } = useTranslation();
  if (e.state !== 'published') return null;
  const s = e.registrationOpen ? 'open' : registrationStatus(e);
  return (
    <span className={`badge badge-window-${s === 'soon' ? 'upcoming' : s}`} data-registration={s}>
      {t(`events.regBadge.${s}`)}
    </span>
  );
}

function EventCard({ event: e, lang }: { event: Event; lang: string }) {
  const { t } = useTranslation();
  return (
    <li className="result event-card" data-event-id={e.id}>
      <div className="result-head">
        <span className="badge badge-kind">{t(`events.kind.${e.kind}`)}</span>
        {e.state !== 'published' && <span className={`badge badge-${e.state}`}>{t(`events.state.${e.state}`)}</span>}
        <RegistrationBadge event={e} />
      </div>
      <h2 className="result-title">
        <Link to={`/events/${encodeURIComponent(e.id)}`}>{eventName(e, lang)}</Link>
      </h2>
      <dl className="result-facts">
        <div>
          <dt>{t('events.when')}</dt>
          <dd>{eventDates(t, e)}</dd>
        </div>
        {e.venue && (
          <div>
            <dt>{t('events.venue')}</dt>
            <dd>{e.venue}</dd>
          </div>
        )}
        {e.registrationCloses && e.state === 'published' && (
          <div>
            <dt>{t('events.registrationLabel')}</dt>
            <dd>{t('events.registrationWindow', { opens: formatDay(e.registrationOpens), closes: formatDay(e.registrationCloses) })}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
