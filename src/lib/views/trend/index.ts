/**
 * The trend option every view shares: "Trend over time" off (the default: the view is exactly as
 * without it) or on, when the view also shows, for each of its indicators, the focal area against
 * England, the region and the comparators across every period in the data — the chart with CI
 * bands and breaks, Fingertips' recent trend, the change since the previous period, and the
 * sentence in plain words (chart description, notes and so the report).
 *
 * A view picks one period; the trend needs them all. So the view is run once more for each other
 * period its tables hold (with that period as the latest, or its own `period` option), and its
 * indicator rows are gathered: every figure is the view's own, computed the same way.
 */
import {
  periodHead,
  indicatorTrend,
  rowsOf,
  seriesKeys,
  type IndicatorTrend,
  type SentenceWords,
} from './series';
import { summaryTable, dataTable, trendChart } from './present';
import { canonicalPeriod, sortPeriods } from '../../domain/periods';
import type { IndicatorRow } from '../../schema/indicator';
import { viewAreas } from '../common';
import type {
  OptionsContext,
  ViewContext,
  ViewDefinition,
  ViewOption,
  ViewOptions,
  ViewResult,
} from '../types';

export { indicatorTrend, seriesKeys, rowsOf, periodHead, valueTypeOf, yearRangeOf } from './series';
export type { AreaTrend, IndicatorTrend, SeriesBreak, SeriesKey } from './series';
export { trendChart, summaryTable, dataTable, recentTrendText, changeText } from './present';

export const TREND_OPTION: ViewOption<'trend'> = {
  key: 'trend',
  label: 'Trend over time',
  choices: [
    { value: 'off', label: 'Not shown' },
    { value: 'on', label: 'Show the trend (all periods)' },
  ],
  default: 'off',
};

/** At most this many periods are gathered (the most recent), and this many indicators charted. */
export const MAX_TREND_PERIODS = 25;
export const MAX_TREND_CHARTS = 6;

export interface TrendSettings extends SentenceWords {
  /** Tables whose `period` column lists the periods to gather (default: the required tables). */
  periodTables?: string[];
  /** Which indicators to trend (default: all the view emits for the focal area). */
  include?: (row: IndicatorRow, options: ViewOptions) => boolean;
}

const same = (a: string, b: string) =>
  (canonicalPeriod(periodHead(a)) ?? periodHead(a)) ===
  (canonicalPeriod(periodHead(b)) ?? periodHead(b));

/** Periods the view could show: its tables' periods and, for a `period` option, its choices. */
async function candidatePeriods(
  view: ViewDefinition,
  ctx: ViewContext,
  options: ViewOptions,
  settings: TrendSettings,
): Promise<string[]> {
  const tables = settings.periodTables ?? view.requires.flatMap((r) => r.tables);
  const found: string[] = [];
  for (const t of new Set(tables)) {
    if (!ctx.catalog.has(t) || !ctx.catalog.columns(t).has('period')) continue;
    const rows = await ctx.readOnce(
      `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM "${t.replace(/"/g, '""')}" WHERE period IS NOT NULL`,
    );
    found.push(...rows.map((r) => String(r.p)));
  }
  const periodOption = view.options.find((o) => o.key === 'period');
  if (periodOption && view.dynamicOptions) {
    const opts = await view.dynamicOptions({ ...ctx } as OptionsContext, options);
    const choices = opts.find((o) => o.key === 'period')?.choices ?? [];
    found.push(...choices.map((c) => c.value).filter((v) => v !== 'latest'));
  }
  return sortPeriods(found);
}

/**
 * The view's indicator rows over every period: the shown run's rows first, then those of a run
 * for each other period (a row is kept only for the period it was run for, so a view that falls
 * back to another period adds nothing twice).
 */
export async function gatherAcrossPeriods(
  view: ViewDefinition,
  run: (ctx: ViewContext, options: ViewOptions) => Promise<ViewResult>,
  ctx: ViewContext,
  options: ViewOptions,
  shown: ViewResult,
  settings: TrendSettings = {},
): Promise<{ rows: IndicatorRow[]; notes: string[] }> {
  const all = await candidatePeriods(view, ctx, options, settings);
  const notes: string[] = [];
  const periods = all.slice(-MAX_TREND_PERIODS);
  if (all.length > periods.length)
    notes.push(
      `Trend: the ${MAX_TREND_PERIODS} most recent periods are shown (from ${periods[0]}); ${all.length - periods.length} earlier ones are left out.`,
    );
  const rows = [...shown.indicators];
  const key = (r: IndicatorRow) =>
    `${r.indicator_id}\u0000${r.area_code}\u0000${r.sex}\u0000${r.age}\u0000${canonicalPeriod(periodHead(r.period)) ?? periodHead(r.period)}`;
  const seen = new Set(rows.map(key));
  const usesOption = view.options.some((o) => o.key === 'period');
  for (const p of periods) {
    if (shown.indicators.some((r) => same(r.period, p))) continue;
    let result: ViewResult;
    try {
      result = usesOption
        ? await run(ctx, { ...options, period: p })
        : await run({ ...ctx, latestPeriod: p }, options);
    } catch {
      continue; // a period the view cannot show adds no point
    }
    for (const r of result.indicators) {
      if (!same(r.period, p) || seen.has(key(r))) continue;
      seen.add(key(r));
      rows.push(r);
    }
  }
  return { rows, notes };
}

/** The trend section: a chart, a data table and the focal sentence per indicator; one summary. */
export function trendSection(
  rows: readonly IndicatorRow[],
  ctx: ViewContext,
  settings: TrendSettings = {},
  options: ViewOptions = {},
): {
  trends: IndicatorTrend[];
  charts: ViewResult['charts'];
  tables: ViewResult['tables'];
  notes: string[];
} {
  const areas = viewAreas(ctx).map((a) => ({ ...a, name: ctx.areas.name(a.code) }));
  const include = settings.include;
  const wanted = include ? rows.filter((r) => include(r, options)) : rows;
  const keys = seriesKeys(wanted).filter((k) =>
    wanted.some(
      (r) =>
        r.area_code === ctx.focalArea && `${r.indicator_id}\u0000${r.sex}\u0000${r.age}` === k.key,
    ),
  );
  const trends = keys.map((k) => indicatorTrend(k, rowsOf(k, wanted), areas, settings));
  const notes: string[] = [];
  const charts: ViewResult['charts'] = [];
  const tables: ViewResult['tables'] = [];
  if (trends.length === 0) {
    notes.push(`Trend not calculated: no figures for ${ctx.focalAreaName} in any period.`);
    return { trends, charts, tables, notes };
  }
  const multi = trends.filter((t) => t.periods.length > 1);
  const single = trends.filter((t) => t.periods.length <= 1);
  if (multi.length === 0) {
    const periods = sortPeriods(trends.flatMap((t) => t.periods));
    notes.push(
      `Trend not calculated: only one period (${periods.join(', ')}) in the data for this view.`,
    );
  }
  for (const t of single.length < trends.length ? single : [])
    notes.push(
      `Trend not calculated for ${t.series.indicatorName}: only one period (${t.periods.join(', ')}).`,
    );
  for (const t of multi) {
    const focal = t.areas.find((a) => a.role === 'focal');
    if (focal) notes.push(`Trend: ${focal.sentence}.`);
  }
  tables.push(summaryTable(trends));
  for (const t of multi.slice(0, MAX_TREND_CHARTS)) {
    charts.push(trendChart(t, ctx.focalAreaName));
    tables.push(dataTable(t));
  }
  if (multi.length > MAX_TREND_CHARTS)
    notes.push(
      `Trend charts are drawn for the first ${MAX_TREND_CHARTS} of ${multi.length} indicators; the trends table covers every one.`,
    );
  return { trends, charts, tables, notes };
}

/**
 * A view with the trend option: its options gain "Trend over time"; with it off the view's run
 * is called without the option and its result returned unchanged.
 */
export function withTrendOption<O extends ViewOptions>(
  view: ViewDefinition<O>,
  settings: TrendSettings = {},
): ViewDefinition<O & { trend: string }> {
  const inner = view as unknown as ViewDefinition;
  const run = async (ctx: ViewContext, options: ViewOptions): Promise<ViewResult> => {
    const { trend, ...rest } = options;
    const shown = await inner.run(ctx, rest);
    if (trend !== 'on') return shown;
    const gathered = await gatherAcrossPeriods(
      inner,
      (c, o) => inner.run(c, o),
      ctx,
      rest,
      shown,
      settings,
    );
    const section = trendSection(gathered.rows, ctx, settings, rest);
    return {
      ...shown,
      charts: [...section.charts, ...shown.charts],
      tables: [...shown.tables, ...section.tables],
      notes: [...shown.notes, ...gathered.notes, ...section.notes],
    };
  };
  const dynamic = inner.dynamicOptions;
  return {
    ...view,
    options: [...view.options, TREND_OPTION],
    run,
    ...(dynamic
      ? {
          async dynamicOptions(ctx: OptionsContext, current: Partial<ViewOptions>) {
            const got = await dynamic(ctx, current);
            return got.some((o) => o.key === TREND_OPTION.key) ? got : [...got, TREND_OPTION];
          },
        }
      : {}),
  } as unknown as ViewDefinition<O & { trend: string }>;
}
