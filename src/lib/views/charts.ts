/**
 * Vega-Lite specs the views return: ranked bars with interval rules, trend with an interval band,
 * caterpillar, spine, funnel and stacked bars. Data are inline. Comparisons with a benchmark use
 * Fingertips' colours and legend wording (./significance.ts); other series the Okabe–Ito palette.
 * Every mark that carries meaning by colour also carries it by a shape or a text label.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import { OKABE_ITO } from './common';
import {
  BASE,
  LABEL_LINE_HEIGHT,
  TREND_HEIGHT,
  axisTitle,
  maxLines,
  titleLines,
  wrappedLabelExpr,
} from './chartBase';
import { significanceChannel, significanceDomain, xDomain } from './significance';

export { TREND_HEIGHT } from './chartBase';
export { SIGNIFICANCE_PALETTE, significanceDomain, type SignificanceLabel } from './significance';

export interface RankedBarRow extends Row {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  role: string;
  marker: string;
}

/** Area names down the y axis, wrapped into lines rather than cut (never an ellipsis). */
function nameAxis(labels: string[]) {
  return {
    labelExpr: wrappedLabelExpr(labels),
    labelLineHeight: LABEL_LINE_HEIGHT,
    labelBaseline: 'middle',
  };
}

/** Height of one row of a chart with these names down its side: room for every wrapped line. */
function rowStep(labels: string[], min: number): number {
  return Math.max(min, maxLines(labels) * LABEL_LINE_HEIGHT + 8);
}

/** Areas down the y axis, highest value first (ranked bars and caterpillars). */
function rankedY(rows: Row[]) {
  const labels = rows.map((r) => String(r.label));
  return {
    field: 'label',
    type: 'nominal',
    sort: { field: 'value', op: 'max', order: 'descending' },
    title: null,
    axis: nameAxis(labels),
  };
}

/** The bold text marker ("◀ focal area") just past the end of each interval. */
function markerLayer(rows: Row[]) {
  return {
    mark: { type: 'text', align: 'left', dx: 4, fontWeight: 'bold' },
    encoding: {
      y: rankedY(rows),
      x: { field: 'upperOrValue', type: 'quantitative' },
      text: { field: 'marker', type: 'nominal' },
    },
  };
}

/**
 * A dashed vertical reference line (a benchmark or a target) with its label at the top: on the
 * right of the line, or on its left when the line is in the right half of the axis (`at`, its
 * position from 0 to 1), so the label never runs off the chart.
 */
function referenceLine(value: number, label: string, colour: string, width = 1, at = 0) {
  const left = at > 0.5;
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
          align: left ? 'right' : 'left',
          dx: left ? -3 : 3,
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

/**
 * Characters per line of a ranked chart's value-axis title: it stays within the plot, which is
 * what is left beside the area names on a narrow chart.
 */
const RANKED_TITLE_WIDTH = 32;

/** A chart with one row per area: data carry where each row's marker goes. */
function rankedChart(
  opts: { title: string; description: string },
  rows: Row[],
  layers: unknown[],
): TopLevelSpec {
  return {
    ...BASE,
    title: titleLines(opts.title),
    description: opts.description,
    height: Math.max(
      120,
      rows.length *
        rowStep(
          rows.map((r) => String(r.label)),
          22,
        ),
    ),
    data: { values: rows.map((r) => ({ ...r, upperOrValue: r.upper ?? r.value })) },
    layer: layers,
  } as unknown as TopLevelSpec;
}

/** The x domain of a ranked chart: every interval inside it and a fixed end such as 100%. */
function rankedDomain(rows: Row[], extra: (number | null)[], domainMax?: number) {
  const all = [...rows.flatMap((r) => [r.value, r.lower, r.upper] as (number | null)[]), ...extra];
  return xDomain(domainMax !== undefined ? [...all, domainMax] : all);
}

/** Where a value sits along a domain, from 0 to 1 (0 without a domain). */
function along(domain: [number, number] | null, value: number): number {
  return domain ? (value - domain[0]) / (domain[1] - domain[0] || 1) : 0;
}

/**
 * The x scale of a ranked chart over `domain`. The text markers ("◀ focal area", "u") are drawn
 * just past each interval, so the plot keeps room for the longest of them on its right, in
 * pixels whatever the chart's width: the scale's range stops that short of the plot's width.
 */
function rankedScale(rows: Row[], domain: [number, number] | null) {
  const longest = Math.max(0, ...rows.map((r) => String(r.marker ?? '').trim().length));
  const room = longest > 0 ? Math.ceil(longest * MARKER_CHAR_WIDTH) + 8 : 0;
  return {
    scale: {
      ...(domain ? { domain, nice: false } : {}),
      ...(room > 0 ? { range: [0, { expr: `width - ${room}` }] } : {}),
    },
  };
}

/** Width of a character of the bold 12 px marker text, generously (px). */
const MARKER_CHAR_WIDTH = 9;

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
  const labels = significanceDomain(rows.map((r) => r.significance));
  const title = opts.significanceTitle ?? 'Compared with England';
  const domain = rankedDomain(rows, [opts.rule?.value ?? null], opts.domainMax);
  const layers: unknown[] = [
    {
      mark: bySignificance
        ? { type: 'bar', tooltip: true, stroke: OKABE_ITO.black, strokeWidth: 0.5 }
        : { type: 'bar', tooltip: true },
      encoding: {
        y: rankedY(rows),
        x: {
          field: 'value',
          type: 'quantitative',
          title: axisTitle(opts.xTitle, RANKED_TITLE_WIDTH),
          ...rankedScale(rows, domain),
        },
        color: bySignificance
          ? significanceChannel('colour', title, labels)
          : {
              field: 'role',
              type: 'nominal',
              title: 'Area',
              scale: {
                domain: ['Focal area', 'England', 'Region', 'Comparator'],
                range: [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.grey, OKABE_ITO.skyBlue],
              },
              legend: { orient: 'bottom', direction: 'horizontal', columns: 2, titleLimit: 0 },
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
        y: rankedY(rows),
        x: { field: 'lower', type: 'quantitative' },
        x2: { field: 'upper' },
      },
    },
    markerLayer(rows),
  ];
  if (opts.rule)
    layers.push(
      referenceLine(
        opts.rule.value,
        opts.rule.label,
        OKABE_ITO.green,
        2,
        along(domain, opts.rule.value),
      ),
    );
  return rankedChart(opts, rows, layers);
}

const TREND_ROLES = ['Focal area', 'England', 'Region', 'Comparator'];
const TREND_COLOURS = [
  OKABE_ITO.orange,
  OKABE_ITO.black,
  OKABE_ITO.blue,
  OKABE_ITO.skyBlue,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.vermillion,
];

/** Trend for the focal area with a 95% CI band, and England as a dashed line. */
export function trendSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  yTitle: string;
  periods: string[];
}): TopLevelSpec {
  // The focal area first, so it takes the orange of its interval band; then England, the region.
  const rank = (role: unknown) => {
    const i = TREND_ROLES.indexOf(String(role));
    return i < 0 ? TREND_ROLES.length : i;
  };
  const series = [...new Set(opts.rows.map((r) => String(r.series)))].sort(
    (a, b) =>
      rank(opts.rows.find((r) => String(r.series) === a)?.series_role ?? '') -
      rank(opts.rows.find((r) => String(r.series) === b)?.series_role ?? ''),
  );
  return {
    ...BASE,
    title: titleLines(opts.title),
    description: opts.description,
    height: TREND_HEIGHT,
    data: { values: opts.rows },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        sort: opts.periods,
        title: 'Period',
      },
    },
    layer: [
      {
        transform: [{ filter: "datum.series_role === 'Focal area'" }],
        mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.orange },
        encoding: {
          y: { field: 'lower', type: 'quantitative', title: axisTitle(opts.yTitle, 40) },
          y2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'line', point: { filled: true, size: 50 }, tooltip: true },
        encoding: {
          y: { field: 'value', type: 'quantitative', title: axisTitle(opts.yTitle, 40) },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: series, range: TREND_COLOURS.slice(0, series.length) },
          },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: series } },
          shape: { field: 'series', type: 'nominal', title: null, scale: { domain: series } },
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
  const labels = significanceDomain(
    opts.rows.map((r) => r.significance),
    { judged: opts.polarity === 'judged', unjudged: opts.polarity === 'unjudged' },
  );
  const title = `Compared with ${opts.benchmarkLabel}`;
  const domain = rankedDomain(opts.rows, [opts.benchmark]);
  const layers: unknown[] = [
    {
      mark: { type: 'rule', color: OKABE_ITO.black },
      encoding: {
        y: rankedY(opts.rows),
        x: {
          field: 'lower',
          type: 'quantitative',
          title: axisTitle(opts.xTitle, RANKED_TITLE_WIDTH),
          ...rankedScale(opts.rows, domain),
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
        y: rankedY(opts.rows),
        x: { field: 'value', type: 'quantitative' },
        color: significanceChannel('colour', title, labels),
        shape: significanceChannel('shape', title, labels),
      },
    },
    markerLayer(opts.rows),
  ];
  if (opts.benchmark !== null)
    layers.push(
      referenceLine(
        opts.benchmark,
        opts.benchmarkLabel,
        OKABE_ITO.grey,
        1,
        along(domain, opts.benchmark),
      ),
    );
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
  const labels = [...new Set(opts.rows.map((r) => String(r.label)))];
  return {
    ...BASE,
    title: titleLines(opts.title),
    description: opts.description,
    height: Math.max(120, labels.length * rowStep(labels, 26)),
    data: { values: opts.rows },
    layer: [
      {
        mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, axis: nameAxis(labels) },
          x: {
            field: 'count',
            type: 'quantitative',
            stack: 'zero',
            title: axisTitle(opts.xTitle),
          },
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
