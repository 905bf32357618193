import { describe, expect, it } from 'vitest';
import { crudeRate, rateMethodLabel } from '../../../src/lib/stats';
import { expectClose, loadVectors, num, rowName, type VectorRow } from './vectors';

// Exact (chi-square) limits are checked at 1e-8, Byar's at 1e-9 (stats-vectors README).
function toleranceFor(method: string): number {
  return method === 'Exact' ? 1e-8 : 1e-9;
}

function expectedMethod(r: VectorRow): string | null {
  if (r.method === 'Exact') return 'exact';
  if (r.method === 'Byars') return 'byars';
  return null;
}

describe('crude rates match PHEindicatormethods phe_rate (95% and 99.8%)', () => {
  const FILE = 'read_phe_rate.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(20);
  });

  it.each(rows.map((r) => [rowName(FILE, r, `${r.area} per ${r.multiplier}`), r] as const))(
    '%s',
    (name, r) => {
      const multiplier = num(r.multiplier) ?? 100000;
      const tol = toleranceFor(r.method);
      const at95 = crudeRate(num(r.numerator), num(r.denominator), { multiplier });
      const at998 = crudeRate(num(r.numerator), num(r.denominator), {
        multiplier,
        confidence: 0.998,
      });
      expectClose(at95.value, num(r.value), 1e-12, `${name} value`);
      expectClose(at95.lower, num(r.lower95_0cl), tol, `${name} lower 95%`);
      expectClose(at95.upper, num(r.upper95_0cl), tol, `${name} upper 95%`);
      expectClose(at998.value, num(r.value), 1e-12, `${name} value (99.8%)`);
      expectClose(at998.lower, num(r.lower99_8cl), tol, `${name} lower 99.8%`);
      expectClose(at998.upper, num(r.upper99_8cl), tol, `${name} upper 99.8%`);
      expect(at95.method).toBe(expectedMethod(r));
    },
  );
});

describe('grouped crude rates match PHEindicatormethods phe_rate (95%)', () => {
  const FILE = 'read_phe_rate_grouped.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(12);
  });

  it.each(rows.map((r) => [rowName(FILE, r, r.area), r] as const))('%s', (name, r) => {
    expect(r.confidence).toBe('95%');
    const result = crudeRate(num(r.numerator), num(r.denominator), {
      multiplier: num(r.multiplier) ?? 100000,
    });
    const tol = toleranceFor(r.method);
    expectClose(result.value, num(r.value), 1e-12, `${name} value`);
    expectClose(result.lower, num(r.lowercl), tol, `${name} lower`);
    expectClose(result.upper, num(r.uppercl), tol, `${name} upper`);
    expect(result.method).toBe(expectedMethod(r));
  });
});

describe('crude rate edge cases', () => {
  it("uses the exact interval up to 9 events and Byar's from 10", () => {
    expect(crudeRate(9, 1000).method).toBe('exact');
    expect(crudeRate(10, 1000).method).toBe('byars');
    expect(rateMethodLabel('byars')).toBe("Byar's");
  });

  it('gives a zero lower limit and an exact upper limit for 0 events', () => {
    const r = crudeRate(0, 100000);
    expect(r.value).toBe(0);
    expect(r.lower).toBe(0);
    // qchisq(0.975, 2)/2 = −ln(0.025)
    expectClose(r.upper, -Math.log(0.025), 1e-12, 'upper for 0 events');
  });

  it('accepts fractional counts', () => {
    const r = crudeRate(2.5, 1000, { multiplier: 1000 });
    expect(r.value).toBeCloseTo(2.5, 12);
    expect(r.lower).toBeGreaterThan(0);
  });

  it('says plainly what was wrong with invalid input', () => {
    expect(() => crudeRate(-1, 100)).toThrow('Crude rate: count -1 must be zero or more');
    expect(() => crudeRate(1, 0)).toThrow('Crude rate: denominator 0 must be greater than zero');
    expect(() => crudeRate(1, -5)).toThrow(/denominator -5 must be greater than zero/);
    expect(() => crudeRate(1, 100, { confidence: 0.99 })).toThrow(
      'Crude rate: confidence must be 0.95 (95%) or 0.998 (99.8%), got 0.99',
    );
  });

  it('returns nulls for missing inputs', () => {
    expect(crudeRate(Number.NaN, 100)).toEqual({
      value: null,
      lower: null,
      upper: null,
      method: null,
    });
    expect(crudeRate(undefined, undefined).value).toBeNull();
  });
});
