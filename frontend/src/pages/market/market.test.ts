import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import openapi from '../../../openapi.json';
import { allClear, daysLeft, NEEDS_SEARCH, OFFERS_SEARCH, orderSteps, sectorSearch } from './market';
import { todayInVietnam } from '../../lib/listing';

describe('home page market helpers', () => {
  it('counts the days left to a deadline in Vietnam, the last day included', () => {
    // 17:30 UTC on 6 Dec is already 7 Dec in Vietnam.
    const now = new Date('2026-12-06T17:30:00Z');
    expect(todayInVietnam(now)).toBe('2026-12-07');
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

  it('has a text for every step the server names, counted or not', () => {
    const codes = openapi.components.schemas.NextStepCode.enum;
    expect(codes.length).toBeGreaterThan(10);
    for (const lng of ['vi', 'en']) {
      for (const code of codes) {
        expect(i18n.exists(`market.step.${code}`, { lng, count: 2 }), `${lng} market.step.${code}`).toBe(true);
        expect(i18n.exists(`market.stepHint.${code}`, { lng }), `${lng} market.stepHint.${code}`).toBe(true);
      }
    }
    const t = i18n.getFixedT('en');
    expect(t('market.step.organization_pending', { count: 1 })).toBe("Your organisation is waiting for the department's verification");
    expect(t('market.step.connections', { count: 1 })).toBe('Expression of interest to answer');
    expect(t('market.step.connections', { count: 2 })).toBe('Expressions of interest to answer');
  });
});
