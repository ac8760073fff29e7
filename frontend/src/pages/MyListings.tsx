// My listings: the listings of every organisation the user belongs to,
// by state, with a warning and a one-click renewal for published listings
// that expire within 30 days.
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { LISTING_STATES, type Listing, type ListingState } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PagedTable } from '../components/DataTable';
import { KindBadge, ListingStateBadge } from '../components/ListingBadges';
import { MATCH_LIMIT } from '../components/Matches';
import { Notice } from '../components/Status';
import { Tabs } from '../components/Tabs';
import { formatDate } from '../lib/format';
import { expiresSoon } from '../lib/listing';
import { limiter } from '../lib/matching';
import { problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;
type Tab = 'all' | ListingState;
const TABS: readonly Tab[] = ['all', ...LISTING_STATES];

function parseTab(v: string | null): Tab {
  return (TABS as readonly string[]).includes(v ?? '') ? (v as Tab) : 'all';
}

export default function MyListings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { me } = useAuth();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get('state'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(
    () => endpoints.myListings({ state: tab === 'all' ? undefined : tab }, page, PAGE_SIZE),
    [tab, page],
  );
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | null>(
    (location.state as { notice?: string } | null)?.notice
      ? { text: (location.state as { notice: string }).notice, tone: 'success' }
      : null,
  );
  const [busyId, setBusyId] = useState<string | null>(null);
  useTitle(t('myListings.title'));
  const orgs = me?.organizations ?? [];
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? '';

  function go(next: { tab?: Tab; page?: number }) {
    const s = next.tab ?? tab;
    const p = next.page ?? 1;
    const q: Record<string, string> = {};
    if (s !== 'all') q.state = s;
    if (p > 1) q.page = String(p);
    setParams(q);
  }

  async function renew(l: Listing) {
    setBusyId(l.id);
    setNotice(null);
    try {
      const updated = await endpoints.listingAction(l.id, 'renew', l.version);
      setNotice({
        text: t('myListings.renewed', { title: l.title, date: formatDate(updated.validUntil, lang) }),
        tone: 'success',
      });
      await reload();
    } catch (err) {
      setNotice({
        text: err instanceof ApiError && err.status === 412 ? t('ownerPanel.stale') : problemMessage(t, err),
        tone: 'error',
      });
      if (err instanceof ApiError && err.status === 412) await reload();
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('myListings.title')}</h1>
        {orgs.length > 0 && (
          <Link className="btn btn-primary" to="/listings/new">
            <span aria-hidden="true">+ </span>
            {t('myListings.new')}
          </Link>
        )}
      </div>
      <p className="lead">{t('myListings.intro')}</p>

      <Tabs
        tabs={TABS}
        current={tab}
        label={t('myListings.tabs')}
        panelId="my-listings-panel"
        tabLabel={(s) => (s === 'all' ? t('myListings.all') : t(`listingState.${s}`))}
        onSelect={(s) => go({ tab: s })}
      />

      <div id="my-listings-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <Notice message={notice?.text} tone={notice?.tone} />
        <PagedTable
          data={data}
          loading={loading}
          error={error}
          onRetry={reload}
          empty={
            <div className="empty">
              <p>{tab === 'all' ? t('myListings.emptyAll') : t('myListings.empty')}</p>
              {tab === 'all' && orgs.length > 0 && (
                <Link className="btn btn-primary" to="/listings/new">
                  {t('myListings.new')}
                </Link>
              )}
            </div>
          }
          columns={[
            t('myListings.listing'),
            orgs.length > 1 && t('myListings.organization'),
            t('myListings.state'),
            t('myListings.updatedAt'),
            t('myListings.validUntil'),
            t('myListings.matches'),
          ]}
          actions
          className="table responsive listings-table"
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => go({ page: p })}
          row={(l) => {
            const days = expiresSoon(l);
            return (
              <tr key={l.id} data-listing-id={l.id}>
                <td data-label={t('myListings.listing')}>
                  <KindBadge kind={l.kind} />
                  <p>
                    <Link to={`/listings/${encodeURIComponent(l.id)}`} className="strong">
                      {l.title}
                    </Link>
                  </p>
                </td>
                {orgs.length > 1 && <td data-label={t('myListings.organization')}>{orgName(l.orgId)}</td>}
                <td data-label={t('myListings.state')}>
                  <ListingStateBadge state={l.state} />
                </td>
                <td data-label={t('myListings.updatedAt')}>{formatDate(l.updatedAt, lang)}</td>
                <td data-label={t('myListings.validUntil')}>
                  {l.state === 'published' && l.validUntil ? formatDate(l.validUntil, lang) : t('common.none')}
                  {days !== null && (
                    <p className="expiry-note">
                      <span aria-hidden="true">⚠ </span>
                      {days > 0 ? t('myListings.expiresIn', { count: days }) : t('myListings.expired')}
                    </p>
                  )}
                </td>
                <td data-label={t('myListings.matches')}>
                  {l.state === 'published' ? <MatchSummary listing={l} /> : t('common.none')}
                </td>
                <td className="cell-actions">
                  <span className="button-row">
                    {days !== null && (
                      <button
                        type="button"
                        className="btn btn-primary btn-small"
                        disabled={busyId === l.id}
                        aria-label={t('myListings.renewLabel', { title: l.title })}
                        onClick={() => void renew(l)}
                      >
                        {busyId === l.id ? t('common.working') : t('ownerActions.renew')}
                      </button>
                    )}
                    {(l.state === 'draft' || l.state === 'rejected' || l.state === 'published') && (
                      <Link
                        className="btn btn-secondary btn-small"
                        to={`/listings/${encodeURIComponent(l.id)}/edit`}
                        aria-label={t('myListings.editLabel', { title: l.title })}
                      >
                        {t('ownerActions.edit')}
                      </Link>
                    )}
                  </span>
                </td>
              </tr>
            );
          }}
        />
      </div>
    </section>
  );
}

/** Match counts are asked for three listings at a time. */
const matchQueue = limiter(3);

/** A published listing's suggested matches: how many, the best score, and a link to them. */
function MatchSummary({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const { data, error } = useAsync(() => matchQueue(() => endpoints.matches(listing.id, MATCH_LIMIT)), [listing.id, listing.version]);
  if (error) return <>{t('common.none')}</>;
  if (!data) return <span className="muted small">{t('app.loading')}</span>;
  const best = data.reduce((m, x) => Math.max(m, Math.round(x.score)), 0);
  return (
    <Link
      to={`/listings/${encodeURIComponent(listing.id)}#matches`}
      aria-label={t('myListings.matchesLabel', { count: data.length, title: listing.title })}
      className="match-summary"
    >
      {data.length === 0
        ? t('myListings.noMatches')
        : t('myListings.matchCount', { count: data.length, shown: data.length >= MATCH_LIMIT ? `${MATCH_LIMIT}+` : String(data.length), best })}
    </Link>
  );
}
