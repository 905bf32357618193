/**
 * The focal area's trend in the drug-deaths view: Fingertips' recent-trend test on its series,
 * the change from the previous period, the sentence that says both in plain words, and the
 * breaks in its series (periods inside its run with no figure). Pure: rates in, words out.
 *
 * Death rates here are age-standardised (DSR or ONS published ASR) over 3-year pooled periods;
 * Fingertips calculates no recent trend for either, so the test reports "cannot be calculated"
 * with that reason rather than a marker Fingertips would not show. The two-period change uses
 * the rates' own 95% limits (MOVER) and says when the periods share years.
 */
import { periodSortKey } from '../../domain/periods';
import { isGroupCode } from '../../groups';
import { recentTrend, twoPeriodChange, type TrendResult, type TwoPeriodChange } from '../../stats';
import { trendSentence } from '../trendSentence';
import type { DeathRate } from './model';

export interface FocalTrend {
  trend: TrendResult;
  change: TwoPeriodChange | null;
  sentence: string;
  /** Periods between the focal area's first and last with no figure (missing or not calculated). */
  breaks: string[];
}

/** The calendar years a period label covers ("2014-16" → 2014..2016), or null. */
export function yearsOf(period: string): [number, number] | null {
  const m = /^(\d{4})\s*[-–]\s*(\d{2}|\d{4})$/.exec(period.trim());
  if (m) {
    const end = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    return [Number(m[1]), end];
  }
  const y = /^(\d{4})$/.exec(period.trim());
  return y ? [Number(y[1]), Number(y[1])] : null;
}

function shareYears(a: string, b: string): boolean {
  const x = yearsOf(a);
  const y = yearsOf(b);
  return !!x && !!y && x[0] <= y[1] && y[0] <= x[1];
}

/** Years per period for Fingertips' YearRange (3 for pooled 3-year periods). */
function yearRangeOf(periods: string[]): number {
  const spans = periods.map(yearsOf).filter((y): y is [number, number] => y !== null);
  return spans.length > 0 ? Math.max(...spans.map(([a, b]) => b - a + 1)) : 1;
}

export function focalTrend(
  rates: DeathRate[],
  focalArea: string,
  focalName: string,
  allPeriods: string[],
  latest: string | null,
): FocalTrend {
  const own = rates
    .filter((r) => r.area_code === focalArea)
    .sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period));
  const byPeriod = new Map(own.map((r) => [r.period, r]));
  // A group from published rates has no standardised rate (never averaged): its crude rate,
  // recomputed from summed deaths and population, is the series tested instead.
  const crude = isGroupCode(focalArea) && own.every((r) => r.dsr === null);
  const v = (r: DeathRate | undefined) =>
    !r
      ? { value: null, lower: null, upper: null }
      : crude
        ? { value: r.crude, lower: r.crude_lower, upper: r.crude_upper }
        : { value: r.dsr, lower: r.dsr_lower, upper: r.dsr_upper };
  const trend = recentTrend({
    points: own.map((r) => ({
      order: periodSortKey(r.period),
      value: v(r).value,
      count: r.deaths,
      denominator: r.population,
      lower95: v(r).lower,
      upper95: v(r).upper,
    })),
    valueType: crude ? 'crude-rate' : 'dsr',
    yearRange: yearRangeOf(own.map((r) => r.period)),
    polarity: 'low-is-good',
  });

  const shown = own.filter((r) => v(r).value !== null).map((r) => r.period);
  const first = shown[0];
  const last = shown[shown.length - 1];
  const breaks =
    first && last
      ? allPeriods.filter(
          (p) =>
            periodSortKey(p) > periodSortKey(first) &&
            periodSortKey(p) < periodSortKey(last) &&
            v(byPeriod.get(p)).value === null,
        )
      : [];

  const now = latest ? byPeriod.get(latest) : undefined;
  const idx = latest ? allPeriods.indexOf(latest) : -1;
  const previous = idx > 0 ? allPeriods[idx - 1] : null;
  const before = previous ? byPeriod.get(previous) : undefined;
  const change =
    now && previous
      ? twoPeriodChange(
          {
            period: previous,
            value: v(before).value,
            lower95: v(before).lower,
            upper95: v(before).upper,
          },
          {
            period: now.period,
            value: v(now).value,
            lower95: v(now).lower,
            upper95: v(now).upper,
          },
          { kind: 'rate', overlapping: shareYears(previous, now.period) },
        )
      : null;

  const sentence = trendSentence({
    areaName: focalName,
    latest: now
      ? {
          period: now.period,
          count: now.deaths,
          countNoun: 'deaths',
          value: v(now).value,
          unit: crude ? 'per 100,000 (crude rate)' : 'per 100,000',
        }
      : null,
    trend,
    change,
  });
  return { trend, change, sentence, breaks };
}
