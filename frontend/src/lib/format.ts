// Dates dd/mm/yyyy in both languages, shown in Asia/Ho_Chi_Minh whatever the
// device's time zone is; numbers grouped as the UI language writes them
// (1.500.000 in Vietnamese, 1,500,000 in English), amounts always in đồng.
import i18n from '../i18n';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

function locale(lang: string): string {
  // en-GB keeps the day/month/year order for English readers too.
  return lang === 'en' ? 'en-GB' : 'vi-VN';
}

function toDate(value: string | Date | undefined | null): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(value: string | Date | undefined | null, lang: string): string {
  const d = toDate(value);
  if (!d) return '';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

export function formatTime(value: string | Date | undefined | null, lang: string): string {
  const d = toDate(value);
  if (!d) return '';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** "dd/mm/yyyy HH:mm" in both languages. */
export function formatDateTime(value: string | Date | undefined | null, lang: string): string {
  const d = toDate(value);
  if (!d) return '';
  return `${formatDate(d, lang)} ${formatTime(d, lang)}`;
}

function numberLocale(lang: string | undefined): string {
  return (lang ?? i18n.language) === 'en' ? 'en-US' : 'vi-VN';
}

/** Numbers grouped by the UI language: "1.500.000" in Vietnamese, "1,500,000" in English. */
export function formatNumber(n: number, lang?: string): string {
  return new Intl.NumberFormat(numberLocale(lang)).format(n);
}

/**
 * Money is integer VND in both languages, the symbol after the figure:
 * "1.500.000 ₫" in Vietnamese, "1,500,000 ₫" in English.
 */
export function formatVnd(amount: number, lang?: string): string {
  const loc = numberLocale(lang);
  if (loc === 'vi-VN') {
    return new Intl.NumberFormat(loc, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
  }
  return `${new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(amount)}\u00a0₫`;
}

/** File sizes: "850 KB", "1,2 MB" (a decimal comma in Vietnamese, a point in English). */
export function formatFileSize(bytes: number, lang: string): string {
  const nf = (n: number, digits: number) =>
    new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}
