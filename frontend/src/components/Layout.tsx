import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { provinceName, useConfig } from '../lib/config';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

function SessionExpiredBanner() {
  const { t } = useTranslation();
  const { sessionExpired, status } = useAuth();
  const location = useLocation();
  if (!sessionExpired || status === 'authenticated' || location.pathname === '/login') return null;
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <div className="alert alert-warning session-banner" role="alert">
      <p>{t('session.expired')}</p>
      <Link className="btn btn-primary" to={`/login?next=${next}`}>
        {t('session.loginAgain')}
      </Link>
    </div>
  );
}

/**
 * Closes a menu when the page changes, during render rather than in an
 * effect: an effect would also run on mount and, flushed after a quick first
 * click, undo it.
 */
function useClosedOnNavigation(pathname: string, setOpen: (open: boolean) => void) {
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }
}

/**
 * A disclosure that closes on Escape (focus back on its button), on a click
 * or focus elsewhere, and on navigation: the account menu and the nav groups.
 */
function useDisclosure(pathname: string) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement & HTMLLIElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useClosedOnNavigation(pathname, setOpen);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    const onFocus = (e: FocusEvent) => {
      if (box.current && e.target instanceof Node && !box.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  return { open, setOpen, box, toggle };
}

/**
 * "Tài khoản" (Account): a disclosure with the person's name that opens their
 * account links and log-out.
 */
function AccountMenu({ name, email, onLogout }: { name: string; email: string; onLogout: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { open, setOpen, box, toggle } = useDisclosure(location.pathname);

  return (
    <div className="account signed-in" ref={box}>
      <button
        ref={toggle}
        type="button"
        className={location.pathname.startsWith('/account/') ? 'account-toggle current' : 'account-toggle'}
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={t('nav.accountOf', { name })}
        title={email}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="account-label">{t('nav.account')}</span>
        <span className="account-name">{name}</span>
        <span className="caret" aria-hidden="true" />
      </button>
      <div id="account-menu" className="account-menu" hidden={!open}>
        <p className="account-email">{email}</p>
        <ul>
          <li>
            <NavLink to="/account/password">{t('nav.changePassword')}</NavLink>
          </li>
          <li>
            <NavLink to="/account/notifications">{t('nav.notificationSettings')}</NavLink>
          </li>
          <li>
            <button type="button" className="btn btn-secondary btn-small" onClick={onLogout}>
              {t('nav.logout')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

export interface NavGroupLink {
  to: string;
  label: string;
  current: boolean;
}

/**
 * A group of links under one short name in the main navigation ("Hỗ trợ"):
 * a button that unfolds them (a drop-down on wide screens, inline on phones).
 */
function NavGroup({ id, label, links, active }: { id: string; label: string; links: NavGroupLink[]; active?: boolean }) {
  const location = useLocation();
  const { open, setOpen, box, toggle } = useDisclosure(location.pathname);
  // The group is where one is when one of its links is, or (support) anywhere in its part of the site.
  const current = active ?? links.some((l) => l.current);
  return (
    <li className="nav-group" ref={box}>
      <button
        ref={toggle}
        type="button"
        className={current ? 'nav-group-toggle current' : 'nav-group-toggle'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span className="caret" aria-hidden="true" />
      </button>
      <ul id={id} className="nav-group-menu" hidden={!open}>
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to} aria-current={l.current ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The support links a person gets: programmes, their kind of application list, the money. */
export function supportLinks(
  t: (k: string) => string,
  who: { member: boolean; officer: boolean; reviewer: boolean },
  at: { pathname: string; search: string },
): NavGroupLink[] {
  const scope = new URLSearchParams(at.search).get('scope');
  const onList = at.pathname === '/support/applications';
  // Where the list lands without a scope: the same order as the list's own tabs.
  const defaultScope = who.officer ? 'all' : who.reviewer ? 'assigned' : 'mine';
  const list = (s: string) => onList && (scope ?? defaultScope) === s;
  const links: NavGroupLink[] = [
    {
      to: '/support',
      label: t('nav.supportPrograms'),
      current: at.pathname === '/support' || /^\/support\/(?!applications(\/|$)|dashboard$)[^/]+$/.test(at.pathname),
    },
  ];
  if (who.officer) links.push({ to: '/support/applications?scope=all', label: t('nav.supportQueue'), current: list('all') });
  if (who.reviewer) links.push({ to: '/support/applications?scope=assigned', label: t('nav.supportAssigned'), current: list('assigned') });
  if (who.member) links.push({ to: '/support/applications?scope=mine', label: t('nav.supportMine'), current: list('mine') });
  links.push({ to: '/support/dashboard', label: t('nav.supportDashboard'), current: at.pathname === '/support/dashboard' });
  return links;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { status, me, hasRole, logout } = useAuth();
  const config = useConfig();
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  useClosedOnNavigation(location.pathname, setMenuOpen);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus to the new page's heading on navigation, so screen-reader
  // users hear where they are.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
  }, [location.pathname]);

  const authed = status === 'authenticated' && me;
  const isStaff = authed && hasRole('officer', 'admin');
  // A plan's reporting agency does not trade on the marketplace: its
  // members get no listings or connections unless they also belong to an
  // organisation that does (the organisations' kinds come from /me).
  const marketMember = !!authed && me.organizations.some((o) => (o.kind as string) !== 'agency');
  const isAdmin = authed && hasRole('admin');
  const province = provinceName(config, i18n.language);

  async function onLogout() {
    await logout();
    navigate('/');
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner container">
          <Link to="/" className="brand" aria-label={t('app.homeLink')}>
            <span className="brand-mark" aria-hidden="true">
              T
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.brand')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <NavLink to="/search" className="header-search">
              <span className="search-icon" aria-hidden="true" />
              <span className="header-search-label">{t('nav.search')}</span>
            </NavLink>
            {authed && <NotificationBell />}
            <LanguageSwitch />
            <button
              type="button"
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls="site-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              <span className="menu-icon" aria-hidden="true" />
              <span className="menu-label">{menuOpen ? t('nav.closeMenu') : t('nav.menu')}</span>
            </button>
          </div>
          <nav id="site-nav" className={menuOpen ? 'site-nav open' : 'site-nav'} aria-label={t('nav.main')}>
            <ul className="nav-links">
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <NavGroup
                id="nav-support"
                label={t('nav.support')}
                active={location.pathname === '/support' || location.pathname.startsWith('/support/')}
                links={supportLinks(
                  t,
                  {
                    // Enterprises and other organisations apply; the department does not.
                    member: !!authed && me.organizations.some((o) => (o.kind as string) !== 'department'),
                    officer: !!isStaff,
                    reviewer: !!authed && hasRole('reviewer'),
                  },
                  location,
                )}
              />
              <li>
                <NavLink to="/events">{t('events.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/results">{t('nav.results')}</NavLink>
              </li>
              {marketMember && (
                <li>
                  <NavLink to="/my/listings">{t('nav.myListings')}</NavLink>
                </li>
              )}
              {marketMember && !isStaff && (
                <li>
                  <NavLink to="/connections">{t('nav.connections')}</NavLink>
                </li>
              )}
              {authed && me.organizations.some((o) => (o.kind as string) === 'agency') && (
                <li>
                  <NavLink to="/plan/reports">{t('nav.planReports')}</NavLink>
                </li>
              )}
              {authed && !isStaff && me.can?.proposeTasks === true && (
                <li>
                  <NavLink to="/tasks/proposals">{t('nav.taskProposals')}</NavLink>
                </li>
              )}
              {authed && me.organizations.length > 0 && (
                <li>
                  <NavLink to="/organization">{t('nav.myOrganization')}</NavLink>
                </li>
              )}
              {isStaff && (
                <NavGroup
                  id="nav-officer"
                  label={t('nav.officerTools')}
                  links={[
                    { to: '/officer/organizations', label: t('nav.verificationQueue') },
                    { to: '/officer/listings', label: t('nav.listingQueue') },
                    { to: '/officer/pipeline', label: t('nav.pipeline') },
                    { to: '/tasks/board', label: t('nav.tasks') },
                    { to: '/plan', label: t('nav.plan') },
                    { to: '/officer/synonyms', label: t('query.nav') },
                    { to: '/audit', label: t('nav.auditLog') },
                    ...(isAdmin
                      ? [
                          { to: '/admin/users', label: t('nav.users') },
                          { to: '/admin/backups', label: t('nav.backups') },
                        ]
                      : []),
                  ].map((l) => ({ ...l, current: location.pathname === l.to || location.pathname.startsWith(`${l.to}/`) }))}
                />
              )}
            </ul>
            {authed ? (
              <AccountMenu name={me.user.fullName || me.user.email} email={me.user.email} onLogout={onLogout} />
            ) : status === 'loading' ? null : (
              <div className="account">
                <Link className="btn btn-secondary btn-small" to="/login">
                  {t('nav.login')}
                </Link>
                <Link className="btn btn-primary btn-small" to="/register">
                  {t('nav.register')}
                </Link>
              </div>
            )}
          </nav>
        </div>
      </header>
      <main id="main" ref={mainRef} className="container site-main">
        <SessionExpiredBanner />
        {children}
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>
            <strong>{t('app.brand')}</strong> – {t('app.tagline')}
          </p>
          <p>{province ? t('app.footerDepartment', { province }) : t('app.footerDepartmentNoProvince')}</p>
          <p className="muted">
            {t('app.footerAbout')}
            {config?.version ? ` ${t('app.version', { version: config.version })}` : ''}
          </p>
        </div>
      </footer>
    </div>
  );
}
