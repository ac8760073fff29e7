import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatDecimal, formatFileSize, formatNumber, formatTime, formatVnd } from './format';
import { todayInVietnam } from './listing';

describe('formats', () => {
  afterEach(() => vi.restoreAllMocks());

  it('groups numbers and amounts as each language writes them', () => {
    expect(formatNumber(1500000, 'vi')).toBe('1.500.000');
    expect(formatNumber(1500000, 'en')).toBe('1,500,000');
    expect(formatVnd(1500000, 'vi')).toBe('1.500.000\u00a0₫');
    expect(formatVnd(1500000, 'en')).toBe('1,500,000\u00a0₫');
    expect(formatDecimal(87.25, 'vi', 1)).toBe('87,3');
    expect(formatDecimal(87.25, 'en', 1)).toBe('87.3');
    expect(formatFileSize(1.5 * 1024 * 1024, 'vi')).toBe('1,5 MB');
    expect(formatDate('2026-12-06T17:30:00Z', 'vi')).toBe('07/12/2026');
  });

  // The grouping is done by hand (see formatDecimal); Intl is the reference.
  it('writes every number as Intl.NumberFormat does for vi-VN and en-US', () => {
    const values = [0, 1, 7, 12, 999, 1000, 1234, 99999, 100000, 1500000, 123456789, 9007199254740991, -1, -1234567,
      0.5, 0.04, 0.05, 0.96, 1.25, 12.345, 87.25, 1234.5678, -3.14159, 2.5e9, 99.95, 1e20];
    for (const lang of ['vi', 'en'] as const) {
      const loc = lang === 'en' ? 'en-US' : 'vi-VN';
      for (const digits of [0, 1, 3]) {
        const intl = new Intl.NumberFormat(loc, { maximumFractionDigits: digits });
        for (const v of values) {
          expect(formatDecimal(v, lang, digits), `${v} in ${lang} with ${digits} decimals`).toBe(intl.format(v));
        }
      }
      const vnd = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
      expect(formatVnd(2750000000, lang)).toBe(`${vnd.format(2750000000)}\u00a0₫`);
    }
    // Where Intl writes "-0" (a negative rounded to nothing), a person reads 0.
    expect(formatDecimal(-0, 'vi', 0)).toBe('0');
    expect(formatDecimal(-0.04, 'en', 1)).toBe('0');
    expect(formatVnd(2750000000, 'vi')).toBe(
      new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(2750000000),
    );
  });

  // Vietnam's clock is UTC+7 by hand; Intl's Asia/Ho_Chi_Minh is the reference.
  it('writes days and times in Vietnam as Intl does for Asia/Ho_Chi_Minh', () => {
    const zone = { timeZone: 'Asia/Ho_Chi_Minh' } as const;
    const moments = ['1976-01-01T00:00:00Z', '1999-12-31T16:59:59Z', '1999-12-31T17:00:00Z', '2024-02-28T17:00:00Z',
      '2026-06-30T23:59:00Z', '2026-12-06T17:30:00Z', '2026-12-31T16:59:00Z', '2026-12-31T17:00:00Z', '2038-01-19T03:14:07Z'];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) moments.push(new Date(t).toISOString());
    for (const lang of ['vi', 'en'] as const) {
      const loc = lang === 'en' ? 'en-GB' : 'vi-VN';
      const day = new Intl.DateTimeFormat(loc, { ...zone, day: '2-digit', month: '2-digit', year: 'numeric' });
      const time = new Intl.DateTimeFormat(loc, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (const m of moments) {
        expect(formatDate(m, lang), m).toBe(day.format(new Date(m)));
        expect(formatTime(m, lang), m).toBe(time.format(new Date(m)));
      }
    }
    const iso = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const m of moments) expect(todayInVietnam(new Date(m)), m).toBe(iso.format(new Date(m)));
    expect(formatDateTime('2026-12-06T17:30:00Z', 'en')).toBe('07/12/2026 00:30');
    expect(formatDate('not a date', 'vi')).toBe('');
  });

  it('makes no Intl number or date format at all', () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    formatDateTime('2026-12-06T17:30:00Z', 'vi');
    todayInVietnam();
    for (let i = 0; i < 50; i++) {
      formatNumber(i * 1001, 'vi');
      formatVnd(i * 1000, 'en');
      formatDecimal(i / 7, 'vi', 1);
    }
    expect(made).not.toHaveBeenCalled();
    expect(dates).not.toHaveBeenCalled();
  });
});
