// Catalogue fixtures for component tests: a small taxonomy and listings.
import type { Listing, PlatformRole, SearchResult, Taxonomy } from '../api/types';
import { json } from './helpers';

export const taxonomy: Taxonomy = {
  sectors: [
    { code: 'biotech', vi: 'Công nghệ sinh học', en: 'Biotechnology' },
    { code: 'agri_processing', vi: 'Chế biến nông lâm sản', en: 'Agricultural processing' },
    { code: 'environment', vi: 'Môi trường', en: 'Environment' },
    { code: 'ict', vi: 'Công nghệ thông tin và truyền thông', en: 'ICT' },
  ],
  transferForms: [
    { code: 'licence', vi: 'Chuyển giao quyền sử dụng công nghệ', en: 'Licence (right to use)' },
    { code: 'training', vi: 'Đào tạo, hướng dẫn kỹ thuật', en: 'Training and technical guidance' },
  ],
  ipTypes: [{ code: 'patent', vi: 'Sáng chế', en: 'Patent' }],
  ipStatuses: [
    { code: 'filed', vi: 'Đã nộp đơn', en: 'Application filed' },
    { code: 'granted', vi: 'Đã cấp văn bằng', en: 'Granted' },
  ],
  trl: Array.from({ length: 9 }, (_, i) => ({ code: String(i + 1), vi: `Mức ${i + 1}`, en: `Level ${i + 1}` })),
  rejectReasons: [
    { code: 'incomplete', vi: 'Thông tin chưa đầy đủ', en: 'Incomplete information' },
    { code: 'misleading', vi: 'Thông tin sai lệch hoặc gây hiểu nhầm', en: 'False or misleading information' },
  ],
  adminUnits: [
    { code: 'thai_nguyen', vi: 'Tỉnh Thái Nguyên', en: 'Thái Nguyên province', level: 'province', validFrom: '2025-07-01' },
    { code: 'bac_kan', vi: 'Tỉnh Bắc Kạn (trước 01/7/2025)', en: 'Bắc Kạn province (before 1 July 2025)', level: 'province', validUntil: '2025-06-30' },
    { code: 'xa_ba_be', vi: 'Xã Ba Bể', en: 'Ba Bể commune', level: 'commune', parent: 'thai_nguyen', validFrom: '2025-07-01' },
  ],
};

export const taxonomyRoute = { 'GET /taxonomy': () => json(200, taxonomy) };

export const ORG = { id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute' as const };

export function listing(over: Partial<Listing> = {}): Listing {
  return {
    id: 'l1',
    version: 4,
    kind: 'technology',
    state: 'draft',
    orgId: ORG.id,
    title: 'Quy trình nuôi cá tầm trong bể tuần hoàn',
    summary: 'Nuôi cá tầm thương phẩm trong hệ thống bể tuần hoàn nước lạnh, tiết kiệm nước và kiểm soát dịch bệnh.',
    description: 'Mô tả chi tiết quy trình.',
    sectors: ['biotech'],
    keywords: ['cá tầm'],
    transferForms: ['licence'],
    trl: 7,
    price: { mode: 'range', min: 150000000, max: 300000000 },
    contact: { name: 'TS. Phạm Thị Lan', email: 'lan@vien.vn', phone: '0208 374 215' },
    createdAt: '2026-01-02T03:00:00Z',
    updatedAt: '2026-01-02T03:00:00Z',
    ...over,
  };
}

export function meRoutes(
  roles: PlatformRole[] = [],
  orgs: { id: string; name: string; kind: string; status: string; role: string }[] = [{ ...ORG, status: 'verified', role: 'owner' }],
) {
  localStorage.setItem('techmart.refresh', 'R');
  return {
    'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
    'GET /me': () =>
      json(200, {
        user: { id: 'u1', email: 'lan@vien.vn', fullName: 'Phạm Thị Lan', roles, createdAt: '2025-01-01T00:00:00Z' },
        organizations: orgs,
        can: { proposeTasks: orgs.some((o) => o.status === 'verified') },
      }),
  };
}

export function searchResult(over: Partial<SearchResult> = {}): SearchResult {
  return {
    hits: [],
    total: 0,
    page: 1,
    pageSize: 20,
    facets: { kind: [], sector: [], trl: [], transferForm: [], adminUnit: [], orgKind: [] },
    ...over,
  };
}
