/**
 * A trend in plain words, for chart descriptions, notes and the report:
 * "Peterborough: 30 deaths, 5.0 per 100,000 in 2015-17; no significant change over the last five
 * periods". Pure: the latest figure, the recent-trend result (../stats/trend) and optionally the
 * two-period change (../stats/change) in, one sentence out.
 */
import {
  changeLabel,
  trendLabel,
  TREND_POINTS_TO_USE,
  type TrendResult,
  type TwoPeriodChange,
} from '../stats';

export interface TrendSentenceInput {
  areaName: string;
  /** The latest period's figure; null when the area has none. */
  latest: {
    period: string;
    count: number | null;
    /** What the count counts, plural ("deaths"). */
    countNoun: string;
    value: number | null;
    /** "per 100,000", "%" … */
    unit: string;
  } | null;
  trend: TrendResult;
  /** The change from the previous period, when one was tested. */
  change?: TwoPeriodChange | null;
}

/** Fingertips' validation messages in plain words (why no recent trend). */
const PLAIN_REASON: Record<string, string> = {
  'The recent trend cannot be calculated for this value type':
    'Fingertips calculates a recent trend only for proportions and crude rates',
  'The recent trend cannot be calculated for this year range':
    'Fingertips calculates a recent trend only for single-year periods, and pooled periods that share years are not independent',
  'No data points found': 'there are no figures',
  'Not enough data points to calculate recent trend': `fewer than ${TREND_POINTS_TO_USE} periods`,
  'Not enough data points with valid values to calculate recent trend': `the latest ${TREND_POINTS_TO_USE} periods are not all available (a missing or suppressed period breaks the series)`,
  'The recent trend cannot be calculated': 'a count equals its denominator in one of the periods',
};

export function plainTrendReason(message: string): string {
  return PLAIN_REASON[message] ?? message;
}

const NUMBER = new Intl.NumberFormat('en-GB');

/** A count's own unit ("count", "number") or none: the value is the count, shown once. */
const isCountUnit = (unit: string) => ['', 'count', 'number'].includes(unit.trim().toLowerCase());

function figure(latest: NonNullable<TrendSentenceInput['latest']>): string {
  const parts: string[] = [];
  const countUnit = isCountUnit(latest.unit);
  // A figure that is the count itself ("266 people"): said once, in its own unit.
  if (latest.count !== null && latest.count === latest.value && !/^(%|per )/.test(latest.unit))
    return `${NUMBER.format(latest.count)}${countUnit ? '' : ` ${latest.unit}`} in ${latest.period}`;
  if (latest.count !== null && !(countUnit && latest.count === latest.value))
    parts.push(
      latest.countNoun
        ? `${NUMBER.format(latest.count)} ${latest.countNoun}`
        : NUMBER.format(latest.count),
    );
  parts.push(
    latest.value === null
      ? 'rate not calculated'
      : countUnit
        ? NUMBER.format(latest.value)
        : `${latest.value.toFixed(1)}${latest.unit === '%' ? '%' : ` ${latest.unit}`}`,
  );
  return `${parts.join(', ')} in ${latest.period}`;
}

function trendClause(trend: TrendResult): string {
  if (trend.marker === 'cannot-be-calculated')
    return `recent trend cannot be calculated (${plainTrendReason(trend.message)})`;
  const words =
    ['', 'one', 'two', 'three', 'four', 'five', 'six'][trend.pointsUsed] ??
    String(trend.pointsUsed);
  return `${trendLabel(trend)} over the last ${words} periods`;
}

export function trendSentence(input: TrendSentenceInput): string {
  const head = input.latest
    ? `${input.areaName}: ${figure(input.latest)}`
    : `${input.areaName}: no figure`;
  let out = `${head}; ${trendClause(input.trend)}`;
  const c = input.change;
  if (c) out += `; since ${c.periods[0]}: ${changeLabel(c.result)} (${c.reason})`;
  return out;
}
