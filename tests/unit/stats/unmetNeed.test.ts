import { describe, expect, it } from 'vitest';
import { metNeed, unmetNeed } from '../../../src/lib/stats';

// No published vectors exist for unmet need; these check the PRIMER formula (Fingertips
// 93517/93532) by hand: unmet = 100·(E − T)/E, lower from E_L, upper from E_U.
describe('unmet need (Fingertips 93517/93532 method)', () => {
  const input = { estimate: 5000, estimateLower: 4200, estimateUpper: 6100, inTreatment: 900 };

  it('takes the value from the estimate and the interval from the prevalence bounds', () => {
    const r = unmetNeed(input);
    expect(r.value).toBeCloseTo(82, 12);
    expect(r.lower).toBeCloseTo(100 * (1 - 900 / 4200), 12);
    expect(r.upper).toBeCloseTo(100 * (1 - 900 / 6100), 12);
    expect(r.lower!).toBeLessThan(r.value!);
    expect(r.upper!).toBeGreaterThan(r.value!);
  });

  it('gives met need as the complement, with the limits swapped', () => {
    const met = metNeed(input);
    expect(met.value).toBeCloseTo(18, 12);
    expect(met.lower).toBeCloseTo(100 * (900 / 6100), 12);
    expect(met.upper).toBeCloseTo(100 * (900 / 4200), 12);
  });

  it('accepts fractional estimates (published estimates are averages)', () => {
    const r = unmetNeed({
      estimate: 1234.5,
      estimateLower: 1100.25,
      estimateUpper: 1400.75,
      inTreatment: 456,
    });
    expect(r.value).toBeCloseTo((100 * (1234.5 - 456)) / 1234.5, 12);
  });

  it('does not clamp: more in treatment than the lower bound gives a negative lower limit', () => {
    const r = unmetNeed({
      estimate: 1000,
      estimateLower: 800,
      estimateUpper: 1300,
      inTreatment: 900,
    });
    expect(r.value).toBeCloseTo(10, 12);
    expect(r.lower).toBeCloseTo(-12.5, 12);
  });

  it('returns nulls where an input is missing', () => {
    expect(unmetNeed({ ...input, inTreatment: null })).toEqual({
      value: null,
      lower: null,
      upper: null,
    });
    expect(unmetNeed({ ...input, estimateLower: undefined }).lower).toBeNull();
    expect(unmetNeed({ ...input, estimateUpper: Number.NaN }).upper).toBeNull();
    expect(metNeed({ ...input, estimateUpper: null }).lower).toBeNull();
  });

  it('says plainly what was wrong with invalid input', () => {
    expect(() => unmetNeed({ ...input, inTreatment: -3 })).toThrow(
      'Unmet need: number in treatment -3 must be zero or more',
    );
    expect(() => unmetNeed({ ...input, estimate: 0 })).toThrow(
      'Unmet need: prevalence estimate 0 must be greater than zero',
    );
    expect(() => unmetNeed({ ...input, estimateLower: 5100 })).toThrow(
      'Unmet need: lower prevalence bound 5100 is above the estimate 5000',
    );
    expect(() => unmetNeed({ ...input, estimateUpper: 4000 })).toThrow(
      /upper prevalence bound 4000 is below/,
    );
  });
});
