/**
 * Disclosure control for the app's own tables (view tables and SQL results): says which columns
 * are counts, totals and rates, then applies the rule. Used for every export, and on screen when
 * the analyst asks for it.
 */
import {
  applyDisclosure,
  DEFAULT_DISCLOSURE_RULE,
  type DisclosureRule,
  type DisclosureResult,
} from './disclosure.ts';
import { SUPPRESSED, type DisclosureColumn, type DisclosureColumnKind } from './disclosureTable.ts';

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
  /** The row holding the column totals of `partRows` (all other rows when partRows is absent). */
  totalRowIndex?: number;
  /** Rows that add up to the total row; other rows (England, a region) are protected one by one. */
  partRows?: number[];
  /** Row → row it repeats (a published total): its cells are hidden wherever the other's are. */
  mirrorRows?: Record<number, number>;
}

/** Counts are suppressed when small; rates and percentages follow the counts they came from. */
export function disclosureKind(column: DisplayTableColumn): DisclosureColumnKind {
  if (column.disclosure) return column.disclosure;
  switch (column.format) {
    case 'count':
      return column.key === 'total' || /^total\b/i.test(column.label) ? 'total' : 'count';
    case 'rate':
    case 'percent':
      return 'derived';
    case 'text':
      return 'text';
    default:
      return column.numeric ? 'other' : 'text';
  }
}

export function discloseDisplayTable(
  table: DisplayTable,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosureResult {
  const columns: DisclosureColumn[] = table.columns.map((c) => ({
    key: c.key,
    kind: disclosureKind(c),
    ...(c.derivedFrom ? { derivedFrom: c.derivedFrom } : {}),
  }));
  const rowTotalKey = table.rowTotalKey ?? columns.find((c) => c.kind === 'total')?.key;
  const base = { columns, ...(rowTotalKey ? { rowTotalKey } : {}) };
  const { partRows, totalRowIndex } = table;
  if (!partRows || totalRowIndex === undefined)
    return applyDisclosure(
      { ...base, rows: table.rows, ...(totalRowIndex !== undefined ? { totalRowIndex } : {}) },
      rule,
    );

  // The cross-tab proper (parts + their total row) is protected as one; every other row alone.
  const rows = [...table.rows];
  const suppressed: DisclosureResult['suppressed'] = [];
  const report = { primary: 0, secondary: 0, derived: 0, leaks: 0 };
  const merge = (indices: number[], result: DisclosureResult) => {
    indices.forEach((rowIndex, i) => (rows[rowIndex] = result.rows[i]));
    for (const s of result.suppressed) suppressed.push({ ...s, row: indices[s.row] });
    report.primary += result.report.primary;
    report.secondary += result.report.secondary;
    report.derived += result.report.derived;
    report.leaks += result.report.leaks;
  };
  const crossTab = [...partRows, totalRowIndex];
  merge(
    crossTab,
    applyDisclosure(
      { ...base, rows: crossTab.map((i) => table.rows[i]), totalRowIndex: partRows.length },
      rule,
    ),
  );
  const mirrors = table.mirrorRows ?? {};
  table.rows.forEach((row, i) => {
    if (crossTab.includes(i) || i in mirrors) return;
    merge([i], applyDisclosure({ ...base, rows: [row] }, rule));
  });
  for (const [mirror, source] of Object.entries(mirrors)) {
    const m = Number(mirror);
    const copy = { ...table.rows[m] };
    for (const c of columns)
      if (
        rows[source]?.[c.key] === SUPPRESSED &&
        copy[c.key] !== undefined &&
        copy[c.key] !== null
      ) {
        copy[c.key] = SUPPRESSED;
        suppressed.push({ row: m, key: c.key, reason: 'secondary' });
        report.secondary += 1;
      }
    merge([m], applyDisclosure({ ...base, rows: [copy] }, rule));
  }
  return { rows, suppressed, report };
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
