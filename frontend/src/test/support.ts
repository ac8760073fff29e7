// Support application fixtures for unit and component tests.
import type { Application } from '../api/types';

export function application(over: Partial<Application> = {}): Application {
  return {
    id: 'a1',
    version: 5,
    programId: 'p1',
    programName: 'Hỗ trợ doanh nghiệp đổi mới công nghệ 2026–2027',
    orgId: 'o3',
    orgName: 'Công ty TNHH Nông sản sạch Ba Bể',
    state: 'draft',
    title: 'Đổi mới dây chuyền sấy miến dong',
    summary: 'Thay lò sấy than bằng máy sấy bơm nhiệt.',
    technology: { transferId: 't1' },
    totalCost: 1_200_000_000,
    requested: 360_000_000,
    ownContribution: 840_000_000,
    startOn: '2027-01-01',
    endOn: '2027-12-31',
    expectedResults: 'Giảm 30 % chi phí năng lượng.',
    documents: [
      { code: 'proposal', fileId: 'f1' },
      { code: 'finance', fileId: 'f2' },
    ],
    history: [{ state: 'draft', at: '2026-11-01T02:00:00Z' }],
    tranches: [],
    createdAt: '2026-11-01T02:00:00Z',
    updatedAt: '2026-11-01T02:00:00Z',
    ...over,
  };
}
