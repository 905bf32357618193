import { isMissing } from './validation';

/** Fingertips does not draw percentiles (spine-chart bars) for fewer than this many areas. */
export const MINIMUM_VALUES_FOR_PERCENTILES = 4;

/** The finite values, ascending; null, undefined and NaN are dropped. */
export function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  return values
    .filter((v): v is number => !isMissing(v) && Number.isFinite(v))
    .sort((a, b) => a - b);
}

/** Type-7 percentile of values already sorted ascending (at least one value). */
export function percentileOfSorted(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Percentile by linear interpolation between order statistics: R `quantile(type = 7)`, Excel
 * PERCENTILE.INC, as Fingertips `IndicatorStatsCalculator`/`QuartilesCalculator`. Missing values
 * are ignored; returns null with fewer than 4 values (Fingertips shows no percentiles then).
 */
export function percentile(
  values: readonly (number | null | undefined)[],
  fraction: number,
): number | null {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new Error(`Percentile: fraction ${String(fraction)} must be between 0 and 1`);
  }
  const sorted = finiteSorted(values);
  if (sorted.length < MINIMUM_VALUES_FOR_PERCENTILES) return null;
  return percentileOfSorted(sorted, fraction);
}
