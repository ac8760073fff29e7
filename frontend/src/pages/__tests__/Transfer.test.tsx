import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import TransferPage from '../Transfer';
import TransferFormPage, { validateTransfer } from '../TransferForm';
import Transfers from '../Transfers';
import { addDays, conversion, registrationDueOn } from '../../lib/matching';
import { formatVnd } from '../../lib/format';
import i18n from '../../i18n';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { connection, ENTERPRISE, INSTITUTE, taxonomyRoute, transfer } from '../../test/matching';
import { location, renderRoutes } from '../../test/router';
import type { ConnectionCan } from '../../api/types';

const asInstitute = () => meRoutes([], [{ ...INSTITUTE, kind: 'institute', status: 'verified', role: 'owner' }] as never);

function renderTransfer() {
  return renderRoutes([{ path: '/transfers/:id', element: <TransferPage /> }], '/transfers/t1');
}

describe('Dates and amounts of transfers', () => {
  it('adds 90 days to the signing date and formats VND', () => {
    expect(addDays('2026-03-10', 90)).toBe('2026-06-08');
    expect(addDays('2024-12-15', 90)).toBe('2025-03-15');
    expect(registrationDueOn(transfer({ registration: { required: true, status: 'due' } }))).toBe('2026-06-08');
    expect(registrationDueOn(transfer({ registration: { required: false, status: 'not_required' } }))).toBeUndefined();
    expect(formatVnd(320000000).replace(/\s/g, ' ')).toBe('320.000.000 ₫');
    const t = i18n.getFixedT('vi');
    expect(conversion(t, 3, 12)).toBe('25 %');
    expect(conversion(t, 0, 0)).toBe('—');
  });
});

describe('Transfer record', () => {
  it('shows the contract with its value in VND, the due date and the steps of registration', async () => {
    const { calls } = mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /transfers/t1': () => json(200, transfer()),
      'POST /transfers/t1/registration': () =>
        json(200, transfer({ registration: { required: true, status: 'registered', dueOn: '2026-06-08', number: '05/2026/GCN', registeredOn: '2026-04-01' } })),
    });
    renderTransfer();
    await screen.findByRole('heading', { level: 1, name: 'Hợp đồng chuyển giao công nghệ sấy miến dong' });
    expect(screen.getByTestId('contract-value').textContent!.replace(/\s/g, ' ')).toBe('320.000.000 ₫');
    expect(screen.getByText('10/03/2026')).toBeTruthy();
    expect(await screen.findByText('Chuyển giao tài liệu về công nghệ')).toBeTruthy();
    const reg = screen.getByRole('region', { name: 'Đăng ký hợp đồng chuyển giao' });
    expect(reg.textContent).toContain('Hạn đăng ký: 08/06/2026');
    expect(within(reg).getByText('Phải đăng ký')).toBeTruthy();
    expect(within(reg).queryByText(/quá hạn/i)).toBeNull();

    fireEvent.click(within(reg).getByRole('button', { name: 'Ghi nhận đã cấp giấy chứng nhận' }));
    const dialog = screen.getByRole('dialog', { name: 'Ghi nhận giấy chứng nhận đăng ký' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(within(dialog).getAllByText('Vui lòng nhập thông tin này.')).toHaveLength(2);
    fireEvent.change(within(dialog).getByLabelText(/^Số giấy chứng nhận/), { target: { value: '05/2026/GCN' } });
    fireEvent.change(within(dialog).getByLabelText(/^Ngày cấp/), { target: { value: '1/4/2026' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã ghi nhận giấy chứng nhận đăng ký.')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/registration'))!.body).toEqual({
      status: 'registered',
      number: '05/2026/GCN',
      registeredOn: '2026-04-01',
    });
    expect(screen.getByText('Giấy chứng nhận đăng ký số 05/2026/GCN, cấp ngày 01/04/2026.')).toBeTruthy();
  });

  it('warns when the registration is overdue (the flag on the record or in registration)', async () => {
    mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /transfers/t1': () =>
        json(200, transfer({ overdue: true, registration: { required: true, status: 'due', dueOn: '2026-06-08' }, can: { edit: false, register: false, implement: false } })),
    });
    renderTransfer();
    expect(await screen.findByText(/Đã quá hạn đăng ký \(08\/06\/2026\)/)).toBeTruthy();
    expect(screen.getByText('Quá hạn đăng ký', { selector: '.badge' })).toBeTruthy();
    // Without `can`, no buttons and no upload.
    expect(screen.queryByRole('button', { name: /Ghi nhận/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sửa hồ sơ' })).toBeNull();
    expect(screen.queryByLabelText('Thêm tài liệu')).toBeNull();
  });

  it('lists documents and uploads a PDF', async () => {
    let docs = [{ id: 'f1', name: 'hop-dong.pdf', size: 120000, contentType: 'application/pdf' }];
    const { calls } = mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /transfers/t1': () => json(200, transfer({ documents: docs })),
      'POST /transfers/t1/files': () => {
        docs = [...docs, { id: 'f2', name: 'phu-luc.pdf', size: 3000, contentType: 'application/pdf' }];
        return json(201, docs[1]);
      },
    });
    renderTransfer();
    expect(await screen.findByText('hop-dong.pdf')).toBeTruthy();
    const input = screen.getByLabelText('Thêm tài liệu') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'anh.gif', { type: 'image/gif' })] } });
    expect(await screen.findByText("“anh.gif” không phải ảnh JPEG, PNG, WebP hay tệp PDF.")).toBeTruthy();
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'phu-luc.pdf', { type: 'application/pdf' })] } });
    expect(await screen.findByText('phu-luc.pdf')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/transfers/t1/files')).toHaveLength(1);
  });
});

describe('Recording a transfer', () => {
  it('prefills from an agreed connection, checks the fields and posts', async () => {
    const { calls } = mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /connections/c1': () => json(200, connection({ state: 'agreed', can: { recordTransfer: true } as ConnectionCan })),
      'POST /transfers': () => json(201, transfer({ id: 't7' })),
    });
    renderRoutes(
      [
        { path: '/transfers/new', element: <TransferFormPage /> },
        { path: '/transfers/:id', element: <p>record</p> },
      ],
      '/transfers/new?connection=c1',
    );
    await screen.findByLabelText(/^Tên hợp đồng/);
    // A need's interested party supplies the technology.
    const facts = document.querySelector('dl.listing-facts')!;
    expect(facts.textContent).toContain(`Bên chuyển giao${INSTITUTE.name}`);
    expect(facts.textContent).toContain(`Bên nhận chuyển giao${ENTERPRISE.name}`);
    expect((screen.getByLabelText(/^Tên hợp đồng/) as HTMLInputElement).value).toBe('Cần công nghệ sấy miến dong');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ chuyển giao' }));
    expect(screen.getByRole('alert').textContent).toContain('Vui lòng sửa 4 lỗi');
    fireEvent.change(screen.getByLabelText(/^Hình thức chuyển giao/), { target: { value: 'licence' } });
    fireEvent.click(await screen.findByLabelText('Đào tạo cho bên nhận'));
    fireEvent.change(screen.getByLabelText(/^Giá trị hợp đồng/), { target: { value: '320.000.000' } });
    fireEvent.change(screen.getByLabelText(/^Ngày ký/), { target: { value: '10/03/2026' } });
    fireEvent.click(screen.getByLabelText('Hợp đồng phải đăng ký với Sở KH&CN'));
    expect(screen.getByText('Hạn đăng ký: 08/06/2026 (90 ngày sau ngày ký).')).toBeTruthy();
    // The parties' consent to be named in the public results.
    fireEvent.click(screen.getByLabelText(i18n.getFixedT('vi')('results.consent.option')));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ chuyển giao' }));
    await waitFor(() => expect(location()).toBe('/transfers/t7'));
    expect(calls.find((c) => c.path === '/transfers')!.body).toEqual({
      connectionId: 'c1',
      title: 'Cần công nghệ sấy miến dong',
      form: 'licence',
      methods: ['training'],
      contractValue: 320000000,
      signedOn: '2026-03-10',
      registrationRequired: true,
      publicConsent: true,
    });
  });

  it('rejects a signing date in the future and two identical organisations', () => {
    const v = {
      supplierOrgId: 'o1',
      recipientOrgId: 'o1',
      listings: 'l1',
      title: 'Hợp đồng',
      form: 'licence',
      methods: 'documents',
      contractValue: '0',
      signedOn: '01/01/2099',
      registrationRequired: '',
      publicConsent: '',
    };
    const errs = validateTransfer(v, true, '2026-05-01');
    expect(errs.recipientOrgId?.code).toBe('same_org');
    expect(errs.signedOn?.code).toBe('in_future');
    expect(errs.contractValue).toBeUndefined();
  });

  it('edits with If-Match and shows the server’s errors per field', async () => {
    const { calls } = mockApi({
      ...asInstitute(),
      ...taxonomyRoute,
      'GET /transfers/t1': () => json(200, transfer({ version: 5 })),
      'PATCH /transfers/t1': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [
            { field: 'contractValue', code: 'out_of_range', message: 'Giá trị nằm ngoài khoảng cho phép (0–1.000.000.000.000.000).', params: { min: 0, max: 1e15 } },
          ],
        }),
    });
    renderRoutes([{ path: '/transfers/:id/edit', element: <TransferFormPage /> }], '/transfers/t1/edit');
    await screen.findByLabelText(/^Tên hợp đồng/);
    expect((screen.getByLabelText(/^Giá trị hợp đồng/) as HTMLInputElement).value).toBe('320.000.000');
    expect((screen.getByLabelText(/^Ngày ký/) as HTMLInputElement).value).toBe('10/03/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Giá trị nằm ngoài khoảng cho phép (0–1.000.000.000.000.000).')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"5"');
    expect(patch.body).toMatchObject({ contractValue: 320000000, methods: ['documents', 'training'], registrationRequired: true });
  });
});

describe('Transfer list', () => {
  it('shows officers every transfer, filtered by registration in the URL', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      'GET /transfers': () => json(200, { items: [transfer({ overdue: true })], total: 1 }),
    });
    renderRoutes([{ path: '/transfers', element: <Transfers /> }], '/transfers?scope=all');
    const row = (await screen.findByText('Hợp đồng chuyển giao công nghệ sấy miến dong')).closest('tr')!;
    expect(within(row).getByText('Quá hạn đăng ký')).toBeTruthy();
    expect(row.textContent!.replace(/\s/g, ' ')).toContain('320.000.000 ₫');
    expect(calls.find((c) => c.path.startsWith('/transfers?'))!.path).toBe('/transfers?scope=all&page=1&pageSize=20');
    fireEvent.click(screen.getByRole('tab', { name: 'Quá hạn đăng ký' }));
    await waitFor(() => expect(location()).toBe('/transfers?scope=all&registration=overdue'));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/transfers?scope=all&registration=overdue&page=1&pageSize=20'));
  });
});

describe('Officers record a transfer without a connection', () => {
  it('choose the supplier, the recipient and the listings', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      ...taxonomyRoute,
      'GET /organizations': () =>
        json(200, {
          items: [
            { ...INSTITUTE, kind: 'institute', status: 'verified', createdAt: '2025-01-01T00:00:00Z', version: 1 },
            { ...ENTERPRISE, kind: 'enterprise', status: 'verified', createdAt: '2025-01-01T00:00:00Z', version: 1 },
          ],
          total: 2,
          page: 1,
          pageSize: 100,
        }),
      'GET /search': () =>
        json(200, {
          hits: [
            {
              id: 'offer1',
              kind: 'technology',
              title: 'Chế phẩm vi sinh xử lý bã dong riềng',
              summary: '',
              organization: { ...INSTITUTE, kind: 'institute' },
              sectors: [],
              transferForms: [],
              publishedAt: '2026-01-01T00:00:00Z',
            },
          ],
          total: 1,
          page: 1,
          pageSize: 8,
          facets: {},
        }),
      'POST /transfers': () => json(201, transfer({ id: 't8' })),
    });
    renderRoutes(
      [
        { path: '/officer/transfers/new', element: <TransferFormPage /> },
        { path: '/transfers/:id', element: <p>record</p> },
      ],
      '/officer/transfers/new',
    );
    const supplier = await screen.findByLabelText(/^Bên chuyển giao/);
    await waitFor(() => expect(within(supplier).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(supplier, { target: { value: INSTITUTE.id } });
    fireEvent.change(screen.getByLabelText(/^Bên nhận chuyển giao/), { target: { value: INSTITUTE.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ chuyển giao' }));
    expect(screen.getByText('Bên nhận phải khác bên chuyển giao.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Bên nhận chuyển giao/), { target: { value: ENTERPRISE.id } });
    fireEvent.change(screen.getByLabelText(/^Tin liên quan/), { target: { value: 'bã dong' } });
    fireEvent.click(await screen.findByRole('button', { name: /Chế phẩm vi sinh xử lý bã dong riềng/ }));
    expect(screen.getByRole('list', { name: 'Đã chọn' }).textContent).toContain('Chế phẩm vi sinh xử lý bã dong riềng');
    fireEvent.change(screen.getByLabelText(/^Tên hợp đồng/), { target: { value: 'Hợp đồng chế phẩm vi sinh' } });
    fireEvent.change(screen.getByLabelText(/^Hình thức chuyển giao/), { target: { value: 'assignment' } });
    fireEvent.click(await screen.findByLabelText('Chuyển giao tài liệu về công nghệ'));
    fireEvent.change(screen.getByLabelText(/^Giá trị hợp đồng/), { target: { value: '1 500 000 000' } });
    fireEvent.change(screen.getByLabelText(/^Ngày ký/), { target: { value: '2/1/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hồ sơ chuyển giao' }));
    await waitFor(() => expect(location()).toBe('/transfers/t8'));
    expect(calls.find((c) => c.path.startsWith('/organizations'))!.path).toBe('/organizations?status=verified&page=1&pageSize=100');
    expect(calls.find((c) => c.path === '/transfers')!.body).toEqual({
      supplierOrgId: INSTITUTE.id,
      recipientOrgId: ENTERPRISE.id,
      listingIds: ['offer1'],
      title: 'Hợp đồng chế phẩm vi sinh',
      form: 'assignment',
      methods: ['documents'],
      contractValue: 1500000000,
      signedOn: '2026-01-02',
      registrationRequired: false,
      publicConsent: false,
    });
  });
});
