// Dates dd/mm/yyyy in both languages, shown in Asia/Ho_Chi_Minh whatever the
// device's time zone is; numbers grouped as the UI language writes them
// (1.500.000 in Vietnamese, 1,500,000 in English), amounts always in đồng.
import i18n from '../i18n';

/**
 * The wall clock in Vietnam at a moment. Vietnam keeps UTC+7 all year (no
 * daylight saving since 1975), so this is UTC moved by seven hours; done by
 * hand rather than by Intl.DateTimeFormat, whose first use on a page loads
 * ICU's data (over 100 ms on a throttled phone, during the first render).
 */
export function vietnamClock(d: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate(), hour: v.getUTCHours(), minute: v.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

function toDate(value: string | Date | undefined | null): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "dd/mm/yyyy" in both languages (as en-GB and vi-VN write it). */
export function formatDate(value: string | Date | undefined | null, _lang?: string): string {
  const d = toDate(value);
  if (!d) return '';
  const c = vietnamClock(d);
  return `${two(c.day)}/${two(c.month)}/${String(c.year).padStart(4, '0')}`;
}

/** "HH:mm", 24 hours, in both languages. */
export function formatTime(value: string | Date | undefined | null, _lang?: string): string {
  const d = toDate(value);
  if (!d) return '';
  const c = vietnamClock(d);
  return `${two(c.hour)}:${two(c.minute)}`;
}

/** "dd/mm/yyyy HH:mm" in both languages. */
export function formatDateTime(value: string | Date | undefined | null, lang: string): string {
  const d = toDate(value);
  if (!d) return '';
  return `${formatDate(d, lang)} ${formatTime(d, lang)}`;
}

/**
 * A number as the language writes it: "1.500.000,5" in Vietnamese,
 * "1,500,000.5" in English, at most `maxFraction` decimals, trailing zeros
 * dropped: what Intl.NumberFormat gives for vi-VN and en-US below 10^21,
 * but "0" where it writes "-0". Grouped here rather than by Intl: the first
 * Intl.NumberFormat of a page loads ICU's number data, 30 ms on a desktop
 * and over 100 ms on a throttled phone, in the middle of the first render,
 * for two rules this simple.
 */
export function formatDecimal(n: number, lang: string | undefined, maxFraction: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [group, point] = (lang ?? i18n.language) === 'en' ? [',', '.'] : ['.', ','];
  const [int, frac = ''] = Math.abs(n).toFixed(maxFraction).split('.');
  const digits = frac.replace(/0+$/, '');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = n < 0 && (Number(int) > 0 || digits !== '');
  return `${negative ? '-' : ''}${grouped}${digits ? point + digits : ''}`;
}

/** Numbers grouped by the UI language: "1.500.000" in Vietnamese, "1,500,000" in English. */
export function formatNumber(n: number, lang?: string): string {
  return formatDecimal(n, lang, 3);
}

/**
 * Money is integer VND in both languages, the symbol after the figure:
 * "1.500.000 ₫" in Vietnamese, "1,500,000 ₫" in English.
 */
export function formatVnd(amount: number, lang?: string): string {
  return `${formatDecimal(amount, lang, 0)}\u00a0₫`;
}

/** File sizes: "850 KB", "1,2 MB" (a decimal comma in Vietnamese, a point in English). */
export function formatFileSize(bytes: number, lang: string): string {
  const nf = (n: number, digits: number) => formatDecimal(n, lang, digits);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}
