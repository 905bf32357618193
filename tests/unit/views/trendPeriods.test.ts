/** Periods of every form sort by time, and a series' breaks are found (domain/periods.ts). */
import { describe, expect, it } from 'vitest';
import {
  canonicalPeriod,
  comparePeriods,
  periodGaps,
  periodSortKey,
  pickPeriod,
  sortPeriods,
} from '../../../src/lib/domain/periods';

describe('sortPeriods orders mixed forms by when they end', () => {
  it('years, financial years, quarters and 3-year pools interleave by time', () => {
    const shuffled = ['2020 Q2', '2019-21', '2019/20', '2021', '2019', '2020/21 Q1', '2018 - 20'];
    expect(sortPeriods(shuffled)).toEqual([
      '2019', // Dec 2019
      '2019/20', // Mar 2020
      '2020 Q2', // Jun 2020
      '2020/21 Q1', // Jun 2020 too, same length: by label
      '2018 - 20', // Dec 2020
      '2021', // Dec 2021, 12 months
      '2019-21', // Dec 2021, 36 months: the shorter first
    ]);
  });
  it('financial years in every spelling sort alike and before the next', () => {
    expect(sortPeriods(['2021/22', 'FY 2019/20', '2020/2021'])).toEqual([
      'FY 2019/20',
      '2020/2021',
      '2021/22',
    ]);
  });
  it('3-year pools written with spaces or four-digit ends sort with the canonical ones', () => {
    expect(sortPeriods(['2019 - 21', '2017-19', '2018-2020', '2001-03'])).toEqual([
      '2001-03',
      '2017-19',
      '2018-2020',
      '2019 - 21',
    ]);
  });
  it('quarters as publishers write them', () => {
    expect(sortPeriods(['Q1 2021', '2020 Q4', 'Jul-Sep 2020', 'Quarter 2 2020'])).toEqual([
      'Quarter 2 2020',
      'Jul-Sep 2020',
      '2020 Q4',
      'Q1 2021',
    ]);
  });
  it('a pool crossing a century and rolling twelve months', () => {
    expect(comparePeriods('1999-01', '2000')).toBeGreaterThan(0);
    expect(sortPeriods(['12 months to 2021-03', '12 months to 2020-12', '2020'])).toEqual([
      '2020',
      '12 months to 2020-12',
      '12 months to 2021-03',
    ]);
  });
  it('labels that are no period sort after the periods ending in their year', () => {
    expect(periodSortKey('2020 (provisional)')).toBeGreaterThan(periodSortKey('2020'));
    expect(periodSortKey('no year')).toBe(0);
  });
  it('pickPeriod takes the latest not after the wanted one, across forms', () => {
    expect(pickPeriod(['2019/20', '2020/21', '2021/22'], '2021')).toBe('2020/21');
    expect(pickPeriod(['2019/20', '2020/21'], null)).toBe('2020/21');
  });
  it('canonicalPeriod', () => {
    expect(canonicalPeriod('2019 - 21')).toBe('2019-21');
    expect(canonicalPeriod('2019/2020')).toBe('2019/20');
    expect(canonicalPeriod('201920')).toBe('2019/20');
    expect(canonicalPeriod('Q2 2020/21')).toBe('2020/21 Q2');
    expect(canonicalPeriod('2019/21')).toBeNull();
    expect(canonicalPeriod('soon')).toBeNull();
  });
});

describe('periodGaps finds breaks in a series', () => {
  it('none in an unbroken series of any form', () => {
    expect(periodGaps(['2019/20', '2020/21', '2021/22'])).toEqual([]);
    expect(periodGaps(['2022 Q2', '2022 Q3', '2022 Q4', '2023 Q1'])).toEqual([]);
    expect(periodGaps(['2015-17', '2016-18', '2017-19'])).toEqual([]);
    expect(periodGaps(['2016', '2017', '2018'])).toEqual([]);
  });
  it('a missing financial year, calendar year and quarter', () => {
    expect(periodGaps(['2019/20', '2021/22', '2022/23'])).toEqual([
      { after: '2019/20', before: '2021/22', missing: ['2020/21'], reason: 'no 2020/21' },
    ]);
    expect(periodGaps(['2015', '2018'])[0].missing).toEqual(['2016', '2017']);
    expect(periodGaps(['2022 Q3', '2023 Q1'])[0].missing).toEqual(['2022 Q4']);
    expect(periodGaps(['2020/21 Q4', '2021/22 Q2'])[0].missing).toEqual(['2021/22 Q1']);
  });
  it('rolling 3-year pools step by a year; non-overlapping pools step by their length', () => {
    expect(periodGaps(['2014-16', '2015-17', '2017-19'])[0].missing).toEqual(['2016-18']);
    expect(periodGaps(['2011-13', '2014-16', '2017-19'])).toEqual([]);
  });
  it('a change of form is a break (the definition of the period changed)', () => {
    const g = periodGaps(['2018', '2019', '2019/20', '2020/21']);
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ after: '2019', before: '2019/20', missing: [] });
    expect(g[0].reason).toBe('the period changes from calendar years to financial years');
  });
});
