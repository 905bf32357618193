import { describe, expect, it } from 'vitest';
import { onsDeathDisplayRule } from '../../../src/lib/stats';

describe('ONS display rules for death rates', () => {
  it.each([
    [0, { dsrCalculated: false, crudeShown: false, unreliable: true, flag: 'u' }],
    [2, { dsrCalculated: false, crudeShown: false, unreliable: true, flag: 'u' }],
    [3, { dsrCalculated: false, crudeShown: true, unreliable: true, flag: 'u' }],
    [9, { dsrCalculated: false, crudeShown: true, unreliable: true, flag: 'u' }],
    [10, { dsrCalculated: true, crudeShown: true, unreliable: true, flag: 'u' }],
    [19, { dsrCalculated: true, crudeShown: true, unreliable: true, flag: 'u' }],
    [20, { dsrCalculated: true, crudeShown: true, unreliable: false, flag: null }],
    // Peterborough 2015-17: 30 deaths from drug misuse, 5.0 per 100,000 (PRIMER).
    [30, { dsrCalculated: true, crudeShown: true, unreliable: false, flag: null }],
  ] as const)('%i deaths', (deaths, expected) => {
    expect(onsDeathDisplayRule(deaths)).toEqual({ ...expected, notCalculatedSymbol: ':' });
  });

  it('shows nothing for a missing count and refuses impossible ones', () => {
    expect(onsDeathDisplayRule(null).dsrCalculated).toBe(false);
    expect(() => onsDeathDisplayRule(-1)).toThrow(
      'ONS display rule: deaths -1 must be a whole number, zero or more',
    );
    expect(() => onsDeathDisplayRule(2.5)).toThrow(/whole number/);
  });
});
