import { poissonFunnelMean } from './poissonBisection';
import { chiSquareQuantile, standardNormalQuantile } from './quantiles';
import { roundHalfEven, signifCeiling, signifFloor } from './rRounding';
import { isMissing } from './validation';

/** One area on a proportion funnel plot. */
export interface FunnelProportionPoint {
  numerator: number;
  denominator: number;
}

/**
 * One area on a rate funnel plot. The package works from the published rate: for a DSR the
 * population is derived as multiplier·count/rate. `denominator` is needed for a crude rate
 * with 0 events (the rate cannot give it); when given for a crude rate it is used throughout
 * the limits, as in PHEindicatormethods.
 */
export interface FunnelRatePoint {
  count: number;
  rate: number | null | undefined;
  denominator?: number | null;
}

/** Options for rate funnels. */
export interface RateFunnelOptions {
  rateType: 'dsr' | 'crude';
  /** Rate per this many, e.g. 100000. */
  multiplier: number;
  /**
   * Number of years pooled (populations on the axis are per year). Required for limits and
   * points; significance does not use it.
   */
  yearsOfData?: number;
}

/** A point of the proportion funnel: 95% (2s) and 99.8% (3s) control limits at a population. */
export interface ProportionFunnelLimit {
  population: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  baseline: number;
}

/** A point of the rate funnel at a number of events, with the one-year population it implies. */
export interface RateFunnelLimit {
  events: number;
  lower95Population1Year: number;
  lower95: number;
  upper95Population1Year: number;
  upper95: number;
  lower998Population1Year: number;
  lower998: number;
  upper998Population1Year: number;
  upper998: number;
  baseline: number;
}

/** PHEindicatormethods significance labels, kept verbatim so exports match the package. */
export type FunnelSignificance =
  | 'High (0.001)'
  | 'High (0.025)'
  | 'Low (0.001)'
  | 'Low (0.025)'
  | 'Not significant'
  | 'Not applicable for events less than 10 for dsrs';

/** A rate funnel's chart point: the rate to plot and the per-year population on the x axis. */
export interface RateFunnelPoint {
  rateChart: number | null;
  denominatorDerived: number | null;
}

/** Number of points on a funnel's x axis (PHEindicatormethods R/Funnels.R). */
export const FUNNEL_AXIS_POINTS = 100;

/** Counts below this give no DSR, so DSR funnels neither plot nor test them. */
const DSR_MINIMUM_EVENTS = 10;

/**
 * PHEindicatormethods `sigma_adjustment` (R/Funnels.R): the proportion at which a Wilson-type
 * score test at normal quantile qnorm(p) is exactly significant for a denominator, around the
 * average proportion; times the multiplier.
 */
export function sigmaAdjustment(
  p: number,
  population: number,
  averageProportion: number,
  side: 'low' | 'high',
  multiplier: number,
): number {
  const z2 = standardNormalQuantile(p) ** 2;
  const a = averageProportion;
  const firstPart = a * (population / z2 + 1);
  const adj = Math.sqrt(
    (-8 * a * (population / z2 + 1)) ** 2 -
      64 *
        (1 / z2 + 1 / population) *
        a *
        (population * (a * (population / z2 + 2) - 1) + z2 * (a - 1)),
  );
  const lastPart = 1 / z2 + 1 / population;
  const limit =
    side === 'low' ? (firstPart - adj / 8) / lastPart : (firstPart + adj / 8) / lastPart;
  return (limit / population) * multiplier;
}

/**
 * The funnel's x axis: 100 points from max(1, axisMinimum) growing geometrically towards
 * axisMaximum, each rounded (half to even, as R) and at least one more than the last.
 * PHEindicatormethods `calculate_funnel_limits` (R/Funnels.R).
 */
export function funnelAxis(axisMinimum: number, axisMaximum: number): number[] {
  const axis = [Math.max(1, axisMinimum)];
  for (let j = 2; j <= FUNNEL_AXIS_POINTS; j++) {
    const previous = axis[axis.length - 1];
    const grown = roundHalfEven((axisMaximum / previous) ** (1 / (101 - j)) * previous);
    axis.push(Math.max(grown, previous + 1));
  }
  return axis;
}

function checkPoints(points: readonly unknown[], what: string): void {
  if (points.length === 0) throw new Error(`${what}: no areas were given`);
}

function checkProportionPoint(point: FunnelProportionPoint, index: number, what: string): void {
  const { numerator, denominator } = point;
  const where = `${what}: area ${index + 1}`;
  if (isMissing(numerator) || !Number.isFinite(numerator) || numerator < 0) {
    throw new Error(`${where} has numerator ${String(numerator)}; numerators must be zero or more`);
  }
  if (isMissing(denominator) || !Number.isFinite(denominator) || denominator <= 0) {
    throw new Error(
      `${where} has denominator ${String(denominator)}; denominators must be greater than zero`,
    );
  }
  if (numerator > denominator) {
    throw new Error(
      `${where}: numerator ${String(numerator)} is larger than denominator ${String(denominator)}`,
    );
  }
}

function checkRatePoint(point: FunnelRatePoint, index: number, what: string): void {
  const where = `${what}: area ${index + 1}`;
  if (isMissing(point.count) || !Number.isFinite(point.count) || point.count < 0) {
    throw new Error(`${where} has count ${String(point.count)}; counts must be zero or more`);
  }
  if (!isMissing(point.rate) && (!Number.isFinite(point.rate) || point.rate < 0)) {
    throw new Error(`${where} has rate ${String(point.rate)}; rates must be zero or more`);
  }
  const d = point.denominator;
  if (!isMissing(d) && (!Number.isFinite(d) || d <= 0)) {
    throw new Error(
      `${where} has denominator ${String(d)}; denominators must be greater than zero`,
    );
  }
}

function checkRateOptions(opts: RateFunnelOptions, what: string, needYears: boolean): number {
  if (opts.rateType !== 'dsr' && opts.rateType !== 'crude') {
    throw new Error(`${what}: rate type must be 'dsr' or 'crude', got '${String(opts.rateType)}'`);
  }
  if (!Number.isFinite(opts.multiplier) || opts.multiplier <= 0) {
    throw new Error(`${what}: multiplier ${String(opts.multiplier)} must be greater than zero`);
  }
  const years = opts.yearsOfData;
  if (years === undefined) {
    if (needYears) throw new Error(`${what}: the number of years of data is required`);
    return 1;
  }
  if (!Number.isFinite(years) || years <= 0) {
    throw new Error(`${what}: years of data ${String(years)} must be greater than zero`);
  }
  return years;
}

const sum = (xs: readonly number[]): number => xs.reduce((total, x) => total + x, 0);

/**
 * Control limits for a proportion funnel plot: 95% (p = 0.975) and 99.8% (p = 0.999) limits
 * around the overall proportion Σx/Σn on a 100-point population axis. PHEindicatormethods
 * `calculate_funnel_limits(statistic = "proportion")` (Fingertips technical guidance; Spiegelhalter
 * 2005). The axis starts at 0 unless the largest denominator is at most twice the smallest.
 * Limits are kept within [0, multiplier]; the package caps at 100 whatever the multiplier, which
 * is the same for percentages (the default) and only differs for multiplier 1.
 */
export function proportionFunnelLimits(
  points: readonly FunnelProportionPoint[],
  opts: { multiplier?: number } = {},
): ProportionFunnelLimit[] {
  const what = 'Funnel limits';
  checkPoints(points, what);
  points.forEach((p, i) => checkProportionPoint(p, i, what));
  const multiplier = opts.multiplier ?? 100;
  const denominators = points.map((p) => p.denominator);
  const average = sum(points.map((p) => p.numerator)) / sum(denominators);
  const minDenominator = Math.min(...denominators);
  const maxDenominator = Math.max(...denominators);
  const axisMinimum = maxDenominator > 2 * minDenominator ? 0 : signifFloor(minDenominator);
  const axisMaximum = signifCeiling(maxDenominator);
  const limit = (p: number, population: number, side: 'low' | 'high'): number => {
    const value = sigmaAdjustment(p, population, average, side, multiplier);
    return side === 'low' ? Math.max(0, value) : Math.min(multiplier, value);
  };
  return funnelAxis(axisMinimum, axisMaximum).map((population) => ({
    population,
    lower95: limit(0.975, population, 'low'),
    upper95: limit(0.975, population, 'high'),
    lower998: limit(0.999, population, 'low'),
    upper998: limit(0.999, population, 'high'),
    baseline: average * multiplier,
  }));
}

/** Denominator behind a rate point, as `calculate_funnel_limits` derives it; null if unknown. */
function limitDenominator(point: FunnelRatePoint, opts: RateFunnelOptions): number | null {
  if (opts.rateType === 'crude' && !isMissing(point.denominator)) return point.denominator;
  if (opts.rateType === 'dsr' && point.count === 0) return null;
  if (point.count === 0 || isMissing(point.rate) || point.rate === 0) {
    if (opts.rateType === 'crude') {
      throw new Error(
        'Funnel limits: a crude rate with 0 events (or no rate) needs its denominator',
      );
    }
    return null;
  }
  return (opts.multiplier * point.count) / point.rate;
}

/**
 * Control limits for a rate funnel plot (crude rate or DSR): for each of 100 event counts on
 * the axis, the one-year population at which that count is exactly significant at 95% and 99.8%
 * (exact Poisson by bisection) and the rate it implies. PHEindicatormethods
 * `calculate_funnel_limits(statistic = "rate")` and `poisson_funnel` (R/Funnels.R, R/utils.R).
 */
export function rateFunnelLimits(
  points: readonly FunnelRatePoint[],
  opts: RateFunnelOptions,
): RateFunnelLimit[] {
  const what = 'Funnel limits';
  checkPoints(points, what);
  const yearsOfData = checkRateOptions(opts, what, true);
  points.forEach((p, i) => checkRatePoint(p, i, what));
  const { multiplier } = opts;
  const derived = points
    .map((p) => limitDenominator(p, opts))
    .filter((d): d is number => d !== null);
  if (derived.length === 0) throw new Error(`${what}: no area has a usable rate or denominator`);
  const average = sum(points.map((p) => p.count)) / sum(derived);
  if (average === 0) {
    throw new Error(`${what}: no area has any events, so there is no average rate to draw around`);
  }
  const minDenominator = Math.min(...derived);
  const maxDenominator = Math.max(...derived);
  const populationMinimum =
    maxDenominator > 2 * minDenominator
      ? 0
      : signifFloor(minDenominator / yearsOfData) * yearsOfData;
  const populationMaximum = signifCeiling(maxDenominator / yearsOfData) * yearsOfData;
  // The rate funnel's axis is in events: populations times the average rate.
  const axis = funnelAxis(
    Math.floor(populationMinimum * average),
    Math.ceil(populationMaximum * average),
  );
  return axis.map((events) => {
    const population = (p: number, side: 'low' | 'high'): number =>
      poissonFunnelMean(events, p, side) / average;
    const lower95Population = population(0.025, 'high');
    const upper95Population = population(0.025, 'low');
    const lower998Population = population(0.001, 'high');
    const upper998Population = population(0.001, 'low');
    return {
      events,
      lower95Population1Year: lower95Population / yearsOfData,
      lower95: (events / lower95Population) * multiplier,
      upper95Population1Year: upper95Population / yearsOfData,
      upper95: (events / upper95Population) * multiplier,
      lower998Population1Year: lower998Population / yearsOfData,
      lower998: (events / lower998Population) * multiplier,
      upper998Population1Year: upper998Population / yearsOfData,
      upper998: (events / upper998Population) * multiplier,
      baseline: average * multiplier,
    };
  });
}

/**
 * Which funnel band each area falls in, for proportions: compared with the 99.8% then the 95%
 * limits around Σx/Σn at its own denominator. PHEindicatormethods `assign_funnel_significance`
 * (statistic = "proportion"); limits strictly exceeded count as significant.
 */
export function proportionFunnelSignificance(
  points: readonly FunnelProportionPoint[],
): FunnelSignificance[] {
  const what = 'Funnel significance';
  checkPoints(points, what);
  points.forEach((p, i) => checkProportionPoint(p, i, what));
  const average = sum(points.map((p) => p.numerator)) / sum(points.map((p) => p.denominator));
  return points.map(({ numerator, denominator }) => {
    const value = numerator / denominator;
    const limit = (p: number, side: 'low' | 'high'): number =>
      sigmaAdjustment(p, denominator, average, side, 1);
    if (value < limit(0.999, 'low')) return 'Low (0.001)';
    if (value < limit(0.975, 'low')) return 'Low (0.025)';
    if (value > limit(0.999, 'high')) return 'High (0.001)';
    if (value > limit(0.975, 'high')) return 'High (0.025)';
    return 'Not significant';
  });
}

/**
 * The Poisson limit of a count divided by its expected count: exact chi-square below 10 events,
 * Byar's from 10, at two-sided level p. PHEindicatormethods `funnel_ratio_significance`.
 */
export function funnelRatioLimit(
  observed: number,
  expected: number,
  p: number,
  side: 'low' | 'high',
): number {
  const upperTail = 0.5 + p / 2;
  let limit: number;
  if (observed === 0 && side === 'low') {
    limit = 0;
  } else if (observed < 10) {
    limit =
      side === 'low'
        ? chiSquareQuantile(1 - upperTail, 2 * observed) / 2
        : chiSquareQuantile(upperTail, 2 * observed + 2) / 2;
  } else {
    const z = standardNormalQuantile(upperTail);
    const adjusted = side === 'low' ? observed : observed + 1;
    const sign = side === 'low' ? -1 : 1;
    limit = adjusted * (1 - 1 / (9 * adjusted) + (sign * z) / 3 / Math.sqrt(adjusted)) ** 3;
  }
  return limit / expected;
}

/** Denominator behind a rate point, as `assign_funnel_significance` derives it. */
function significanceDenominator(point: FunnelRatePoint, opts: RateFunnelOptions): number | null {
  const { count, rate, denominator } = point;
  if (opts.rateType === 'crude' && (count === 0 || isMissing(rate) || rate === 0)) {
    if (isMissing(denominator)) {
      throw new Error(
        'Funnel significance: a crude rate with 0 events (or no rate) needs its denominator',
      );
    }
    return denominator;
  }
  if (count === 0 || isMissing(rate) || rate === 0) return null;
  return (count / rate) * opts.multiplier;
}

/**
 * Which funnel band each area falls in, for crude rates and DSRs: the area's Poisson limits
 * (exact below 10 events, Byar's from 10) divided by its derived population, against the
 * weighted average rate. DSRs from fewer than 10 events are "Not applicable…".
 * PHEindicatormethods `assign_funnel_significance(statistic = "rate")`.
 */
export function rateFunnelSignificance(
  points: readonly FunnelRatePoint[],
  opts: RateFunnelOptions,
): FunnelSignificance[] {
  const what = 'Funnel significance';
  checkPoints(points, what);
  checkRateOptions(opts, what, false);
  points.forEach((p, i) => checkRatePoint(p, i, what));
  const denominators = points.map((p) => significanceDenominator(p, opts));
  const average =
    sum(points.map((p) => p.count)) / sum(denominators.filter((d): d is number => d !== null));
  return points.map((point, i): FunnelSignificance => {
    if (opts.rateType === 'dsr' && point.count < DSR_MINIMUM_EVENTS) {
      return 'Not applicable for events less than 10 for dsrs';
    }
    const expected = denominators[i];
    if (expected === null) return 'Not significant';
    const limit = (p: number, side: 'low' | 'high'): number =>
      funnelRatioLimit(point.count, expected, p, side);
    if (average < limit(0.998, 'low')) return 'High (0.001)';
    if (average < limit(0.95, 'low')) return 'High (0.025)';
    if (average > limit(0.998, 'high')) return 'Low (0.001)';
    if (average > limit(0.95, 'high')) return 'Low (0.025)';
    return 'Not significant';
  });
}

/**
 * Chart coordinates for rate funnel points: the rate to plot (none for a DSR below 10 events)
 * and the per-year population multiplier·count/rate/years (the denominator/years for a crude
 * rate with 0 events). PHEindicatormethods `calculate_funnel_points`.
 */
export function rateFunnelPoints(
  points: readonly FunnelRatePoint[],
  opts: RateFunnelOptions,
): RateFunnelPoint[] {
  const what = 'Funnel points';
  const yearsOfData = checkRateOptions(opts, what, true);
  points.forEach((p, i) => checkRatePoint(p, i, what));
  const { multiplier } = opts;
  return points.map(({ count, rate, denominator }) => {
    const rateOrNull = isMissing(rate) ? null : rate;
    if (opts.rateType === 'dsr' && count < DSR_MINIMUM_EVENTS) {
      return { rateChart: null, denominatorDerived: null };
    }
    if (opts.rateType === 'crude' && count === 0 && !isMissing(denominator)) {
      return { rateChart: rateOrNull, denominatorDerived: denominator / yearsOfData };
    }
    const derived =
      rateOrNull === null || rateOrNull === 0
        ? null
        : (multiplier * count) / rateOrNull / yearsOfData;
    return { rateChart: rateOrNull, denominatorDerived: derived };
  });
}

/** Input for `funnelLimits` / `funnelSignificance`: proportions or rates. */
export type FunnelInput =
  | { statistic: 'proportion'; points: readonly FunnelProportionPoint[]; multiplier?: number }
  | ({ statistic: 'rate'; points: readonly FunnelRatePoint[] } & RateFunnelOptions);

/**
 * Funnel-plot control limits for proportions or rates; see `proportionFunnelLimits` and
 * `rateFunnelLimits` (PHEindicatormethods `calculate_funnel_limits`).
 */
export function funnelLimits(
  input: Extract<FunnelInput, { statistic: 'proportion' }>,
): ProportionFunnelLimit[];
export function funnelLimits(input: Extract<FunnelInput, { statistic: 'rate' }>): RateFunnelLimit[];
export function funnelLimits(input: FunnelInput): ProportionFunnelLimit[] | RateFunnelLimit[] {
  if (input.statistic === 'proportion') {
    return proportionFunnelLimits(input.points, { multiplier: input.multiplier });
  }
  return rateFunnelLimits(input.points, input);
}

/**
 * Funnel-plot significance for proportions or rates; see `proportionFunnelSignificance` and
 * `rateFunnelSignificance` (PHEindicatormethods `assign_funnel_significance`).
 */
export function funnelSignificance(input: FunnelInput): FunnelSignificance[] {
  if (input.statistic === 'proportion') return proportionFunnelSignificance(input.points);
  return rateFunnelSignificance(input.points, input);
}
