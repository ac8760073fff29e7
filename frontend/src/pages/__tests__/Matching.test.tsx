import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ListingPage from '../Listing';
import MyListings from '../MyListings';
import { listing, meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { connection, ENTERPRISE, hit, INSTITUTE, match, taxonomyRoute } from '../../test/matching';
import { location, renderRoutes } from '../../test/router';

const NEED = listing({
  id: 'need1',
  kind: 'demand',
  state: 'published',
  orgId: ENTERPRISE.id,
  title: 'Cần công nghệ sấy miến dong',
  organization: { ...ENTERPRISE, kind: 'enterprise' },
  trl: undefined,
  price: undefined,
});

const OFFER = listing({ id: 'offer1', state: 'published', orgId: INSTITUTE.id, organization: { ...INSTITUTE, kind: 'institute' } });

const enterpriseMember = (status = 'verified') =>
  meRoutes([], [{ ...ENTERPRISE, kind: 'enterprise', status, role: 'owner' }] as never);

function renderListing(id: string) {
  return renderRoutes(
    [
      { path: '/listings/:id', element: <ListingPage /> },
      { path: '/connections/:id', element: <p>connection page</p> },
    ],
    `/listings/${id}`,
  );
}

describe('Suggested matches on a listing', () => {
  it('lists offers for a need with score, reasons and the department’s badge', async () => {
    const { calls } = mockApi({
      ...enterpriseMember(),
      ...taxonomyRoute,
      'GET /listings/need1': () => json(200, NEED),
      'GET /listings/need1/matches': () =>
        json(200, {
          audience: 'owner',
          matches: [
            match(),
            match({
              listing: hit({ id: 'offer2', title: 'Máy tráng miến liên tục', kind: 'equipment' }),
              score: 35,
              reasons: [
                { code: 'proposed', text: 'Sở KH&CN đề xuất' },
                { code: 'trl_low', text: 'Mức sẵn sàng thấp hơn yêu cầu', positive: false },
              ],
              proposed: { note: 'Hai bên cùng ở Ba Bể.', at: '2026-03-02T02:00:00Z' },
            }),
          ],
        }),
    });
    renderListing('need1');
    const section = await screen.findByRole('region', { name: 'Gợi ý phù hợp' });
    expect(section.textContent).toContain('Công nghệ, thiết bị và tài sản trí tuệ phù hợp với nhu cầu này');
    await within(section).findByText('Dây chuyền sản xuất miến dong không dùng hàn the');
    const first = within(section).getByText('Dây chuyền sản xuất miến dong không dùng hàn the').closest('li')!;
    expect(within(first).getByLabelText('Mức phù hợp 82/100, rất phù hợp')).toBeTruthy();
    expect(within(first).getByRole('list', { name: 'Lý do gợi ý' }).textContent).toContain('Cùng lĩnh vực chế biến nông lâm sản');
    expect(within(first).queryByText('Sở KH&CN đề xuất')).toBeNull();
    const second = within(section).getByText('Máy tráng miến liên tục').closest('li')!;
    expect(within(second).getByLabelText('Mức phù hợp 35/100, ít phù hợp')).toBeTruthy();
    expect(within(second).getByText('Sở KH&CN đề xuất', { selector: '.badge' })).toBeTruthy();
    expect(second.textContent).toContain('Hai bên cùng ở Ba Bể.');
    // The "proposed" reason is the badge, not a line; a caveat is marked as one.
    expect(within(second).getByRole('list', { name: 'Lý do gợi ý' }).querySelectorAll('li')).toHaveLength(1);
    expect(second.querySelector('.reason-caveat')!.textContent).toBe('Mức sẵn sàng thấp hơn yêu cầu');
    expect(calls.find((c) => c.path.startsWith('/listings/need1/matches'))!.path).toBe('/listings/need1/matches?limit=10');
    // The owner's own need: no "express interest" on its page, but on the offers' cards.
    expect(screen.queryByRole('button', { name: 'Bày tỏ quan tâm' })).toBeNull();
    expect(within(first).getByRole('button', { name: 'Bày tỏ quan tâm: Dây chuyền sản xuất miến dong không dùng hàn the' })).toBeTruthy();
  });

  it('says so when an offer has no matching need, and leaves the section out when not allowed', async () => {
    mockApi({
      ...enterpriseMember(),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => json(200, { audience: 'owner', matches: [] }),
    });
    renderListing('offer1');
    expect(await screen.findByText(/Chưa có nhu cầu nào phù hợp/)).toBeTruthy();
    expect(screen.getByText('Nhu cầu công nghệ mà tin này có thể đáp ứng, phù hợp nhất trước.')).toBeTruthy();
  });

  it('shows a visitor similar listings, unscored, without "express interest" on them', async () => {
    mockApi({
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () =>
        json(200, {
          audience: 'visitor',
          matches: [
            match({
              listing: hit({ id: 'offer3', title: 'Lò sấy miến dong năng lượng mặt trời' }),
              score: 0,
              reasons: [{ code: 'shared_keywords', text: 'Chung từ khóa: miến dong', positive: true }],
              can: { interest: false },
            }),
          ],
        }),
    });
    renderListing('offer1');
    const section = await screen.findByRole('region', { name: 'Tin tương tự' });
    await within(section).findByText('Lò sấy miến dong năng lượng mặt trời');
    expect(section.textContent).toContain('Công nghệ, thiết bị và tài sản trí tuệ khác gần với tin này');
    expect(section.textContent).toContain('Chung từ khóa: miến dong');
    expect(section.textContent).toContain('TRL 7: mức 7');
    expect(section.querySelector('meter')).toBeNull();
    expect(within(section).queryByRole('button', { name: /Bày tỏ quan tâm/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Gợi ý phù hợp' })).toBeNull();
    // Visitors are asked to log in to express interest.
    expect(screen.getByRole('link', { name: 'Đăng nhập để bày tỏ quan tâm' }).getAttribute('href')).toBe('/login?next=%2Flistings%2Foffer1');
  });

  it('hides the section when the server refuses the matches', async () => {
    mockApi({
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => problem(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.'),
    });
    renderListing('offer1');
    expect(await screen.findByText(OFFER.summary)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Gợi ý phù hợp' })).toBeNull());
  });
});

describe('Expressing interest', () => {
  it('checks the fields, shows server errors per field and opens the connection', async () => {
    let attempt = 0;
    const { calls } = mockApi({
      ...enterpriseMember(),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => json(200, { audience: 'owner', matches: [] }),
      'POST /listings/offer1/interests': () =>
        ++attempt === 1
          ? problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
              errors: [{ field: 'brings', code: 'invalid_characters', message: 'Có ký tự không được phép (ví dụ < >).' }],
            })
          : json(201, connection({ id: 'c9' })),
    });
    renderListing('offer1');
    fireEvent.click(await screen.findByRole('button', { name: 'Bày tỏ quan tâm' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bày tỏ quan tâm' }); // its code arrives on the first opening
    expect(dialog.textContent).toContain(`Gửi với tư cách: ${ENTERPRISE.name}`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    expect(within(dialog).getByText('Vui lòng nhập thông tin này.')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/interests'))).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(/^Điều bạn đang tìm/), { target: { value: 'ngắn' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    expect(within(dialog).getByText('Quá ngắn: cần ít nhất 10 ký tự.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Điều bạn đang tìm/), {
      target: { value: 'Dây chuyền sấy miến công suất 2 tấn/ngày' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Điều bạn có thể đóng góp/), { target: { value: 'Nhà xưởng <b>' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    expect(await within(dialog).findByText('Có ký tự không được phép (ví dụ < >).')).toBeTruthy();
    expect(within(dialog).getByLabelText(/^Điều bạn có thể đóng góp/).getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText(/^Điều bạn có thể đóng góp/), { target: { value: 'Nhà xưởng 500 m²' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    await waitFor(() => expect(location()).toBe('/connections/c9'));
    expect(calls.filter((c) => c.path.endsWith('/interests')).at(-1)!.body).toEqual({
      orgId: ENTERPRISE.id,
      seeks: 'Dây chuyền sấy miến công suất 2 tấn/ngày',
      brings: 'Nhà xưởng 500 m²',
    });
  });

  it('asks which organisation when the user has several, and explains an open interest', async () => {
    mockApi({
      ...meRoutes([], [
        { ...ENTERPRISE, kind: 'enterprise', status: 'verified', role: 'owner' },
        { id: 'o3', name: 'Công ty Nông sản Bắc Kạn', kind: 'enterprise', status: 'verified', role: 'member' },
      ] as never),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => json(200, { audience: 'owner', matches: [] }),
      'POST /listings/offer1/interests': () =>
        problem(409, 'interest_exists', 'Tổ chức của bạn đã bày tỏ quan tâm đến tin này và đang chờ trả lời.'),
    });
    renderListing('offer1');
    fireEvent.click(await screen.findByRole('button', { name: 'Bày tỏ quan tâm' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bày tỏ quan tâm' }); // its code arrives on the first opening
    fireEvent.change(within(dialog).getByLabelText(/^Điều bạn đang tìm/), { target: { value: 'Một dây chuyền sấy miến dong' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    expect(within(dialog).getByLabelText(/^Tổ chức bày tỏ quan tâm/).getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText(/^Tổ chức bày tỏ quan tâm/), { target: { value: 'o3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi quan tâm' }));
    expect(await within(dialog).findByText('Tổ chức của bạn đã bày tỏ quan tâm đến tin này và đang chờ trả lời.')).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: 'Xem kết nối đang mở' }).getAttribute('href')).toBe('/connections?listingId=offer1');
  });

  it('leads to the open interest instead of offering a second one', async () => {
    const { calls } = mockApi({
      ...enterpriseMember(),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => json(200, { audience: 'owner', matches: [] }),
      'GET /connections': () =>
        json(200, { items: [connection({ id: 'c5', state: 'accepted', owner: INSTITUTE, party: ENTERPRISE, listing: { id: 'offer1', kind: 'technology', title: OFFER.title } })], total: 1 }),
    });
    renderListing('offer1');
    const note = await screen.findByText(`${ENTERPRISE.name} đã bày tỏ quan tâm đến tin này:`, { exact: false });
    expect(within(note).getByRole('link', { name: 'Xem kết nối đang mở' }).getAttribute('href')).toBe('/connections/c5');
    expect(within(note).getByText('Đã chấp nhận')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bày tỏ quan tâm' })).toBeNull();
    expect(calls.find((c) => c.path.startsWith('/connections?'))!.path).toBe('/connections?scope=mine&listingId=offer1&page=1&pageSize=20');
  });

  it('tells members of an unverified organisation why they cannot', async () => {
    mockApi({
      ...enterpriseMember('pending'),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
    });
    renderListing('offer1');
    expect(await screen.findByText(/cần được Sở xác minh trước khi bày tỏ quan tâm/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bày tỏ quan tâm' })).toBeNull();
  });
});

describe('Officers propose a match', () => {
  it('picks a need by title and posts the pair with a note', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], [{ id: 'dep', name: 'Sở KH&CN', kind: 'department', status: 'verified', role: 'member' }] as never),
      ...taxonomyRoute,
      'GET /listings/offer1': () => json(200, OFFER),
      'GET /listings/offer1/matches': () => json(200, { audience: 'owner', matches: [] }),
      'GET /search': () =>
        json(200, {
          hits: [hit({ id: 'need1', kind: 'demand', title: 'Cần công nghệ sấy miến dong', organization: { ...ENTERPRISE, kind: 'enterprise' } })],
          total: 1,
          page: 1,
          pageSize: 8,
          facets: {},
        }),
      'POST /matches': () => json(201, { needId: 'need1', offerId: 'offer1', note: 'x', by: 'u1', at: '2026-03-01T00:00:00Z' }),
    });
    renderListing('offer1');
    fireEvent.click(await screen.findByRole('button', { name: 'Đề xuất kết nối' }));
    // The department proposes; it does not express interest itself.
    expect(screen.queryByRole('button', { name: 'Bày tỏ quan tâm' })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Đề xuất kết nối cung – cầu' }); // its code arrives on the first opening
    fireEvent.click(within(dialog).getByRole('button', { name: 'Đề xuất' }));
    expect(within(dialog).getByText('Vui lòng nhập thông tin này.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Nhu cầu công nghệ/), { target: { value: 'mien dong' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: /Cần công nghệ sấy miến dong/ }));
    expect(calls.find((c) => c.path.startsWith('/search'))!.path).toContain('kind=demand');
    fireEvent.change(within(dialog).getByLabelText(/^Ghi chú cho hai bên/), { target: { value: 'Cùng địa bàn Ba Bể' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Đề xuất' }));
    expect(await screen.findByText('Đã đề xuất kết nối với “Cần công nghệ sấy miến dong”.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/matches')!.body).toEqual({ needId: 'need1', offerId: 'offer1', note: 'Cùng địa bàn Ba Bể' });
    // The list is asked again, so that the proposed pair shows with its badge.
    await waitFor(() => expect(calls.filter((c) => c.path.startsWith('/listings/offer1/matches'))).toHaveLength(2));
  });
});

describe('Matches in my listings', () => {
  it('counts each published listing’s matches and links to them', async () => {
    mockApi({
      ...meRoutes(),
      'GET /listings': () =>
        json(200, { items: [listing({ id: 'a', state: 'published', title: 'Máy sấy chè' }), listing({ id: 'b', state: 'draft' })], total: 2, page: 1, pageSize: 20 }),
      'GET /listings/a/matches': () => json(200, { audience: 'owner', matches: [match({ score: 64 }), match({ listing: hit({ id: 'x' }), score: 91 })] }),
    });
    renderRoutes([{ path: '/my/listings', element: <MyListings /> }], '/my/listings');
    const link = await screen.findByRole('link', { name: '2 gợi ý phù hợp cho Máy sấy chè' });
    expect(link.getAttribute('href')).toBe('/listings/a#matches');
    expect(link.textContent).toBe('2 gợi ý · cao nhất 91/100');
  });
});

describe('Matches on a phone', () => {
  it('shows three compact matches, then the rest on "see more"', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query === '(max-width: 40rem)',
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      mockApi({
        ...enterpriseMember(),
        ...taxonomyRoute,
        'GET /listings/need1': () => json(200, NEED),
        'GET /listings/need1/matches': () =>
          json(200, {
            audience: 'owner',
            matches: [1, 2, 3, 4, 5].map((i) => match({ listing: hit({ id: `o${i}`, title: `Công nghệ số ${i}` }), score: 90 - i })),
          }),
      });
      renderListing('need1');
      const section = await screen.findByRole('region', { name: 'Gợi ý phù hợp' });
      await within(section).findByText('Công nghệ số 1');
      expect(section.querySelectorAll('.match-compact')).toHaveLength(3);
      expect(section.querySelector('.result-summary')).toBeNull(); // compact: no summary
      const first = section.querySelector('.match-compact')!;
      expect(first.textContent).toContain('Cùng lĩnh vực chế biến nông lâm sản');
      expect(first.textContent).toContain('TRL 7: mức 7');
      expect(within(first as HTMLElement).getByRole('button', { name: 'Bày tỏ quan tâm: Công nghệ số 1' })).toBeTruthy();
      fireEvent.click(within(section).getByRole('button', { name: 'Xem thêm 2 tin' }));
      expect(section.querySelectorAll('.match-compact')).toHaveLength(5);
      expect(within(section).queryByRole('button', { name: /Xem thêm/ })).toBeNull();
    } finally {
      window.matchMedia = original;
    }
  });
});
