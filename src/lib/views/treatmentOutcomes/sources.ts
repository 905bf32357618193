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

/** The areas whose figures make the focal area's: a group's members, else the area itself. */
export function focalCodes(ctx: ViewContext): string[] {
  return ctx.focalGroup ? [...ctx.focalGroup.members] : [ctx.focalArea];
}

/**
 * Where the focal area's figures come from, or why they cannot. A group reads episodes only when
 * every member has some: a sum over some members would not be the group.
 */
export async function focalSource(
  ctx: ViewContext,
  wanted: OutcomeSource,
): Promise<'records' | 'aggregate'> {
  const codes = focalCodes(ctx);
  const withEpisodes = ctx.catalog.has('treatment_episodes')
    ? new Set((await rows(ctx, episodeAreasSql())).map((r) => str(r.area_code)))
    : new Set<string>();
  const without = codes.filter((c) => !withEpisodes.has(c));
  const hasEpisodes = without.length === 0;
  // Whose episodes are missing, in words: a group's members (a group has no code of its own).
  const noEpisodes =
    ctx.focalGroup && without.length < codes.length
      ? `${without.map((c) => ctx.areas.name(c)).join(', ')} (members of ${ctx.focalAreaName}: a group's outcomes from episodes need every member's)`
      : ctx.focalGroup
        ? `any member of ${ctx.focalAreaName}`
        : `${ctx.focalAreaName} (${ctx.focalArea})`;
  if (wanted === 'records' && !hasEpisodes)
    throw new Error(
      `No treatment episodes for ${noEpisodes}: load ${ctx.focalGroup ? 'their extracts' : "the area's episode extract"}, or choose aggregate counts.`,
    );
  if (wanted === 'aggregate' && !ctx.catalog.has('treatment_outcomes'))
    throw new Error(
      'No "treatment_outcomes" table: load aggregate completions, or choose episodes.',
    );
  if (wanted !== 'aggregate' && hasEpisodes) return 'records';
  if (!ctx.catalog.has('treatment_outcomes'))
    throw new Error(
      `No treatment episodes for ${noEpisodes} and no "treatment_outcomes" table: load one of them.`,
    );
  return 'aggregate';
}

/** Outcomes from the episodes of the given areas (one client across them counts once). */
function outcomesOf(episodes: readonly Row[], extract: string | undefined): EpisodeOutcomes {
  return episodeOutcomes(
    episodes.map((r) => ({
      client: str(r.client_id),
      age: num(r.age),
      group: (r.substance_group === null ? null : str(r.substance_group)) as BaseGroup | null,
      start: str(r.start_date),
      discharge: r.discharge_date === null ? null : str(r.discharge_date),
      reason: r.discharge_reason === null ? null : str(r.discharge_reason),
    })),
    extract,
  );
}

/**
 * The focal area's episode outcomes; for a group, the group's (its members' episodes together,
 * so a client of two members counts once) and each member's own (what disclosure control
 * decides the group's cells from).
 */
export async function readEpisodes(ctx: ViewContext): Promise<{
  outcomes: EpisodeOutcomes;
  members: Map<string, EpisodeOutcomes>;
  synthetic: boolean;
}> {
  const codes = focalCodes(ctx);
  const got = await rows(ctx, episodesSql(codes));
  const found = (await rows(ctx, extractDateSql()))[0]?.d;
  const extract = found ? str(found) : undefined;
  const outcomes = outcomesOf(got, extract);
  const members = new Map<string, EpisodeOutcomes>();
  if (ctx.focalGroup)
    for (const m of codes)
      members.set(
        m,
        outcomesOf(
          got.filter((r) => str(r.area_code) === m),
          extract,
        ),
      );
  const synthetic = await isSyntheticIn(
    ctx,
    'treatment_episodes',
    `area_code IN (${codes.map(() => '?').join(', ')})`,
    codes,
  );
  return { outcomes, members, synthetic };
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
  const all = [...new Set([...codes, ...utla, ...(ctx.focalGroup?.members ?? [])])];
  const agg = aggregateCounts(
    await rows(ctx, aggregateSql(all, ctx.catalog.columns('treatment_outcomes'))),
  );
  for (const code of codes) {
    const group = ctx.focalGroup?.code === code ? ctx.focalGroup : undefined;
    const members = group
      ? group.members
      : code === ENGLAND
        ? utla
        : code === ctx.regionCode
          ? ctx.areas.upperTier.filter((a) => a.regionCode === code).map((a) => a.code)
          : [];
    const got = countsFor(agg, code, members);
    if (got.counts.size > 0) byArea.set(code, got.counts);
    const name = ctx.areas.name(code);
    const parts = group ? 'members' : 'authorities';
    if (got.summedFrom > 0)
      notes.push(
        `${name}: summed from its ${got.summedFrom} ${parts} in the treatment_outcomes table (counts added, not rates averaged).`,
      );
    // A group none of whose members has rows says so too (countsFor is silent then).
    const absent = group ? members.filter((m) => !agg.has(m)) : got.missing;
    if (absent.length > 0)
      notes.push(
        group
          ? `${name}: not calculated from the treatment_outcomes table: it has no rows for ${absent.map((m) => ctx.areas.name(m)).join(', ')} (a sum over some members would not be ${name}).`
          : `${name}: not calculated from the treatment_outcomes table: it has only ${members.length - got.missing.length} of its ${members.length} authorities (a sum over some would not be ${name}).`,
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
