/**
 * Drug deaths' latest table, for disclosure control: its England and region rows declared as
 * summed from every upper-tier authority, and its groups' rows from their members (see
 * ../sourceSums.ts).
 */
import { isAggregateCode } from '../../domain/areas';
import { withAreaSourceSums, withGroupSourceSums } from '../sourceSums';
import type { ViewContext, ViewTable } from '../types';
import type { DeathRate, DrugDeathsOptions, ResolvedSource } from './model';
import { loadRates } from './sources';

/**
 * The latest table's England and region rows declared as summed from every upper-tier authority,
 * and its groups' rows from their members (for disclosure control: see sourceSums.ts). Published
 * rates are already read for every upper-tier authority; anything else is read again, only when
 * such a row is shown.
 */
export async function withEveryAuthority(
  ctx: ViewContext,
  tables: ViewTable[],
  source: ResolvedSource,
  loaded: readonly DeathRate[],
  measure: DrugDeathsOptions['measure'],
  sex: DrugDeathsOptions['sex'],
): Promise<ViewTable[]> {
  const [latest, ...rest] = tables;
  if (!latest) return tables;
  const shown = new Set(latest.rows.map((r) => String(r.area_code ?? '')));
  const groups = ctx.areas.groups.filter((g) => shown.has(g.code));
  const areasSummed = [...shown].some(isAggregateCode);
  if (!areasSummed && groups.length === 0) return tables;
  const upper = ctx.areas.upperTier;
  const wanted = new Set([
    ...(areasSummed ? upper.map((a) => a.code) : []),
    ...groups.flatMap((g) => g.members),
  ]);
  const have = new Set(source === 'published' ? loaded.map((r) => r.area_code) : []);
  const missing = [...wanted].filter((c) => !have.has(c));
  const every = [
    ...(source === 'published' ? loaded : []),
    ...(missing.length > 0 ? (await loadRates(ctx, source, missing, measure, sex)).rates : []),
  ];
  const at = new Map(every.map((r) => [`${r.area_code}|${r.period}`, r]));
  const sourceRow = (code: string, row: Record<string, unknown>) => {
    const r = at.get(`${code}|${String(row.period)}`);
    return r ? { deaths: r.deaths, population: r.population } : null;
  };
  return [
    withGroupSourceSums(withAreaSourceSums(latest, upper, sourceRow), groups, sourceRow),
    ...rest,
  ];
}
