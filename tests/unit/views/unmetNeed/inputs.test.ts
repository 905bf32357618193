/**
 * England's and the region's number in treatment when the counts come from record-level
 * episodes: their distinct clients replace the sum of their authorities' counts (a client
 * treated in two authorities is one person), and only where every authority has a count.
 */
import { describe, expect, it } from 'vitest';
import {
  distinctClientsFromEpisodes,
  needInputs,
  treatmentFromEpisodes,
  treatmentFromTable,
} from '../../../../src/lib/views/unmetNeed/inputs';

const ENGLAND = 'E92000001';
const members = new Map([[ENGLAND, ['A', 'B', 'C']]]);
const areas = [{ code: ENGLAND, role: 'england' as const }];
// What episodeCountsSql returns: one row per authority, and England's own distinct clients.
const rows = [
  { area_code: 'A', composite: false, opiate: 10, crack: 0, ocu: 10, alcohol_dependence: 0 },
  { area_code: 'B', composite: false, opiate: 20, crack: 0, ocu: 20, alcohol_dependence: 0 },
  { area_code: 'C', composite: false, opiate: 5, crack: 0, ocu: 5, alcohol_dependence: 0 },
  { area_code: ENGLAND, composite: true, opiate: 33, crack: 0, ocu: 33, alcohol_dependence: 0 },
];
const counts = treatmentFromEpisodes(rows, ['opiate']).get('opiate')!;
const distinct = distinctClientsFromEpisodes(rows, ['opiate']).get('opiate')!;
const estimate = (e: number) => ({ estimate: e, lower: e - 5, upper: e + 5 });

describe("England's number in treatment from episodes", () => {
  it('keeps authorities and composite areas apart', () => {
    expect([...counts]).toEqual([
      ['A', 10],
      ['B', 20],
      ['C', 5],
    ]);
    expect([...distinct]).toEqual([[ENGLAND, 33]]);
  });

  it("uses England's distinct clients, not the authorities' sum (35)", () => {
    const prevalence = new Map([[ENGLAND, estimate(100)]]);
    const got = needInputs(areas, prevalence, counts, members, undefined, distinct);
    expect(got.get(ENGLAND)?.inTreatment).toBe(33);
    // Without distinct clients (counts from an aggregate table) the sum is the count.
    expect(needInputs(areas, prevalence, counts, members).get(ENGLAND)?.inTreatment).toBe(35);
  });

  it('summed from its authorities: the distinct count when all have an estimate', () => {
    const all = new Map([
      ['A', estimate(40)],
      ['B', estimate(50)],
      ['C', estimate(20)],
    ]);
    const got = needInputs(areas, all, counts, members, undefined, distinct).get(ENGLAND)!;
    expect(got).toMatchObject({ estimate: 110, inTreatment: 33, derived: true });
  });

  it('not calculated when only some authorities have an estimate (their clients were not counted apart)', () => {
    const some = new Map([
      ['A', estimate(40)],
      ['B', estimate(50)],
    ]);
    const got = needInputs(areas, some, counts, members, undefined, distinct).get(ENGLAND)!;
    expect(got.inTreatment).toBeNull();
    expect(got.noCount).toMatch(/over all 3 of its local authorities, but only 2 have an estimate/);
    // From an aggregate table the two authorities' counts are summed, as before.
    expect(needInputs(areas, some, counts, members).get(ENGLAND)?.inTreatment).toBe(30);
  });
});

describe('numbers in treatment from the aggregate table', () => {
  const periods = new Map([
    ['alcohol_dependence' as const, { prevalence: '2019/20', treatment: '2019/20' }],
  ]) as Parameters<typeof treatmentFromTable>[1];
  const row = (area: string, group: string, t: number | null) => ({
    area_code: area,
    period: '2019/20',
    substance_group: group,
    t,
  });

  it("sums the measure's groups; a suppressed one leaves the area without a count (not a zero)", () => {
    const got = treatmentFromTable(
      [
        row('A', 'alcohol_only', 100),
        row('A', 'non_opiate_and_alcohol', 20),
        row('B', 'alcohol_only', 50),
        row('B', 'non_opiate_and_alcohol', null),
        row('C', 'alcohol_only', 30),
      ],
      periods,
      ['alcohol_dependence'],
    ).get('alcohol_dependence')!;
    expect([...got]).toEqual([
      ['A', 120],
      ['C', 30],
    ]);
  });
});
