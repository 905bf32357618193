/**
 * Funnel plot data, pure: control limits and each authority's position against them
 * (PHEindicatormethods via src/lib/stats), for proportions ("%") and rates ("per 100,000").
 */
import type { Row } from '../../engine/types';
import type { Polarity } from '../../schema/indicator';
import { periodYears } from '../../domain';
import {
  funnelLimits,
  funnelSignificance,
  rateFunnelPoints,
  type FunnelSignificance,
} from '../../stats';
import { localAuthorityCodes } from './compute';
import type { SourceRow } from './rows';

/** Multiplier from a unit text: "%" → 100, "per 100,000" → 100000, "per 1,000" → 1000. */
export function unitMultiplier(unit: string): number | null {
  const u = unit.toLowerCase().replace(/[\s,]/g, '');
  if (u === '%' || u.includes('percent') || u.includes('proportion')) return 100;
  const m = /per(\d+)/.exec(u);
  if (m) return Number(m[1]);
  return null;
}

export function funnelLabel(s: FunnelSignificance, polarity: Polarity): string {
  if (s === 'Not significant') return 'Similar';
  if (s.startsWith('Not applicable')) return 'Not compared';
  const high = s.startsWith('High');
  if (polarity === 'none') return high ? 'Higher' : 'Lower';
  const good = polarity === 'high_is_good' ? high : !high;
  return good ? 'Better' : 'Worse';
}

export interface FunnelData {
  points: Row[];
  limits: Row[];
  baseline: number;
  xTitle: string;
}

/**
 * The funnel for one indicator's rows, or the reason there is none (null when the unit is not a
 * proportion or a rate: nothing to say).
 */
export function funnelData(
  rows: SourceRow[],
  meta: { unit: string; polarity: Polarity; name: string; method: string; period: string },
  upperTier: ReadonlySet<string>,
  focal: { code: string; name: string; members?: readonly string[] },
  nameOf: (code: string) => string,
): FunnelData | { reason: string } | null {
  const multiplier = unitMultiplier(meta.unit);
  if (multiplier === null) return null;
  const las = localAuthorityCodes(
    upperTier,
    rows.map((r) => r.area_code),
  );
  const usable = rows.filter(
    (r) =>
      las.has(r.area_code) &&
      r.count !== null &&
      r.denominator !== null &&
      r.denominator > 0 &&
      r.value !== null,
  );
  if (usable.length < 3)
    return { reason: 'it needs a count and a denominator for at least 3 local authorities' };
  // A group is not a point among its own members (its limits would count them twice): its
  // members are marked instead, each with its own position against the limits.
  const members = new Set(focal.members ?? []);
  const marker = (code: string) =>
    code === focal.code
      ? `◀ ${focal.name}`
      : members.has(code)
        ? `◀ ${nameOf(code)} (${focal.name})`
        : '';
  try {
    if (multiplier === 100) {
      const kept = usable.filter((r) => (r.count as number) <= (r.denominator as number));
      const pts = kept.map((r) => ({
        numerator: r.count as number,
        denominator: r.denominator as number,
      }));
      const lim = funnelLimits({ statistic: 'proportion', points: pts, multiplier: 100 });
      const sig = funnelSignificance({ statistic: 'proportion', points: pts });
      return {
        baseline: lim[0]?.baseline ?? 0,
        xTitle: 'Denominator',
        limits: lim.flatMap((l) => [
          { x: l.population, y: l.lower95, limit: 'Lower 95%', level: '95%' },
          { x: l.population, y: l.upper95, limit: 'Upper 95%', level: '95%' },
          { x: l.population, y: l.lower998, limit: 'Lower 99.8%', level: '99.8%' },
          { x: l.population, y: l.upper998, limit: 'Upper 99.8%', level: '99.8%' },
        ]),
        points: kept.map((r, i) => ({
          area: nameOf(r.area_code),
          x: r.denominator,
          value: ((r.count as number) / (r.denominator as number)) * 100,
          significance: funnelLabel(sig[i], meta.polarity),
          marker: marker(r.area_code),
        })),
      };
    }
    const dsrLike = /standardi[sz]ed|dsr|asr/i.test(`${meta.name} ${meta.method}`);
    const yearsOfData = Math.max(1, periodYears(meta.period).length);
    const pts = usable.map((r) => ({
      count: r.count as number,
      rate: r.value,
      denominator: dsrLike ? null : r.denominator,
    }));
    const opts = {
      rateType: dsrLike ? ('dsr' as const) : ('crude' as const),
      multiplier,
      yearsOfData,
    };
    const lim = funnelLimits({ statistic: 'rate', points: pts, ...opts });
    const sig = funnelSignificance({ statistic: 'rate', points: pts, ...opts });
    const chartPoints = rateFunnelPoints(pts, opts);
    const points = usable
      .map((r, i) => ({
        area: nameOf(r.area_code),
        x: chartPoints[i].denominatorDerived,
        value: chartPoints[i].rateChart,
        significance: funnelLabel(sig[i], meta.polarity),
        marker: marker(r.area_code),
      }))
      .filter((p) => p.x !== null && p.value !== null);
    // Keep the limit lines within the points' range.
    const maxX = Math.max(...points.map((p) => p.x as number)) * 1.1;
    const limits = lim
      .flatMap((l) => [
        { x: l.lower95Population1Year, y: l.lower95, limit: 'Lower 95%', level: '95%' },
        { x: l.upper95Population1Year, y: l.upper95, limit: 'Upper 95%', level: '95%' },
        { x: l.lower998Population1Year, y: l.lower998, limit: 'Lower 99.8%', level: '99.8%' },
        { x: l.upper998Population1Year, y: l.upper998, limit: 'Upper 99.8%', level: '99.8%' },
      ])
      .filter((l) => Number.isFinite(l.y) && (l.x as number) <= maxX);
    return {
      baseline: lim[0]?.baseline ?? 0,
      xTitle: yearsOfData > 1 ? 'Population (per year)' : 'Population',
      limits,
      points,
    };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}
