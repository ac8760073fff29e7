import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import { json, mockApi, renderApp } from '../../test/helpers';
import ShowcasePage from './ShowcasePage';
import EventReport from './EventReport';
import type { EventReport as Report, ShowcasePage as Page } from './showcaseApi';

const t = i18n.getFixedT('vi');

const page: Page = {
  event: { id: 'ev1', name: 'Chợ công nghệ Thái Nguyên 2026', nameEn: 'Thai Nguyen Techmart 2026', kind: 'hybrid', state: 'published', startDate: '2026-12-10', endDate: '2026-12-12', venue: 'Trung tâm Hội nghị tỉnh' },
  stands: [
    { registrationId: 'r1', role: 'exhibitor', org: { id: 'o1', name: 'Viện Khoa học Sự sống' }, orgKind: 'institute', booth: 'A-2', boothType: 'std', qr: '/api/v1/events/ev1/booths/A-2/qr.svg',
      items: [{ id: 'l1', kind: 'technology', title: 'Nhân giống ba kích tím', summary: '', sectors: ['biotech'], highlights: { title: 'Nhân giống <mark>ba kích</mark> tím' } }] },
    { registrationId: 'r2', role: 'participant', org: { id: 'o2', name: 'HTX Quýt Bắc Kạn' }, orgKind: 'enterprise', items: [{ id: 'l2', kind: 'demand', title: 'Cần bảo quản quýt', summary: '', sectors: [] }] },
    { registrationId: 'r3', role: 'inventor', org: { id: 'o3', name: 'Nông dân Hoàng Văn A' }, orgKind: 'individual', booth: 'B-1', qr: '/api/v1/events/ev1/booths/B-1/qr.svg', items: [] },
  ],
  total: 3, items: 2, page: 1, pageSize: 24,
  facets: { kind: [{ value: 'technology', count: 1 }, { value: 'demand', count: 1 }], sector: [{ value: 'biotech', count: 1 }] },
  can: { catalogue: true, report: false },
};

describe('event showcase', () => {
  afterEach(() => i18n.changeLanguage('vi'));

  it('lists the stands by booth with what each shows, heads the page with the event, and links the catalogue and QR codes', async () => {
    mockApi({ 'GET /events/ev1/showcase': () => json(200, page) });
    renderApp(<ShowcasePage />, { path: '/events/:id/showcase', route: '/events/ev1/showcase' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Chợ công nghệ Thái Nguyên 2026' })).toBeTruthy();
    await screen.findByText('Viện Khoa học Sự sống');
    const stands = document.querySelectorAll('.stand');
    expect([...stands].map((s) => s.getAttribute('data-booth'))).toEqual(['A-2', '', 'B-1']);
    expect(stands[0].textContent).toContain('Nhân giống ba kích tím');
    expect(stands[0].querySelector('mark')?.textContent).toBe('ba kích');
    expect(stands[1].textContent).toContain(t('showcase.needsBrought'));
    expect(stands[2].textContent).toContain(t('showcase.nothingYet'));
    expect(stands[0].querySelector('.stand-qr')?.getAttribute('href')).toBe('/api/v1/events/ev1/booths/A-2/qr.svg');
    expect(screen.getByTestId('catalogue').getAttribute('href')).toBe('/api/v1/events/ev1/catalogue?format=html&lang=vi');
    expect(screen.getByTestId('showcase-count').textContent).toBe(t('showcase.count', { stands: '3', items: '2' }));
    expect(screen.queryByTestId('report-link')).toBeNull();
  });

  it('sends the words and the role to the server, and offers officers the report', async () => {
    const { calls } = mockApi({ 'GET /events/ev1/showcase': () => json(200, { ...page, can: { catalogue: true, report: true } }) });
    renderApp(<ShowcasePage />, { path: '/events/:id/showcase', route: '/events/ev1/showcase' });
    await screen.findByTestId('report-link');
    expect(calls[0].path).toBe('/events/ev1/showcase');
    fireEvent.change(screen.getByLabelText(t('showcase.searchLabel')), { target: { value: 'ba kich' } });
    fireEvent.click(screen.getByRole('button', { name: t('common.search') }));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/events/ev1/showcase?q=ba+kich'));
    fireEvent.change(screen.getByLabelText(t('showcase.role')), { target: { value: 'participant' } });
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/events/ev1/showcase?q=ba+kich&role=participant'));
  });

  it('opens on one booth, as its QR code does, with the filters back once the booth is cleared', async () => {
    const { calls } = mockApi({ 'GET /events/ev1/showcase': () => json(200, { ...page, stands: page.stands.slice(0, 1), total: 1 }) });
    renderApp(<ShowcasePage />, { path: '/events/:id/showcase', route: '/events/ev1/showcase?booth=A-2' });
    await screen.findByText('Viện Khoa học Sự sống');
    expect(calls[0].path).toBe('/events/ev1/showcase?booth=A-2');
    expect(screen.queryByLabelText(t('showcase.searchLabel'))).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: t('showcase.clearBooth', { booth: 'A-2' }) }));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/events/ev1/showcase'));
    expect(screen.getByLabelText(t('showcase.searchLabel'))).toBeTruthy();
  });

  it('shows the server’s words when the event is not there', async () => {
    mockApi({ 'GET /events/ev9/showcase': () => json(404, { code: 'event_not_found', title: 'Không tìm thấy sự kiện.', status: 404 }, { 'Content-Type': 'application/problem+json' }) });
    renderApp(<ShowcasePage />, { path: '/events/:id/showcase', route: '/events/ev9/showcase' });
    expect(await screen.findByText(/Không tìm thấy sự kiện/)).toBeTruthy();
  });
});

const amount = (count: number, valueVnd: number) => ({ count, valueVnd });
const report: Report = {
  eventId: 'ev1', name: 'Chợ công nghệ Thái Nguyên 2026', kind: 'hybrid', startDate: '2026-12-10', endDate: '2026-12-12', countedAt: '2026-12-13T02:00:00Z',
  dealsUntil: '2027-06-12', registered: 3, checkedIn: 1, outside: 1,
  booths: [{ code: 'std', name: 'Gian tiêu chuẩn', offered: 10, assigned: 1, freeQuota: 0, freeUsed: 0, waitlisted: 2, feeVnd: 3_000_000 }],
  byKind: [{ orgKind: 'institute', exhibitors: 1, inventors: 0, participants: 0, checkedIn: 1 }],
  meetings: { requested: 4, accepted: 2, declined: 1, cancelled: 1, placed: 1, held: 1, noShow: 0, interest: 1 },
  mou: { onSpot: amount(1, 0), later: amount(0, 0), total: amount(1, 0) },
  contracts: { onSpot: amount(1, 450_000_000), later: amount(1, 1_200_000_000), total: amount(2, 1_650_000_000) },
  deals: { onSpot: amount(2, 450_000_000), later: amount(1, 1_200_000_000), total: amount(3, 1_650_000_000) },
  sectors: [{ sector: 'biotech', mou: amount(0, 0), contract: amount(2, 1_650_000_000) }],
};

describe('event results report', () => {
  it('shows the figures the server counted, section by section', async () => {
    mockApi({ 'GET /events/ev1/report': () => json(200, report), 'GET /taxonomy': () => json(200, { sectors: [{ code: 'biotech', vi: 'Công nghệ sinh học', en: 'Biotechnology' }] }) });
    renderApp(<EventReport />, { path: '/events/:id/report', route: '/events/ev1/report' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Chợ công nghệ Thái Nguyên 2026' })).toBeTruthy();
    const total = document.querySelector('tr[data-row="total"]')!;
    expect(total.textContent).toContain('1.650.000.000');
    expect(document.querySelector('tr[data-row="held"]')!.textContent).toContain('1');
    expect(document.body.textContent).toContain('Gian tiêu chuẩn');
    expect(document.body.textContent).toContain(t('eventReport.outside', { count: 1 }));
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('data-format'))).toEqual(['html', 'pdf', 'xlsx']);
  });
});
