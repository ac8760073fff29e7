import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from '../../i18n';
import type { Event } from '../../api/events';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
import EventForm from './EventForm';

const t = i18n.getFixedT('vi');

const event = {
  id: 'ev1', version: 3, name: 'Chợ công nghệ Thái Nguyên 2027', kind: 'matchmaking', state: 'draft',
  startDate: '2027-03-20', endDate: '2027-03-21', venue: 'Trung tâm Hội nghị tỉnh', organisers: ['Sở Khoa học và Công nghệ'], sectors: [],
  registrationOpens: '2027-02-01', registrationCloses: '2027-03-10', registrationOpen: false,
  booths: [], availability: [], history: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
  meetings: { days: ['2027-03-20'], start: '08:30', minutes: 20, slotsPerDay: 10, tables: 12, breaks: [{ after: 2, minutes: 15 }] },
  can: {},
} as unknown as Event;

function breakRow(i: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-break-row="${i}"]`);
  if (!row) throw new Error(`no break row ${i}`);
  return row;
}

describe('the breaks of a matchmaking day', () => {
  it('are chosen among the day’s meetings with the time they start, and sent as the API counts them', async () => {
    let puts = 0;
    const { calls } = mockApi({
      ...meRoutes(['officer']),
      'GET /events/ev1': () => json(200, event),
      'GET /taxonomy': () => json(200, { sectors: [], adminUnits: [], transferForms: [], trl: [] }),
      'PATCH /events/ev1': () =>
        ++puts === 1
          ? problem(422, 'validation_failed', 'Dữ liệu chưa hợp lệ', { errors: [{ field: 'meetings.breaks.1.minutes', code: 'out_of_range', message: 'Giá trị phải từ 5 đến 240.' }] })
          : json(200, { ...event, version: 4 }),
    });
    renderRoutes(
      [
        { path: '/events/:id/edit', element: <EventForm /> },
        { path: '/events/:id', element: <p>event</p> },
      ],
      '/events/ev1/edit',
    );
    // The break the event has: after the third meeting, which ends at 09:30.
    const first = within(await waitFor(() => breakRow(0)));
    const after = first.getByLabelText(t('eventsForm.breaks.after')) as HTMLSelectElement;
    expect(after.value).toBe('2');
    expect(after.selectedOptions[0].textContent).toBe(t('eventsForm.breaks.afterAt', { n: 3, time: '09:30' }));
    // Nine choices for ten meetings: a break after the last is no break.
    expect(after.options).toHaveLength(9);
    // The times of later meetings move by the break before them.
    expect(after.options[3].textContent).toBe(t('eventsForm.breaks.afterAt', { n: 4, time: '10:05' }));

    fireEvent.click(screen.getByRole('button', { name: `+ ${t('eventsForm.breaks.add')}` }));
    const second = within(breakRow(1));
    fireEvent.change(second.getByLabelText(t('eventsForm.breaks.after')), { target: { value: '6' } });
    fireEvent.change(second.getByLabelText(t('eventsForm.breaks.minutes')), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: t('eventsForm.save') }));
    // The server's word lands on the row it names.
    expect(await second.findByText('Giá trị phải từ 5 đến 240.')).toBeTruthy();
    expect(first.queryByText('Giá trị phải từ 5 đến 240.')).toBeNull();

    fireEvent.change(second.getByLabelText(t('eventsForm.breaks.minutes')), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: t('eventsForm.save') }));
    await waitFor(() => expect(location()).toBe('/events/ev1'));
    const put = calls.filter((c) => c.method === 'PATCH' && c.path === '/events/ev1').at(-1)!;
    expect((put.body as { meetings: unknown }).meetings).toEqual({
      days: ['2027-03-20'], start: '08:30', minutes: 20, slotsPerDay: 10, tables: 12,
      breaks: [{ after: 2, minutes: 15 }, { after: 6, minutes: 60 }],
    });
  });

  it('wait for the meetings per day, and a break a smaller day leaves out keeps its place for the server to name', async () => {
    mockApi({
      ...meRoutes(['officer']),
      'GET /events/ev1': () => json(200, { ...event, meetings: { ...event.meetings, slotsPerDay: 3, breaks: [{ after: 5, minutes: 15 }] } }),
      'GET /taxonomy': () => json(200, { sectors: [], adminUnits: [], transferForms: [], trl: [] }),
    });
    renderRoutes([{ path: '/events/:id/edit', element: <EventForm /> }], '/events/ev1/edit');
    const row = within(await waitFor(() => breakRow(0)));
    const after = row.getByLabelText(t('eventsForm.breaks.after')) as HTMLSelectElement;
    expect(after.value).toBe('5');
    expect([...after.options].map((o) => o.value)).toEqual(['0', '1', '5']);
    fireEvent.change(screen.getByLabelText(t('eventsForm.meetings.slotsPerDay')), { target: { value: '1' } });
    expect(screen.getByText(t('eventsForm.breaks.needSlots'))).toBeTruthy();
    expect((screen.getByRole('button', { name: `+ ${t('eventsForm.breaks.add')}` }) as HTMLButtonElement).disabled).toBe(true);
  });
});
