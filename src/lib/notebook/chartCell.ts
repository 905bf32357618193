/**
 * The Vega-Lite spec of a chart cell: one mark over a SQL cell's result, with a description for
 * screen readers. Rows are inline (never a URL).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import type { ChartCell } from './model';

/** Charts draw at most this many rows; the data table and the SQL result show them all. */
export const chartRowLimit = 5000;

type FieldType = 'quantitative' | 'temporal' | 'nominal';

export function inferFieldType(rows: Row[], field: string): FieldType {
  const sample = rows
    .slice(0, 200)
    .map((r) => r[field])
    .filter((v) => v !== null && v !== undefined);
  if (sample.length === 0) return 'nominal';
  if (sample.every((v) => typeof v === 'number')) return 'quantitative';
  if (sample.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))) return 'temporal';
  return 'nominal';
}

export function chartCellSpec(rows: Row[], cell: ChartCell): TopLevelSpec {
  const x = cell.x!;
  const y = cell.y!;
  const xType = inferFieldType(rows, x);
  const yType = inferFieldType(rows, y);
  const title = cell.title.trim();
  const description =
    (title ? `${title}: ` : '') +
    `${cell.mark === 'bar' ? 'Bar' : cell.mark === 'line' ? 'Line' : 'Point'} chart of ${y} by ${x}` +
    (cell.color ? `, coloured by ${cell.color}` : '') +
    `, ${rows.length} rows.`;
  return {
    ...(title ? { title } : {}),
    description,
    width: 'container',
    height: 280,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: rows },
    mark: { type: cell.mark, tooltip: true, ...(cell.mark === 'line' ? { point: true } : {}) },
    encoding: {
      x: {
        field: x,
        type: xType,
        ...(cell.mark === 'bar' && xType === 'nominal' ? { sort: '-y' as const } : {}),
      },
      y: { field: y, type: yType },
      ...(cell.color
        ? {
            color: {
              field: cell.color,
              type:
                inferFieldType(rows, cell.color) === 'quantitative' ? 'quantitative' : 'nominal',
            },
          }
        : {}),
    },
  } as TopLevelSpec;
}
