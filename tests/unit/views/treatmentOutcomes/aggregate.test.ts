/**
 * England, a region or a group from the aggregate outcomes table: its authorities' counts added,
 * only when the table has every one of them (a sum over some would be labelled with an area it
 * does not cover); a suppressed count in any part leaves the sum's count missing.
 */
import { describe, expect, it } from 'vitest';
import { aggregateCounts, countsFor } from '../../../../src/lib/views/treatmentOutcomes/aggregate';

const row = (area: string, inTreatment: number, completions: number | null) => ({
  area_code: area,
  period: '2021/22',
  substance_group: 'opiate',
  in_treatment: inTreatment,
  completions,
  completions_not_representing: null,
  has_not_representing: false,
});

describe('outcome counts summed from authorities', () => {
  const agg = aggregateCounts([row('A', 100, 10), row('B', 50, 5), row('C', 20, null)]);

  it('sums every member, counts added', () => {
    const got = countsFor(agg, 'E12000001', ['A', 'B']);
    expect(got.summedFrom).toBe(2);
    expect(got.counts.get('2021/22')?.get('opiate')).toMatchObject({
      inTreatment: 150,
      completions: 15,
    });
  });

  it('a suppressed count in one member leaves the sum of that count missing', () => {
    const got = countsFor(agg, 'E12000001', ['A', 'C']);
    expect(got.counts.get('2021/22')?.get('opiate')).toMatchObject({
      inTreatment: 120,
      completions: null,
    });
  });

  it('not summed when the table lacks a member (it would not be the area)', () => {
    const got = countsFor(agg, 'E92000001', ['A', 'B', 'D']);
    expect(got.counts.size).toBe(0);
    expect(got.summedFrom).toBe(0);
    expect(got.missing).toEqual(['D']);
    // No member at all in the table: nothing, and nothing to say.
    expect(countsFor(agg, 'E92000001', ['D', 'E'])).toEqual({
      counts: new Map(),
      summedFrom: 0,
      missing: [],
    });
  });
});
