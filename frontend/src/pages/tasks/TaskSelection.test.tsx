import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
import TaskSelectionPage from './TaskSelection';
import DossierFormPage from './DossierForm';
import type { TaskDossier, TaskSelection } from './selectionApi';

const NO = { open: false, closeCall: false, assignCouncil: false, score: false, select: false, appraise: false, decide: false };

function view(over: Partial<TaskSelection> = {}, can: Partial<typeof NO> = {}): TaskSelection {
  return {
    task: {
      id: 't1', version: 3, code: 'ĐTCT.2027.01', title: 'Chế biến chè Shan tuyết', kind: 'research', sectors: [], objectives: '',
      proposalId: 'p1', proposer: { id: 'o9', name: 'Công ty' }, roundId: 'r1', list: { number: '1/QĐ-UBND', date: '2026-11-20' },
      order: { products: 'Quy trình', months: 24, maxBudget: 1_500_000_000, mode: 'selection' },
      call: { opens: '2026-12-01', closes: '2026-12-20' }, state: 'call_open', history: [], createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
    } as TaskSelection['task'],
    can: { ...NO, ...can } as TaskSelection['can'],
    canApply: false,
    dossiers: [],
    ...over,
  };
}

function dossier(over: Partial<TaskDossier> = {}): TaskDossier {
  return {
    id: 'd1', version: 2, taskId: 't1', taskCode: 'ĐTCT.2027.01', taskTitle: 'Chế biến chè Shan tuyết', orgId: 'o1', orgName: 'Viện Khoa học Sự sống',
    state: 'draft', lead: '', summary: '', approach: '', products: '', months: 0, budget: [], stateBudget: 0, otherBudget: 0, files: [], history: [],
    createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', can: { edit: true, submit: true, withdraw: true },
    ...over,
  } as TaskDossier;
}

describe('a task’s selection page', () => {
  it('offers an applicant the dossier when the server says it may apply, and nothing of the officer’s', async () => {
    const { calls } = mockApi({
      ...meRoutes([]),
      'GET /tasks/t1/selection': () => json(200, view({ canApply: true })),
      'POST /tasks/t1/dossiers': () => json(201, dossier()),
    });
    renderRoutes(
      [
        { path: '/tasks/:id/selection', element: <TaskSelectionPage /> },
        { path: '/tasks/dossiers/:id', element: <p>the dossier</p> },
      ],
      '/tasks/t1/selection',
    );
    const apply = await screen.findByRole('button', { name: 'Nộp hồ sơ đăng ký chủ trì' });
    expect(screen.queryByRole('button', { name: 'Kết thúc nhận hồ sơ' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Mở thông báo tuyển chọn' })).toBeNull();
    fireEvent.click(apply);
    await waitFor(() => expect(location()).toBe('/tasks/dossiers/d1'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/tasks/t1/dossiers')).toBe(true);
  });

  it('has a council member score each dossier on the shared sheet', async () => {
    const council = {
      plan: { criteria: [{ code: 'c1', name: 'Tính khả thi', weight: 60 }, { code: 'c2', name: 'Năng lực', weight: 40 }], passMark: 60, required: 1 },
      members: [{ id: 'u1', name: 'Phạm Thị Lan' }],
      dossiers: [{ dossierId: 'd1', orgId: 'o1', orgName: 'Viện Khoa học Sự sống', reviews: [{ reviewerId: 'u1', reviewerName: 'Phạm Thị Lan', assignedAt: '2026-12-21T00:00:00Z' }] }],
    };
    const { calls } = mockApi({
      ...meRoutes(['reviewer'], []),
      'GET /tasks/t1/selection': () => json(200, view({ council } as Partial<TaskSelection>, { score: true })),
      'POST /tasks/t1/scores': () => json(200, view({ council } as Partial<TaskSelection>, { score: true })),
    });
    renderRoutes([{ path: '/tasks/:id/selection', element: <TaskSelectionPage /> }], '/tasks/t1/selection');
    fireEvent.click(await screen.findByRole('radio', { name: /Tôi không có xung đột lợi ích/ }));
    fireEvent.change(screen.getByLabelText(/^Điểm “Tính khả thi” \(0–10\)/), { target: { value: '9' } });
    fireEvent.change(screen.getByLabelText(/^Điểm “Năng lực” \(0–10\)/), { target: { value: '8' } });
    expect(screen.getByTestId('score-total').textContent).toContain('86/100');
    fireEvent.click(screen.getByRole('button', { name: 'Gửi phiếu chấm' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/tasks/t1/scores')).toBe(true));
    expect(calls.find((c) => c.path === '/tasks/t1/scores')!.body).toEqual({
      dossierId: 'd1',
      declaration: 'no_conflict',
      scores: [
        { code: 'c1', score: 9 },
        { code: 'c2', score: 8 },
      ],
    });
  });
});

describe('a dossier', () => {
  it('adds up the budget by source as one types and sends the table with the version read', async () => {
    const { calls } = mockApi({
      ...meRoutes([]),
      'GET /tasks/dossiers/d1': () => json(200, dossier()),
      'PATCH /tasks/dossiers/d1': () => json(200, dossier({ version: 3 })),
    });
    renderRoutes([{ path: '/tasks/dossiers/:id', element: <DossierFormPage /> }], '/tasks/dossiers/d1');
    fireEvent.change(await screen.findByLabelText('Nội dung chi dòng 1'), { target: { value: 'Công lao động' } });
    fireEvent.change(screen.getByLabelText('Đơn vị tính dòng 1'), { target: { value: 'ngày công' } });
    fireEvent.change(screen.getByLabelText('Số lượng dòng 1'), { target: { value: '400' } });
    fireEvent.change(screen.getByLabelText('Đơn giá dòng 1'), { target: { value: '1500000' } });
    expect(screen.getByText(/Ngân sách nhà nước: 600\.000\.000/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match'] ?? patch.headers['If-Match']).toBe('"2"');
    expect((patch.body as { budget: unknown[] }).budget).toEqual([{ item: 'Công lao động', unit: 'ngày công', quantity: 400, unitPrice: 1_500_000, source: 'state', amount: 0 }]);
  });
});
