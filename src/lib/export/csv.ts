/**
 * CSV export that opens cleanly in Excel and cannot attack the person opening it: a UTF-8 byte
 * order mark (so Excel reads "Öne" and "–" correctly), CRLF line endings, RFC 4180 quoting via
 * Papa.unparse, and a guard against CSV formula injection: a text cell from a data file that
 * starts with = + - @ tab or CR would run as a formula in Excel, so it gets a leading apostrophe.
 * Numbers are never touched. The output is always rectangular (header row plus one line per
 * row); the disclosure rule sentence belongs in a separate note, not in the file.
 */
import Papa from 'papaparse';
import { datedFileName } from './fileName.ts';
import { exportNumber, type ExportFormat } from './exportNumber.ts';

export { exportNumber, type ExportFormat } from './exportNumber.ts';

export interface CsvColumn {
  key: string;
  /** Header text; the key when absent. */
  label?: string;
  /** How numbers are rounded (as the app shows them); as stored when absent. */
  format?: ExportFormat;
}

export interface CsvOptions {
  /** Prefix a UTF-8 byte order mark for Excel (default true). */
  bom?: boolean;
  /** Write numbers as stored instead of as shown (default false). */
  fullPrecision?: boolean;
}

export const UTF8_BOM = '\ufeff';

/** A leading tab, CR or LF, or = + - @ (ASCII or full-width) after any spaces. */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Makes a text cell safe to open in a spreadsheet: text that a spreadsheet would read as a
 * formula gets a leading apostrophe. Plain numbers written as text ("-5") are left alone.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One value as CSV text: numbers as shown (or as stored), blanks for null, text guarded. */
export function csvCell(value: unknown, format?: ExportFormat, fullPrecision = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? fullPrecision
        ? String(value)
        : exportNumber(value, format)
      : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return guardFormula(value);
  return guardFormula(JSON.stringify(value) ?? '');
}

/** Builds the CSV text for `rows`, in the order and with the headers of `columns`. */
export function toCsv(
  columns: (CsvColumn | string)[],
  rows: Record<string, unknown>[],
  options: CsvOptions = {},
): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { key: c } : c));
  const csv = Papa.unparse(
    {
      fields: cols.map((c) => guardFormula(c.label ?? c.key)),
      data: rows.map((row) =>
        cols.map((c) => csvCell(row[c.key], c.format, options.fullPrecision ?? false)),
      ),
    },
    { newline: '\r\n', quotes: false, quoteChar: '"', escapeChar: '"', header: true },
  );
  return (options.bom ?? true) ? UTF8_BOM + csv : csv;
}

/**
 * A safe, readable file name: "Drug deaths: Hull 2021/23" becomes "drug-deaths-hull-2021-23.csv";
 * with a date, "…-2026-11-25.csv" (the date as UTC, so it matches the report's stated date).
 */
export function csvFileName(base: string, date?: Date): string {
  return datedFileName(base, 'csv', date);
}
