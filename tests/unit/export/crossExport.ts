/**
 * The differencing attack for the tests: a reader who holds many exports of the same data
 * (another comparator group, another focal area) knows every cell shown in any of them, and
 * every equation any of them states (row totals, the "Total (areas shown)" row, summed rows).
 * An area's cell is the same unknown in every export (keyed by area code and column); rows that
 * are not areas (totals) are their own cells per export. The combined system is then audited
 * with the same attacks as one table (single equations, Gaussian elimination, all-ones bounds).
 */
import { auditEquations, type CellView } from '../../../src/lib/export/disclosureLeaks';
import {
  SUPPRESSED,
  tableEquations,
  type CellRef,
  type DisclosureResult,
  type TableEquation,
} from '../../../src/lib/export/disclosure';
import { countLikeKeys, numericValue } from '../../../src/lib/export/disclosureTable';
import { disclosureTableOf, type DisplayTable } from '../../../src/lib/export/displayTable';
import { labelKeys, rowLabel, rowLabelOf } from './attacker';

export interface ExportedTable {
  exportId: number;
  table: DisplayTable;
  /** The rows as exported (unrounded). */
  rows: Record<string, unknown>[];
  result: DisclosureResult;
}

/**
 * `extra` adds equations a reader finds in one export's table (in its own row numbers), e.g.
 * the sums the attacker of attacker.ts finds in the data without any declaration.
 */
export function crossExportLeaks(
  tables: ExportedTable[],
  extra: (e: ExportedTable) => TableEquation[] = () => [],
  /** Groups of areas: a reader knows (the view's note says so) that a group's row is its members' sum. */
  groups: readonly { code: string; members: readonly string[] }[] = [],
): { cell: string; value: number; via: string }[] {
  const index = new Map<string, number>();
  const names: string[] = [];
  const id = (name: string): CellRef => {
    let n = index.get(name);
    if (n === undefined) {
      n = names.length;
      index.set(name, n);
      names.push(name);
    }
    return { row: n, key: 'v' };
  };
  const known = new Map<number, number>();
  const hidden = new Set<number>();
  const equations: TableEquation[] = [];
  const seenEquations = new Set<string>();
  for (const e of tables) {
    const structure = disclosureTableOf(e.table);
    const full = {
      ...structure,
      summedRows: [...(structure.summedRows ?? []), ...(e.result.detectedSums ?? [])],
    };
    const rowId = (r: number): string => {
      const code = e.table.rows[r]?.area_code;
      const aggregate =
        r === full.totalRowIndex ||
        full.summedRows.some((s) => s.row === r) ||
        String(r) in (full.mirrorRows ?? {});
      // An area's row is the same cell in every export; so is a row the table names the same
      // way every time (a period of the focal area's series, a measure): labels and caption.
      const labels = rowLabel(e.table, r);
      if (typeof code === 'string' && code !== '' && !aggregate) return `area ${code} ${labels}`;
      if (!('area_code' in (e.table.rows[r] ?? {})) && labels !== '')
        return `${e.table.caption} ${labels}`;
      return `export ${e.exportId} row ${r}`;
    };
    const ref = (c: CellRef): CellRef => id(`${rowId(c.row)} | ${c.key}`);
    e.rows.forEach((row, r) => {
      for (const [key, v] of Object.entries(row)) {
        const cell = ref({ row: r, key }).row;
        if (v === SUPPRESSED) hidden.add(cell);
        else if (Number.isFinite(numericValue(v))) known.set(cell, numericValue(v));
      }
    });
    // England or a region summed from every authority in the data: a reader knows that too.
    const sourceEquations: TableEquation[] = (full.sourceSums ?? []).flatMap((s) =>
      countLikeKeys(full).map((key) => ({
        parts: s.sourceRows.map((r) =>
          // A source row shares the labels (period, substance) of the row it is summed into.
          id(
            `area ${String(r.area_code)} ${rowLabelOf({ ...e.table.rows[s.row], ...r }, labelKeys(e.table))} | ${key}`,
          ),
        ),
        total: { row: s.row, key },
        label: `row ${s.row + 1} summed from the source, column ${key}`,
      })),
    );
    const groupEquations: TableEquation[] = e.table.rows.flatMap((row, r) => {
      const group = groups.find((g) => g.code === row.area_code);
      if (!group) return [];
      return countLikeKeys(full).map((key) => ({
        parts: group.members.map((m) =>
          id(`area ${m} ${rowLabelOf(row, labelKeys(e.table))} | ${key}`),
        ),
        total: { row: r, key },
        label: `group ${group.code} summed from its members, column ${key}`,
      }));
    });
    for (const eq of [
      ...tableEquations(full),
      ...sourceEquations,
      ...groupEquations,
      ...extra(e),
    ]) {
      const mapped = {
        parts: eq.parts.map((p) => (p.key === 'v' ? p : ref(p))),
        total: ref(eq.total),
        label: eq.label,
      };
      const key = `${mapped.parts
        .map((p) => p.row)
        .sort()
        .join(',')}=${mapped.total.row}`;
      if (seenEquations.has(key)) continue;
      seenEquations.add(key);
      equations.push(mapped);
    }
  }
  const view: CellView = {
    unknown: (c) => !known.has(c.row),
    suppressed: (c) => hidden.has(c.row) && !known.has(c.row),
    value: (c) => known.get(c.row) ?? NaN,
  };
  return auditEquations(equations, view).map((l) => ({
    cell: names[l.row],
    value: l.value,
    via: l.via,
  }));
}
