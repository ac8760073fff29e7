// Where an event's page leads the people who work it: an approved
// registrant's meetings, agenda and deal log; an officer's scheduler,
// door check-in, deal log and results report. Which links show is the
// event's `can`, decided by the server.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Event } from '../../api/events';

type Can = Event['can'];

const LINKS: { can: keyof Can; key: string; path: (base: string) => string }[] = [
  { can: 'meetings', key: 'meetings', path: (b) => `${b}/meetings` },
  { can: 'agenda', key: 'agenda', path: (b) => `${b}/agenda` },
  { can: 'schedule', key: 'schedule', path: (b) => `${b}/schedule` },
  { can: 'checkIn', key: 'checkIn', path: (b) => `${b}/checkin` },
  { can: 'deals', key: 'deals', path: (b) => `${b}/deals` },
  { can: 'report', key: 'report', path: (b) => `${b}/report` },
];

export function EventLinks({ eventId, can }: { eventId: string; can: Can }) {
  const { t } = useTranslation();
  const id = encodeURIComponent(eventId);
  const shown = LINKS.filter((l) => can[l.can]);
  if (shown.length === 0) return null;
  return (
    <nav className="button-row meeting-links" aria-label={t('eventMeetingLinks.label')}>
      {shown.map((l, i) => (
        <Link key={l.key} className={`btn ${i === 0 ? 'btn-primary' : 'btn-secondary'}`} to={l.path(`/events/${id}`)}>
          {t(`eventMeetingLinks.${l.key}`)}
        </Link>
      ))}
    </nav>
  );
}
