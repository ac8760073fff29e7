import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { dispositionName } from '../api';
import { listing } from '../test/catalog';
import { json, mockApi, problem } from '../test/helpers';
import { checkFile, ListingFilesEditor, ListingGallery, MAX_IMAGE_BYTES } from './ListingFiles';

const session = {
  'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
};

function pick(input: HTMLElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

function sized(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

beforeEach(() => {
  localStorage.setItem('techmart.refresh', 'R');
  let n = 0;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => `blob:test/${++n}`), revokeObjectURL: vi.fn() }));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('checkFile', () => {
  it('mirrors the server’s types, sizes and counts', () => {
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 }, 0, 0)).toEqual({ ok: true, image: true });
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 9 * 1024 * 1024 }, 0, 0)).toEqual({ ok: true, image: false });
    expect(checkFile({ name: 'A.JPG', type: '', size: 10 }, 0, 0)).toEqual({ ok: true, image: true });
    expect(checkFile({ name: 'a.gif', type: 'image/gif', size: 10 }, 0, 0)).toMatchObject({ key: 'files.error.type' });
    expect(checkFile({ name: 'a.png', type: 'image/png', size: MAX_IMAGE_BYTES + 1 }, 0, 0)).toMatchObject({ key: 'files.error.imageSize' });
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 10 * 1024 * 1024 + 1 }, 0, 0)).toMatchObject({
      key: 'files.error.documentSize',
    });
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 }, 10, 0)).toMatchObject({ key: 'files.error.tooManyImages' });
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 10 }, 10, 10)).toMatchObject({ key: 'files.error.tooManyDocuments' });
  });

  it('reads file names from Content-Disposition', () => {
    expect(dispositionName('attachment; filename="bao-cao.pdf"')).toBe('bao-cao.pdf');
    expect(dispositionName("attachment; filename*=utf-8''b%C3%A1o%20c%C3%A1o.pdf")).toBe('báo cáo.pdf');
    expect(dispositionName(null)).toBeUndefined();
  });
});

describe('ListingFilesEditor', () => {
  it('refuses an .exe and an oversize image without uploading', async () => {
    const { calls } = mockApi({ ...session });
    render(<ListingFilesEditor listing={listing({ images: [], attachments: [] })} onChanged={vi.fn()} />);
    const input = screen.getByLabelText('Thêm ảnh hoặc tài liệu PDF');
    expect(input.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,application/pdf');

    pick(input, sized('setup.exe', 'application/x-msdownload', 1000));
    expect(await screen.findByText('“setup.exe” không phải ảnh JPEG, PNG, WebP hay tệp PDF.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    pick(input, sized('anh-lon.jpg', 'image/jpeg', MAX_IMAGE_BYTES + 1));
    expect(await screen.findByText(/Ảnh “anh-lon.jpg” lớn hơn 5 MB/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.path.includes('/files'))).toHaveLength(0);
  });

  it('uploads as multipart and shows the server’s field error', async () => {
    const { fetchMock } = mockApi({
      ...session,
      'POST /listings/l1/files': () =>
        problem(422, 'validation_failed', 'Một số trường chưa hợp lệ.', {
          errors: [{ field: 'file', code: 'invalid_image', message: 'Tệp ảnh bị hỏng hoặc không đọc được.' }],
        }),
    });
    const onChanged = vi.fn();
    render(<ListingFilesEditor listing={listing({ images: [], attachments: [] })} onChanged={onChanged} />);
    pick(screen.getByLabelText('Thêm ảnh hoặc tài liệu PDF'), new File(['png'], 'may.png', { type: 'image/png' }));
    expect(await screen.findByText('Tệp ảnh bị hỏng hoặc không đọc được.')).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/listings/l1/files'))!;
    expect(init?.body).toBeInstanceOf(FormData);
    expect((init?.body as FormData).get('file')).toBeInstanceOf(File);
    expect(new Headers(init?.headers).get('Content-Type')).toBeNull();
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer A');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('asks before adding a file to a published listing, then reports the upload', async () => {
    const { calls } = mockApi({
      ...session,
      'POST /listings/l1/files': () =>
        json(201, { id: 'f9', listingId: 'l1', kind: 'image', name: 'may.png', contentType: 'image/png', size: 3, createdAt: '' }),
    });
    const onChanged = vi.fn();
    render(<ListingFilesEditor listing={listing({ state: 'published', images: [], attachments: [] })} onChanged={onChanged} />);
    pick(screen.getByLabelText('Thêm ảnh hoặc tài liệu PDF'), new File(['png'], 'may.png', { type: 'image/png' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm tệp và đưa tin về hàng chờ duyệt?' });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/listings/l1/files')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tải lên và gửi duyệt lại' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Đã tải lên “may.png”. Tin đã trở về hàng chờ Sở duyệt lại.'));
  });

  it('shows thumbnails from blobs and removes a file after confirming', async () => {
    const { calls } = mockApi({
      ...session,
      'GET /files/f1/thumbnail': () => new Response(new Blob(['jpg'], { type: 'image/jpeg' }), { status: 200 }),
      'GET /files/d1': () =>
        new Response(new Blob(['%PDF'], { type: 'application/pdf' }), {
          status: 200,
          headers: { 'Content-Disposition': 'attachment; filename="thong-so.pdf"', 'Content-Length': '2048' },
        }),
      'DELETE /listings/l1/files/f1': () => new Response(null, { status: 204 }),
    });
    const onChanged = vi.fn();
    render(<ListingFilesEditor listing={listing({ images: ['f1'], attachments: ['d1'] })} onChanged={onChanged} />);
    const img = await screen.findByRole('img', { name: /ảnh 1/ });
    expect(img.getAttribute('src')).toMatch(/^blob:test\//);
    expect(calls.find((c) => c.path === '/files/f1/thumbnail')?.headers.authorization).toBe('Bearer A');
    expect(await screen.findByText('thong-so.pdf')).toBeTruthy();
    expect(screen.getByText(/2 KB/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Xóa ảnh 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Xóa “Ảnh 1”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/listings/l1/files/f1')).toBe(true));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Đã xóa “Ảnh 1”.'));
  });
});

describe('ListingGallery', () => {
  it('links public files directly and opens the full image', async () => {
    mockApi({
      'GET /files/d1': () =>
        new Response('%PDF', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="ho-so.pdf"' } }),
    });
    render(<ListingGallery listing={listing({ state: 'published', images: ['f1', 'f2'], attachments: ['d1'] })} authed={false} />);
    expect(screen.getByRole('heading', { name: 'Ảnh và tài liệu' })).toBeTruthy();
    const thumbs = screen.getAllByRole('img');
    expect(thumbs.map((i) => i.getAttribute('src'))).toEqual(['/api/v1/files/f1/thumbnail', '/api/v1/files/f2/thumbnail']);
    const link = await screen.findByRole('link', { name: 'Tải về ho-so.pdf' });
    expect(link.getAttribute('href')).toBe('/api/v1/files/d1');
    fireEvent.click(screen.getByRole('button', { name: 'Xem ảnh 2 cỡ lớn' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe('/api/v1/files/f2');
    expect(screen.queryByRole('button', { name: /Xóa/ })).toBeNull();
  });
});
