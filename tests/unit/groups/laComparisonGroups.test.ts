/**
 * Compare areas for an area group through the real DuckDB-WASM engine: Humberside's common
 * mental disorders prevalence from the real Fingertips export (counts and denominators of its
 * four members summed, Wilson recomputed), a rate per 100,000 (Byar's), a suppressed member and a
 * member with only a published rate (not calculated, named), the group as focal and as a row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { buildViewEnvironment, resolveViewContext, runView } from '../../../src/lib/views';
import { crudeRate, proportion } from '../../../src/lib/stats';
import { exec } from '../views/helpers';
import { HUMBERSIDE, MEMBERS, register } from './fixtures';

describe('Compare areas for an area group (real Fingertips export)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    const ft = await register(
      engine,
      'datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv',
      'lac_ft.csv',
    );
    const areas = await register(
      engine,
      'datasets/derived_canonical_areas_2023.csv',
      'lac_areas.csv',
    );
    await exec(
      engine,
      'DROP TABLE IF EXISTS indicators',
      'DROP TABLE IF EXISTS areas',
      `CREATE TABLE areas AS SELECT * FROM read_csv('${areas}', header = true, all_varchar = true)`,
      `CREATE TABLE indicators AS
       SELECT CAST("Indicator ID" AS VARCHAR) AS indicator_id, "Indicator Name" AS indicator_name,
              "Area Code" AS area_code, "Area Name" AS area_name, CAST("Time period" AS VARCHAR) AS period,
              Sex AS sex, Age AS age, CAST(Value AS DOUBLE) AS value,
              CAST("Lower CI 95.0 limit" AS DOUBLE) AS lower_95, CAST("Upper CI 95.0 limit" AS DOUBLE) AS upper_95,
              CAST(Count AS DOUBLE) AS count, CAST(Denominator AS DOUBLE) AS denominator,
              '%' AS unit, 'low_is_good' AS polarity, '' AS method
       FROM read_csv('${ft}', header = true, all_varchar = true)`,
      // A rate per 100,000 with counts for every member (and England), for 2022.
      `INSERT INTO indicators VALUES
         ('R1', 'Admissions', 'E92000001', 'England', '2022', 'Persons', 'All ages', 50.0, 49.0, 51.0, 28000, 56000000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000010', 'Hull', '2022', 'Persons', 'All ages', 60.0, 50.0, 70.0, 161, 268000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000011', 'East Riding', '2022', 'Persons', 'All ages', 40.0, 30.0, 50.0, 137, 342000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000012', 'NE Lincs', '2022', 'Persons', 'All ages', 55.0, 40.0, 70.0, 86, 156000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000013', 'N Lincs', '2022', 'Persons', 'All ages', 45.0, 35.0, 60.0, 77, 170000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000010', 'Hull', '2021', 'Persons', 'All ages', 58.0, 50.0, 70.0, 155, 267000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000011', 'East Riding', '2021', 'Persons', 'All ages', 41.0, 30.0, 50.0, 140, 341000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000012', 'NE Lincs', '2021', 'Persons', 'All ages', 52.0, 40.0, 70.0, 81, 156000, 'per 100,000', 'low_is_good', ''),
         ('R1', 'Admissions', 'E06000013', 'N Lincs', '2021', 'Persons', 'All ages', NULL, NULL, NULL, NULL, 170000, 'per 100,000', 'low_is_good', ''),
         ('P1', 'Published only', 'E06000010', 'Hull', '2022', 'Persons', 'All ages', 12.0, 11.0, 13.0, 120, 1000, '%', 'low_is_good', ''),
         ('P1', 'Published only', 'E06000011', 'East Riding', '2022', 'Persons', 'All ages', 10.0, 9.0, 11.0, NULL, NULL, '%', 'low_is_good', ''),
         ('P1', 'Published only', 'E06000012', 'NE Lincs', '2022', 'Persons', 'All ages', 11.0, 10.0, 12.0, 110, 1000, '%', 'low_is_good', ''),
         ('P1', 'Published only', 'E06000013', 'N Lincs', '2022', 'Persons', 'All ages', 9.0, 8.0, 10.0, 90, 1000, '%', 'low_is_good', '')`,
    );
  });

  const groupRow = (r: Awaited<ReturnType<typeof runView>>) =>
    r.indicators.find((x) => x.area_code === HUMBERSIDE.code);

  it("recomputes the group's percentage with Wilson from the members' summed counts and denominators (focal)", async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('la-comparison', ctx, { indicator: '93495', period: 'latest' });
    const sums = (
      await engine.query(
        `SELECT sum(count) AS c, sum(denominator) AS d, count(*) AS n FROM indicators
         WHERE indicator_id = '93495' AND area_code IN (${MEMBERS})`,
      )
    ).toRows()[0];
    expect(Number(sums.n)).toBe(4);
    const c = Number(sums.c);
    const d = Number(sums.d);
    expect(c).toBeCloseTo(42840.761 + 40209.308 + 23321.416 + 23372.586, 6);
    expect(d).toBe(209332 + 282793 + 128902 + 139503);
    const want = proportion(c, d, { multiplier: 100 });
    const g = groupRow(r)!;
    expect(g.count).toBeCloseTo(c, 6);
    expect(g.denominator).toBe(d);
    expect(g.value).toBeCloseTo(want.value!, 12);
    expect(g.lower_95).toBeCloseTo(want.lower!, 12);
    expect(g.upper_95).toBeCloseTo(want.upper!, 12);
    expect(g.value!.toFixed(2)).toBe('17.06');
    expect(g.method).toMatch(/Wilson/);
    // Compared with England (16.92%) as any area is.
    expect(g.note).toMatch(/compared with England: /);
    expect(r.notes.join(' ')).toMatch(/Humberside \(group of 4: Kingston upon Hull.*Wilson/);
    expect(r.notes.join(' ')).not.toMatch(/does not yet sum/);
    // The caterpillar marks the group as the focal area; its members are not comparators.
    const rows = r.tables[0].rows;
    expect(rows.find((x) => x.area_code === HUMBERSIDE.code)?.role).toMatch(/focal/i);
    expect(rows.some((x) => x.area_code === 'E06000010')).toBe(false);
    expect(r.charts[0].description).toMatch(/Humberside 17\.1/);
    // The funnel of authorities does not place the group among its own members: it marks them.
    const funnel = r.charts.find((c) => /funnel plot/.test(c.title))!;
    expect(funnel.description).toMatch(
      /Humberside is a group of areas, not placed among its own members; they are marked: Kingston upon Hull/,
    );
    const layers = (funnel.spec as { layer: { data?: { values?: Record<string, unknown>[] } }[] })
      .layer;
    const points = layers.flatMap((l) => l.data?.values ?? []).filter((p) => 'marker' in p);
    const marked = points.filter((p) => p.marker !== '').map((p) => String(p.marker));
    expect([...new Set(marked)].sort()).toEqual(
      [
        '◀ East Riding of Yorkshire (Humberside)',
        '◀ Kingston upon Hull (Humberside)',
        '◀ North East Lincolnshire (Humberside)',
        '◀ North Lincolnshire (Humberside)',
      ].sort(),
    );
  });

  it("recomputes a rate per 100,000 with Byar's limits, and a group row beside a single authority", async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, {
      focalArea: 'E06000001',
      comparator: 'custom',
      customComparators: [HUMBERSIDE.code, 'E06000002'],
    });
    const r = await runView('la-comparison', ctx, { indicator: 'R1', period: '2022' });
    const g = groupRow(r)!;
    const count = 161 + 137 + 86 + 77;
    const pop = 268000 + 342000 + 156000 + 170000;
    const want = crudeRate(count, pop);
    expect(want.method).toBe('byars');
    expect(g.count).toBe(count);
    expect(g.denominator).toBe(pop);
    expect(g.value).toBeCloseTo((count / pop) * 100000, 12);
    expect(g.lower_95).toBeCloseTo(want.lower!, 12);
    expect(g.upper_95).toBeCloseTo(want.upper!, 12);
    expect(g.area_name).toBe('Humberside');
  });

  it('a suppressed member makes the group not calculated, naming it', async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    // Hull has a value in 2021 (so 2021 is shown); the group beside it has none.
    const ctx = resolveViewContext(env, {
      focalArea: 'E06000010',
      comparator: 'custom',
      customComparators: [HUMBERSIDE.code],
    });
    const r = await runView('la-comparison', ctx, { indicator: 'R1', period: '2021' });
    const g = groupRow(r)!;
    expect(g.value).toBeNull();
    expect(g.count).toBeNull();
    expect(g.note).toMatch(
      /not calculated for the group: suppressed or missing for North Lincolnshire/,
    );
  });

  it('a member with only a published rate: not calculated, never averaged', async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('la-comparison', ctx, { indicator: 'P1', period: '2022' });
    const g = groupRow(r)!;
    expect(g.value).toBeNull();
    expect(g.note).toMatch(/not calculated: only published rates for East Riding of Yorkshire/);
  });
});
