/**
 * Outcome counts from the aggregate `treatment_outcomes` table: groups combined as the national
 * figures combine them ("non_opiate" = non-opiate only + non-opiate and alcohol; "all" from its own
 * rows, else the four groups' sum), England and the region summed from their authorities when the
 * file has no rows of their own and has every one of them. Counts are added, never rates. Pure.
 */
import type { Row } from '../../engine/types';
import { num, str } from '../common';
import type { AreaCounts } from './compute';
import type { OutcomeGroup } from './model';

type Counts = Omit<AreaCounts, 'durations' | 'ages'>;
/** area → period → group → counts. */
export type AggregateCounts = Map<string, Map<string, Map<string, Counts>>>;

const BASE = ['opiate', 'non_opiate_only', 'non_opiate_and_alcohol', 'alcohol_only'];

function countsOf(r: Row): Counts {
  const opt = (v: keyof Row, has: keyof Row) => (r[has] === true ? num(r[v]) : null);
  const completions = num(r.completions);
  const notRep = opt('completions_not_representing', 'has_not_representing');
  return {
    inTreatment: num(r.in_treatment),
    completions,
    completionsNoRepresentation: notRep,
    representations: completions !== null && notRep !== null ? completions - notRep : null,
    deaths: opt('deaths_in_treatment', 'has_deaths'),
    starts: opt('starts', 'has_starts'),
    earlyUnplannedExits: opt('early_unplanned_exits', 'has_early'),
  };
}

/** Adds counts; a value missing in any part is missing in the sum. */
export function sumCounts(parts: readonly Counts[]): Counts | null {
  if (parts.length === 0) return null;
  const add = (k: keyof Counts) =>
    parts.some((p) => p[k] === null) ? null : parts.reduce((s, p) => s + (p[k] as number), 0);
  return {
    inTreatment: add('inTreatment'),
    completions: add('completions'),
    completionsNoRepresentation: add('completionsNoRepresentation'),
    representations: add('representations'),
    deaths: add('deaths'),
    starts: add('starts'),
    earlyUnplannedExits: add('earlyUnplannedExits'),
  };
}

/** Rows of aggregateSql → counts by area, period and reported group. */
export function aggregateCounts(rows: readonly Row[]): AggregateCounts {
  const out: AggregateCounts = new Map();
  for (const r of rows) {
    const area = str(r.area_code);
    const period = str(r.period);
    const byPeriod = out.get(area) ?? new Map<string, Map<string, Counts>>();
    out.set(area, byPeriod);
    const groups = byPeriod.get(period) ?? new Map<string, Counts>();
    byPeriod.set(period, groups);
    groups.set(str(r.substance_group), countsOf(r));
  }
  for (const byPeriod of out.values())
    for (const groups of byPeriod.values()) {
      const nonOpiate = ['non_opiate_only', 'non_opiate_and_alcohol'].map((g) => groups.get(g));
      if (nonOpiate.every((c) => c !== undefined))
        groups.set('non_opiate', sumCounts(nonOpiate as Counts[])!);
      const base = BASE.map((g) => groups.get(g));
      if (!groups.has('all') && base.every((c) => c !== undefined))
        groups.set('all', sumCounts(base as Counts[])!);
    }
  return out;
}

/**
 * Counts for an area: its own rows, else (England, a region, a group of areas) the sum of
 * `members` for each period and group that every member reports, only when every member is in
 * the table (a sum over some would be labelled with an area it does not cover). Returns how many
 * members were summed (for a note), or those missing.
 */
export function countsFor(
  agg: AggregateCounts,
  area: string,
  members: readonly string[] = [],
): { counts: Map<string, Map<string, Counts>>; summedFrom: number; missing: string[] } {
  const own = agg.get(area);
  if (own) return { counts: own, summedFrom: 0, missing: [] };
  const counts = new Map<string, Map<string, Counts>>();
  const missing = members.filter((m) => !agg.has(m));
  if (members.length === 0 || missing.length === members.length)
    return { counts, summedFrom: 0, missing: [] };
  if (missing.length > 0) return { counts, summedFrom: 0, missing };
  const periods = new Set(members.flatMap((m) => [...agg.get(m)!.keys()]));
  for (const p of periods) {
    const groups = new Map<string, Counts>();
    const ids = new Set(members.flatMap((m) => [...(agg.get(m)!.get(p)?.keys() ?? [])]));
    for (const g of ids) {
      const parts = members.map((m) => agg.get(m)!.get(p)?.get(g));
      if (parts.every((x) => x !== undefined)) groups.set(g, sumCounts(parts as Counts[])!);
    }
    if (groups.size > 0) counts.set(p, groups);
  }
  return { counts, summedFrom: members.length, missing: [] };
}

export type { OutcomeGroup };
