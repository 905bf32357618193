/**
 * One data table in the report: a caption, column headers with scope, the first text column as
 * row headers (so screen readers announce "Hull, Opiates: 514"), numbers in en-GB with
 * thousands separators, every value escaped. Suppressed cells show `*` with a note under the
 * table pointing to the disclosure rule (stated once, in "About this report").
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

/** Tables with more columns than this are printed in smaller type with fixed column widths. */
export const WIDE_TABLE_COLUMNS = 8;

/** Rows beyond this are left out of a report table, with a note saying so. */
export const DEFAULT_MAX_TABLE_ROWS = 1000;

/** A value as escaped cell text. Missing values are blank: never "null" or "undefined". */
export function cellHtml(value: unknown, column?: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (value === SUPPRESSED) return '*';
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) return '';
    // A line may break after a thousands separator (<wbr>), so a narrow printed column shows
    // "1,195,/566" rather than spilling over the next cell; the text is unchanged.
    return escapeHtml(formatDecimal(value, column?.decimals)).replaceAll(',', ',<wbr>');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : escapeHtml(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'string') return escapeHtml(value);
  return escapeHtml(JSON.stringify(value) ?? '');
}

export interface RenderTableOptions {
  /** Rows shown before a "first N rows" note. */
  maxRows?: number;
  /** The table's id, so the contents and other sections can link to it. */
  id?: string;
  /** Notes under the table, as HTML the caller has already escaped (links to the appendix). */
  notesHtml?: string[];
  /** Where the disclosure rule is stated: a link target for the suppression note. */
  ruleHref?: string;
  /**
   * For pasting into Word: `border` and `cellpadding` attributes, which Word honours where it
   * ignores a stylesheet.
   */
  word?: boolean;
}

/** Whether any shown cell of a table is suppressed. */
export function hasSuppressed(table: ReportTable): boolean {
  return table.rows.some((row) => table.columns.some((c) => row[c.key] === SUPPRESSED));
}

export function renderTable(
  table: ReportTable,
  maxRowsOrOptions: number | RenderTableOptions = DEFAULT_MAX_TABLE_ROWS,
): string {
  const options: RenderTableOptions =
    typeof maxRowsOrOptions === 'number' ? { maxRows: maxRowsOrOptions } : maxRowsOrOptions;
  const maxRows = options.maxRows ?? DEFAULT_MAX_TABLE_ROWS;
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
  if (table.rows.length === 0) notes.push(escapeHtml('No rows.'));
  if (table.rows.length > shown.length) {
    notes.push(
      escapeHtml(
        `The first ${formatDecimal(shown.length)} of ${formatDecimal(table.rows.length)} rows are shown; export the table as CSV for all of them.`,
      ),
    );
  }
  if (anySuppressed) {
    const rule = 'the disclosure rule in About this report';
    notes.push(
      `* Suppressed under ${options.ruleHref ? `<a href="${escapeHtml(options.ruleHref)}">${rule}</a>` : rule}.`,
    );
  }
  notes.push(...(options.notesHtml ?? []));
  const noteHtml = notes.map((n) => `<p class="table-note">${n}</p>`).join('');
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  // Many columns: printed with fixed, equal columns so the table keeps to the page width.
  const wide = cols.length > WIDE_TABLE_COLUMNS ? ' class="wide"' : '';
  const attrs = `${wide}${options.word ? ' border="1" cellpadding="4" cellspacing="0"' : ''}`;
  return (
    `<div class="table-wrap"${id}><table${attrs}>` +
    `<caption>${escapeHtml(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${noteHtml}</div>`
  );
}
