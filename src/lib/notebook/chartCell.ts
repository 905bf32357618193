/**
 * The Vega-Lite spec of a chart cell: one mark over a SQL cell's result, with a description for
 * screen readers. Rows are inline (never a URL). A notebook file can name anything in a chart
 * cell, so the spec is built only from a fixed list of marks and from columns the result really
 * has; otherwise the chart says what is wrong instead of drawing.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import type { ChartCell, ChartMark } from './model';
import { CHART_MARKS } from './validate';
import {
  LABEL_LINE_HEIGHT,
  LEGIBLE_CONFIG,
  titleLines,
  wrappedLabelExpr,
} from '../views/chartBase';

/** Charts draw at most this many rows; the data table and the SQL result show them all. */
export const chartRowLimit = 5000;

type FieldType = 'quantitative' | 'temporal' | 'nominal';

const MARK_NAMES: Record<ChartMark, string> = { bar: 'Bar', line: 'Line', point: 'Point' };

/**
 * Tooltip keys that tooltip renderers treat as markup or links rather than text (vega-tooltip:
 * "title" becomes a heading, "image" an <img>); a column of that name is given another label.
 * The app's own tooltip (app/vega.ts) shows text only anyway: this keeps an exported spec safe
 * in any other renderer too.
 */
const RESERVED_TOOLTIP_KEYS = new Set(['title', 'image', 'href', 'description']);

export function inferFieldType(rows: Row[], field: string): FieldType {
  const sample = rows
    .slice(0, 200)
    .map((r) => (Object.hasOwn(r, field) ? r[field] : null))
    .filter((v) => v !== null && v !== undefined);
  if (sample.length === 0) return 'nominal';
  if (sample.every((v) => typeof v === 'number')) return 'quantitative';
  if (sample.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))) return 'temporal';
  return 'nominal';
}

/**
 * Why a chart cell cannot be drawn from a result with these columns (a mark outside the list, or
 * an axis naming a column the result does not have), or null when it can.
 */
export function chartCellProblem(cell: ChartCell, columns: readonly string[]): string | null {
  if (!CHART_MARKS.includes(cell.mark))
    return `This chart's type is not one of ${CHART_MARKS.join(', ')}; choose the chart type again.`;
  const axes: [string, string | null][] = [
    ['X axis', cell.x],
    ['Y axis', cell.y],
    ['Colour', cell.color],
  ];
  for (const [label, field] of axes)
    if (field !== null && !columns.includes(field))
      return `${label}: the result has no column "${field.slice(0, 80)}"; choose the column again.`;
  return null;
}

/** A field name for Vega-Lite, read as one column (a "." or "[" would otherwise mean a path). */
function fieldRef(name: string): string {
  return name.replace(/[\\.[\]]/g, '\\$&');
}

function tooltipTitle(name: string): string {
  return RESERVED_TOOLTIP_KEYS.has(name.trim().toLowerCase()) ? `${name} (column)` : name;
}

/**
 * `columns` are the result's columns; when not given they are read from the rows (a result with no
 * rows draws nothing, so there is nothing to check).
 */
export function chartCellSpec(
  rows: Row[],
  cell: ChartCell,
  columns: readonly string[] | null = rows.length > 0 ? Object.keys(rows[0]) : null,
): TopLevelSpec {
  const problem = chartCellProblem(cell, columns ?? [cell.x, cell.y, cell.color].filter(isText));
  if (problem) return noticeSpec(problem, cell.title.trim());
  const x = cell.x!;
  const y = cell.y!;
  const xType = inferFieldType(rows, x);
  const yType = inferFieldType(rows, y);
  const title = cell.title.trim();
  const description =
    (title ? `${title}: ` : '') +
    `${MARK_NAMES[cell.mark]} chart of ${y} by ${x}` +
    (cell.color ? `, coloured by ${cell.color}` : '') +
    `, ${rows.length} rows.`;
  const colorType = cell.color
    ? inferFieldType(rows, cell.color) === 'quantitative'
      ? 'quantitative'
      : 'nominal'
    : null;
  const tooltip = [
    { field: fieldRef(x), type: xType, title: tooltipTitle(x) },
    { field: fieldRef(y), type: yType, title: tooltipTitle(y) },
    ...(cell.color && colorType
      ? [{ field: fieldRef(cell.color), type: colorType, title: tooltipTitle(cell.color) }]
      : []),
  ];
  return {
    ...(title ? { title: titleLines(title) } : {}),
    description,
    width: 'container',
    // The plot's own height (legible as a trend); axes, title and legend are added to it.
    height: 320,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: LEGIBLE_CONFIG,
    data: { values: rows },
    mark: { type: cell.mark, ...(cell.mark === 'line' ? { point: true } : {}) },
    encoding: {
      x: {
        field: fieldRef(x),
        type: xType,
        title: x,
        ...(cell.mark === 'bar' && xType === 'nominal' ? { sort: '-y' as const } : {}),
        ...(xType === 'nominal' ? { axis: NOMINAL_X_AXIS } : {}),
      },
      y: {
        field: fieldRef(y),
        type: yType,
        title: y,
        ...(yType === 'nominal' ? { axis: nominalYAxis(rows, y) } : {}),
      },
      ...(cell.color && colorType
        ? { color: { field: fieldRef(cell.color), type: colorType, title: cell.color } }
        : {}),
      tooltip,
    },
  } as TopLevelSpec;
}

/**
 * Names along the x axis stand upright, whole (never cut), and when there are more than the
 * axis has room for, every other one is left out until none overlaps (the data table has all).
 */
const NOMINAL_X_AXIS = {
  labelAngle: -90,
  labelOverlap: 'parity',
  labelExpr: 'datum.label',
} as const;

/** Names down the y axis, wrapped into lines rather than cut. */
function nominalYAxis(rows: Row[], field: string) {
  const labels = [...new Set(rows.map((r) => String(r[field] ?? '')))].slice(0, 1000);
  return {
    labelExpr: wrappedLabelExpr(labels),
    labelLineHeight: LABEL_LINE_HEIGHT,
    labelOverlap: 'parity',
  };
}

function isText(v: string | null): v is string {
  return v !== null;
}

/** A chart that only says why it is not drawn (kept as a chart so exports and layout hold). */
function noticeSpec(message: string, title: string): TopLevelSpec {
  return {
    description: `${title ? `${title}: ` : ''}Chart not drawn. ${message}`,
    width: 'container',
    height: 60,
    data: { values: [{ message: `Chart not drawn. ${message}` }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', x: 0, y: 30, fontSize: 13 },
    encoding: { text: { field: 'message', type: 'nominal' } },
  } as TopLevelSpec;
}
