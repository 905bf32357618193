/**
 * Our recent trend against the "Recent Trend" column of a real Fingertips export
 * (datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv, the same file as
 * /work/shared/data/public/…): for every row where Fingertips gives a value, the series of that
 * indicator, area, sex, age and category up to the row's period goes through the same path the
 * views use (views/trend indicatorTrend → stats recentTrend) and must give Fingertips' wording.
 *
 * This export holds ONE period (2017) for every area, so Fingertips' value is "Cannot be
 * calculated" on every row, and so is ours (fewer than five points): the check is real but weak.
 * The calculation itself is checked against every fingertips-open unit-test case
 * (trend.test.ts, trendFingertipsLegacy.test.ts). docs/views/trends.md says so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../../src/lib/schema/indicator';
import { fingertipsTrendWording } from '../../../src/lib/stats/trend';
import { comparePeriods } from '../../../src/lib/domain/periods';
import { indicatorTrend } from '../../../src/lib/views/trend';

const FILE = path.resolve(
  __dirname,
  '../../../datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv',
);
type ExportRow = Record<string, string>;
const rows = Papa.parse<ExportRow>(readFileSync(FILE, 'utf8').replace(/^\uFEFF/, ''), {
  header: true,
  skipEmptyLines: true,
}).data;

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

function asIndicatorRow(r: ExportRow): IndicatorRow {
  return {
    indicator_id: r['Indicator ID'],
    indicator_name: r['Indicator Name'],
    area_code: r['Area Code'],
    area_name: r['Area Name'],
    period: r['Time period'],
    sex: r.Sex,
    age: r.Age,
    value: num(r.Value),
    lower_95: num(r['Lower CI 95.0 limit']),
    upper_95: num(r['Upper CI 95.0 limit']),
    count: num(r.Count),
    denominator: num(r.Denominator),
    // The indicator is a percentage ("% of population aged 16 & over"); the export has no unit.
    unit: r['Indicator Name'].includes('%') ? '%' : '',
    polarity: 'none',
    note: r['Value note'] ?? '',
  };
}

describe('recent trend equals the Recent Trend of a real Fingertips export', () => {
  const withTrend = rows.filter((r) => (r['Recent Trend'] ?? '').trim() !== '');

  it('the export carries a Recent Trend on its rows', () => {
    expect(rows.length).toBe(704);
    expect(withTrend.length).toBe(704);
  });

  it('ours gives Fingertips’ value for every area and period where Fingertips gives one', () => {
    const series = (r: ExportRow) =>
      [r['Indicator ID'], r['Area Code'], r.Sex, r.Age, r['Category Type'], r.Category].join('|');
    const bySeries = new Map<string, ExportRow[]>();
    for (const r of rows) bySeries.set(series(r), [...(bySeries.get(series(r)) ?? []), r]);
    let compared = 0;
    for (const r of withTrend) {
      const upTo = bySeries
        .get(series(r))!
        .filter((x) => comparePeriods(x['Time period'], r['Time period']) <= 0);
      const key = {
        key: 'k',
        indicatorId: r['Indicator ID'],
        indicatorName: r['Indicator Name'],
        sex: r.Sex,
        age: r.Age,
        unit: '%',
      };
      const t = indicatorTrend(key, upTo.map(asIndicatorRow), [
        { code: r['Area Code'], name: r['Area Name'], role: 'focal' },
      ]);
      expect(
        fingertipsTrendWording(t.areas[0].trend),
        `${r['Area Name']} ${r['Time period']}`,
      ).toBe(r['Recent Trend']);
      compared++;
    }
    expect(compared).toBe(704);
  });

  it('why: one period per area, so neither Fingertips nor we can calculate a trend', () => {
    expect(new Set(rows.map((r) => r['Time period']))).toEqual(new Set(['2017']));
    expect(new Set(withTrend.map((r) => r['Recent Trend']))).toEqual(
      new Set(['Cannot be calculated']),
    );
  });
});
