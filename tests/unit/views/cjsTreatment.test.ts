import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { VIEWS } from '../../../src/lib/views';
import { crudeRate, proportion } from '../../../src/lib/stats';
import type { Engine } from '../../../src/lib/engine/types';
import { context, dropAll, exec, runViewOn } from './helpers';

const NEL = 'E06000012';
const NLC = 'E06000013';
const HULL = 'E06000010';
const ER = 'E06000011';

// PRIMER.md: people in treatment in contact with the CJS, Humberside, quarter 2 2020.
const CELLS: [string, number[]][] = [
  ['opiate', [185, 178, 514, 73]],
  ['non_opiate_only', [18, 8, 23, 23]],
  ['alcohol_only', [41, 14, 68, 68]],
  ['non_opiate_and_alcohol', [13, 3, 35, 35]],
];
const ROW_TOTALS: Record<string, number> = {
  opiate: 950,
  non_opiate_only: 57,
  alcohol_only: 160,
  non_opiate_and_alcohol: 69,
};
const AREA_TOTALS = [257, 203, 640, 136];
const AREAS = [NEL, NLC, HULL, ER];

describe('cjs-treatment', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    const values: string[] = [];
    for (const [group, counts] of CELLS)
      counts.forEach((c, i) =>
        values.push(`('${AREAS[i]}', '2020/21', '${group}', ${c}, NULL, ${ROW_TOTALS[group]})`),
      );
    AREA_TOTALS.forEach((t, i) =>
      values.push(`('${AREAS[i]}', '2020/21', 'all', ${t}, NULL, 1236)`),
    );
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('${NEL}', 'North East Lincolnshire', 'UTLA', 'E12000003', 'Yorkshire and The Humber'),
        ('${NLC}', 'North Lincolnshire', 'UTLA', 'E12000003', 'Yorkshire and The Humber'),
        ('${HULL}', 'Kingston upon Hull, City of', 'UTLA', 'E12000003', 'Yorkshire and The Humber'),
        ('${ER}', 'East Riding of Yorkshire', 'UTLA', 'E12000003', 'Yorkshire and The Humber')`,
      `CREATE TABLE cjs_treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, count DOUBLE, cjs_pathway VARCHAR, published_total DOUBLE)`,
      `INSERT INTO cjs_treatment VALUES ${values.join(', ')}`,
      `CREATE TABLE treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE)`,
      `INSERT INTO treatment VALUES ('${HULL}', '2020/21', 'opiate', 2000), ('${HULL}', '2020/21', 'alcohol_only', 1000),
        ('${NEL}', '2020/21', 'all', 1000)`,
      `CREATE TABLE population (area_code VARCHAR, year INTEGER, sex VARCHAR, age_band VARCHAR, population DOUBLE)`,
      `INSERT INTO population VALUES ('${HULL}', 2020, 'Persons', '0-4', 15000), ('${HULL}', 2020, 'Persons', '15-19', 10000),
        ('${HULL}', 2020, 'Persons', '20-24', 20000), ('${HULL}', 2020, 'Persons', '90+', 5000)`,
      `CREATE TABLE continuity_of_care (area_code VARCHAR, period VARCHAR, released_with_need DOUBLE, engaged_within_3_weeks DOUBLE)`,
      `INSERT INTO continuity_of_care VALUES ('${HULL}', '2020/21', 100, 40), ('E92000001', '2020/21', 50000, 20000), ('${HULL}', '2019/20', 90, 30)`,
    );
  });

  it('builds the area × substance table with totals and lists where published totals disagree', async () => {
    const ctx = context({
      focalArea: HULL,
      focalAreaName: 'Kingston upon Hull, City of',
      regionCode: 'E12000003',
      regionName: 'Yorkshire and The Humber',
      comparatorCodes: [HULL, NEL, NLC, ER],
    });
    const r = await runViewOn(engine, 'cjs-treatment', ctx, {});
    const t = r.tables[0];
    const er = t.rows.find((x) => x.area_code === ER)!;
    expect(er.total).toBe(199);
    expect(er.published_total).toBe(136);
    expect(er.total_check).toBe('does not match');
    const hull = t.rows.find((x) => x.area_code === HULL)!;
    expect(hull.total).toBe(640);
    expect(hull.total_check).toBe('matches');
    const total = t.rows.find((x) => x.area_name === 'Total (areas shown)')!;
    expect(total.g_opiate).toBe(950);
    expect(total.g_non_opiate_only).toBe(72);
    expect(total.g_alcohol_only).toBe(191);
    expect(total.g_non_opiate_and_alcohol).toBe(86);
    expect(total.total).toBe(1299);
    const published = t.rows.find((x) => x.area_name === 'Published total')!;
    expect(published.g_non_opiate_only).toBe(57);
    expect(published.total).toBe(1236);
    const notes = r.notes.join('\n');
    expect(notes).toMatch(
      /East Riding of Yorkshire: its substance-group cells sum to 199, but the published total is 136/,
    );
    expect(notes).toMatch(
      /Non-opiates only: the areas' cells sum to 72, but the published total is 57/,
    );
    expect(notes).toMatch(
      /Alcohol only: the areas' cells sum to 191, but the published total is 160/,
    );
    expect(notes).toMatch(
      /Non-opiates and alcohol: the areas' cells sum to 86, but the published total is 69/,
    );
    expect(notes).not.toMatch(/Opiates: the areas/);
    expect(notes).toMatch(/All cells sum to 1,299/);
    // count columns are marked for disclosure control
    for (const key of ['g_opiate', 'g_alcohol_only', 'total', 'published_total', 'in_treatment'])
      expect(t.columns.find((c) => c.key === key)!.format).toBe('count');
  });

  it('gives the share of all in treatment (Wilson), rate per 100,000 adults and continuity of care', async () => {
    const ctx = context({
      focalArea: HULL,
      focalAreaName: 'Kingston upon Hull, City of',
      regionCode: 'E12000003',
      regionName: 'Yorkshire and The Humber',
      comparatorCodes: [HULL, NEL, NLC, ER],
    });
    const r = await runViewOn(engine, 'cjs-treatment', ctx, {});
    const share = r.indicators.find(
      (x) => x.indicator_id === 'cjs_share_of_treatment' && x.area_code === HULL,
    )!;
    const p = proportion(640, 3000, { multiplier: 100 });
    expect(share.value).toBeCloseTo(p.value!, 12);
    expect(share.lower_95).toBeCloseTo(p.lower!, 12);
    expect(share.upper_95).toBeCloseTo(p.upper!, 12);
    const nel = r.indicators.find(
      (x) => x.indicator_id === 'cjs_share_of_treatment' && x.area_code === NEL,
    )!;
    expect(nel.value).toBeCloseTo(25.7, 12);
    // adults 18+: 2/5 of 15-19 + 20-24 + 90+ = 4,000 + 20,000 + 5,000
    const rate = r.indicators.find(
      (x) => x.indicator_id === 'cjs_treatment_rate' && x.area_code === HULL,
    )!;
    const c = crudeRate(640, 29000);
    expect(rate.denominator).toBeCloseTo(29000, 9);
    expect(rate.value).toBeCloseTo(c.value!, 9);
    expect(rate.lower_95).toBeCloseTo(c.lower!, 9);
    expect(r.notes.join(' ')).toMatch(/2\/5 of the 15-19 band/);
    const coc = r.indicators.find(
      (x) => x.indicator_id === 'continuity_of_care' && x.area_code === HULL,
    )!;
    const q = proportion(40, 100, { multiplier: 100 });
    expect(coc.period).toBe('2020/21');
    expect(coc.value).toBeCloseTo(40, 12);
    expect(coc.lower_95).toBeCloseTo(q.lower!, 12);
    expect(coc.upper_95).toBeCloseTo(q.upper!, 12);
    expect(coc.polarity).toBe('high_is_good');
    expect(r.charts.length).toBe(2);
    const stacked = JSON.stringify(r.charts[0].spec);
    expect(stacked).toContain('"stack":"zero"');
    expect(r.charts[0].description).toMatch(
      /Kingston upon Hull, City of: 640 people, most in opiates \(514/,
    );
    const cocSpec = JSON.stringify(r.charts[1].spec);
    expect(cocSpec).toContain('National ambition 75%');
    expect(r.charts[1].description).toMatch(/40\.0%.*below the 75% ambition/);
  });

  it('reads published_total repeated on each row as the area total (synthetic-generator layout)', async () => {
    await exec(
      engine,
      `CREATE TABLE cjs_area_layout AS SELECT * FROM cjs_treatment`,
      `DELETE FROM cjs_treatment`,
      // Hull: pathways split; cells 10 + 5 + 7 = 22, published 22. NEL: cells 9 + 4 = 13, published 20.
      `INSERT INTO cjs_treatment VALUES
        ('${HULL}', '2022/23', 'opiate', 10, 'probation', 22), ('${HULL}', '2022/23', 'opiate', 5, 'prison_release', 22),
        ('${HULL}', '2022/23', 'alcohol_only', 7, 'probation', 22),
        ('${NEL}', '2022/23', 'opiate', 9, 'probation', 20), ('${NEL}', '2022/23', 'non_opiate_only', 4, 'court_order_drr_atr', 20)`,
    );
    try {
      const ctx = context({
        focalArea: HULL,
        focalAreaName: 'Kingston upon Hull, City of',
        regionCode: 'E12000003',
        comparatorCodes: [HULL, NEL],
      });
      const r = await runViewOn(engine, 'cjs-treatment', ctx, {});
      const hull = r.tables[0].rows.find((x) => x.area_code === HULL)!;
      expect(hull.g_opiate).toBe(15);
      expect(hull.total).toBe(22);
      expect(hull.published_total).toBe(22);
      expect(hull.total_check).toBe('matches');
      const nel = r.tables[0].rows.find((x) => x.area_code === NEL)!;
      expect(nel.total).toBe(13);
      expect(nel.published_total).toBe(20);
      expect(r.notes.join('\n')).toMatch(
        /North East Lincolnshire: its substance-group cells sum to 13, but the published total is 20/,
      );
      expect(r.notes.join('\n')).not.toMatch(/Opiates: the areas/);
    } finally {
      await exec(
        engine,
        `DELETE FROM cjs_treatment`,
        `INSERT INTO cjs_treatment SELECT * FROM cjs_area_layout`,
        `DROP TABLE cjs_area_layout`,
      );
    }
  });
});
