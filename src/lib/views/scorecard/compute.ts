/**
 * Scorecard lines from three kinds of input — indicator rows other views computed, loaded
 * indicators (Fingertips), and local metrics — and each line's latest value, rating and trend.
 * Pure: rows in, lines out. Rules are stated in ../scorecard/present.ts's method note.
 */
import { ENGLAND } from '../../domain/areas';
import { periodSortKey, pickPeriod } from '../../domain/periods';
import type { IndicatorRow, Polarity } from '../../schema/indicator';
import { compareWithBenchmark, significanceLabel } from '../../stats';
import { statsPolarity } from '../common';
import {
  COMPUTED_LINES,
  FINGERTIPS_LINES,
  RAG_TEXT,
  SIGNIFICANCE_TEXT,
  ragRating,
  type OutcomeId,
  type Rag,
} from './model';

export interface Point {
  period: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  count: number | null;
  denominator: number | null;
  target: number | null;
  note: string;
}

export interface Line {
  outcome: OutcomeId;
  id: string;
  name: string;
  unit: string;
  polarity: Polarity;
  source: string;
  synthetic: boolean;
  /** The focal area's points, and England's by period. */
  focal: Point[];
  england: Map<string, Point>;
}

export interface Evaluated extends Line {
  latest: Point | null;
  englandValue: number | null;
  rag: Rag | null;
  rating: string;
  trend: string;
}

export const pointOf = (r: IndicatorRow): Point => ({
  period: r.period,
  value: r.value,
  lower: r.lower_95,
  upper: r.upper_95,
  count: r.count,
  denominator: r.denominator,
  target: null,
  note: r.note ?? '',
});

const POLARITY: Record<string, Polarity> = {
  'high-is-good': 'high_is_good',
  'low-is-good': 'low_is_good',
  none: 'none',
};
export const polarityOf = (p: string | null | undefined): Polarity => POLARITY[statsPolarity(p)];

/** Lines from indicator rows (computed by views, or loaded), grouped by indicator id. */
export function indicatorLines(
  rows: readonly IndicatorRow[],
  focal: string,
  source: (id: string) => { outcome: OutcomeId; source: string } | null,
): Line[] {
  const byId = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    if ((r.sex ?? 'Persons') !== 'Persons') continue;
    if (r.area_code !== focal && r.area_code !== ENGLAND) continue;
    const id = String(r.indicator_id);
    byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  const out: Line[] = [];
  for (const [id, list] of byId) {
    const from = source(id);
    const mine = list.filter(
      (r) => r.area_code === focal && (r.age === 'All ages' || !r.age || /^18\+/.test(r.age)),
    );
    if (!from || mine.length === 0) continue;
    out.push({
      outcome: from.outcome,
      id,
      name: mine[0].indicator_name,
      unit: mine[0].unit ?? '',
      polarity: polarityOf(mine[0].polarity),
      source: from.source,
      synthetic: mine.some((r) => r.synthetic === true),
      focal: mine.map(pointOf),
      england: new Map(
        list.filter((r) => r.area_code === ENGLAND).map((r) => [r.period, pointOf(r)]),
      ),
    });
  }
  return out;
}

/** Where a computed indicator belongs (null: not a framework line). */
export function computedSource(id: string) {
  const hit = COMPUTED_LINES.find((l) => l.pattern.test(id));
  return hit
    ? { outcome: hit.outcome, source: `${hit.view} view (computed in this notebook)` }
    : null;
}

/** Where a loaded indicator belongs: Fingertips lines, saved view rows, or (include all) other. */
export function loadedSource(includeAll: boolean) {
  return (id: string) => {
    if (FINGERTIPS_LINES[id])
      return {
        outcome: FINGERTIPS_LINES[id],
        source: `Fingertips indicator ${id} (indicators table)`,
      };
    const computed = computedSource(id);
    if (computed) return { ...computed, source: 'indicators table (saved from a view)' };
    return includeAll
      ? { outcome: 'other' as OutcomeId, source: `indicator ${id} (indicators table)` }
      : null;
  };
}

/**
 * Trend between the last two periods: with intervals, a change only when they do not overlap;
 * without, the direction of the values. Polarity says whether it is getting better or worse.
 */
export function trendOf(points: readonly Point[], polarity: Polarity): string {
  const known = points.filter((p) => p.value !== null);
  if (known.length < 2) return 'One period only: no trend';
  const [prev, last] = known.slice(-2);
  let dir: 'up' | 'down' | 'same';
  let words: string;
  if (prev.lower !== null && prev.upper !== null && last.lower !== null && last.upper !== null) {
    dir = last.lower > prev.upper ? 'up' : last.upper < prev.lower ? 'down' : 'same';
    words =
      dir === 'same'
        ? '→ No significant change'
        : dir === 'up'
          ? '↑ Increased significantly'
          : '↓ Decreased significantly';
  } else {
    dir = last.value! > prev.value! ? 'up' : last.value! < prev.value! ? 'down' : 'same';
    words =
      dir === 'same' ? '→ No change' : dir === 'up' ? '↑ Up (not tested)' : '↓ Down (not tested)';
  }
  const better =
    (dir === 'up' && polarity === 'high_is_good') || (dir === 'down' && polarity === 'low_is_good');
  const worse =
    (dir === 'up' && polarity === 'low_is_good') || (dir === 'down' && polarity === 'high_is_good');
  return `${words}${better ? ', getting better' : worse ? ', getting worse' : ''} (${prev.period} to ${last.period}, ${known.length} periods)`;
}

/** The latest value, its rating (target first, else England) and its trend. */
export function evaluate(line: Line, wanted: string | null): Evaluated {
  const sorted = [...line.focal].sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period));
  const period = pickPeriod(
    sorted.map((p) => p.period),
    wanted,
  );
  const latest = sorted.find((p) => p.period === period) ?? null;
  const eng = latest ? (line.england.get(latest.period) ?? null) : null;
  let rag: Rag | null = null;
  let rating: string;
  if (!latest || latest.value === null) rating = '○ Not rated: no value';
  else if (latest.target !== null) {
    rag = ragRating(latest.value, latest.target, line.polarity);
    rating = RAG_TEXT[rag];
  } else if (eng && eng.value !== null) {
    if (latest.lower === null || latest.upper === null)
      rating = '○ Not compared: no confidence interval';
    else
      rating =
        SIGNIFICANCE_TEXT[
          significanceLabel(
            compareWithBenchmark(
              { value: latest.value, lower95: latest.lower, upper95: latest.upper },
              { value: eng.value },
              { polarity: statsPolarity(line.polarity) },
            ),
          )
        ];
  } else rating = '○ No target or England value';
  const upTo = period
    ? sorted.filter((p) => periodSortKey(p.period) <= periodSortKey(period))
    : sorted;
  return {
    ...line,
    latest,
    englandValue: eng?.value ?? null,
    rag,
    rating,
    trend: trendOf(upTo, line.polarity),
  };
}
