/**
 * Pooling annual counts into the rolling 3-year registration periods ONS publishes for drug
 * deaths ("2019-21"): a small area's deaths are too few in one year for a stable rate.
 */
import { pooledLabel } from '../../domain/periods';
import type { BandCount } from './model';

/**
 * Turns annual band counts into rolling 3-year pooled periods (only where all three years are
 * present); rows whose period is already pooled (not a year) pass through unchanged, first.
 * Sums follow the order of `rows`, so results do not depend on how the years were grouped.
 */
export function poolPeriods(rows: BandCount[]): BandCount[] {
  const pooled: BandCount[] = [];
  // Annual rows by year, each with its position in `rows` (sums and keys follow that order).
  const byYear = new Map<number, { i: number; r: BandCount }[]>();
  rows.forEach((r, i) => {
    if (!/^\d{4}$/.test(r.period)) {
      pooled.push(r);
      return;
    }
    const y = Number(r.period);
    const list = byYear.get(y);
    if (list) list.push({ i, r });
    else byYear.set(y, [{ i, r }]);
  });
  if (byYear.size === 0) return pooled;
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const out = new Map<string, BandCount>();
  for (const end of years) {
    if (!byYear.has(end - 1) || !byYear.has(end - 2)) continue;
    const label = pooledLabel(end);
    const window = [...byYear.get(end - 2)!, ...byYear.get(end - 1)!, ...byYear.get(end)!].sort(
      (x, y) => x.i - y.i,
    );
    for (const { r } of window) {
      const k = `${r.area}|${label}|${r.band}`;
      const cur = out.get(k);
      if (cur) cur.deaths += r.deaths;
      else out.set(k, { area: r.area, period: label, band: r.band, deaths: r.deaths });
    }
  }
  return [...pooled, ...out.values()];
}
