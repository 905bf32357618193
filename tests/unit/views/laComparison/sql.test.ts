/**
 * The comparison's SQL builders, without an engine: the text is snapshotted (a change to a
 * statement shows up as a diff to review), and the parameters are checked against the filter.
 */
import { describe, expect, it } from 'vitest';
import {
  indicatorChoicesSql,
  indicatorPeriodsSql,
  indicatorRowsSql,
} from '../../../../src/lib/views/laComparison/sql';

const ALL = new Set([
  'indicator_id',
  'indicator_name',
  'area_code',
  'area_name',
  'period',
  'sex',
  'age',
  'value',
  'lower_95',
  'upper_95',
  'lower_998',
  'upper_998',
  'count',
  'denominator',
  'unit',
  'polarity',
  'note',
  'method',
]);
const FEW = new Set(['indicator_id', 'area_code', 'period', 'value']);

describe('la-comparison SQL builders', () => {
  it('choices and periods', () => {
    expect(indicatorChoicesSql()).toMatchSnapshot();
    const p = indicatorPeriodsSql('93495');
    expect(p.params).toEqual(['93495']);
    expect(p).toMatchSnapshot();
  });

  it('rows of one indicator for one area, and of several indicators', () => {
    const one = indicatorRowsSql(ALL, { kind: 'indicators', ids: ['P1'], area: 'E06000031' });
    expect(one.params).toEqual(['P1', 'E06000031']);
    expect(one).toMatchSnapshot();
    const many = indicatorRowsSql(ALL, { kind: 'indicators', ids: ['P1', 'R1'] });
    expect(many.params).toEqual(['P1', 'R1']);
    expect(many.sql).toContain('IN (?, ?)');
    expect(many).toMatchSnapshot();
  });

  it('slices: one bracket per indicator, sex, age and period', () => {
    const q = indicatorRowsSql(ALL, {
      kind: 'slices',
      slices: [
        { id: 'P1', sex: 'Persons', age: 'All ages', period: '2021/22' },
        { id: 'R1', sex: 'Female', age: '16+ yrs', period: '2019-21' },
      ],
    });
    expect(q.params).toEqual([
      'P1',
      'Persons',
      'All ages',
      '2021/22',
      'R1',
      'Female',
      '16+ yrs',
      '2019-21',
    ]);
    expect(q.sql.split('?').length - 1).toBe(q.params.length);
    expect(q).toMatchSnapshot();
    expect(indicatorRowsSql(ALL, { kind: 'slices', slices: [] }).sql).toMatch(/WHERE FALSE$/);
  });

  it('columns the table lacks are read as typed NULLs (sex and age as Persons, All ages)', () => {
    const q = indicatorRowsSql(FEW, { kind: 'indicators', ids: ['X'] });
    expect(q.sql).toContain('CAST(NULL AS DOUBLE) AS lower_95');
    expect(q.sql).toContain("coalesce(NULL, 'Persons') AS sex");
    expect(q.sql).not.toMatch(/CAST\(unit AS/);
    expect(q).toMatchSnapshot();
  });
});
