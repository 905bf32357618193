import { describe, expect, it } from 'vitest';
import { twoPeriodChange, wilsonLower, wilsonUpper } from '../../../src/lib/stats';

describe('twoPeriodChange', () => {
  it('Peterborough: 5.7 (34 deaths, 2014-16) to 5.0 (30, 2015-17) is no significant change', () => {
    // Person-years implied by the published crude figures (34 / 5.7 and 30 / 5.0 per 100,000).
    const r = twoPeriodChange(
      { period: '2014-16', count: 34, denominator: 596491 },
      { period: '2015-17', count: 30, denominator: 600000 },
      { kind: 'rate', overlapping: true },
    );
    expect(r.result).toBe('no-significant-change');
    expect(r.difference).toBeCloseTo(-0.7, 1);
    expect(r.lower!).toBeLessThan(0);
    expect(r.upper!).toBeGreaterThan(0);
    expect(r.reason).toContain('from 5.7 (2014-16) to 5.0 (2015-17), -0.7');
    expect(r.reason).toContain('includes zero');
    expect(r.reason).toContain('not independent');
  });

  it('MOVER limits by hand from Byar limits (rates)', () => {
    const r = twoPeriodChange(
      { period: 'A', value: 10, lower95: 8, upper95: 12.5 },
      { period: 'B', value: 20, lower95: 17, upper95: 23.5 },
      { kind: 'rate' },
    );
    expect(r.difference).toBe(10);
    expect(r.lower).toBeCloseTo(10 - Math.sqrt(9 + 6.25), 12);
    expect(r.upper).toBeCloseTo(10 + Math.sqrt(12.25 + 4), 12);
    expect(r.result).toBe('increased');
  });

  it("proportions: Newcombe's hybrid score interval (Newcombe 1998 example 56/70 vs 48/80)", () => {
    // Newcombe (1998) Stat Med 17:873, Table II, method 10: 0.0524 to 0.3339 for 56/70 − 48/80.
    const r = twoPeriodChange(
      { period: 'group 2', count: 48, denominator: 80 },
      { period: 'group 1', count: 56, denominator: 70 },
      { kind: 'proportion', multiplier: 1 },
    );
    expect(r.lower).toBeCloseTo(0.0524, 4);
    expect(r.upper).toBeCloseTo(0.3339, 4);
    expect(r.result).toBe('increased');
    // and built from the Wilson limits of ../intervals
    expect(r.later!.lower).toBeCloseTo(wilsonLower(56, 70), 12);
    expect(r.earlier!.upper).toBeCloseTo(wilsonUpper(48, 80), 12);
  });

  it('a big fall is a significant decrease', () => {
    const r = twoPeriodChange(
      { period: '2019', count: 200, denominator: 1e6 },
      { period: '2020', count: 100, denominator: 1e6 },
      { kind: 'rate' },
    );
    expect(r.result).toBe('decreased');
    expect(r.reason).toContain('excludes zero');
  });

  it('a suppressed period cannot be compared, with the reason', () => {
    const r = twoPeriodChange(
      { period: '2019', count: null, denominator: 1e6 },
      { period: '2020', count: 100, denominator: 1e6 },
      { kind: 'rate' },
    );
    expect(r.result).toBe('cannot-be-calculated');
    expect(r.reason).toBe('no figure with a confidence interval for 2019');
  });
});
