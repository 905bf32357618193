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
import { BASE } from './chartBase';
import { OKABE_ITO } from './common';
import { significanceChannel, significanceDomain } from './significance';

/** Fingertips' spine bar greys (lightgrey.png / darkgrey.png). */
export const SPINE_GREYS = { outer: '#C9C9C9', inner: '#8B8B8B' } as const;

/** Where the printed values sit, right of the spine (which spans 0..1). */
const COLUMNS = { area: 1.05, england: 1.7, end: 1.7 } as const;

/** Splits text into lines of at most `width` characters, at spaces (a longer word stands alone). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** JSON as a Vega expression literal (line and paragraph separators escaped: they end a string there). */
function jsonForExpression(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A Vega expression that maps each label to its wrapped lines (multi-line axis labels). */
function wrappedLabels(labels: string[], width: number): string {
  const map = Object.fromEntries(labels.map((l) => [l, wrapText(l, width)]));
  return `(${jsonForExpression(map)})[datum.label] || datum.label`;
}

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
  const y = {
    field: 'indicator',
    type: 'nominal',
    title: null,
    sort: null,
    axis: {
      labelExpr: wrappedLabels(labels, 36),
      labelLimit: 0,
      labelLineHeight: 12,
      labelPadding: 6,
      ticks: false,
      domain: false,
    },
  };
  const headers: Record<string, string[]> = {
    '0': ['Worst /', 'lowest'],
    '0.5': [benchmark],
    '1': ['Best /', 'highest'],
    [String(COLUMNS.area)]: wrapText(opts.areaLabel ?? 'Area', 10),
    [String(COLUMNS.england)]: [benchmark],
  };
  // One axis (headers on top) shared by every layer: Vega-Lite merges the layers' axes.
  const axis = {
    orient: 'top',
    values: Object.keys(headers).map(Number),
    labelExpr: `(${jsonForExpression(headers)})[datum.value + ''] || ''`,
    labelLineHeight: 12,
    labelAlign: {
      condition: [
        {
          test: `datum.value === 0 || (datum.value > 1 && datum.value < ${COLUMNS.end})`,
          value: 'left',
        },
        { test: `datum.value === 1 || datum.value >= ${COLUMNS.end}`, value: 'right' },
      ],
      value: 'center',
    },
    labelOverlap: false,
    labelFontWeight: 'bold',
    labelLimit: 0,
    ticks: false,
    grid: false,
    domain: false,
  };
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, COLUMNS.end], nice: false, zero: false },
    title: null,
    axis,
  });
  const bar = (from: string, to: string, colour: string) => ({
    mark: { type: 'bar', color: colour, height: 18, tooltip: false },
    encoding: { y, x: x(from), x2: { field: to } },
  });
  const printed = (field: string, at: number) => ({
    mark: { type: 'text', align: at >= COLUMNS.end ? 'right' : 'left', baseline: 'middle' },
    encoding: { y, x: { datum: at, type: 'quantitative', axis }, text: { field } },
  });
  return {
    ...BASE,
    // The width fits the cell; the height is the plot's own (rows of up to three lines), legend
    // and headers added to it rather than squeezed into it.
    autosize: { type: 'fit-x', contains: 'padding' },
    config: { ...BASE.config, view: { stroke: null } },
    title: opts.title,
    description: opts.description,
    height: Math.max(80, opts.rows.length * 44),
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
      printed('value_text', COLUMNS.area),
      printed('england_text', COLUMNS.england),
    ],
  } as unknown as TopLevelSpec;
}
