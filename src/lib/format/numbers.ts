/**
 * How numbers are shown: thousands separators, sensible rounding for each kind of figure, and
 * words (not blanks) for values that were deliberately not calculated. Data is never rounded;
 * only its display is.
 */
export type NumberFormat = 'count' | 'rate' | 'percent' | 'text';

const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const fractionalCounts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** Shown where a value is missing: the table's note column says why. */
export const NO_VALUE = '–';

export function formatNumber(value: unknown, format: NumberFormat = 'text'): string {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  if (format === 'text' || typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return NO_VALUE;
  switch (format) {
    case 'count':
      // Modelled counts (prevalence estimates) can be fractional; show one decimal only then.
      return Number.isInteger(value) ? counts.format(value) : fractionalCounts.format(value);
    case 'rate':
      return oneDecimal.format(value);
    case 'percent':
      return `${oneDecimal.format(value)}%`;
  }
}

/** "5.0 (3.4 to 7.2)": a value with its interval, as board papers write it. */
export function formatWithInterval(
  value: number | null,
  lower: number | null,
  upper: number | null,
  format: NumberFormat = 'rate',
): string {
  if (value === null) return NO_VALUE;
  const v = formatNumber(value, format);
  if (lower === null || upper === null) return v;
  return `${v} (${formatNumber(lower, format)} to ${formatNumber(upper, format)})`;
}

// ---------------------------------------------------------------------------------------------
// Numbers in words, for chart descriptions and notes ("not available" rather than a dash).

/** Number wording for descriptions (display only; data keep full precision). */
export function fmt(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'not available';
  return v.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function fmtCount(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'not available';
  return v.toLocaleString('en-GB', { maximumFractionDigits: Number.isInteger(v) ? 0 : 1 });
}

// ---------------------------------------------------------------------------------------------
// Numbers and sizes in the report's text: en-GB, thousands separators.

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

/** 1234567.891 → "1,234,567.89"; a fixed number of decimals when given (report text). */
export function formatDecimal(value: number | bigint, decimals?: number): string {
  if (typeof value === 'bigint') return numberFormat(0).format(value);
  if (!Number.isFinite(value)) return '';
  return numberFormat(decimals).format(value);
}

/** 1536 → "1.5 KB (1,536 bytes)". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const exact = `${formatDecimal(bytes, 0)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = -1;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit < 0 ? exact : `${formatDecimal(size, 1)} ${units[unit]} (${exact})`;
}

/** "1 row", "1,234 rows". */
export function rowsText(n: number): string {
  return `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;
}
