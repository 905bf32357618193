/**
 * Vega-Lite specs the views return: ranked bars with interval rules, trend with an interval band,
 * caterpillar, spine, funnel and stacked bars. Data are inline. Comparisons with a benchmark use
 * Fingertips' colours and legend wording (./significance.ts); other series the Okabe–Ito palette.
 * Every mark that carries meaning by colour also carries it by a shape or a text label.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import { OKABE_ITO } from './common';
import { BASE } from './chartBase';
import { significanceChannel, significanceDomain, xDomain } from './significance';

export { SIGNIFICANCE_PALETTE, significanceDomain, type SignificanceLabel } from './significance';

export interface RankedBarRow extends Row {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  role: string;
  marker: string;
}

/** Areas down the y axis, highest value first (ranked bars and caterpillars). */
function rankedY(title?: null) {
  return {
    field: 'label',
    type: 'nominal',
    sort: { field: 'value', op: 'max', order: 'descending' },
    ...(title === null ? { title: null } : {}),
  };
}

/** The bold text marker ("◀ focal area") just past the end of each interval. */
const MARKER_LAYER = {
  mark: { type: 'text', align: 'left', dx: 4, fontWeight: 'bold' },
  encoding: {
    y: rankedY(),
    x: { field: 'upperOrValue', type: 'quantitative' },
    text: { field: 'marker', type: 'nominal' },
  },
};

/** A dashed vertical reference line (a benchmark or a target) with its label at the top. */
function referenceLine(value: number, label: string, colour: string, width = 1) {
  return {
    data: { values: [{ referenceValue: value, referenceLabel: label }] },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [6, 4], color: colour, strokeWidth: width },
        encoding: { x: { field: 'referenceValue', type: 'quantitative' } },
      },
      {
        mark: {
          type: 'text',
          align: 'left',
          dx: 3,
          dy: -4,
          baseline: 'bottom',
          color: colour === OKABE_ITO.grey ? OKABE_ITO.black : colour,
        },
        encoding: {
          x: { field: 'referenceValue', type: 'quantitative' },
          y: { value: 0 },
          text: { field: 'referenceLabel' },
        },
      },
    ],
  };
}

/** A chart with one row per area: data carry where each row's marker goes. */
function rankedChart(
  opts: { title: string; description: string },
  rows: Row[],
  layers: unknown[],
): TopLevelSpec {
  return {
    ...BASE,
    title: opts.title,
    description: opts.description,
    height: Math.max(120, rows.length * 22),
    data: { values: rows.map((r) => ({ ...r, upperOrValue: r.upper ?? r.value })) },
    layer: layers,
  } as unknown as TopLevelSpec;
}

/**
 * The x scale of a ranked chart: every interval inside it (a fixed end such as 100% is kept
 * unless an interval goes past it), with room on the right for the text marker otherwise.
 */
function rankedScale(rows: Row[], extra: (number | null)[], domainMax?: number) {
  const all = [...rows.flatMap((r) => [r.value, r.lower, r.upper] as (number | null)[]), ...extra];
  const domain =
    domainMax !== undefined
      ? xDomain([...all, domainMax])
      : xDomain(all, { roomRight: rows.some((r) => r.marker) ? 0.15 : 0 });
  return domain ? { scale: { domain, nice: false } } : {};
}

/**
 * Horizontal ranked bars with CI rules. Coloured by the comparison with the benchmark in
 * Fingertips' colours when the rows carry a `significance` label (the focal bar outlined), else
 * by role (the focal area orange); the focal area is also labelled "◀ focal area". The axis
 * holds every interval (and `domainMax`, e.g. 100%), so none is clipped.
 */
export function rankedBarSpec(opts: {
  title: string;
  description: string;
  rows: RankedBarRow[];
  xTitle: string;
  domainMax?: number;
  rule?: { value: number; label: string };
  /** Legend title when bars are coloured by significance. */
  significanceTitle?: string;
}): TopLevelSpec {
  const rows = opts.rows.filter((r) => r.value !== null);
  const bySignificance = rows.some((r) => typeof r.significance === 'string' && r.significance);
  const domain = significanceDomain(rows.map((r) => r.significance));
  const title = opts.significanceTitle ?? 'Compared with England';
  const layers: unknown[] = [
    {
      mark: bySignificance
        ? { type: 'bar', tooltip: true, stroke: OKABE_ITO.black, strokeWidth: 0.5 }
        : { type: 'bar', tooltip: true },
      encoding: {
        y: rankedY(null),
        x: {
          field: 'value',
          type: 'quantitative',
          title: opts.xTitle,
          ...rankedScale(rows, [opts.rule?.value ?? null], opts.domainMax),
        },
        color: bySignificance
          ? significanceChannel('colour', title, domain)
          : {
              field: 'role',
              type: 'nominal',
              title: 'Area',
              scale: {
                domain: ['Focal area', 'England', 'Region', 'Comparator'],
                range: [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.grey, OKABE_ITO.skyBlue],
              },
              legend: { orient: 'bottom', direction: 'horizontal', titleLimit: 0 },
            },
        ...(bySignificance
          ? {
              strokeWidth: {
                condition: { test: "datum.role === 'Focal area'", value: 2.5 },
                value: 0.5,
              },
            }
          : {}),
      },
    },
    {
      mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1.5 },
      encoding: {
        y: rankedY(),
        x: { field: 'lower', type: 'quantitative' },
        x2: { field: 'upper' },
      },
    },
    MARKER_LAYER,
  ];
  if (opts.rule) layers.push(referenceLine(opts.rule.value, opts.rule.label, OKABE_ITO.green, 2));
  return rankedChart(opts, rows, layers);
}

/** Trend for the focal area with a 95% CI band, and England as a dashed line. */
export function trendSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  yTitle: string;
  periods: string[];
}): TopLevelSpec {
  return {
    ...BASE,
    title: opts.title,
    description: opts.description,
    height: 260,
    data: { values: opts.rows },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: opts.periods, title: 'Period' },
    },
    layer: [
      {
        transform: [{ filter: "datum.series_role === 'Focal area'" }],
        mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.orange },
        encoding: {
          y: { field: 'lower', type: 'quantitative', title: opts.yTitle },
          y2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'line', point: { filled: true, size: 50 }, tooltip: true },
        encoding: {
          y: { field: 'value', type: 'quantitative', title: opts.yTitle },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { range: [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.blue] },
          },
          strokeDash: { field: 'series', type: 'nominal', title: null },
          shape: { field: 'series', type: 'nominal', title: null },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/**
 * Caterpillar: areas sorted by value, CI rules, point shape AND colour by the comparison with the
 * benchmark (Fingertips' colours and legend). The axis holds every interval and the benchmark;
 * the legend sits below the chart, so the focal marker never runs into it.
 */
export function caterpillarSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  xTitle: string;
  benchmark: number | null;
  benchmarkLabel: string;
  /** Which legend entries to show when the labels cannot tell (polarity judged or not). */
  polarity?: 'judged' | 'unjudged';
}): TopLevelSpec {
  const domain = significanceDomain(
    opts.rows.map((r) => r.significance),
    { judged: opts.polarity === 'judged', unjudged: opts.polarity === 'unjudged' },
  );
  const title = `Compared with ${opts.benchmarkLabel}`;
  const layers: unknown[] = [
    {
      mark: { type: 'rule', color: OKABE_ITO.black },
      encoding: {
        y: rankedY(null),
        x: {
          field: 'lower',
          type: 'quantitative',
          title: opts.xTitle,
          ...rankedScale(opts.rows, [opts.benchmark]),
        },
        x2: { field: 'upper' },
      },
    },
    {
      mark: {
        type: 'point',
        filled: true,
        size: 90,
        stroke: OKABE_ITO.black,
        strokeWidth: 1,
        tooltip: true,
      },
      encoding: {
        y: rankedY(),
        x: { field: 'value', type: 'quantitative' },
        color: significanceChannel('colour', title, domain),
        shape: significanceChannel('shape', title, domain),
      },
    },
    MARKER_LAYER,
  ];
  if (opts.benchmark !== null)
    layers.push(referenceLine(opts.benchmark, opts.benchmarkLabel, OKABE_ITO.grey));
  return rankedChart(opts, opts.rows, layers);
}

/** Stacked horizontal bars of counts by a category, with a text marker for the focal area. */
export function stackedBarSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  categoryOrder: string[];
  categoryTitle: string;
  xTitle: string;
}): TopLevelSpec {
  const palette = [
    OKABE_ITO.blue,
    OKABE_ITO.orange,
    OKABE_ITO.green,
    OKABE_ITO.purple,
    OKABE_ITO.skyBlue,
    OKABE_ITO.vermillion,
    OKABE_ITO.yellow,
  ];
  return {
    ...BASE,
    title: opts.title,
    description: opts.description,
    height: Math.max(120, new Set(opts.rows.map((r) => r.label)).size * 26),
    data: { values: opts.rows },
    layer: [
      {
        mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null },
          x: { field: 'count', type: 'quantitative', stack: 'zero', title: opts.xTitle },
          color: {
            field: 'category',
            type: 'nominal',
            title: opts.categoryTitle,
            scale: {
              domain: opts.categoryOrder,
              range: palette.slice(0, opts.categoryOrder.length),
            },
          },
          order: { field: 'category_order', type: 'quantitative' },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

export { spineSpec } from './spineChart';
export { funnelSpec } from './funnelChart';
