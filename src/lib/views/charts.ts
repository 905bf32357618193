/**
 * Vega-Lite specs the views return: ranked bars with interval rules, trend with an interval band,
 * caterpillar, spine, funnel and stacked bars. Data are inline; palette is Okabe–Ito; every mark
 * that carries meaning by colour also carries it by a shape or a text label.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import { OKABE_ITO, SIGNIFICANCE_STYLE } from './common';

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  autosize: { type: 'fit', contains: 'padding' },
  config: { font: 'system-ui, sans-serif', axis: { labelLimit: 260 } },
} as const;

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

/** Horizontal ranked bars with CI rules; the focal area is orange and labelled "◀ focal area". */
export function rankedBarSpec(opts: {
  title: string;
  description: string;
  rows: RankedBarRow[];
  xTitle: string;
  domainMax?: number;
  rule?: { value: number; label: string };
}): TopLevelSpec {
  const rows = opts.rows.filter((r) => r.value !== null);
  const layers: unknown[] = [
    {
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: rankedY(null),
        x: {
          field: 'value',
          type: 'quantitative',
          title: opts.xTitle,
          ...(opts.domainMax !== undefined ? { scale: { domain: [0, opts.domainMax] } } : {}),
        },
        color: {
          field: 'role',
          type: 'nominal',
          title: 'Area',
          scale: {
            domain: ['Focal area', 'England', 'Region', 'Comparator'],
            range: [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.grey, OKABE_ITO.skyBlue],
          },
        },
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

/** Caterpillar: areas sorted by value, CI rules, point shape AND colour by significance. */
export function caterpillarSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  xTitle: string;
  benchmark: number | null;
  benchmarkLabel: string;
}): TopLevelSpec {
  const labels = Object.keys(SIGNIFICANCE_STYLE);
  const bySignificance = (channel: 'colour' | 'shape') => ({
    field: 'significance',
    type: 'nominal',
    title: 'Compared with England',
    scale: { domain: labels, range: labels.map((l) => SIGNIFICANCE_STYLE[l][channel]) },
  });
  const layers: unknown[] = [
    {
      mark: { type: 'rule', color: OKABE_ITO.black },
      encoding: {
        y: rankedY(null),
        x: { field: 'lower', type: 'quantitative', title: opts.xTitle },
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
        color: bySignificance('colour'),
        shape: bySignificance('shape'),
      },
    },
    MARKER_LAYER,
  ];
  if (opts.benchmark !== null)
    layers.push(referenceLine(opts.benchmark, opts.benchmarkLabel, OKABE_ITO.grey));
  return rankedChart(opts, opts.rows, layers);
}

/**
 * Spine chart: one row per indicator, scaled so England is at 0.5 and the worst is on the left.
 * Rows carry x positions already scaled (0..1): x_worst, x_q25 (quartile nearer the worst end),
 * x_q75 (quartile nearer the best end), x_best, x_england, x_area.
 */
export function spineSpec(opts: { title: string; description: string; rows: Row[] }): TopLevelSpec {
  const labels = Object.keys(SIGNIFICANCE_STYLE);
  const y = { field: 'indicator', type: 'nominal', title: null };
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, 1] },
    axis: null,
    title: null,
  });
  return {
    ...BASE,
    title: opts.title,
    description: opts.description,
    height: Math.max(80, opts.rows.length * 34),
    data: { values: opts.rows },
    layer: [
      {
        mark: { type: 'bar', color: '#D9D9D9', height: 16 },
        encoding: { y, x: x('x_worst'), x2: { field: 'x_q25' } },
      },
      {
        mark: { type: 'bar', color: '#8C8C8C', height: 16 },
        encoding: { y, x: x('x_q25'), x2: { field: 'x_q75' } },
      },
      {
        mark: { type: 'bar', color: '#D9D9D9', height: 16 },
        encoding: { y, x: x('x_q75'), x2: { field: 'x_best' } },
      },
      {
        mark: { type: 'tick', color: OKABE_ITO.black, thickness: 2, size: 22 },
        encoding: { y, x: x('x_england') },
      },
      {
        mark: {
          type: 'point',
          filled: true,
          size: 110,
          stroke: OKABE_ITO.black,
          strokeWidth: 1,
          tooltip: true,
        },
        encoding: {
          y,
          x: x('x_area'),
          color: {
            field: 'significance',
            type: 'nominal',
            title: 'Compared with England',
            scale: { domain: labels, range: labels.map((l) => SIGNIFICANCE_STYLE[l].colour) },
          },
          shape: {
            field: 'significance',
            type: 'nominal',
            title: 'Compared with England',
            scale: { domain: labels, range: labels.map((l) => SIGNIFICANCE_STYLE[l].shape) },
          },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/**
 * Funnel plot: points (denominator on x), 95% and 99.8% limit lines, the overall line.
 * `limits` are long rows { x, y, limit: 'Lower 95%' | 'Upper 95%' | 'Lower 99.8%' | 'Upper 99.8%' }.
 */
export function funnelSpec(opts: {
  title: string;
  description: string;
  points: Row[];
  limits: Row[];
  xTitle: string;
  yTitle: string;
  baseline: number;
}): TopLevelSpec {
  const labels = Object.keys(SIGNIFICANCE_STYLE);
  return {
    ...BASE,
    title: opts.title,
    description: opts.description,
    height: 320,
    layer: [
      {
        data: { values: opts.limits },
        mark: { type: 'line', strokeWidth: 1.5, color: OKABE_ITO.grey },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: opts.xTitle },
          y: { field: 'y', type: 'quantitative', title: opts.yTitle },
          detail: { field: 'limit', type: 'nominal' },
          strokeDash: {
            field: 'level',
            type: 'nominal',
            title: 'Control limits',
            scale: {
              domain: ['95%', '99.8%'],
              range: [
                [6, 3],
                [1, 0],
              ],
            },
          },
        },
      },
      {
        data: { values: [{ b: opts.baseline, l: 'Overall' }] },
        mark: { type: 'rule', color: OKABE_ITO.black },
        encoding: { y: { field: 'b', type: 'quantitative' } },
      },
      {
        data: { values: opts.points },
        mark: {
          type: 'point',
          filled: true,
          size: 80,
          stroke: OKABE_ITO.black,
          strokeWidth: 1,
          tooltip: true,
        },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          color: {
            field: 'significance',
            type: 'nominal',
            title: 'Against funnel limits',
            scale: { domain: labels, range: labels.map((l) => SIGNIFICANCE_STYLE[l].colour) },
          },
          shape: {
            field: 'significance',
            type: 'nominal',
            title: 'Against funnel limits',
            scale: { domain: labels, range: labels.map((l) => SIGNIFICANCE_STYLE[l].shape) },
          },
        },
      },
      {
        data: { values: opts.points },
        transform: [{ filter: "datum.marker !== ''" }],
        mark: { type: 'text', align: 'left', dx: 7, fontWeight: 'bold' },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'marker' },
        },
      },
    ],
  } as unknown as TopLevelSpec;
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
