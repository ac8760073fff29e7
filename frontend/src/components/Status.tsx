import { useTranslation } from 'react-i18next';
import type { OrgStatus } from '../api/types';

export function StatusBadge({ status }: { status: OrgStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {t(`orgStatus.${status}`)}
    </span>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t('app.loading')}
    </p>
  );
}

/** A polite live region for success messages ("Saved", "Verified"). */
export function Notice({ message, tone = 'success' }: { message?: string | null; tone?: 'success' | 'info' | 'error' }) {
  return (
    <div role="status" aria-live="polite" className="notice-region">
      {message ? <p className={`alert alert-${tone}`}>{message}</p> : null}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
