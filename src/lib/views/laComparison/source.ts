/**
 * Reading the comparison's two sources: the loaded `indicators` table (through ctx.engine, with
 * the statements of ./sql.ts) and the indicator rows other views computed (ctx.computedIndicators,
 * in memory), merged by ./rows.ts.
 */
import type { OptionsContext } from '../types';
import {
  fromTable,
  matchesFilter,
  mergeChoices,
  mergePeriods,
  mergeRows,
  type IndicatorChoice,
  type SourceRow,
} from './rows';
import {
  indicatorChoicesSql,
  indicatorPeriodsSql,
  indicatorRowsSql,
  type RowFilter,
  type Sql,
} from './sql';

export type Sources = Pick<OptionsContext, 'readOnce' | 'catalog' | 'computedIndicators'>;

/** The indicators to choose from: the loaded table's and other views' together. */
export async function indicatorChoices(ctx: Sources): Promise<IndicatorChoice[]> {
  const loaded = ctx.catalog.has('indicators')
    ? await query(ctx, indicatorChoicesSql()).then((rows) =>
        rows.map((x) => ({ id: String(x.id), name: x.name == null ? null : String(x.name) })),
      )
    : [];
  return mergeChoices(loaded, ctx.computedIndicators);
}

/** The periods one indicator has in either source, oldest first. */
export async function indicatorPeriods(ctx: Sources, indicatorId: string): Promise<string[]> {
  const loaded = ctx.catalog.has('indicators')
    ? (await query(ctx, indicatorPeriodsSql(indicatorId))).map((x) =>
        x.p == null ? '' : String(x.p),
      )
    : [];
  return mergePeriods(loaded, ctx.computedIndicators, indicatorId);
}

/** The loaded table does not change while the environment lives: read once for every focal area. */
async function query(ctx: Pick<Sources, 'readOnce'>, q: Sql) {
  return ctx.readOnce(q.sql, q.params);
}

/** Rows matching a filter from the table and from the computed rows, merged. */
export async function readRows(
  ctx: Sources,
  computed: SourceRow[],
  filter: RowFilter,
): Promise<SourceRow[]> {
  const loaded = ctx.catalog.has('indicators')
    ? (await query(ctx, indicatorRowsSql(ctx.catalog.columns('indicators'), filter))).map(fromTable)
    : [];
  return mergeRows(
    loaded,
    computed.filter((r) => matchesFilter(r, filter)),
  );
}
