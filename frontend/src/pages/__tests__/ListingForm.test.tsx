import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ListingFormPage from '../ListingForm';
import { listing, meRoutes, taxonomyRoute } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { location, renderRoutes } from '../../test/router';

function renderForm(at: string) {
  return renderRoutes(
    [
      { path: '/listings/new', element: <ListingFormPage /> },
      { path: '/listings/:id/edit', element: <ListingFormPage /> },
      { path: '/listings/:id', element: <p>listing page</p> },
    ],
    at,
  );
}

function field(label: RegExp | string) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('Listing form', () => {
  it('asks for the kind first', async () => {
    mockApi({ ...meRoutes(), ...taxonomyRoute });
    renderForm('/listings/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng tin mới' })).toBeTruthy();
    const links = screen.getAllByRole('link').filter((a) => a.getAttribute('href')?.startsWith('/listings/new?kind='));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/listings/new?kind=technology',
      '/listings/new?kind=equipment',
      '/listings/new?kind=ip',
      '/listings/new?kind=demand',
    ]);
    fireEvent.click(links[3]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng tin: Nhu cầu công nghệ' })).toBeTruthy();
  });

  it('shows only the fields of the chosen kind', async () => {
    mockApi({ ...meRoutes(), ...taxonomyRoute });
    const { unmount } = renderForm('/listings/new?kind=technology');
    await screen.findByLabelText(/^Tiêu đề/);
    expect(screen.getByLabelText(/^Mức sẵn sàng công nghệ \(TRL\)/)).toBeTruthy();
    expect(screen.getByRole('group', { name: /Hình thức giá/ })).toBeTruthy();
    expect(screen.getByLabelText(/^Ưu điểm nổi bật/)).toBeTruthy();
    expect(screen.queryByLabelText(/^Vấn đề cần giải quyết/)).toBeNull();
    expect(screen.queryByLabelText(/^Thông tin bảo mật/)).toBeNull();
    expect(screen.queryByLabelText(/^Loại tài sản trí tuệ/)).toBeNull();
    unmount();

    renderForm('/listings/new?kind=demand');
    await screen.findByLabelText(/^Vấn đề cần giải quyết/);
    expect(screen.getByLabelText(/^Yêu cầu bắt buộc/)).toBeTruthy();
    expect(screen.getByLabelText(/^Ngân sách từ/)).toBeTruthy();
    expect(screen.getByLabelText(/^Thông tin bảo mật/)).toBeTruthy();
    expect(screen.getByLabelText(/^TRL tối thiểu/)).toBeTruthy();
    expect(screen.queryByLabelText(/^Mức sẵn sàng công nghệ \(TRL\)/)).toBeNull();
    expect(screen.queryByRole('group', { name: /Hình thức giá/ })).toBeNull();
    expect(screen.queryByLabelText(/^Ưu điểm nổi bật/)).toBeNull();
  });

  it('checks fields inline with the server limits', async () => {
    const { calls } = mockApi({ ...meRoutes(), ...taxonomyRoute });
    renderForm('/listings/new?kind=technology');
    const title = await screen.findByLabelText(/^Tiêu đề/);
    fireEvent.change(title, { target: { value: 'Cá tầm' } });
    fireEvent.blur(title);
    expect(errorOf(title)).toBe('Quá ngắn: cần ít nhất 10 ký tự.');
    fireEvent.change(title, { target: { value: 'Nuôi cá tầm <b>' } });
    expect(errorOf(title)).toBe('Có ký tự không được phép.');

    const phone = field(/^Điện thoại liên hệ/);
    fireEvent.change(phone, { target: { value: '0208-abc' } });
    fireEvent.blur(phone);
    expect(errorOf(phone)).toContain('Số điện thoại không hợp lệ');

    // Submitting asks for what moderation needs.
    fireEvent.change(title, { target: { value: 'Quy trình nuôi cá tầm thương phẩm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và gửi duyệt' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Vui lòng sửa \d+ lỗi trong biểu mẫu/);
    expect(errorOf(field(/^Tóm tắt/))).toBe('Vui lòng nhập thông tin này.');
    expect(errorOf(field(/^Mức sẵn sàng công nghệ/))).toBe('Vui lòng nhập thông tin này.');
    expect(screen.getByRole('group', { name: /Lĩnh vực/ }).textContent).toContain('Vui lòng nhập thông tin này.');

    // Price rules: a range needs both ends, the maximum not below the minimum.
    fireEvent.click(screen.getByRole('radio', { name: 'Khoảng giá' }));
    fireEvent.change(field(/^Giá từ/), { target: { value: '300.000.000' } });
    fireEvent.change(field(/^Giá đến/), { target: { value: '150000000' } });
    expect(errorOf(field(/^Giá đến/))).toBe('Giá trị tối đa phải lớn hơn hoặc bằng giá trị tối thiểu.');

    // At most three sectors: the fourth box is disabled once three are ticked.
    const sectors = within(screen.getByRole('group', { name: /Lĩnh vực/ })).getAllByRole('checkbox');
    sectors.slice(0, 3).forEach((b) => fireEvent.click(b));
    expect((sectors[3] as HTMLInputElement).disabled).toBe(true);

    const keywords = field(/^Từ khóa/);
    fireEvent.change(keywords, { target: { value: `cá tầm, ${'x'.repeat(41)}` } });
    fireEvent.blur(keywords);
    expect(errorOf(keywords)).toBe('Mỗi từ khóa tối đa 40 ký tự và không chứa dấu < >.');
    expect(calls.filter((c) => c.path === '/listings')).toHaveLength(0);
  });

  it('saves a draft with only the kind’s fields, then submits it and opens the listing', async () => {
    const { calls } = mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'POST /listings': (c) => json(201, listing({ ...(c.body as object), id: 'l7', version: 1 })),
      'POST /listings/l7/submit': () => json(200, listing({ id: 'l7', version: 2, state: 'pending' })),
    });
    renderForm('/listings/new?kind=technology');
    fireEvent.change(await screen.findByLabelText(/^Tiêu đề/), { target: { value: '  Quy trình   nuôi cá tầm thương phẩm ' } });
    fireEvent.change(field(/^Tóm tắt/), {
      target: { value: 'Nuôi cá tầm thương phẩm trong bể tuần hoàn nước lạnh, tiết kiệm nước và điện.' },
    });
    fireEvent.change(field(/^Mức sẵn sàng công nghệ/), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chuyển giao quyền sử dụng công nghệ' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Giá cố định' }));
    fireEvent.change(field(/^Giá \(₫\)/), { target: { value: '250.000.000' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Công nghệ sinh học' }));
    fireEvent.change(field(/^Từ khóa/), { target: { value: 'cá tầm, nuôi trồng thủy sản, cá tầm' } });
    fireEvent.change(field(/^Địa bàn/), { target: { value: 'xa_ba_be' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và gửi duyệt' }));

    await waitFor(() => expect(location()).toBe('/listings/l7'));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/listings')!;
    expect(post.body).toEqual({
      kind: 'technology',
      title: 'Quy trình nuôi cá tầm thương phẩm',
      summary: 'Nuôi cá tầm thương phẩm trong bể tuần hoàn nước lạnh, tiết kiệm nước và điện.',
      sectors: ['biotech'],
      keywords: ['cá tầm', 'nuôi trồng thủy sản'],
      adminUnit: 'xa_ba_be',
      transferForms: ['licence'],
      trl: 6,
      price: { mode: 'fixed', min: 250000000 },
      // Prefilled from the person (the organisation has no phone here).
      contact: { name: 'Phạm Thị Lan', email: 'lan@vien.vn', phone: '' },
    });
    const submit = calls.find((c) => c.path === '/listings/l7/submit')!;
    expect(submit.headers['if-match']).toBe('"1"');
  });

  it('prefills the empty contact fields from the person and the organisation', async () => {
    mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /organizations/o1': () =>
        json(200, {
          id: 'o1',
          name: 'Viện Khoa học Sự sống',
          kind: 'institute',
          status: 'verified',
          createdAt: '2025-01-01T00:00:00Z',
          evidence: { phone: '0208 3855 000', legalRepresentative: 'GS. Trần Văn Minh' },
          missing: [],
          members: [],
        }),
    });
    renderForm('/listings/new?kind=technology');
    await waitFor(() => expect(field(/^Điện thoại liên hệ/).value).toBe('0208 3855 000'));
    expect(field(/^Người liên hệ/).value).toBe('Phạm Thị Lan');
    expect(field(/^Thư điện tử liên hệ/).value).toBe('lan@vien.vn');
  });

  it('offers the upload right after the new listing is saved as a draft', async () => {
    let saved = listing({ id: 'l7', version: 1, images: [] });
    const { calls } = mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'POST /listings': () => json(201, saved),
      'GET /listings/l7': () => json(200, saved),
      'POST /listings/l7/files': () => {
        saved = { ...saved, version: 2, images: ['f1'] };
        return json(201, { id: 'f1', name: 'ca-tam.jpg', size: 1200, contentType: 'image/jpeg' });
      },
      'GET /files/f1/thumbnail': () => new Response(new Blob(['x'], { type: 'image/jpeg' }), { status: 200 }),
      'PATCH /listings/l7': (c) => json(200, { ...saved, ...(c.body as object), version: 3 }),
    });
    renderForm('/listings/new?kind=technology');
    expect(await screen.findByText('Lưu nháp để thêm hình ảnh và tài liệu PDF trước khi gửi duyệt.')).toBeTruthy();
    fireEvent.change(await screen.findByLabelText(/^Tiêu đề/), { target: { value: 'Quy trình nuôi cá tầm thương phẩm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu nháp và thêm ảnh' }));

    await waitFor(() => expect(location()).toBe('/listings/l7/edit'));
    expect(await screen.findByText('Bản nháp đã được lưu. Thêm hình ảnh và tài liệu bên dưới, rồi gửi duyệt.')).toBeTruthy();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input).toBeTruthy();
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'ca-tam.jpg', { type: 'image/jpeg' })], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/listings/l7/files')).toBe(true));
    await screen.findByText(/ca-tam\.jpg/);
    // The form saves against the version the upload left.
    fireEvent.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH' && c.path === '/listings/l7')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.headers['if-match']).toBe('"2"');
  });

  it('shows the server’s field errors next to the fields, nested names included', async () => {
    mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'POST /listings': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'price.min', code: 'out_of_range', message: 'Giá trị nằm ngoài khoảng cho phép (0–1).', params: { min: 0, max: 1 } },
            { field: 'contact.email', code: 'invalid_email', message: 'Địa chỉ email không hợp lệ.' },
            { field: 'validUntil', code: 'too_far', message: 'Tối đa 24 tháng kể từ hôm nay.', params: { maxMonths: 24 } },
            { field: 'holder', code: 'not_for_kind', message: 'Trường này không dùng cho loại tin này.', params: { kind: 'technology' } },
          ],
        }),
    });
    renderForm('/listings/new?kind=technology');
    fireEvent.change(await screen.findByLabelText(/^Tiêu đề/), { target: { value: 'Quy trình nuôi cá tầm thương phẩm' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Giá cố định' }));
    fireEvent.change(field(/^Giá \(₫\)/), { target: { value: '5' } });
    fireEvent.change(field(/^Thư điện tử liên hệ/), { target: { value: 'lan@vien.vn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu nháp và thêm ảnh' }));

    await waitFor(() => expect(errorOf(field(/^Thư điện tử liên hệ/))).toBe('Địa chỉ email không hợp lệ.'));
    expect(errorOf(field(/^Giá \(₫\)/))).toBe('Giá trị nằm ngoài khoảng cho phép (0–1).');
    expect(errorOf(field(/^Hiệu lực đến ngày/))).toBe('Tối đa 24 tháng kể từ hôm nay.');
    // A field the form does not show is named on top.
    const alert = screen.getAllByRole('alert').find((a) => a.textContent)!;
    expect(alert.textContent).toContain('Vui lòng sửa 3 lỗi trong biểu mẫu.');
    expect(alert.textContent).toContain('Chủ sở hữu: Trường này không dùng cho loại tin này.');
    // The form moves focus in the next animation frame.
    await waitFor(() => expect(document.activeElement).toBe(field(/^Giá \(₫\)/)));
    // Changing the field clears its server error.
    fireEvent.change(field(/^Thư điện tử liên hệ/), { target: { value: 'lan@vien.edu.vn' } });
    expect(errorOf(field(/^Thư điện tử liên hệ/))).toBe('');
  });

  it('edits a published listing only after warning that it goes back to moderation', async () => {
    const published = listing({ state: 'published', version: 9, validUntil: '2027-01-02T16:59:59Z' });
    const { calls } = mockApi({
      ...meRoutes(),
      ...taxonomyRoute,
      'GET /listings/l1': () => json(200, published),
      'PATCH /listings/l1': () => json(200, { ...published, state: 'pending', version: 10 }),
    });
    renderForm('/listings/l1/edit');
    const title = await screen.findByLabelText(/^Tiêu đề/);
    expect((title as HTMLInputElement).value).toBe(published.title);
    expect((field(/^Giá từ/) as HTMLInputElement).value).toBe('150.000.000');
    expect(screen.getAllByText(/Khi lưu thay đổi, tin sẽ tạm ẩn/).length).toBeGreaterThan(0);
    fireEvent.change(title, { target: { value: 'Quy trình nuôi cá tầm Nga thương phẩm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và gửi duyệt lại' }));
    const dialog = await screen.findByRole('dialog', { name: 'Đưa tin đã công bố về hàng chờ duyệt?' });
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu và gửi duyệt lại' }));
    await waitFor(() => expect(location()).toBe('/listings/l1'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"9"');
    const body = patch.body as Record<string, unknown>;
    expect(body.title).toBe('Quy trình nuôi cá tầm Nga thương phẩm');
    expect(body.kind).toBeUndefined();
    expect(body.problem).toBeUndefined();
    expect(body.validUntil).toBe('2027-01-02');
    expect(body.price).toEqual({ mode: 'range', min: 150000000, max: 300000000 });
  });

  it('refuses to edit a listing under review', async () => {
    mockApi({ ...meRoutes(), ...taxonomyRoute, 'GET /listings/l1': () => json(200, listing({ state: 'pending' })) });
    renderForm('/listings/l1/edit');
    expect(await screen.findByText('Tin đang chờ Sở duyệt nên chưa thể sửa.')).toBeTruthy();
    expect(screen.queryByLabelText(/^Tiêu đề/)).toBeNull();
  });
});
