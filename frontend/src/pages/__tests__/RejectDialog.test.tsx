import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RejectDialog } from '../officer/VerificationQueue';
import type { Organization } from '../../api/types';
import { json, mockApi, problem, renderApp } from '../../test/helpers';

const org: Organization = {
  id: 'org-7',
  name: 'Viện Nông nghiệp',
  kind: 'institute',
  status: 'pending',
  createdAt: '2025-03-01T02:00:00Z',
  version: 3,
  evidence: {},
  missing: [],
};

describe('Reject dialog', () => {
  it('is a labelled modal dialog that requires a reason of 5 characters', async () => {
    const { calls } = mockApi({});
    renderApp(<RejectDialog org={org} onClose={() => undefined} onDone={() => undefined} onStale={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Từ chối Viện Nông nghiệp' });
    expect(dialog.hasAttribute('open')).toBe(true);
    fireEvent.change(screen.getByLabelText(/Lý do từ chối/), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Từ chối' }));
    expect(await screen.findByText('Quá ngắn: cần ít nhất 5 ký tự.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Vui lòng sửa 1 lỗi trong biểu mẫu.');
    expect(calls).toHaveLength(0);
  });

  it('sends the reason with If-Match and reports success', async () => {
    const onDone = vi.fn();
    const { calls } = mockApi({
      'POST /organizations/org-7/reject': () => json(200, { ...org, status: 'rejected', version: 4 }),
    });
    renderApp(<RejectDialog org={org} onClose={() => undefined} onDone={onDone} onStale={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/Lý do từ chối/), { target: { value: '  Thiếu giấy phép hoạt động  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Từ chối' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(org));
    expect(calls[0].body).toEqual({ reason: 'Thiếu giấy phép hoạt động' });
    expect(calls[0].headers['if-match']).toBe('"3"');
  });

  it('hands a 412 to the page so it can reload', async () => {
    const onStale = vi.fn();
    mockApi({
      'POST /organizations/org-7/reject': () => problem(412, 'version_mismatch', 'Dữ liệu đã được người khác thay đổi; hãy tải lại.'),
    });
    renderApp(<RejectDialog org={org} onClose={() => undefined} onDone={() => undefined} onStale={onStale} />);
    fireEvent.change(screen.getByLabelText(/Lý do từ chối/), { target: { value: 'Hồ sơ chưa đủ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Từ chối' }));
    await waitFor(() => expect(onStale).toHaveBeenCalled());
  });
});
