/**
 * CSV serialisation of generated tables (RFC 4180 quoting, `\n` line ends, header row of the
 * canonical column names). Runs in Node and the browser.
 */
import type { Cell, SyntheticTable } from './tables';

function field(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return String(v);
  }
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function tableToCsv(table: SyntheticTable): string {
  const lines = [table.columns.map((c) => field(c)).join(',')];
  for (const row of table.rows) lines.push(row.map(field).join(','));
  return lines.join('\n') + '\n';
}
