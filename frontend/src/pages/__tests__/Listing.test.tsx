import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ListingPage, { ownerActions } from '../Listing';
import type { Listing } from '../../api/types';
import { listing, meRoutes, ORG, taxonomyRoute } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';

function renderListing(at = '/listings/l1') {
  return renderRoutes(
    [
      { path: '/listings/:id', element: <ListingPage /> },
      { path: '/my/listings', element: <p>my listings</p> },
    ],
    at,
  );
}

function ownerPanel(): HTMLElement {
  return document.querySelector('.owner-panel') as HTMLElement;
}

function buttonNames(panel: HTMLElement): string[] {
  return [...within(panel).queryAllByRole('button'), ...within(panel).queryAllByRole('link')]
    .map((b) => b.textContent ?? '')
    .sort();
}

describe('Listing page for the owner’s organisation', () => {
  it('maps each state to the actions it allows', () => {
    expect(ownerActions('draft')).toEqual({ edit: true, actions: ['submit', 'delete'] });
    expect(ownerActions('rejected')).toEqual({ edit: true, actions: ['submit', 'delete'] });
    expect(ownerActions('pending')).toEqual({ edit: false, actions: ['archive'] });
    expect(ownerActions('published')).toEqual({ edit: true, actions: ['renew', 'archive'] });
    expect(ownerActions('archived')).toEqual({ edit: false, actions: [] });
  });

  const cases: [Listing['state'], string[]][] = [
    ['draft', ['Gửi duyệt', 'Sửa tin', 'Xóa']],
    ['pending', ['Lưu trữ']],
    ['published', ['Gia hạn', 'Lưu trữ', 'Sửa tin']],
    ['rejected', ['Gửi duyệt', 'Sửa tin', 'Xóa']],
    ['archived', []],
  ];
  for (const [state, names] of cases) {
    it(`offers ${names.join(', ') || 'nothing'} for a ${state} listing`, async () => {
      mockApi({
        ...meRoutes(),
        ...taxonomyRoute,
        'GET /listings/l1': () =>
          json(
            200,
            listing({
              state,
              validUntil: state === 'published' ? new Date(Date.now() + 10 * 86400000).toISOString() : undefined,
              rejectReason: state === 'rejected' ? 'incomplete' : undefined,
              rejectComment: state === 'rejected' ? 'Bổ sung kết quả thử nghiệm tại cơ sở.' : undefined,
            }),
          ),
      });
      renderListing();
      await screen.findByRole('heading', { level: 1, name: 'Quy trình nuôi cá tầm trong bể tuần hoàn' });
      await waitFor(() => expect(ownerPanel()).toBeTruthy());
      expect(buttonNames(ownerPanel())).toEqual([...names].sort());
      expect(document.querySelector(`[data-state="${state}"].badge`)).toBeTruthy();
      expect(screen.getByText(ORG.name)).toBeTruthy();
      if (state === 'rejected') {
        await waitFor(() => expect(within(ownerPanel()).getByText('Thông tin chưa đầy đủ')).toBeTruthy());
        expect(within(ownerPanel()).getByText('Bổ sung kết quả thử nghiệm tại cơ sở.')).toBeTruthy();
      }
      if (state === 'published') {
        expect(within(ownerPanel()).getByText(/Tin sẽ hết hạn sau 10 ngày/)).toBeTruthy();
      }
    });
  }

  it('confirms, submits with If-Match and shows the new state', async () => {
    const { calls } = mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /listings/l1': () => json(200, listing({ state: 'draft', version: 4 })),
      'POST /listings/l1/submit': () => json(200, listing({ state: 'pending', version: 5 })),
    });
    renderListing();
    fireEvent.click(await screen.findByRole('button', { name: 'Gửi duyệt' }));
    const dialog = screen.getByRole('dialog', { name: 'Gửi tin để Sở duyệt?' });
    expect(calls.some((c) => c.path.endsWith('/submit'))).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi duyệt' }));
    expect(await screen.findByText('Đã gửi tin để Sở duyệt.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/listings/l1/submit')!.headers['if-match']).toBe('"4"');
    expect(document.querySelector('.badge')!.textContent).toBe('Chờ duyệt');
    // The dialog closes (its × goes with it) and only the next step is offered.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(buttonNames(ownerPanel())).toEqual(['Lưu trữ']);
  });

  it('lists what is missing when submitting an incomplete listing', async () => {
    mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /listings/l1': () => json(200, listing({ state: 'draft', summary: '', trl: undefined })),
      'POST /listings/l1/submit': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'summary', code: 'required', message: 'Trường này là bắt buộc.' },
            { field: 'price', code: 'required', message: 'Trường này là bắt buộc.' },
          ],
        }),
    });
    renderListing();
    fireEvent.click(await screen.findByRole('button', { name: 'Gửi duyệt' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Gửi duyệt' }));
    const alert = await screen.findByText('Chưa thể gửi duyệt: tin còn thiếu hoặc sai các thông tin sau.');
    const box = alert.parentElement!;
    expect(box.textContent).toContain('Tóm tắt: Trường này là bắt buộc.');
    expect(box.textContent).toContain('Giá: Trường này là bắt buộc.');
    expect(within(box).getByRole('link', { name: 'Bổ sung thông tin' }).getAttribute('href')).toBe('/listings/l1/edit');
  });

  it('deletes a draft after confirmation and returns to my listings', async () => {
    const { calls } = mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /listings/l1': () => json(200, listing({ state: 'draft', version: 2 })),
      'DELETE /listings/l1': () => new Response(null, { status: 204 }),
    });
    renderListing();
    fireEvent.click(await screen.findByRole('button', { name: 'Xóa' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Xóa tin?' })).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(location()).toBe('/my/listings'));
    expect(calls.find((c) => c.method === 'DELETE')!.headers['if-match']).toBe('"2"');
  });

  it('shows the confidential details in a marked box only when they are there', async () => {
    mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /listings/l1': () =>
        json(
          200,
          listing({
            kind: 'demand',
            state: 'published',
            trl: undefined,
            price: undefined,
            problem: 'Cần giảm tỷ lệ cá chết khi vận chuyển.',
            requirements: { must: ['Vận hành bằng điện 220 V'], nice: ['Có bảo hành 12 tháng'] },
            budget: { max: 500000000 },
            deadline: '2027-03-31',
            trlMin: 6,
            confidentialDetails: 'Sản lượng hiện tại: 12 tấn/năm.',
          }),
        ),
    });
    renderListing();
    const box = await screen.findByRole('region', { name: /Thông tin bảo mật/ });
    expect(box.textContent).toContain('Sản lượng hiện tại: 12 tấn/năm.');
    expect(box.textContent).toContain('không hiển thị công khai');
    expect(screen.getByText('Vận hành bằng điện 220 V')).toBeTruthy();
    expect(screen.getByText('31/03/2027')).toBeTruthy();
    expect(screen.getByText(/Đến 500\.000\.000/)).toBeTruthy();
    expect(screen.getByText('TRL 6')).toBeTruthy();
    expect(screen.queryByText('Giá')).toBeNull();
  });
});

describe('Listing page for everyone else', () => {
  it('shows the public view without state, actions or confidential box', async () => {
    mockApi({
      ...taxonomyRoute,
      'GET /listings/l1': () =>
        json(200, listing({ state: 'published', price: { mode: 'negotiable' }, organization: { ...ORG } })),
    });
    renderListing();
    await screen.findByRole('heading', { level: 1, name: 'Quy trình nuôi cá tầm trong bể tuần hoàn' });
    expect(screen.getByText('Thỏa thuận')).toBeTruthy();
    expect(screen.getByText(ORG.name)).toBeTruthy();
    expect(await screen.findByText('Mức 7')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'lan@vien.vn' }).getAttribute('href')).toBe('mailto:lan@vien.vn');
    expect(document.querySelector('.badge')).toBeNull();
    expect(ownerPanel()).toBeNull();
    expect(screen.queryByRole('region', { name: /Thông tin bảo mật/ })).toBeNull();
  });

  it('says when a listing cannot be found', async () => {
    mockApi({ ...taxonomyRoute, 'GET /listings/l1': () => problem(404, 'listing_not_found', 'Không tìm thấy tin.') });
    renderListing();
    expect(await screen.findByRole('heading', { level: 1, name: 'Không tìm thấy tin' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Về trang tìm kiếm' })).toBeTruthy();
  });
});

describe('Listing page for officers', () => {
  it('approves or rejects a pending listing with a reason and a comment', async () => {
    const pending = listing({ state: 'pending', version: 6, orgId: 'o9', submittedAt: '2026-01-03T02:00:00Z' });
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      ...taxonomyRoute,
      'GET /listings/l1': () => json(200, pending),
      'GET /organizations/o9': () => json(200, { id: 'o9', name: 'HTX Cá tầm Ba Bể', kind: 'enterprise', members: [] }),
      'POST /listings/l1/reject': () =>
        json(200, { ...pending, state: 'rejected', version: 7, rejectReason: 'incomplete', rejectComment: 'Thiếu kết quả.' }),
    });
    renderListing();
    expect(await screen.findByText('HTX Cá tầm Ba Bể')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Duyệt và công bố' })).toBeTruthy();
    expect(ownerPanel()).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Từ chối' }));
    const dialog = screen.getByRole('dialog', { name: `Từ chối “${pending.title}”` });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối tin' }));
    expect(within(dialog).getAllByText('Vui lòng nhập thông tin này.')).toHaveLength(2);
    expect(within(dialog).getByRole('alert').textContent).toBe('Vui lòng sửa 2 lỗi trong biểu mẫu.');
    fireEvent.change(within(dialog).getByLabelText(/^Lý do/), { target: { value: 'incomplete' } });
    fireEvent.change(within(dialog).getByLabelText(/^Góp ý cho tổ chức/), { target: { value: 'abc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối tin' }));
    expect(within(dialog).getByText('Quá ngắn: cần ít nhất 5 ký tự.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Góp ý cho tổ chức/), { target: { value: '  Thiếu kết quả.  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Từ chối tin' }));
    expect(await screen.findByText(`Đã từ chối “${pending.title}”. Tổ chức sẽ thấy lý do và góp ý.`)).toBeTruthy();
    const reject = calls.find((c) => c.path === '/listings/l1/reject')!;
    expect(reject.body).toEqual({ reason: 'incomplete', comment: 'Thiếu kết quả.' });
    expect(reject.headers['if-match']).toBe('"6"');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Duyệt và công bố' })).toBeNull());
  });
});

describe('Proposing a task from a need', () => {
  const need = () =>
    json(200, listing({ kind: 'demand', state: 'published', orgId: 'other', trl: undefined, price: undefined, problem: 'Quýt héo sau 3 tuần.' }));

  it('writes the proposal from the need in one click and opens it', async () => {
    const { calls } = mockApi({
      ...meRoutes([], [{ id: 'c1', name: 'UBND xã Bằng Thành', kind: 'agency', status: 'verified', role: 'owner' }]),
      ...taxonomyRoute,
      'GET /listings/l1': need,
      'GET /connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      'GET /tasks/proposals/options': () => json(200, { orgs: [{ id: 'c1', name: 'UBND xã Bằng Thành' }] }),
      'POST /tasks/proposals': () => json(201, { id: 'p9' }),
    });
    renderRoutes(
      [
        { path: '/listings/:id', element: <ListingPage /> },
        { path: '/tasks/proposals/:id', element: <p>proposal</p> },
      ],
      '/listings/l1',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Đề xuất đặt hàng nhiệm vụ KH&CN' }));
    await waitFor(() => expect(location()).toBe('/tasks/proposals/p9'));
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/tasks/proposals'))!.body).toEqual({ fromNeed: 'l1', orgId: 'c1' });
  });

  it('offers nothing to whoever may not propose', async () => {
    mockApi({
      ...meRoutes([], [{ id: 'i1', name: 'Nhà sáng chế', kind: 'individual', status: 'verified', role: 'owner' }]),
      ...taxonomyRoute,
      'GET /listings/l1': need,
      'GET /connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      'GET /tasks/proposals/options': () => json(200, { orgs: [] }),
    });
    renderListing();
    await screen.findByText('Quýt héo sau 3 tuần.');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Đề xuất đặt hàng nhiệm vụ KH&CN' })).toBeNull());
  });
});
