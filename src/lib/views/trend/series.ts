/**
 * An indicator's series per area, from the long indicator rows a view emits over all periods, and
 * what can be said about each: Fingertips' recent trend (../../stats/trend), the change from the
 * previous period (../../stats/change), the breaks in the series, and the sentence. Pure.
 */
import { ENGLAND } from '../../domain/areas';
import { statsPolarity } from '../../domain/polarity';
import { comparePeriods, periodGaps, periodOrder, sortPeriods } from '../../domain/periods';
import type { IndicatorRow } from '../../schema/indicator';
import { twoPeriodChange, type ChangeKind, type TwoPeriodChange } from '../../stats/change';
import {
  recentTrend,
  TREND_POINTS_TO_USE,
  type TrendResult,
  type TrendValueType,
} from '../../stats/trend';
import type { AreaRole } from '../common';
import { trendSentence } from '../trendSentence';

/** One indicator (with its sex and age) over time: the key the series are grouped by. */
export interface SeriesKey {
  key: string;
  indicatorId: string;
  indicatorName: string;
  sex: string;
  age: string;
  unit: string;
}

/** A break in an area's series, placed at a period on the chart's axis. */
export interface SeriesBreak {
  /** The period the break is drawn at (a missing period, or the first after a change). */
  period: string;
  reason: string;
}

export interface AreaTrend {
  code: string;
  name: string;
  role: AreaRole;
  /** One row per period of the indicator (null where the area has none), oldest first. */
  points: { period: string; row: IndicatorRow | null }[];
  latest: IndicatorRow | null;
  trend: TrendResult;
  change: TwoPeriodChange | null;
  /** Why there is no change test, when there is none. */
  changeNote: string;
  sentence: string;
}

export interface IndicatorTrend {
  series: SeriesKey;
  valueType: TrendValueType;
  /** Every period of the indicator in the data, oldest first; missing ones of a gap included. */
  axis: string[];
  /** Periods with a figure for any area. */
  periods: string[];
  breaks: SeriesBreak[];
  areas: AreaTrend[];
}

/** Leading period of a label such as "2019/20 (treatment 2022/23)": the time it is placed at. */
export function periodHead(label: string): string {
  return label.replace(/\s*\(.*\)\s*$/, '').trim();
}

/** Fingertips' value type of an indicator row, from its unit and method. */
export function valueTypeOf(
  row: Pick<IndicatorRow, 'unit' | 'method' | 'indicator_name'>,
): TrendValueType {
  const unit = row.unit.trim().toLowerCase();
  const words = `${row.method ?? ''} ${row.indicator_name}`;
  if (unit === '%') return 'proportion';
  if (/age[- ]standardi[sz]ed|\bDSR\b|\bASR\b|directly standardi/i.test(words)) return 'dsr';
  if (/^per [\d,]+/.test(unit)) return 'crude-rate';
  if (unit === 'count' || unit === 'number' || unit === '') return 'count';
  return 'other';
}

/** Years per period for Fingertips' YearRange: 3 for 3-year pools, 1 for years, financial years and quarters. */
export function yearRangeOf(periods: readonly string[]): number {
  const spans = periods
    .map((p) => periodOrder(periodHead(p)))
    .filter((s): s is NonNullable<typeof s> => s !== null);
  if (spans.length === 0) return 1;
  return Math.max(1, ...spans.map((s) => Math.round(s.months / 12)));
}

function changeKindOf(unit: string): { kind: ChangeKind; multiplier?: number } {
  if (unit.trim() === '%') return { kind: 'proportion', multiplier: 100 };
  const m = /per ([\d,]+)/i.exec(unit);
  return { kind: 'rate', multiplier: m ? Number(m[1].replace(/,/g, '')) : undefined };
}

/** Whether two periods share months (3-year pools a year apart do). */
function overlap(earlier: string, later: string): boolean {
  const a = periodOrder(periodHead(earlier));
  const b = periodOrder(periodHead(later));
  return !!a && !!b && a.end > b.end - b.months;
}

/** Marks a definition change when the data says so (a row's note names one). */
const DEFINITION_CHANGE = /definition|break in (the )?series|discontinu|not comparable/i;

export interface AreaToTrend {
  code: string;
  name: string;
  role: AreaRole;
}

export interface SentenceWords {
  /** What a count counts, plural ("deaths", "people"); default from the row. */
  countNoun?: (row: IndicatorRow) => string;
}

function defaultCountNoun(row: IndicatorRow): string {
  if (row.denominator !== null && row.unit.trim() === '%')
    return `of ${new Intl.NumberFormat('en-GB').format(row.denominator)}`;
  return /\bdeaths?\b/i.test(row.indicator_name) ? 'deaths' : '';
}

/**
 * The series of one indicator for the given areas (in their order): recent trend per area on the
 * periods of the indicator (a period another area has but this one lacks is a missing point, so
 * it breaks Fingertips' run of valid points), the change since the previous period, and breaks.
 * A break inside the last five periods makes the recent trend "cannot be calculated".
 */
export function indicatorTrend(
  series: SeriesKey,
  rows: readonly IndicatorRow[],
  areas: readonly AreaToTrend[],
  words: SentenceWords = {},
): IndicatorTrend {
  const periods = sortPeriods(rows.map((r) => r.period));
  const gaps = periodGaps(periods.map(periodHead));
  const breaks: SeriesBreak[] = [];
  const axis: string[] = [];
  for (const p of periods) {
    const gap = gaps.find((g) => g.before === periodHead(p));
    if (gap) {
      for (const m of gap.missing) {
        axis.push(m);
        breaks.push({ period: m, reason: `no figures for ${m}` });
      }
      if (gap.missing.length === 0) breaks.push({ period: p, reason: gap.reason });
    }
    axis.push(p);
    const defined = rows.find((r) => r.period === p && DEFINITION_CHANGE.test(r.note ?? ''));
    if (defined && !breaks.some((b) => b.period === p))
      breaks.push({ period: p, reason: `definition change (${defined.note})` });
  }
  const sample = rows[0];
  const valueType = sample ? valueTypeOf(sample) : 'other';
  const yearRange = yearRangeOf(periods);
  const byArea = new Map<string, Map<string, IndicatorRow>>();
  for (const r of rows) {
    const m = byArea.get(r.area_code) ?? new Map<string, IndicatorRow>();
    if (!m.has(r.period)) m.set(r.period, r);
    byArea.set(r.area_code, m);
  }
  const recentWindow = periods.slice(-TREND_POINTS_TO_USE);
  const breakInWindow = breaks.find(
    (b) =>
      recentWindow.length > 0 &&
      comparePeriods(periodHead(b.period), periodHead(recentWindow[0])) > 0,
  );
  const out: AreaTrend[] = [];
  for (const a of areas) {
    const own = byArea.get(a.code);
    if (!own) continue;
    const points = periods.map((period) => ({ period, row: own.get(period) ?? null }));
    const withValue = points.filter((p) => p.row && p.row.value !== null);
    const latestPoint = withValue[withValue.length - 1] ?? null;
    const latest = latestPoint?.row ?? null;
    let trend = recentTrend({
      points: points.map((p, i) => ({
        order: i,
        value: p.row?.value ?? null,
        count: p.row?.count ?? null,
        denominator: p.row?.denominator ?? null,
        lower95: p.row?.lower_95 ?? null,
        upper95: p.row?.upper_95 ?? null,
      })),
      valueType,
      yearRange,
      polarity: statsPolarity(sample?.polarity),
    });
    if (breakInWindow && trend.marker !== 'cannot-be-calculated')
      trend = {
        ...trend,
        marker: 'cannot-be-calculated',
        direction: null,
        significant: false,
        message: `a break in the series within the last ${TREND_POINTS_TO_USE} periods (${breakInWindow.reason})`,
      };
    let change: TwoPeriodChange | null = null;
    let changeNote = latestPoint ? 'no previous period' : 'no figure';
    if (latestPoint && (valueType === 'count' || valueType === 'other'))
      changeNote = 'not tested: the figure has no confidence interval to test a change with';
    else if (latestPoint) {
      const idx = periods.indexOf(latestPoint.period);
      const previous = idx > 0 ? periods[idx - 1] : null;
      if (previous) {
        const before = own.get(previous);
        const fig = (period: string, r: IndicatorRow | undefined | null) => ({
          period,
          value: r?.value ?? null,
          lower95: r?.lower_95 ?? null,
          upper95: r?.upper_95 ?? null,
          count: r?.count ?? null,
          denominator: r?.denominator ?? null,
        });
        const kind = changeKindOf(series.unit);
        change = twoPeriodChange(fig(previous, before), fig(latestPoint.period, latest), {
          ...kind,
          overlapping: overlap(previous, latestPoint.period),
        });
      }
    }
    const noun = words.countNoun ?? defaultCountNoun;
    const sentence = trendSentence({
      areaName: a.name,
      latest: latest
        ? {
            period: latest.period,
            count: latest.count,
            countNoun: noun(latest),
            value: latest.value,
            unit: series.unit,
          }
        : null,
      trend,
      change,
    });
    out.push({ ...a, points, latest, trend, change, changeNote, sentence });
  }
  return { series, valueType, axis, periods, breaks, areas: out };
}

/** The indicators of a view's rows in the order they first appear, with sex and age. */
export function seriesKeys(rows: readonly IndicatorRow[]): SeriesKey[] {
  const seen = new Map<string, SeriesKey>();
  for (const r of rows) {
    const key = `${r.indicator_id}\u0000${r.sex}\u0000${r.age}`;
    if (!seen.has(key))
      seen.set(key, {
        key,
        indicatorId: r.indicator_id,
        indicatorName: r.indicator_name,
        sex: r.sex,
        age: r.age,
        unit: r.unit,
      });
  }
  return [...seen.values()];
}

export function rowsOf(series: SeriesKey, rows: readonly IndicatorRow[]): IndicatorRow[] {
  return rows.filter((r) => `${r.indicator_id}\u0000${r.sex}\u0000${r.age}` === series.key);
}

export { ENGLAND };
