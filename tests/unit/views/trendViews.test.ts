/**
 * The trend option of every view, on the demo's files loaded as the app loads them (the real
 * Node engine), and the shared trend presenter on Fingertips' own test series:
 * - off (the default), every view's result is exactly what it is without the option;
 * - on, each view gathers its own figures over every period in the data and shows the focal
 *   area against England, the region and the comparators: the summary table (latest value,
 *   recent trend, change), a chart per indicator with its data table, and the sentence;
 * - only one period in the data says so ("Trend not calculated: only one period (2017)").
 * Expected figures are computed here from the view's own indicator rows and src/lib/stats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { IndicatorRow } from '../../../src/lib/schema/indicator';
import {
  buildViewEnvironment,
  resolveViewContext,
  runView,
  VIEWS,
  type ViewContext,
  type ViewResult,
} from '../../../src/lib/views';
import { twoPeriodChange } from '../../../src/lib/stats/change';
import { recentTrend } from '../../../src/lib/stats/trend';
import {
  indicatorTrend,
  TREND_OPTION,
  trendChart,
  type SeriesKey,
} from '../../../src/lib/views/trend';
import { loadDemoLikeApp } from './golden/load';

const PETERBOROUGH = 'E06000031';

async function renders(spec: unknown): Promise<void> {
  const vg = compile({ ...(spec as object), width: 500 } as never).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none' });
  expect(await view.toSVG()).toContain('<svg');
  view.finalize();
}

const summary = (r: ViewResult) => r.tables.find((t) => t.caption.startsWith('Trends:'));
const trendCharts = (r: ViewResult) => r.charts.filter((c) => c.title.endsWith(': trend'));
const focalRow = (r: ViewResult, indicator: RegExp) =>
  summary(r)!.rows.find(
    (x) => x.area_code === PETERBOROUGH && indicator.test(String(x.indicator)),
  )!;

describe('the trend option on every view (demo data, Peterborough, region comparators)', () => {
  let engine: Engine;
  let ctx: ViewContext;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadDemoLikeApp(engine, [
      'datasets/synthetic/treatment_outcomes.csv',
      'datasets/synthetic/local_metrics.csv',
    ]);
    const env = await buildViewEnvironment(engine);
    const params = { focalArea: PETERBOROUGH, comparator: 'region' as const, latestPeriod: null };
    const deaths = await runView('drug-deaths', resolveViewContext(env, params), {
      source: 'published',
    });
    ctx = resolveViewContext(env, params, deaths.indicators);
  }, 600_000);

  it('every view but drug deaths (which draws its own) offers the option, off by default', () => {
    for (const id of [
      'unmet-need',
      'cjs-treatment',
      'treatment-outcomes',
      'scorecard',
      'la-comparison',
    ] as const) {
      const o = VIEWS[id].options.find((x) => x.key === 'trend');
      expect(o, id).toEqual(TREND_OPTION);
      expect(o!.default).toBe('off');
    }
  });

  it.each([
    ['unmet-need', {}],
    ['cjs-treatment', {}],
    ['treatment-outcomes', {}],
    ['scorecard', {}],
    ['la-comparison', { indicator: 'drug_misuse_deaths_asr' }],
  ] as const)(
    '%s: off gives exactly the result without the option',
    async (id, options) => {
      const without = await runView(id, ctx, options);
      expect(await runView(id, ctx, { ...options, trend: 'off' })).toEqual(without);
      expect(summary(without)).toBeUndefined();
    },
    300_000,
  );

  it('an unknown value of the option falls back to off, with a note', async () => {
    const r = await runView('cjs-treatment', ctx, { trend: 'sideways' });
    expect(summary(r)).toBeUndefined();
    expect(r.notes.some((n) => n.includes('Trend over time'))).toBe(true);
  }, 300_000);

  it('Compare areas: drug misuse deaths over every 3-year period, against England, region and comparators', async () => {
    const r = await runView('la-comparison', ctx, {
      indicator: 'drug_misuse_deaths_asr',
      trend: 'on',
    });
    // The comparison of the latest period is still there, the trend chart first.
    expect(r.charts[0].title).toMatch(/: trend$/);
    const table = summary(r)!;
    const roles = new Set(table.rows.map((x) => x.role));
    expect([...roles].sort()).toEqual(['Comparator', 'England', 'Focal area', 'Region']);
    const focal = focalRow(r, /drug misuse/);
    expect(focal.period).toBe('2019-21');
    // Gathered from the view's own rows for each period (2001-03 to 2019-21 in the ONS file).
    expect(focal.periods).toBe(19);
    // ONS age-standardised rates over 3-year pools: Fingertips shows no recent trend for them.
    expect(focal.recent_trend).toBe(
      'cannot be calculated: Fingertips calculates a recent trend only for proportions and crude rates',
    );
    // The change from 2018-20 to 2019-21, by MOVER from the published limits, recomputed here.
    const data = r.tables.find((t) => t.caption.startsWith('Trend data: Deaths from drug misuse'))!;
    const fig = (p: string) =>
      data.rows.find((x) => x.area_code === PETERBOROUGH && x.period === p)!;
    const [a, b] = [fig('2018-20'), fig('2019-21')];
    const expected = twoPeriodChange(
      {
        period: '2018-20',
        value: a.value as number,
        lower95: a.lower_95 as number,
        upper95: a.upper_95 as number,
      },
      {
        period: '2019-21',
        value: b.value as number,
        lower95: b.lower_95 as number,
        upper95: b.upper_95 as number,
      },
      { kind: 'rate', overlapping: true },
    );
    expect(expected.result).toBe('no-significant-change');
    expect(focal.change).toBe(
      `no significant change since 2018-20: ${(expected.difference! > 0 ? '+' : '') + expected.difference!.toFixed(1)} (95% CI ${expected.lower!.toFixed(1)} to +${expected.upper!.toFixed(1)})`,
    );
    // The sentence, in the chart's description and the notes (so the report).
    const sentence = `Peterborough: ${b.count} deaths, ${(b.value as number).toFixed(1)} per 100,000 in 2019-21; recent trend cannot be calculated`;
    expect(r.charts[0].description).toContain(sentence);
    expect(r.notes.some((n) => n.startsWith(`Trend: ${sentence}`))).toBe(true);
    expect(r.charts[0].description).toContain('the two periods share years');
    await renders(r.charts[0].spec);
  }, 300_000);

  it('Compare areas on the Fingertips export: only one period, said so', async () => {
    const r = await runView('la-comparison', ctx, { indicator: '93495', trend: 'on' });
    expect(r.notes).toContain(
      'Trend not calculated: only one period (2017) in the data for this view.',
    );
    expect(trendCharts(r)).toEqual([]);
  }, 300_000);

  it('CJS treatment: the share and the rate over 2021/22-2022/23, continuity of care over four years', async () => {
    const r = await runView('cjs-treatment', ctx, { trend: 'on' });
    const share = focalRow(r, /as % of all adults in treatment/);
    expect(share.periods).toBe(2);
    expect(share.recent_trend).toBe('cannot be calculated: fewer than 5 periods');
    expect(String(share.change)).toMatch(
      /^(no significant change|significantly (in|de)creased) since 2021\/22/,
    );
    const continuity = focalRow(r, /Continuity of care/);
    expect(continuity.periods).toBe(4);
    // Counts have no interval: no change test, and no Fingertips trend for a count.
    const count = focalRow(r, /referred through the criminal justice system \(18\+\)$/);
    expect(count.change).toBe(
      'not tested: the figure has no confidence interval to test a change with',
    );
    for (const c of trendCharts(r)) await renders(c.spec);
    // The shown period's rows are the view's run without the option, unchanged.
    const plain = await runView('cjs-treatment', ctx, {});
    expect(r.indicators).toEqual(plain.indicators);
  }, 300_000);

  it('unmet need: two prevalence periods, named with the treatment year they are paired with', async () => {
    const r = await runView('unmet-need', ctx, { measure: 'opiate', trend: 'on' });
    const focal = focalRow(r, /^Unmet need for treatment: Opiates/);
    expect(focal.periods).toBe(2);
    expect(focal.recent_trend).toBe('cannot be calculated: fewer than 5 periods');
    const chart = trendCharts(r).find((c) => c.title.startsWith('Unmet need'))!;
    expect(chart.description).toMatch(
      /Peterborough: [\d,]+ not in treatment of [\d,]+ estimated to need it, [\d.]+% in 2019\/20/,
    );
    // 2017/18 and 2018/19 have no prevalence estimate: a break, drawn and named.
    expect(chart.description).toContain(
      'Breaks in the series, marked by dashed vertical lines: 2017/18',
    );
    await renders(chart.spec);
  }, 300_000);

  it('treatment outcomes: the chosen substance group only, over its years', async () => {
    const r = await runView('treatment-outcomes', ctx, { trend: 'on' });
    const rows = summary(r)!.rows;
    expect(rows.every((x) => !String(x.indicator).includes('Alcohol only'))).toBe(true);
    const focal = focalRow(r, /^Successful completions/);
    const own = r.indicators.filter(
      (x) =>
        x.area_code === PETERBOROUGH &&
        x.indicator_id === 'treatment_outcomes.successful_completion.all',
    );
    expect(focal.periods).toBe(new Set(own.map((x) => x.period)).size);
    // The recent trend is Fingertips' on the view's own rows (its last five periods).
    const ordered = [...own].sort((a, b) => a.period.localeCompare(b.period));
    const expected = recentTrend({
      points: ordered.map((x, i) => ({
        order: i,
        value: x.value,
        count: x.count,
        denominator: x.denominator,
        lower95: x.lower_95,
        upper95: x.upper_95,
      })),
      valueType: 'proportion',
      yearRange: 1,
      polarity: 'high-is-good',
    });
    expect(
      String(focal.recent_trend).startsWith(
        expected.marker === 'cannot-be-calculated'
          ? 'cannot be calculated'
          : expected.marker === 'no-change'
            ? 'no significant change'
            : expected.marker,
      ),
    ).toBe(true);
    for (const c of trendCharts(r)) await renders(c.spec);
  }, 300_000);

  it('scorecard: local metrics by quarter, counts without a change test', async () => {
    const r = await runView('scorecard', ctx, { trend: 'on' });
    const kits = focalRow(r, /Naloxone kits issued/);
    expect(kits.periods).toBe(4);
    expect(kits.recent_trend).toBe(
      'cannot be calculated: Fingertips calculates a recent trend only for proportions and crude rates',
    );
    const chart = trendCharts(r).find((c) => c.title.startsWith('Naloxone'))!;
    expect(chart.description).toMatch(
      /Peterborough: [\d,]+ in 2023 Q1; recent trend cannot be calculated/,
    );
    expect(chart.description).not.toContain('shaded band');
    // No interval to draw: no band or rule layer (an empty mark container is an unlabelled image).
    const marks = (chart.spec as { layer: { mark: { type: string } }[] }).layer.map(
      (l) => l.mark.type,
    );
    expect(marks).toEqual(['line', 'point']);
    await renders(chart.spec);
  }, 300_000);
});

describe('the shared trend presenter on Fingertips test series', () => {
  // fingertips-open TrendMarkerCalculatorTest data set 1 (a proportion, 2014-2018).
  const SET1: [number, number, number, number, number, string][] = [
    [994, 40299, 24.67, 23.16, 26.25, '2014'],
    [1023, 41527, 24.6, 23.15, 26.19, '2015'],
    [1199, 42811, 28, 26.44, 29.64, '2016'],
    [1332, 44064, 30.2, 28.63, 31.9, '2017'],
    [1367, 44701, 30.6, 28.98, 32.25, '2018'],
  ];
  const key: SeriesKey = {
    key: 'x',
    indicatorId: 'x',
    indicatorName: 'Smoking',
    sex: 'Persons',
    age: 'All ages',
    unit: '%',
  };
  const row = (
    area: string,
    [count, denominator, value, lower, upper, period]: (typeof SET1)[number],
    note = '',
  ): IndicatorRow => ({
    indicator_id: 'x',
    indicator_name: 'Smoking',
    area_code: area,
    area_name: area,
    period,
    sex: 'Persons',
    age: 'All ages',
    value,
    lower_95: lower,
    upper_95: upper,
    count,
    denominator,
    unit: '%',
    polarity: 'low_is_good',
    note,
  });
  const areas = [{ code: 'A', name: 'Peterborough', role: 'focal' as const }];

  it("gives Fingertips' marker, better/worse by polarity, and the sentence", async () => {
    const t = indicatorTrend(
      key,
      SET1.map((r) => row('A', r)),
      areas,
    );
    const a = t.areas[0];
    expect(a.trend.marker).toBe('increasing');
    expect(a.trend.direction).toBe('getting-worse');
    expect(a.sentence).toBe(
      'Peterborough: 1,367 of 44,701, 30.6% in 2018; increasing and getting worse over the last five periods; since 2017: no significant change (the change from 30.2 (2017) to 30.6 (2018), +0.4, has a 95% confidence interval of -1.9 to +2.7 that includes zero)',
    );
    const chart = trendChart(t, 'Peterborough');
    expect(chart.description).toContain(a.sentence);
    await renders(chart.spec);
  });

  it('a missing year inside the last five periods is a break: no recent trend, and the chart marks it', async () => {
    const t = indicatorTrend(
      key,
      SET1.filter((r) => r[5] !== '2016').map((r) => row('A', r)),
      areas,
    );
    expect(t.axis).toEqual(['2014', '2015', '2016', '2017', '2018']);
    expect(t.breaks).toEqual([{ period: '2016', reason: 'no figures for 2016' }]);
    expect(t.areas[0].trend.marker).toBe('cannot-be-calculated');
    const chart = trendChart(t, 'Peterborough');
    expect(chart.description).toContain('2016 (no figures for 2016)');
    const layers = (chart.spec as { layer: { mark: { type: string; strokeDash?: number[] } }[] })
      .layer;
    expect(layers.some((l) => l.mark.type === 'rule' && l.mark.strokeDash)).toBe(true);
    await renders(chart.spec);
  });

  it('a definition change the data names is a break too', () => {
    const rows = SET1.map((r) => row('A', r, r[5] === '2017' ? 'Definition changed in 2017' : ''));
    const t = indicatorTrend(key, rows, areas);
    expect(t.breaks).toEqual([
      { period: '2017', reason: 'definition change (Definition changed in 2017)' },
    ]);
    expect(t.areas[0].trend.message).toContain('a break in the series within the last 5 periods');
  });

  it('an area missing a period another area has breaks its own run (Fingertips: 5 valid points)', () => {
    const rows = [
      ...SET1.map((r) => row('A', r)),
      ...SET1.filter((r) => r[5] !== '2018').map((r) => row('B', r)),
    ];
    const t = indicatorTrend(key, rows, [
      ...areas,
      { code: 'B', name: 'England', role: 'england' },
    ]);
    expect(t.areas[0].trend.marker).toBe('increasing');
    expect(t.areas[1].trend.message).toBe(
      'Not enough data points with valid values to calculate recent trend',
    );
  });
});
