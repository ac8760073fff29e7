// An event's showcase on a page of its own: where a booth's QR code leads,
// light enough for a phone at the fair. The event's name and days head it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import { Showcase } from './Showcase';
import type { ShowcasePage as Page } from './showcaseApi';

export default function ShowcasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [ev, setEv] = useState<Page['event'] | null>(null);
  const name = ev ? eventName(ev, lang) : '';
  useTitle(ev ? t('showcase.pageTitle', { name }) : t('showcase.title'));
  const days = ev ? (ev.endDate && ev.endDate !== ev.startDate ? `${formatDate(ev.startDate, lang)} – ${formatDate(ev.endDate, lang)}` : formatDate(ev.startDate, lang)) : '';
  return (
    <section className="page showcase-page">
      <p className="eyebrow">{t('showcase.kicker')}</p>
      <h1>{ev ? name : t('showcase.title')}</h1>
      {ev && (
        <p className="lead showcase-when">
          {days}
          {ev.venue && <> · {ev.venue}</>}
          {ev.link && (
            <>
              {' · '}
              <a href={ev.link} rel="noopener" target="_blank">
                {t('showcase.online')}
              </a>
            </>
          )}
        </p>
      )}
      {ev && (
        <p>
          <Link to={`/events/${encodeURIComponent(id)}`}>{t('showcase.eventPage')}</Link>
        </p>
      )}
      <Showcase eventId={id} onLoad={(p) => setEv(p.event)} />
    </section>
  );
}
