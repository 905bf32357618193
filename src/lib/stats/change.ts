/**
 * Two-period change: did a rate or proportion change between two periods? The difference
 * (later − earlier) with its 95% confidence interval by the MOVER method ("method of variance
 * estimates recovery", Zou & Donner 2008), which builds the difference's interval from each
 * figure's own interval:
 *   lower = d − √((v2 − l2)² + (u1 − v1)²),  upper = d + √((u2 − v2)² + (v1 − l1)²).
 * - Proportions: with Wilson score limits this is exactly Newcombe's hybrid score interval for a
 *   difference of two independent proportions (Newcombe 1998, method 10).
 * - Crude rates: with the exact (count < 10) or Byar's limits of ../rates (PHEindicatormethods
 *   phe_rate), i.e. a Poisson-based interval for a difference of two rates.
 * - Published rates (e.g. ONS age-standardised rates): with their published 95% limits.
 * "No significant change" when the interval includes zero. The method assumes the two periods are
 * independent; pooled periods that share years are not, so the result says so (the test is then
 * only indicative — the overlap makes a real change even harder to show).
 */
import { crudeRate } from './rates';
import { proportion } from './proportions';

export type ChangeKind = 'rate' | 'proportion';
export type ChangeResult =
  'increased' | 'decreased' | 'no-significant-change' | 'cannot-be-calculated';

/** One period's figure: a count and denominator, or a published value with its 95% limits. */
export interface PeriodFigure {
  period: string;
  count?: number | null;
  denominator?: number | null;
  value?: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

export interface ChangeOptions {
  kind: ChangeKind;
  /** Per this many (rates: default 100,000; proportions: default 100, i.e. percent). */
  multiplier?: number;
  /** The two periods share years (e.g. 2014-16 and 2015-17). */
  overlapping?: boolean;
}

export interface TwoPeriodChange {
  result: ChangeResult;
  /** The earlier and later period labels. */
  periods: [string, string];
  earlier: { value: number; lower: number; upper: number } | null;
  later: { value: number; lower: number; upper: number } | null;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  /** The stated reason, in plain words. */
  reason: string;
  method: string;
}

export const CHANGE_METHOD_TEXT: Record<ChangeKind, string> = {
  rate: "difference of two rates with a 95% interval by the MOVER method from each rate's exact/Byar's (or published) limits",
  proportion: 'difference of two proportions with a 95% Newcombe (hybrid Wilson score) interval',
};

const isNum = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);

function withLimits(
  f: PeriodFigure,
  kind: ChangeKind,
  multiplier: number,
): { value: number; lower: number; upper: number } | null {
  if (isNum(f.value) && isNum(f.lower95) && isNum(f.upper95))
    return { value: f.value, lower: f.lower95, upper: f.upper95 };
  if (!isNum(f.count) || !isNum(f.denominator) || f.denominator <= 0) return null;
  const r =
    kind === 'rate'
      ? crudeRate(f.count, f.denominator, { multiplier })
      : f.count <= f.denominator
        ? proportion(f.count, f.denominator, { multiplier })
        : null;
  if (!r || r.value === null || r.lower === null || r.upper === null) return null;
  return { value: r.value, lower: r.lower, upper: r.upper };
}

const fmt = (x: number): string => (Math.abs(x) < 0.05 ? '0.0' : x.toFixed(1));
const signed = (x: number): string => (x > 0 ? `+${fmt(x)}` : fmt(x));

export function twoPeriodChange(
  earlier: PeriodFigure,
  later: PeriodFigure,
  opts: ChangeOptions,
): TwoPeriodChange {
  const multiplier = opts.multiplier ?? (opts.kind === 'rate' ? 100000 : 100);
  const method = CHANGE_METHOD_TEXT[opts.kind];
  const a = withLimits(earlier, opts.kind, multiplier);
  const b = withLimits(later, opts.kind, multiplier);
  if (!a || !b) {
    const missing = [!a ? earlier.period : null, !b ? later.period : null].filter(Boolean);
    return {
      result: 'cannot-be-calculated',
      periods: [earlier.period, later.period],
      earlier: a,
      later: b,
      difference: null,
      lower: null,
      upper: null,
      reason: `no figure with a confidence interval for ${missing.join(' and ')}`,
      method,
    };
  }
  const d = b.value - a.value;
  const lower = d - Math.sqrt((b.value - b.lower) ** 2 + (a.upper - a.value) ** 2);
  const upper = d + Math.sqrt((b.upper - b.value) ** 2 + (a.value - a.lower) ** 2);
  const result: ChangeResult =
    lower > 0 ? 'increased' : upper < 0 ? 'decreased' : 'no-significant-change';
  const interval = `${signed(lower)} to ${signed(upper)}`;
  const from = `from ${fmt(a.value)} (${earlier.period}) to ${fmt(b.value)} (${later.period})`;
  let reason =
    result === 'no-significant-change'
      ? `the change ${from}, ${signed(d)}, has a 95% confidence interval of ${interval} that includes zero`
      : `the change ${from}, ${signed(d)}, has a 95% confidence interval of ${interval} that excludes zero`;
  if (opts.overlapping)
    reason += `; the two periods share years, so they are not independent and the test is only indicative`;
  return {
    result,
    periods: [earlier.period, later.period],
    earlier: a,
    later: b,
    difference: d,
    lower,
    upper,
    reason,
    method,
  };
}

export function changeLabel(result: ChangeResult): string {
  return result === 'no-significant-change'
    ? 'no significant change'
    : result === 'cannot-be-calculated'
      ? 'change cannot be calculated'
      : `significantly ${result}`;
}
