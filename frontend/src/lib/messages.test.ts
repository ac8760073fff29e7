import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { fieldMessage, problemMessage } from './messages';
import { formatDate, formatDateTime, formatNumber, formatVnd } from './format';

const t = i18n.t.bind(i18n);

describe('problemMessage', () => {
  it('shows the server’s title and detail as they come', () => {
    const err = new ApiError({ status: 401, code: 'invalid_credentials', title: 'Email hoặc mật khẩu không đúng.' });
    expect(problemMessage(t, err)).toBe('Email hoặc mật khẩu không đúng.');
    const limited = new ApiError({ status: 429, code: 'rate_limited', title: 'Quá nhiều lần thử.', detail: 'Hãy thử lại sau 5 phút.', retryAfter: 250 });
    expect(problemMessage(t, limited)).toBe('Quá nhiều lần thử. Hãy thử lại sau 5 phút.');
  });

  it('has its own words only when the server said nothing', async () => {
    expect(problemMessage(t, new ApiError({ status: 0, code: 'network_error', detail: 'Failed to fetch' }))).toBe(
      'Không kết nối được máy chủ. Hãy kiểm tra kết nối mạng và thử lại.',
    );
    expect(problemMessage(t, new ApiError({ status: 502, code: 'http_502' }))).toBe('Đã xảy ra lỗi. Vui lòng thử lại.');
    expect(problemMessage(t, new Error('boom'))).toBe('Đã xảy ra lỗi. Vui lòng thử lại.');
    await i18n.changeLanguage('en');
    expect(problemMessage(t, new ApiError({ status: 0, code: 'network_error' }))).toContain('Cannot reach the server');
  });

  it('keeps no text of its own for a server code', () => {
    for (const lang of ['vi', 'en']) {
      const problems = i18n.getResourceBundle(lang, 'translation').problems as Record<string, string>;
      expect(Object.keys(problems).sort(), lang).toEqual(['network_error', 'unknown']);
    }
  });
});

describe('fieldMessage', () => {
  it('shows the server’s message for a server error', () => {
    expect(fieldMessage(t, { code: 'too_short', params: { min: 10 }, message: 'Cần ít nhất 10 ký tự.' })).toBe('Cần ít nhất 10 ký tự.');
    expect(fieldMessage(t, { code: 'brand_new_code', message: 'Máy chủ nói' })).toBe('Máy chủ nói');
    expect(fieldMessage(t, undefined)).toBeUndefined();
  });

  it('words the client’s own checks in the UI language', async () => {
    expect(fieldMessage(t, { code: 'too_short', params: { min: 10 } })).toBe('Quá ngắn: cần ít nhất 10 ký tự.');
    expect(fieldMessage(t, { code: 'too_short' })).toBe('Quá ngắn.');
    expect(fieldMessage(t, { code: 'too_far', params: { maxMonths: 24 } })).toBe('Tối đa 24 tháng kể từ hôm nay.');
    expect(fieldMessage(t, { code: 'too_many', params: { max: 3 } })).toBe('Tối đa 3 mục.');
    await i18n.changeLanguage('en');
    expect(fieldMessage(t, { code: 'before_filing' })).toBe('The grant date cannot be before the filing date.');
    expect(fieldMessage(t, { code: 'password_mismatch' })).toBeTruthy();
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

  it('groups thousands as the UI language does, keeping dong', async () => {
    expect(formatNumber(300000000, 'en')).toBe('300,000,000');
    expect(formatVnd(300000000, 'en').replace(/\s/g, ' ')).toBe('300,000,000 ₫');
    expect(formatVnd(300000000, 'vi').replace(/\s/g, ' ')).toBe('300.000.000 ₫');
    // Without a language, the one the UI is in.
    await i18n.changeLanguage('en');
    try {
      expect(formatVnd(1500000).replace(/\s/g, ' ')).toBe('1,500,000 ₫');
    } finally {
      await i18n.changeLanguage('vi');
    }
  });
});
