import { describe, expect, it } from 'vitest';
import {
  funnelLimits,
  funnelSignificance,
  proportionFunnelLimits,
  rateFunnelLimits,
  rateFunnelPoints,
  rateFunnelSignificance,
  type FunnelRatePoint,
} from '../../../src/lib/stats';
import { expectClose, loadVectors, num, required, rowName } from './vectors';

// The port reproduces the package's Poisson bisection, so limits are checked at 1e-6 relative
// (the CSVs print 7–10 significant digits).
const TOLERANCE = 1e-6;

describe('proportion funnels match PHEindicatormethods calculate_funnel_limits', () => {
  const inputs = loadVectors('read_phe_funnel_prop_inputs_significance.csv').map((r) => ({
    numerator: required(r.numerator),
    denominator: required(r.denominator),
  }));

  const cases = [
    ['read_phe_funnel_prop_limits.csv', inputs],
    ['read_phe_funnel_prop_limits_axis_variation.csv', inputs.filter((p) => p.denominator < 31000)],
  ] as const;

  describe.each(cases)('%s', (file, points) => {
    const expected = loadVectors(file);
    const limits = proportionFunnelLimits(points, { multiplier: 100 });

    it('has 100 axis points, like the expected table', () => {
      expect(expected).toHaveLength(100);
      expect(limits).toHaveLength(100);
    });

    it.each(
      expected.map((r, i) => [rowName(file, r, `population ${r.population}`), r, i] as const),
    )('%s', (name, r, i) => {
      const row = limits[i];
      expect(row.population, `${name} population`).toBe(required(r.population));
      expectClose(row.lower95, required(r.lower_2s_limit), TOLERANCE, `${name} lower 2s`);
      expectClose(row.upper95, required(r.upper_2s_limit), TOLERANCE, `${name} upper 2s`);
      expectClose(row.lower998, required(r.lower_3s_limit), TOLERANCE, `${name} lower 3s`);
      expectClose(row.upper998, required(r.upper_3s_limit), TOLERANCE, `${name} upper 3s`);
      expectClose(row.baseline, required(r.baseline), TOLERANCE, `${name} baseline`);
    });
  });
});

describe('proportion funnel significance matches PHEindicatormethods assign_funnel_significance', () => {
  const FILE = 'read_phe_funnel_prop_inputs_significance.csv';
  const rows = loadVectors(FILE);
  const points = rows.map((r) => ({
    numerator: required(r.numerator),
    denominator: required(r.denominator),
  }));
  const significance = funnelSignificance({ statistic: 'proportion', points });

  it('reads every row', () => {
    expect(rows).toHaveLength(303);
  });

  it.each(rows.map((r, i) => [rowName(FILE, r, r.area), r, i] as const))('%s', (_name, r, i) => {
    expect(significance[i]).toBe(r.expected_significance);
  });
});

describe('rate funnel significance matches PHEindicatormethods assign_funnel_significance', () => {
  const FILE = 'read_phe_funnel_rate_inputs_significance.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(40);
  });

  // One expected column per rate type, multiplier and whether the 0-event row is included,
  // each with the rate column the package's test feeds it.
  const columns = [
    ['dsr_per_100000_with_0', 'dsr', 1e5, 'rate_dsr', true],
    ['dsr_per_100_with_0', 'dsr', 100, 'rate_dsr', true],
    ['dsr_per_100000_without_0', 'dsr', 1e5, 'rate_dsr', false],
    ['dsr_per_100_without_0', 'dsr', 100, 'rate_dsr', false],
    ['crude_per_100000_with_0', 'crude', 1e5, 'rate_crude_per_100000', true],
    ['crude_per_100_with_0', 'crude', 100, 'rate_crude_per_100', true],
    ['crude_per_100000_without_0', 'crude', 1e5, 'rate_crude_per_100000', false],
    ['crude_per_100_without_0', 'crude', 100, 'rate_crude_per_100', false],
  ] as const;

  describe.each(columns)('%s', (column, rateType, multiplier, rateColumn, withZero) => {
    const used = rows.filter((r) => withZero || required(r.count) !== 0);
    const points: FunnelRatePoint[] = used.map((r) => ({
      count: required(r.count),
      rate: num(r[rateColumn]),
      denominator: required(r.pop),
    }));
    const significance = rateFunnelSignificance(points, { rateType, multiplier });

    it.each(used.map((r, i) => [rowName(FILE, r, `count ${r.count}`), r, i] as const))(
      '%s',
      (_name, r, i) => {
        expect(significance[i]).toBe(r[column]);
      },
    );
  });
});

describe('crude rate funnels match PHEindicatormethods calculate_funnel_limits', () => {
  const inputRows = loadVectors('read_phe_funnel_rate_limits_inputs.csv');
  const maxEvents = Math.max(...inputRows.map((r) => required(r.ev)));

  // As the package's test: the area with the most events is given 5 instead (< 10 events).
  const lessThan10: FunnelRatePoint[] = inputRows.map((r) => ({
    count: required(r.ev) === maxEvents ? 5 : required(r.ev),
    rate: required(r.rate),
  }));

  // As the package's test: pop = 1e5·ev/rate, the largest area set to 0 events (rate 0), and
  // only areas above half the largest population kept; the denominator is supplied.
  const withZero: FunnelRatePoint[] = inputRows.map((r) => {
    const ev = required(r.ev);
    const rate = required(r.rate);
    const pop = (1e5 * ev) / rate;
    return ev === maxEvents
      ? { count: 0, rate: 0, denominator: pop }
      : { count: ev, rate, denominator: pop };
  });
  const maxPop = Math.max(...withZero.map((p) => p.denominator as number));
  const withZeroKept = withZero.filter((p) => (p.denominator as number) > maxPop / 2);

  const cases = [
    ['read_phe_funnel_rate_limits_crude_lt10.csv', lessThan10],
    ['read_phe_funnel_rate_limits_crude_zero.csv', withZeroKept],
  ] as const;

  describe.each(cases)('%s', (file, points) => {
    const expected = loadVectors(file);
    const limits = funnelLimits({
      statistic: 'rate',
      points,
      rateType: 'crude',
      multiplier: 1e5,
      yearsOfData: 3,
    });

    it('has 100 axis points, like the expected table', () => {
      expect(expected).toHaveLength(100);
      expect(limits).toHaveLength(100);
    });

    it.each(expected.map((r, i) => [rowName(file, r, `events ${r.Events}`), r, i] as const))(
      '%s',
      (name, r, i) => {
        const row = limits[i];
        expect(row.events, `${name} events`).toBe(required(r.Events));
        const check = (actual: number, column: string): void =>
          expectClose(actual, required(r[column]), TOLERANCE, `${name} ${column}`);
        check(row.lower95Population1Year, 'lower_2s_population_1_year');
        check(row.lower95, 'lower_2s_limit');
        check(row.upper95Population1Year, 'upper_2s_population_1_year');
        check(row.upper95, 'upper_2s_limit');
        check(row.lower998Population1Year, 'lower_3s_population_1_year');
        check(row.lower998, 'lower_3s_limit');
        check(row.upper998Population1Year, 'upper_3s_population_1_year');
        check(row.upper998, 'upper_3s_limit');
        check(row.baseline, 'baseline');
        expect(r.statistic).toBe('rate (crude per 100,000)');
      },
    );
  });
});

describe('rate funnel points match PHEindicatormethods calculate_funnel_points', () => {
  const FILE = 'read_phe_funnel_rate_limits_inputs.csv';
  const rows = loadVectors(FILE);
  const maxEvents = Math.max(...rows.map((r) => required(r.ev)));

  it('reads every row', () => {
    expect(rows).toHaveLength(50);
  });

  // The three package tests: DSR with the largest count set to 5 (3 years); crude from the
  // rate alone (3 years); crude with denominators and the largest count set to 0 (5 years).
  const dsrPoints = rateFunnelPoints(
    rows.map((r) => ({
      count: required(r.ev) === maxEvents ? 5 : required(r.ev),
      rate: required(r.rate),
    })),
    { rateType: 'dsr', multiplier: 1e5, yearsOfData: 3 },
  );
  const crudePoints = rateFunnelPoints(
    rows.map((r) => ({ count: required(r.ev), rate: required(r.rate) })),
    { rateType: 'crude', multiplier: 1e5, yearsOfData: 3 },
  );
  const crudeWithDenominator = rateFunnelPoints(
    rows.map((r) => ({
      count: required(r.ev) === maxEvents ? 0 : required(r.ev),
      rate: required(r.rate),
      denominator: required(r.pop),
    })),
    { rateType: 'crude', multiplier: 1e5, yearsOfData: 5 },
  );

  it.each(rows.map((r, i) => [rowName(FILE, r, `ev ${r.ev}`), r, i] as const))(
    '%s',
    (name, r, i) => {
      expectClose(dsrPoints[i].rateChart, num(r.rate_chart), 1e-12, `${name} dsr rate_chart`);
      expectClose(
        dsrPoints[i].denominatorDerived,
        num(r.denominator_derived),
        TOLERANCE,
        `${name} dsr denominator`,
      );
      expectClose(
        crudePoints[i].rateChart,
        num(r.rate_chart_crude),
        1e-12,
        `${name} crude rate_chart`,
      );
      expectClose(
        crudePoints[i].denominatorDerived,
        num(r.denominator_derived_crude),
        TOLERANCE,
        `${name} crude denominator`,
      );
      expectClose(
        crudeWithDenominator[i].rateChart,
        num(r.rate_chart_crude_with_denom),
        1e-12,
        `${name} crude-with-denominator rate_chart`,
      );
      expectClose(
        crudeWithDenominator[i].denominatorDerived,
        num(r.denominator_derived_crude_with_denom),
        TOLERANCE,
        `${name} crude-with-denominator denominator`,
      );
    },
  );
});

describe('funnel input checks', () => {
  it('says plainly what was wrong', () => {
    expect(() => proportionFunnelLimits([{ numerator: 12, denominator: 10 }])).toThrow(
      'Funnel limits: area 1: numerator 12 is larger than denominator 10',
    );
    expect(() => proportionFunnelLimits([{ numerator: 1, denominator: 0 }])).toThrow(
      /denominators must be greater than zero/,
    );
    expect(() =>
      funnelSignificance({ statistic: 'proportion', points: [{ numerator: -1, denominator: 10 }] }),
    ).toThrow(/numerators must be zero or more/);
    expect(() => proportionFunnelLimits([])).toThrow('Funnel limits: no areas were given');
    expect(() =>
      rateFunnelLimits(
        [
          { count: 0, rate: 0 },
          { count: 20, rate: 10 },
        ],
        {
          rateType: 'crude',
          multiplier: 1e5,
          yearsOfData: 1,
        },
      ),
    ).toThrow(/needs its denominator/);
    expect(() =>
      rateFunnelLimits([{ count: 0, rate: 0, denominator: 1000 }], {
        rateType: 'crude',
        multiplier: 1e5,
        yearsOfData: 1,
      }),
    ).toThrow('Funnel limits: no area has any events, so there is no average rate to draw around');
  });
});
