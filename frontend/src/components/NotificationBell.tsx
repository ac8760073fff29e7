// The header's bell: the unread count, asked for every 60 seconds while
// signed in (and when the tab comes back), announced politely when it grows.
import { useEffect } from 'react';
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { formatNumber } from '../lib/format';
import { UNREAD_POLL_MS } from '../lib/matching';
import { setUnread, useUnread } from '../lib/unread';

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnread();

  useEffect(() => {
    let live = true;
    const poll = () => {
      if (typeof document !== 'undefined' && document.hidden) return;
      endpoints.unreadCount().then(
        (n) => live && setUnread(n),
        () => undefined,
      );
    };
    poll();
    const h = setInterval(poll, UNREAD_POLL_MS);
    const onVisible = () => {
      if (!document.hidden) poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      clearInterval(h);
      document.removeEventListener('visibilitychange', onVisible);
      // Signed out: the next person starts from nothing.
      setUnread(0);
    };
  }, []);

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <>
      <NavLink to="/notifications" className="header-bell" aria-label={label} title={label}>
        <span className="bell-icon" aria-hidden="true" />
        <span className="bell-count" data-count={unread} hidden={unread === 0}>
          {unread > 99 ? '99+' : formatNumber(unread)}
        </span>
      </NavLink>
      {/* Outside the link, whose name replaces its content: screen readers hear new notifications. */}
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="unread-live">
        {unread > 0 ? t('notifications.bellUnread', { count: unread }) : ''}
      </span>
    </>
  );
}
