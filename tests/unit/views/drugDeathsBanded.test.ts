import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { VIEWS } from '../../../src/lib/views';
import { crudeRate, dsr, esp2013, proportion } from '../../../src/lib/stats';
import type { Engine } from '../../../src/lib/engine/types';
import { context, dropAll, exec, runViewOn } from './helpers';

const BANDS = esp2013.bands19.map((b) => b.ageBand);
const FOCAL = 'E06000031';
const SMALL = 'E06000032'; // 5 deaths
const TINY = 'E06000033'; // 2 deaths
const ENG = 'E92000001';

function populationSql(): string {
  const values: string[] = [];
  for (const year of [2018, 2019, 2020, 2021])
    for (const band of BANDS) {
      for (const area of [FOCAL, SMALL, TINY])
        values.push(`('${area}', ${year}, 'Persons', '${band}', 10000)`);
      values.push(
        `('${ENG}', ${year}, 'Male', '${band}', 600000)`,
        `('${ENG}', ${year}, 'Female', '${band}', 400000)`,
      );
    }
  return `INSERT INTO population VALUES ${values.join(', ')}`;
}

describe('drug-deaths from age-banded deaths and population', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE population (area_code VARCHAR, year INTEGER, sex VARCHAR, age_band VARCHAR, population DOUBLE)`,
      populationSql(),
      `CREATE TABLE deaths (area_code VARCHAR, period VARCHAR, sex VARCHAR, age_band VARCHAR, measure VARCHAR, deaths DOUBLE)`,
      // Focal: Male + Female rows only (Persons must be their sum). 25-29: 2018 1, 2019 3 (2+1), 2020 4, 2021 5; 40-44: 2019 2, 2020 1, 2021 3
      `INSERT INTO deaths VALUES
        ('${FOCAL}', '2018', 'Male', '25-29', 'drug_misuse', 1),
        ('${FOCAL}', '2019', 'Male', '25-29', 'drug_misuse', 2), ('${FOCAL}', '2019', 'Female', '25-29', 'drug_misuse', 1),
        ('${FOCAL}', '2020', 'Male', '25-29', 'drug_misuse', 4),
        ('${FOCAL}', '2021', 'Female', '25-29', 'drug_misuse', 5),
        ('${FOCAL}', '2019', 'Male', '40-44', 'drug_misuse', 2),
        ('${FOCAL}', '2020', 'Female', '40-44', 'drug_misuse', 1),
        ('${FOCAL}', '2021', 'Male', '40-44', 'drug_misuse', 3),
        ('${FOCAL}', '2021', 'Male', '40-44', 'drug_poisoning', 50),
        ('${SMALL}', '2019', 'Persons', '30-34', 'drug_misuse', 2), ('${SMALL}', '2021', 'Persons', '30-34', 'drug_misuse', 3),
        ('${TINY}', '2020', 'Persons', '30-34', 'drug_misuse', 2),
        ('${ENG}', '2019', 'Persons', '25-29', 'drug_misuse', 100), ('${ENG}', '2020', 'Persons', '25-29', 'drug_misuse', 100),
        ('${ENG}', '2021', 'Persons', '25-29', 'drug_misuse', 100), ('${ENG}', '2018', 'Persons', '25-29', 'drug_misuse', 100)`,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('${FOCAL}', 'Peterborough', 'UTLA', 'E12000006', 'East of England'), ('${SMALL}', 'Luton', 'UTLA', 'E12000006', 'East of England'),
        ('${TINY}', 'Southend-on-Sea', 'UTLA', 'E12000006', 'East of England'), ('${ENG}', 'England', 'England', NULL, NULL)`,
    );
  });

  it('pools 3 registration years and computes DSR (ESP2013, Dobson) and crude rate', async () => {
    const ctx = context({ comparatorCodes: [FOCAL, SMALL, TINY] });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'age-banded',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const asr = r.indicators.filter(
      (x) => x.indicator_id === 'drug_misuse_deaths_asr' && x.area_code === FOCAL,
    );
    expect(asr.map((x) => x.period)).toEqual(['2018-20', '2019-21']);
    const latest = asr.find((x) => x.period === '2019-21')!;
    // 25-29: 3+4+5 = 12, 40-44: 2+1+3 = 6; population 3 × 10,000 per band.
    expect(latest.count).toBe(18);
    expect(latest.denominator).toBe(19 * 30000);
    // By hand: (12·6000/30000 + 6·7000/30000) / 100000 · 100000 = 3.8
    expect(latest.value).toBeCloseTo(3.8, 12);
    const bands = esp2013.bands19.map((b) => ({
      count: b.ageBand === '25-29' ? 12 : b.ageBand === '40-44' ? 6 : 0,
      population: 30000,
      standard: b.weight,
    }));
    const expected = dsr(bands);
    expect(latest.lower_95).toBeCloseTo(expected.lower!, 12);
    expect(latest.upper_95).toBeCloseTo(expected.upper!, 12);
    expect(latest.note).toMatch(/^u: low reliability/);
    const crude = r.indicators.find(
      (x) =>
        x.indicator_id === 'drug_misuse_deaths_crude' &&
        x.area_code === FOCAL &&
        x.period === '2019-21',
    )!;
    const c = crudeRate(18, 19 * 30000);
    expect(crude.value).toBeCloseTo((18 / 570000) * 100000, 12);
    expect(crude.lower_95).toBeCloseTo(c.lower!, 12);
    expect(crude.upper_95).toBeCloseTo(c.upper!, 12);
    // 2018-20: 25-29 1+3+4 = 8, 40-44 2+1 = 3
    expect(asr.find((x) => x.period === '2018-20')!.count).toBe(11);
  });

  it('applies the ONS rules: ":" under 10 deaths, no crude rate under 3, never hidden', async () => {
    const ctx = context({ comparatorCodes: [FOCAL, SMALL, TINY] });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'age-banded',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const small = r.tables[0].rows.find((x) => x.area_code === SMALL)!;
    expect(small.deaths).toBe(5);
    expect(small.dsr).toBeNull();
    expect(small.flag).toBe(':');
    const c = crudeRate(5, 19 * 30000);
    expect(small.crude).toBeCloseTo(c.value!, 12);
    expect(small.crude_lower).toBeCloseTo(c.lower!, 12);
    const tiny = r.tables[0].rows.find((x) => x.area_code === TINY)!;
    expect(tiny.deaths).toBe(2);
    expect(tiny.crude).toBeNull();
    expect(String(tiny.note)).toMatch(/crude rate not shown/);
    expect(r.notes.some((n) => /not calculated/.test(n))).toBe(true);
    expect(r.notes.some((n) => /"u"/.test(n))).toBe(true);
  });

  it('compares with England (low is good) using the 95% CI', async () => {
    const ctx = context({ comparatorCodes: [FOCAL] });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'age-banded',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    // England 2019-21: 300 deaths in 25-29 over 3 × 1,000,000 → DSR = 300·6000/3e6 = 0.6 per 100,000
    const eng = r.indicators.find(
      (x) =>
        x.indicator_id === 'drug_misuse_deaths_asr' &&
        x.area_code === ENG &&
        x.period === '2019-21',
    )!;
    expect(eng.value).toBeCloseTo(0.6, 12);
    const focal = r.tables[0].rows.find((x) => x.area_code === FOCAL)!;
    expect(focal.vs_england).toBe('Worse');
    expect(r.charts[0].description).toMatch(/Peterborough 3\.8 per 100,000/);
    expect(r.charts[0].description).toMatch(/higher than England 0\.6 \(Worse\)/);
    expect(r.methodNote).toMatch(/ESP2013/);
  });

  it('sums the region from its authorities only when the table has all of them, none suppressed', async () => {
    const run = () =>
      runViewOn(engine, 'drug-deaths', context({ comparatorCodes: [FOCAL] }), {
        source: 'age-banded',
        measure: 'drug_misuse',
        sex: 'Persons',
      });
    const regionDeaths = (r: Awaited<ReturnType<typeof run>>) =>
      r.tables[0].rows.find((x) => x.area_code === 'E12000006')?.deaths ?? null;
    // All three authorities of the region are in the table: their deaths are summed (2019-21:
    // focal 12 + 6, Luton 5, Southend 2).
    const all = await run();
    expect(regionDeaths(all)).toBe(25);
    expect(all.notes.join(' ')).toMatch(/deaths were summed from its upper-tier local authorities/);
    // A fourth authority of the region with no rows at all: the region is not that sum.
    await exec(
      engine,
      `INSERT INTO areas VALUES ('E06000034', 'Thurrock', 'UTLA', 'E12000006', 'East of England')`,
    );
    const partial = await run();
    expect(regionDeaths(partial)).toBeNull();
    expect(partial.notes.join(' ')).toMatch(
      /covers only 3 of its 4 upper-tier authorities: East of England's rate is not calculated/,
    );
    await exec(engine, `DELETE FROM areas WHERE area_code = 'E06000034'`);
    // A suppressed count among them: not calculated either (it is not a zero).
    await exec(
      engine,
      `UPDATE deaths SET deaths = NULL WHERE area_code = '${SMALL}' AND period = '2019'`,
    );
    const suppressed = await run();
    expect(regionDeaths(suppressed)).toBeNull();
    expect(suppressed.notes.join(' ')).toMatch(/deaths are suppressed \(2019\)/);
    await exec(
      engine,
      `UPDATE deaths SET deaths = 2 WHERE area_code = '${SMALL}' AND period = '2019'`,
    );
  });

  it("an area's suppressed age-band count: its pooled periods are not calculated, not read as zero", async () => {
    await exec(
      engine,
      `UPDATE deaths SET deaths = NULL WHERE area_code = '${FOCAL}' AND period = '2020' AND age_band = '25-29'`,
    );
    try {
      const r = await runViewOn(engine, 'drug-deaths', context({ comparatorCodes: [FOCAL] }), {
        source: 'age-banded',
        measure: 'drug_misuse',
        sex: 'Persons',
      });
      const at = (period: string) =>
        r.indicators.find(
          (x) =>
            x.indicator_id === 'drug_misuse_deaths_asr' &&
            x.area_code === FOCAL &&
            x.period === period,
        );
      for (const period of ['2018-20', '2019-21']) {
        expect(at(period)?.value, period).toBeNull();
        expect(at(period)?.note, period).toMatch(
          /not calculated: a suppressed count in its age bands \(2020\)/,
        );
      }
      const latest = r.tables[0].rows.find((x) => x.area_code === FOCAL)!;
      expect(latest.deaths).toBeNull();
      expect(latest.dsr).toBeNull();
    } finally {
      await exec(
        engine,
        `UPDATE deaths SET deaths = 4 WHERE area_code = '${FOCAL}' AND period = '2020' AND age_band = '25-29'`,
      );
    }
  });

  it('computes rates from death records aggregated first, with the share known to treatment', async () => {
    await exec(
      engine,
      `DROP TABLE IF EXISTS death_records`,
      `CREATE TABLE death_records (date_of_death DATE, date_of_registration DATE, area_code VARCHAR, age INTEGER, sex VARCHAR, substances VARCHAR, known_to_treatment BOOLEAN, synthetic BOOLEAN)`,
    );
    // Focal 2019-21: ages 27 (25-29) ×12 and 41 (40-44) ×6 as above, 7 known to treatment; plus 2 paracetamol-only deaths (poisoning, not misuse).
    const rows: string[] = [];
    const add = (
      year: number,
      age: number,
      n: number,
      known: number,
      substances = 'heroin;alcohol',
    ) => {
      for (let i = 0; i < n; i++)
        rows.push(
          `('${year}-01-10', '${year}-03-01', '${FOCAL}', ${age}, 'Male', '${substances}', ${i < known}, true)`,
        );
    };
    add(2019, 27, 3, 1);
    add(2020, 27, 4, 2);
    add(2021, 27, 5, 2);
    add(2019, 41, 2, 1);
    add(2020, 41, 1, 0);
    add(2021, 41, 3, 1, 'cocaine');
    add(2020, 50, 2, 0, 'paracetamol');
    add(2018, 27, 1, 1);
    await engine.query(`INSERT INTO death_records VALUES ${rows.join(', ')}`);
    const ctx = context({ comparatorCodes: [FOCAL] });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'records',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const latest = r.indicators.find(
      (x) =>
        x.indicator_id === 'drug_misuse_deaths_asr' &&
        x.area_code === FOCAL &&
        x.period === '2019-21',
    )!;
    expect(latest.count).toBe(18);
    expect(latest.value).toBeCloseTo(3.8, 12);
    const known = r.indicators.find(
      (x) => x.indicator_id === 'drug_misuse_deaths_known_to_treatment' && x.period === '2019-21',
    )!;
    const p = proportion(7, 18, { multiplier: 100 });
    expect(known.count).toBe(7);
    expect(known.denominator).toBe(18);
    expect(known.value).toBeCloseTo(p.value!, 12);
    expect(known.lower_95).toBeCloseTo(p.lower!, 12);
    expect(known.upper_95).toBeCloseTo(p.upper!, 12);
    expect(r.synthetic).toBe(true);
    expect(latest.synthetic).toBe(true);
    const poisoning = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'records',
      measure: 'drug_poisoning',
      sex: 'Persons',
    });
    expect(
      poisoning.indicators.find(
        (x) => x.indicator_id === 'drug_poisoning_deaths_asr' && x.period === '2019-21',
      )!.count,
    ).toBe(20);
  });
});
