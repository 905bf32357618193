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

/** Numbers in treatment from the aggregate table: each measure's groups summed at its period. */
export function treatmentFromTable(
  rows: readonly Row[],
  periods: ReadonlyMap<NeedMeasure, MeasurePeriods>,
): ByMeasure<number> {
  const out: ByMeasure<number> = new Map();
  for (const [measure, per] of periods) {
    const counts = new Map<string, number>();
    const groups = TREATMENT_GROUPS[measure];
    for (const r of rows) {
      if (str(r.period) !== per.treatment || !groups.includes(str(r.substance_group))) continue;
      const area = str(r.area_code);
      counts.set(area, (counts.get(area) ?? 0) + (num(r.t) ?? 0));
    }
    out.set(measure, counts);
  }
  return out;
}

/** Numbers in treatment counted from record-level episodes (one row per area). */
export function treatmentFromEpisodes(rows: readonly Row[]): ByMeasure<number> {
  const out: ByMeasure<number> = new Map(NEED_MEASURES.map((m) => [m.id, new Map()]));
  for (const r of rows)
    for (const m of NEED_MEASURES) out.get(m.id)!.set(str(r.area_code), num(r[m.id]) ?? 0);
  return out;
}

const sum = (values: number[]): number | null =>
  values.length > 0 ? values.reduce((s, v) => s + v, 0) : null;

/**
 * One measure's inputs for the areas shown. `members` lists the upper-tier authorities of England
 * and of the region, for the sums.
 */
export function needInputs(
  areas: readonly { code: string; role: AreaRole }[],
  prevalence: ReadonlyMap<string, Row>,
  treatment: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, readonly string[]>,
): Map<string, NeedInput> {
  const out = new Map<string, NeedInput>();
  const summed = (codes: readonly string[]) =>
    sum(codes.map((c) => treatment.get(c)).filter((v): v is number => v !== undefined));
  for (const a of areas) {
    const aggregate = a.role === 'england' || a.role === 'region';
    const p = prevalence.get(a.code);
    if (p && num(p.estimate) !== null) {
      let inTreatment = treatment.has(a.code) ? treatment.get(a.code)! : null;
      if (inTreatment === null && aggregate) inTreatment = summed(members.get(a.code) ?? []);
      out.set(a.code, {
        estimate: num(p.estimate),
        lower: num(p.lower),
        upper: num(p.upper),
        inTreatment,
        derived: false,
      });
    } else if (aggregate) {
      const list = (members.get(a.code) ?? []).filter((c) => prevalence.has(c));
      if (list.length === 0) continue;
      out.set(a.code, {
        estimate: list.reduce((s, c) => s + (num(prevalence.get(c)!.estimate) ?? 0), 0),
        lower: null,
        upper: null,
        inTreatment: treatment.get(a.code) ?? summed(list),
        derived: true,
      });
    }
  }
  return out;
}
