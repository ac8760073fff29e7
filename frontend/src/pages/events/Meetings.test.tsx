import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import EventMeetings from './Meetings';
import { meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { renderRoutes } from '../../test/router';
import type { Meeting, MeetingList, Suggestions } from './meetingsApi';

const ENT = { id: 'o-ent', name: 'Công ty TNHH Nông sản sạch Ba Bể', kind: 'enterprise', status: 'verified', role: 'owner' };
const none = { accept: false, decline: false, cancel: false, outcome: false, deal: false };

function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    eventId: 'e1',
    from: { id: 'r-inst', name: 'Viện Khoa học Sự sống' },
    fromOrg: 'o-inst',
    to: { id: 'r-ent', name: ENT.name },
    toOrg: ENT.id,
    message: 'Mời quý công ty gặp tại gian A-2 để xem bộ kit.',
    suggested: false,
    state: 'requested',
    outcomes: [],
    history: [],
    createdAt: '2026-12-08T01:00:00Z',
    updatedAt: '2026-12-08T01:00:00Z',
    version: 1,
    can: { ...none, accept: true, decline: true },
    ...over,
  } as Meeting;
}

function list(items: Meeting[]): MeetingList {
  return {
    event: { id: 'e1', name: 'Techmart Thái Nguyên 2026', startDate: '2026-12-08', endDate: '2026-12-09', scheduled: false, meetingsOpen: true },
    items,
    mine: [{ id: 'r-ent', org: { id: ENT.id, name: ENT.name }, role: 'participant', listings: [], needs: ['n1'] }],
    parties: [{ id: 'r-inst', org: { id: 'o-inst', name: 'Viện Khoa học Sự sống' }, role: 'exhibitor', booth: 'A-2', listings: ['l1'], needs: [] }],
  } as MeetingList;
}

const suggestions: Suggestions = {
  registration: list([]).mine[0],
  items: [
    {
      registration: { id: 'r-inst', org: { id: 'o-inst', name: 'Viện Khoa học Sự sống' }, role: 'exhibitor', booth: 'A-2' },
      listing: { id: 'l1', kind: 'technology', title: 'Kit phát hiện nhanh bệnh vàng lá gân xanh' },
      mine: { id: 'n1', kind: 'demand', title: 'Cần phát hiện sớm bệnh vàng lá gân xanh' },
      score: 80,
      reasons: [{ code: 'same_sector', positive: true, text: 'Cùng lĩnh vực nông lâm nghiệp công nghệ cao' }],
      meetingId: 'm1',
      can: { request: false },
    },
  ],
} as Suggestions;

describe('My meetings at an event', () => {
  it('lists a request in with the steps its can allows, and accepts it', async () => {
    let accepted = false;
    const { calls } = mockApi({
      ...meRoutes([], [ENT]),
      'GET /events/e1/meetings': () => json(200, list([accepted ? meeting({ state: 'accepted', can: { ...none, cancel: true } }) : meeting()])),
      'GET /events/e1/suggestions': () => json(200, suggestions),
      'POST /events/e1/meetings/m1/accept': () => {
        accepted = true;
        return json(200, meeting({ state: 'accepted' }));
      },
    });
    renderRoutes([{ path: '/events/:id/meetings', element: <EventMeetings /> }], '/events/e1/meetings');
    const incoming = await screen.findByRole('region', { name: /Lời mời đến/ });
    expect(within(incoming).getByText('Viện Khoa học Sự sống')).toBeTruthy();
    expect(within(incoming).getByText('Họ mời bạn')).toBeTruthy();
    expect(within(incoming).queryByRole('button', { name: 'Rút lời mời' })).toBeNull();
    // The suggestion is the same party: already asked, no second request.
    expect(await screen.findByText('80/100')).toBeTruthy();
    expect(screen.getByText('Đã có lời mời giữa hai bên.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mời gặp' })).toBeNull();

    fireEvent.click(within(incoming).getByRole('button', { name: 'Nhận lời' }));
    expect(await screen.findByText('Đã nhận lời gặp.')).toBeTruthy();
    expect(await screen.findByText(/Chưa xếp giờ và bàn/)).toBeTruthy();
    const accepted_ = screen.getByRole('region', { name: /Cuộc gặp đã nhận lời/ });
    expect(within(accepted_).getByRole('button', { name: 'Hủy cuộc gặp' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/events/e1/meetings/m1/accept')).toBe(true);
  });

  it('asks a suggested party with a message the server’s limits check first', async () => {
    const { calls } = mockApi({
      ...meRoutes([], [ENT]),
      'GET /events/e1/meetings': () => json(200, list([])),
      'GET /events/e1/suggestions': () =>
        json(200, { ...suggestions, items: [{ ...suggestions.items[0], meetingId: undefined, can: { request: true } }] }),
      'POST /events/e1/meetings': () => json(201, meeting({ fromOrg: ENT.id, toOrg: 'o-inst', can: { ...none, cancel: true } })),
    });
    renderRoutes([{ path: '/events/:id/meetings', element: <EventMeetings /> }], '/events/e1/meetings');
    fireEvent.click(await screen.findByRole('button', { name: 'Mời gặp' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Lời nhắn ngắn/), { target: { value: 'ngắn' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi lời mời' }));
    expect(await within(dialog).findByText(/ít nhất 10/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Lời nhắn ngắn/), { target: { value: 'Xin gặp để thử bộ kit cho vùng quýt.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi lời mời' }));
    expect(await screen.findByText('Đã gửi lời mời gặp.')).toBeTruthy();
    const sent = calls.find((c) => c.method === 'POST' && c.path === '/events/e1/meetings');
    expect(sent?.body).toEqual({ toRegistrationId: 'r-inst', message: 'Xin gặp để thử bộ kit cho vùng quýt.', listingId: 'l1', suggested: true });
  });
});
