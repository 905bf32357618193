/**
 * Continuity of care after prison release: % of adults released with a treatment need who engaged
 * with community treatment within 3 weeks (Wilson, src/lib/stats), against the 75% national
 * ambition (From Harm to Hope). England and the region are summed from their upper-tier
 * authorities when the data has no row of their own. Pure.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { proportion } from '../../stats';
import { ROLE_LABEL, fmtCount, indicatorRow, num, str, type AreaRole } from '../common';

/** National ambition for continuity of care (From Harm to Hope). */
export const CONTINUITY_AMBITION = 75;

interface Counts {
  released: number | null;
  engaged: number | null;
}

/** Sums as SQL does: nulls skipped, null when every value is null. */
function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? present.reduce((s, v) => s + v, 0) : null;
}

/**
 * Counts per area shown: the area's own row, or for England and the region the sum over their
 * upper-tier members present in the data. Also says which aggregates were summed.
 */
export function continuityCounts(
  rows: readonly Row[],
  areas: readonly { code: string; role: AreaRole }[],
  members: ReadonlyMap<string, readonly string[]>,
): {
  counts: Map<string, Counts>;
  sources: Map<string, (Counts & { code: string })[]>;
  notes: string[];
} {
  const byArea = new Map(rows.map((r) => [str(r.area_code), r]));
  const counts = new Map<string, Counts>();
  /** For England or the region when summed: the authorities' own counts it was summed from. */
  const sources = new Map<string, (Counts & { code: string })[]>();
  const summed: string[] = [];
  for (const a of areas) {
    const own = byArea.get(a.code);
    if (own) {
      counts.set(a.code, { released: num(own.released), engaged: num(own.engaged) });
      continue;
    }
    if (a.role !== 'england' && a.role !== 'region') continue;
    const parts = (members.get(a.code) ?? [])
      .map((c) => byArea.get(c))
      .filter((r): r is Row => r !== undefined);
    if (parts.length === 0) continue;
    sources.set(
      a.code,
      parts.map((p) => ({
        code: str(p.area_code),
        released: num(p.released),
        engaged: num(p.engaged),
      })),
    );
    counts.set(a.code, {
      released: sumOrNull(parts.map((p) => num(p.released))),
      engaged: sumOrNull(parts.map((p) => num(p.engaged))),
    });
    summed.push(a.role === 'england' ? 'England' : 'the region');
  }
  const notes =
    summed.length > 0
      ? [
          `Continuity of care for ${summed.join(' and ')} is summed from the upper-tier authorities in the data.`,
        ]
      : [];
  return { counts, sources, notes };
}

/**
 * Why continuity of care cannot be calculated, or null when it can: a proportion is drawn only
 * when its count is part of its denominator (no more engaged than released with a need).
 */
export function continuityNotCalculated(
  released: number | null,
  engaged: number | null,
): string | null {
  if (released === null || released <= 0) return 'no prison releases with a treatment need';
  if (engaged === null) return 'no count of those engaged within 3 weeks';
  if (engaged < 0) return `a negative count engaged (${fmtCount(engaged)})`;
  if (engaged > released)
    return `more engaged within 3 weeks (${fmtCount(engaged)}) than released with a treatment need (${fmtCount(released)})`;
  return null;
}

/** Table rows and indicators of continuity of care, area by area. */
export function continuityRows(
  areas: readonly { code: string; role: AreaRole }[],
  counts: ReadonlyMap<string, Counts>,
  period: string | null,
  nameOf: (code: string) => string,
  synthetic: boolean,
): { rows: Row[]; indicators: IndicatorRow[] } {
  const rows: Row[] = [];
  const indicators: IndicatorRow[] = [];
  for (const a of areas) {
    const x = counts.get(a.code);
    if (!x) continue;
    const { released, engaged } = x;
    const why = continuityNotCalculated(released, engaged);
    const p =
      why === null ? proportion(engaged as number, released as number, { multiplier: 100 }) : null;
    const name = nameOf(a.code);
    rows.push({
      area_name: name,
      area_code: a.code,
      role: ROLE_LABEL[a.role],
      period,
      released_with_need: released,
      engaged_within_3_weeks: engaged,
      continuity_pct: p?.value ?? null,
      continuity_lower: p?.lower ?? null,
      continuity_upper: p?.upper ?? null,
      below_ambition:
        p?.value == null
          ? ''
          : p.value < CONTINUITY_AMBITION
            ? 'below 75% ambition'
            : 'meets 75% ambition',
      note: why ? `not calculated: ${why}` : '',
      synthetic,
    });
    indicators.push(
      indicatorRow({
        area_code: a.code,
        area_name: name,
        period: period ?? '',
        sex: 'Persons',
        age: '18+',
        indicator_id: 'continuity_of_care',
        indicator_name:
          'Continuity of care: % engaging with community treatment within 3 weeks of prison release',
        value: p?.value ?? null,
        lower_95: p?.lower ?? null,
        upper_95: p?.upper ?? null,
        count: engaged,
        denominator: released,
        unit: '%',
        polarity: 'high_is_good',
        note: why ? `not calculated: ${why}` : '',
        method: 'Proportion, Wilson 95% CI',
        synthetic,
      }),
    );
  }
  return { rows, indicators };
}
