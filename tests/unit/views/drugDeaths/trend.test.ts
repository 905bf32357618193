import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { present } from '../../../../src/lib/views/drugDeaths/present';
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

describe('drug-deaths trend chart marks breaks', () => {
  it('adds a dashed rule at each break; the spec compiles and renders', async () => {
    const rates = [
      rate('2012-14', 25, 4.3, 2.8, 6.3),
      rate('2013-15', 8, null, null, null),
      rate('2014-16', 34, 5.7, 3.9, 8.0),
      rate('2015-17', 30, 5.0, 3.4, 7.2),
    ];
    const out = present({
      rates,
      source: 'published',
      measure: 'drug_misuse',
      sex: 'Persons',
      areas: [{ code: 'E06000031', role: 'focal' }],
      names: new Map([['E06000031', 'Peterborough']]),
      focalArea: 'E06000031',
      regionCode: null,
      regionName: null,
      latestPeriod: null,
      synthetic: false,
    });
    const chart = out.charts[0];
    expect(chart.description).toContain(
      'Break in the series: no figure for Peterborough in 2013-15, marked by a dashed vertical line.',
    );
    expect(out.trendNotes).toContain(
      "Break in Peterborough's series: no figure for 2013-15 (marked on the trend chart).",
    );
    const layers = (
      chart.spec as { layer: { mark: { type: string }; data?: { values: unknown[] } }[] }
    ).layer;
    const rule = layers[layers.length - 1];
    expect(rule.mark.type).toBe('rule');
    expect(rule.data?.values).toEqual([{ period: '2013-15', break: 'Break in series: no figure' }]);
    const view = new vega.View(vega.parse(compile(chart.spec as never).spec), { renderer: 'none' });
    expect(await view.toSVG()).toContain('<svg');
    view.finalize();
  });
});
