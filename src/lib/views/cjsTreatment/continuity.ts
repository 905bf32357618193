/**
 * Continuity of care after prison release: % of adults released with a treatment need who engaged
 * with community treatment within 3 weeks (Wilson, src/lib/stats), against the 75% national
 * ambition (From Harm to Hope). England and the region are summed from their upper-tier
 * authorities when the data has no row of their own, and groups from their members, only when
 * every one of them has both counts. Pure.
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
  /** Why an area made of others has no figure (a member without a row, or suppressed). */
  notSummed?: string;
}

/** England, the region or a group of authorities: the codes its figure is summed from. */
export interface SummedArea {
  members: readonly string[];
  /** "its local authorities" for England and the region; the group's name for a group. */
  groupName?: string;
}

/**
 * Counts per area shown: the area's own row, or for England, the region and groups the sum over
 * their members, only when every member has a row with both counts (a sum over some would not
 * be the area's figure; a member's suppressed count left out would bias the percentage). Also
 * says which areas were summed, and from which rows (for disclosure control).
 */
export function continuityCounts(
  rows: readonly Row[],
  areas: readonly { code: string; role: AreaRole }[],
  summedAreas: ReadonlyMap<string, SummedArea>,
  nameOf: (code: string) => string = (c) => c,
): {
  counts: Map<string, Counts>;
  sources: Map<string, (Counts & { code: string })[]>;
  notes: string[];
} {
  const byArea = new Map(rows.map((r) => [str(r.area_code), r]));
  const counts = new Map<string, Counts>();
  /** For an area summed from others: its members' own counts (disclosure control decides it from them). */
  const sources = new Map<string, (Counts & { code: string })[]>();
  const summed: string[] = [];
  for (const a of areas) {
    const own = byArea.get(a.code);
    if (own) {
      counts.set(a.code, { released: num(own.released), engaged: num(own.engaged) });
      continue;
    }
    const area = summedAreas.get(a.code);
    if (!area) continue;
    const parts = area.members.map((code) => {
      const r = byArea.get(code);
      return { code, released: r ? num(r.released) : null, engaged: r ? num(r.engaged) : null, r };
    });
    const present = parts.filter((p) => p.r !== undefined);
    // England and the region with no authority in the data have no row at all, as before.
    if (present.length === 0 && !area.groupName) continue;
    const notSummed = whyNotSummed(parts, area, nameOf);
    if (notSummed) {
      counts.set(a.code, { released: null, engaged: null, notSummed });
      continue;
    }
    const sum = (k: 'released' | 'engaged') => parts.reduce((s, p) => s + (p[k] as number), 0);
    counts.set(a.code, { released: sum('released'), engaged: sum('engaged') });
    sources.set(
      a.code,
      parts.map(({ code, released, engaged }) => ({ code, released, engaged })),
    );
    if (!area.groupName) summed.push(a.role === 'england' ? 'England' : 'the region');
  }
  const notes =
    summed.length > 0
      ? [
          `Continuity of care for ${summed.join(' and ')} is summed from ${summed.length > 1 ? 'their' : 'its'} upper-tier authorities (every one has a row with both counts).`,
        ]
      : [];
  return { counts, sources, notes };
}

/** Why an area's members cannot be summed, or null when every one has both counts. */
function whyNotSummed(
  parts: readonly { code: string; released: number | null; engaged: number | null; r?: Row }[],
  area: SummedArea,
  nameOf: (code: string) => string,
): string | null {
  const missing = parts.filter((p) => p.r === undefined).map((p) => p.code);
  const suppressed = parts
    .filter((p) => p.r !== undefined && (p.released === null || p.engaged === null))
    .map((p) => p.code);
  const names = (codes: string[]) => codes.map(nameOf).join(', ');
  if (area.groupName) {
    if (missing.length > 0)
      return `no continuity of care row for ${names(missing)} (a member of ${area.groupName})`;
    if (suppressed.length > 0)
      return `a suppressed count for ${names(suppressed)} (a member of ${area.groupName})`;
    return null;
  }
  const n = parts.length;
  if (missing.length > 0)
    return `continuity of care rows for only ${n - missing.length} of its ${n} local authorities`;
  if (suppressed.length > 0)
    return `a suppressed count for ${suppressed.length} of its ${n} local authorities`;
  return null;
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
    const why = x.notSummed ?? continuityNotCalculated(released, engaged);
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
