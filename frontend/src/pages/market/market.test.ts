import { describe, expect, it } from 'vitest';
import { allClear, daysLeft, NEEDS_SEARCH, OFFERS_SEARCH, orderSteps, sectorSearch, vietnamDay } from './market';

describe('home page market helpers', () => {
  it('counts the days left to a deadline in Vietnam, the last day included', () => {
    // 17:30 UTC on 6 Dec is already 7 Dec in Vietnam.
    const now = new Date('2026-12-06T17:30:00Z');
    expect(vietnamDay(now)).toBe('2026-12-07');
    expect(daysLeft('2026-12-07', now)).toBe(1);
    expect(daysLeft('2026-12-08', now)).toBe(2);
    expect(daysLeft('2027-01-06', now)).toBe(31);
    expect(daysLeft('2026-12-01', now)).toBe(0);
  });

  it('links the tiles and sectors to the search they count', () => {
    expect(OFFERS_SEARCH).toBe('/search?kind=technology%2Cequipment%2Cip');
    expect(NEEDS_SEARCH).toBe('/search?kind=demand');
    expect(sectorSearch('agri_processing')).toBe('/search?sector=agri_processing');
  });

  it('puts the steps with something waiting first, in the server’s order', () => {
    const steps = [
      { code: 'matches', count: 0, link: '/notifications' },
      { code: 'connections', count: 2, link: '/connections' },
      { code: 'listings', count: 0, link: '/my/listings' },
      { code: 'applications', count: 1, link: '/support/applications' },
    ] as const;
    expect(orderSteps([...steps]).map((s) => s.code)).toEqual(['connections', 'applications', 'matches', 'listings']);
    expect(allClear([...steps])).toBe(false);
    expect(allClear([steps[0], steps[2]])).toBe(true);
  });
});
