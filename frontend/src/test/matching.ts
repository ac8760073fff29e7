// Fixtures for the matching screens: matches, connections, transfers.
import type { Connection, Match, SearchHit, Taxonomy, Transfer } from '../api/types';
import { taxonomy as base } from './catalog';
import { json } from './helpers';

export const taxonomy: Taxonomy = {
  ...base,
  transferForms: [
    ...base.transferForms,
    { code: 'assignment', vi: 'Chuyển giao quyền sở hữu công nghệ', en: 'Assignment (transfer of ownership)' },
  ],
  declineReasons: [
    { code: 'too_early', vi: 'Chưa đến lúc, để sau', en: 'Too early for us' },
    { code: 'price', vi: 'Giá, chi phí chưa phù hợp', en: 'Price or cost does not fit' },
    { code: 'other', vi: 'Lý do khác', en: 'Other reason' },
  ],
  transferMethods: [
    { code: 'documents', vi: 'Chuyển giao tài liệu về công nghệ', en: 'Technology documents' },
    { code: 'training', vi: 'Đào tạo cho bên nhận', en: 'Training the recipient' },
  ],
};

export const taxonomyRoute = { 'GET /taxonomy': () => json(200, taxonomy) };

export const INSTITUTE = { id: 'o1', name: 'Viện Khoa học Sự sống' };
export const ENTERPRISE = { id: 'o2', name: 'HTX Miến dong Côn Minh' };

export function hit(over: Partial<SearchHit> = {}): SearchHit {
  return {
    id: 'offer1',
    kind: 'technology',
    title: 'Dây chuyền sản xuất miến dong không dùng hàn the',
    summary: 'Công nghệ tráng, sấy miến dong bằng nhiệt gió, không dùng phụ gia.',
    organization: { ...INSTITUTE, kind: 'institute' },
    sectors: ['agri_processing'],
    transferForms: ['licence'],
    trl: 7,
    priceMin: 250000000,
    publishedAt: '2026-02-01T03:00:00Z',
    highlights: {},
    ...over,
  };
}

export function match(over: Partial<Match> = {}): Match {
  return {
    listing: hit(),
    score: 82,
    reasons: [
      { code: 'same_sector', text: 'Cùng lĩnh vực chế biến nông lâm sản', positive: true },
      { code: 'price_in_budget', text: 'Giá nằm trong ngân sách', positive: true },
    ],
    can: { interest: true },
    ...over,
  };
}

const NO = { accept: false, decline: false, negotiate: false, agree: false, close: false, message: false, recordTransfer: false };

export function connection(over: Partial<Connection> = {}): Connection {
  return {
    id: 'c1',
    version: 1,
    listing: { id: 'need1', kind: 'demand', title: 'Cần công nghệ sấy miến dong' },
    owner: ENTERPRISE,
    party: INSTITUTE,
    state: 'requested',
    seeks: 'Chúng tôi muốn chuyển giao dây chuyền sấy cho HTX.',
    brings: 'Chuyên gia và quy trình đã thử nghiệm.',
    sectors: ['agri_processing'],
    createdAt: '2026-03-01T02:00:00Z',
    updatedAt: '2026-03-01T02:00:00Z',
    stateChangedAt: '2026-03-01T02:00:00Z',
    stale: false,
    ...over,
    can: { ...NO, ...(over.can ?? {}) },
  };
}

export function transfer(over: Partial<Transfer> = {}): Transfer {
  return {
    id: 't1',
    version: 3,
    connectionId: 'c1',
    listings: [{ id: 'need1', title: 'Cần công nghệ sấy miến dong', kind: 'demand' }],
    supplier: INSTITUTE,
    recipient: ENTERPRISE,
    title: 'Hợp đồng chuyển giao công nghệ sấy miến dong',
    form: 'licence',
    methods: ['documents', 'training'],
    contractValue: 320000000,
    signedOn: '2026-03-10',
    registration: { required: true, status: 'due', dueOn: '2026-06-08', overdue: false },
    implementation: { status: 'in_progress' },
    documents: [],
    sectors: ['agri_processing'],
    publicConsent: false,
    createdBy: 'u9',
    createdAt: '2026-03-10T02:00:00Z',
    updatedAt: '2026-03-10T02:00:00Z',
    can: { edit: true, register: true, implement: true },
    ...over,
  };
}
