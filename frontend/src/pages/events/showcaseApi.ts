// The client calls of an event's showcase (item 3) and results report
// (item 6), with the server's shapes from schema.gen.ts.
import { api, dispositionName } from '../../api';
import { API_BASE } from '../../api/client';
import type { components } from '../../api/schema.gen';

type S = components['schemas'];

export type ShowcasePage = S['Showcase'];
export type Stand = ShowcasePage['stands'][number];
export type ShowcaseItem = Stand['items'][number];
export type EventReport = S['EventReport'];

/** What narrows a showcase; empty strings are left out of the request. */
export interface ShowcaseFilter {
  q: string;
  kind: string;
  sector: string;
  role: string;
  booth: string;
  page: number;
}

const enc = encodeURIComponent;

export function showcaseQuery(f: ShowcaseFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === 'page' ? v !== 1 : v !== '') out[k] = String(v);
  }
  return out;
}

export const showcaseApi = {
  showcase: (eventId: string, f: ShowcaseFilter) =>
    api.get<ShowcasePage>(`/events/${enc(eventId)}/showcase`, showcaseQuery(f), { cache: 'no-cache' }),
  report: (eventId: string) => api.get<EventReport>(`/events/${enc(eventId)}/report`, undefined, { cache: 'no-cache' }),
  /** The report as a file (HTML or PDF to print, XLSX), fetched with the session's token. */
  reportFile: async (eventId: string, format: 'html' | 'pdf' | 'xlsx', lang: string) => {
    const res = await api.raw(`/events/${enc(eventId)}/report`, { query: { format, lang } });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
};

/** The printable exhibitor catalogue (public; no token needed). */
export function catalogueUrl(eventId: string, format: 'html' | 'pdf', lang: string): string {
  return `${API_BASE}/events/${enc(eventId)}/catalogue?format=${format}&lang=${lang}`;
}
