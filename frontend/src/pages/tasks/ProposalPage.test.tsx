import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import ProposalPage from './ProposalPage';
import type { Proposal } from './tasksApi';
import { meRoutes, taxonomyRoute } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { renderRoutes } from '../../test/router';

const SECTOR_A = 'Chế biến nông lâm sản';
const SECTOR_B = 'Công nghệ sinh học';
const SECTOR_B_CODE = 'biotech';

function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    version: 3,
    id: 'p1',
    title: 'Bảo quản quýt tươi 2–3 tháng sau thu hoạch',
    kind: 'pilot',
    urgency: 'high',
    objectives: 'Giảm hao hụt quýt sau thu hoạch.',
    content: 'Thử nghiệm trên 5 tấn quả.',
    products: 'Quy trình bảo quản.',
    application: 'Xã Bằng Thành.',
    months: 24,
    budget: { state: 1500000000, other: 0 },
    sectors: [],
    needId: 'l1',
    needTitle: 'Cần công nghệ bảo quản quýt tươi',
    needOwner: { id: 'o3', name: 'Công ty TNHH Nông sản sạch Ba Bể' },
    proposer: { id: 'c1', name: 'UBND xã Bằng Thành' },
    proposerKind: 'agency',
    state: 'draft',
    history: [],
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    can: { edit: true, submit: true, withdraw: true, addToRound: false },
    ...over,
  } as Proposal;
}

describe('ProposalPage', () => {
  it('saves the draft with its version, sends it, then shows it as sent', async () => {
    const { calls } = mockApi({
      ...meRoutes([], [{ id: 'c1', name: 'UBND xã Bằng Thành', kind: 'agency', status: 'verified', role: 'owner' }]),
      ...taxonomyRoute,
      'GET /tasks/proposals/p1': () => json(200, proposal({ sectors: ['agri_processing'] })),
      'GET /tasks/proposals/options': () => json(200, { orgs: [{ id: 'c1', name: 'UBND xã Bằng Thành' }] }),
      'PATCH /tasks/proposals/p1': () => json(200, proposal({ version: 4, months: 18 })),
      'POST /tasks/proposals/p1/submit': () =>
        json(200, proposal({ version: 5, months: 18, state: 'submitted', can: { edit: false, submit: false, withdraw: true, addToRound: false } })),
    });
    renderRoutes([{ path: '/tasks/proposals/:id', element: <ProposalPage /> }], '/tasks/proposals/p1');
    expect((await screen.findByText('Cần công nghệ bảo quản quýt tươi')).closest('a')?.getAttribute('href')).toBe('/listings/l1');
    fireEvent.change(screen.getByLabelText(/Thời gian thực hiện/), { target: { value: '18' } });
    // The sectors came from the need; the proposer adds one.
    expect((screen.getByRole('checkbox', { name: SECTOR_A }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: SECTOR_B }));
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đề xuất' }));
    await screen.findByText('Đã gửi đề xuất tới Sở.');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"3"');
    expect(patch.body).toMatchObject({ months: 18, budget: { state: 1500000000, other: 0 }, sectors: ['agri_processing', SECTOR_B_CODE] });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/submit'))!.headers['if-match']).toBe('"4"'));
    expect(screen.getByText('Đã gửi Sở')).toBeTruthy();
  });

  it('checks the title and months before sending anything', async () => {
    const { calls } = mockApi({
      ...meRoutes([], [{ id: 'c1', name: 'UBND xã Bằng Thành', kind: 'agency', status: 'verified', role: 'owner' }]),
      'GET /tasks/proposals/p1': () => json(200, proposal()),
      'GET /tasks/proposals/options': () => json(200, { orgs: [{ id: 'c1', name: 'UBND xã Bằng Thành' }] }),
    });
    renderRoutes([{ path: '/tasks/proposals/:id', element: <ProposalPage /> }], '/tasks/proposals/p1');
    fireEvent.change(await screen.findByLabelText(/Tên nhiệm vụ/), { target: { value: 'Ngắn' } });
    fireEvent.change(screen.getByLabelText(/Thời gian thực hiện/), { target: { value: '99' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đề xuất' }));
    await screen.findByText(/Giá trị nằm ngoài khoảng|1–60|ngoài khoảng/);
    expect(calls.some((c) => c.path.includes('/tasks/') && c.method !== 'GET')).toBe(false);
  });
});
