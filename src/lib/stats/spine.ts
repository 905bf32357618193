import type { Polarity } from './compare';
import { finiteSorted, MINIMUM_VALUES_FOR_PERCENTILES, percentileOfSorted } from './percentiles';
import { isMissing } from './validation';

/** Spine-chart summary for one indicator: raw statistics and positions scaled to 0–1. */
export interface SpineStats {
  min: number;
  max: number;
  p25: number;
  p75: number;
  median: number;
  /** The worst and best area values given the polarity (min/max when polarity is 'none'). */
  worst: number;
  best: number;
  benchmark: number;
  /** Distance from the benchmark to the further extreme: half the width of the spine. */
  halfWidth: number;
  /** True when the axis is flipped (low is good), so that the worst value is on the left. */
  flipped: boolean;
  /**
   * Positions on the spine (0 = left edge, 1 = right edge); the benchmark is at 0.5, the worst
   * end on the left, and the scale is symmetric so the further extreme touches an edge.
   */
  scaled: {
    worst: number;
    /** The quartile nearer the worst end (25th percentile, or 75th when low is good). */
    worstQuartile: number;
    /** The quartile nearer the best end. */
    bestQuartile: number;
    best: number;
    benchmark: number;
  };
}

/**
 * Position (0 = left, 1 = right) of any value, e.g. the focal area's, on a spine chart's scale:
 * 0.5 + (value − benchmark)/(2·halfWidth), mirrored when low is good (Fingertips area profiles).
 */
export function spinePosition(
  stats: Pick<SpineStats, 'benchmark' | 'halfWidth' | 'flipped'>,
  value: number,
): number {
  if (stats.halfWidth === 0) return 0.5;
  const direction = stats.flipped ? -1 : 1;
  return 0.5 + (direction * (value - stats.benchmark)) / (2 * stats.halfWidth);
}

/**
 * Spine-chart statistics (Fingertips area profiles): the benchmark (England) centred, the worst
 * value on the left, bars from worst to the 25th percentile, 25th to 75th and 75th to best,
 * percentiles by `percentile` (R type 7 / Excel PERCENTILE.INC). Null with fewer than 4 values
 * or no benchmark. With polarity 'none' the lowest value is drawn on the left.
 */
export function spineStats(
  values: readonly (number | null | undefined)[],
  benchmark: number | null | undefined,
  polarity: Polarity,
): SpineStats | null {
  const sorted = finiteSorted(values);
  if (sorted.length < MINIMUM_VALUES_FOR_PERCENTILES || isMissing(benchmark)) return null;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const p25 = percentileOfSorted(sorted, 0.25);
  const p75 = percentileOfSorted(sorted, 0.75);
  const flipped = polarity === 'low-is-good';
  const halfWidth = Math.max(Math.abs(benchmark - min), Math.abs(max - benchmark));
  const scale = { benchmark, halfWidth, flipped };
  const worst = flipped ? max : min;
  const best = flipped ? min : max;
  return {
    min,
    max,
    p25,
    p75,
    median: percentileOfSorted(sorted, 0.5),
    worst,
    best,
    benchmark,
    halfWidth,
    flipped,
    scaled: {
      worst: spinePosition(scale, worst),
      worstQuartile: spinePosition(scale, flipped ? p75 : p25),
      bestQuartile: spinePosition(scale, flipped ? p25 : p75),
      best: spinePosition(scale, best),
      benchmark: 0.5,
    },
  };
}
