import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { fieldMessage, problemMessage } from './messages';
import { formatDate, formatDateTime, formatNumber, formatVnd } from './format';

const t = i18n.t.bind(i18n);

describe('problemMessage', () => {
  it('prefers our own text keyed by code', () => {
    const err = new ApiError({ status: 401, code: 'invalid_credentials', detail: 'server text' });
    expect(problemMessage(t, err)).toBe('Sai thư điện tử hoặc mật khẩu.');
  });

  it('falls back to the server detail for unknown codes', () => {
    const err = new ApiError({ status: 400, code: 'something_new', detail: 'Chi tiết từ máy chủ' });
    expect(problemMessage(t, err)).toBe('Chi tiết từ máy chủ');
  });

  it('turns Retry-After seconds into whole minutes', async () => {
    const err = new ApiError({ status: 429, code: 'rate_limited', retryAfter: 250 });
    expect(problemMessage(t, err)).toBe('Bạn đã thử quá nhiều lần. Hãy thử lại sau 5 phút.');
    await i18n.changeLanguage('en');
    expect(problemMessage(t, new ApiError({ status: 429, code: 'rate_limited', retryAfter: 30 }))).toBe(
      'Too many attempts. Try again in 1 minute.',
    );
  });

  it('has a generic message for non-API errors', () => {
    expect(problemMessage(t, new Error('boom'))).toBe('Đã xảy ra lỗi. Vui lòng thử lại.');
  });
});

describe('fieldMessage', () => {
  it('interpolates limits and falls back to the server message', () => {
    expect(fieldMessage(t, { code: 'too_short', params: { min: 10 } })).toBe('Quá ngắn: cần ít nhất 10 ký tự.');
    expect(fieldMessage(t, { code: 'too_short' })).toBe('Quá ngắn.');
    expect(fieldMessage(t, { code: 'email_taken' })).toBe('Thư điện tử này đã được dùng cho một tài khoản khác.');
    expect(fieldMessage(t, { code: 'brand_new_code', message: 'Máy chủ nói' })).toBe('Máy chủ nói');
    expect(fieldMessage(t, undefined)).toBeUndefined();
  });

  it('knows the catalogue’s codes in both languages', async () => {
    expect(fieldMessage(t, { code: 'too_far', params: { maxMonths: 24 } })).toBe('Tối đa 24 tháng kể từ hôm nay.');
    expect(fieldMessage(t, { code: 'too_many', params: { max: 3 } })).toBe('Tối đa 3 mục.');
    expect(problemMessage(t, new ApiError({ status: 403, code: 'org_not_verified' }))).toContain('xác minh');
    await i18n.changeLanguage('en');
    for (const code of ['listing_not_found', 'listing_under_review', 'org_not_verified', 'own_organization',
      'search_unavailable', 'invalid_transition', 'version_mismatch', 'busy', 'last_admin', 'unsupported_encoding']) {
      expect(i18n.exists(`problems.${code}`), code).toBe(true);
    }
    for (const code of ['not_for_kind', 'immutable', 'not_a_member', 'not_in_future', 'too_far', 'invalid_date',
      'invalid_phone', 'not_for_mode', 'less_than_min', 'too_many', 'invalid_keyword', 'before_filing', 'invalid_utf8']) {
      expect(i18n.exists(`fieldErrors.${code}`), code).toBe(true);
    }
    expect(fieldMessage(t, { code: 'before_filing' })).toBe('The grant date cannot be before the filing date.');
  });
});

describe('Vietnamese formats', () => {
  it('formats dates dd/mm/yyyy in Asia/Ho_Chi_Minh', () => {
    // 20:30 UTC on 31 Dec is already 1 January in Vietnam (UTC+7).
    expect(formatDate('2024-12-31T20:30:00Z', 'vi')).toBe('01/01/2025');
    expect(formatDate('2024-12-31T20:30:00Z', 'en')).toBe('01/01/2025');
    expect(formatDateTime('2024-12-31T20:30:00Z', 'vi')).toBe('01/01/2025 03:30');
    expect(formatDate('not a date', 'vi')).toBe('');
  });

  it('groups thousands with dots and shows dong', () => {
    expect(formatNumber(1500000)).toBe('1.500.000');
    expect(formatVnd(1500000).replace(/\s/g, ' ')).toBe('1.500.000 ₫');
  });
});
