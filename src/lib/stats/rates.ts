import { byarsLower, byarsUpper, exactPoissonLower, exactPoissonUpper } from './intervals';
import { checkConfidence } from './quantiles';
import { checkCount, checkDenominator, checkMultiplier, isMissing } from './validation';

/** Which interval a crude rate used: exact chi-square (count < 10) or Byar's (count ≥ 10). */
export type RateMethod = 'exact' | 'byars';

/** Options shared by the rate and proportion functions. */
export interface RateOptions {
  /** Rate per this many of the denominator; default 100,000. */
  multiplier?: number;
  /** 0.95 (default) or 0.998. */
  confidence?: number;
}

/** A crude rate with its confidence interval; all null when an input is missing. */
export interface CrudeRateResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Null only when the count itself is missing. */
  method: RateMethod | null;
}

/** Counts below this use the exact interval, as PHEindicatormethods and Fingertips do. */
export const EXACT_RATE_THRESHOLD = 10;

/** The interval method PHEindicatormethods picks for a count: exact below 10, Byar's from 10. */
export function rateMethodFor(count: number): RateMethod {
  return count < EXACT_RATE_THRESHOLD ? 'exact' : 'byars';
}

/** Display name for a rate method, as Fingertips and PHEindicatormethods print it. */
export function rateMethodLabel(method: RateMethod): string {
  return method === 'exact' ? 'Exact' : "Byar's";
}

/**
 * Crude rate x/n·m with a Poisson confidence interval: exact chi-square limits when x < 10,
 * Byar's limits from 10 up, both divided by n and times m. PHEindicatormethods `phe_rate`
 * (Fingertips technical guidance; Byar's per Breslow & Day 1987). A count above the
 * denominator is allowed (events can outnumber people). Missing count or denominator → nulls.
 */
export function crudeRate(
  count: number | null | undefined,
  denominator: number | null | undefined,
  opts: RateOptions = {},
): CrudeRateResult {
  const multiplier = opts.multiplier ?? 100000;
  const confidence = checkConfidence(opts.confidence ?? 0.95, 'Crude rate');
  checkMultiplier(multiplier, 'Crude rate');
  if (!isMissing(count)) checkCount(count, 'Crude rate');
  if (!isMissing(denominator)) checkDenominator(denominator, 'Crude rate');

  const method = isMissing(count) ? null : rateMethodFor(count);
  if (isMissing(count) || isMissing(denominator)) {
    return { value: null, lower: null, upper: null, method };
  }

  const scale = multiplier / denominator;
  if (method === 'exact') {
    return {
      value: count * scale,
      lower: exactPoissonLower(count, confidence) * scale,
      upper: exactPoissonUpper(count, confidence) * scale,
      method,
    };
  }
  // From 10 events Byar's lower limit is always positive at 95% and 99.8%.
  const lower = byarsLower(count, confidence);
  return {
    value: count * scale,
    lower: lower === null ? null : lower * scale,
    upper: byarsUpper(count, confidence) * scale,
    method: 'byars',
  };
}
