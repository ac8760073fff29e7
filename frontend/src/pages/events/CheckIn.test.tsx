import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import i18n from '../../i18n';
import CheckIn from './CheckIn';
import { meRoutes } from '../../test/catalog';
import { json, mockApi, problem } from '../../test/helpers';
import { renderRoutes } from '../../test/router';

const summary = { event: { id: 'e1', name: 'Techmart Thái Nguyên 2026', nameEn: 'Thai Nguyen Techmart 2026' }, approved: 40, checkedIn: 11, latest: [] };
const registration = { id: 'r1', org: { id: 'o1', name: 'Công ty TNHH Nông sản sạch Ba Bể' }, role: 'participant', listings: [], needs: [] };

function renderCheckIn() {
  return renderRoutes([{ path: '/events/:id/checkin', element: <CheckIn /> }], '/events/e1/checkin');
}

describe('Check-in at the door', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes a typed code, then says the badge had already checked in', async () => {
    let n = 0;
    const { calls } = mockApi({
      ...meRoutes(['officer']),
      'GET /events/e1/checkins': () => json(200, { ...summary, checkedIn: summary.checkedIn + n }),
      'POST /events/e1/checkins': () => {
        n++;
        return json(n === 1 ? 201 : 200, { registration, checkedInAt: '2026-12-08T01:12:00Z', first: n === 1 });
      },
    });
    renderCheckIn();
    expect(await screen.findByText('11/40 đơn vị đã check-in')).toBeTruthy();
    // Without a BarcodeDetector (jsdom has none) the page says to type the code.
    expect(screen.getByText(/Trình duyệt này không đọc được mã QR/)).toBeTruthy();
    const input = screen.getByLabelText('Mã trên thẻ');
    fireEvent.change(input, { target: { value: 'r1.ABCD' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check-in' }));
    expect(await screen.findByText('Check-in thành công')).toBeTruthy();
    expect(screen.getByText('Công ty TNHH Nông sản sạch Ba Bể', { selector: '.checkin-org' })).toBeTruthy();
    expect(screen.getByText('Lúc 08:12')).toBeTruthy();
    expect(await screen.findByText('12/40 đơn vị đã check-in')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/events/e1/checkins')?.body).toEqual({ code: 'r1.ABCD' });

    fireEvent.change(input, { target: { value: 'r1.ABCD' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check-in' }));
    expect(await screen.findByText('Thẻ này đã check-in trước đó')).toBeTruthy();
  });

  it('shows the server’s words for a wrong code, and asks for a code when none is typed', async () => {
    mockApi({
      ...meRoutes(['officer']),
      'GET /events/e1/checkins': () => json(200, summary),
      'POST /events/e1/checkins': () =>
        problem(422, 'validation_failed', 'Dữ liệu không hợp lệ.', {
          errors: [{ field: 'code', code: 'unknown_code', message: 'Mã check-in không đúng hoặc không thuộc sự kiện này.' }],
        }),
    });
    renderCheckIn();
    await screen.findByText('11/40 đơn vị đã check-in');
    fireEvent.click(screen.getByRole('button', { name: 'Check-in' }));
    expect(await screen.findByText('Hãy nhập mã trên thẻ.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Mã trên thẻ'), { target: { value: 'x.y' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check-in' }));
    expect(await screen.findByText('Mã check-in không đúng hoặc không thuộc sự kiện này.')).toBeTruthy();
  });

  it('offers the camera where the browser reads QR codes', async () => {
    vi.stubGlobal('BarcodeDetector', class {
      async detect() {
        return [];
      }
    });
    mockApi({ ...meRoutes(['officer']), 'GET /events/e1/checkins': () => json(200, summary) });
    renderCheckIn();
    expect(await screen.findByRole('button', { name: 'Quét mã QR bằng camera' })).toBeTruthy();
  });

  it('names the event in the page’s language', async () => {
    mockApi({ ...meRoutes(['officer']), 'GET /events/e1/checkins': () => json(200, summary) });
    await i18n.changeLanguage('en');
    try {
      renderCheckIn();
      expect(await screen.findByText('Thai Nguyen Techmart 2026')).toBeTruthy();
    } finally {
      await i18n.changeLanguage('vi');
    }
  });
});
