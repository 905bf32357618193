/**
 * Numbers in an export as the app shows them (src/lib/format/numbers.ts): people are whole
 * numbers, rates and percentages have one decimal place, other numbers at most two. Written
 * plainly (no thousands separators, a dot for decimals) so a spreadsheet reads them as numbers.
 * A CSV then shows 20.6, not 20.62015503875969; full precision is an option of the export panel.
 */
export type ExportFormat = 'count' | 'rate' | 'percent' | 'number' | 'text';

function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  // "-0.0" reads oddly and means 0.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export function exportNumber(value: number, format?: ExportFormat): string {
  if (!Number.isFinite(value)) return '';
  switch (format) {
    case 'count':
      return fixed(value, 0);
    case 'rate':
    case 'percent':
      return fixed(value, 1);
    case 'number':
      return String(Number(value.toFixed(2)));
    default:
      return String(value);
  }
}
