import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import chiSquareQuantileStdlib from '@stdlib/stats-base-dists-chisquare-quantile';

/** The two confidence levels Fingertips publishes: 95% and 99.8%. */
export type ConfidenceLevel = 0.95 | 0.998;

/**
 * Throws unless `confidence` is one of the two levels OHID publishes (0.95 or 0.998).
 * Other levels are legal in PHEindicatormethods but would not match any published figure,
 * so the notebook refuses them rather than show a number nobody can check.
 */
export function checkConfidence(confidence: number, what: string): ConfidenceLevel {
  if (confidence !== 0.95 && confidence !== 0.998) {
    throw new Error(
      `${what}: confidence must be 0.95 (95%) or 0.998 (99.8%), got ${String(confidence)}`,
    );
  }
  return confidence;
}

/**
 * Two-sided standard normal z for a confidence level: qnorm(confidence + (1 − confidence)/2),
 * as PHEindicatormethods `zscore()`; 1.959963984540054 at 95%, 3.090232306167813 at 99.8%.
 */
export function zForConfidence(confidence: number): number {
  return normalQuantile(confidence + (1 - confidence) / 2, 0, 1);
}

/** Standard normal quantile qnorm(p) (R `qnorm`), via @stdlib. */
export function standardNormalQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

/**
 * Chi-square quantile qchisq(p, df) (R `qchisq`, lower tail), via @stdlib.
 * df = 0 is the point mass at zero, which is what the exact Poisson limit needs for a count of 0.
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (df === 0) return 0;
  return chiSquareQuantileStdlib(p, df);
}
