/**
 * The chart palette, checked rather than assumed: colours stay distinguishable under simulated
 * protanopia, deuteranopia and tritanopia (Machado et al. 2009, full severity), and every point
 * that carries a significance label has a black outline, so its shape stands out from a white
 * background at more than 3:1 (WCAG 1.4.11) whatever its fill.
 */
import { describe, expect, it } from 'vitest';
import { OKABE_ITO } from '../../../src/lib/views/common';
import {
  SIGNIFICANCE_PALETTE,
  caterpillarSpec,
  funnelSpec,
  rankedBarSpec,
  spineSpec,
} from '../../../src/lib/views/charts';

type Matrix = number[][];
const VISION: Record<string, Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));

function lab([r, g, b]: number[]): number[] {
  const [R, G, B] = [r, g, b].map((v) => Math.min(1, Math.max(0, v)));
  const X = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const Y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const Z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

function seenAs(hex: string, m: Matrix): number[] {
  const c = rgb(hex);
  return lab(m.map((row) => row[0] * c[0] + row[1] * c[1] + row[2] * c[2]));
}

function contrast(a: string, b: string): number {
  const lum = (h: string) => {
    const [r, g, b] = rgb(h);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Smallest CIE76 colour difference between any two colours of a palette, for one kind of vision. */
function closestPair(colours: string[], m: Matrix): number {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++)
      min = Math.min(
        min,
        Math.hypot(...seenAs(colours[i], m).map((v, k) => v - seenAs(colours[j], m)[k])),
      );
  return min;
}

const PALETTES = {
  // Fingertips' colours (better/similar/worse, lower/higher in blue, not compared white).
  significance: Object.values(SIGNIFICANCE_PALETTE).map((s) => s.colour),
  'substance groups (stacked bars)': [
    OKABE_ITO.blue,
    OKABE_ITO.orange,
    OKABE_ITO.green,
    OKABE_ITO.purple,
  ],
  'area roles': [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.grey, OKABE_ITO.skyBlue],
};

describe('chart colours', () => {
  for (const [name, colours] of Object.entries(PALETTES))
    for (const [vision, m] of Object.entries(VISION))
      it(`${name}: every pair stays distinguishable with ${vision} (ΔE ≥ 10)`, () => {
        expect(closestPair(colours, m)).toBeGreaterThanOrEqual(10);
      });

  it('significance is carried by shape as well as colour: one shape per label', () => {
    const shapes = Object.values(SIGNIFICANCE_PALETTE).map((s) => s.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('points coloured by significance are outlined in black, which stands out from white at more than 3:1', () => {
    expect(contrast(OKABE_ITO.black, '#FFFFFF')).toBeGreaterThan(3);
    const common = { title: 't', description: 'd' };
    const specs = [
      caterpillarSpec({
        ...common,
        rows: [],
        xTitle: 'x',
        benchmark: 1,
        benchmarkLabel: 'England',
      }),
      spineSpec({ ...common, rows: [] }),
      funnelSpec({ ...common, points: [], limits: [], xTitle: 'x', yTitle: 'y', baseline: 1 }),
    ];
    const marks: { type?: string; stroke?: string; strokeWidth?: number }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const n = node as { mark?: unknown; encoding?: { color?: { field?: string } } };
      if (n.encoding?.color?.field === 'significance' && typeof n.mark === 'object')
        marks.push(n.mark as never);
      Object.values(node).forEach(walk);
    };
    specs.forEach(walk);
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const m of marks) {
      expect(m.type).toBe('point');
      expect(m.stroke).toBe(OKABE_ITO.black);
      expect(m.strokeWidth).toBeGreaterThanOrEqual(1);
    }
  });

  it('bars coloured by significance are outlined in black too, the focal bar more heavily', () => {
    const spec = rankedBarSpec({
      title: 't',
      description: 'd',
      xTitle: 'x',
      rows: ['Better', 'Worse', 'Not compared'].map((significance, i) => ({
        label: `Area ${i}`,
        value: 10 + i,
        lower: 9 + i,
        upper: 11 + i,
        role: i === 0 ? 'Focal area' : 'Comparator',
        marker: i === 0 ? '◀ focal area' : '',
        significance,
      })),
    });
    const bar = (
      spec as {
        layer: { mark: { type: string; stroke?: string }; encoding: Record<string, unknown> }[];
      }
    ).layer[0];
    expect(bar.mark.type).toBe('bar');
    expect(bar.mark.stroke).toBe(OKABE_ITO.black);
    expect(JSON.stringify(bar.encoding.color)).toContain(SIGNIFICANCE_PALETTE.Better.colour);
    expect(JSON.stringify(bar.encoding.strokeWidth)).toContain('Focal area');
  });
});
