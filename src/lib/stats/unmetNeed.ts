import { isMissing } from './validation';

/** Inputs for unmet need: a prevalence estimate with its 95% interval and the number in treatment. */
export interface UnmetNeedInput {
  /** Estimated number in need (may be fractional: published estimates are averages). */
  estimate: number | null | undefined;
  /** Lower bound of the estimate's 95% interval. */
  estimateLower: number | null | undefined;
  /** Upper bound of the estimate's 95% interval. */
  estimateUpper: number | null | undefined;
  /** Number in treatment. */
  inTreatment: number | null | undefined;
}

/** A percentage with an interval; null where the input needed for it is missing. */
export interface NeedResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

function checkPositive(x: number, name: string): void {
  if (!Number.isFinite(x) || x <= 0) {
    throw new Error(`Unmet need: ${name} ${String(x)} must be greater than zero`);
  }
}

function unmetPercent(estimate: number, inTreatment: number): number {
  return 100 * (1 - inTreatment / estimate);
}

/**
 * Unmet need in percent: 100·(E − T)/E, with the interval taken from the prevalence estimate
 * only: lower = 100·(1 − T/E_L), upper = 100·(1 − T/E_U). This is how OHID computes Fingertips
 * indicators 93517 and 93532 (proportion of dependent drinkers / opiate and crack users not in
 * treatment); it is not a Wilson interval. No clamping: if treatment numbers exceed the lower
 * prevalence bound the lower limit is negative, and the notebook shows that rather than hide it.
 */
export function unmetNeed(input: UnmetNeedInput): NeedResult {
  const { estimate, estimateLower, estimateUpper, inTreatment } = input;
  if (!isMissing(inTreatment) && (!Number.isFinite(inTreatment) || inTreatment < 0)) {
    throw new Error(`Unmet need: number in treatment ${String(inTreatment)} must be zero or more`);
  }
  if (!isMissing(estimate)) checkPositive(estimate, 'prevalence estimate');
  if (!isMissing(estimateLower)) checkPositive(estimateLower, 'lower prevalence bound');
  if (!isMissing(estimateUpper)) checkPositive(estimateUpper, 'upper prevalence bound');
  if (!isMissing(estimate) && !isMissing(estimateLower) && estimateLower > estimate) {
    throw new Error(
      `Unmet need: lower prevalence bound ${String(estimateLower)} is above the estimate ${String(estimate)}`,
    );
  }
  if (!isMissing(estimate) && !isMissing(estimateUpper) && estimateUpper < estimate) {
    throw new Error(
      `Unmet need: upper prevalence bound ${String(estimateUpper)} is below the estimate ${String(estimate)}`,
    );
  }
  if (isMissing(inTreatment)) return { value: null, lower: null, upper: null };
  return {
    value: isMissing(estimate) ? null : unmetPercent(estimate, inTreatment),
    lower: isMissing(estimateLower) ? null : unmetPercent(estimateLower, inTreatment),
    upper: isMissing(estimateUpper) ? null : unmetPercent(estimateUpper, inTreatment),
  };
}

/**
 * Met need in percent: 100 − unmet need (PRIMER view 1; the complement of Fingertips
 * 93517/93532). Its lower limit is 100 − the unmet upper limit and vice versa.
 */
export function metNeed(input: UnmetNeedInput): NeedResult {
  const unmet = unmetNeed(input);
  return {
    value: unmet.value === null ? null : 100 - unmet.value,
    lower: unmet.upper === null ? null : 100 - unmet.upper,
    upper: unmet.lower === null ? null : 100 - unmet.lower,
  };
}
