/**
 * The remaining fingertips-open trend-marker test cases, inputs and expectations copied unchanged:
 * - PholioVisualisationWS/AnalysisTest/WhenUsingTrendMarkerCalculator.cs (the calculator before
 *   Analysis/TrendMarkers replaced it: all 16 test methods);
 * - PholioVisualisationWS/AnalysisTest/TrendBetweenTwoValuesCalculatorTest.cs (most recent value
 *   against the previous one: all 5 test methods).
 * The current calculator's cases (TrendMarkerCalculatorTest.cs, TrendRequestTest.cs) are in
 * trend.test.ts. FaultTolerance 0.00005 on values rounded to 4 dp, as upstream.
 */
import { describe, expect, it } from 'vitest';
import {
  legacyRecentTrend,
  trendBetweenLastTwo,
  trendBetweenTwoValues,
  type LegacyTrendRequest,
  type TrendPoint,
} from '../../../src/lib/stats/trend';

type Obs = [count: number, denominator: number, year: number, value?: number];
/** Upstream's CoreDataSet lists; without a value, ToCoreDataList's |count / denominator × 100|. */
const data = (rows: Obs[]): TrendPoint[] =>
  rows.map(([count, denominator, order, value]) => ({
    count,
    denominator,
    order,
    value: value ?? Math.abs((count / denominator) * 100),
  }));

const DATA_1: Obs[] = [
  [5, 22, 2006, 0.22727 * 100],
  [7, 35, 2007, 0.2 * 100],
  [6, 42, 2008, 0.14286 * 100],
  [7, 48, 2009, 0.14583 * 100],
  [8, 54, 2010, 0.14815 * 100],
  [10, 150, 2011, 0.06667 * 100],
];
const DATA_1_SHUFFLED: Obs[] = [DATA_1[3], DATA_1[0], DATA_1[5], DATA_1[2], DATA_1[1], DATA_1[4]];
const DATA_2: Obs[] = [
  [10, 150, 2006, 0.06667 * 100],
  [8, 54, 2007, 0.14815 * 100],
  [7, 48, 2008, 0.14583 * 100],
  [6, 42, 2009, 0.14286 * 100],
  [7, 35, 2010, 0.2 * 100],
  [5, 22, 2011, 0.22727 * 100],
];
const DATA_3: Obs[] = [
  [8267, 90152.0, 2001, 9.17007],
  [8351, 89993.0, 2002, 9.27961],
  [8444, 90134.19, 2003, 9.36827],
  [8586, 90317.126, 2004, 9.50652],
  [8519, 90457.0, 2005, 9.41773],
  [8344, 90781, 2006, 9.19135],
  [8250, 90969, 2007, 9.06902],
  [8109, 91379, 2008, 8.87403],
  [8116, 91530, 2009, 8.86704],
  [8145, 91773, 2010, 8.87516],
  [8222, 92088, 2011, 8.92842],
  [8506, 92238, 2012, 9.2218],
  [8728, 92665.89, 2013, 9.41887],
];
const DATA_4: Obs[] = [
  [5, 22, 2012],
  [7, 35, 2011],
  [6, 42, 2010],
  [8, 50, 2009],
  [8, 100, 2008],
  [9, 200, 2007],
];
const DATA_5: Obs[] = [
  [5405, 18095, 2008],
  [5500, 18170, 2009],
  [5435, 18005, 2010],
  [5480, 17890, 2011],
  [5315, 17860, 2012],
];
const DATA_6: Obs[] = [[5645, 18285, 2007], ...DATA_5];
const DATA_7: Obs[] = [[5455, 18590, 2006], ...DATA_6];
const DATA_5A: Obs[] = [
  [22435, 65880, 2008],
  [22445, 67900, 2009],
  [21365, 68705, 2010],
  [20955, 69835, 2011],
  [19055, 70910, 2012],
];
const DATA_6A: Obs[] = [[23490, 64830, 2007], ...DATA_5A];
const DATA_7A: Obs[] = [[22460, 64600, 2006], ...DATA_6A];

const request = (
  rows: Obs[] | null,
  valueType: LegacyTrendRequest['valueType'] = 'proportion',
): LegacyTrendRequest => ({
  points: rows ? data(rows) : null,
  valueType,
  yearRange: 1,
  comparatorConfidence: 95,
});
const r4 = (x: number | null) => (x === null ? NaN : Math.round(x * 10000) / 10000);
const TOLERANCE = 0.00005;

describe('legacyRecentTrend reproduces fingertips-open WhenUsingTrendMarkerCalculator', () => {
  it('GetResults_Return_No_SignificanceValue_For_NullTrendData', () => {
    const r = legacyRecentTrend(request(null));
    expect(r.significant).toBe(false);
    expect(r.marker).toBe('cannot-be-calculated');
  });
  it('GetResults_Return_No_SignificanceValue_For_InsufficientTrendData', () => {
    const r = legacyRecentTrend(request(DATA_1.slice(0, 4)));
    expect(r.significant).toBe(false);
    expect(r.marker).toBe('cannot-be-calculated');
    expect(r.pointsUsed).toBe(0);
  });
  it('GetResults_Return_SignificanceValue_For_SufficientTrendData', () => {
    const r = legacyRecentTrend(request(DATA_1.slice(0, 5)));
    expect(r.marker).toBe('no-change');
    expect(r.pointsUsed).toBe(5);
  });
  it('GetResults_Return_Correct_SignificanceValue_For_TrendData_1', () => {
    const r = legacyRecentTrend(request(DATA_1));
    expect(r.significant).toBe(true);
    expect(Math.abs(r4(r.chiSquare) - 8.0237)).toBeLessThan(TOLERANCE);
  });
  it.each([
    ['GetResults_Return_DecreasingTrend_For_Proportion_And_TrendData_1', DATA_1],
    ['GetResults_Return_DecreasingTrend_For_Proportion_And_Shuffled_TrendData_1', DATA_1_SHUFFLED],
  ])('%s', (_name, rows) => {
    const r = legacyRecentTrend(request(rows));
    expect(Math.abs(r4(r.slope) - -0.2326)).toBeLessThan(TOLERANCE);
    expect(r.marker).toBe('decreasing');
  });
  it('GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_2', () => {
    const r = legacyRecentTrend(request(DATA_2));
    expect(r.slope).not.toBeNull();
    expect(r.marker).toBe('increasing');
  });
  it('GetResults_Return_DecreasingTrend_For_CrudeRate_And_TrendData_1', () => {
    const r = legacyRecentTrend(request(DATA_1, 'crude-rate'));
    expect(Math.abs(r4(r.slope) - -0.2003)).toBeLessThan(TOLERANCE);
    expect(r.marker).toBe('decreasing');
  });
  it('GetResults_Return_IncreasingTrend_For_CrudeRate_And_TrendData_2', () => {
    const r = legacyRecentTrend(request(DATA_2, 'crude-rate'));
    expect(r.slope).not.toBeNull();
    expect(r.marker).toBe('increasing');
  });
  it.each([
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_3', DATA_3],
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_4', DATA_4],
  ])('%s', (_name, rows) => {
    const r = legacyRecentTrend(request(rows));
    expect(r.significant).toBe(true);
    expect(r.marker).toBe('increasing');
  });
  it.each([
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_5', DATA_5, 0.018, 5],
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_6', DATA_6, 1.3987, 6],
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_7', DATA_7, 0.3925, 7],
  ] as const)('%s', (_name, rows, chi2, points) => {
    const r = legacyRecentTrend(request([...rows]));
    expect(Math.abs(r4(r.chiSquare) - chi2)).toBeLessThan(TOLERANCE);
    expect(r.pointsUsed).toBe(points);
  });
  it('GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_5a', () => {
    const r = legacyRecentTrend(request(DATA_5A));
    expect(r.significant).toBe(true);
    expect(Math.abs(r4(r.chiSquare) - 978.2845)).toBeLessThan(TOLERANCE);
    expect(r.pointsUsed).toBe(5);
  });
  it.each([
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_6a', DATA_6A],
    ['GetResults_Return_IncreasingTrend_For_Proportion_And_TrendData_7a', DATA_7A],
  ])('%s', (_name, rows) => {
    expect(legacyRecentTrend(request(rows)).significant).toBe(true);
  });
  it('the year-range and value-type checks of its TrendRequest (TrendRequestTest, old version)', () => {
    expect(legacyRecentTrend({ ...request(DATA_5), yearRange: 3 }).message).toBe(
      'Year Range 3 is not relevant for the calculation',
    );
    expect(legacyRecentTrend(request(DATA_5, 'count')).marker).toBe('cannot-be-calculated');
  });
});

describe('trendBetweenTwoValues reproduces fingertips-open TrendBetweenTwoValuesCalculatorTest', () => {
  it('TestComparingLowerRecentWithHigherPrevious', () => {
    expect(
      trendBetweenTwoValues(
        { value: 1, lower95: 0.9, upper95: 1.1 },
        { value: 2, lower95: 1.9, upper95: 2.1 },
      ),
    ).toBe('decreasing');
  });
  it('TestComparingOverlappingRecentAndPrevious', () => {
    expect(
      trendBetweenTwoValues(
        { value: 1, lower95: 0.9, upper95: 1.6 },
        { value: 2, lower95: 1.5, upper95: 2.1 },
      ),
    ).toBe('no-change');
  });
  it('TestNotCalculatedWithNulls', () => {
    expect(trendBetweenTwoValues(null, null)).toBe('cannot-be-calculated');
  });
  it('TestNotCalculatedIfMissingCI', () => {
    expect(
      trendBetweenTwoValues(
        { value: 1, lower95: null, upper95: null },
        { value: 2, lower95: 1.5, upper95: 2.1 },
      ),
    ).toBe('cannot-be-calculated');
  });
  it('TestDataListIsSorted', () => {
    expect(
      trendBetweenLastTwo([
        { value: 2, lower95: 1.9, upper95: 2.1, order: 2000 },
        { value: 2, lower95: 1.9, upper95: 2.1, order: 2002 },
        { value: 1, lower95: 0.9, upper95: 1.1, order: 2003 },
        { value: 2, lower95: 1.5, upper95: 2.1, order: 2001 },
      ]),
    ).toBe('decreasing');
  });
  it('a higher recent value with separate intervals is increasing (hand case)', () => {
    expect(
      trendBetweenTwoValues(
        { value: 2, lower95: 1.9, upper95: 2.1 },
        { value: 1, lower95: 0.9, upper95: 1.1 },
      ),
    ).toBe('increasing');
  });
});
