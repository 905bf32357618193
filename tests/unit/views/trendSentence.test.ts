import { describe, expect, it } from 'vitest';
import { recentTrend, twoPeriodChange, type TrendPoint } from '../../../src/lib/stats';
import { trendSentence } from '../../../src/lib/views/trendSentence';

const latest = {
  period: '2015-17',
  count: 30,
  countNoun: 'deaths',
  value: 5.0,
  unit: 'per 100,000',
};

// Five single-year crude rates with a flat trend (hand-made; chi² well under 9.55).
const flat: TrendPoint[] = [100, 104, 98, 101, 99].map((count, i) => ({
  order: 2015 + i,
  count,
  denominator: 1e6,
  value: count / 10,
  lower95: count / 10 - 2,
  upper95: count / 10 + 2,
}));

describe('trendSentence', () => {
  it('says no significant change over the last five periods', () => {
    const trend = recentTrend({ points: flat, valueType: 'crude-rate', yearRange: 1 });
    expect(trend.marker).toBe('no-change');
    expect(trendSentence({ areaName: 'Peterborough', latest, trend })).toBe(
      'Peterborough: 30 deaths, 5.0 per 100,000 in 2015-17; no significant change over the last five periods',
    );
  });

  it('says increasing and getting worse for a rising rate where low is good', () => {
    const rising = flat.map((p, i) => ({
      ...p,
      value: 10 + 5 * i,
      lower95: 9 + 5 * i,
      upper95: 11 + 5 * i,
    }));
    const trend = recentTrend({
      points: rising,
      valueType: 'crude-rate',
      yearRange: 1,
      polarity: 'low-is-good',
    });
    expect(trendSentence({ areaName: 'Hull', latest: { ...latest, period: '2019' }, trend })).toBe(
      'Hull: 30 deaths, 5.0 per 100,000 in 2019; increasing and getting worse over the last five periods',
    );
  });

  it('gives the reason when the trend cannot be calculated, and the two-period change', () => {
    const trend = recentTrend({ points: flat, valueType: 'dsr', yearRange: 3 });
    const change = twoPeriodChange(
      { period: '2014-16', count: 34, denominator: 596491 },
      { period: '2015-17', count: 30, denominator: 600000 },
      { kind: 'rate', overlapping: true },
    );
    const s = trendSentence({ areaName: 'Peterborough', latest, trend, change });
    expect(s).toMatch(
      /^Peterborough: 30 deaths, 5\.0 per 100,000 in 2015-17; recent trend cannot be calculated \(Fingertips calculates a recent trend only for proportions and crude rates\); since 2014-16: no significant change \(the change from 5\.7 \(2014-16\) to 5\.0 \(2015-17\), -0\.7, has a 95% confidence interval of -3\.5 to \+2\.1 that includes zero; the two periods share years/,
    );
  });

  it('names a missing latest figure and a broken series', () => {
    const broken = flat.map((p, i) => (i === 3 ? { ...p, count: null } : p));
    const trend = recentTrend({ points: broken, valueType: 'crude-rate', yearRange: 1 });
    expect(trendSentence({ areaName: 'X', latest: null, trend })).toBe(
      'X: no figure; recent trend cannot be calculated (the latest 5 periods are not all available (a missing or suppressed period breaks the series))',
    );
  });
});
