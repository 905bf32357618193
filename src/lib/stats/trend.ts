/**
 * Fingertips' "recent trend" marker, reproduced from the open Fingertips code
 * (ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Analysis/TrendMarkers:
 * TrendMarkerCalculator.cs and TrendRequest.cs). Pure: points in, marker out.
 *
 * The rules, as Fingertips applies them:
 * - only proportions and crude rates, and only single-year periods (YearRange = 1): pooled
 *   periods overlap, so consecutive points are not independent;
 * - at least 5 points, and the 5 most recent must be an unbroken run of points with a value, a
 *   count and a denominator (a suppressed or missing point breaks the run);
 * - a count equal to its denominator makes the logit undefined: "cannot be calculated";
 * - proportions compared by SPC use the chi-squared test for trend on the counts and
 *   denominators (Cochran–Armitage form); everything else a weighted regression of the values
 *   on time, weights 1/SE² with SE = (upper95 − lower95) / 3.92, chi² = (slope / SE(slope))²;
 * - significant when chi² > 9.54953570608324 (the 99.8% point of chi² with 1 df) AND the slope
 *   keeps its sign when each of the 5 points is left out in turn (Fingertips' outlier check).
 *
 * One deliberate difference: fingertips-open never sets the slope on the proportions path, so a
 * significant proportion would always read "decreasing"; FingertipsNext's port (its unit test
 * CheckDiabetesTrendMarkersAreCorrect expects "Increasing") takes the sign from the logit
 * slope, as here.
 */
import type { Polarity } from './compare';

export const TREND_POINTS_TO_USE = 5;
/** chi² with 1 degree of freedom at 99.8% (Fingertips' ChiSquareConfidence). */
export const TREND_CHI_SQUARE_CONFIDENCE = 9.54953570608324;

export type TrendValueType = 'proportion' | 'crude-rate' | 'dsr' | 'count' | 'other';
export type TrendMarker = 'increasing' | 'decreasing' | 'no-change' | 'cannot-be-calculated';
export type TrendDirection = 'getting-better' | 'getting-worse' | null;

export interface TrendPoint {
  /** Sort key of the period (ascending = older to newer); Fingertips' Year. */
  order: number;
  value: number | null;
  count: number | null;
  denominator: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

export interface TrendRequest {
  points: readonly TrendPoint[];
  valueType: TrendValueType;
  /** Years per period: 1 for annual data, 3 for 3-year pools. */
  yearRange: number;
  /** Fingertips' ComparatorMethodId = SpcForProportions: use the count/denominator test. */
  spcForProportions?: boolean;
  polarity?: Polarity;
}

export interface TrendResult {
  marker: TrendMarker;
  /** Better/worse by polarity when the marker is increasing or decreasing. */
  direction: TrendDirection;
  chiSquare: number;
  significant: boolean;
  pointsUsed: number;
  /** Why the trend cannot be calculated (Fingertips' validation message); '' otherwise. */
  message: string;
}

function cannot(message: string): TrendResult {
  return {
    marker: 'cannot-be-calculated',
    direction: null,
    chiSquare: 0,
    significant: false,
    pointsUsed: TREND_POINTS_TO_USE,
    message,
  };
}

const isNum = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);

/** The newest points back to the first one without a value, count or denominator. */
export function unbrokenRecentRun(points: readonly TrendPoint[]): TrendPoint[] {
  const newestFirst = [...points].sort((a, b) => b.order - a.order);
  const run: TrendPoint[] = [];
  for (const p of newestFirst) {
    if (!isNum(p.value) || !isNum(p.count) || !isNum(p.denominator)) break;
    run.push(p);
  }
  return run;
}

/** Fingertips' TrendRequest.IsValid; '' when valid. */
export function trendValidationMessage(req: TrendRequest): string {
  if (req.valueType !== 'proportion' && req.valueType !== 'crude-rate')
    return 'The recent trend cannot be calculated for this value type';
  if (req.yearRange !== 1) return 'The recent trend cannot be calculated for this year range';
  if (req.points.length === 0) return 'No data points found';
  if (req.points.length < TREND_POINTS_TO_USE)
    return 'Not enough data points to calculate recent trend';
  const valid = unbrokenRecentRun(req.points);
  if (valid.length < TREND_POINTS_TO_USE)
    return 'Not enough data points with valid values to calculate recent trend';
  if (valid.some((p) => p.count === p.denominator)) return 'The recent trend cannot be calculated';
  return '';
}

/** Fingertips' GetMostRecentData: the 5 newest points with both limits, oldest first. */
function mostRecent(valid: TrendPoint[]): TrendPoint[] {
  return valid
    .filter((p) => isNum(p.lower95) && isNum(p.upper95))
    .sort((a, b) => b.order - a.order)
    .slice(0, TREND_POINTS_TO_USE)
    .sort((a, b) => a.order - b.order);
}

/** Whether every leave-one-out slope has the sign of the full slope (6 fits, |Σ sign| = 6). */
function sameSignThroughout(slopes: number[]): boolean {
  const sum = slopes.reduce((s, b) => s + (b < 0 ? -1 : 1), 0);
  return Math.abs(sum) === TREND_POINTS_TO_USE + 1;
}

/** Weighted regression on time (t = 1..n), weights 1/SE²; slope and chi² of the full fit. */
function weightedRegression(points: TrendPoint[]): { slope: number; chi2: number; ok: boolean } {
  const rows = points.map((p, i) => {
    const se = ((p.upper95 as number) - (p.lower95 as number)) / 3.92;
    const w = 1 / (se * se);
    const t = i + 1;
    return {
      t,
      s1: w,
      s2: (p.value as number) * t * w,
      s3: t * w,
      s4: (p.value as number) * w,
      s5: t * t * w,
    };
  });
  const slopes: number[] = [];
  let slope = NaN;
  let chi2 = NaN;
  for (let leaveOut = 0; leaveOut <= TREND_POINTS_TO_USE; leaveOut++) {
    let s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0; // prettier-ignore
    for (const r of rows) {
      if (leaveOut !== 0 && r.t === leaveOut) continue;
      s1 += r.s1;
      s2 += r.s2;
      s3 += r.s3;
      s4 += r.s4;
      s5 += r.s5; // prettier-ignore
    }
    const b = (s1 * s2 - s3 * s4) / (s1 * s5 - s3 * s3);
    slopes.push(b);
    if (leaveOut === 0) {
      slope = b;
      const seSlope = Math.sqrt(s1 / (s1 * s5 - s3 * s3));
      chi2 = (b / seSlope) ** 2;
    }
  }
  return { slope, chi2, ok: sameSignThroughout(slopes) };
}

/** Chi-squared test for trend in proportions, with the logit slopes for the outlier check. */
function proportionTrend(points: TrendPoint[]): { slope: number; chi2: number; ok: boolean } {
  let N = 0, tR = 0, R = 0, tN = 0, t2N = 0; // prettier-ignore
  const logits = points.map((p, i) => {
    const r = p.count as number;
    const n = p.denominator as number;
    const t = i + 1;
    N += n;
    tR += r * t;
    R += r;
    tN += n * t;
    t2N += n * t * t; // prettier-ignore
    return { t, y: Math.log(r / (n - r)) };
  });
  const chi2 = (N * (N * tR - R * tN) ** 2) / (R * (N - R) * (N * t2N - tN ** 2));
  const slopes: number[] = [];
  for (let leaveOut = 0; leaveOut <= TREND_POINTS_TO_USE; leaveOut++) {
    const kept = logits.filter((l) => leaveOut === 0 || l.t !== leaveOut);
    const n = kept.length;
    const sumY = kept.reduce((s, l) => s + l.y, 0);
    const sumTY = kept.reduce((s, l) => s + l.t * l.y, 0);
    const sumT = kept.reduce((s, l) => s + l.t, 0);
    const sumT2 = kept.reduce((s, l) => s + l.t * l.t, 0);
    slopes.push((n * sumTY - sumY * sumT) / (n * sumT2 - sumT * sumT));
  }
  return { slope: slopes[0], chi2, ok: sameSignThroughout(slopes) };
}

export function directionFor(marker: TrendMarker, polarity: Polarity | undefined): TrendDirection {
  if (marker !== 'increasing' && marker !== 'decreasing') return null;
  if (polarity === 'low-is-good')
    return marker === 'increasing' ? 'getting-worse' : 'getting-better';
  if (polarity === 'high-is-good')
    return marker === 'increasing' ? 'getting-better' : 'getting-worse';
  return null;
}

/** Fingertips' recent-trend marker for a series (TrendMarkerCalculator.GetResults). */
export function recentTrend(req: TrendRequest): TrendResult {
  const message = trendValidationMessage(req);
  if (message) return cannot(message);
  const data = mostRecent(unbrokenRecentRun(req.points));
  const fit = req.spcForProportions ? proportionTrend(data) : weightedRegression(data);
  // Fingertips compares NaN (e.g. no limits on the regression path) as "not greater": no change.
  const significant = fit.ok && fit.chi2 > TREND_CHI_SQUARE_CONFIDENCE;
  const marker: TrendMarker = significant
    ? fit.slope > 0
      ? 'increasing'
      : 'decreasing'
    : 'no-change';
  return {
    marker,
    direction: directionFor(marker, req.polarity),
    chiSquare: fit.chi2,
    significant,
    pointsUsed: TREND_POINTS_TO_USE,
    message: '',
  };
}

/** Fingertips' wording of a marker, with better/worse where the polarity gives it. */
export function trendLabel(result: TrendResult): string {
  switch (result.marker) {
    case 'increasing':
    case 'decreasing': {
      const dir =
        result.direction === 'getting-better'
          ? ' and getting better'
          : result.direction === 'getting-worse'
            ? ' and getting worse'
            : '';
      return `${result.marker}${dir}`;
    }
    case 'no-change':
      return 'no significant change';
    default:
      return 'cannot be calculated';
  }
}

// ---- Fingertips' earlier calculators, kept to reproduce every fingertips-open test case ---------

/** Fingertips' chi² thresholds with 1 df of the legacy calculator: 95% and 99.8%. */
export const LEGACY_CHI_SQUARE_95 = 3.84145882069412;

export interface LegacyTrendRequest {
  /** `order` is the calendar year: the legacy slope is fitted on the year itself. */
  points: readonly TrendPoint[] | null;
  valueType: TrendValueType;
  yearRange: number;
  /** Fingertips' ComparatorConfidence: ≤ 95 uses the 95% threshold, else 99.8%. */
  comparatorConfidence?: number;
}

export interface LegacyTrendResult {
  marker: TrendMarker;
  significant: boolean;
  chiSquare: number;
  /** Slope of logit(value) (proportions) or log(value) (rates) on the year; null when not significant. */
  slope: number | null;
  pointsUsed: number;
  message: string;
}

/**
 * The recent-trend calculator fingertips-open shipped before TrendMarkers/ replaced it
 * (PholioVisualisationWS/Analysis/TrendMarkerCalculator.cs, tested by
 * WhenUsingTrendMarkerCalculator.cs). Not used by the views: Fingertips' current marker is
 * `recentTrend`. It differs in three ways: it accepts DSRs; it grows the chi-squared test for trend
 * from the OLDEST point and stops at the first point (the fifth or later) where it is significant;
 * and the direction is the slope of logit(p) (or log(rate)) on the year over the points used.
 */
export function legacyRecentTrend(req: LegacyTrendRequest): LegacyTrendResult {
  const none = (message: string, pointsUsed = 0, chiSquare = 0): LegacyTrendResult => ({
    marker: pointsUsed > 0 ? 'no-change' : 'cannot-be-calculated',
    significant: false,
    chiSquare,
    slope: null,
    pointsUsed,
    message,
  });
  if (req.valueType !== 'proportion' && req.valueType !== 'crude-rate' && req.valueType !== 'dsr')
    return none(`Value type ${req.valueType} is not relevant for the calculation`);
  if (req.yearRange !== 1)
    return none(`Year Range ${req.yearRange} is not relevant for the calculation`);
  if (!req.points) return none('No data points found');
  if (req.points.length < TREND_POINTS_TO_USE)
    return none('Not enough data points to do the calculation');
  const threshold =
    (req.comparatorConfidence ?? 95) <= 95 ? LEGACY_CHI_SQUARE_95 : TREND_CHI_SQUARE_CONFIDENCE;
  const oldestFirst = [...req.points].sort((a, b) => a.order - b.order);
  let R = 0, N = 0, tR = 0, tN = 0, t2N = 0; // prettier-ignore
  let chi2 = 0;
  let used = 0;
  for (const p of oldestFirst) {
    const r = p.count as number;
    const n = p.denominator as number;
    const t = p.order;
    R += r;
    N += n;
    tR += r * t;
    tN += n * t;
    t2N += n * t * t; // prettier-ignore
    used++;
    chi2 = (N * (N * tR - R * tN) ** 2) / (R * (N - R) * (N * t2N - tN * tN));
    if (used >= TREND_POINTS_TO_USE && chi2 > threshold) {
      const recent = oldestFirst.slice(-used);
      let sy = 0, st = 0, st2 = 0, sty = 0; // prettier-ignore
      for (const q of recent) {
        const x = (q.value as number) / 100;
        const y = req.valueType === 'proportion' ? Math.log(x / (1 - x)) : Math.log(x);
        sy += y;
        st += q.order;
        st2 += q.order * q.order;
        sty += y * q.order;
      }
      const slope = (used * sty - sy * st) / (used * st2 - st * st);
      return {
        marker: slope > 0 ? 'increasing' : 'decreasing',
        significant: true,
        chiSquare: chi2,
        slope,
        pointsUsed: used,
        message: '',
      };
    }
  }
  return none('', used, chi2);
}

/** A period's value with its 95% limits (Fingertips' CoreDataSet for the two-value marker). */
export interface ValueWithLimits {
  order?: number;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
}

const validLimits = (
  d: ValueWithLimits | null,
): d is ValueWithLimits & {
  value: number;
  lower95: number;
  upper95: number;
} => !!d && isNum(d.value) && isNum(d.lower95) && isNum(d.upper95);

/**
 * Fingertips' marker for the most recent value against the previous one
 * (TrendBetweenTwoValuesCalculator with DoubleOverlappingCIsComparer): "no-change" when the two
 * 95% intervals overlap (touching counts), else increasing or decreasing; "cannot-be-calculated"
 * without both values and limits.
 */
export function trendBetweenTwoValues(
  mostRecent: ValueWithLimits | null,
  previous: ValueWithLimits | null,
): TrendMarker {
  if (!validLimits(mostRecent) || !validLimits(previous)) return 'cannot-be-calculated';
  const overlap =
    previous.value < mostRecent.value
      ? mostRecent.lower95 <= previous.upper95
      : previous.lower95 <= mostRecent.upper95;
  if (overlap) return 'no-change';
  return mostRecent.value < previous.value ? 'decreasing' : 'increasing';
}

/** The same, from a series: its two most recent points by `order`. */
export function trendBetweenLastTwo(points: readonly ValueWithLimits[]): TrendMarker | null {
  if (points.length < 2) return null;
  const [a, b] = [...points].sort((x, y) => (y.order ?? 0) - (x.order ?? 0));
  return trendBetweenTwoValues(a, b);
}

/** A marker as Fingertips' CSV export writes it in its "Recent Trend" column. */
export function fingertipsTrendWording(result: TrendResult): string {
  const label = trendLabel(result);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
