// Plans and reports: what the screens share (download a file fetched with the
// session's token, a report's reading of figures).
import { endpoints } from '../../api';
import type { ProvincialFormat, ReportItem } from '../../api/types';
import { openFile } from '../../lib/download';

/** Fetches the provincial report and opens it (HTML in a tab) or downloads it. */
export function downloadProvincial(planId: string, year: number, format: ProvincialFormat, lang: string) {
  return openFile(() => endpoints.provincialReport(planId, year, format, lang), `bao-cao-${year}.${format}`, format === 'html');
}

/** The year's figure of an item: the platform's when it counts it, else the agency's. */
export function itemValue(it: ReportItem): number | undefined {
  return it.counted ? it.counted.value : it.value;
}

/** The cumulative figure of an item, the same way. */
export function itemCumulative(it: ReportItem): number | undefined {
  return it.counted ? it.counted.cumulative : it.cumulative;
}

/** The SPA's page for a counted record, when there is one. */
export function recordLink(r: { type: string; id: string; link?: string }): string | undefined {
  if (r.link) return r.link;
  switch (r.type) {
    case 'listing':
      return `/listings/${encodeURIComponent(r.id)}`;
    case 'transfer':
      return `/transfers/${encodeURIComponent(r.id)}`;
    case 'application':
      return `/support/applications/${encodeURIComponent(r.id)}`;
    case 'organization':
      return `/organization/${encodeURIComponent(r.id)}`;
  }
  return undefined;
}

/** A name in the page's language: the English one in English when the plan gives it. */
export function inLang(vi: string, en: string | undefined, lang: string): string {
  return lang.startsWith('en') && en ? en : vi;
}
