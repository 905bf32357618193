/**
 * Unmet and met need from each area's inputs (src/lib/stats: the prevalence-interval method of
 * Fingertips 93517/93532), as indicator rows, table rows and chart bars. Pure.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { metNeed, unmetNeed } from '../../stats';
import type { RankedBarRow } from '../charts';
import { ROLE_LABEL, fmtCount, indicatorRow, rankedBarLabel, type AreaRole } from '../common';
import type { NeedInput } from './inputs';
import type { NEED_MEASURES } from './measures';
import type { MeasurePeriods } from './periods';

interface Interval {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface NeedFigures {
  unmet: Interval;
  met: Interval;
  /** Why a figure is missing or flagged ('' when there is nothing to say). */
  note: string;
}

const NONE: Interval = { value: null, lower: null, upper: null };

/**
 * Why unmet need cannot be calculated from these inputs, or null when it can. A figure is drawn
 * only when its inputs measure the same thing and make sense together: a number in treatment for
 * the same substance, an estimate above zero whose interval contains it, and no more people in
 * treatment than the estimate (unmet need below 0%, met need above 100%).
 */
export function whyNotCalculated(input: NeedInput): string | null {
  const { estimate, lower, upper, inTreatment } = input;
  if (inTreatment === null) return input.noCount ?? 'no treatment figure';
  if (estimate === null || estimate <= 0) return 'no estimated need above zero';
  if (inTreatment < 0) return `a negative number in treatment (${fmtCount(inTreatment)})`;
  if ((lower !== null && lower > estimate) || (upper !== null && upper < estimate))
    return `the estimate's interval (${fmtCount(lower)}–${fmtCount(upper)}) does not contain the estimate (${fmtCount(estimate)})`;
  if (inTreatment > estimate)
    return `more in treatment (${fmtCount(inTreatment)}) than the estimated need (${fmtCount(estimate)})`;
  return null;
}

/** Unmet and met need for one area, with the note on what is missing or odd. */
export function needFigures(input: NeedInput): NeedFigures {
  const summed = input.derived ? 'summed from local authority estimates; no interval' : '';
  const why = whyNotCalculated(input);
  if (why !== null)
    return {
      unmet: NONE,
      met: NONE,
      note: [summed, `not calculated: ${why}`].filter(Boolean).join('; '),
    };
  const need = {
    estimate: input.estimate!,
    estimateLower: input.lower !== null && input.lower > 0 ? input.lower : null,
    estimateUpper: input.upper !== null && input.upper > 0 ? input.upper : null,
    inTreatment: input.inTreatment!,
  };
  const unmet = unmetNeed(need);
  const note =
    !input.derived && (unmet.lower === null || unmet.upper === null)
      ? 'no prevalence interval'
      : summed;
  return { unmet, met: metNeed(need), note };
}

export interface MeasureRows {
  indicators: IndicatorRow[];
  tableRows: Row[];
  bars: RankedBarRow[];
  /** Some figure was summed from local authorities (the view says so once). */
  derivedAny: boolean;
}

/** The period label of a measure's figures: the prevalence period, and treatment's when it differs. */
export function periodLabel(per: MeasurePeriods): string {
  return per.treatment && per.treatment !== per.prevalence
    ? `${per.prevalence} (treatment ${per.treatment})`
    : per.prevalence;
}

/** One measure's indicator rows (unmet and met need), table rows and bars, area by area. */
export function measureRows(
  m: (typeof NEED_MEASURES)[number],
  per: MeasurePeriods,
  areas: readonly { code: string; role: AreaRole }[],
  inputs: ReadonlyMap<string, NeedInput>,
  nameOf: (code: string) => string,
  synthetic: boolean,
): MeasureRows {
  const out: MeasureRows = { indicators: [], tableRows: [], bars: [], derivedAny: false };
  const period = periodLabel(per);
  for (const a of areas) {
    const input = inputs.get(a.code);
    if (!input) continue;
    if (input.derived) out.derivedAny = true;
    const name = nameOf(a.code);
    const { unmet, met, note } = needFigures(input);
    const common = {
      area_code: a.code,
      area_name: name,
      period,
      sex: 'Persons',
      age: m.age,
      unit: '%',
      method: 'Prevalence-interval method (Fingertips 93517/93532)',
      synthetic,
    };
    out.indicators.push(
      indicatorRow({
        ...common,
        indicator_id: `unmet_need_${m.id}`,
        indicator_name: `Unmet need for treatment: ${m.label}`,
        value: unmet.value,
        lower_95: unmet.lower,
        upper_95: unmet.upper,
        count:
          input.estimate !== null && input.inTreatment !== null
            ? input.estimate - input.inTreatment
            : null,
        denominator: input.estimate,
        polarity: 'low_is_good',
        note,
      }),
      indicatorRow({
        ...common,
        indicator_id: `met_need_${m.id}`,
        indicator_name: `Met need for treatment: ${m.label}`,
        value: met.value,
        lower_95: met.lower,
        upper_95: met.upper,
        count: input.inTreatment,
        denominator: input.estimate,
        polarity: 'high_is_good',
        note,
      }),
    );
    out.tableRows.push({
      substance: m.label,
      area_name: name,
      area_code: a.code,
      role: ROLE_LABEL[a.role],
      period,
      estimate: input.estimate,
      estimate_lower: input.lower,
      estimate_upper: input.upper,
      in_treatment: input.inTreatment,
      unmet_pct: unmet.value,
      unmet_lower: unmet.lower,
      unmet_upper: unmet.upper,
      met_pct: met.value,
      met_lower: met.lower,
      met_upper: met.upper,
      note,
      synthetic,
    });
    out.bars.push({
      label: rankedBarLabel(name, a.role),
      value: unmet.value,
      lower: unmet.lower,
      upper: unmet.upper,
      role: ROLE_LABEL[a.role],
      marker: a.role === 'focal' ? '◀ focal area' : '',
    });
  }
  return out;
}
