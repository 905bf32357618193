/**
 * Polarity: whether a higher value is better. One spelling in data (`low_is_good`, as indicator
 * rows and Fingertips-shaped tables hold it) and one in the statistics (`low-is-good`, as
 * src/lib/stats takes it); `statsPolarity` is the only bridge between the two.
 */
export type Polarity = 'low_is_good' | 'high_is_good' | 'none';
export type StatsPolarity = 'low-is-good' | 'high-is-good' | 'none';

export function statsPolarity(p: Polarity | string | null | undefined): StatsPolarity {
  if (p === 'low_is_good' || p === 'low-is-good') return 'low-is-good';
  if (p === 'high_is_good' || p === 'high-is-good') return 'high-is-good';
  return 'none';
}
