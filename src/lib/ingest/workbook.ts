/**
 * Reading spreadsheet workbooks (.xlsx, .xls, .ods) with the maintained SheetJS build
 * (@e965/xlsx). Pure and synchronous, so the same code runs in the browser's Web Worker
 * (workbookWorker.ts) and directly in Node (the CLI and tests). No network: SheetJS reads the
 * bytes it is given and nothing else.
 *
 * A sheet becomes a grid of cells as the publisher shows them: numbers as numbers (from the
 * displayed text, so "5.0" and "4,859" are what the table printed), formulas as their cached
 * values, dates stored as serial numbers as ISO dates, and text as text. publishedTable.ts
 * then finds the table inside the grid.
 */
import * as XLSX from '@e965/xlsx';

export type CellValue = string | number | null;

export interface MergedRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetGrid {
  name: string;
  cells: CellValue[][];
  merges: MergedRange[];
}

export interface SheetSummary {
  name: string;
  hidden: boolean;
  rows: number;
  columns: number;
  /** The first rows with any content, as text (for the sheet picker). */
  preview: string[][];
}

export class WorkbookError extends Error {
  constructor(
    readonly fileName: string,
    readonly problem: string,
  ) {
    super(`Could not read ${fileName}: ${problem}`);
    this.name = 'WorkbookError';
  }
}

const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls|ods)$/i;

export function isWorkbookFileName(name: string): boolean {
  return WORKBOOK_EXTENSIONS.test(name);
}

/** Zipped (xlsx, ods) or OLE compound (xls, and password-protected xlsx) file signatures. */
export function looksLikeWorkbook(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const cfb = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || cfb;
}

export function parseWorkbook(fileName: string, bytes: Uint8Array): XLSX.WorkBook {
  if (bytes.length === 0) throw new WorkbookError(fileName, 'the file is empty.');
  // Old .xls files can also be HTML or XML; anything else with a workbook name is not one.
  if (!looksLikeWorkbook(bytes) && !/\.xls$/i.test(fileName))
    throw new WorkbookError(
      fileName,
      'this is not a spreadsheet workbook (it is neither an Excel nor an OpenDocument file). If it is a CSV file, give it a .csv name.',
    );
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellNF: true,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message))
      throw new WorkbookError(
        fileName,
        'the workbook is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save it and add it again.',
      );
    throw new WorkbookError(
      fileName,
      `the workbook is damaged or in a format that cannot be read (${message}). Open it in Excel or LibreOffice and save it again as .xlsx.`,
    );
  }
  if (wb.SheetNames.length === 0) throw new WorkbookError(fileName, 'the workbook has no sheets.');
  return wb;
}

function isHidden(wb: XLSX.WorkBook, index: number): boolean {
  return Boolean(wb.Workbook?.Sheets?.[index]?.Hidden);
}

/** The grid of one sheet, cells as the publisher displays them. */
export function sheetGrid(wb: XLSX.WorkBook, name: string): SheetGrid {
  const ws = wb.Sheets[name];
  if (!ws) throw new Error(`There is no sheet called "${name}".`);
  const dense = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const cells: CellValue[][] = [];
  for (let r = 0; r < dense.length; r++) {
    const row = dense[r] ?? [];
    const out: CellValue[] = [];
    for (let c = 0; c < row.length; c++) out.push(cellValue(row[c]));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    cells.push(out);
  }
  while (cells.length > 0 && cells[cells.length - 1].length === 0) cells.pop();
  return { name, cells, merges: (ws['!merges'] ?? []) as MergedRange[] };
}

const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'n') {
    const v = cell.v as number;
    // A date stored as a serial number, shown with a date format.
    if (cell.z && XLSX.SSF.is_date(String(cell.z))) return XLSX.SSF.format('yyyy-mm-dd', v);
    const shown = (cell.w ?? '').trim();
    if (THOUSANDS.test(shown)) return Number(shown.replace(/,/g, ''));
    if (PLAIN_NUMBER.test(shown)) return Number(shown);
    return shown === '' ? v : shown; // e.g. "12%" stays as printed
  }
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return null; // #N/A, #DIV/0!: no value
  const text = String(cell.w ?? cell.v).trim();
  return text === '' ? null : text;
}

export function cellText(v: CellValue): string {
  return v === null ? '' : String(v);
}

const PREVIEW_ROWS = 5;
const PREVIEW_COLUMNS = 8;

export function summariseWorkbook(wb: XLSX.WorkBook): SheetSummary[] {
  return wb.SheetNames.map((name, i) => {
    const grid = sheetGrid(wb, name);
    const filled = grid.cells.filter((r) => r.some((c) => c !== null));
    return {
      name,
      hidden: isHidden(wb, i),
      rows: filled.length,
      columns: Math.max(0, ...grid.cells.map((r) => r.length)),
      preview: filled
        .slice(0, PREVIEW_ROWS)
        .map((r) => r.slice(0, PREVIEW_COLUMNS).map((c) => cellText(c).slice(0, 60))),
    };
  });
}
