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
  /**
   * The count columns that add up to `rowTotalKey`. When absent: the count columns placed
   * before the total column (a table's other counts, such as "all in treatment", come after it),
   * or every count column when the total column is not among `columns`.
   */
  rowTotalParts?: string[];
  /** Index of the row holding each column's total (the "Total" row of a cross-tab). */
  totalRowIndex?: number;
  /** The rows that add up to the total row (every other plain row when absent). */
  partRows?: number[];
  /** Rows that are sums of other rows (England or a region summed from the areas shown). */
  summedRows?: { row: number; from: number[] }[];
  /** Row → the row it repeats (a published total): the same figures, so hidden together. */
  mirrorRows?: Record<number, number>;
  /**
   * Rows summed from source rows that are not all shown (England or a region summed from every
   * authority in the data), with those source rows (same column keys). Disclosure control then
   * decides these rows from the source alone, so every export shows them the same way.
   */
  sourceSums?: { row: number; sourceRows: Record<string, unknown>[] }[];
  /** Columns that are sums of other columns in every row (besides `rowTotalKey`). */
  summedColumns?: { key: string; from: string[] }[];
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
  const sums = new Set((table.summedColumns ?? []).map((c) => c.key));
  return table.columns
    .filter((c) => c.kind === 'count' && c.key !== table.rowTotalKey && !sums.has(c.key))
    .map((c) => c.key);
}

/** Keys of the columns whose cells are counts in their own right: counts and totals. */
export function countLikeKeys(table: DisclosureTable): string[] {
  const keys = table.columns
    .filter((c) => c.kind === 'count' || c.kind === 'total')
    .map((c) => c.key);
  if (table.rowTotalKey && !keys.includes(table.rowTotalKey)) keys.push(table.rowTotalKey);
  for (const s of table.summedColumns ?? []) if (!keys.includes(s.key)) keys.push(s.key);
  return keys;
}

/** The count columns that add up to the row total (see `rowTotalParts`). */
export function rowTotalPartKeys(table: DisclosureTable): string[] {
  if (table.rowTotalParts) return table.rowTotalParts;
  const keys = countKeys(table);
  const at = table.columns.findIndex((c) => c.key === table.rowTotalKey);
  if (at < 0) return keys;
  const before = table.columns.slice(0, at).map((c) => c.key);
  const parts = keys.filter((k) => before.includes(k));
  return parts.length > 0 ? parts : keys;
}

export function rowName(table: DisclosureTable, row: number): string {
  const textCol = table.columns.find((c) => c.kind === 'text');
  const name = textCol ? table.rows[row]?.[textCol.key] : undefined;
  return name === undefined || name === null || name === ''
    ? `row ${row + 1}`
    : `row ${row + 1} (${String(name)})`;
}

/** Rows that hold sums or copies of other rows (total, summed and mirror rows). */
export function aggregateRows(table: DisclosureTable): Set<number> {
  const out = new Set<number>();
  const n = table.rows.length;
  if (table.totalRowIndex !== undefined && table.totalRowIndex >= 0 && table.totalRowIndex < n)
    out.add(table.totalRowIndex);
  for (const s of table.summedRows ?? []) out.add(s.row);
  for (const m of Object.keys(table.mirrorRows ?? {})) out.add(Number(m));
  for (const s of table.sourceSums ?? []) out.add(s.row);
  return out;
}

/** The equations stated within one row: its row total and any summed columns. */
export function rowEquations(table: DisclosureTable, row: number): TableEquation[] {
  const equations: TableEquation[] = [];
  if (table.rowTotalKey) {
    equations.push({
      parts: rowTotalPartKeys(table).map((key) => ({ row, key })),
      total: { row, key: table.rowTotalKey },
      label: rowName(table, row),
    });
  }
  for (const s of table.summedColumns ?? []) {
    equations.push({
      parts: s.from.map((key) => ({ row, key })),
      total: { row, key: s.key },
      label: `${rowName(table, row)}: column ${s.key}`,
    });
  }
  return equations;
}

/** Each row that sums or repeats other rows, with the rows it is made of. */
export function rowSums(table: DisclosureTable): { row: number; from: number[]; label: string }[] {
  const n = table.rows.length;
  const aggregates = aggregateRows(table);
  const sums: { row: number; from: number[]; label: string }[] = [];
  const t = table.totalRowIndex;
  if (t !== undefined && t >= 0 && t < n) {
    const from =
      table.partRows?.filter((r) => r !== t && r >= 0 && r < n) ??
      table.rows.map((_, i) => i).filter((i) => !aggregates.has(i));
    sums.push({ row: t, from, label: 'column' });
  }
  for (const s of table.summedRows ?? [])
    sums.push({ row: s.row, from: s.from.filter((r) => r >= 0 && r < n), label: 'summed row' });
  for (const [m, source] of Object.entries(table.mirrorRows ?? {}))
    if (source >= 0 && source < n) sums.push({ row: Number(m), from: [source], label: 'copy of' });
  return sums;
}

/**
 * Every additive equation the table states: each row's counts add up to its row total (and any
 * summed columns to theirs), each count column of the part rows adds up to the total row, and
 * summed and mirror rows equal the rows they are made of.
 */
export function tableEquations(table: DisclosureTable): TableEquation[] {
  const equations: TableEquation[] = [];
  table.rows.forEach((_, row) => equations.push(...rowEquations(table, row)));
  const keys = countLikeKeys(table);
  for (const sum of rowSums(table)) {
    for (const key of keys) {
      equations.push({
        parts: sum.from.map((row) => ({ row, key })),
        total: { row: sum.row, key },
        label:
          sum.label === 'column'
            ? `column ${key}`
            : `${rowName(table, sum.row)} (${sum.label} ${sum.from.map((r) => r + 1).join(', ')}), column ${key}`,
      });
    }
  }
  return equations;
}
