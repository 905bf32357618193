/**
 * Finding the table inside a sheet as it was published: title and notes above it, a header of
 * one or more rows (merged cells spread across the columns they cover), the data, footnotes
 * below, section rows ("Persons", "Males") inside it, and "Total" rows and columns, which are
 * published totals: kept apart and checked against the cells, never added in as data.
 *
 * Pure functions over a 2-D array of cells (workbook.ts makes one from a sheet; a pasted CSV
 * gives one too), so the rules are unit-tested on the real workbooks' sheets.
 */
import type { CellValue, MergedRange } from './workbook';

export interface PublishedTable {
  /** The first line above the table (usually its title), or ''. */
  title: string;
  /** Other text above the header (notes, "Back to contents"). */
  notes: string[];
  /** One name per column, made from every header row ("2019–21 Deaths"), unique. */
  header: string[];
  headerRows: number;
  /** Data rows, with a "Section" column first when the table has section rows. */
  rows: CellValue[][];
  /** Text below the table (footnotes, source). */
  footnotes: string[];
  /** Indexes into `rows` of rows labelled as totals. */
  totalRows: number[];
  /** Indexes into `header` of columns headed as totals. */
  totalColumns: number[];
}

const TOTAL_LABEL =
  /^(grand\s+)?totals?(\s*\(.*\))?$|^all\s+(areas|substances|groups|clients|people)$/i;

export function isTotalLabel(v: CellValue): boolean {
  return typeof v === 'string' && TOTAL_LABEL.test(v.trim());
}

function filled(row: CellValue[] | undefined): number {
  return (row ?? []).filter((c) => c !== null && c !== '').length;
}

function isNumberLike(v: CellValue): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return /^-?[\d,]*\.?\d+%?$/.test(t) && /\d/.test(t);
}

/** Data-looking: most of the non-empty cells are numbers or suppression markers. */
function looksLikeData(row: CellValue[]): boolean {
  const cells = row.filter((c) => c !== null && c !== '');
  if (cells.length < 2) return false;
  const numeric = cells.filter(
    (c) =>
      isNumberLike(c) ||
      (typeof c === 'string' && /^(:|\.\.|\*|~|x|\[[cxz]\]|-|u)$/i.test(c.trim())),
  ).length;
  return numeric / cells.length >= 0.4;
}

/**
 * Splits a grid into its parts. The header is the run of multi-cell rows just above the first
 * data-looking row (at least one row); the title and notes are the rows above it; footnotes are
 * the single-cell rows after the last data row.
 */
export function analysePublishedTable(
  input: CellValue[][],
  merges: MergedRange[] = [],
): PublishedTable {
  const grid = input.map((r) => [...r]);
  const width = Math.max(0, ...grid.map((r) => r.length));

  // Header start: the first row with at least two cells (titles and notes have one).
  let start = grid.findIndex((r) => filled(r) >= 2);
  if (start < 0) start = grid.findIndex((r) => filled(r) >= 1);
  if (start < 0)
    return {
      title: '',
      notes: [],
      header: [],
      headerRows: 0,
      rows: [],
      footnotes: [],
      totalRows: [],
      totalColumns: [],
    };
  let dataStart = start + 1;
  while (dataStart < grid.length && !looksLikeData(grid[dataStart])) dataStart++;
  if (dataStart >= grid.length) dataStart = start + 1; // a table of text: one header row
  // A section label ("Persons") just above the first data row belongs to the data, not the header.
  const firstCol = grid[start].findIndex((c) => c !== null && c !== '');
  while (dataStart - 1 > start && isSectionRow(grid[dataStart - 1], firstCol)) dataStart--;
  // Blank rows between header and data are not header rows.
  const headerIndexes: number[] = [];
  for (let r = start; r < dataStart; r++) if (filled(grid[r]) > 0) headerIndexes.push(r);

  // Spread merged header cells over the columns (and rows) they cover.
  for (const m of merges) {
    if (m.s.r < start || m.s.r >= dataStart) continue;
    const v = grid[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= Math.min(m.e.r, dataStart - 1); r++)
      for (let c = m.s.c; c <= m.e.c; c++) {
        grid[r] ??= [];
        if (grid[r][c] == null || grid[r][c] === '') grid[r][c] = v;
      }
  }

  // Last data row: the last row with two or more cells; footnotes are below it.
  let end = grid.length - 1;
  while (end >= dataStart && filled(grid[end]) < 2) end--;

  const above = grid
    .slice(0, start)
    .map((r) =>
      r
        .filter((c) => c !== null && c !== '')
        .map(String)
        .join(' '),
    )
    .filter(Boolean);
  const footnotes = grid
    .slice(end + 1)
    .map((r) =>
      r
        .filter((c) => c !== null && c !== '')
        .map(String)
        .join(' '),
    )
    .filter(Boolean);

  // Columns with nothing in the header or the body are dropped (spacer columns).
  const body = grid.slice(dataStart, end + 1);
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    const used =
      headerIndexes.some((r) => grid[r]?.[c] != null && grid[r][c] !== '') ||
      body.some((r) => r[c] != null && r[c] !== '');
    if (used) keep.push(c);
  }
  const names = keep.map((c) => {
    const parts: string[] = [];
    for (const r of headerIndexes) {
      const t = cleanHeader(grid[r]?.[c]);
      if (t && !parts.includes(t)) parts.push(t);
    }
    return parts.join(' ');
  });
  // Section rows: one cell in the first column inside the body ("Persons", "Males").
  const sectionRows = body.filter((r) => filled(r) === 1 && r[keep[0]] != null).length;
  const hasSections = sectionRows > 0 && sectionRows < body.length;
  let section: CellValue = null;
  const rows: CellValue[][] = [];
  for (const r of body) {
    if (filled(r) === 0) continue;
    if (hasSections && filled(r) === 1 && r[keep[0]] != null) {
      section = r[keep[0]];
      continue;
    }
    const out = keep.map((c) => r[c] ?? null);
    rows.push(hasSections ? [section, ...out] : out);
  }
  const header = uniqueNames(hasSections ? ['Section', ...names] : names);
  const labelColumns = header
    .map((_, i) => i)
    .filter((i) => rows.some((r) => typeof r[i] === 'string' && !isNumberLike(r[i])));
  const totalRows = rows
    .map((r, i) => (labelColumns.some((c) => isTotalLabel(r[c])) ? i : -1))
    .filter((i) => i >= 0);
  const totalColumns = header.map((h, i) => (isTotalLabel(h) ? i : -1)).filter((i) => i >= 0);

  return {
    title: tableTitle(above),
    notes: above,
    header,
    headerRows: headerIndexes.length,
    rows,
    footnotes,
    totalRows,
    totalColumns,
  };
}

/** The title line: "Table 7" alone is joined with the line after it (its real title). */
function tableTitle(above: string[]): string {
  const lines = above.filter((t) => !/^back to contents$/i.test(t));
  if (lines.length > 1 && /^table\s+\S+$/i.test(lines[0])) return `${lines[0]}: ${lines[1]}`;
  return lines[0] ?? '';
}

function isSectionRow(row: CellValue[] | undefined, firstCol: number): boolean {
  if (!row || filled(row) !== 1) return false;
  const at = row.findIndex((c) => c !== null && c !== '');
  return at <= firstCol && typeof row[at] === 'string';
}

/** Header text without footnote markers ("Rate 1" stays "Rate 1": markers are not always safe to strip). */
function cleanHeader(v: CellValue | undefined): string {
  if (v == null) return '';
  return String(v).replace(/\s+/g, ' ').trim();
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = n === '' ? `column${i}` : n;
    const k = base.toLowerCase();
    const count = seen.get(k) ?? 0;
    seen.set(k, count + 1);
    return count === 0 ? base : `${base} (${count + 1})`;
  });
}

// ---- published totals, checked against the cells ---------------------------------------------

export interface TotalCheck {
  /** "row Total, column NEL" or "column Total, row Opiates". */
  where: string;
  published: number;
  cells: number;
}

function num(v: CellValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[\d,]*\.?\d+$/.test(v.trim()))
    return Number(v.replace(/,/g, ''));
  return null;
}

/**
 * Every printed total compared with the sum of the cells it totals: a Total row against the
 * rows above it (per column), a Total column against the other numeric columns of its row.
 * Only disagreements are returned. Nothing is changed.
 */
export function checkPublishedTotals(
  t: Pick<PublishedTable, 'header' | 'rows' | 'totalRows' | 'totalColumns'>,
): {
  checked: number;
  disagreements: TotalCheck[];
} {
  const totalRowSet = new Set(t.totalRows);
  const totalColSet = new Set(t.totalColumns);
  const dataRows = t.rows.filter((_, i) => !totalRowSet.has(i));
  const numericCols = t.header
    .map((_, c) => c)
    .filter(
      (c) =>
        !totalColSet.has(c) &&
        dataRows.some((r) => num(r[c]) !== null) &&
        dataRows.every((r) => r[c] == null || num(r[c]) !== null || typeof r[c] === 'string'),
    );
  const valueCols = numericCols.filter(
    (c) => dataRows.filter((r) => num(r[c]) !== null).length >= dataRows.length / 2,
  );
  const label = (r: CellValue[]) =>
    String(r.find((c) => typeof c === 'string' && num(c) === null) ?? '');
  const out: TotalCheck[] = [];
  let checked = 0;
  for (const i of t.totalRows) {
    for (const c of [...valueCols, ...t.totalColumns]) {
      const published = num(t.rows[i][c]);
      if (published === null) continue;
      const cells = dataRows.reduce((s, r) => s + (num(r[c]) ?? 0), 0);
      checked++;
      if (Math.abs(cells - published) > 1e-9)
        out.push({ where: `row ${label(t.rows[i])}, column ${t.header[c]}`, published, cells });
    }
  }
  for (const c of t.totalColumns) {
    for (const [i, r] of t.rows.entries()) {
      if (totalRowSet.has(i)) continue;
      const published = num(r[c]);
      if (published === null) continue;
      const cells = valueCols.reduce((s, k) => s + (num(r[k]) ?? 0), 0);
      checked++;
      if (Math.abs(cells - published) > 1e-9)
        out.push({ where: `column ${t.header[c]}, row ${label(r)}`, published, cells });
    }
  }
  return { checked, disagreements: out };
}

export function describeTotals(
  t: Pick<PublishedTable, 'header' | 'rows' | 'totalRows' | 'totalColumns'>,
): string {
  if (t.totalRows.length === 0 && t.totalColumns.length === 0) return '';
  const { checked, disagreements } = checkPublishedTotals(t);
  const what = [
    t.totalRows.length > 0
      ? `${t.totalRows.length} total row${t.totalRows.length > 1 ? 's' : ''}`
      : '',
    t.totalColumns.length > 0
      ? `total column${t.totalColumns.length > 1 ? 's' : ''} ${t.totalColumns.map((c) => `"${t.header[c]}"`).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const head = `The table has ${what}: published totals, kept as printed and not added in as data.`;
  if (checked === 0) return head;
  if (disagreements.length === 0) return `${head} All ${checked} agree with the cells.`;
  const list = disagreements
    .slice(0, 6)
    .map((d) => `${d.where}: printed ${d.published}, cells add up to ${d.cells}`)
    .join('; ');
  return `${head} ${disagreements.length} of ${checked} do not agree with the cells (${list}${disagreements.length > 6 ? '; …' : ''}). The cells are kept as published.`;
}

// ---- to CSV text for the CSV loader ----------------------------------------------------------------

function csvField(v: CellValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers are written without thousands separators so the loader reads them as numbers. */
export function toCsvText(header: string[], rows: CellValue[][]): string {
  const norm = (v: CellValue): CellValue =>
    typeof v === 'string' && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v.trim())
      ? v.replace(/,/g, '').trim()
      : v;
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(header.map((_, i) => csvField(norm(r[i] ?? null))).join(','));
  return lines.join('\n') + '\n';
}
