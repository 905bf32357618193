/**
 * How numbers, sizes and dates read in the report: en-GB, thousands separators, dates in UTC
 * so the stated "generated" time is the same wherever the file is opened.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(decimals: number | undefined): Intl.NumberFormat {
  const key = String(decimals);
  let f = formatters.get(key);
  if (!f) {
    f =
      decimals === undefined
        ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })
        : new Intl.NumberFormat('en-GB', {
            minimumFractionDigits: decimals,
            maximumFractionDigits: decimals,
          });
    formatters.set(key, f);
  }
  return f;
}

/** 1234567.891 → "1,234,567.89"; a fixed number of decimals when given. */
export function formatNumber(value: number | bigint, decimals?: number): string {
  if (typeof value === 'bigint') return numberFormat(0).format(value);
  if (!Number.isFinite(value)) return '';
  return numberFormat(decimals).format(value);
}

/** 1536 → "1.5 KB (1,536 bytes)". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const exact = `${formatNumber(bytes, 0)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = -1;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit < 0 ? exact : `${formatNumber(size, 1)} ${units[unit]} (${exact})`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "25 November 2026, 18:30 UTC". */
export function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown date';
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}
