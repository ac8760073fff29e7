// Vietnamese formats everywhere: dd/mm/yyyy, '.' for thousands, shown in
// Asia/Ho_Chi_Minh whatever the device's time zone is.
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

/** Numbers use Vietnamese grouping ('.' for thousands) in both languages. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n);
}

/** Money is integer VND; shown as "1.500.000 ₫". */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/** File sizes: "850 KB", "1,2 MB" (a decimal comma in Vietnamese, a point in English). */
export function formatFileSize(bytes: number, lang: string): string {
  const nf = (n: number, digits: number) =>
    new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}
