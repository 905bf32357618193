/**
 * One sheet of a workbook as CSV text for the CSV loader (loadCsv), so a sheet loads exactly like a
 * CSV file: the same types, suppression markers, messages and progress. A sheet of a known
 * publication is reshaped into the long table its known format reads (publications.ts); any other
 * sheet becomes the table found inside it (publishedTable.ts), with notes on what was left out.
 */
import { analysePublishedTable, describeTotals, toCsvText } from './publishedTable';
import { recognisePublicationSheet } from './publications';
import { sheetGrid, type SheetGrid } from './workbook';
import type { WorkBook } from '@e965/xlsx';

export interface SheetTable {
  sheet: string;
  csv: string;
  /** The known publication's format id, when the sheet is one. */
  formatId: string | null;
  title: string;
  /** Plain-words notes for the data panel: what was read, what was left out. */
  notes: string[];
  rows: number;
}

export function sheetTableFromGrid(grid: SheetGrid): SheetTable {
  const known = recognisePublicationSheet(grid);
  if (known)
    return {
      sheet: grid.name,
      csv: toCsvText(known.header, known.rows),
      formatId: known.formatId,
      title: known.title,
      notes: [
        `Sheet "${grid.name}" is "${known.title}": read as a known publication (one row per area and period).`,
      ],
      rows: known.rows.length,
    };
  const t = analysePublishedTable(grid.cells, grid.merges);
  const notes: string[] = [];
  if (t.notes.length > 0 || t.headerRows > 1)
    notes.push(
      `Sheet "${grid.name}": ${t.notes.length} line${t.notes.length === 1 ? '' : 's'} above the table (title and notes) left out${t.headerRows > 1 ? `; its ${t.headerRows} header rows were joined into one name per column` : ''}.`,
    );
  if (t.footnotes.length > 0)
    notes.push(
      `Sheet "${grid.name}": ${t.footnotes.length} footnote line${t.footnotes.length === 1 ? '' : 's'} below the table left out.`,
    );
  const totals = describeTotals(t);
  if (totals) notes.push(totals);
  return {
    sheet: grid.name,
    csv: toCsvText(t.header, t.rows),
    formatId: null,
    title: t.title,
    notes,
    rows: t.rows.length,
  };
}

export function sheetTable(wb: WorkBook, name: string): SheetTable {
  return sheetTableFromGrid(sheetGrid(wb, name));
}

/** The sheets worth loading without asking: those of a known publication. */
export function recognisedSheets(wb: WorkBook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of wb.SheetNames) {
    const known = recognisePublicationSheet(sheetGrid(wb, name));
    if (known) out[name] = known.title;
  }
  return out;
}

/**
 * Sheets of one publication read into the same known format (Tables 3–8: persons, males and
 * females, poisoning and misuse) are one load, as the publisher's own long file would be: one
 * table, one source. Other sheets stay as they are.
 */
export function combineSheetTables(tables: SheetTable[]): SheetTable[] {
  const out: SheetTable[] = [];
  const byFormat = new Map<string, SheetTable>();
  for (const t of tables) {
    const same = t.formatId ? byFormat.get(t.formatId) : undefined;
    if (!same) {
      const copy = { ...t, notes: [...t.notes] };
      if (t.formatId) byFormat.set(t.formatId, copy);
      out.push(copy);
      continue;
    }
    const body = t.csv.slice(t.csv.indexOf('\n') + 1);
    same.csv += body;
    same.sheet = `${same.sheet}, ${t.sheet}`;
    same.rows += t.rows;
    same.notes.push(...t.notes);
  }
  return out;
}
