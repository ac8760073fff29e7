// What the event screens say about an event's dates and registration window.
import type { TFunction } from 'i18next';
import type { Event } from '../../api/events';
import { formatDay, todayInVietnam } from '../../lib/listing';

export function eventDates(t: TFunction, e: Pick<Event, 'startDate' | 'endDate'>): string {
  if (!e.startDate) return '';
  if (!e.endDate || e.endDate === e.startDate) return t('events.oneDay', { day: formatDay(e.startDate) });
  return t('events.dates', { start: formatDay(e.startDate), end: formatDay(e.endDate) });
}

/** The registration window against today (Vietnam): open, not yet, or over. */
export function registrationStatus(e: Pick<Event, 'registrationOpens' | 'registrationCloses'>, today = todayInVietnam()): 'open' | 'soon' | 'closed' {
  if (e.registrationOpens && today < e.registrationOpens) return 'soon';
  if (e.registrationCloses && today > e.registrationCloses) return 'closed';
  return 'open';
}

/** An event's name in the page's language (Vietnamese where no English was entered). */
export function eventName(e: { name: string; nameEn?: string }, lang: string): string {
  return lang === 'en' && e.nameEn ? e.nameEn : e.name;
}
