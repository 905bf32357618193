/**
 * What every chart shares: schema, width of its container, and the legibility rules (issue 18),
 * so a chart built on BASE inherits them without repeating them:
 * - every text at least 11 px (labels and titles 12, chart titles 14);
 * - labels and titles never cut with an ellipsis (no label limits): long names are wrapped
 *   into lines instead (wrapText, wrappedLabelExpr, titleLines);
 * - legends below the plot, one entry a line, so a long series name never squeezes the plot;
 * - the height of a spec is the plot's own height (autosize "fit-x"): axes, legend and titles
 *   are added to it, never squeezed into it, and the width fits the container with everything
 *   inside it (contains "padding").
 * tests/unit/views/chartLegibility.test.ts draws every chart of the demo and checks these.
 */

/** The smallest text a chart may draw, in px. */
export const MIN_FONT_SIZE = 11;

const LABEL = 12;

/**
 * A Vega expression: an axis label with a note in brackets ("2019/20 (treatment 2022/23)") drawn
 * one word a line, so it stays about as narrow as the period itself; other labels as they are.
 */
const BRACKETED_LABEL_LINES =
  "indexof(datum.label, ' (') > 0 ? split(datum.label, ' ') : datum.label";

export const LEGIBLE_CONFIG = {
  font: 'system-ui, sans-serif',
  title: {
    fontSize: 14,
    subtitleFontSize: LABEL,
    anchor: 'start',
    lineBreak: '\n',
    offset: 10,
    limit: 0,
  },
  axis: {
    labelFontSize: LABEL,
    titleFontSize: LABEL,
    labelLimit: 0,
    titleLimit: 0,
    titlePadding: 8,
  },
  // Periods or categories along x (a trend's axis): labels level, and every other one left out
  // (repeatedly) until none overlaps, rather than tilted or run together.
  // A little further from the axis than the default, clear of the lowest y label beside it; a
  // label with a note in brackets ("2019/20 (treatment 2022/23)") is drawn one word a line.
  axisXDiscrete: {
    labelAngle: 0,
    labelOverlap: 'parity',
    labelSeparation: 8,
    labelPadding: 5,
    labelLineHeight: 14,
    labelExpr: BRACKETED_LABEL_LINES,
  },
  legend: {
    labelFontSize: LABEL,
    titleFontSize: LABEL,
    labelLimit: 0,
    titleLimit: 0,
    orient: 'bottom',
    direction: 'vertical',
  },
  header: { labelFontSize: LABEL, titleFontSize: LABEL },
  text: { fontSize: LABEL },
  mark: { fontSize: LABEL },
} as const;

export const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  autosize: { type: 'fit-x', contains: 'padding' },
  config: LEGIBLE_CONFIG,
} as const;

/** The plot height of a trend chart, in px (axes, title and legend are added to it). */
export const TREND_HEIGHT = 340;

/** Characters per line of a chart title (14 px bold fits a 480 px wide chart). */
export const TITLE_WIDTH = 48;
/** Characters per line of an area or indicator name beside a ranked chart. */
export const LABEL_WIDTH = 28;
/** Line height of wrapped axis labels, in px. */
export const LABEL_LINE_HEIGHT = 14;

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

/**
 * A chart title broken into lines (Vega titles do not wrap by themselves). It stays a string,
 * with line breaks that the config's `title.lineBreak` draws, so code that reads a spec's title
 * as text still can.
 */
export function titleLines(text: string, width = TITLE_WIDTH): string {
  return wrapText(text, width).join('\n');
}

/** An axis title broken into lines when it is long (an array of lines is one title, stacked). */
export function axisTitle(text: string, width = 48): string | string[] {
  const lines = wrapText(text, width);
  return lines.length === 1 ? lines[0] : lines;
}

/** JSON as a Vega expression literal (line and paragraph separators escaped: they end a string there). */
export function jsonForExpression(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A Vega expression for an axis's `labelExpr` that draws each of these labels wrapped into
 * lines of at most `width` characters (a label it does not know is drawn as it is).
 */
export function wrappedLabelExpr(labels: readonly string[], width = LABEL_WIDTH): string {
  const map = Object.fromEntries(
    [...new Set(labels)].filter((l) => l.length > width).map((l) => [l, wrapText(l, width)]),
  );
  return `(${jsonForExpression(map)})[datum.label] || datum.label`;
}

/** The most lines any of these labels wraps into. */
export function maxLines(labels: readonly string[], width = LABEL_WIDTH): number {
  return Math.max(1, ...labels.map((l) => wrapText(l, width).length));
}
