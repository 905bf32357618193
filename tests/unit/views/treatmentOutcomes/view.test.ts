/**
 * The treatment-outcomes view on the real engine: hand-made episodes (tests/.../episodes.test.ts)
 * for the focal area, aggregate counts for England and a neighbour, a Fingertips C19a row; the
 * indicator rows' values and Wilson intervals are checked against src/lib/stats, and the
 * comparisons with England against the Fingertips rule worked by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../engine/nodeEngine';
import { proportion } from '../../../../src/lib/stats';
import type { Engine } from '../../../../src/lib/engine/types';
import type { IndicatorRow } from '../../../../src/lib/schema/indicator';
import { dropAll, exec, runViewOn } from '../helpers';
import { EPISODES } from './fixtures';

const PBO = 'E06000031';
const NEIGHBOUR = 'E06000032';
const ENG = 'E92000001';

const SUBSTANCE: Record<string, string> = {
  opiate: 'heroin',
  non_opiate_only: 'cocaine',
  alcohol_only: 'alcohol',
  non_opiate_and_alcohol: 'cannabis;alcohol',
};
const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

function find(rows: IndicatorRow[], id: string, area = PBO, period = '2021/22') {
  const r = rows.find((x) => x.indicator_id === id && x.area_code === area && x.period === period);
  if (!r) throw new Error(`no ${id} for ${area} ${period}`);
  return r;
}

describe('treatment-outcomes view', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    const values = EPISODES.map(
      (e) =>
        `(${q(e.client)}, '${PBO}', ${e.age}, 'Male', ${q(SUBSTANCE[e.group!])}, 'Self', DATE '${e.start}', ${
          e.discharge ? `DATE '${e.discharge}'` : 'NULL'
        }, ${q(e.reason)})`,
    );
    // An episode of another area, with a discharge on the extract date the view should read.
    values.push(
      `('Z', '${NEIGHBOUR}', 40, 'Male', 'heroin', 'Self', DATE '2021-05-01', DATE '2023-03-31', 'Treatment completed - drug-free')`,
    );
    await exec(
      engine,
      `CREATE TABLE treatment_episodes (client_id VARCHAR, area_code VARCHAR, age INTEGER, sex VARCHAR, substances VARCHAR,
         referral_source VARCHAR, start_date DATE, discharge_date DATE, discharge_reason VARCHAR)`,
      `INSERT INTO treatment_episodes VALUES ${values.join(', ')}`,
      `CREATE TABLE treatment_outcomes (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE,
         completions DOUBLE, completions_not_representing DOUBLE)`,
      `INSERT INTO treatment_outcomes VALUES
         ('${ENG}', '2021/22', 'opiate', 1000, 60, 50), ('${ENG}', '2021/22', 'non_opiate_only', 400, 150, 130),
         ('${ENG}', '2021/22', 'non_opiate_and_alcohol', 300, 100, 90), ('${ENG}', '2021/22', 'alcohol_only', 300, 120, 110),
         ('${NEIGHBOUR}', '2021/22', 'opiate', 3, 1, NULL)`,
      `CREATE TABLE indicators (indicator_id VARCHAR, indicator_name VARCHAR, area_code VARCHAR, area_name VARCHAR, period VARCHAR,
         sex VARCHAR, age VARCHAR, value DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, count DOUBLE, denominator DOUBLE,
         unit VARCHAR, polarity VARCHAR, note VARCHAR)`,
      `INSERT INTO indicators VALUES ('90244', 'Successful completion of drug treatment: opiate users', '${ENG}', 'England',
         '2021', 'Persons', '18+ yrs', 5.0, 4.9, 5.1, 6000, 120000, '%', 'high_is_good', '')`,
    );
  });

  it('computes each outcome from the episodes with Wilson 95% intervals', async () => {
    const r = await runViewOn(
      engine,
      'treatment-outcomes',
      { comparatorCodes: [PBO, NEIGHBOUR], latestPeriod: '2021/22' },
      { source: 'records', group: 'all' },
    );
    const expectRow = (id: string, count: number, denominator: number) => {
      const row = find(r.indicators, `treatment_outcomes.${id}.all`);
      const p = proportion(count, denominator, { multiplier: 100 });
      expect([row.count, row.denominator]).toEqual([count, denominator]);
      expect(row.value).toBeCloseTo(p.value!, 12);
      expect(row.lower_95).toBeCloseTo(p.lower!, 12);
      expect(row.upper_95).toBeCloseTo(p.upper!, 12);
      return row;
    };
    // The extract date is the latest date in the file (31 March 2023, area Z's discharge).
    expectRow('successful_completion', 3, 8);
    expectRow('completion_no_representation', 2, 8);
    expectRow('representation', 1, 3);
    expectRow('early_unplanned_exit', 1, 10);
    expectRow('deaths_in_treatment', 1, 8);
    const median = find(r.indicators, 'treatment_outcomes.median_days.all');
    expect([median.value, median.count]).toEqual([122, 7]);
    expect(median.note).toMatch(/small numbers/);
    expect(find(r.indicators, 'treatment_outcomes.deaths_in_treatment.all').note).toMatch(
      /small numbers/,
    );
    expect(r.synthetic).toBe(false);
    expect(r.methodNote).toMatch(/Wilson/);
    expect(r.notes.join(' ')).toMatch(/under-18s left out/);
  });

  it('compares with England from aggregate counts, and with Fingertips 90244 where England has no counts', async () => {
    const r = await runViewOn(
      engine,
      'treatment-outcomes',
      { comparatorCodes: [PBO, NEIGHBOUR], latestPeriod: '2021/22' },
      { source: 'auto', group: 'opiate' },
    );
    const table = r.tables[0];
    expect(table.caption).toBe('Treatment outcomes, Peterborough, Opiate, 2021/22');
    const noRep = table.rows.find((x) =>
      String(x.measure).startsWith('Successful completion without'),
    )!;
    // Peterborough opiate: A completed of A, D, H = 1/3 (33.3%, CI 6.1–79.2%); England 50/1000 = 5%
    // lies below the interval: better (high is good).
    expect(noRep.count).toBe(1);
    expect(noRep.denominator).toBe(3);
    expect(noRep.england).toBeCloseTo(5, 12);
    expect(noRep.compared).toBe('Better');
    // England from the aggregate table: England's group rows summed into "all" and "non_opiate".
    const engAll = find(r.indicators, 'treatment_outcomes.completion_no_representation.all', ENG);
    expect([engAll.count, engAll.denominator]).toEqual([380, 2000]);
    const engNon = find(r.indicators, 'treatment_outcomes.successful_completion.non_opiate', ENG);
    expect([engNon.count, engNon.denominator]).toEqual([250, 700]);
    // The neighbour's missing C19 numerator: not calculated, with the reason.
    const nb = find(
      r.indicators,
      'treatment_outcomes.completion_no_representation.opiate',
      NEIGHBOUR,
    );
    expect(nb.value).toBeNull();
    expect(nb.note).toMatch(/not calculated/);
    // Areas table lists the focal area, England and the neighbour.
    expect(r.tables[2].rows.map((x) => x.area_name)).toEqual([
      'Peterborough',
      'England',
      NEIGHBOUR,
    ]);
  });

  it('a count with a suppressed row is no count (not the sum of the other rows)', async () => {
    await exec(
      engine,
      `INSERT INTO treatment_outcomes VALUES ('${NEIGHBOUR}', '2021/22', 'opiate', NULL, 2, NULL)`,
    );
    try {
      const r = await runViewOn(
        engine,
        'treatment-outcomes',
        { comparatorCodes: [PBO, NEIGHBOUR], latestPeriod: '2021/22' },
        { source: 'auto', group: 'opiate' },
      );
      const nb = find(r.indicators, 'treatment_outcomes.successful_completion.opiate', NEIGHBOUR);
      expect(nb.denominator).toBeNull();
      expect(nb.value).toBeNull();
    } finally {
      await exec(
        engine,
        `DELETE FROM treatment_outcomes WHERE area_code = '${NEIGHBOUR}' AND in_treatment IS NULL`,
      );
    }
  });

  it('benchmarks against Fingertips 90244 when England has no counts of its own', async () => {
    await exec(engine, `DELETE FROM treatment_outcomes WHERE area_code = '${ENG}'`);
    const r = await runViewOn(
      engine,
      'treatment-outcomes',
      { comparatorCodes: [PBO], latestPeriod: '2021/22' },
      { source: 'records', group: 'opiate' },
    );
    const noRep = r.tables[0].rows.find((x) =>
      String(x.measure).startsWith('Successful completion without'),
    )!;
    expect(noRep.england).toBe(5);
    expect(noRep.compared).toBe('Better (England from Fingertips 90244, 2021)');
  });

  it('says what is missing when neither table is loaded', async () => {
    await exec(engine, 'DROP TABLE treatment_episodes', 'DROP TABLE treatment_outcomes');
    await expect(runViewOn(engine, 'treatment-outcomes')).rejects.toThrow(
      /needs "treatment_episodes" or "treatment_outcomes"/,
    );
  });
});
