/**
 * Drug deaths for an area group through the real DuckDB-WASM engine: the published ONS file
 * (Humberside's deaths summed, crude rate recomputed from the summed population), and
 * age-banded deaths (DSR from summed bands; a member without data → not calculated).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import type { AreaGroup } from '../../../src/lib/domain/areas';
import { buildViewEnvironment, resolveViewContext, runView } from '../../../src/lib/views';
import { crudeRate, dsr, esp2013 } from '../../../src/lib/stats';
import { exec } from '../views/helpers';
import { HUMBERSIDE, register } from './fixtures';

describe('drug deaths for an area group, published ONS rates (real files)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    const ons = await register(
      engine,
      'datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
      'g_ons.csv',
    );
    const pop = await register(
      engine,
      'datasets/derived_canonical_population_la2023_2019_2021.csv',
      'g_pop.csv',
    );
    const areas = await register(
      engine,
      'datasets/derived_canonical_areas_2023.csv',
      'g_areas.csv',
    );
    await exec(
      engine,
      'DROP TABLE IF EXISTS deaths',
      'DROP TABLE IF EXISTS population',
      'DROP TABLE IF EXISTS areas',
      `CREATE TABLE deaths AS
       SELECT area_code, area_name, CAST(period AS VARCHAR) AS period, sex, 'All ages' AS age_band, measure,
              CAST(deaths AS DOUBLE) AS deaths, CAST(asr_per_100k AS DOUBLE) AS published_rate,
              CAST(lcl95 AS DOUBLE) AS published_lower_95, CAST(ucl95 AS DOUBLE) AS published_upper_95,
              CAST(rate_flag AS VARCHAR) AS published_flag
       FROM read_csv('${ons}', header = true, nullstr = [':', ''], all_varchar = true)`,
      `CREATE TABLE population AS SELECT * FROM read_csv('${pop}', header = true)`,
      `CREATE TABLE areas AS SELECT * FROM read_csv('${areas}', header = true, all_varchar = true)`,
    );
  });

  it("sums the four members' published deaths in every 3-year period and recomputes a crude rate with Byar's limits", async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    expect(ctx.focalGroup).toEqual(HUMBERSIDE);
    expect(ctx.regionCode).toBe('E12000003');
    expect(ctx.comparatorCodes[0]).toBe('GROUP:Humberside');
    expect(ctx.comparatorCodes).not.toContain('E06000010');
    const r = await runView('drug-deaths', ctx, {
      source: 'published',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const expected = (
      await engine.query(
        `SELECT period, sum(deaths) AS deaths, count(*) AS n FROM deaths
         WHERE measure = 'drug_misuse' AND sex = 'Persons' AND area_code IN ('E06000010','E06000011','E06000012','E06000013')
           AND regexp_full_match(period, '[0-9]{4}-[0-9]{2}') GROUP BY period ORDER BY period`,
      )
    ).toRows();
    expect(expected.length).toBe(19); // 2001-03 … 2019-21
    const asr = r.indicators.filter(
      (x) => x.area_code === 'GROUP:Humberside' && x.indicator_id === 'drug_misuse_deaths_asr',
    );
    for (const e of expected) {
      expect(Number(e.n)).toBe(4);
      const row = asr.find((x) => x.period === e.period)!;
      expect(row.count, String(e.period)).toBe(e.deaths);
      // Published rates are never averaged: the group has no age-standardised rate, and says why.
      expect(row.value).toBeNull();
      expect(row.note).toMatch(/no age-standardised rate for a group/);
    }
    const y2019 = asr.find((x) => x.period === '2019-21')!;
    expect(y2019.count).toBe(57 + 25 + 17 + 16);
    const popRows = (
      await engine.query(
        `SELECT sum(population) AS p FROM population WHERE sex = 'Persons' AND year BETWEEN 2019 AND 2021
           AND area_code IN ('E06000010','E06000011','E06000012','E06000013')`,
      )
    ).toRows();
    const population = Number(popRows[0].p);
    const crude = r.indicators.find(
      (x) =>
        x.area_code === 'GROUP:Humberside' &&
        x.indicator_id === 'drug_misuse_deaths_crude' &&
        x.period === '2019-21',
    )!;
    const want = crudeRate(115, population);
    expect(want.method).toBe('byars');
    expect(crude.denominator).toBe(population);
    expect(crude.value).toBeCloseTo((115 / population) * 100000, 10);
    expect(crude.value).toBeCloseTo(want.value!, 12);
    expect(crude.lower_95).toBeCloseTo(want.lower!, 12);
    expect(crude.upper_95).toBeCloseTo(want.upper!, 12);
    expect(crude.value!.toFixed(1)).toBe('4.1');
    // Periods before the population table starts: deaths summed, crude rate not calculated (why).
    const early = asr.find((x) => x.period === '2015-17')!;
    expect(early.count).toBe(Number(expected.find((e) => e.period === '2015-17')!.deaths));
    expect(early.note).toMatch(/no population for 2015/);
    expect(r.notes[0]).toMatch(
      /^Humberside \(group of 4: Kingston upon Hull.*North Lincolnshire\) — deaths summed.*Byar's/,
    );
    // The chart descriptions say what the group has, and why it has no DSR.
    expect(r.charts.map((c) => c.description).join(' ')).toMatch(
      /Humberside 2019-21: 115 deaths, crude rate 4\.1 per 100,000 \(95% CI 3\.4–4\.9\); no age-standardised rate for a group/,
    );
    // The latest table shows the group's summed deaths and recomputed crude rate.
    const latest = r.tables[0];
    expect(latest.columns.map((c) => c.key)).toContain('crude');
    // Individual authorities keep their published rates (nothing else changes).
    const hull = r.indicators.find(
      (x) =>
        x.area_code === 'E06000011' &&
        x.period === '2019-21' &&
        x.indicator_id === 'drug_misuse_deaths_asr',
    );
    expect(hull?.value).toBe(2.6);
  });

  it('shows a group as a comparator beside a single authority', async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, {
      focalArea: 'E06000031',
      comparator: 'custom',
      customComparators: ['GROUP:Humberside'],
    });
    expect(ctx.focalGroup).toBeUndefined();
    const r = await runView('drug-deaths', ctx, {
      source: 'published',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const latest = r.tables[0];
    const group = latest.rows.find((x) => x.area_code === 'GROUP:Humberside')!;
    expect(group.role).toBe('Comparator');
    expect(group.area_name).toBe('Humberside');
    expect(group.deaths).toBe(115);
    expect(Number(group.crude).toFixed(1)).toBe('4.1');
    const peterborough = latest.rows.find((x) => x.area_code === 'E06000031')!;
    expect(peterborough.dsr).toBe(4.2);
  });

  it('makes a period not calculated, naming the member, when a member has no row for it', async () => {
    await engine.query(
      `CREATE TEMP TABLE kept AS SELECT * FROM deaths WHERE area_code = 'E06000013' AND period = '2019-21'`,
    );
    await engine.query(`DELETE FROM deaths WHERE area_code = 'E06000013' AND period = '2019-21'`);
    try {
      const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
      const ctx = resolveViewContext(env, { focalArea: 'GROUP:Humberside', comparator: 'england' });
      const r = await runView('drug-deaths', ctx, {
        source: 'published',
        measure: 'drug_misuse',
        sex: 'Persons',
      });
      const row = r.indicators.find(
        (x) =>
          x.area_code === 'GROUP:Humberside' &&
          x.period === '2019-21' &&
          x.indicator_id === 'drug_misuse_deaths_asr',
      )!;
      expect(row.count).toBeNull();
      expect(row.note).toMatch(/not calculated for the group: no data for North Lincolnshire/);
    } finally {
      await engine.query(`INSERT INTO deaths SELECT * FROM kept`);
      await engine.query(`DROP TABLE kept`);
    }
  });
});

describe('drug deaths for an area group, age-banded deaths and population', () => {
  let engine: Engine;
  const bands = esp2013.bands19.map((b) => b.ageBand);
  const deathsOf = (area: number, i: number, y: number) => (i * 3 + area * 5 + y) % 4;
  const popOf = (area: number, i: number) => 5000 + 100 * i + 1000 * area;
  beforeAll(async () => {
    engine = await testEngine();
    const d: string[] = [];
    const p: string[] = [];
    for (const [area, code] of ['E06000061', 'E06000062'].entries())
      for (const y of [2017, 2018, 2019])
        bands.forEach((b, i) => {
          d.push(`('${code}', '${y}', 'Persons', '${b}', 'drug_misuse', ${deathsOf(area, i, y)})`);
          p.push(`('${code}', ${y}, 'Persons', '${b}', ${popOf(area, i)})`);
        });
    await exec(
      engine,
      'DROP TABLE IF EXISTS deaths',
      'DROP TABLE IF EXISTS population',
      'DROP TABLE IF EXISTS areas',
      'DROP TABLE IF EXISTS standard_population',
      `CREATE TABLE deaths (area_code VARCHAR, period VARCHAR, sex VARCHAR, age_band VARCHAR, measure VARCHAR, deaths DOUBLE)`,
      `INSERT INTO deaths VALUES ${d.join(', ')}`,
      `CREATE TABLE population (area_code VARCHAR, year INTEGER, sex VARCHAR, age_band VARCHAR, population DOUBLE)`,
      `INSERT INTO population VALUES ${p.join(', ')}`,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('E06000061', 'North Northamptonshire', 'UTLA', 'E12000004', 'East Midlands'),
         ('E06000062', 'West Northamptonshire', 'UTLA', 'E12000004', 'East Midlands'),
         ('E06000031', 'Peterborough', 'UTLA', 'E12000006', 'East of England')`,
    );
  });

  it('computes the DSR (Dobson) and crude rate from summed band deaths and populations', async () => {
    const group: AreaGroup = {
      code: 'GROUP:Northants',
      name: 'Northants',
      members: ['E06000061', 'E06000062'],
    };
    const env = await buildViewEnvironment(engine, [group]);
    const ctx = resolveViewContext(env, { focalArea: 'GROUP:Northants', comparator: 'region' });
    const r = await runView('drug-deaths', ctx, {
      source: 'age-banded',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const summed = bands.map((_, i) => ({
      count: [0, 1].reduce(
        (s, a) => s + [2017, 2018, 2019].reduce((t, y) => t + deathsOf(a, i, y), 0),
        0,
      ),
      population: [0, 1].reduce((s, a) => s + 3 * popOf(a, i), 0),
      standard: esp2013.bands19[i].weight,
    }));
    const deaths = summed.reduce((s, b) => s + b.count, 0);
    const population = summed.reduce((s, b) => s + b.population, 0);
    const want = dsr(summed);
    const wantCrude = crudeRate(deaths, population);
    const asr = r.indicators.find(
      (x) => x.area_code === 'GROUP:Northants' && x.indicator_id === 'drug_misuse_deaths_asr',
    )!;
    expect(asr.period).toBe('2017-19');
    expect(asr.count).toBe(deaths);
    expect(asr.denominator).toBe(population);
    expect(asr.value).toBeCloseTo(want.value!, 10);
    expect(asr.lower_95).toBeCloseTo(want.lower!, 10);
    expect(asr.upper_95).toBeCloseTo(want.upper!, 10);
    const crude = r.indicators.find(
      (x) => x.area_code === 'GROUP:Northants' && x.indicator_id === 'drug_misuse_deaths_crude',
    )!;
    expect(crude.value).toBeCloseTo(wantCrude.value!, 10);
    expect(r.notes[0]).toMatch(
      /Northants \(group of 2: North Northamptonshire, West Northamptonshire\).*DSR \(Dobson/,
    );
  });

  it('a member without deaths data makes the group not calculated, with the member named', async () => {
    const group: AreaGroup = {
      code: 'GROUP:Odd',
      name: 'Odd',
      members: ['E06000061', 'E06000031'],
    };
    const env = await buildViewEnvironment(engine, [group]);
    const ctx = resolveViewContext(env, { focalArea: 'Odd', comparator: 'england' });
    // Members in two regions: England is the comparator, and the context says why.
    expect(ctx.regionCode).toBeNull();
    const r = await runView('drug-deaths', ctx, {
      source: 'age-banded',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const asr = r.indicators.find(
      (x) => x.area_code === 'GROUP:Odd' && x.indicator_id === 'drug_misuse_deaths_asr',
    )!;
    expect(asr.value).toBeNull();
    expect(asr.count).toBeNull();
    expect(asr.note).toMatch(/no data for Peterborough/);
  });
});
