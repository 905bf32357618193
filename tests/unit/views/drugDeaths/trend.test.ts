import { describe, expect, it } from 'vitest';
import { focalTrend, yearsOf } from '../../../../src/lib/views/drugDeaths/trend';
import type { DeathRate } from '../../../../src/lib/views/drugDeaths/model';

// Peterborough's published drug-misuse figures from the issue (2014-16: 34 deaths, 5.7; 2015-17:
// 30 deaths, 5.0 with ONS limits 3.4-7.2); the 2014-16 limits and earlier periods are illustrative.
function rate(
  period: string,
  deaths: number | null,
  dsr: number | null,
  lo: number | null,
  hi: number | null,
): DeathRate {
  return {
    area_code: 'E06000031',
    period,
    deaths,
    population: null,
    crude: null,
    crude_lower: null,
    crude_upper: null,
    dsr,
    dsr_lower: lo,
    dsr_upper: hi,
    flag: dsr === null ? ':' : '',
    note: '',
  };
}

const periods = ['2010-12', '2011-13', '2012-14', '2013-15', '2014-16', '2015-17'];

describe('drug-deaths focal trend', () => {
  it('reads 3-year period labels', () => {
    expect(yearsOf('2014-16')).toEqual([2014, 2016]);
    expect(yearsOf('2019')).toEqual([2019, 2019]);
    expect(yearsOf('2019/20')).toBeNull();
  });

  it('Peterborough 5.7 → 5.0: no significant change, no recent trend for pooled ASRs, a break named', () => {
    const rates = [
      rate('2010-12', 20, 3.5, 2.1, 5.4),
      rate('2011-13', 8, null, null, null),
      rate('2012-14', 25, 4.3, 2.8, 6.3),
      rate('2013-15', 30, 5.1, 3.4, 7.3),
      rate('2014-16', 34, 5.7, 3.9, 8.0),
      rate('2015-17', 30, 5.0, 3.4, 7.2),
    ];
    const t = focalTrend(rates, 'E06000031', 'Peterborough', periods, '2015-17');
    expect(t.trend.marker).toBe('cannot-be-calculated');
    expect(t.change?.result).toBe('no-significant-change');
    expect(t.breaks).toEqual(['2011-13']);
    expect(t.sentence).toMatch(
      /^Peterborough: 30 deaths, 5\.0 per 100,000 in 2015-17; recent trend cannot be calculated \(.+\); since 2014-16: no significant change \(the change from 5\.7 \(2014-16\) to 5\.0 \(2015-17\), -0\.7, .* includes zero; the two periods share years/,
    );
  });

  it('a missing previous period makes the change "cannot be calculated" with the reason', () => {
    const rates = [rate('2015-17', 30, 5.0, 3.4, 7.2)];
    const t = focalTrend(rates, 'E06000031', 'Peterborough', periods, '2015-17');
    expect(t.change?.result).toBe('cannot-be-calculated');
    expect(t.change?.reason).toBe('no figure with a confidence interval for 2014-16');
    expect(t.breaks).toEqual([]);
  });
});
