import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import Home from '../Home';
import PublicOrganization from './PublicOrganization';
import { OrgDescription } from './OrgDescription';
import { meRoutes, taxonomyRoute } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { renderRoutes } from '../../test/router';
import type { Market, NextSteps, OrganizationDetail, PublicOrganization as PublicOrg, SearchHit } from '../../api/types';

function hit(id: string, over: Partial<SearchHit> = {}): SearchHit {
  return {
    id, kind: 'technology', title: `Tin ${id}`, summary: 'Tóm tắt', organization: { id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute' },
    sectors: ['biotech'], transferForms: ['licence'], publishedAt: '2026-12-01T03:00:00Z', highlights: {}, ...over,
  };
}

const market: Market = {
  generatedAt: '2026-12-07T00:00:00Z',
  counts: { offers: 1234, needs: 37, organizations: 14, transfers: null, transfersSuppressed: true },
  newest: [hit('a'), hit('b', { kind: 'demand', title: 'Cần máy sấy chè' })],
  programs: [{ id: 'p1', name: 'Hỗ trợ đổi mới công nghệ 2026–2027', opensOn: '2026-11-01', closesOn: '2099-12-31' }],
  sectors: [{ value: 'biotech', count: 12 }, { value: 'environment', count: 3 }],
};

describe('home page', () => {
  it('shows a visitor the market: counts, newest listings, open programmes, sectors; and the way to start', async () => {
    mockApi({ ...taxonomyRoute, 'GET /public/market': () => json(200, market) });
    renderRoutes([{ path: '/', element: <Home /> }], '/');
    // The tiles keep their room while the figures load, then show them.
    const offers = await screen.findByTestId('count-offers');
    await waitFor(() => expect(offers.textContent).toContain('1.234'));
    expect(within(offers).getByRole('link').getAttribute('href')).toBe('/search?kind=technology%2Cequipment%2Cip');
    // Withheld by the public results' small-cell rule: said so, no number.
    expect(screen.getByTestId('count-transfers').textContent).toContain('Chưa công bố');
    expect(screen.getByRole('link', { name: 'Cần máy sấy chè' }).getAttribute('href')).toBe('/listings/b');
    expect(screen.getAllByRole('link', { name: 'Viện Khoa học Sự sống' })[0].getAttribute('href')).toBe('/organizations/o1');
    const programme = screen.getByRole('link', { name: 'Hỗ trợ đổi mới công nghệ 2026–2027' });
    expect(programme.getAttribute('href')).toBe('/support/p1');
    expect(programme.closest('li')!.textContent).toContain('Hạn nộp 31/12/2099');
    const sector = await screen.findByRole('link', { name: /Công nghệ sinh học 12/ });
    expect(sector.getAttribute('href')).toBe('/search?sector=biotech');
    expect(screen.getByRole('heading', { name: 'Bắt đầu' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Việc cần làm của bạn' })).toBeNull();
  });

  it('says something useful when the market is empty', async () => {
    mockApi({
      ...taxonomyRoute,
      'GET /public/market': () => json(200, { ...market, counts: { offers: 0, needs: 0, organizations: 0, transfers: 0, transfersSuppressed: false }, newest: [], programs: [], sectors: [] }),
    });
    renderRoutes([{ path: '/', element: <Home /> }], '/');
    expect(await screen.findByText(/Chưa có tin nào được công bố/)).toBeTruthy();
    expect(screen.getByText(/Hiện không có chương trình nào đang nhận hồ sơ/)).toBeTruthy();
    expect(screen.getByTestId('count-transfers').textContent).toContain('0');
  });

  it('shows a signed-in member the next steps the server gives, not the sign-up', async () => {
    const steps: NextSteps = {
      items: [
        { code: 'matches', count: 0, link: '/notifications' },
        { code: 'connections', count: 2, link: '/connections' },
      ],
    };
    mockApi({ ...meRoutes(), ...taxonomyRoute, 'GET /public/market': () => json(200, market), 'GET /me/next-steps': () => json(200, steps) });
    renderRoutes([{ path: '/', element: <Home /> }], '/');
    const panel = (await screen.findByRole('heading', { name: 'Việc cần làm của bạn' })).closest('section')!;
    const links = await within(panel).findAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/connections', '/notifications']);
    expect(links[0].textContent).toContain('2');
    expect(links[0].textContent).toContain('Lời bày tỏ quan tâm chờ bạn trả lời');
    expect(links[1].textContent).toContain('Không có gì đang chờ');
    expect(screen.queryByRole('heading', { name: 'Bắt đầu' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Đăng ký tổ chức' })).toBeNull();
  });
});

describe('public organisation page', () => {
  const org: PublicOrg = {
    id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute', commune: 'xa_ba_be', website: 'https://vien.example.vn/',
    verifiedAt: '2026-02-03T03:00:00Z', listings: [hit('a')], description: 'Nghiên cứu nuôi cấy mô và nấm dược liệu.',
    transfers: [{ id: 't1', title: 'Chuyển giao quy trình nhân giống nấm', supplier: 'Viện Khoa học Sự sống', recipient: 'HTX Rau Đức Xuân', value: 50_000_000, signedOn: '2026-05-04', sectors: ['biotech'] }],
  };

  it('shows who it is, its listings and the transfers made public', async () => {
    mockApi({ ...taxonomyRoute, 'GET /public/organizations/o1': () => json(200, org) });
    renderRoutes([{ path: '/organizations/:id', element: <PublicOrganization /> }], '/organizations/o1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Viện Khoa học Sự sống' })).toBeTruthy();
    expect(screen.getByText(/xác minh ngày 03\/02\/2026/)).toBeTruthy();
    expect(screen.getByText('Nghiên cứu nuôi cấy mô và nấm dược liệu.')).toBeTruthy();
    // Its own listings do not repeat its name.
    expect(screen.queryByRole('link', { name: 'Viện Khoa học Sự sống' })).toBeNull();
    expect(await screen.findByText('Xã Ba Bể')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'vien.example.vn' }).getAttribute('href')).toBe('https://vien.example.vn/');
    expect(screen.getByRole('link', { name: 'Tin a' }).getAttribute('href')).toBe('/listings/a');
    const transfer = screen.getByText('Chuyển giao quy trình nhân giống nấm').closest('li')!;
    expect(transfer.textContent).toContain('HTX Rau Đức Xuân');
    expect(transfer.textContent).toContain('50.000.000');
  });

  it('says an organisation that is missing or not verified is not found', async () => {
    mockApi({ 'GET /public/organizations/x': () => problem(404, 'not_found', 'Không tìm thấy.') });
    renderRoutes([{ path: '/organizations/:id', element: <PublicOrganization /> }], '/organizations/x');
    expect(await screen.findByRole('heading', { name: 'Không tìm thấy tổ chức' })).toBeTruthy();
    expect(screen.getByText(/chưa được Sở xác minh/)).toBeTruthy();
  });
});

describe('organisation description', () => {
  const detail = {
    id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute', status: 'verified', createdAt: '2026-01-01T00:00:00Z', version: 7, members: [],
  } as unknown as OrganizationDetail;

  it('lets whom the server allows (can.describe) write it, sent with If-Match', async () => {
    let saved: OrganizationDetail | undefined;
    const { calls } = mockApi({
      'PUT /organizations/o1/description': (c) => json(200, { ...detail, version: 8, description: (c.body as { description: string }).description }),
    });
    renderRoutes([{ path: '/', element: <OrgDescription org={{ ...detail, can: { verify: false, reject: false, edit: false, describe: true } }} onSaved={(o) => (saved = o)} onStale={() => undefined} /> }], '/');
    expect(screen.getByText(/Chưa có lời giới thiệu/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sửa giới thiệu' }));
    fireEvent.change(screen.getByLabelText('Giới thiệu tổ chức'), { target: { value: 'Viện nghiên cứu công nghệ sinh học.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(saved?.description).toBe('Viện nghiên cứu công nghệ sinh học.'));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers['if-match']).toBe('"7"');
  });

  it('shows others the text only', () => {
    renderRoutes(
      [{ path: '/', element: <OrgDescription org={{ ...detail, description: 'Giới thiệu', can: { verify: false, reject: false, edit: false, describe: false } }} onSaved={() => undefined} onStale={() => undefined} /> }],
      '/',
    );
    expect(screen.getByText('Giới thiệu')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
