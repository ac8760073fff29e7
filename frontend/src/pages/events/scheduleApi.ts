// The B2B schedule and agendas of an event: the officer's run of the
// scheduler and a registration's agenda (JSON, and the calendar file and
// printed paper fetched with the session's token).
import { api, dispositionName, ifMatch } from '../../api';
import type { components } from '../../api/schema.gen';
import { openFile } from '../../lib/download';

type S = components['schemas'];
export type EventSchedule = S['EventSchedule'];
export type EventAgenda = S['EventAgenda'];
export type AgendaItem = EventAgenda['items'][number];
export type ScheduledMeeting = EventSchedule['meetings'][number];
export type UnplacedReason = S['UnplacedReason'];
export type AgendaFile = 'ics' | 'pdf' | 'html';

const enc = encodeURIComponent;

export const scheduleApi = {
  schedule: (eventId: string) => api.get<EventSchedule>(`/events/${enc(eventId)}/schedule`, undefined, { cache: 'no-cache' }),
  run: (eventId: string, version?: number) =>
    api.post<EventSchedule>(`/events/${enc(eventId)}/schedule`, undefined, version ? { headers: ifMatch(version) } : {}),
  agenda: (eventId: string, registration?: string) =>
    api.get<EventAgenda>(`/events/${enc(eventId)}/agenda`, registration ? { registration } : undefined, { cache: 'no-cache' }),
  /** The agenda as a file: the calendar (.ics), the PDF or the HTML to print. */
  agendaFile: async (eventId: string, format: AgendaFile, lang: string, registration?: string) => {
    const query: Record<string, string> = { format, lang };
    if (registration) query.registration = registration;
    const res = await api.raw(`/events/${enc(eventId)}/agenda`, { query, headers: { Accept: '*/*' } });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
};

/** Fetches an agenda file and opens it (HTML in a tab) or downloads it. */
export function openAgendaFile(eventId: string, format: AgendaFile, lang: string, registration?: string) {
  return openFile(() => scheduleApi.agendaFile(eventId, format, lang, registration), `agenda.${format}`, format === 'html');
}
