/**
 * The recent-trend test of a group whose deaths come from published rates: the group has no
 * standardised rate (published rates are never averaged), so its crude-rate series, recomputed
 * from summed deaths and population, is the series Fingertips' test is run on.
 */
import { describe, expect, it } from 'vitest';
import { crudeRate, recentTrend } from '../../../src/lib/stats';
import { periodSortKey } from '../../../src/lib/domain/periods';
import { focalTrend } from '../../../src/lib/views/drugDeaths/trend';
import type { DeathRate } from '../../../src/lib/views/drugDeaths/model';

const PERIODS = ['2013-15', '2014-16', '2015-17', '2016-18', '2017-19', '2018-20', '2019-21'];
const DEATHS = [60, 68, 75, 84, 92, 104, 115];
const POPULATION = 2_800_000 * 3;

function rate(area: string, period: string, deaths: number): DeathRate {
  const c = crudeRate(deaths, POPULATION);
  return {
    area_code: area,
    period,
    deaths,
    population: POPULATION,
    crude: c.value,
    crude_lower: c.lower,
    crude_upper: c.upper,
    dsr: null,
    dsr_lower: null,
    dsr_upper: null,
    flag: '',
    note: '',
  };
}

describe("a published-rate group's recent trend reads its crude rate", () => {
  it('runs the Fingertips test on the crude series (a group), not on the absent DSR', () => {
    const rates = PERIODS.map((p, i) => rate('GROUP:Humberside', p, DEATHS[i]));
    const ft = focalTrend(rates, 'GROUP:Humberside', 'Humberside', PERIODS, '2019-21');
    const want = recentTrend({
      points: rates.map((r) => ({
        order: periodSortKey(r.period),
        value: r.crude,
        count: r.deaths,
        denominator: r.population,
        lower95: r.crude_lower,
        upper95: r.crude_upper,
      })),
      valueType: 'crude-rate',
      yearRange: 3,
      polarity: 'low-is-good',
    });
    expect(ft.trend).toEqual(want);
    // Fingertips shows no recent trend for 3-year pooled periods: the reason is the year range,
    // not a missing series.
    expect(ft.trend.message).toMatch(/year range/);
    expect(ft.sentence).toMatch(
      /^Humberside: 115 deaths, 1\.4 per 100,000 \(crude rate\) in 2019-21/,
    );
    expect(ft.change?.result).toBeDefined();
    expect(ft.breaks).toEqual([]);
  });

  it('single-year periods: the crude series gives a Fingertips marker', () => {
    const years = ['2017', '2018', '2019', '2020', '2021'];
    const rates = years.map((p, i) => rate('GROUP:Humberside', p, DEATHS[i + 2]));
    const ft = focalTrend(rates, 'GROUP:Humberside', 'Humberside', years, '2021');
    expect(ft.trend.pointsUsed).toBe(5);
    expect(ft.trend.marker).toBe('increasing');
    expect(ft.trend.direction).toBe('getting-worse');
  });

  it('a single authority without a DSR keeps the DSR series (nothing else changes)', () => {
    const rates = PERIODS.map((p, i) => rate('E06000010', p, DEATHS[i]));
    const ft = focalTrend(rates, 'E06000010', 'Hull', PERIODS, '2019-21');
    expect(ft.trend.marker).toBe('cannot-be-calculated');
    expect(ft.sentence).toMatch(/rate not calculated/);
  });
});
