/**
 * Indicator rows from outcome counts, the same for record-level and aggregate sources: proportions
 * with Wilson 95% intervals (src/lib/stats), the median time in treatment, the cohort's age
 * profile; a figure that cannot be computed honestly says why, small numbers are flagged (and keep
 * their count and denominator so the export's disclosure control can protect them). Pure.
 */
import type { IndicatorRow } from '../../schema/indicator';
import { proportion } from '../../stats';
import { indicatorRow } from '../common';
import { median } from './episodes';
import {
  AGE_BANDS,
  SMALL_COUNT,
  SMALL_DENOMINATOR,
  ageIndicatorIdOf,
  groupLabel,
  indicatorIdOf,
  measureInfo,
  type MeasureId,
} from './model';

/** What a source knows for one area, period and group; null = not known (not zero). */
export interface AreaCounts {
  inTreatment: number | null;
  completions: number | null;
  completionsNoRepresentation: number | null;
  representations: number | null;
  deaths: number | null;
  starts: number | null;
  earlyUnplannedExits: number | null;
  durations?: number[];
  ages?: Record<string, number>;
}

export interface RowContext {
  areaCode: string;
  areaName: string;
  period: string;
  group: string;
  synthetic: boolean;
  /** "treatment episodes" or "aggregate counts (treatment_outcomes)". */
  source: string;
  /** Why a follow-up measure is missing for this period, when it is. */
  followUpNote?: string;
}

/** The flag for small numbers: shown, not hidden; exports' disclosure control decides what leaves. */
export function smallNumberNote(count: number, denominator: number): string {
  if ((count > 0 && count < SMALL_COUNT) || denominator < SMALL_DENOMINATOR)
    return `small numbers (count under ${SMALL_COUNT} or denominator under ${SMALL_DENOMINATOR}): interpret with care; disclosure control applies on export`;
  return '';
}

/** One proportion row: value and Wilson interval, or "not calculated" with the reason. */
export function proportionRow(
  ctx: RowContext,
  measure: MeasureId,
  count: number | null,
  denominator: number | null,
  missingWhy: string,
): IndicatorRow {
  const info = measureInfo(measure);
  const base = indicatorRow({
    indicator_id: indicatorIdOf(measure, ctx.group),
    indicator_name: `${info.name}: ${groupLabel(ctx.group)}`,
    area_code: ctx.areaCode,
    area_name: ctx.areaName,
    period: ctx.period,
    unit: '%',
    polarity: info.polarity,
    count,
    denominator,
    method: `Proportion, Wilson 95% CI; from ${ctx.source}`,
    synthetic: ctx.synthetic || undefined,
  });
  if (count === null) return { ...base, note: `not calculated: ${missingWhy}` };
  if (denominator === null || denominator <= 0)
    return { ...base, note: 'not calculated: no one in the denominator' };
  if (count > denominator)
    return {
      ...base,
      note: `not calculated: the count (${count}) is larger than its denominator (${denominator})`,
    };
  const p = proportion(count, denominator, { multiplier: 100 });
  return {
    ...base,
    value: p.value,
    lower_95: p.lower,
    upper_95: p.upper,
    note: smallNumberNote(count, denominator),
  };
}

/** Every measure for one area, period and group. */
export function outcomeRows(ctx: RowContext, c: AreaCounts): IndicatorRow[] {
  const notInSource = `not in the ${ctx.source}`;
  const followUp = ctx.followUpNote ?? notInSource;
  const representationDenominator = c.representations !== null ? c.completions : null;
  const rows = [
    proportionRow(ctx, 'successful_completion', c.completions, c.inTreatment, notInSource),
    proportionRow(
      ctx,
      'completion_no_representation',
      c.completionsNoRepresentation,
      c.inTreatment,
      followUp,
    ),
    proportionRow(ctx, 'early_unplanned_exit', c.earlyUnplannedExits, c.starts, notInSource),
    proportionRow(ctx, 'representation', c.representations, representationDenominator, followUp),
    proportionRow(ctx, 'deaths_in_treatment', c.deaths, c.inTreatment, notInSource),
  ];
  if (c.durations) rows.push(medianRow(ctx, c.durations));
  return rows;
}

/** Median days from start to discharge; "not calculated" with no episodes, flagged under 10. */
export function medianRow(ctx: RowContext, durations: readonly number[]): IndicatorRow {
  const info = measureInfo('median_days');
  const m = median(durations);
  return indicatorRow({
    indicator_id: indicatorIdOf('median_days', ctx.group),
    indicator_name: `${info.name}: ${groupLabel(ctx.group)}`,
    area_code: ctx.areaCode,
    area_name: ctx.areaName,
    period: ctx.period,
    unit: 'days',
    polarity: 'none',
    value: m,
    count: durations.length,
    note:
      m === null
        ? 'not calculated: no episode ended in the period'
        : durations.length < SMALL_DENOMINATOR
          ? `small numbers (fewer than ${SMALL_DENOMINATOR} episodes): interpret with care; disclosure control applies on export`
          : '',
    method: `Median (exact) of days from start to discharge; from ${ctx.source}`,
    synthetic: ctx.synthetic || undefined,
  });
}

/** Share of the cohort in each age band (age at the start of the person's latest episode). */
export function ageProfileRows(
  ctx: RowContext,
  ages: Record<string, number>,
  inTreatment: number,
): IndicatorRow[] {
  const known = AGE_BANDS.reduce((s, b) => s + (ages[b.label] ?? 0), 0);
  return AGE_BANDS.map((b) => {
    const row = proportionRow(
      { ...ctx },
      'successful_completion',
      ages[b.label] ?? 0,
      known,
      'no ages recorded',
    );
    return {
      ...row,
      indicator_id: ageIndicatorIdOf(ctx.group),
      indicator_name: `Adults in treatment by age (% of those with an age recorded): ${groupLabel(ctx.group)}`,
      age: b.label,
      polarity: 'none',
      note:
        known < inTreatment && row.note === ''
          ? `${inTreatment - known} without an age recorded left out`
          : row.note,
    };
  });
}
