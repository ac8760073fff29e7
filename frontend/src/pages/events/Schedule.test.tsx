import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import Agenda from './Agenda';
import Schedule from './Schedule';
import { ScheduleLinks } from './ScheduleLinks';
import { meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { renderRoutes } from '../../test/router';
import type { EventAgenda, EventSchedule } from './scheduleApi';

const placement = { day: 0, slot: 1, table: 2, start: '2026-05-12T02:00:00Z', end: '2026-05-12T02:30:00Z' };

const schedule = (over: Partial<EventSchedule> = {}): EventSchedule => ({
  eventId: 'ev1',
  days: ['2026-05-12'],
  slotsPerDay: 4,
  tables: 3,
  accepted: 2,
  placed: 1,
  changed: 0,
  meetings: [
    { id: 'm2', from: { id: 'r3', name: 'Hợp tác xã chè Tân Cương' }, to: { id: 'r4', name: 'Công ty thử' }, unplaced: 'no_common_slot' },
    { id: 'm1', from: { id: 'r1', name: 'Công ty TNHH Nông sản sạch Ba Bể' }, to: { id: 'r2', name: 'Viện Khoa học Sự sống' }, placement },
  ],
  can: { schedule: true },
  ...over,
});

const agenda = (over: Partial<EventAgenda> = {}): EventAgenda => ({
  event: { id: 'ev1', name: 'Ngày kết nối công nghệ 2026', kind: 'matchmaking', startDate: '2026-05-12', endDate: '2026-05-12', venue: 'Trung tâm Hội nghị tỉnh', minutes: 30 },
  registration: { id: 'r1', name: 'Công ty TNHH Nông sản sạch Ba Bể' },
  org: { id: 'o1', name: 'Công ty TNHH Nông sản sạch Ba Bể' },
  role: 'participant',
  final: true,
  scheduledAt: '2026-05-05T03:00:00Z',
  items: [
    { meetingId: 'm1', with: { id: 'r2', name: 'Viện Khoa học Sự sống' }, withBooth: 'A-1', message: 'Trao đổi về máy sấy.', placement },
    { meetingId: 'm3', with: { id: 'r3', name: 'Hợp tác xã chè Tân Cương' }, message: 'Hỏi giá.', unplaced: 'tables_full' },
  ],
  others: [],
  ...over,
});

describe('Schedule', () => {
  it('shows the left-out meetings with their reason and runs the scheduler as can allows', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /events/ev1/schedule': () => json(200, schedule()),
      'POST /events/ev1/schedule': () => json(200, schedule({ placed: 2, changed: 2, meetings: [schedule().meetings[1]] })),
    });
    renderRoutes([{ path: '/events/:id/schedule', element: <Schedule /> }], '/events/ev1/schedule');
    const row = await screen.findByTestId('unplaced');
    expect(row.textContent).toContain('Hai bên không có giờ rảnh chung');
    expect(within(row).getByRole('link', { name: 'Hợp tác xã chè Tân Cương' }).getAttribute('href')).toBe('/events/ev1/agenda?registration=r3');
    const placed = screen.getByTestId('placed');
    expect(placed.textContent).toContain('09:00–09:30');
    expect(placed.textContent).toContain('Bàn 3');
    expect(screen.getByTestId('placed-count').textContent).toBe('1/2');
    expect(screen.getByText('4 lượt/ngày × 3 bàn = 12 chỗ')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xếp lịch' }));
    expect(await screen.findByText('Đã xếp 2/2 cuộc gặp; 2 cuộc gặp có giờ hoặc bàn mới, hai bên đã được thông báo.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/events/ev1/schedule')).toBe(true);
    expect(screen.getByText('Mọi cuộc gặp đã chấp nhận đều có chỗ.')).toBeTruthy();
  });

  it('offers no run when the server says it cannot', async () => {
    mockApi({
      ...meRoutes(['officer'], []),
      'GET /events/ev1/schedule': () => json(200, schedule({ can: { schedule: false }, tables: 0, meetings: [], accepted: 0, placed: 0 })),
    });
    renderRoutes([{ path: '/events/:id/schedule', element: <Schedule /> }], '/events/ev1/schedule');
    expect(await screen.findByText(/Chưa thể xếp lịch/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Xếp lịch' })).toBeNull();
  });
});

describe('Agenda', () => {
  it('lists the meetings by time with table and booth, and the ones without a time with the reason', async () => {
    mockApi({ ...meRoutes([]), 'GET /events/ev1/agenda': () => json(200, agenda()) });
    renderRoutes([{ path: '/events/:id/agenda', element: <Agenda /> }], '/events/ev1/agenda');
    expect((await screen.findByTestId('agenda-status')).textContent).toBe('Lịch chính thức');
    const [first, second] = screen.getAllByTestId('agenda-item');
    expect(first.textContent).toContain('09:00–09:30');
    expect(first.textContent).toContain('12/05/2026');
    expect(first.textContent).toContain('Bàn 3');
    expect(first.textContent).toContain('A-1');
    expect(second.textContent).toContain('Chưa xếp giờ');
    expect(second.textContent).toContain('Hết bàn ở các giờ cả hai bên cùng rảnh');
    expect(screen.getByText('Đơn vị tham dự (mang nhu cầu công nghệ)')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Thêm vào lịch điện thoại (.ics)' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says a preliminary agenda is preliminary, and opens another registration of the same person', async () => {
    const { calls } = mockApi({
      ...meRoutes([]),
      'GET /events/ev1/agenda': (c) =>
        json(
          200,
          c.path.includes('registration=r9')
            ? agenda({ registration: { id: 'r9', name: 'Hợp tác xã B' }, org: { id: 'o2', name: 'Hợp tác xã B' }, others: [{ id: 'r1', name: 'Công ty A' }] })
            : agenda({ final: false, scheduledAt: undefined, items: [{ meetingId: 'm1', with: { id: 'r2', name: 'Viện' }, message: '' }], others: [{ id: 'r9', name: 'Hợp tác xã B' }] }),
        ),
    });
    renderRoutes([{ path: '/events/:id/agenda', element: <Agenda /> }], '/events/ev1/agenda');
    expect((await screen.findByTestId('agenda-status')).textContent).toBe('Lịch dự kiến');
    expect((screen.getByRole('button', { name: 'Thêm vào lịch điện thoại (.ics)' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Xem lịch của'), { target: { value: 'r9' } });
    expect(await screen.findByText('Hợp tác xã B', { selector: 'dd' })).toBeTruthy();
    expect(calls.some((c) => c.path === '/events/ev1/agenda?registration=r9')).toBe(true);
  });
});

describe('ScheduleLinks', () => {
  it('shows the agenda to a registrant and the scheduler to an officer, as can says', () => {
    renderRoutes([{ path: '/events/:id', element: <ScheduleLinks eventId="ev1" canSchedule={false} hasAgenda /> }], '/events/ev1');
    expect(screen.getByRole('link', { name: 'Lịch gặp B2B của tôi' }).getAttribute('href')).toBe('/events/ev1/agenda');
    expect(screen.queryByRole('link', { name: 'Xếp lịch gặp B2B' })).toBeNull();
  });

  it('shows nothing when neither is allowed', () => {
    const { container } = renderRoutes([{ path: '/', element: <ScheduleLinks eventId="ev1" canSchedule={false} hasAgenda={false} /> }], '/');
    expect(container.querySelector('.schedule-links')).toBeNull();
  });
});
