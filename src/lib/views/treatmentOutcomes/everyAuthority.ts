/**
 * The areas table's England and region rows, for disclosure control: declared as summed from
 * every upper-tier authority's aggregate counts (see ../sourceSums.ts), so every export decides
 * them from the authorities alone, whichever comparators are shown.
 */
import { withAreaSourceSums } from '../sourceSums';
import type { ViewContext, ViewTable } from '../types';
import { readAggregate } from './sources';

export async function withEveryAuthority(
  ctx: ViewContext,
  table: ViewTable,
  period: string,
  group: string,
): Promise<ViewTable> {
  const upper = ctx.areas.upperTier;
  if (upper.length === 0) return table; // no area list: nothing to sum England from
  const every = await readAggregate(
    ctx,
    upper.map((a) => a.code),
  );
  return withAreaSourceSums(table, upper, (code) => {
    const c = every.byArea.get(code)?.get(period)?.get(group);
    return c ? { count: c.completionsNoRepresentation, denominator: c.inTreatment } : null;
  });
}
