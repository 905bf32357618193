/**
 * One data table in the report: a caption, column headers with scope, the first text column as
 * row headers (so screen readers announce "Hull, Opiates: 514"), numbers in en-GB with
 * thousands separators, every value escaped. Suppressed cells show `*` with a note under the
 * table pointing to the disclosure rule.
 */
import { SUPPRESSED } from './disclosureTable.ts';
import { formatDecimal } from '../format/numbers.ts';
import { escapeHtml } from './html.ts';

export interface ReportColumn {
  key: string;
  label: string;
  /** Right-aligned, formatted as a number. */
  numeric?: boolean;
  /** Fixed decimal places for numbers (default: up to 2). */
  decimals?: number;
}

export interface ReportTable {
  caption: string;
  columns: ReportColumn[];
  rows: Record<string, unknown>[];
}

/** Rows beyond this are left out of a report table, with a note saying so. */
export const DEFAULT_MAX_TABLE_ROWS = 1000;

/** A value as escaped cell text. */
export function cellHtml(value: unknown, column?: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (value === SUPPRESSED) return '*';
  if (typeof value === 'number' || typeof value === 'bigint') {
    return escapeHtml(formatDecimal(value, column?.decimals));
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : escapeHtml(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'string') return escapeHtml(value);
  return escapeHtml(JSON.stringify(value) ?? '');
}

export function renderTable(table: ReportTable, maxRows = DEFAULT_MAX_TABLE_ROWS): string {
  const cols = table.columns;
  const rowHeader = cols.length > 1 && !cols[0].numeric ? 0 : -1;
  const numClass = (c: ReportColumn): string => (c.numeric ? ' class="num"' : '');
  const head = cols
    .map((c) => `<th scope="col"${numClass(c)}>${escapeHtml(c.label)}</th>`)
    .join('');
  const shown = table.rows.slice(0, Math.max(0, maxRows));
  let anySuppressed = false;
  const body = shown
    .map((row) => {
      const cells = cols.map((c, i) => {
        const value = row[c.key];
        if (value === SUPPRESSED) anySuppressed = true;
        const tag = i === rowHeader ? 'th scope="row"' : 'td';
        const end = i === rowHeader ? 'th' : 'td';
        return `<${tag}${numClass(c)}>${cellHtml(value, c)}</${end}>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const notes: string[] = [];
  if (table.rows.length === 0) notes.push('No rows.');
  if (table.rows.length > shown.length) {
    notes.push(
      `The first ${formatDecimal(shown.length)} of ${formatDecimal(table.rows.length)} rows are shown; export the table as CSV for all of them.`,
    );
  }
  if (anySuppressed) notes.push('* Suppressed under the disclosure rule stated at the start.');
  const noteHtml = notes.map((n) => `<p class="table-note">${escapeHtml(n)}</p>`).join('');
  return (
    `<div class="table-wrap"><table>` +
    `<caption>${escapeHtml(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${noteHtml}</div>`
  );
}
