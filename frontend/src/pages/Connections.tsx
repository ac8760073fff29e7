// "Kết nối của tôi" (my connections): interests the user's organisations
// expressed or received and what became of them, by state, with the stale
// ones marked. Officers without an organisation see every connection.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { CONNECTION_STATES, type Connection, type ConnectionState, type Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConnectionStateBadge, StaleBadge } from '../components/ConnectionBadges';
import { PagedTable } from '../components/DataTable';
import { KindBadge } from '../components/ListingBadges';
import { Tabs } from '../components/Tabs';
import { formatDate } from '../lib/format';
import { useTermLabels } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;
const PANEL_ID = 'connections-panel';
type Tab = 'all' | ConnectionState;
const TABS: readonly Tab[] = ['all', ...CONNECTION_STATES];

function parseTab(v: string | null): Tab {
  return (TABS as readonly string[]).includes(v ?? '') ? (v as Tab) : 'all';
}

/** Which side the user is on, and the organisation on the other side. */
export function sides(c: Connection, me: Me | null): { mine: 'owner' | 'party' | null; other: Connection['owner'] } {
  const ids = new Set((me?.organizations ?? []).map((o) => o.id));
  if (ids.has(c.owner.id)) return { mine: 'owner', other: c.party };
  if (ids.has(c.party.id)) return { mine: 'party', other: c.owner };
  return { mine: null, other: c.party };
}

export default function Connections() {
  const { t, i18n } = useTranslation();
  const labels = useTermLabels();
  const lang = i18n.language;
  const { me, hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get('state'));
  const stale = params.get('stale') === 'true';
  const listingId = params.get('listingId') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  // Officers follow every connection (their own organisation is the department).
  const scope = hasRole('officer', 'admin') ? 'all' : 'mine';
  const { data, error, loading, reload } = useAsync(
    () =>
      ready
        ? endpoints.connections({ scope, state: tab === 'all' ? undefined : tab, stale, listingId: listingId || undefined }, page, PAGE_SIZE)
        : new Promise<never>(() => undefined),
    [ready, scope, tab, stale, listingId, page],
  );
  useTitle(scope === 'all' ? t('connections.titleAll') : t('connections.title'));

  function go(next: { tab?: Tab; stale?: boolean; listingId?: string; page?: number }) {
    const q: Record<string, string> = {};
    const s = next.tab ?? tab;
    if (s !== 'all') q.state = s;
    if (next.stale ?? stale) q.stale = 'true';
    const l = next.listingId ?? listingId;
    if (l) q.listingId = l;
    const p = next.page ?? 1;
    if (p > 1) q.page = String(p);
    setParams(q);
  }

  return (
    <section className="page">
      <div className="page-head">
        <h1>{scope === 'all' ? t('connections.titleAll') : t('connections.title')}</h1>
        <Link className="btn btn-secondary" to={scope === 'all' ? '/transfers?scope=all' : '/transfers'}>
          {t('connections.toTransfers')}
        </Link>
      </div>
      <p className="lead">{scope === 'all' ? t('connections.introAll') : t('connections.intro')}</p>

      <Tabs
        tabs={TABS}
        current={tab}
        label={t('connections.tabs')}
        panelId={PANEL_ID}
        tabLabel={(s) => (s === 'all' ? t('connections.all') : labels.connectionState(s))}
        onSelect={(s) => go({ tab: s })}
      />
      <div className="list-filters">
        <label className="check">
          <input type="checkbox" checked={stale} onChange={(e) => go({ stale: e.target.checked })} />
          {t('connections.onlyStale')}
        </label>
        {listingId && (
          <button type="button" className="chip" onClick={() => go({ listingId: '' })} aria-label={t('connections.clearListing')}>
            <span>{t('connections.forListing')}</span>
            <span aria-hidden="true" className="chip-x">
              ×
            </span>
          </button>
        )}
      </div>

      <div id={PANEL_ID} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <PagedTable
          data={data}
          loading={loading}
          error={error}
          onRetry={reload}
          empty={
            <div className="empty">
              <p>{tab === 'all' && !stale ? t('connections.emptyAll') : t('connections.empty')}</p>
              {tab === 'all' && !stale && (
                <Link className="btn btn-primary" to="/search">
                  {t('connections.findListings')}
                </Link>
              )}
            </div>
          }
          columns={[t('connections.listing'), scope === 'all' ? t('connections.parties') : t('connections.with'), t('connections.state'), t('connections.lastActivity')]}
          actions
          className="table responsive connections-table"
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => go({ page: p })}
          row={(c) => {
            const { mine, other } = sides(c, me);
            return (
              <tr key={c.id} data-connection-id={c.id} data-state={c.state}>
                <td data-label={t('connections.listing')}>
                  <KindBadge kind={c.listing.kind} />
                  <p>
                    <Link to={`/connections/${encodeURIComponent(c.id)}`} className="strong">
                      {c.listing.title}
                    </Link>
                  </p>
                </td>
                <td data-label={scope === 'all' ? t('connections.parties') : t('connections.with')}>
                  {mine ? (
                    <>
                      {other.name}
                      <p className="muted small">{mine === 'owner' ? t('connections.theyAreInterested') : t('connections.youAreInterested')}</p>
                    </>
                  ) : (
                    <>
                      {c.party.name} <span aria-hidden="true">→</span>
                      <span className="visually-hidden">{t('connections.interestedIn')}</span> {c.owner.name}
                    </>
                  )}
                </td>
                <td data-label={t('connections.state')}>
                  <span className="button-row">
                    <ConnectionStateBadge state={c.state} />
                    {c.stale && <StaleBadge />}
                  </span>
                </td>
                <td data-label={t('connections.lastActivity')}>{formatDate(c.lastMessageAt ?? c.stateChangedAt ?? c.updatedAt, lang)}</td>
                <td className="cell-actions">
                  <Link
                    className="btn btn-secondary btn-small"
                    to={`/connections/${encodeURIComponent(c.id)}`}
                    aria-label={t('connections.openLabel', { title: c.listing.title })}
                  >
                    {t('connections.open')}
                  </Link>
                </td>
              </tr>
            );
          }}
        />
      </div>
    </section>
  );
}
