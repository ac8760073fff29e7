// Support application fixtures for unit and component tests.
import type { Application, ApplicationCan, Program } from '../api/types';

/** A `can` as the server sends it: the named steps offered, every other refused. */
export function can(...steps: (keyof ApplicationCan)[]): ApplicationCan {
  const none: ApplicationCan = {
    edit: false,
    submit: false,
    withdraw: false,
    check: false,
    return: false,
    assignReviewers: false,
    score: false,
    decide: false,
    agreement: false,
    disburse: false,
    requestAcceptance: false,
    acceptance: false,
    close: false,
    openTransfer: false,
  };
  for (const s of steps) none[s] = true;
  return none;
}

/** A draft as its applicant reads it (the server offers edit, submit and withdraw). */
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
    can: can('edit', 'submit', 'withdraw'),
    ...over,
  };
}

export function supportProgram(over: Partial<Program> = {}): Program {
  return {
    id: 'p1',
    version: 2,
    state: 'published',
    name: 'Hỗ trợ doanh nghiệp đổi mới công nghệ 2026–2027',
    summary: 'Hỗ trợ một phần kinh phí nhận chuyển giao công nghệ.',
    legalBasis: { number: '684/QĐ-UBND', date: '2016-05-23' },
    window: { opensOn: '2026-01-01', closesOn: '2099-12-31' },
    budget: 5_000_000_000,
    capPerApplication: 500_000_000,
    maxSharePercent: 30,
    eligibility: { orgKinds: ['enterprise'], inProvince: true, stEnterprise: false },
    documents: [
      { code: 'proposal', name: 'Thuyết minh dự án', required: true },
      { code: 'finance', name: 'Báo cáo tài chính', required: true },
      { code: 'quotes', name: 'Báo giá thiết bị', required: false },
    ],
    criteria: [
      { code: 'novelty', name: 'Tính mới', weight: 60 },
      { code: 'impact', name: 'Hiệu quả', weight: 40 },
    ],
    passMark: 60,
    reviewersPerApplication: 2,
    openPerOrganization: 1,
    approvedPerOrganization: 1,
    createdAt: '2026-10-01T02:00:00Z',
    updatedAt: '2026-10-01T02:00:00Z',
    ...over,
  };
}
