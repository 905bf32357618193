/**
 * Periods as publishers write them: quarters, financial-year quarters, rolling twelve months,
 * financial and calendar years and 3-year pools, normalised the same in TypeScript and in SQL,
 * and ordered by where they end.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { normalisePeriod, normalisePeriodSql } from '../../../src/lib/schema/normalise';
import { quoteLiteral } from '../../../src/lib/engine/sql';
import {
  comparePublishedPeriods,
  normalisePublishedPeriod,
  periodSpan,
} from '../../../src/lib/domain/periods';

const CASES: [string, string][] = [
  ['Quarter 2 2020', '2020 Q2'],
  ['2020 Q2', '2020 Q2'],
  ['2020Q2', '2020 Q2'],
  ['Q2 2020', '2020 Q2'],
  ['Apr–Jun 2020', '2020 Q2'],
  ['April to June 2020', '2020 Q2'],
  ['Jan-Mar 2021', '2021 Q1'],
  ['Q2 2020/21', '2020/21 Q2'],
  ['Q2 2020-21', '2020/21 Q2'],
  ['2020/21 Q4', '2020/21 Q4'],
  ['12 months to June 2020', '12 months to 2020-06'],
  ['Rolling 12 months ending Mar 2021', '12 months to 2021-03'],
  ['Year to September 2019', '12 months to 2019-09'],
  ['2019/20', '2019/20'],
  ['FY 2019/2020', '2019/20'],
  ['2019-20', '2019/20'],
  ['2019 to 2021', '2019-21'],
  ['2019–21', '2019-21'],
  ['2021', '2021'],
  // Not periods of these kinds: kept as written (and reported by the checks).
  ['Feb-Apr 2020', 'Feb-Apr 2020'],
  ['Q5 2020', 'Q5 2020'],
  ['Q2 2020/22', 'Q2 2020/22'],
];

describe('periods as publishers write them', () => {
  it('normalises each form in TypeScript', () => {
    for (const [raw, want] of CASES) expect([raw, normalisePeriod(raw)]).toEqual([raw, want]);
    expect(normalisePublishedPeriod('2021')).toBeNull();
  });

  it('normalises each form the same way in SQL', async () => {
    const engine = await testEngine();
    for (const [raw, want] of CASES) {
      const r = (
        await engine.query(`SELECT ${normalisePeriodSql(quoteLiteral(raw))} AS p`)
      ).toRows()[0];
      expect([raw, r.p]).toEqual([raw, want]);
    }
  });

  it('orders labels of different kinds by where they end, shorter first', () => {
    const labels = [
      '2020/21',
      '2021',
      '2020 Q2',
      '2019-21',
      '12 months to 2020-06',
      '2020/21 Q2',
      '2019/20',
      '2020 Q1',
    ];
    expect([...labels].sort(comparePublishedPeriods)).toEqual([
      '2020 Q1', // ends when 2019/20 does (March 2020), and is shorter
      '2019/20',
      '2020 Q2',
      '12 months to 2020-06',
      '2020/21 Q2',
      '2020/21',
      '2021',
      '2019-21',
    ]);
    expect(periodSpan('2019-21')).toEqual({ end: 2021 * 12 + 11, months: 36 });
    expect(periodSpan('2020/21 Q2')).toEqual({ end: 2020 * 12 + 8, months: 3 });
  });
});
