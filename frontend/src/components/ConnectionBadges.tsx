import { useTranslation } from 'react-i18next';
import type { ConnectionState, Registration } from '../api/types';
import { useTermLabels } from '../lib/taxonomy';

export function ConnectionStateBadge({ state }: { state: ConnectionState }) {
  const labels = useTermLabels();
  return (
    <span className={`badge badge-conn-${state}`} data-state={state}>
      {labels.connectionState(state)}
    </span>
  );
}

/** A connection nobody has moved for a while (the server decides). */
export function StaleBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-stale" title={t('connections.staleHint')}>
      <span aria-hidden="true">⏳ </span>
      {t('connections.stale')}
    </span>
  );
}

/** The registration status; "overdue" wins over "due". */
export function RegistrationBadge({ registration, overdue: late }: { registration: Pick<Registration, 'status' | 'overdue'>; overdue?: boolean }) {
  const labels = useTermLabels();
  const overdue = registration.status === 'due' && !!(registration.overdue || late);
  return (
    <span className={`badge badge-reg-${overdue ? 'overdue' : registration.status}`} data-registration={overdue ? 'overdue' : registration.status}>
      {labels.registrationStatus(overdue ? 'overdue' : registration.status)}
    </span>
  );
}
