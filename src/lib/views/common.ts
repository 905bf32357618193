/**
 * Helpers shared by the prebuilt views: the synthetic-data probe, the areas a view shows and
 * their roles, cell readers, the colour-blind-safe palette, and re-exports of the domain
 * vocabulary and number wording they use. No statistics here (those live in src/lib/stats);
 * tables, columns and area names come from the view context (./context.ts).
 */
import type { CellValue, SqlParam } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import type { IndicatorRow, Polarity } from '../schema/indicator';
import { ENGLAND } from '../domain/areas';
import type { ViewContext } from './types';

/** Okabe–Ito palette (colour-blind safe). */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

/**
 * True when `table` has a `synthetic` column with any true value (optionally filtered), answered
 * from the run's catalog snapshot: the one query is the LIMIT 1 probe itself.
 */
export async function isSyntheticIn(
  ctx: Pick<ViewContext, 'engine' | 'catalog'>,
  table: string,
  where = 'TRUE',
  params: SqlParam[] = [],
): Promise<boolean> {
  if (!ctx.catalog.has(table) || !ctx.catalog.columns(table).has('synthetic')) return false;
  // A BOOLEAN column is tested as it is (no cast of every row to text); other types as text.
  const isTrue =
    ctx.catalog.type(table, 'synthetic') === 'BOOLEAN'
      ? 'synthetic'
      : `lower(CAST(synthetic AS VARCHAR)) IN ('true', 't', '1', 'yes', 'y')`;
  const r = await ctx.engine.query(
    `SELECT count(*) AS s FROM (SELECT 1 FROM ${quoteIdent(table)} WHERE (${where})
       AND ${isTrue} LIMIT 1)`,
    params,
  );
  return Number(r.toRows()[0]?.s ?? 0) > 0;
}

/** The areas a view shows: focal, England, region, then the other comparators (no duplicates). */
export function viewAreas(ctx: ViewContext): { code: string; role: AreaRole }[] {
  const out: { code: string; role: AreaRole }[] = [];
  const seen = new Set<string>();
  const add = (code: string | null, role: AreaRole) => {
    if (!code || seen.has(code)) return;
    seen.add(code);
    out.push({ code, role });
  };
  add(ctx.focalArea, 'focal');
  add(ENGLAND, 'england');
  add(ctx.regionCode, 'region');
  for (const c of ctx.comparatorCodes) add(c, 'comparator');
  return out;
}

export type AreaRole = 'focal' | 'england' | 'region' | 'comparator';

export const ROLE_LABEL: Record<AreaRole, string> = {
  focal: 'Focal area',
  england: 'England',
  region: 'Region',
  comparator: 'Comparator',
};

/** A bar's label in a ranked chart: the role is written out, so colour is never needed. */
export function rankedBarLabel(name: string, role: AreaRole): string {
  if (role === 'focal') return `${name} (focal area)`;
  if (role === 'comparator') return name;
  // "England" already says its role: "England (england)" says it twice.
  if (role === 'england' && name === ROLE_LABEL.england) return name;
  return `${name} (${ROLE_LABEL[role].toLowerCase()})`;
}

// Period labels are part of the domain vocabulary (src/lib/domain/periods.ts).
export {
  periodSortKey,
  sortPeriods,
  pickPeriod,
  periodYears,
  pooledLabel,
} from '../domain/periods';

export function num(v: CellValue | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

export function str(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Number wording for descriptions lives with every other number format. */
export { fmt, fmtCount } from '../format/numbers';

/** An empty indicator row with the given identity (values filled in by the view). */
export function indicatorRow(
  base: Partial<IndicatorRow> &
    Pick<IndicatorRow, 'indicator_id' | 'indicator_name' | 'area_code' | 'area_name' | 'period'>,
): IndicatorRow {
  return {
    sex: 'Persons',
    age: 'All ages',
    value: null,
    lower_95: null,
    upper_95: null,
    count: null,
    denominator: null,
    unit: '',
    polarity: 'none' as Polarity,
    note: '',
    ...base,
  };
}

/** Polarity is part of the domain vocabulary (src/lib/domain/polarity.ts). */
export { statsPolarity } from '../domain/polarity';
