import { describe, expect, it } from 'vitest';
import { proportion } from '../../../src/lib/stats';
import { expectClose, loadVectors, num, rowName } from './vectors';

const TOLERANCE = 1e-9;

describe('proportions match PHEindicatormethods phe_proportion (Wilson, 95% and 99.8%)', () => {
  const FILE = 'read_phe_proportion.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(19);
  });

  it.each(rows.map((r) => [rowName(FILE, r, `${r.area} x${r.multiplier}`), r] as const))(
    '%s',
    (name, r) => {
      const multiplier = num(r.multiplier) ?? 1;
      const at95 = proportion(num(r.numerator), num(r.denominator), { multiplier });
      const at998 = proportion(num(r.numerator), num(r.denominator), {
        multiplier,
        confidence: 0.998,
      });
      expectClose(at95.value, num(r.value), 1e-12, `${name} value`);
      expectClose(at95.lower, num(r.lower95_0cl), TOLERANCE, `${name} lower 95%`);
      expectClose(at95.upper, num(r.upper95_0cl), TOLERANCE, `${name} upper 95%`);
      expectClose(at998.lower, num(r.lower99_8cl), TOLERANCE, `${name} lower 99.8%`);
      expectClose(at998.upper, num(r.upper99_8cl), TOLERANCE, `${name} upper 99.8%`);
    },
  );
});

describe('grouped proportions match PHEindicatormethods phe_proportion (95%)', () => {
  const FILE = 'read_phe_proportion_grouped.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(11);
  });

  it.each(rows.map((r) => [rowName(FILE, r, r.area), r] as const))('%s', (name, r) => {
    expect(r.confidence).toBe('95%');
    const result = proportion(num(r.numerator), num(r.denominator), {
      multiplier: num(r.multiplier) ?? 1,
    });
    expectClose(result.value, num(r.value), 1e-12, `${name} value`);
    expectClose(result.lower, num(r.lowercl), TOLERANCE, `${name} lower`);
    expectClose(result.upper, num(r.uppercl), TOLERANCE, `${name} upper`);
  });
});

describe('proportion edge cases', () => {
  it('handles 0 and all: the limits stay within 0 and 1', () => {
    const none = proportion(0, 50);
    expect(none.value).toBe(0);
    expect(none.lower).toBeCloseTo(0, 15);
    const all = proportion(50, 50, { confidence: 0.998 });
    expect(all.value).toBe(1);
    expect(all.upper).toBeCloseTo(1, 15);
  });

  it('says plainly what was wrong with invalid input', () => {
    expect(() => proportion(12, 10)).toThrow(
      'Proportion: numerator 12 is larger than denominator 10',
    );
    expect(() => proportion(-1, 10)).toThrow('Proportion: numerator -1 must be zero or more');
    expect(() => proportion(1, 0)).toThrow('Proportion: denominator 0 must be greater than zero');
    expect(() => proportion(1, 10, { confidence: 95 })).toThrow(/confidence must be 0.95/);
  });

  it('returns nulls for missing inputs', () => {
    expect(proportion(null, 10)).toEqual({ value: null, lower: null, upper: null });
    expect(proportion(3, Number.NaN)).toEqual({ value: null, lower: null, upper: null });
  });
});
