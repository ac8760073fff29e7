// The home page's market and next steps as the page shows them: what a
// tile links to, how many days a programme's window has left, which next
// steps come first. The server decides what the figures and steps are.
import type { NextStep } from '../../api/types';
import { EMPTY_SEARCH, toSearchParams } from '../../lib/searchState';
import { todayInVietnam } from '../../lib/listing';

/** The search page of the listings on offer (every kind but needs). */
export const OFFERS_SEARCH = `/search?${toSearchParams({ ...EMPTY_SEARCH, kind: ['technology', 'equipment', 'ip'] })}`;
/** The search page of the technology needs. */
export const NEEDS_SEARCH = `/search?${toSearchParams({ ...EMPTY_SEARCH, kind: ['demand'] })}`;
/** The newest listings first. */
export const NEWEST_SEARCH = `/search?${toSearchParams({ ...EMPTY_SEARCH, sort: 'newest' })}`;

/** The search page filtered by one sector. */
export function sectorSearch(code: string): string {
  return `/search?${toSearchParams({ ...EMPTY_SEARCH, sector: [code] })}`;
}

/** Days from today (Vietnam) to a closing day, that day included: 1 on the last day, 0 once it passed. */
export function daysLeft(closesOn: string, now: Date): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.max(0, Math.round((day(closesOn) - day(todayInVietnam(now))) / 86_400_000) + 1);
}

/** The steps with something waiting first, in the server's order, then the others. */
export function orderSteps(steps: NextStep[]): NextStep[] {
  return [...steps.filter((s) => s.count > 0), ...steps.filter((s) => s.count === 0)];
}

/** Whether nothing waits for the person. */
export function allClear(steps: NextStep[]): boolean {
  return steps.every((s) => s.count === 0);
}
