/**
 * From rates to what the view reports: ONS published rates read as rates, comparisons with a
 * benchmark, the indicator rows, and the notes on rates not calculated or of low reliability.
 * Pure: rows in, indicator rows and notes out.
 */
import type { Row } from '../../engine/types';
import { ENGLAND } from '../../domain/areas';
import { isGroupCode } from '../../groups';
import { periodSortKey } from '../../domain/periods';
import { statsPolarity, type Polarity } from '../../domain/polarity';
import type { IndicatorRow } from '../../schema/indicator';
import {
  compareWithBenchmark,
  EXACT_RATE_THRESHOLD,
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
  significanceLabel,
} from '../../stats';
import { indicatorRow, num, str, type AreaRole } from '../common';
import {
  MEASURE_LABEL,
  RULE_TEXT,
  type DeathMeasure,
  type DeathRate,
  type DeathSex,
  type ResolvedSource,
} from './model';

/** Fewer deaths are better. */
export const DEATHS_POLARITY: Polarity = 'low_is_good';

/**
 * ONS published rates, one per area and period: ":" where ONS gave no rate, "u" where ONS
 * flagged it or the deaths are under the reliability threshold.
 */
export function publishedRates(rows: Row[]): DeathRate[] {
  return rows.map((x) => {
    const deaths = num(x.deaths);
    const rate = num(x.rate);
    const published = str(x.flag).trim().toLowerCase();
    const notesHere: string[] = [];
    let flag = '';
    if (rate === null) {
      flag = ':';
      notesHere.push(
        deaths !== null && deaths < ONS_MINIMUM_DEATHS_FOR_ASR
          ? RULE_TEXT.notCalculated
          : 'not calculated (:)',
      );
    } else if (published === 'u' || (deaths !== null && deaths < ONS_RELIABLE_DEATHS)) {
      flag = 'u';
      notesHere.push(RULE_TEXT.lowReliability);
    }
    return {
      area_code: str(x.area_code),
      period: str(x.period),
      deaths,
      population: null,
      crude: null,
      crude_lower: null,
      crude_upper: null,
      dsr: rate,
      dsr_lower: num(x.lower),
      dsr_upper: num(x.upper),
      flag,
      note: notesHere.join('; '),
    };
  });
}

/** The rate against a benchmark's by the area's 95% CI ("" for none, or the same area). */
export function compareRates(r: DeathRate, b: DeathRate | undefined): string {
  if (!b || r.area_code === b.area_code) return '';
  return significanceLabel(
    compareWithBenchmark(
      { value: r.dsr, lower95: r.dsr_lower, upper95: r.dsr_upper },
      { value: b.dsr },
      { polarity: statsPolarity(DEATHS_POLARITY) },
    ),
  );
}

/** Focal area first, then England, the region and the comparators. */
export function roleOrder(role: AreaRole | undefined): number {
  return role === 'focal' ? 0 : role === 'england' ? 1 : role === 'region' ? 2 : 3;
}

export interface IndicatorInput {
  rates: DeathRate[];
  measure: DeathMeasure;
  source: ResolvedSource;
  sex: DeathSex;
  names: ReadonlyMap<string, string>;
  roleOf: ReadonlyMap<string, AreaRole>;
  synthetic: boolean;
}

/** The crude rate's own caveat: none shown under 3 deaths, "u" under 20. */
function crudeNote(deaths: number | null): string {
  if (deaths === null) return '';
  if (deaths < ONS_MINIMUM_DEATHS_FOR_CRUDE) return RULE_TEXT.noCrude;
  if (deaths < ONS_RELIABLE_DEATHS) return RULE_TEXT.lowReliability;
  return '';
}

/**
 * Indicator rows, by role and then period: the age-standardised rate always, the crude rate
 * unless the rates are published, and the share known to treatment where records gave one.
 */
export function indicatorRows(input: IndicatorInput): IndicatorRow[] {
  const { measure, source, sex, names, roleOf, synthetic } = input;
  const baseName = MEASURE_LABEL[measure];
  const method =
    source === 'published'
      ? 'ONS published age-standardised rate (ESP2013), 95% CI'
      : 'Directly age-standardised rate (ESP2013), Dobson 95% CI';
  const sorted = [...input.rates].sort(
    (a, b) =>
      roleOrder(roleOf.get(a.area_code)) - roleOrder(roleOf.get(b.area_code)) ||
      periodSortKey(a.period) - periodSortKey(b.period),
  );
  const out: IndicatorRow[] = [];
  for (const r of sorted) {
    const common = {
      area_code: r.area_code,
      area_name: names.get(r.area_code) ?? r.area_code,
      period: r.period,
      sex,
      age: 'All ages',
      synthetic,
      count: r.deaths,
      denominator: r.population,
    };
    out.push(
      indicatorRow({
        ...common,
        indicator_id: `${measure}_deaths_asr`,
        indicator_name: `${baseName}: age-standardised rate per 100,000`,
        value: r.dsr,
        lower_95: r.dsr_lower,
        upper_95: r.dsr_upper,
        unit: 'per 100,000',
        polarity: DEATHS_POLARITY,
        note: r.note,
        method,
      }),
    );
    // Groups' crude rates are recomputed from summed deaths even where the rates are published.
    if (source !== 'published' || isGroupCode(r.area_code))
      out.push(
        indicatorRow({
          ...common,
          indicator_id: `${measure}_deaths_crude`,
          indicator_name: `${baseName}: crude rate per 100,000`,
          value: r.crude,
          lower_95: r.crude_lower,
          upper_95: r.crude_upper,
          unit: 'per 100,000',
          polarity: DEATHS_POLARITY,
          note: crudeNote(r.deaths),
          method: `Crude rate, exact (under ${EXACT_RATE_THRESHOLD}) or Byar’s 95% CI`,
        }),
      );
    if (r.known_pct !== undefined && r.known_pct !== null)
      out.push(
        indicatorRow({
          ...common,
          indicator_id: `${measure}_deaths_known_to_treatment`,
          indicator_name: `${baseName}: % known to treatment services`,
          value: r.known_pct,
          lower_95: r.known_lower ?? null,
          upper_95: r.known_upper ?? null,
          count: r.known_to_treatment ?? null,
          denominator: r.deaths,
          unit: '%',
          polarity: 'none',
          note: '',
          method: 'Proportion, Wilson 95% CI',
        }),
      );
  }
  return out;
}

/** Notes on the whole result: rates not calculated or flagged, and missing England or focal area. */
export function summaryNotes(
  rates: DeathRate[],
  focalArea: string,
  focalName: string,
  measure: DeathMeasure,
): string[] {
  const notes: string[] = [];
  const notCalculated = rates.filter((r) => r.flag === ':').length;
  const lowReliability = rates.filter((r) => r.flag === 'u').length;
  if (notCalculated > 0)
    notes.push(
      `${notCalculated} area-period rate(s) not calculated (":"): fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths (ONS rule). They are listed, not hidden.`,
    );
  if (lowReliability > 0)
    notes.push(
      `${lowReliability} area-period rate(s) flagged "u" (low reliability): fewer than ${ONS_RELIABLE_DEATHS} deaths.`,
    );
  if (!rates.some((r) => r.area_code === ENGLAND))
    notes.push('No England figure in the data: comparisons with England are not made.');
  if (!rates.some((r) => r.area_code === focalArea))
    notes.push(`No ${MEASURE_LABEL[measure].toLowerCase()} for ${focalName} (${focalArea}).`);
  return notes;
}
