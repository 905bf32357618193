/**
 * The CJS table's rows and indicators: per area shown, the substance-group cells and their total,
 * the share of all adults in treatment (Wilson, src/lib/stats) and the rate per 100,000 adults
 * (crude rate); then the column totals and the published totals row. Pure.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { crudeRate, proportion } from '../../stats';
import { ROLE_LABEL, fmtCount, indicatorRow, num, type AreaRole } from '../common';
import type { CjsCells, PublishedTotals } from './totals';

export type ShownArea = { code: string; role: AreaRole };

/**
 * The areas to show: the view's areas present in the data; when no comparator besides the focal
 * area is, every area of the published table.
 */
export function areasToShow(viewAreas: readonly ShownArea[], tableAreas: readonly string[]) {
  const present = viewAreas.filter((a) => tableAreas.includes(a.code));
  const out: ShownArea[] = [...present];
  const fewComparators =
    present.filter((a) => a.role === 'comparator' || a.role === 'focal').length <= 1;
  for (const c of tableAreas)
    if (!out.some((a) => a.code === c) && fewComparators) out.push({ code: c, role: 'comparator' });
  return out;
}

export interface CjsInputs {
  period: string;
  cells: CjsCells;
  totals: PublishedTotals;
  /** All adults in treatment by area (denominator of the share). */
  inTreatment: ReadonlyMap<string, number>;
  /** Adults 18+ by area (denominator of the rate). */
  adults: ReadonlyMap<string, number>;
  synthetic: boolean;
}

export interface CjsRows {
  rows: Row[];
  indicators: IndicatorRow[];
  /** Stacked-bar data: one row per area shown (not England or the region) and group. */
  stacked: Row[];
  notes: string[];
  totalRowIndex: number;
  partRows: number[];
  mirrorRows: Record<number, number>;
}

/**
 * Why the share of all in treatment cannot be calculated, or null when it can: a proportion is
 * drawn only when its count is part of its denominator (no more CJS-referred adults than all
 * adults in treatment).
 */
export function shareNotCalculated(count: number, denominator: number): string | null {
  if (denominator <= 0) return 'no adults in treatment';
  if (count < 0) return `a negative count (${fmtCount(count)})`;
  if (count > denominator)
    return `more CJS-referred adults (${fmtCount(count)}) than all adults in treatment (${fmtCount(denominator)})`;
  return null;
}

const isAggregate = (a: ShownArea) => a.role === 'england' || a.role === 'region';

/** One area's row of the table and its indicators. */
function areaRow(a: ShownArea, name: string, x: CjsInputs, out: CjsRows): void {
  const { groups } = x.cells;
  const row: Row = { area_name: name, area_code: a.code, role: ROLE_LABEL[a.role] };
  let total = 0;
  let any = false;
  const withoutCount: string[] = [];
  groups.forEach((g, i) => {
    const v = x.cells.cell(a.code, g.id);
    row[`g_${g.id}`] = v;
    if (v === null) {
      if (x.cells.suppressed(a.code, g.id)) withoutCount.push(g.label);
      return;
    }
    total += v;
    any = true;
    if (!isAggregate(a))
      out.stacked.push({
        label: a.role === 'focal' ? `${name} (focal area)` : name,
        category: g.label,
        category_order: i,
        count: v,
      });
  });
  // A total over some substance groups would count fewer people: with any group's count
  // suppressed, the total (and the share and rate made from it) is not calculated. A group the
  // table has no row for is a zero (files list only the groups with people).
  const incomplete =
    any && withoutCount.length > 0
      ? `suppressed for ${withoutCount.join(', ')} (a total over the other substance groups would count fewer people)`
      : null;
  const computed = any && !incomplete ? total : null;
  row.total = computed;
  row.published_total = x.totals.areaTotals.get(a.code) ?? null;
  row.total_check =
    row.published_total === null || computed === null
      ? ''
      : Math.abs(computed - (row.published_total as number)) > 1e-9
        ? 'does not match'
        : 'matches';
  const denom = x.inTreatment.get(a.code) ?? null;
  const why =
    incomplete ??
    (computed === null || denom === null ? null : shareNotCalculated(computed, denom));
  const share =
    computed !== null && denom !== null && why === null
      ? proportion(computed, denom, { multiplier: 100 })
      : null;
  if (computed !== null && denom !== null && computed > denom)
    out.notes.push(
      `${name}: more CJS clients (${fmtCount(computed)}) than all in treatment (${fmtCount(denom)}); share not calculated.`,
    );
  const pop = x.adults.get(a.code) ?? null;
  const rate = computed !== null && pop !== null && pop > 0 ? crudeRate(computed, pop) : null;
  Object.assign(row, {
    in_treatment: denom,
    share_pct: share?.value ?? null,
    share_lower: share?.lower ?? null,
    share_upper: share?.upper ?? null,
    adult_population: pop,
    rate: rate?.value ?? null,
    rate_lower: rate?.lower ?? null,
    rate_upper: rate?.upper ?? null,
    note: incomplete
      ? `total, share and rate not calculated: ${incomplete}`
      : why
        ? `share not calculated: ${why}`
        : '',
    synthetic: x.synthetic,
  });
  out.rows.push(row);
  const base = {
    area_code: a.code,
    area_name: name,
    period: x.period,
    sex: 'Persons',
    age: '18+',
    synthetic: x.synthetic,
  };
  out.indicators.push(
    indicatorRow({
      ...base,
      indicator_id: 'cjs_in_treatment',
      indicator_name: 'Adults in treatment referred through the criminal justice system',
      value: computed,
      count: computed,
      unit: 'people',
      polarity: 'none',
      note: incomplete
        ? `not calculated: ${incomplete}`
        : row.total_check === 'does not match'
          ? `published total ${fmtCount(num(row.published_total))} does not match the cells`
          : '',
      method: 'Count (sum of substance groups)',
    }),
  );
  if (share || why)
    out.indicators.push(
      indicatorRow({
        ...base,
        indicator_id: 'cjs_share_of_treatment',
        indicator_name: 'CJS-referred adults as % of all adults in treatment',
        value: share?.value ?? null,
        lower_95: share?.lower ?? null,
        upper_95: share?.upper ?? null,
        count: computed,
        denominator: denom,
        unit: '%',
        polarity: 'none',
        note: why ? `not calculated: ${why}` : '',
        method: 'Proportion, Wilson 95% CI',
      }),
    );
  if (rate)
    out.indicators.push(
      indicatorRow({
        ...base,
        indicator_id: 'cjs_treatment_rate',
        indicator_name: 'CJS-referred adults in treatment per 100,000 adults',
        value: rate.value,
        lower_95: rate.lower,
        upper_95: rate.upper,
        count: computed,
        denominator: pop,
        unit: 'per 100,000',
        polarity: 'none',
        method: 'Crude rate, exact (< 10) or Byar’s 95% CI',
      }),
    );
}

/** The table rows (areas, column totals, published totals) and indicators of the CJS view. */
export function cjsRows(
  shown: readonly ShownArea[],
  nameOf: (code: string) => string,
  x: CjsInputs,
): CjsRows {
  const out: CjsRows = {
    rows: [],
    indicators: [],
    stacked: [],
    notes: [],
    totalRowIndex: 0,
    partRows: [],
    mirrorRows: {},
  };
  for (const a of shown) areaRow(a, nameOf(a.code), x, out);
  // Column totals (computed across the local areas shown, and published where given).
  const local = shown.filter((a) => !isAggregate(a));
  const totalRow: Row = { area_name: 'Total (areas shown)', area_code: '', role: '' };
  // A column with a suppressed cell has no total (not a total of the others); a group an area
  // has no row for is a zero.
  let grand: number | null = 0;
  for (const g of x.cells.groups) {
    const s = local.some((a) => x.cells.suppressed(a.code, g.id))
      ? null
      : local.reduce((acc, a) => acc + (x.cells.cell(a.code, g.id) ?? 0), 0);
    totalRow[`g_${g.id}`] = s;
    grand = grand === null || s === null ? null : grand + s;
  }
  totalRow.total = grand;
  const wholeTable = x.cells.tableAreas.every((c) => local.some((a) => a.code === c));
  totalRow.published_total = wholeTable ? x.totals.grand : null;
  if (!wholeTable)
    totalRow.area_name =
      'Total (areas shown; published totals cover all areas in the source table)';
  out.partRows = out.rows.flatMap((r, i) =>
    r.role === ROLE_LABEL.focal || r.role === ROLE_LABEL.comparator ? [i] : [],
  );
  out.totalRowIndex = out.rows.length;
  out.rows.push(totalRow);
  if (x.totals.groupTotals.size > 0) {
    const pubRow: Row = { area_name: 'Published total', area_code: '', role: '' };
    for (const g of x.cells.groups) pubRow[`g_${g.id}`] = x.totals.groupTotals.get(g.id) ?? null;
    pubRow.total = x.totals.grand;
    out.mirrorRows[out.rows.length] = out.totalRowIndex;
    out.rows.push(pubRow);
  }
  return out;
}
