import { describe, expect, it } from 'vitest';
import {
  recentTrend,
  trendLabel,
  trendValidationMessage,
  type TrendPoint,
  type TrendRequest,
} from '../../../src/lib/stats';

/*
 * Cases copied from the Fingertips unit tests (inputs and expected outputs unchanged):
 * - ukhsa-collaboration/fingertips-open, PholioVisualisationWS AnalysisTest
 *   TrendMarkerCalculatorTest.cs (data sets 1 and 2, proportions 1 and 2) and TrendRequestTest.cs;
 * - dhsc-govuk/FingertipsNext, HealthData.Tests/Trends/TrendMarkerCalculatorTests.cs (the port
 *   of the same calculator, checked against live Fingertips "Recent trend" markers).
 * Fingertips' Year becomes `order`; Count/Denominator/Value/LowerCI95/UpperCI95 are copied.
 */
type Row = [count: number, denominator: number, value: number | null, lower: number | null, upper: number | null, year: number]; // prettier-ignore
const pts = (rows: Row[]): TrendPoint[] =>
  rows.map(([count, denominator, value, lower95, upper95, order]) => ({
    count,
    denominator,
    value,
    lower95,
    upper95,
    order,
  }));

const SET1: Row[] = [
  [1367, 44701, 30.6, 28.98, 32.25, 2018],
  [1332, 44064, 30.2, 28.63, 31.9, 2017],
  [1199, 42811, 28, 26.44, 29.64, 2016],
  [1023, 41527, 24.6, 23.15, 26.19, 2015],
  [994, 40299, 24.67, 23.16, 26.25, 2014],
];
const SET2: Row[] = [
  [209, 1017, 20.5506, 18.1803, 23.1427, 2014],
  [213, 1087, 19.5952, 17.3444, 22.0602, 2015],
  [213, 1119, 19.0349, 16.8421, 21.4394, 2016],
  [239, 1117, 21.3966, 19.0918, 23.8975, 2017],
  [210, 1139, 18.4372, 16.2925, 20.7941, 2018],
];
const PROPORTIONS2: Row[] = [
  [5, 5, 100, 0, 0, 2012],
  [3, 5, 60, 0, 0, 2013],
  [1, 5, 20, 0, 0, 2014],
  [1, 4, 25, 0, 0, 2015],
  [2, 4, 50, 0, 0, 2016],
];
const DIABETES: Row[] = [
  [3938080, 51441896, 7.6554, 7.6481, 7.6669, 2024],
  [3774801, 50649129, 7.4528, 7.4456, 7.4643, 2023],
  [3625401, 49956777, 7.2571, 7.2499, 7.2684, 2022],
  [3491868, 49122259, 7.1085, 7.1013, 7.1199, 2021],
  [3455176, 48783947, 7.0826, 7.0754, 7.094, 2020],
];
const GP_65: Row[] = [
  [11246440, 63227624, 17.7872, null, null, 2024],
  [11034431, 62418295, 17.6782, null, null, 2023],
  [10851467, 61625745, 17.6087, null, null, 2022],
  [10547929, 60744002, 17.3646, null, null, 2021],
  [10588957, 60458658, 17.5144, null, null, 2020],
];
const MMR_YORKSHIRE: Row[] = [
  [53185, 59028, 90.1013, 89.8578, 90.3396, 2024],
  [51767, 57508, 90.017, 89.7694, 90.2594, 2023],
  [53681, 59074, 90.8708, 90.6358, 91.1004, 2022],
  [55865, 60511, 92.3221, 92.1072, 92.5315, 2021],
  [57274, 61834, 92.6254, 92.4168, 92.8288, 2020],
];
const DIABETIC_EYE: Row[] = [
  [1502, 49866388, 3.0121, 2.8616, 3.1683, 2024],
  [1415, 49300918, 2.8701, 2.7225, 3.0237, 2023],
  [1344, 48753376, 2.7567, 2.6113, 2.9082, 2022],
  [935, 48440507, 1.93028, 1.8085, 2.058, 2021],
  [1416, 48246126, 2.935, 2.7841, 3.0919, 2020],
];

const req = (rows: Row[], over: Partial<TrendRequest> = {}): TrendRequest => ({
  points: pts(rows),
  valueType: 'proportion',
  yearRange: 1,
  ...over,
});

describe('recentTrend reproduces the Fingertips trend-marker unit tests', () => {
  it.each([
    // name, request, significant, marker, chi² rounded to 2 dp (null: not asserted upstream)
    ['open: TestIsSignificantReturnsTrue (set 1, CI regression)', req(SET1), true, null, 46.77],
    ['open: TestIsSignificantReturnsFalse (set 2)', req(SET2), false, 'no-change', null],
    [
      'open: TestIsSignificantForProportionsReturnsTrue',
      req(SET1, { spcForProportions: true }),
      true,
      null,
      47.9,
    ],
    [
      'open: TestIsSignificantForProportionsCannotBeCalculated',
      req(PROPORTIONS2, { spcForProportions: true }),
      false,
      'cannot-be-calculated',
      0,
    ],
    [
      'next: CheckDiabetesTrendMarkersAreCorrect',
      req(DIABETES, { spcForProportions: true }),
      true,
      'increasing',
      null,
    ],
    [
      'next: CheckGPRegisteredPopulationTrendMarkersAreCorrect',
      req(GP_65, { spcForProportions: true }),
      false,
      'no-change',
      null,
    ],
    [
      'next: GenerateYorkshireMmrCoverageTrendMarkersAreCorrect',
      req(MMR_YORKSHIRE, { spcForProportions: true }),
      true,
      'decreasing',
      null,
    ],
    [
      'next: DiabeticEyeDiseaseTrendMarkersAreCorrect',
      req(DIABETIC_EYE, { valueType: 'crude-rate' }),
      true,
      'increasing',
      null,
    ],
  ] as const)('%s', (_name, request, significant, marker, chi2) => {
    const r = recentTrend(request);
    expect(r.significant).toBe(significant);
    if (marker) expect(r.marker).toBe(marker);
    if (chi2 !== null) expect(Math.round(r.chiSquare * 100) / 100).toBe(chi2);
  });

  it('open: TestCalculateTrendInvalidTrendRequest (year range 3) gives a message, not significant', () => {
    const r = recentTrend(req(SET1, { yearRange: 3 }));
    expect(r.message.length).toBeGreaterThan(0);
    expect(r.significant).toBe(false);
    expect(r.marker).toBe('cannot-be-calculated');
  });

  it('set 1 is increasing by the CI regression, and getting worse when low is good', () => {
    const r = recentTrend(req(SET1, { polarity: 'low-is-good' }));
    expect(r.marker).toBe('increasing');
    expect(trendLabel(r)).toBe('increasing and getting worse');
  });
});

describe('trendValidationMessage reproduces fingertips-open TrendRequestTest', () => {
  // DataList(): Value 2, Denominator 4, Count 8, years 2001-2005.
  const dataList = (): Row[] => [2001, 2002, 2003, 2004, 2005].map((y) => [8, 4, 2, null, null, y]);

  it('TestTrendRequest_IsValid_True', () => {
    expect(trendValidationMessage(req(dataList()))).toBe('');
  });
  it('TestTrendRequest_IsValid_True_If_Enough_Recent_Values', () => {
    expect(trendValidationMessage(req(dataList()))).toBe('');
  });
  it('TestTrendRequest_IsValid_True_If_Enough_Valid_Values (invalid point older than 5 valid)', () => {
    expect(trendValidationMessage(req([...dataList(), [8, 4, null, null, null, 2000]]))).toBe('');
  });
  it('TestTrendRequest_IsValid_False_If_Value_Invalid', () => {
    const rows = dataList();
    rows[0] = [8, 4, null, null, null, 2001];
    expect(trendValidationMessage(req(rows))).toBe(
      'Not enough data points with valid values to calculate recent trend',
    );
  });
  it('TestTrendRequestIsInvalidForYearRangeGreaterThan1', () => {
    expect(trendValidationMessage(req(dataList(), { yearRange: 3 }))).toBe(
      'The recent trend cannot be calculated for this year range',
    );
  });
  it('TestTrendRequestIsInvalidForNonRelevantValueType', () => {
    expect(trendValidationMessage(req(dataList(), { valueType: 'count' }))).toBe(
      'The recent trend cannot be calculated for this value type',
    );
  });
  it('fewer than five points: not enough data points', () => {
    expect(recentTrend(req(SET1.slice(0, 4))).message).toBe(
      'Not enough data points to calculate recent trend',
    );
  });
  it('a missing newest count breaks the run (hand case)', () => {
    const rows = [...SET1];
    rows[0] = [Number.NaN, 44701, 30.6, 28.98, 32.25, 2018];
    expect(recentTrend(req(rows)).marker).toBe('cannot-be-calculated');
  });
});
