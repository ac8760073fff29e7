import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import SearchPage from '../Search';
import type { SearchHit } from '../../api/types';
import { EMPTY_SEARCH, parseSearch, toSearchParams, type SearchState } from '../../lib/searchState';
import { searchResult, taxonomyRoute } from '../../test/catalog';
import { json, mockApi, problem, type Call } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';
const flat = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const hits: SearchHit[] = [
  {
    id: 'l1',
    kind: 'technology',
    title: 'Nuôi cá tầm trong bể tuần hoàn',
    summary: 'Cá tầm thương phẩm <nuôi> trong nước lạnh.',
    organization: { id: 'o1', name: 'Viện Khoa học Sự sống', kind: 'institute' },
    sectors: ['biotech'],
    transferForms: ['licence'],
    adminUnit: 'xa_ba_be',
    trl: 7,
    priceMin: 150000000,
    priceMax: 300000000,
    publishedAt: '2026-03-01T03:00:00Z',
    highlights: { title: 'Nuôi <mark>cá</mark> <mark>tầm</mark> trong bể tuần hoàn' },
  },
  {
    id: 'l2',
    kind: 'ip',
    title: 'Sáng chế chế phẩm vi sinh',
    summary: 'Chế phẩm vi sinh xử lý chất thải chăn nuôi.',
    organization: { id: 'o2', name: 'Trường Đại học Nông Lâm', kind: 'university' },
    sectors: ['environment'],
    transferForms: [],
    publishedAt: '2026-02-01T03:00:00Z',
    highlights: {},
  },
];

const facets = {
  kind: [
    { value: 'technology', count: 1 },
    { value: 'ip', count: 1 },
  ],
  sector: [
    { value: 'biotech', count: 1 },
    { value: 'environment', count: 1 },
  ],
  trl: [{ value: '7', count: 1 }],
  transferForm: [{ value: 'licence', count: 1 }],
  adminUnit: [{ value: 'xa_ba_be', count: 1 }],
  orgKind: [
    { value: 'institute', count: 1 },
    { value: 'university', count: 1 },
  ],
};

function query(c: Call): URLSearchParams {
  return new URLSearchParams(c.path.split('?')[1] ?? '');
}

/** The page's own searches (the facet-count searches ask for one hit). */
function mainSearches(calls: Call[]): URLSearchParams[] {
  return calls
    .filter((c) => c.method === 'GET' && c.path.startsWith('/search?'))
    .map(query)
    .filter((q) => q.get('pageSize') === '20');
}

function renderSearch(at: string) {
  return renderRoutes([{ path: '/search', element: <SearchPage /> }], at);
}

describe('search state in the URL', () => {
  it('round-trips through the query string, comma-separated or repeated', () => {
    const state: SearchState = {
      ...EMPTY_SEARCH,
      q: 'máy sấy chè',
      kind: ['technology', 'equipment'],
      sector: ['agri_processing'],
      trlMin: 5,
      priceMax: 500000000,
      sort: 'priceAsc',
      page: 3,
    };
    expect(parseSearch(toSearchParams(state))).toEqual(state);
    expect(toSearchParams(EMPTY_SEARCH).toString()).toBe('');
    const repeated = parseSearch(new URLSearchParams('kind=ip&kind=demand,ip&sort=bogus&page=99&trlMin=12'));
    expect(repeated).toEqual({ ...EMPTY_SEARCH, kind: ['ip', 'demand'] });
  });
});

describe('Search page', () => {
  it('reads its whole state from the URL and writes changes back', async () => {
    const { calls } = mockApi({
      ...taxonomyRoute,
      'GET /search': () => json(200, searchResult({ hits, total: 42, facets })),
    });
    renderSearch('/search?q=ca%20tam&kind=technology,ip&sector=biotech&trlMin=5&sort=newest&page=2');

    await waitFor(() => expect(mainSearches(calls).length).toBeGreaterThan(0));
    const q = mainSearches(calls)[0];
    expect(Object.fromEntries(q)).toEqual({
      q: 'ca tam',
      kind: 'technology,ip',
      sector: 'biotech',
      trlMin: '5',
      sort: 'newest',
      page: '2',
      pageSize: '20',
    });
    expect((screen.getByRole('combobox', { name: /Tìm công nghệ/ }) as HTMLInputElement).value).toBe('ca tam');
    expect((screen.getByLabelText('Sắp xếp') as HTMLSelectElement).value).toBe('newest');
    expect((screen.getByRole('checkbox', { name: /^Công nghệ sinh học/ }) as HTMLInputElement).checked).toBe(true);
    // A range from a shared link that is no band is kept as its own row.
    expect((screen.getByRole('radio', { name: /^TRL 5–9/ }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByRole('heading', { name: '42 kết quả cho “ca tam”' })).toBeTruthy();

    // A new sort keeps the filters and goes back to the first page.
    fireEvent.change(screen.getByLabelText('Sắp xếp'), { target: { value: 'priceAsc' } });
    await waitFor(() => expect(location()).toContain('sort=priceAsc'));
    const next = parseSearch(new URLSearchParams(location().split('?')[1]));
    expect(next).toEqual({
      ...EMPTY_SEARCH,
      q: 'ca tam',
      kind: ['technology', 'ip'],
      sector: ['biotech'],
      trlMin: 5,
      sort: 'priceAsc',
    });
    await waitFor(() => expect(mainSearches(calls).at(-1)!.get('sort')).toBe('priceAsc'));
  });

  it('shows result cards with highlights, organisation, TRL, price and sectors', async () => {
    mockApi({ ...taxonomyRoute, 'GET /search': () => json(200, searchResult({ hits, total: 2, facets })) });
    renderSearch('/search?q=ca%20tam');
    const list = await screen.findByRole('list', { name: 'Kết quả' });
    const [first, second] = within(list).getAllByRole('listitem').filter((li) => li.classList.contains('result'));
    const link = within(first).getByRole('link', { name: 'Nuôi cá tầm trong bể tuần hoàn' });
    expect(link.getAttribute('href')).toBe('/listings/l1');
    expect([...link.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['cá', 'tầm']);
    expect(first.textContent).toContain('Viện Khoa học Sự sống');
    expect(first.textContent).toContain('Viện nghiên cứu');
    expect(first.textContent).toContain('TRL 7');
    expect(first.textContent?.replace(/\s/g, ' ')).toContain('150.000.000 – 300.000.000 ₫');
    expect(first.textContent).toContain('Công nghệ sinh học');
    expect(first.textContent).toContain('Xã Ba Bể');
    // The summary's angle brackets stay text.
    expect(first.textContent).toContain('<nuôi>');
    expect(within(second).getByText('Thỏa thuận')).toBeTruthy();
    expect(within(second).getByText('Môi trường')).toBeTruthy();
  });

  it('adds a filter when a facet value is clicked', async () => {
    const { calls } = mockApi({ ...taxonomyRoute, 'GET /search': () => json(200, searchResult({ hits, total: 2, facets })) });
    renderSearch('/search?q=ca%20tam');
    const box = await screen.findByRole('checkbox', { name: /^Công nghệ sinh học/ });
    expect(within(box.closest('label')!).getByText('1')).toBeTruthy();
    fireEvent.click(box);
    await waitFor(() => expect(location()).toBe('/search?q=ca+tam&sector=biotech'));
    await waitFor(() => expect(mainSearches(calls).at(-1)!.get('sector')).toBe('biotech'));
    // The facet keeps offering the other sectors: their counts come from a search without this facet.
    await waitFor(() =>
      expect(
        calls.some((c) => c.path.startsWith('/search?') && query(c).get('pageSize') === '1' && !query(c).has('sector')),
      ).toBe(true),
    );
    const chip = await screen.findByRole('button', { name: 'Bỏ bộ lọc Lĩnh vực: Công nghệ sinh học' });
    fireEvent.click(chip);
    await waitFor(() => expect(location()).toBe('/search?q=ca+tam'));
  });

  it('offers to remove each filter, check the spelling or browse by sector when nothing is found', async () => {
    const { calls } = mockApi({ ...taxonomyRoute, 'GET /search': () => json(200, searchResult()) });
    renderSearch('/search?q=xyz&kind=ip&sector=biotech');
    const heading = await screen.findByRole('heading', { name: 'Không tìm thấy tin nào cho “xyz”.' });
    const zero = heading.closest('.zero-results') as HTMLElement;
    expect(within(zero).getByText(/Kiểm tra chính tả/)).toBeTruthy();
    expect(within(zero).getByRole('link', { name: 'Môi trường' }).getAttribute('href')).toBe('/search?sector=environment');
    fireEvent.click(within(zero).getByRole('button', { name: 'Bỏ bộ lọc Loại: Tài sản trí tuệ' }));
    await waitFor(() => expect(location()).toBe('/search?q=xyz&sector=biotech'));
    await waitFor(() => expect(mainSearches(calls).at(-1)!.has('kind')).toBe(false));
    fireEvent.click(within(zero).getByRole('button', { name: 'Xóa từ khóa' }));
    await waitFor(() => expect(location()).toBe('/search?sector=biotech'));
  });

  it('searches as you type and suggests listings in a keyboard-friendly combobox', async () => {
    const { calls } = mockApi({
      ...taxonomyRoute,
      'GET /search': () => json(200, searchResult({ hits, total: 2, facets })),
      'GET /search/suggest': () =>
        json(200, {
          suggestions: [
            { id: 'l1', kind: 'technology', title: 'Nuôi cá tầm trong bể tuần hoàn' },
            { id: 'l9', kind: 'demand', title: 'Cần giống cá tầm' },
          ],
        }),
    });
    renderSearch('/search');
    const input = screen.getByRole('combobox', { name: /Tìm công nghệ/ });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'ca tam' } });
    const listbox = await screen.findByRole('listbox', { name: 'Gợi ý' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Công nghệNuôi cá tầm trong bể tuần hoàn',
      'Nhu cầu công nghệCần giống cá tầm',
    ]);
    expect(calls.find((c) => c.path.startsWith('/search/suggest'))!.path).toBe('/search/suggest?q=ca+tam');
    // The results follow the text once typing pauses; the URL keeps it.
    await waitFor(() => expect(location()).toBe('/search?q=ca+tam'));
    await waitFor(() => expect(mainSearches(calls).at(-1)!.get('q')).toBe('ca tam'));

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const second = within(listbox).getAllByRole('option')[1];
    expect(input.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(location()).toBe('/listings/l1'));
  });

  it('explains a search that the server cannot answer', async () => {
    mockApi({ ...taxonomyRoute, 'GET /search': () => problem(503, 'search_unavailable', 'Tìm kiếm tạm thời không sẵn sàng; vui lòng thử lại sau.') });
    renderSearch('/search?q=che');
    expect(await screen.findByText('Tìm kiếm tạm thời không sẵn sàng; vui lòng thử lại sau.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });

  it('offers TRL as three bands, not nine rows, each counting its levels', async () => {
    const { calls } = mockApi({
      ...taxonomyRoute,
      'GET /search': () =>
        json(
          200,
          searchResult({
            hits: [],
            total: 9,
            facets: { ...facets, trl: [{ value: '2', count: 1 }, { value: '5', count: 3 }, { value: '7', count: 4 }, { value: '9', count: 1 }] },
          }),
        ),
    });
    renderSearch('/search');
    const group = (await screen.findByRole('group', { name: 'Mức sẵn sàng công nghệ (TRL)' })) as HTMLElement;
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => flat(r.closest('label')!.textContent))).toEqual([
      'Bất kỳ',
      'Nghiên cứu TRL 1–31',
      'Thử nghiệm, mẫu TRL 4–63',
      'Sẵn sàng ứng dụng TRL 7–95',
    ]);
    fireEvent.click(radios[3]);
    await waitFor(() => expect(mainSearches(calls).at(-1)!.get('trlMin')).toBe('7'));
    expect(mainSearches(calls).at(-1)!.get('trlMax')).toBe('9');
  });

  it('lists the whole province apart from the communes in the place filter', async () => {
    mockApi({
      ...taxonomyRoute,
      'GET /search': () =>
        json(200, searchResult({ hits: [], total: 7, facets: { ...facets, adminUnit: [{ value: 'xa_ba_be', count: 3 }, { value: 'thai_nguyen', count: 4 }] } })),
    });
    renderSearch('/search');
    const group = (await screen.findByRole('group', { name: 'Địa bàn' })) as HTMLElement;
    await waitFor(() => expect(group.querySelectorAll('.facet-subhead').length).toBe(2));
    const lists = [...group.querySelectorAll('ul.facet-options')].map((ul) => [...ul.querySelectorAll('.facet-label')].map((x) => x.textContent));
    expect(lists).toEqual([['Tỉnh Thái Nguyên'], ['Xã Ba Bể']]);
    expect([...group.querySelectorAll('.facet-subhead')].map((x) => x.textContent)).toEqual(['Toàn tỉnh', 'Theo xã, phường']);
  });
});
