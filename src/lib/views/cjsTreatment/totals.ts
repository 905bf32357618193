/**
 * The published CJS table as cells, and its totals checked: the substance-group cells of each area
 * against the area's published total, each group's cells against the group's published total,
 * and everything against the grand total. A good tool shows a discrepancy instead of silently
 * recomputing (PRIMER: Humberside's East Riding). Pure.
 */
import type { Row } from '../../engine/types';
import { fmtCount, num, str } from '../common';

export const SUBSTANCE_GROUPS: { id: string; label: string }[] = [
  { id: 'opiate', label: 'Opiates' },
  { id: 'non_opiate_only', label: 'Non-opiates only' },
  { id: 'alcohol_only', label: 'Alcohol only' },
  { id: 'non_opiate_and_alcohol', label: 'Non-opiates and alcohol' },
];
const TOTAL_GROUPS = ['all', 'total'];

export interface CjsCells {
  /** Substance groups present: the four NDTMS groups in order, then any others as found. */
  groups: { id: string; label: string }[];
  /** Every area of the published table for the period. */
  tableAreas: string[];
  groupCells: Row[];
  totalCells: Row[];
  cell(area: string, group: string): number | null;
  /** The table has a row for the cell but its count is suppressed (not an absent group: zero). */
  suppressed(area: string, group: string): boolean;
}

export function cjsCells(rows: readonly Row[]): CjsCells {
  const groupCells = rows.filter((c) => !TOTAL_GROUPS.includes(str(c.substance_group)));
  const totalCells = rows.filter((c) => TOTAL_GROUPS.includes(str(c.substance_group)));
  const otherGroups = [...new Set(groupCells.map((c) => str(c.substance_group)))].filter(
    (g) => !SUBSTANCE_GROUPS.some((s) => s.id === g),
  );
  return {
    groups: [
      ...SUBSTANCE_GROUPS.filter((s) => groupCells.some((c) => str(c.substance_group) === s.id)),
      ...otherGroups.map((g) => ({ id: g, label: g })),
    ],
    tableAreas: [...new Set(rows.map((c) => str(c.area_code)))],
    groupCells,
    totalCells,
    cell(area, group) {
      const c = groupCells.find(
        (x) => str(x.area_code) === area && str(x.substance_group) === group,
      );
      return c ? num(c.count) : null;
    },
    suppressed(area, group) {
      const c = groupCells.find(
        (x) => str(x.area_code) === area && str(x.substance_group) === group,
      );
      return c !== undefined && num(c.count) === null;
    },
  };
}

export interface PublishedTotals {
  /** Each area's published total (its "all" row, or published_total read as the area's). */
  areaTotals: Map<string, number>;
  /** Each group's published total across the table's areas (the "Total" column of a wide table). */
  groupTotals: Map<string, number>;
  grand: number | null;
  /** One sentence per total that does not match its cells. */
  mismatches: string[];
  /** Other caveats (a group's published total differing between rows). */
  notes: string[];
}

const differs = (a: number, b: number) => Math.abs(a - b) > 1e-9;

/**
 * published_total is either the area's total (repeated on each of its rows, as the synthetic
 * generator writes it) or the substance group's total across the table's areas (the "Total"
 * column of a wide published table, as in the Humberside example). Tell them apart by which one
 * is constant.
 */
function publishedMeaning(c: CjsCells, withPublished: Row[]): 'area' | 'group' | null {
  if (withPublished.length === 0) return null;
  const distinct = (rows: Row[]) =>
    new Set(rows.map((x) => num(x.published_total)).filter((v) => v !== null)).size;
  const perAreaConstant = c.tableAreas.every(
    (a) => distinct(withPublished.filter((x) => str(x.area_code) === a)) <= 1,
  );
  const groupsSeen = new Set(withPublished.map((x) => str(x.substance_group))).size;
  return perAreaConstant && groupsSeen > 1 ? 'area' : 'group';
}

export function checkTotals(c: CjsCells, nameOf: (code: string) => string): PublishedTotals {
  const mismatches: string[] = [];
  const notes: string[] = [];
  const cellsDisagree = (who: string, sum: number, pub: number) =>
    `${who}: its substance-group cells sum to ${fmtCount(sum)}, but the published total is ${fmtCount(pub)}.`;
  for (const t of c.totalCells) {
    const area = str(t.area_code);
    const here = c.groups.map((g) => c.cell(area, g.id)).filter((v): v is number => v !== null);
    if (here.length === 0) continue;
    const sum = here.reduce((s, v) => s + v, 0);
    const pub = num(t.count);
    if (pub !== null && differs(sum, pub)) mismatches.push(cellsDisagree(nameOf(area), sum, pub));
  }
  const withPublished = c.groupCells.filter((x) => num(x.published_total) !== null);
  const meaning = publishedMeaning(c, withPublished);
  const areaTotals = new Map<string, number>();
  for (const t of c.totalCells) {
    const v = num(t.count);
    if (v !== null) areaTotals.set(str(t.area_code), v);
  }
  if (meaning === 'area')
    for (const area of c.tableAreas) {
      const pub = withPublished.find((x) => str(x.area_code) === area);
      if (!pub || areaTotals.has(area)) continue;
      const v = num(pub.published_total) as number;
      areaTotals.set(area, v);
      const sum = c.groupCells
        .filter((x) => str(x.area_code) === area)
        .reduce((acc, x) => acc + (num(x.count) ?? 0), 0);
      if (differs(sum, v)) mismatches.push(cellsDisagree(nameOf(area), sum, v));
    }
  const groupTotals = new Map<string, number>();
  for (const g of meaning === 'group' ? c.groups : []) {
    const here = c.groupCells.filter((x) => str(x.substance_group) === g.id);
    const pubs = here.map((x) => num(x.published_total)).filter((v): v is number => v !== null);
    if (pubs.length === 0) continue;
    const pub = pubs[0];
    if (here.some((x) => num(x.published_total) !== null && num(x.published_total) !== pub))
      notes.push(
        `The published total for ${g.label.toLowerCase()} differs between rows; the first (${fmtCount(pub)}) is used.`,
      );
    groupTotals.set(g.id, pub);
    const sum = here.reduce((acc, x) => acc + (num(x.count) ?? 0), 0);
    if (differs(sum, pub))
      mismatches.push(
        `${g.label}: the areas' cells sum to ${fmtCount(sum)}, but the published total is ${fmtCount(pub)}.`,
      );
  }
  const grand = c.totalCells.map((x) => num(x.published_total)).find((v) => v !== null) ?? null;
  if (grand !== null) {
    const areaTotalSum = c.totalCells.reduce((s, x) => s + (num(x.count) ?? 0), 0);
    const cellSum = c.groupCells.reduce((s, x) => s + (num(x.count) ?? 0), 0);
    if (differs(areaTotalSum, grand))
      mismatches.push(
        `The published area totals sum to ${fmtCount(areaTotalSum)}, but the published grand total is ${fmtCount(grand)}.`,
      );
    if (differs(cellSum, grand))
      mismatches.push(
        `All cells sum to ${fmtCount(cellSum)}, but the published grand total is ${fmtCount(grand)}.`,
      );
  }
  return { areaTotals, groupTotals, grand, mismatches, notes };
}

/** The notes on totals: caveats first, then the mismatches under one heading. */
export function totalsNotes(t: PublishedTotals, period: string): string[] {
  if (t.mismatches.length === 0) return [...t.notes];
  return [
    ...t.notes,
    `Published totals do not add up (${period}); totals shown are recomputed from the cells, with the published figures alongside:`,
    ...t.mismatches,
  ];
}
