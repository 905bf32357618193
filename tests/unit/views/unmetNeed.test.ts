import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { context, dropAll, exec, runViewOn } from './helpers';

const FOCAL = 'E06000031';
const LUTON = 'E06000032';

describe('unmet-need', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('${FOCAL}', 'Peterborough', 'UTLA', 'E12000006', 'East of England'), ('${LUTON}', 'Luton', 'UTLA', 'E12000006', 'East of England'),
        ('E12000006', 'East of England', 'Region', NULL, NULL), ('E92000001', 'England', 'England', NULL, NULL)`,
      `CREATE TABLE prevalence (area_code VARCHAR, period VARCHAR, measure VARCHAR, estimate DOUBLE, lower DOUBLE, upper DOUBLE, age_range VARCHAR, synthetic BOOLEAN)`,
      `INSERT INTO prevalence VALUES
        ('${FOCAL}', '2016/17', 'opiate', 1000, 800, 1300, '15-64', false),
        ('${FOCAL}', '2016/17', 'ocu', 1500, 1200, 1900, '15-64', false),
        ('${FOCAL}', '2016/17', 'crack', 600, 450, 800, '15-64', false),
        ('${FOCAL}', '2016/17', 'alcohol_dependence', 2000, 1600, 2500, '18+', false),
        ('${LUTON}', '2016/17', 'opiate', 800, 600, 1000, '15-64', true),
        ('E92000001', '2016/17', 'opiate', 260000, 250000, 275000, '15-64', false)`,
      `CREATE TABLE treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE)`,
      `INSERT INTO treatment VALUES
        ('${FOCAL}', '2016/17', 'opiate', 450), ('${FOCAL}', '2016/17', 'non_opiate_only', 100),
        ('${FOCAL}', '2016/17', 'non_opiate_and_alcohol', 50), ('${FOCAL}', '2016/17', 'alcohol_only', 300),
        ('${FOCAL}', '2016/17', 'all', 900),
        ('${LUTON}', '2016/17', 'opiate', 400), ('E92000001', '2016/17', 'opiate', 140000)`,
    );
  });

  const find = (rows: { indicator_id: string; area_code: string }[], id: string, area: string) =>
    rows.find((r) => r.indicator_id === id && r.area_code === area)!;

  it('computes unmet need with the prevalence-interval method for all four measures', async () => {
    const r = await runViewOn(
      engine,
      'unmet-need',
      context({ comparatorCodes: [FOCAL, LUTON] }),
      {},
    );
    const opiate = find(r.indicators, 'unmet_need_opiate', FOCAL) as (typeof r.indicators)[number];
    expect(opiate.value).toBeCloseTo(55, 12); // 100·(1000−450)/1000
    expect(opiate.lower_95).toBeCloseTo(43.75, 12); // 100·(1−450/800)
    expect(opiate.upper_95).toBeCloseTo(100 * (1 - 450 / 1300), 12);
    expect(opiate.denominator).toBe(1000);
    expect(opiate.count).toBe(550);
    expect(opiate.unit).toBe('%');
    expect(opiate.polarity).toBe('low_is_good');
    expect(opiate.age).toBe('15-64');
    const met = r.indicators.find(
      (x) => x.indicator_id === 'met_need_opiate' && x.area_code === FOCAL,
    )!;
    expect(met.value).toBeCloseTo(45, 12);
    expect(met.lower_95).toBeCloseTo(100 * (450 / 1300), 12);
    expect(met.upper_95).toBeCloseTo(56.25, 12);
    // OCU and crack: the aggregate groups have no crack-specific count, so neither is calculated.
    for (const [m, why] of [
      ['ocu', 'no OCU-specific treatment count'],
      ['crack', 'no crack-specific treatment count'],
    ]) {
      const u = find(r.indicators, `unmet_need_${m}`, FOCAL) as (typeof r.indicators)[number];
      expect(u.value).toBeNull();
      expect(u.lower_95).toBeNull();
      expect(u.count).toBeNull();
      expect(u.note).toBe(`not calculated: ${why}`);
      expect(
        (find(r.indicators, `met_need_${m}`, FOCAL) as (typeof r.indicators)[number]).value,
      ).toBeNull();
    }
    // alcohol ↔ alcohol_only + non_opiate_and_alcohol: T = 350
    const alc = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_alcohol_dependence' && x.area_code === FOCAL,
    )!;
    expect(alc.value).toBeCloseTo(82.5, 12);
    expect(alc.lower_95).toBeCloseTo(78.125, 12);
    expect(alc.upper_95).toBeCloseTo(86, 12);
    expect(alc.age).toBe('18+');
    // England from its own row
    const eng = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === 'E92000001',
    )!;
    expect(eng.value).toBeCloseTo(100 * (120000 / 260000), 12);
    // Region summed from its UTLAs: E = 1800, T = 850, no interval
    const reg = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === 'E12000006',
    )!;
    expect(reg.value).toBeCloseTo((100 * 950) / 1800, 12);
    expect(reg.lower_95).toBeNull();
    expect(reg.note).toMatch(/summed/);
    expect(r.synthetic).toBe(true);
    expect(r.methodNote).toMatch(/alcohol only \+ non-opiate and alcohol/);
    expect(r.charts.length).toBe(2); // opiates and alcohol: nothing to plot for OCU and crack
    const chart = r.charts.find((c) => c.title.includes('Opiates'))!;
    expect(chart.description).toMatch(/Peterborough 55\.0%/);
    expect(chart.description).toMatch(/higher than England 46\.2%/);
    const spec = JSON.stringify(chart.spec);
    expect(spec).toContain('focal area');
    expect(spec).toContain('#E69F00');
    const table = r.tables[0];
    expect(table.columns.find((c) => c.key === 'in_treatment')!.format).toBe('count');
  });

  it('counts clients in treatment from record-level episodes when there is no treatment table', async () => {
    await exec(
      engine,
      `DROP TABLE treatment`,
      `CREATE TABLE treatment_episodes (client_id VARCHAR, area_code VARCHAR, age INTEGER, sex VARCHAR, substances VARCHAR, referral_source VARCHAR, start_date DATE, discharge_date DATE)`,
      `INSERT INTO treatment_episodes VALUES
        ('c1', '${FOCAL}', 30, 'Male', 'heroin;crack', 'self', '2016-05-01', NULL),
        ('c1', '${FOCAL}', 30, 'Male', 'heroin', 'self', '2016-09-01', NULL),
        ('c2', '${FOCAL}', 30, 'Female', 'crack;alcohol', 'self', '2016-06-01', '2016-12-01'),
        ('c3', '${FOCAL}', 50, 'Male', 'alcohol', 'GP', '2015-06-01', '2016-06-01'),
        ('c4', '${FOCAL}', 22, 'Male', 'cannabis', 'self', '2016-11-01', NULL),
        ('c5', '${FOCAL}', 40, 'Male', 'Heroin;Alcohol', 'probation', '2016-07-01', NULL),
        ('c6', '${FOCAL}', 40, 'Male', 'heroin', 'self', '2015-01-01', '2016-01-01'),
        ('c7', '${FOCAL}', 16, 'Male', 'heroin', 'self', '2016-07-01', NULL)`,
    );
    const r = await runViewOn(engine, 'unmet-need', context({ comparatorCodes: [FOCAL] }), {});
    const table = r.tables[0].rows.filter((x) => x.area_code === FOCAL);
    const t = (s: string) => table.find((x) => String(x.substance).startsWith(s))!.in_treatment;
    expect(t('Opiates')).toBe(2); // c1, c5
    expect(t('Crack')).toBe(2); // c1, c2
    expect(t('Opiate and/or crack')).toBe(3); // c1, c2, c5
    expect(t('Alcohol')).toBe(2); // c2, c3 (c5 is opiate)
    expect(r.notes.join(' ')).toMatch(/record-level treatment episodes/);
    const opiate = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === FOCAL,
    )!;
    expect(opiate.value).toBeCloseTo(99.8, 12);
    // England's own estimate against clients counted in one of its two authorities: not the same
    // population, so not calculated.
    const england = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === 'E92000001',
    )!;
    expect(england.value).toBeNull();
    expect(england.note).toBe(
      'not calculated: treatment counts for only 1 of its 2 local authorities',
    );
  });

  it('recounts the episodes when the table changes, even when row count and dates are unchanged', async () => {
    const run = async () =>
      (
        await runViewOn(engine, 'unmet-need', context({ comparatorCodes: [FOCAL] }), {})
      ).tables[0].rows.find(
        (x) => x.area_code === FOCAL && String(x.substance).startsWith('Crack'),
      )!.in_treatment;
    expect(await run()).toBe(2);
    await exec(
      engine,
      `UPDATE treatment_episodes SET substances = 'cannabis' WHERE client_id = 'c2'`,
    );
    expect(await run()).toBe(1); // only c1 now
  });
});
