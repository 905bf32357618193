/**
 * Declares a view table's England and region rows as summed from every upper-tier authority in
 * the data (`ViewTable.sourceSums`), for disclosure control. England (or a region) is the sum
 * of its authorities whether or not they are shown, so a reader holding exports with other
 * comparators can subtract the authorities they have seen; disclosure control then decides those
 * rows from the authorities alone, the same in every export (src/lib/export/README.md).
 */
import { ENGLAND, type AreaGroup } from '../domain/areas';
import type { ViewTable } from './types';

type SourceRow = Record<string, unknown>;

/**
 * `sourceRow(code, row)` gives an authority's figures under the table's column keys for the
 * same labels (period, substance) as the England or region `row`, or null when it has none.
 */
export function areaSourceSums(
  rows: readonly SourceRow[],
  upperTier: readonly { code: string; regionCode: string | null }[],
  sourceRow: (code: string, row: SourceRow) => SourceRow | null,
): NonNullable<ViewTable['sourceSums']> {
  const out: NonNullable<ViewTable['sourceSums']> = [];
  rows.forEach((row, i) => {
    const code = String(row.area_code ?? '');
    const members =
      code === ENGLAND
        ? upperTier
        : code.startsWith('E12')
          ? upperTier.filter((a) => a.regionCode === code)
          : null;
    if (!members) return;
    const sourceRows = members.flatMap((a) => {
      const r = sourceRow(a.code, row);
      return r ? [{ ...r, area_code: a.code }] : [];
    });
    if (sourceRows.length >= 2) out.push({ row: i, sourceRows });
  });
  return out;
}

/** The table with its England and region rows declared (unchanged when there are none). */
export function withAreaSourceSums<T extends ViewTable>(
  table: T,
  upperTier: readonly { code: string; regionCode: string | null }[],
  sourceRow: (code: string, row: SourceRow) => SourceRow | null,
): T {
  const sums = areaSourceSums(table.rows, upperTier, sourceRow);
  return sums.length > 0 ? { ...table, sourceSums: [...(table.sourceSums ?? []), ...sums] } : table;
}

/**
 * A view table's group rows (partnership footprints) declared as summed from their members, for
 * disclosure control: a group is its members' sum, and the view's note says so, so a reader who
 * holds this export and another showing all members but one could subtract. Declared, the group's
 * cells are decided from the members' alone (shown only when every member's would be), the same
 * way in every export. `sourceRow(code, row)` gives a member's figures under the table's column
 * keys for the same labels (period, substance) as the group's `row`, or null when it has none (a
 * group with a member missing is not calculated, so has nothing to protect).
 */
export function withGroupSourceSums<T extends ViewTable>(
  table: T,
  groups: readonly AreaGroup[],
  sourceRow: (code: string, row: SourceRow) => SourceRow | null,
): T {
  const sums: NonNullable<ViewTable['sourceSums']> = [];
  table.rows.forEach((row, i) => {
    const group = groups.find((g) => g.code === row.area_code);
    if (!group) return;
    const sourceRows = group.members.map((m) => {
      const r = sourceRow(m, row);
      return r ? { ...r, area_code: m } : null;
    });
    if (sourceRows.every((r) => r !== null)) sums.push({ row: i, sourceRows });
  });
  return sums.length > 0 ? { ...table, sourceSums: [...(table.sourceSums ?? []), ...sums] } : table;
}
