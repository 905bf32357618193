/** The funnel plot spec (see funnelSpec). */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import { BASE, axisTitle, titleLines } from './chartBase';
import { OKABE_ITO } from './common';
import { significanceChannel, significanceDomain, xDomain } from './significance';

/**
 * Funnel plot: points (denominator on x), 95% and 99.8% limit lines, the overall line.
 * `limits` are long rows { x, y, limit: 'Lower 95%' | 'Upper 95%' | 'Lower 99.8%' | 'Upper 99.8%' }.
 * Both axes are fitted to the points (and the overall value): limit lines are drawn within them
 * (clipped), so a limit that shoots off at small populations does not squash the points.
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
  const domain = significanceDomain(opts.points.map((p) => p.significance));
  const title = 'Against funnel limits';
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const ys = opts.points.map((p) => num(p.value));
  const yFit = xDomain([...ys, opts.baseline], { fromZero: false });
  const xFit = xDomain(opts.points.map((p) => num(p.x)));
  const pad = (d: [number, number], share: number): [number, number] => {
    const room = (d[1] - d[0]) * share;
    return [d[0] - room, d[1] + room];
  };
  const y = yFit ? { scale: { domain: pad(yFit, 0.1), nice: false, zero: false } } : {};
  const x = xFit ? { scale: { domain: [0, xFit[1] * 1.05], nice: false } } : {};
  return {
    ...BASE,
    title: titleLines(opts.title),
    description: opts.description,
    height: 320,
    layer: [
      {
        data: { values: opts.limits },
        mark: { type: 'line', strokeWidth: 1.5, color: OKABE_ITO.grey, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axisTitle(opts.xTitle), ...x },
          y: { field: 'y', type: 'quantitative', title: axisTitle(opts.yTitle, 40), ...y },
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
            legend: { orient: 'bottom', titleLimit: 0 },
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
          color: significanceChannel('colour', title, domain),
          shape: significanceChannel('shape', title, domain),
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
