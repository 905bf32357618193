/**
 * Drug deaths' latest table, for disclosure control: its England and region rows declared as
 * summed from every upper-tier authority (see ../sourceSums.ts).
 */
import { isAggregateCode } from '../../domain/areas';
import { withAreaSourceSums } from '../sourceSums';
import type { ViewContext, ViewTable } from '../types';
import type { DeathRate, DrugDeathsOptions, ResolvedSource } from './model';
import { loadRates } from './sources';

/**
 * The latest table's England and region rows declared as summed from every upper-tier authority
 * (for disclosure control: see sourceSums.ts). Published rates are already read for every
 * authority; the other sources are read again for them, only when such a row is shown.
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
  if (!latest || !latest.rows.some((r) => isAggregateCode(String(r.area_code ?? ''))))
    return tables;
  const upper = ctx.areas.upperTier;
  const every =
    source === 'published'
      ? loaded
      : (
          await loadRates(
            ctx,
            source,
            upper.map((a) => a.code),
            measure,
            sex,
          )
        ).rates;
  const at = new Map(every.map((r) => [`${r.area_code}|${r.period}`, r]));
  return [
    withAreaSourceSums(latest, upper, (code, row) => {
      const r = at.get(`${code}|${String(row.period)}`);
      return r ? { deaths: r.deaths, population: r.population } : null;
    }),
    ...rest,
  ];
}
