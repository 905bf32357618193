/**
 * The short table a report section shows in place of the view's main table: the focal area,
 * England and the region (by the view's "role" column), then the first other rows, at most about
 * ten rows, all in the table's own order. The rows are the disclosed rows (a subset of them reveals nothing the full table does
 * not); the full table goes to Appendix A.
 */
import type { ReportTable } from '../reportTable.ts';

/** Rows in a section's table before the rest is left to the appendix. */
export const SHORT_TABLE_ROWS = 10;
/** Key rows (focal area, England, region) are all kept up to this many (e.g. 4 substances × 3). */
export const MAX_KEY_ROWS = 12;

/** Role labels of the rows every summary keeps (views write them in a "role" column). */
const KEY_ROLES = new Set(['focal area', 'england', 'region']);

export interface ShortTable {
  table: ReportTable;
  /** True when rows were left out (then the section links to the full table). */
  trimmed: boolean;
  /** Names of the key rows kept (focal area, England, region), each once, for the caption. */
  keyNames: string[];
}

function roleKey(table: ReportTable): string | undefined {
  return table.columns.find((c) => c.key === 'role' || c.label.toLowerCase() === 'role')?.key;
}

/** The rows to show, in the table's order; `caption` replaces the full table's caption. */
export function shortTable(
  table: ReportTable,
  caption: string,
  limit = SHORT_TABLE_ROWS,
): ShortTable {
  if (table.rows.length <= limit)
    return { table: { ...table, caption }, trimmed: false, keyNames: [] };
  const role = roleKey(table);
  const isKey = (row: Record<string, unknown>): boolean =>
    role !== undefined && KEY_ROLES.has(String(row[role] ?? '').toLowerCase());
  const keep = new Set<number>();
  table.rows.forEach((row, i) => {
    if (isKey(row) && keep.size < MAX_KEY_ROWS) keep.add(i);
  });
  for (let i = 0; i < table.rows.length && keep.size < limit; i++) keep.add(i);
  const rows = table.rows.filter((_, i) => keep.has(i));
  const nameKey = table.columns[0]?.numeric ? undefined : table.columns[0]?.key;
  const keyNames = [
    ...new Set(
      table.rows
        .filter((row, i) => keep.has(i) && isKey(row))
        .map((row) => String(row[nameKey ?? ''] ?? '').trim())
        .filter((n) => n !== ''),
    ),
  ];
  return { table: { ...table, caption, rows }, trimmed: true, keyNames };
}

/** "Peterborough, England and East of England": names joined for a caption. */
export function nameList(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The short table's caption: what it keeps, and how much of the full table that is. */
export function shortCaption(out: ShortTable, fullRows: number): string {
  const count = `${out.table.rows.length} of ${fullRows.toLocaleString('en-GB')} rows`;
  return out.keyNames.length
    ? `Summary: ${nameList(out.keyNames)}, then the first other rows (${count})`
    : `Summary: the first ${count}`;
}
