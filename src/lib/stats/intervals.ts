import { checkConfidence, chiSquareQuantile, zForConfidence } from './quantiles';
import { checkCount, checkDenominator } from './validation';

/**
 * Byar's approximation to the lower confidence limit of a Poisson count:
 * x·(1 − 1/(9x) − z/(3√x))³. PHEindicatormethods `byars_lower` (Breslow & Day 1987).
 * Returns 0 for a count of 0 and null where the approximation goes negative (x = 1 at 99.8%),
 * because a negative limit for a count is meaningless (the test vectors show NA there).
 */
export function byarsLower(count: number, confidence = 0.95): number | null {
  checkCount(count, "Byar's limit");
  checkConfidence(confidence, "Byar's limit");
  if (count === 0) return 0;
  const z = zForConfidence(confidence);
  const base = 1 - 1 / (9 * count) - z / (3 * Math.sqrt(count));
  return base < 0 ? null : count * base ** 3;
}

/**
 * Byar's approximation to the upper confidence limit of a Poisson count:
 * (x+1)·(1 − 1/(9(x+1)) + z/(3√(x+1)))³. PHEindicatormethods `byars_upper` (Breslow & Day 1987).
 */
export function byarsUpper(count: number, confidence = 0.95): number {
  checkCount(count, "Byar's limit");
  checkConfidence(confidence, "Byar's limit");
  const z = zForConfidence(confidence);
  const next = count + 1;
  return next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3;
}

/**
 * Exact Poisson lower limit for a count: qchisq(α/2, 2x)/2, and 0 when x = 0.
 * PHEindicatormethods `phe_rate` (method "Exact"), Armitage & Berry chi-square relation.
 */
export function exactPoissonLower(count: number, confidence = 0.95): number {
  checkCount(count, 'Exact Poisson limit');
  checkConfidence(confidence, 'Exact Poisson limit');
  if (count === 0) return 0;
  return chiSquareQuantile((1 - confidence) / 2, 2 * count) / 2;
}

/**
 * Exact Poisson upper limit for a count: qchisq(1 − α/2, 2x + 2)/2.
 * PHEindicatormethods `phe_rate` (method "Exact").
 */
export function exactPoissonUpper(count: number, confidence = 0.95): number {
  checkCount(count, 'Exact Poisson limit');
  checkConfidence(confidence, 'Exact Poisson limit');
  return chiSquareQuantile(1 - (1 - confidence) / 2, 2 * count + 2) / 2;
}

function wilsonLimit(
  numerator: number,
  denominator: number,
  confidence: number,
  sign: -1 | 1,
): number {
  checkCount(numerator, 'Wilson limit', 'numerator');
  checkDenominator(denominator, 'Wilson limit');
  checkConfidence(confidence, 'Wilson limit');
  const z = zForConfidence(confidence);
  const spread = z * Math.sqrt(z * z + 4 * numerator * (1 - numerator / denominator));
  return (2 * numerator + z * z + sign * spread) / 2 / (denominator + z * z);
}

/**
 * Wilson score lower limit for a proportion (0–1):
 * (2x + z² − z·√(z² + 4x(1 − x/n))) / (2(n + z²)). PHEindicatormethods `wilson_lower`
 * (Wilson 1927; Newcombe 1998).
 */
export function wilsonLower(numerator: number, denominator: number, confidence = 0.95): number {
  return wilsonLimit(numerator, denominator, confidence, -1);
}

/**
 * Wilson score upper limit for a proportion (0–1):
 * (2x + z² + z·√(z² + 4x(1 − x/n))) / (2(n + z²)). PHEindicatormethods `wilson_upper`.
 */
export function wilsonUpper(numerator: number, denominator: number, confidence = 0.95): number {
  return wilsonLimit(numerator, denominator, confidence, 1);
}
