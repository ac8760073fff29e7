import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import i18n from '../../i18n';
import type { Event } from '../../api/events';
import { json, mockApi, renderApp } from '../../test/helpers';
import EventPage from './EventPage';

const event = {
  id: 'ev1', version: 3, name: 'Chợ công nghệ Thái Nguyên 2027', kind: 'matchmaking', state: 'published',
  startDate: '2027-03-20', endDate: '2027-03-21', venue: 'Trung tâm Hội nghị tỉnh', organisers: [], sectors: [],
  registrationOpens: '2027-02-01', registrationCloses: '2027-03-10', registrationOpen: false,
  booths: [], availability: [], history: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
  meetings: { days: ['2027-03-20', '2027-03-21'], start: '08:30', minutes: 20, slotsPerDay: 10, tables: 12,
    breaks: [{ after: 2, minutes: 15 }, { after: 6, minutes: 60 }] },
  can: {},
} as unknown as Event;

describe('an event’s meeting days', () => {
  it('say when the breaks are, after the meetings and breaks before them', async () => {
    mockApi({
      'GET /events/ev1': () => json(200, event),
      'GET /events/ev1/showcase': () => json(200, { event, stands: [], total: 0, items: 0, page: 1, pageSize: 24, facets: { kind: [], sector: [] }, can: { catalogue: false, report: false } }),
    });
    renderApp(<EventPage />, { path: '/events/:id', route: '/events/ev1' });
    expect(await screen.findByText('Giờ nghỉ: 09:30 (15 phút), 11:05 (60 phút)')).toBeTruthy();
    await i18n.changeLanguage('en');
    expect(await screen.findByText('Breaks: 09:30 (15 min), 11:05 (60 min)')).toBeTruthy();
  });
});
