import { describe, expect, it } from 'vitest';
import { percentile, spinePosition, spineStats } from '../../../src/lib/stats';
import { expectClose, loadVectors, required, rowName } from './vectors';

const FILE = 'read_fingertips_percentiles.csv';

/** Parses the vectors' value lists: "1..100 step 1" or "4,5,6". */
function parseValues(spec: string): number[] {
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+) step ([\d.]+)$/.exec(spec.trim());
  if (range) {
    const [from, to, step] = range.slice(1).map(Number);
    const values: number[] = [];
    for (let v = from; v <= to; v += step) values.push(v);
    return values;
  }
  return spec.split(',').map((v) => required(v));
}

describe('percentiles match the Fingertips stats calculators (Excel PERCENTILE.INC, R type 7)', () => {
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(15);
  });

  it.each(
    rows.map((r) => [rowName(FILE, r, `${r.values} ${r.statistic} ${r.fraction}`), r] as const),
  )('%s', (name, r) => {
    const values = parseValues(r.values);
    const spine = spineStats(values, values[0], 'high-is-good');
    switch (r.statistic) {
      case 'min':
        expect(spine?.min).toBe(required(r.expected));
        break;
      case 'max':
        expect(spine?.max).toBe(required(r.expected));
        break;
      case 'percentile':
      case 'quartile_bound':
        expectClose(percentile(values, required(r.fraction)), required(r.expected), 1e-12, name);
        break;
      case 'stats':
        if (r.expected.startsWith('null')) {
          expect(percentile(values, 0.25)).toBeNull();
          expect(spine).toBeNull();
        } else {
          expect(percentile(values, 0.25)).not.toBeNull();
          expect(spine).not.toBeNull();
        }
        break;
      default:
        throw new Error(`${name}: unknown statistic ${r.statistic}`);
    }
  });
});

describe('percentile and spine chart details', () => {
  it('ignores missing values and rejects a fraction outside 0–1', () => {
    expect(percentile([1, null, 2, Number.NaN, 3, 4], 0.5)).toBe(2.5);
    expect(() => percentile([1, 2, 3, 4], 1.5)).toThrow(/fraction 1.5 must be between 0 and 1/);
  });

  it('centres the benchmark and puts the worst value on the left when high is good', () => {
    const s = spineStats([10, 20, 30, 40, 90], 50, 'high-is-good')!;
    expect(s.scaled.benchmark).toBe(0.5);
    expect(s.worst).toBe(10);
    expect(s.best).toBe(90);
    // Half-width is max(|50 − 10|, |90 − 50|) = 40, so 10 sits at the left edge, 90 at the right.
    expect(s.scaled.worst).toBe(0);
    expect(s.scaled.best).toBe(1);
    expect(s.scaled.worstQuartile).toBeCloseTo(0.5 + (20 - 50) / 80, 12);
    expect(s.scaled.bestQuartile).toBeCloseTo(0.5 + (40 - 50) / 80, 12);
  });

  it('flips the axis when low is good so the highest (worst) value is on the left', () => {
    const s = spineStats([10, 20, 30, 40, 90], 50, 'low-is-good')!;
    expect(s.worst).toBe(90);
    expect(s.best).toBe(10);
    expect(s.scaled.worst).toBe(0);
    expect(s.scaled.best).toBe(1);
    // The worst quartile (75th percentile, 40) sits left of the best quartile (25th, 20).
    expect(s.scaled.worstQuartile).toBeCloseTo(0.5 - (40 - 50) / 80, 12);
    expect(s.scaled.bestQuartile).toBeCloseTo(0.5 - (20 - 50) / 80, 12);
    expect(spinePosition(s, 50)).toBe(0.5);
    expect(spinePosition(s, 90)).toBe(0);
  });

  it('returns null without a benchmark', () => {
    expect(spineStats([1, 2, 3, 4], null, 'none')).toBeNull();
  });
});
