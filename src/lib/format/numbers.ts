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
