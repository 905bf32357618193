/** Indicator rows from the aggregate table's counts, for the areas shown or a group's members. */
import type { IndicatorRow } from '../../schema/indicator';
import type { ViewContext } from '../types';
import { outcomeRows } from './compute';
import { OUTCOME_GROUPS } from './model';
import type { AreaPeriodCounts } from './sources';

/** Every measure for every area, period and substance group in the counts. */
export function aggregateRows(
  ctx: ViewContext,
  byArea: ReadonlyMap<string, AreaPeriodCounts>,
  synthetic: boolean,
): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const [code, byPeriod] of byArea)
    for (const [period, groups] of byPeriod)
      for (const [g, counts] of groups) {
        if (!OUTCOME_GROUPS.some((x) => x.id === g)) continue;
        const rowCtx = {
          areaCode: code,
          areaName: ctx.areas.name(code),
          period,
          group: g,
          synthetic,
          source: 'aggregate counts (treatment_outcomes)',
        };
        out.push(...outcomeRows(rowCtx, counts));
      }
  return out;
}
