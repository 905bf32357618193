import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { VIEWS } from '../../../src/lib/views';
import type { Engine } from '../../../src/lib/engine/types';
import { context, runViewOn } from './helpers';

const ONS = '/work/shared/data/public/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv';

describe('drug-deaths, published ONS rates (real file)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    const path = await engine.registerFile('ons_drug_deaths_test.csv', {
      kind: 'bytes',
      bytes: new Uint8Array(readFileSync(ONS)),
    });
    await engine.query(`DROP TABLE IF EXISTS deaths`);
    await engine.query(
      `CREATE TABLE deaths AS
       SELECT area_code, area_name, CAST(period AS VARCHAR) AS period,
              CASE sex WHEN 'Males' THEN 'Male' WHEN 'Females' THEN 'Female' ELSE sex END AS sex,
              'All ages' AS age_band, measure, CAST(deaths AS DOUBLE) AS deaths,
              CAST(asr_per_100k AS DOUBLE) AS published_rate, CAST(lcl95 AS DOUBLE) AS published_lower_95,
              CAST(ucl95 AS DOUBLE) AS published_upper_95, CAST(rate_flag AS VARCHAR) AS published_flag
       FROM read_csv('${path}', header = true, nullstr = [':', ''], all_varchar = true)`,
    );
  });

  it('gives Peterborough drug misuse 2015-17: 30 deaths, 5.0 (3.4-7.2) per 100,000, similar to England 4.3', async () => {
    const ctx = context({
      comparatorCodes: ['E06000031', 'E10000003', 'E07000030'],
      latestPeriod: '2015-17',
    });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'published',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const row = r.indicators.find((x) => x.area_code === 'E06000031' && x.period === '2015-17')!;
    expect(row.count).toBe(30);
    expect(row.value).toBe(5);
    expect(row.lower_95).toBe(3.4);
    expect(row.upper_95).toBe(7.2);
    expect(row.unit).toBe('per 100,000');
    expect(row.polarity).toBe('low_is_good');
    const eng = r.indicators.find((x) => x.area_code === 'E92000001' && x.period === '2015-17')!;
    expect(eng.value).toBe(4.3);
    expect(eng.count).toBe(6996);
    expect(eng.area_name).toBe('England');
    // Cambridgeshire 67, 3.6
    const cambs = r.indicators.find((x) => x.area_code === 'E10000003' && x.period === '2015-17')!;
    expect(cambs.count).toBe(67);
    expect(cambs.value).toBe(3.6);
    // the latest-period table: focal vs England similar (4.3 inside 3.4-7.2)
    const t = r.tables[0].rows.find((x) => x.area_code === 'E06000031')!;
    expect(t.vs_england).toBe('Similar');
    expect(t.period).toBe('2015-17');
    // Eden: 8 deaths, not calculated, shown with ":" (not hidden)
    const eden = r.tables[0].rows.find((x) => x.area_code === 'E07000030')!;
    expect(eden.deaths).toBe(8);
    expect(eden.dsr).toBeNull();
    expect(eden.flag).toBe(':');
    expect(String(eden.note)).toMatch(/not calculated/);
    expect(r.notes.join(' ')).toMatch(/not calculated/);
    expect(r.synthetic).toBe(false);
    expect(r.charts.length).toBe(2);
    expect(r.charts[0].description).toMatch(/Peterborough 5\.0 per 100,000/);
    expect(r.charts[0].description).toMatch(/England 4\.3/);
    expect(JSON.stringify(r.charts[0].spec)).not.toMatch(/"url"/);
  });

  it('flags "u" (low reliability) under 20 deaths and keeps the trend', async () => {
    const ctx = context({ comparatorCodes: ['E06000031'] });
    const r = await runViewOn(engine, 'drug-deaths', ctx, {
      source: 'published',
      measure: 'drug_misuse',
      sex: 'Persons',
    });
    const p = r.indicators.filter((x) => x.area_code === 'E06000031');
    expect(p.length).toBe(19);
    const u = p.find((x) => x.period === '2005-07')!;
    expect(u.count).toBe(18);
    expect(u.value).toBe(3.3);
    expect(u.note).toMatch(/^u: low reliability/);
    const trend = r.tables[1].rows;
    expect(trend[0].period).toBe('2001-03');
    expect(trend[trend.length - 1].period).toBe('2019-21');
    expect(trend.find((x) => x.period === '2005-07')!.flag).toBe('u');
    // default latest period is 2019-21
    expect(r.tables[0].rows[0].period).toBe('2019-21');
  });

  it('shows males separately', async () => {
    const r = await runViewOn(engine, 'drug-deaths', context(), {
      source: 'published',
      measure: 'drug_poisoning',
      sex: 'Male',
    });
    expect(r.indicators.every((x) => x.sex === 'Male')).toBe(true);
    expect(r.indicators.length).toBeGreaterThan(0);
  });
});
