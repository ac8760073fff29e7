import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import type { PlatformRole } from '../api/types';
import { useTitle } from '../lib/useTitle';
import { Loading } from './Status';

export function Forbidden() {
  const { t } = useTranslation();
  useTitle(t('forbidden.title'));
  return (
    <section className="page narrow">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
    </section>
  );
}

/** Only for logged-in users (and, when given, one of `roles`). */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: PlatformRole[] }) {
  const { status, hasRole } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status !== 'authenticated') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !hasRole(...roles)) return <Forbidden />;
  return <>{children}</>;
}

/** Accepts only same-site paths as a post-login destination. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
