/**
 * Disclosure control that gives the same answer for a row whatever else is exported with it, so
 * that two exports of the same data (another comparator group, another focal area, another
 * grouping) cannot be laid side by side to work a suppressed cell out.
 *
 * Why not the usual cross-tab search: `applyDisclosure` picks secondary cells over the whole
 * table, so which cell of a row it hides depends on the other rows shown. Export the CJS table
 * once with neighbours and once with the region, and an area's opiates may be hidden in one and
 * shown in the other while its alcohol cell is shown in the first and hidden in the second:
 * together they give both back through the row total.
 *
 * The rule here, in three steps:
 * 1. Each plain row (an area) is protected on its own: primary suppression, then secondary cells
 *    chosen only among the row's own cells, against its own row equations (row total, summed
 *    columns). The choice depends on the row's values alone, so every export of that row hides
 *    the same cells.
 * 2. A row made of other rows (the "Total (areas shown)" row, England or a region summed from the
 *    areas shown, a published copy of a total) shows a cell only when every cell it is made of is
 *    shown, and a copy only when it equals what it copies. A visible sum then tells a reader
 *    nothing the visible parts do not, in any export. Its own row equation is then protected
 *    inside the row (hiding more of the sum row only, which costs the parts nothing).
 * 3. Derived columns (rates, percentages, intervals, text such as "meets 75% ambition") follow
 *    the cells they came from.
 * The result is audited with the same equations `findDisclosureLeaks` uses; `report.leaks` is 0
 * unless secondary suppression was turned off.
 */
import {
  DEFAULT_DISCLOSURE_RULE,
  DisclosureWork,
  type DisclosureResult,
  type DisclosureRule,
} from './disclosure.ts';
import { auditEquations } from './disclosureLeaks.ts';
import {
  aggregateRows,
  countLikeKeys,
  numericValue,
  rowEquations,
  rowSums,
  tableEquations,
  type DisclosureTable,
} from './disclosureTable.ts';

const EPS = 1e-9;

export function discloseConsistently(
  table: DisclosureTable,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosureResult {
  const full = withDetectedSums(table);
  const work = new DisclosureWork(full, rule);
  const aggregates = aggregateRows(full);

  // 1. Plain rows, each on its own.
  full.rows.forEach((_, row) => {
    if (aggregates.has(row)) return;
    work.markPrimary([row]);
    if (rule.secondary) work.protect(rowEquations(full, row));
  });

  // 2. Rows made of other rows, in an order where what a row is made of comes first.
  const keys = countLikeKeys(full);
  for (const s of full.sourceSums ?? []) {
    work.markPrimary([s.row]);
    for (const key of sourceSumHidden(full, s.sourceRows, rule))
      work.mark({ row: s.row, key }, 'secondary');
    if (rule.secondary) work.protect(rowEquations(full, s.row));
  }
  for (const sum of orderedSums(full)) {
    work.markPrimary([sum.row]);
    for (const key of keys) {
      const hiddenPart = sum.from.some((r) => work.isMarked({ row: r, key }));
      const differs =
        sum.label === 'copy of' &&
        sum.from.length === 1 &&
        !sameNumber(work.raw({ row: sum.row, key }), work.raw({ row: sum.from[0], key }));
      if (hiddenPart || (differs && !Number.isNaN(work.raw({ row: sum.row, key }))))
        work.mark({ row: sum.row, key }, 'secondary');
    }
    if (rule.secondary) work.protect(rowEquations(full, sum.row));
  }
  const result = work.finish(tableEquations(full));
  return { ...result, detectedSums: full.summedRows?.slice(table.summedRows?.length ?? 0) };
}

/**
 * The columns of a row summed from `sourceRows` that must be hidden: each source row is
 * disclosed on its own (as it would be if shown), then the sum of each column is added as an
 * equation; a column whose sum would let a hidden source cell be worked out is hidden. Depends
 * on the source alone, never on what else is shown.
 */
export function sourceSumHidden(
  table: DisclosureTable,
  sourceRows: Record<string, unknown>[],
  rule: DisclosureRule,
): string[] {
  const keys = countLikeKeys(table);
  const source: DisclosureTable = {
    ...table,
    rows: sourceRows,
    sourceSums: [],
    summedRows: [],
    mirrorRows: {},
  };
  delete source.totalRowIndex;
  delete source.partRows;
  const work = new DisclosureWork(source, rule);
  sourceRows.forEach((_, row) => {
    work.markPrimary([row]);
    if (rule.secondary) work.protect(rowEquations(source, row));
  });
  const view = work.view;
  const hidden = new Set<string>();
  for (;;) {
    const equations = [
      ...sourceRows.flatMap((_, row) => rowEquations(source, row)),
      ...keys
        .filter((key) => !hidden.has(key))
        .map((key) => ({
          parts: sourceRows.map((_, row) => ({ row, key })),
          // The sum as a known cell outside the source rows.
          total: { row: sourceRows.length, key },
          label: `sum of ${key}`,
        })),
    ];
    const sumView = {
      unknown: (ref: { row: number; key: string }) =>
        ref.row === sourceRows.length ? false : view.unknown(ref),
      suppressed: (ref: { row: number; key: string }) =>
        ref.row === sourceRows.length ? false : view.suppressed(ref),
      value: (ref: { row: number; key: string }) =>
        ref.row === sourceRows.length
          ? sourceRows.reduce((s, r) => s + (numericValue(r[ref.key]) || 0), 0)
          : view.value(ref),
    };
    const leaks = auditEquations(equations, sumView);
    const more = [...new Set(leaks.map((l) => l.key))].filter((k) => !hidden.has(k));
    if (more.length === 0) return [...hidden];
    for (const k of more) hidden.add(k);
  }
}

function sameNumber(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Sums whose parts are all plain rows first, then sums of sums, then copies. */
function orderedSums(table: DisclosureTable) {
  const sums = rowSums(table);
  const done = new Set<number>();
  const aggregates = aggregateRows(table);
  const out: typeof sums = [];
  for (let guard = 0; out.length < sums.length && guard <= sums.length; guard++) {
    for (const s of sums) {
      if (out.includes(s)) continue;
      if (s.from.every((r) => !aggregates.has(r) || done.has(r))) {
        out.push(s);
        done.add(s.row);
      }
    }
  }
  // A cycle (a declaration error): whatever is left, in declaration order.
  for (const s of sums) if (!out.includes(s)) out.push(s);
  return out;
}

/**
 * Rows the table does not declare but that are sums of other rows shown: England summed from
 * every area shown, a region from its areas. Found by checking, for each undeclared row, the sum
 * of the smaller plain rows, and that sum less any one of them (so England is found when the
 * region is shown too). A false find only hides more.
 */
export function detectSummedRows(table: DisclosureTable): { row: number; from: number[] }[] {
  const keys = countLikeKeys(table).filter((k) =>
    table.rows.some((r) => Number.isFinite(numericValue(r[k]))),
  );
  if (keys.length === 0 || table.rows.length < 3) return [];
  const declared = aggregateRows(table);
  const value = (row: number, key: string): number => {
    const v = numericValue(table.rows[row]?.[key]);
    return Number.isNaN(v) ? 0 : v;
  };
  const size = (row: number): number => keys.reduce((s, k) => s + Math.abs(value(row, k)), 0);
  const plain = table.rows.map((_, i) => i).filter((i) => !declared.has(i));
  const parts = new Set(table.partRows ?? []);
  const found: { row: number; from: number[] }[] = [];
  const isSum = new Set<number>();
  // Smallest candidates first, so a region is found before England.
  for (const candidate of [...plain].sort((a, b) => size(a) - size(b))) {
    if (size(candidate) === 0 || parts.has(candidate) || isLowestTier(table.rows[candidate]))
      continue;
    const pool = plain.filter(
      (r) => r !== candidate && !isSum.has(r) && size(r) <= size(candidate),
    );
    if (pool.length < 2) continue;
    const totals = keys.map((k) => pool.reduce((s, r) => s + value(r, k), 0));
    const matches = (from: number[], sums: number[]): boolean =>
      from.length >= 2 && keys.every((k, i) => sameNumber(sums[i], value(candidate, k)));
    let from: number[] | null = matches(pool, totals) ? pool : null;
    if (!from) {
      // The one row to leave out must equal (sum of the pool) - (candidate) in every column.
      const excess = keys.map((k, i) => totals[i] - value(candidate, k));
      const drop = pool.find((r) => keys.every((k, i) => sameNumber(value(r, k), excess[i])));
      if (drop !== undefined && pool.length >= 3) from = pool.filter((r) => r !== drop);
    }
    if (from) {
      found.push({ row: candidate, from });
      isSum.add(candidate);
    }
  }
  return found;
}

/**
 * A unitary authority, district, metropolitan district or London borough is never the sum of
 * other areas: a small one that happens to equal the sum of smaller ones (7 = 4 + 2 + 1) must not
 * be taken for a total (it would be hidden in one export and shown in the next). Counties,
 * regions, England and rows without a code can be sums.
 */
function isLowestTier(row: Record<string, unknown> | undefined): boolean {
  return /^E0[6-9]\d{6}$/.test(String(row?.area_code ?? ''));
}

function withDetectedSums(table: DisclosureTable): DisclosureTable {
  const detected = detectSummedRows(table);
  if (detected.length === 0) return table;
  return { ...table, summedRows: [...(table.summedRows ?? []), ...detected] };
}
