// Links from an event's page to the B2B schedule: the officer's scheduler
// screen and a registrant's own agenda. The event's page renders it with
// what the server's `can` says; it decides nothing itself.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export function ScheduleLinks({ eventId, canSchedule, hasAgenda }: { eventId: string; canSchedule: boolean; hasAgenda: boolean }) {
  const { t } = useTranslation();
  if (!canSchedule && !hasAgenda) return null;
  const id = encodeURIComponent(eventId);
  return (
    <p className="actions schedule-links">
      {hasAgenda && (
        <Link className="btn btn-primary" to={`/events/${id}/agenda`}>
          {t('eventScheduleLinks.agenda')}
        </Link>
      )}
      {canSchedule && (
        <Link className="btn btn-secondary" to={`/events/${id}/schedule`}>
          {t('eventScheduleLinks.schedule')}
        </Link>
      )}
    </p>
  );
}
