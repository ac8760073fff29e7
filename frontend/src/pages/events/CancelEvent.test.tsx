import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import i18n from '../../i18n';
import type { Event } from '../../api/events';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, renderApp } from '../../test/helpers';
import EventPage from './EventPage';

const t = i18n.getFixedT('vi');

const can: Event['can'] = {
  edit: true, cancel: true, publish: false, register: false, registrations: true,
  meetings: false, agenda: false, deals: true, schedule: false, checkIn: true, report: true,
};
const event = {
  id: 'ev1', version: 3, name: 'Chợ công nghệ Thái Nguyên 2026', kind: 'fair', state: 'published',
  startDate: '2026-12-20', endDate: '2026-12-21', venue: 'Trung tâm Hội nghị tỉnh', organisers: [], sectors: [],
  registrationOpens: '2026-12-01', registrationCloses: '2026-12-15', registrationOpen: true,
  booths: [], availability: [], history: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
  meetings: { days: [], start: '', minutes: 0, slotsPerDay: 0, tables: 0, breaks: [] }, can,
} as unknown as Event;

describe('cancelling an event', () => {
  it('asks the reason, sends it with the version read, and marks the page cancelled', async () => {
    const reason = 'Hoãn do bão số 3, Sở sẽ thông báo ngày tổ chức lại.';
    const { calls } = mockApi({
      ...meRoutes(['officer']),
      'GET /events/ev1': () => json(200, event),
      'GET /events/ev1/showcase': () => json(200, { event, stands: [], total: 0, items: 0, page: 1, pageSize: 24, facets: { kind: [], sector: [] }, can: { catalogue: false, report: false } }),
      'POST /events/ev1/cancel': () => json(200, { ...event, version: 4, state: 'cancelled', cancelReason: reason, can: { ...can, cancel: false, edit: false } }),
    });
    renderApp(<EventPage />, { path: '/events/:id', route: '/events/ev1' });
    fireEvent.click(await screen.findByRole('button', { name: t('events.cancel') }));
    expect(screen.getByText(t('events.registrationLabel'))).toBeTruthy();
    const dialog = await screen.findByRole('dialog');
    // The way out of the dialog does not read "Hủy" beside "Hủy sự kiện".
    expect(within(dialog).getByRole('button', { name: t('common.back') })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: t('common.cancel') })).toBeNull();
    // Without a reason nothing is sent: the field says what is missing.
    fireEvent.click(within(dialog).getByRole('button', { name: t('events.cancelConfirm') }));
    expect(await within(dialog).findByText(t('fieldErrors.required'))).toBeTruthy();
    expect(calls.some((c) => c.path === '/events/ev1/cancel')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(new RegExp(t('events.cancelReason'))), { target: { value: reason } });
    fireEvent.click(within(dialog).getByRole('button', { name: t('events.cancelConfirm') }));
    expect(await screen.findByText(t('events.cancelledBanner'))).toBeTruthy();
    expect(screen.getByText(t('events.cancelledReason', { reason }))).toBeTruthy();
    expect(screen.getByText(t('events.cancelledNotice'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('events.cancel') })).toBeNull();
    // A called-off event no longer offers its registration window.
    expect(screen.queryByText(t('events.registrationLabel'))).toBeNull();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/events/ev1/cancel');
    expect(post?.body).toEqual({ reason });
    expect(post?.headers['if-match']).toBe('"3"');
  });
});

describe('an unknown event', () => {
  it('says so with the server’s words and leads to the list, with nothing to try again', async () => {
    mockApi({
      'GET /events/nope': () => json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'event_not_found', detail: 'Không tìm thấy sự kiện.' }),
    });
    renderApp(<EventPage />, { path: '/events/:id', route: '/events/nope' });
    const back = await screen.findByRole('link', { name: t('events.title') });
    expect(back.getAttribute('href')).toBe('/events');
    expect(back.className).toContain('btn');
    expect(screen.queryByRole('button', { name: t('common.retry') })).toBeNull();
  });
});
