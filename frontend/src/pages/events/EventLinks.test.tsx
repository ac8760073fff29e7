import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { EventLinks } from './EventLinks';
import { renderRoutes } from '../../test/router';
import type { Event } from '../../api/events';

const none: Event['can'] = {
  edit: false,
  cancel: false,
  publish: false,
  register: false,
  registrations: false,
  meetings: false,
  agenda: false,
  deals: false,
  schedule: false,
  checkIn: false,
  report: false,
};

function render(can: Partial<Event['can']>) {
  renderRoutes([{ path: '/events/:id', element: <EventLinks eventId="e1" can={{ ...none, ...can }} /> }], '/events/e1');
}

describe('Links from an event to the pages that work it', () => {
  it('leads an approved registrant to its meetings, agenda and deals', async () => {
    render({ meetings: true, agenda: true, deals: true });
    expect((await screen.findByRole('link', { name: 'Gặp gỡ B2B' })).getAttribute('href')).toBe('/events/e1/meetings');
    expect(screen.getByRole('link', { name: 'Lịch gặp B2B của tôi' }).getAttribute('href')).toBe('/events/e1/agenda');
    expect(screen.getByRole('link', { name: 'Nhật ký thỏa thuận' }).getAttribute('href')).toBe('/events/e1/deals');
    expect(screen.queryByRole('link', { name: 'Check-in tại cửa' })).toBeNull();
  });

  it("leads an officer to the scheduler, the door, the deals and the report", async () => {
    render({ schedule: true, checkIn: true, deals: true, report: true });
    expect((await screen.findByRole('link', { name: 'Xếp lịch gặp B2B' })).getAttribute('href')).toBe('/events/e1/schedule');
    expect(screen.getByRole('link', { name: 'Check-in tại cửa' }).getAttribute('href')).toBe('/events/e1/checkin');
    expect(screen.getByRole('link', { name: 'Báo cáo kết quả' }).getAttribute('href')).toBe('/events/e1/report');
    expect(screen.queryByRole('link', { name: 'Gặp gỡ B2B' })).toBeNull();
  });

  it('shows nothing when the server allows nothing', () => {
    render({});
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
