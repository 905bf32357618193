import { describe, expect, it } from 'vitest';
import { sortRows } from '../../../src/lib/format/sortRows';

const rows = [
  { area: 'Luton', rate: 7.1 },
  { area: 'Bedford', rate: null },
  { area: 'Peterborough', rate: 5 },
  { area: 'area 10', rate: 12 },
  { area: 'area 9', rate: 4.3 },
];

describe('sorting a view table', () => {
  it('sorts numbers numerically and keeps blanks last both ways', () => {
    expect(sortRows(rows, { key: 'rate', direction: 'ascending' }).map((r) => r.rate)).toEqual([
      4.3,
      5,
      7.1,
      12,
      null,
    ]);
    expect(sortRows(rows, { key: 'rate', direction: 'descending' }).map((r) => r.rate)).toEqual([
      12,
      7.1,
      5,
      4.3,
      null,
    ]);
  });

  it('sorts names as a person would (area 9 before area 10)', () => {
    expect(sortRows(rows, { key: 'area', direction: 'ascending' }).map((r) => r.area)).toEqual([
      'area 9',
      'area 10',
      'Bedford',
      'Luton',
      'Peterborough',
    ]);
  });
});
