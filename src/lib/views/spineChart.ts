/**
 * The spine chart as Fingertips' area profiles draw it: one row per indicator; for each, the
 * range of every authority's value (worst on the left, lowest when the indicator has no
 * polarity) in light grey, the 25th to 75th percentile in dark grey, England as a line in the
 * middle, and the area as a point coloured (and shaped) by its comparison with England. The full
 * indicator name is wrapped beside its row, and the area's and England's values are printed on
 * the right, as in Fingertips' table.
 *
 * Rows carry positions already scaled by src/lib/stats spineStats (0..1, England at 0.5):
 * x_worst, x_q25 (quartile nearer the worst end), x_q75, x_best, x_england, x_area; and
 * `indicator`, `significance`, `value_text`, `england_text` for the labels.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import {
  BASE,
  LABEL_LINE_HEIGHT,
  jsonForExpression,
  maxLines,
  titleLines,
  wrapText,
  wrappedLabelExpr,
} from './chartBase';
import { OKABE_ITO } from './common';
import { significanceChannel, significanceDomain } from './significance';

/** Fingertips' spine bar greys (lightgrey.png / darkgrey.png). */
export const SPINE_GREYS = { outer: '#C9C9C9', inner: '#8B8B8B' } as const;

/** Characters per line of an indicator's name beside its row. */
const NAME_WIDTH = 24;

/** Width allowed per character of a printed value or a column header (bold 12 px), in px. */
const CHAR_WIDTH = 9;
/** Gap before each printed-value column, in px. */
const COLUMN_GAP = 10;
/** How far above the plot the column headers sit (as the axis's labels do), in px. */
const HEADER_OFFSET = 4;

export { wrapText } from './chartBase';

export function spineSpec(opts: {
  title: string;
  description: string;
  rows: Row[];
  /** Header of the area's value column (its name). */
  areaLabel?: string;
  benchmarkLabel?: string;
}): TopLevelSpec {
  const benchmark = opts.benchmarkLabel ?? 'England';
  const domain = significanceDomain(opts.rows.map((r) => r.significance));
  const legendTitle = `Compared with ${benchmark}`;
  const labels = opts.rows.map((r) => String(r.indicator));
  // Every row tall enough for its indicator's name, wrapped (at least the spine bar's height).
  const rowHeight = Math.max(44, maxLines(labels, NAME_WIDTH) * LABEL_LINE_HEIGHT + 8);
  const y = {
    field: 'indicator',
    type: 'nominal',
    title: null,
    sort: null,
    axis: {
      labelExpr: wrappedLabelExpr(labels, NAME_WIDTH),
      labelLimit: 0,
      labelLineHeight: LABEL_LINE_HEIGHT,
      labelPadding: 6,
      ticks: false,
      domain: false,
    },
  };
  // The printed values sit in two columns right of the spine, each as wide as its header or
  // widest value (px, generously: bold 12 px text is under 9 px a character), whatever the
  // chart's width; the spine takes what is left. Both columns are right-aligned.
  const areaHeader = wrapText(opts.areaLabel ?? 'Area', 10);
  const column = (header: string[], field: string) =>
    Math.ceil(
      Math.max(
        ...header.map((l) => l.length * CHAR_WIDTH),
        ...opts.rows.map((r) => String(r[field] ?? '').length * CHAR_WIDTH),
      ),
    ) + COLUMN_GAP;
  const englandWidth = column([benchmark], 'england_text');
  const areaWidth = column(areaHeader, 'value_text');
  const areaRight = `width - ${englandWidth}`;
  const spineEnd = `width - ${englandWidth + areaWidth + COLUMN_GAP}`;
  const headers: Record<string, string[]> = {
    '0': ['Worst /', 'lowest'],
    '0.5': [benchmark],
    '1': ['Best /', 'highest'],
  };
  // One axis (the spine's headers on top) shared by the spine's layers: Vega-Lite merges the
  // layers' axes. On a narrow chart the middle header is left out rather than overlapping.
  const axis = {
    orient: 'top',
    values: [0, 0.5, 1],
    labelExpr: `(${jsonForExpression(headers)})[datum.value + ''] || ''`,
    labelLineHeight: LABEL_LINE_HEIGHT,
    labelAlign: {
      condition: [
        { test: 'datum.value === 0', value: 'left' },
        { test: 'datum.value === 1', value: 'right' },
      ],
      value: 'center',
    },
    labelOverlap: 'parity',
    labelFontWeight: 'bold',
    labelLimit: 0,
    ticks: false,
    grid: false,
    domain: false,
  };
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, 1], range: [0, { expr: spineEnd }], nice: false, zero: false },
    title: null,
    axis,
  });
  const bar = (from: string, to: string, colour: string) => ({
    mark: { type: 'bar', color: colour, height: 18, tooltip: false },
    encoding: { y, x: x(from), x2: { field: to } },
  });
  const printed = (field: string, right: string) => ({
    mark: { type: 'text', align: 'right', baseline: 'middle' },
    encoding: { y, x: { value: { expr: right } }, text: { field } },
  });
  /** A column's header, above the plot in line with the spine's headers. */
  const header = (lines: string[], right: string) => ({
    data: { values: [{}] },
    mark: {
      type: 'text',
      align: 'right',
      baseline: 'bottom',
      fontWeight: 'bold',
      lineHeight: LABEL_LINE_HEIGHT,
      dy: -HEADER_OFFSET,
    },
    encoding: { x: { value: { expr: right } }, y: { value: 0 }, text: { value: lines } },
  });
  return {
    ...BASE,
    // The width fits the cell; the height is the plot's own (rows of up to three lines), legend
    // and headers added to it rather than squeezed into it.
    autosize: { type: 'fit-x', contains: 'padding' },
    config: { ...BASE.config, view: { stroke: null } },
    title: titleLines(opts.title),
    description: opts.description,
    height: Math.max(80, opts.rows.length * rowHeight),
    data: { values: opts.rows },
    layer: [
      bar('x_worst', 'x_q25', SPINE_GREYS.outer),
      bar('x_q25', 'x_q75', SPINE_GREYS.inner),
      bar('x_q75', 'x_best', SPINE_GREYS.outer),
      {
        mark: { type: 'tick', color: OKABE_ITO.black, thickness: 2, size: 26 },
        encoding: { y, x: x('x_england') },
      },
      {
        mark: {
          type: 'point',
          filled: true,
          size: 120,
          stroke: OKABE_ITO.black,
          strokeWidth: 1,
          tooltip: true,
        },
        encoding: {
          y,
          x: x('x_area'),
          color: significanceChannel('colour', legendTitle, domain),
          shape: significanceChannel('shape', legendTitle, domain),
        },
      },
      printed('value_text', areaRight),
      printed('england_text', 'width'),
      header(areaHeader, areaRight),
      header([benchmark], 'width'),
    ],
  } as unknown as TopLevelSpec;
}
