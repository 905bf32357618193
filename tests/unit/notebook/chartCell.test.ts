import { describe, expect, it } from 'vitest';
import { chartCellProblem, chartCellSpec } from '../../../src/lib/notebook/chartCell';
import { makeCell, type ChartCell } from '../../../src/lib/notebook/model';

const rows = [
  { area: 'A', image: '/?x=3', 'rate.per.100k': 2.5 },
  { area: 'B', image: '/?x=4', 'rate.per.100k': 3.5 },
];
const chart = (patch: Partial<ChartCell>) =>
  makeCell('chart', { id: 'c', sourceCellId: 'q', x: 'area', y: 'image', ...patch }) as ChartCell;

describe('chart cells draw only what the result has', () => {
  it('names a column the result does not have', () => {
    expect(chartCellProblem(chart({ y: 'secret' }), ['area', 'image'])).toMatch(
      /Y axis: the result has no column "secret"/,
    );
    const spec = chartCellSpec(rows, chart({ color: 'constructor' })) as {
      mark: { type: string };
      description: string;
    };
    expect(spec.mark.type).toBe('text');
    expect(spec.description).toMatch(/^Chart not drawn\. Colour: the result has no column/);
  });

  it('refuses a mark outside the fixed list', () => {
    const spec = chartCellSpec(rows, chart({ mark: 'image' as never })) as {
      mark: { type: string };
    };
    expect(spec.mark.type).toBe('text');
  });

  it('never gives a tooltip a key that a renderer treats as an image, heading or link', () => {
    const spec = chartCellSpec(rows, chart({})) as {
      encoding: { tooltip: { field: string; title: string }[] };
    };
    expect(spec.encoding.tooltip.map((t) => t.title)).toEqual(['area', 'image (column)']);
  });

  it('reads a column name with dots as one column, not a path', () => {
    const spec = chartCellSpec(rows, chart({ y: 'rate.per.100k' })) as {
      encoding: { y: { field: string; title: string; type: string } };
    };
    expect(spec.encoding.y).toMatchObject({
      field: 'rate\\.per\\.100k',
      title: 'rate.per.100k',
      type: 'quantitative',
    });
  });
});
