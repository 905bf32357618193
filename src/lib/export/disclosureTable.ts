/**
 * The shape of a table of counts as disclosure control sees it, and the additive equations
 * ("these cells add up to that total") an attacker could use to work a suppressed cell back out.
 * Shared by `applyDisclosure` (which must close every equation) and `findDisclosureLeaks`
 * (which proves it did), so both always reason about exactly the same equations.
 */

/**
 * What a suppressed cell holds in the rows `applyDisclosure` returns. A string rather than
 * null so a CSV (and any table rendering) shows `*`, as NDTMS and PHE publications do, and so a
 * suppressed cell can never be confused with a genuinely missing value.
 */
export const SUPPRESSED = '*';

/** How a column takes part in disclosure control. */
export type DisclosureColumnKind = 'count' | 'derived' | 'total' | 'text' | 'other';

export interface DisclosureColumn {
  key: string;
  kind: DisclosureColumnKind;
  /**
   * For 'derived' columns (rates, percentages): the count or total columns of the same row the
   * value was computed from. When absent, the value is treated as derived from every count and
   * total column of its row (over-suppression is the safe failure).
   */
  derivedFrom?: string[];
}

export interface DisclosureTable {
  columns: DisclosureColumn[];
  rows: Record<string, unknown>[];
  /** Key of the column holding each row's total of its count columns. */
  rowTotalKey?: string;
  /** Index of the row holding each column's total (the "Total" row of a cross-tab). */
  totalRowIndex?: number;
}

/** One cell, addressed by row index and column key. */
export interface CellRef {
  row: number;
  key: string;
}

/** `parts` add up to `total`: one row or column equation of the table. */
export interface TableEquation {
  parts: CellRef[];
  total: CellRef;
  /** Plain description for leak reports, e.g. "row 2 (Opiates)". */
  label: string;
}

export function cellId(ref: CellRef): string {
  return `${ref.row}\u0000${ref.key}`;
}

export function isSuppressedValue(value: unknown): boolean {
  return value === SUPPRESSED;
}

/**
 * Reads a cell as a number: numbers, bigints (DuckDB returns COUNT(*) as BIGINT) and numeric
 * strings (a CSV read back) count; anything else (null, '', '*', text) is NaN.
 */
export function numericValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const trimmed = value.trim().replaceAll(',', '');
    if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return NaN;
    return Number(trimmed);
  }
  return NaN;
}

/** Keys of the columns whose cells are counts that add up (kind 'count'), in table order. */
export function countKeys(table: DisclosureTable): string[] {
  return table.columns
    .filter((c) => c.kind === 'count' && c.key !== table.rowTotalKey)
    .map((c) => c.key);
}

/** Keys of the columns whose cells are counts in their own right: counts and totals. */
export function countLikeKeys(table: DisclosureTable): string[] {
  const keys = table.columns
    .filter((c) => c.kind === 'count' || c.kind === 'total')
    .map((c) => c.key);
  if (table.rowTotalKey && !keys.includes(table.rowTotalKey)) keys.push(table.rowTotalKey);
  return keys;
}

function rowName(table: DisclosureTable, row: number): string {
  const textCol = table.columns.find((c) => c.kind === 'text');
  const name = textCol ? table.rows[row]?.[textCol.key] : undefined;
  return name === undefined || name === null || name === ''
    ? `row ${row + 1}`
    : `row ${row + 1} (${String(name)})`;
}

/**
 * Every additive equation the table states: each row's counts add up to its row total, each
 * count column adds up to the total row, and (when both exist) the row totals and the column
 * totals each add up to the grand total.
 */
export function tableEquations(table: DisclosureTable): TableEquation[] {
  const keys = countKeys(table);
  const { rowTotalKey, totalRowIndex } = table;
  const hasTotalRow =
    totalRowIndex !== undefined && totalRowIndex >= 0 && totalRowIndex < table.rows.length;
  const bodyRows = table.rows.map((_, i) => i).filter((i) => !hasTotalRow || i !== totalRowIndex);
  const equations: TableEquation[] = [];
  if (rowTotalKey) {
    for (const row of bodyRows) {
      equations.push({
        parts: keys.map((key) => ({ row, key })),
        total: { row, key: rowTotalKey },
        label: rowName(table, row),
      });
    }
  }
  if (hasTotalRow) {
    const totalRow = totalRowIndex;
    for (const key of keys) {
      equations.push({
        parts: bodyRows.map((row) => ({ row, key })),
        total: { row: totalRow, key },
        label: `column ${key}`,
      });
    }
    if (rowTotalKey) {
      equations.push({
        parts: keys.map((key) => ({ row: totalRow, key })),
        total: { row: totalRow, key: rowTotalKey },
        label: `${rowName(table, totalRow)} (column totals)`,
      });
      equations.push({
        parts: bodyRows.map((row) => ({ row, key: rowTotalKey })),
        total: { row: totalRow, key: rowTotalKey },
        label: `column ${rowTotalKey} (row totals)`,
      });
    }
  }
  return equations;
}
