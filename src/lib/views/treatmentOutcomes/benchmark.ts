/**
 * Each area's figure against England: the same indicator and period computed from England's
 * counts, else (for PHOF C19a/b) the Fingertips England value when loaded. Fingertips' method:
 * the benchmark inside the area's 95% interval is similar, otherwise better/worse by polarity.
 * Pure.
 */
import { ENGLAND } from '../../domain/areas';
import { sortPeriods } from '../../domain/periods';
import type { IndicatorRow } from '../../schema/indicator';
import { compareWithBenchmark, significanceLabel } from '../../stats';
import { statsPolarity } from '../common';
import { FINGERTIPS_COMPLETION, indicatorIdOf } from './model';

export interface Compared {
  england: number | null;
  label: string;
}

function compare(row: IndicatorRow, benchmark: number | null): string {
  if (row.value === null || benchmark === null) return 'Not compared';
  return significanceLabel(
    compareWithBenchmark(
      { value: row.value, lower95: row.lower_95, upper95: row.upper_95 },
      { value: benchmark },
      { polarity: statsPolarity(row.polarity) },
    ),
  );
}

/** Fingertips' latest England value for the indicator id this row matches, if any. */
function fingertipsFor(row: IndicatorRow, fingertips: readonly IndicatorRow[]) {
  const entry = Object.entries(FINGERTIPS_COMPLETION).find(
    ([group]) => indicatorIdOf('completion_no_representation', group) === row.indicator_id,
  );
  if (!entry) return null;
  const england = fingertips.filter(
    (f) => String(f.indicator_id) === entry[1] && f.area_code === ENGLAND && f.value !== null,
  );
  const latest = sortPeriods(england.map((f) => f.period)).pop();
  const hit = england.find((f) => f.period === latest);
  return hit ? { id: entry[1], period: hit.period, value: hit.value as number } : null;
}

/** The comparison of every non-England row with England. */
export function compareWithEngland(
  rows: readonly IndicatorRow[],
  fingertips: readonly IndicatorRow[],
): Map<IndicatorRow, Compared> {
  const england = new Map<string, IndicatorRow>();
  for (const r of rows)
    if (r.area_code === ENGLAND) england.set(`${r.indicator_id}\u0000${r.period}\u0000${r.age}`, r);
  const out = new Map<IndicatorRow, Compared>();
  for (const r of rows) {
    if (r.area_code === ENGLAND) continue;
    const e = england.get(`${r.indicator_id}\u0000${r.period}\u0000${r.age}`);
    if (e && e.value !== null) {
      out.set(r, { england: e.value, label: compare(r, e.value) });
      continue;
    }
    const f = fingertipsFor(r, fingertips);
    if (f)
      out.set(r, {
        england: f.value,
        label: `${compare(r, f.value)} (England from Fingertips ${f.id}, ${f.period})`,
      });
  }
  return out;
}
