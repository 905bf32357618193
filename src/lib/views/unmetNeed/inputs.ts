/**
 * The inputs of each unmet-need figure, from the rows the statements return: the estimate and its
 * interval, and the number in treatment, per measure and area. England and the region are summed
 * from their upper-tier authorities when the data has no row of their own. Pure.
 */
import type { Row } from '../../engine/types';
import { num, str, type AreaRole } from '../common';
import { NEED_MEASURES, TREATMENT_GROUPS, type NeedMeasure } from './measures';
import type { MeasurePeriods } from './periods';

export interface NeedInput {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  inTreatment: number | null;
  /** Why `inTreatment` is missing: "no crack-specific treatment count". */
  noCount?: string;
  /** Summed from local authorities (England or the region had no estimate of its own). */
  derived: boolean;
}

/** Per measure, per area. */
export type ByMeasure<T> = Map<NeedMeasure, Map<string, T>>;

/** The prevalence periods found, by measure. */
export function periodsByMeasure(rows: readonly Row[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(str(r.measure)) ?? [];
    list.push(str(r.p));
    out.set(str(r.measure), list);
  }
  return out;
}

/** Prevalence rows by measure and area. */
export function prevalenceByMeasure(rows: readonly Row[]): ByMeasure<Row> {
  const out: ByMeasure<Row> = new Map();
  for (const r of rows) {
    const m = str(r.measure) as NeedMeasure;
    const map = out.get(m) ?? new Map<string, Row>();
    map.set(str(r.area_code), r);
    out.set(m, map);
  }
  return out;
}

/**
 * Numbers in treatment from the aggregate table: each measure's groups summed at its period, for
 * the measures the table has a specific count for (opiates, alcohol dependence); none for an area
 * with a suppressed count among them.
 */
export function treatmentFromTable(
  rows: readonly Row[],
  periods: ReadonlyMap<NeedMeasure, MeasurePeriods>,
  measures: readonly NeedMeasure[],
): ByMeasure<number> {
  const out: ByMeasure<number> = new Map();
  for (const [measure, per] of periods) {
    const groups = TREATMENT_GROUPS[measure];
    if (!groups || !measures.includes(measure)) continue;
    const counts = new Map<string, number>();
    // A suppressed count of any of the measure's groups leaves the area without a number in
    // treatment (read as 0 it would make unmet need look larger); a group with no row is a zero.
    const suppressed = new Set<string>();
    for (const r of rows) {
      if (str(r.period) !== per.treatment || !groups.includes(str(r.substance_group))) continue;
      const area = str(r.area_code);
      const t = num(r.t);
      if (t === null) suppressed.add(area);
      else counts.set(area, (counts.get(area) ?? 0) + t);
    }
    for (const area of suppressed) counts.delete(area);
    out.set(measure, counts);
  }
  return out;
}

/** Numbers in treatment counted from record-level episodes (one row per area), for `measures`. */
export function treatmentFromEpisodes(
  rows: readonly Row[],
  measures: readonly NeedMeasure[] = NEED_MEASURES.map((m) => m.id),
): ByMeasure<number> {
  return episodeCountsBy(
    rows.filter((r) => r.composite !== true),
    measures,
  );
}

/**
 * Distinct clients of England, the region and groups counted over their members' episodes (the
 * composite rows of episodeCountsSql): the figure to use instead of the members' sum, which
 * counts a client treated in two members twice.
 */
export function distinctClientsFromEpisodes(
  rows: readonly Row[],
  measures: readonly NeedMeasure[] = NEED_MEASURES.map((m) => m.id),
): ByMeasure<number> {
  return episodeCountsBy(
    rows.filter((r) => r.composite === true),
    measures,
  );
}

function episodeCountsBy(
  rows: readonly Row[],
  measures: readonly NeedMeasure[],
): ByMeasure<number> {
  const out: ByMeasure<number> = new Map(measures.map((m) => [m, new Map()]));
  for (const r of rows) for (const m of measures) out.get(m)!.set(str(r.area_code), num(r[m]) ?? 0);
  return out;
}

/**
 * The number in treatment of England, the region or a group, from its authorities: only when
 * every one of them has a count (a sum over some would not measure the same population as the
 * estimate). `distinct` is the area's own count of distinct clients when the counts come from
 * record-level episodes: it replaces the sum, which would count a client of two members twice.
 */
export function summedCount(
  codes: readonly string[],
  treatment: ReadonlyMap<string, number>,
  distinct?: number,
): { value: number | null; noCount?: string } {
  if (codes.length === 0) return { value: null };
  const counts = codes.map((c) => treatment.get(c)).filter((v): v is number => v !== undefined);
  if (counts.length === 0) return { value: null };
  if (counts.length < codes.length)
    return {
      value: null,
      noCount: `treatment counts for only ${counts.length} of its ${codes.length} local authorities`,
    };
  return { value: distinct ?? counts.reduce((s, v) => s + v, 0) };
}

/**
 * One measure's inputs for the areas shown. `members` lists the upper-tier authorities of England
 * and of the region, for the sums; `noCount` says why an area has no number in treatment.
 * `distinct` (counts from episodes) holds England's and the region's distinct clients over all
 * their members: with it, a count over only some of them (those with an estimate) is not
 * calculated, as their distinct clients were not counted.
 */
export function needInputs(
  areas: readonly { code: string; role: AreaRole }[],
  prevalence: ReadonlyMap<string, Row>,
  treatment: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, readonly string[]>,
  noCount = 'no treatment figure',
  distinct?: ReadonlyMap<string, number>,
): Map<string, NeedInput> {
  const out = new Map<string, NeedInput>();
  const own = (code: string) => (treatment.has(code) ? { value: treatment.get(code)! } : null);
  for (const a of areas) {
    const aggregate = a.role === 'england' || a.role === 'region';
    const p = prevalence.get(a.code);
    const all = members.get(a.code) ?? [];
    let input: NeedInput | null = null;
    let count: { value: number | null; noCount?: string } | null = own(a.code);
    if (p && num(p.estimate) !== null) {
      if (!count && aggregate) count = summedCount(all, treatment, distinct?.get(a.code));
      input = {
        estimate: num(p.estimate),
        lower: num(p.lower),
        upper: num(p.upper),
        inTreatment: null,
        derived: false,
      };
    } else if (aggregate) {
      const list = all.filter((c) => prevalence.has(c));
      if (list.length === 0) continue;
      if (!count && distinct && list.length < all.length)
        count = {
          value: null,
          noCount: `clients counted from episodes over all ${all.length} of its local authorities, but only ${list.length} have an estimate`,
        };
      count ??= summedCount(list, treatment, distinct?.get(a.code));
      input = {
        estimate: list.reduce((s, c) => s + (num(prevalence.get(c)!.estimate) ?? 0), 0),
        lower: null,
        upper: null,
        inTreatment: null,
        derived: true,
      };
    }
    if (!input) continue;
    input.inTreatment = count?.value ?? null;
    if (input.inTreatment === null) input.noCount = count?.noCount ?? noCount;
    out.set(a.code, input);
  }
  return out;
}
