/**
 * Disclosure control for the app's own tables (view tables and SQL results): says which columns
 * are counts, totals and rates, then applies the rule. Used for every export, and on screen when
 * the analyst asks for it.
 */
import {
  DEFAULT_DISCLOSURE_RULE,
  type DisclosureRule,
  type DisclosureResult,
} from './disclosure.ts';
import { discloseConsistently } from './consistentDisclosure.ts';
import type { DisclosureColumn, DisclosureColumnKind, DisclosureTable } from './disclosureTable.ts';

export interface DisplayTableColumn {
  key: string;
  label: string;
  format?: 'count' | 'rate' | 'percent' | 'text';
  numeric?: boolean;
  /** Overrides the kind read from `format` (a view knows its totals and what a rate came from). */
  disclosure?: DisclosureColumnKind;
  derivedFrom?: string[];
}

export interface DisplayTable {
  caption: string;
  columns: DisplayTableColumn[];
  rows: Record<string, unknown>[];
  rowTotalKey?: string;
  /** The count columns that add up to `rowTotalKey` (see DisclosureTable.rowTotalParts). */
  rowTotalParts?: string[];
  /** The row holding the column totals of `partRows` (all other rows when partRows is absent). */
  totalRowIndex?: number;
  /** Rows that add up to the total row; other rows (England, a region) are protected one by one. */
  partRows?: number[];
  /** Row → row it repeats (a published total): its cells are hidden wherever the other's are. */
  mirrorRows?: Record<number, number>;
  /** Rows summed from other rows of the table (England or a region from the areas shown). */
  summedRows?: { row: number; from: number[] }[];
  /** Rows summed from source rows not all shown, with those rows (see DisclosureTable). */
  sourceSums?: { row: number; sourceRows: Record<string, unknown>[] }[];
}

/**
 * Text columns that name what a row is about. Any other text column of a view table (a
 * comparison, a flag, a check, "meets 75% ambition") says something about the row's numbers,
 * so unless the view declares otherwise it is hidden with them.
 */
const LABEL_KEY =
  /^(area|area_name|area_code|name|code|role|period|year|substance|substance_group|group|category|label|sex|age|age_band|indicator|indicator_id|indicator_name|unit|region|region_name|region_code|measure|outcome|line|polarity|source|method)$/i;

/** Counts are suppressed when small; rates and percentages follow the counts they came from. */
export function disclosureKind(column: DisplayTableColumn, index = 1): DisclosureColumnKind {
  if (column.disclosure) return column.disclosure;
  switch (column.format) {
    case 'count':
      return column.key === 'total' || /^total\b/i.test(column.label) ? 'total' : 'count';
    case 'rate':
    case 'percent':
      return 'derived';
    default:
      if (column.numeric) return 'other';
      if (column.derivedFrom) return 'derived';
      return index === 0 || LABEL_KEY.test(column.key) ? 'text' : 'derived';
  }
}

/** The table as disclosure control sees it: column kinds and the sums it states. */
export function disclosureTableOf(table: DisplayTable): DisclosureTable {
  const columns: DisclosureColumn[] = table.columns.map((c, i) => ({
    key: c.key,
    kind: disclosureKind(c, i),
    ...(c.derivedFrom ? { derivedFrom: c.derivedFrom } : {}),
  }));
  const rowTotalKey = table.rowTotalKey ?? columns.find((c) => c.kind === 'total')?.key;
  return {
    columns,
    rows: table.rows,
    ...(rowTotalKey ? { rowTotalKey } : {}),
    ...(table.rowTotalParts ? { rowTotalParts: table.rowTotalParts } : {}),
    ...(table.totalRowIndex !== undefined ? { totalRowIndex: table.totalRowIndex } : {}),
    ...(table.partRows ? { partRows: table.partRows } : {}),
    ...(table.mirrorRows ? { mirrorRows: table.mirrorRows } : {}),
    ...(table.summedRows ? { summedRows: table.summedRows } : {}),
    ...(table.sourceSums ? { sourceSums: table.sourceSums } : {}),
  };
}

/**
 * Disclosure control for a view table: the consistent strategy (see consistentDisclosure.ts),
 * so exports of the same rows under other parameters hide the same cells.
 */
export function discloseDisplayTable(
  table: DisplayTable,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosureResult {
  return discloseConsistently(disclosureTableOf(table), rule);
}

/**
 * A SQL result has no declared meaning, so every whole-number column is treated as a count
 * (the safe failure is suppressing too much) and other columns are left as they are.
 */
export function sqlResultColumns(
  rows: Record<string, unknown>[],
  names: string[],
): DisplayTableColumn[] {
  return names.map((key) => {
    const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
    const counts =
      values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v));
    return {
      key,
      label: key,
      format: counts ? 'count' : 'text',
      numeric: counts,
      disclosure: counts ? 'count' : 'other',
    };
  });
}
