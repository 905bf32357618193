/**
 * Runs the view's statements and hands the rows on: the focal area's episodes (outcome counts by
 * period and group), the aggregate table's counts for the areas shown (England and the region
 * summed from authorities when they have no rows), and loaded Fingertips completion indicators.
 */
import { ENGLAND } from '../../domain/areas';
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { isSyntheticIn, num, str } from '../common';
import type { ViewContext } from '../types';
import { aggregateCounts, countsFor } from './aggregate';
import type { AreaCounts } from './compute';
import { episodeOutcomes, type EpisodeOutcomes } from './episodes';
import { FINGERTIPS_COMPLETION, type BaseGroup, type OutcomeSource } from './model';
import {
  aggregateSql,
  episodeAreasSql,
  episodesSql,
  extractDateSql,
  fingertipsSql,
  type Query,
} from './sql';

async function rows(ctx: ViewContext, q: Query): Promise<Row[]> {
  return (await ctx.engine.query(q.sql, q.params)).toRows();
}

/** Where the focal area's figures come from, or why they cannot. */
export async function focalSource(
  ctx: ViewContext,
  wanted: OutcomeSource,
): Promise<'records' | 'aggregate'> {
  const hasEpisodes =
    ctx.catalog.has('treatment_episodes') &&
    (await rows(ctx, episodeAreasSql())).some((r) => str(r.area_code) === ctx.focalArea);
  if (wanted === 'records' && !hasEpisodes)
    throw new Error(
      `No treatment episodes for ${ctx.focalAreaName} (${ctx.focalArea}): load the area's episode extract, or choose aggregate counts.`,
    );
  if (wanted === 'aggregate' && !ctx.catalog.has('treatment_outcomes'))
    throw new Error(
      'No "treatment_outcomes" table: load aggregate completions, or choose episodes.',
    );
  if (wanted !== 'aggregate' && hasEpisodes) return 'records';
  if (!ctx.catalog.has('treatment_outcomes'))
    throw new Error(
      `No treatment episodes for ${ctx.focalAreaName} (${ctx.focalArea}) and no "treatment_outcomes" table: load one of them.`,
    );
  return 'aggregate';
}

export async function readEpisodes(
  ctx: ViewContext,
): Promise<{ outcomes: EpisodeOutcomes; synthetic: boolean }> {
  const got = await rows(ctx, episodesSql(ctx.focalArea));
  const extract = (await rows(ctx, extractDateSql()))[0]?.d;
  const outcomes = episodeOutcomes(
    got.map((r) => ({
      client: str(r.client_id),
      age: num(r.age),
      group: (r.substance_group === null ? null : str(r.substance_group)) as BaseGroup | null,
      start: str(r.start_date),
      discharge: r.discharge_date === null ? null : str(r.discharge_date),
      reason: r.discharge_reason === null ? null : str(r.discharge_reason),
    })),
    extract ? str(extract) : undefined,
  );
  const synthetic = await isSyntheticIn(ctx, 'treatment_episodes', 'area_code = ?', [
    ctx.focalArea,
  ]);
  return { outcomes, synthetic };
}

export type AreaPeriodCounts = Map<string, Map<string, AreaCounts>>;

/** Aggregate counts per area shown; England and the region summed from authorities if needed. */
export async function readAggregate(
  ctx: ViewContext,
  codes: readonly string[],
): Promise<{ byArea: Map<string, AreaPeriodCounts>; notes: string[]; synthetic: boolean }> {
  const byArea = new Map<string, AreaPeriodCounts>();
  const notes: string[] = [];
  if (!ctx.catalog.has('treatment_outcomes')) return { byArea, notes, synthetic: false };
  const utla = ctx.areas.upperTier.map((a) => a.code);
  const all = [...new Set([...codes, ...utla])];
  const agg = aggregateCounts(
    await rows(ctx, aggregateSql(all, ctx.catalog.columns('treatment_outcomes'))),
  );
  for (const code of codes) {
    const members =
      code === ENGLAND
        ? utla
        : code === ctx.regionCode
          ? ctx.areas.upperTier.filter((a) => a.regionCode === code).map((a) => a.code)
          : [];
    const got = countsFor(agg, code, members);
    if (got.counts.size > 0) byArea.set(code, got.counts);
    if (got.summedFrom > 0)
      notes.push(
        `${ctx.areas.name(code)}: summed from its ${got.summedFrom} authorities in the treatment_outcomes table (counts added, not rates averaged).`,
      );
    if (got.missing.length > 0)
      notes.push(
        `${ctx.areas.name(code)}: not calculated from the treatment_outcomes table: it has only ${members.length - got.missing.length} of its ${members.length} authorities (a sum over some would not be ${ctx.areas.name(code)}).`,
      );
  }
  return { byArea, notes, synthetic: await isSyntheticIn(ctx, 'treatment_outcomes') };
}

/** Fingertips C19a/b rows for the areas, from the indicators table and other views' rows. */
export async function readFingertips(
  ctx: ViewContext,
  codes: readonly string[],
): Promise<IndicatorRow[]> {
  const ids = Object.values(FINGERTIPS_COMPLETION);
  const fromViews = ctx.computedIndicators.filter(
    (r) => ids.includes(String(r.indicator_id)) && codes.includes(r.area_code),
  );
  if (!ctx.catalog.has('indicators')) return [...fromViews];
  const loaded = (await rows(ctx, fingertipsSql(ids, codes))).map(
    (r) =>
      ({
        indicator_id: str(r.indicator_id),
        area_code: str(r.area_code),
        period: str(r.period),
        value: num(r.value),
        lower_95: num(r.lower_95),
        upper_95: num(r.upper_95),
        count: num(r.count),
        denominator: num(r.denominator),
      }) as IndicatorRow,
  );
  return [...loaded, ...fromViews];
}
