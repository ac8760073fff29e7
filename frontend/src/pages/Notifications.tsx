// Notifications: what happened to the user's listings, interests and
// transfers, newest first; each links to its page and is marked read.
import { useSearchParams, Link, useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { AppNotification } from '../api/types';
import { Pagination } from '../components/Pagination';
import { ErrorState, Loading, Notice } from '../components/Status';
import { formatDateTime } from '../lib/format';
import { problemMessage } from '../lib/messages';
import { setUnread } from '../lib/unread';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;

/** Only paths inside the app are followed. */
function safeLink(link: string): string | null {
  return link.startsWith('/') && !link.startsWith('//') ? link : null;
}

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload, setData } = useAsync(async () => {
    const p = await endpoints.notifications(page, PAGE_SIZE);
    setUnread(p.unread ?? 0);
    return p;
  }, [page]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  useTitle(t('notifications.title'));

  async function mark(ids: string[] | 'all') {
    setBusy(true);
    setNotice(null);
    try {
      const unread = await endpoints.markRead(ids === 'all' ? { all: true } : { ids });
      setUnread(unread);
      if (data) {
        setData({
          ...data,
          unread,
          items: data.items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)),
        });
      }
      if (ids === 'all') setNotice({ text: t('notifications.allRead'), tone: 'success' });
    } catch (err) {
      setNotice({ text: problemMessage(t, err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function open(n: AppNotification) {
    const to = safeLink(n.link);
    if (!n.read) void mark([n.id]);
    if (to) navigate(to);
  }

  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('notifications.title')}</h1>
        <span className="button-row">
          {unread > 0 && (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void mark('all')}>
              {t('notifications.markAll')}
            </button>
          )}
          <Link className="btn btn-link" to="/account/notifications">
            {t('notifications.settings')}
          </Link>
        </span>
      </div>
      <p className="lead">{unread > 0 ? t('notifications.unreadCount', { count: unread }) : t('notifications.allCaughtUp')}</p>
      <Notice message={notice?.text} tone={notice?.tone} />
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && items.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
      {items.length > 0 && (
        <ul className="notification-list" aria-busy={loading}>
          {items.map((n) => {
            const to = safeLink(n.link);
            return (
              <li key={n.id} className={n.read ? 'notification' : 'notification unread'} data-kind={n.kind} data-read={n.read}>
                <span className="notification-dot" aria-hidden="true" />
                <div className="notification-body">
                  <p className="notification-text">
                    {!n.read && <span className="visually-hidden">{t('notifications.unread')}: </span>}
                    {to ? (
                      <a
                        href={to}
                        onClick={(e) => {
                          e.preventDefault();
                          open(n);
                        }}
                      >
                        {n.text}
                      </a>
                    ) : (
                      n.text
                    )}
                    {/* Unread notifications about one subject come as one; a digest counts its suggestions. */}
                    {(n.count ?? 1) > 1 && n.kind !== 'match_digest' && (
                      <span className="notification-count">{t('acct.notifications.count', { count: n.count })}</span>
                    )}
                  </p>
                  <p className="muted small">
                    <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
                  </p>
                </div>
                {!n.read && (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={busy}
                    aria-label={t('notifications.markOneLabel', { text: n.text })}
                    onClick={() => void mark([n.id])}
                  >
                    {t('notifications.markOne')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})} />
      )}
    </section>
  );
}
