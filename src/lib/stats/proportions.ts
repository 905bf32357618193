import { wilsonLower, wilsonUpper } from './intervals';
import { checkConfidence } from './quantiles';
import { checkCount, checkDenominator, checkMultiplier, isMissing } from './validation';

/** Options for a proportion. */
export interface ProportionOptions {
  /** 1 (default, a proportion of 1) or 100 (a percentage); any positive number is accepted. */
  multiplier?: number;
  /** 0.95 (default) or 0.998. */
  confidence?: number;
}

/** A proportion with its Wilson interval; all null when an input is missing. */
export interface ProportionResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Proportion x/n·m with a Wilson score interval. PHEindicatormethods `phe_proportion`
 * (Wilson 1927; Newcombe 1998). Fractional numerators are allowed. Missing inputs → nulls;
 * a negative numerator, a denominator ≤ 0 or a numerator above the denominator throws.
 */
export function proportion(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
  opts: ProportionOptions = {},
): ProportionResult {
  const multiplier = opts.multiplier ?? 1;
  const confidence = checkConfidence(opts.confidence ?? 0.95, 'Proportion');
  checkMultiplier(multiplier, 'Proportion');
  if (!isMissing(numerator)) checkCount(numerator, 'Proportion', 'numerator');
  if (!isMissing(denominator)) checkDenominator(denominator, 'Proportion');
  if (isMissing(numerator) || isMissing(denominator)) {
    return { value: null, lower: null, upper: null };
  }
  if (numerator > denominator) {
    throw new Error(
      `Proportion: numerator ${String(numerator)} is larger than denominator ${String(denominator)}`,
    );
  }
  return {
    value: (numerator / denominator) * multiplier,
    lower: wilsonLower(numerator, denominator, confidence) * multiplier,
    upper: wilsonUpper(numerator, denominator, confidence) * multiplier,
  };
}
