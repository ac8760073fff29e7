// Where an event's page leads signed-in people on the day: their B2B
// meetings and deal log, and for officers the door's check-in. The event's
// page renders <MeetingLinks eventId={…} />; visitors see nothing.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';

export function MeetingLinks({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { status, hasRole } = useAuth();
  if (status !== 'authenticated') return null;
  const base = `/events/${encodeURIComponent(eventId)}`;
  return (
    <nav className="button-row meeting-links" aria-label={t('eventMeetingLinks.label')}>
      <Link className="btn btn-primary" to={`${base}/meetings`}>
        {t('eventMeetingLinks.meetings')}
      </Link>
      <Link className="btn btn-secondary" to={`${base}/deals`}>
        {t('eventMeetingLinks.deals')}
      </Link>
      {hasRole('officer', 'admin') && (
        <Link className="btn btn-secondary" to={`${base}/checkin`}>
          {t('eventMeetingLinks.checkIn')}
        </Link>
      )}
    </nav>
  );
}
