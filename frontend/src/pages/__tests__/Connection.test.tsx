import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import ConnectionPage, { timelineSteps } from '../Connection';
import Connections from '../Connections';
import { allowedActions } from '../../lib/matching';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { connection, ENTERPRISE, INSTITUTE, taxonomyRoute } from '../../test/matching';
import { location, renderRoutes } from '../../test/router';
import type { Connection, ConnectionCan } from '../../api/types';

afterEach(() => {
  vi.useRealTimers();
});

const asEnterprise = () => meRoutes([], [{ ...ENTERPRISE, kind: 'enterprise', status: 'verified', role: 'owner' }] as never);
const asInstitute = () => meRoutes([], [{ ...INSTITUTE, kind: 'institute', status: 'verified', role: 'owner' }] as never);

function renderConnection() {
  return renderRoutes(
    [
      { path: '/connections/:id', element: <ConnectionPage /> },
      { path: '/transfers/new', element: <p>transfer form</p> },
    ],
    '/connections/c1',
  );
}

function actionNames(): string[] {
  const panel = document.querySelector('.connection-actions') as HTMLElement | null;
  if (!panel) return [];
  return [...within(panel).queryAllByRole('button'), ...within(panel).queryAllByRole('link')].map((b) => b.textContent ?? '').sort();
}

describe('Connection actions', () => {
  it('lists the actions `can` allows, in a fixed order', () => {
    expect(allowedActions(connection({ can: { accept: true, decline: true } as ConnectionCan }))).toEqual(['accept', 'decline']);
    expect(allowedActions(connection({ can: { agree: true, close: true, negotiate: true } as ConnectionCan }))).toEqual([
      'negotiate',
      'agree',
      'close',
    ]);
  });

  const cases: [Partial<ConnectionCan>, Connection['state'], string[]][] = [
    [{ accept: true, decline: true }, 'requested', ['Chấp nhận', 'Từ chối']],
    [{ close: true }, 'requested', ['Rút lại quan tâm']],
    [{ negotiate: true, close: true, message: true }, 'accepted', ['Bắt đầu đàm phán', 'Kết thúc không thành']],
    [{ agree: true, close: true, message: true }, 'negotiating', ['Kết thúc không thành', 'Xác nhận đã thỏa thuận']],
    [{ recordTransfer: true, message: true }, 'agreed', ['Ghi nhận chuyển giao']],
    [{}, 'declined', []],
  ];
  for (const [can, state, names] of cases) {
    it(`shows ${names.join(', ') || 'nothing'} when allowed in ${state}`, async () => {
      mockApi({
        ...asInstitute(),
        ...taxonomyRoute,
        'GET /connections/c1': () => json(200, connection({ state, can: can as ConnectionCan })),
        'GET /connections/c1/messages': () => json(200, { items: [] }),
      });
      renderConnection();
      await screen.findByRole('heading', { level: 1, name: 'Kết nối: Cần công nghệ sấy miến dong' });
      expect(actionNames()).toEqual([...names].sort());
      if (can.recordTransfer) {
        expect(screen.getByRole('link', { name: 'Ghi nhận chuyển giao' }).getAttribute('href')).toBe('/transfers/new?connection=c1');
      }
      // The composer is there only when messages are allowed.
      expect(!!screen.queryByLabelText('Tin nhắn của bạn')).toBe(!!can.message);
    });
  }

  it('accepts after confirmation and shows the new state', async () => {
    const { calls } = mockApi({
      ...asEnterprise(),
      ...taxonomyRoute,
      'GET /connections/c1': () => json(200, connection({ can: { accept: true, decline: true } as ConnectionCan })),
      'GET /connections/c1/messages': () => json(200, { items: [] }),
      'POST /connections/c1/accept': () => json(200, connection({ state: 'accepted', can: { message: true, close: true } as ConnectionCan })),
    });
    renderConnection();
    fireEvent.click(await screen.findByRole('button', { name: 'Chấp nhận' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Chấp nhận quan tâm?' })).getByRole('button', { name: 'Chấp nhận' }));
    expect(await screen.findByText('Đã chấp nhận. Hai bên có thể trao đổi tin nhắn.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/connections/c1/accept')!.method).toBe('POST');
    expect(document.querySelector('.listing-kicker [data-state]')!.getAttribute('data-state')).toBe('accepted');
    expect(screen.getByLabelText('Tin nhắn của bạn')).toBeTruthy();
  });

  it('requires a decline reason, and a comment for “other”', async () => {
    const { calls } = mockApi({
      ...asEnterprise(),
      ...taxonomyRoute,
      'GET /connections/c1': () => json(200, connection({ can: { accept: true, decline: true } as ConnectionCan })),
      'GET /connections/c1/messages': () => json(200, { items: [] }),
      'POST /connections/c1/decline': () =>
        json(200, connection({ state: 'declined', declineReason: 'other', declineComment: 'Đã có nhà cung cấp.' })),
    });
    renderConnection();
    fireEvent.click(await screen.findByRole('button', { name: 'Từ chối' }));
    const dialog = screen.getByRole('dialog', { name: 'Từ chối quan tâm?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối' }));
    expect(within(dialog).getByLabelText(/^Lý do/).getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.path.endsWith('/decline'))).toBe(false);
    await waitFor(() => expect(within(dialog).getAllByRole('option').length).toBeGreaterThan(1));
    fireEvent.change(within(dialog).getByLabelText(/^Lý do/), { target: { value: 'other' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối' }));
    expect(within(dialog).getByLabelText(/^Nhận xét cho bên quan tâm/).getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Bắt buộc khi chọn “Lý do khác”.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Nhận xét cho bên quan tâm/), { target: { value: ' Đã có nhà cung cấp. ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối' }));
    expect(await screen.findByText('Đã từ chối quan tâm.')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/decline'))!.body).toEqual({ reason: 'other', comment: 'Đã có nhà cung cấp.' });
  });

  it('shows the requester why the interest was declined', async () => {
    mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /connections/c1': () =>
        json(200, connection({ state: 'declined', declineReason: 'price', declineComment: 'Vượt ngân sách năm nay.' })),
      'GET /connections/c1/messages': () => json(200, { items: [] }),
    });
    renderConnection();
    const box = await screen.findByRole('region', { name: `${ENTERPRISE.name} đã từ chối quan tâm của bạn` });
    await waitFor(() => expect(box.textContent).toContain('Giá, chi phí chưa phù hợp'));
    expect(box.textContent).toContain('Vượt ngân sách năm nay.');
  });

  it('reloads when the state changed meanwhile', async () => {
    let n = 0;
    mockApi({
      ...asEnterprise(),
      ...taxonomyRoute,
      'GET /connections/c1': () =>
        json(200, ++n === 1 ? connection({ can: { accept: true } as ConnectionCan }) : connection({ state: 'closed_no_deal' })),
      'GET /connections/c1/messages': () => json(200, { items: [] }),
      'POST /connections/c1/accept': () =>
        problem(409, 'invalid_transition', 'Không thể chuyển sang trạng thái này từ trạng thái hiện tại.'),
    });
    renderConnection();
    fireEvent.click(await screen.findByRole('button', { name: 'Chấp nhận' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Chấp nhận' }));
    expect(await screen.findByText(/Kết nối vừa thay đổi trạng thái/)).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Kết nối đã kết thúc, không thành' })).toBeTruthy();
  });
});

describe('Connection messages', () => {
  it('shows the thread oldest first and appends what is posted', async () => {
    const { calls } = mockApi({
      ...asEnterprise(),
      ...taxonomyRoute,
      'GET /connections/c1': () => json(200, connection({ state: 'negotiating', can: { message: true, agree: true } as ConnectionCan })),
      'GET /connections/c1/messages': () =>
        json(200, {
          items: [
            { id: 'm1', author: { id: 'u7', name: 'TS. Lan' }, org: INSTITUTE, body: 'Chào anh, bên em gửi báo giá.', createdAt: '2026-03-02T02:00:00Z' },
            { id: 'm2', author: { id: 'u8', name: 'Cán bộ Hà' }, body: 'Sở sẵn sàng hỗ trợ.', createdAt: '2026-03-02T03:00:00Z' },
          ],
        }),
      'POST /connections/c1/messages': (c) =>
        json(201, { id: 'm3', author: { id: 'u1', name: 'Phạm Thị Lan' }, org: ENTERPRISE, body: (c.body as { body: string }).body, createdAt: '2026-03-02T04:00:00Z' }),
    });
    renderConnection();
    const thread = await screen.findByRole('list', { name: 'Trao đổi' });
    const items = within(thread).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.message-body')!.textContent)).toEqual(['Chào anh, bên em gửi báo giá.', 'Sở sẵn sàng hỗ trợ.']);
    expect(items[1].textContent).toContain('Sở KH&CN');
    fireEvent.click(screen.getByRole('button', { name: 'Gửi' }));
    expect(screen.getByText('Vui lòng nhập thông tin này.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tin nhắn của bạn'), { target: { value: 'Cảm ơn, hẹn gặp thứ Hai.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi' }));
    await waitFor(() => expect(within(thread).getAllByRole('listitem')).toHaveLength(3));
    const last = within(thread).getAllByRole('listitem')[2];
    expect(last.textContent).toContain('Cảm ơn, hẹn gặp thứ Hai.');
    expect(last.className).toContain('mine');
    expect((screen.getByLabelText('Tin nhắn của bạn') as HTMLTextAreaElement).value).toBe('');
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/messages'))!.body).toEqual({ body: 'Cảm ơn, hẹn gặp thứ Hai.' });
  });

  it('asks for new messages every 20 seconds while the connection is open', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let items = [{ id: 'm1', author: { id: 'u7', name: 'TS. Lan' }, org: INSTITUTE, body: 'Tin đầu', createdAt: '2026-03-02T02:00:00Z' }];
    const { calls } = mockApi({
      ...asEnterprise(),
      ...taxonomyRoute,
      'GET /connections/c1': () => json(200, connection({ state: 'negotiating', can: { message: true } as ConnectionCan })),
      'GET /connections/c1/messages': () => json(200, { items }),
    });
    renderConnection();
    await screen.findByText('Tin đầu');
    items = [...items, { id: 'm2', author: { id: 'u7', name: 'TS. Lan' }, org: INSTITUTE, body: 'Tin thứ hai', createdAt: '2026-03-02T03:00:00Z' }];
    const before = calls.filter((c) => c.path === '/connections/c1/messages').length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(await screen.findByText('Tin thứ hai')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/connections/c1/messages').length).toBe(before + 1);
  });

  it('builds the timeline from the history, with the steps still ahead', () => {
    const steps = timelineSteps(
      connection({
        state: 'accepted',
        history: [
          { state: 'requested', at: '2026-03-01T02:00:00Z' },
          { state: 'accepted', at: '2026-03-03T02:00:00Z' },
        ],
      }),
    );
    expect(steps.map((s) => `${s.state}:${s.status}`)).toEqual(['requested:done', 'accepted:current', 'negotiating:todo', 'agreed:todo']);
    expect(timelineSteps(connection({ state: 'declined' })).map((s) => s.state)).toEqual(['requested', 'declined']);
  });
});

describe('My connections', () => {
  it('filters by state in the URL and marks stale connections', async () => {
    const { calls } = mockApi({
      ...asInstitute(),
      'GET /connections': () =>
        json(200, {
          items: [connection({ stale: true }), connection({ id: 'c2', state: 'agreed', owner: INSTITUTE, party: ENTERPRISE })],
          total: 2,
        }),
    });
    renderRoutes([{ path: '/connections', element: <Connections /> }], '/connections');
    const row = (await screen.findAllByText('Cần công nghệ sấy miến dong'))[0].closest('tr')!;
    expect(within(row).getByText('Lâu chưa tiến triển')).toBeTruthy();
    expect(row.textContent).toContain('bạn đã bày tỏ quan tâm');
    const second = document.querySelector('tr[data-connection-id="c2"]') as HTMLElement;
    expect(second.textContent).toContain('quan tâm đến tin của bạn');
    expect(calls.find((c) => c.path.startsWith('/connections?'))!.path).toBe('/connections?scope=mine&page=1&pageSize=20');
    fireEvent.click(screen.getByRole('tab', { name: 'Đang đàm phán' }));
    await waitFor(() => expect(location()).toBe('/connections?state=negotiating'));
    fireEvent.click(screen.getByLabelText('Chỉ các kết nối lâu không có tiến triển'));
    await waitFor(() => expect(location()).toBe('/connections?state=negotiating&stale=true'));
    await waitFor(() =>
      expect(calls.at(-1)!.path).toBe('/connections?scope=mine&state=negotiating&stale=true&page=1&pageSize=20'),
    );
  });
});
