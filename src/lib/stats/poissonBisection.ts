/**
 * Poisson probability that a count lies in [from, to] for mean `mean`, summing the terms
 * until they are negligible (rescaling to avoid overflow). A literal port of the Excel macro
 * function used by Fingertips (`StatisticalMethods.PoisP`) and PHEindicatormethods
 * (`poisson_cis` in R/utils.R), kept literal so the funnel limits match to 1e-6.
 */
export function poissonProbabilityBetween(mean: number, from: number, to: number): number {
  let term = 1;
  let total = 0;
  let inRange = 0;
  let k = 0;
  while (k <= mean || term > total * 1e-10) {
    total += term;
    if (k >= from && k <= to) inRange += term;
    if (total > 1e30) {
      inRange /= 1e30;
      total /= 1e30;
      term /= 1e30;
    }
    k += 1;
    term = (term * mean) / k;
  }
  return inRange / total;
}

/**
 * Bisection for the Poisson mean λ = (1 + obs)·v/(1 − v) at which a tail probability equals p,
 * halving the step from 0.5 until it is ≤ 1e-7. Side 'low' finds λ with P(X ≥ obs) = p (the
 * mean below which `obs` would be surprisingly high); side 'high' finds λ with P(X ≤ obs) = p.
 * PHEindicatormethods `poisson_funnel` (R/utils.R) and Fingertips `PoisLow`/`PoisHigh`.
 */
export function poissonFunnelMean(observed: number, p: number, side: 'low' | 'high'): number {
  let v = 0.5;
  let dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const mean = ((1 + observed) * v) / (1 - v);
    if (side === 'low') {
      v += poissonProbabilityBetween(mean, observed, 1e10) > p ? -dv : dv;
    } else {
      v += poissonProbabilityBetween(mean, 0, observed) < p ? -dv : dv;
    }
  }
  return ((1 + observed) * v) / (1 - v);
}
