/**
 * CJS-referred treatment for an area group through the real DuckDB-WASM engine on the synthetic
 * demo data: Humberside's substance-group counts, all adults in treatment and adults 18+ summed
 * over the four members; share (Wilson) and rate per 100,000 (Byar's) recomputed from the sums;
 * a suppressed member makes the group not calculated, naming it. Continuity of care summed for
 * the group, England and the region only when every member has both counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { buildViewEnvironment, resolveViewContext, runView } from '../../../src/lib/views';
import { crudeRate, proportion } from '../../../src/lib/stats';
import { exec } from '../views/helpers';
import { HUMBERSIDE, MEMBERS, tablesFromFiles } from './fixtures';

describe('CJS treatment for an area group (synthetic demo data)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await exec(engine, 'DROP TABLE IF EXISTS continuity_of_care');
    await tablesFromFiles(
      engine,
      {
        areas: 'datasets/derived_canonical_areas_2023.csv',
        cjs_treatment: 'datasets/synthetic/cjs_treatment.csv',
        treatment: 'datasets/synthetic/treatment.csv',
        population: 'datasets/derived_canonical_population_la2023_2019_2021.csv',
      },
      'cj',
    );
  });

  it("sums the members' cells, in-treatment and adults and recomputes share and rate", async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('cjs-treatment', ctx, {});
    const row = r.tables[0].rows.find((x) => x.area_code === HUMBERSIDE.code)!;
    const period = String(r.tables[0].caption).split(', ').at(-1)!;
    const sums = (
      await engine.query(
        `SELECT sum(count) AS c, count(DISTINCT area_code) AS n FROM cjs_treatment
         WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS}) AND lower(substance_group) NOT IN ('all', 'total')`,
        [period],
      )
    ).toRows()[0];
    expect(Number(sums.n)).toBe(4);
    const total = Number(sums.c);
    expect(row.total).toBe(total);
    const t = (
      await engine.query(
        `SELECT sum(in_treatment) AS t FROM treatment
         WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS}) AND lower(substance_group) IN ('all', 'total')`,
        [period],
      )
    ).toRows()[0];
    expect(row.in_treatment).toBe(Number(t.t));
    const share = proportion(total, Number(t.t), { multiplier: 100 });
    expect(row.share_pct).toBeCloseTo(share.value!, 12);
    expect(row.share_lower).toBeCloseTo(share.lower!, 12);
    expect(row.share_upper).toBeCloseTo(share.upper!, 12);
    // Adults: the members' own figures from a run with the members shown one by one.
    const each = await runView(
      'cjs-treatment',
      resolveViewContext(env, {
        focalArea: 'E06000010',
        comparator: 'custom',
        customComparators: HUMBERSIDE.members,
      }),
      {},
    );
    const adults = HUMBERSIDE.members
      .map((m) => Number(each.tables[0].rows.find((x) => x.area_code === m)!.adult_population))
      .reduce((s, v) => s + v, 0);
    expect(adults).toBeGreaterThan(0);
    expect(row.adult_population).toBe(adults);
    const rate = crudeRate(total, adults);
    expect(row.rate).toBeCloseTo(rate.value!, 12);
    expect(row.rate_lower).toBeCloseTo(rate.lower!, 12);
    expect(row.rate_upper).toBeCloseTo(rate.upper!, 12);
    expect(r.notes.join(' ')).toMatch(/Humberside \(group of 4.*recomputed from the sums/);
    expect(r.notes.join(' ')).not.toMatch(/does not yet sum/);
  });

  it('a suppressed member cell: the group is not calculated, naming it', async () => {
    await exec(
      engine,
      `UPDATE cjs_treatment SET count = NULL WHERE area_code = 'E06000012' AND substance_group = 'opiate'`,
    );
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('cjs-treatment', ctx, {});
    const row = r.tables[0].rows.find((x) => x.area_code === HUMBERSIDE.code)!;
    expect(row.total).toBeNull();
    expect(row.share_pct).toBeNull();
    expect(row.rate).toBeNull();
    expect(r.notes.join(' ')).toMatch(
      /Humberside: not calculated for the group: suppressed or missing for North East Lincolnshire/,
    );
  });
});

describe('continuity of care for an area group, England and the region (synthetic demo data)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await tablesFromFiles(
      engine,
      {
        areas: 'datasets/derived_canonical_areas_2023.csv',
        cjs_treatment: 'datasets/synthetic/cjs_treatment.csv',
        continuity_of_care: 'datasets/synthetic/continuity_of_care.csv',
      },
      'cc',
    );
  });

  const continuity = async (focalArea: string) => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const r = await runView(
      'cjs-treatment',
      resolveViewContext(env, { focalArea, comparator: 'region' }),
      {},
    );
    const table = r.tables.find((t) => /^Continuity of care/.test(String(t.caption)))!;
    const period = /, (\S+) \(national ambition/.exec(String(table.caption))![1];
    return { r, rows: table.rows, period, sourceSums: table.sourceSums ?? [] };
  };

  it("sums the members' releases and engagements and recomputes the percentage (Wilson)", async () => {
    const { r, rows, period, sourceSums } = await continuity('Humberside');
    const sums = (
      await engine.query(
        `SELECT sum(released_with_need) AS r, sum(engaged_within_3_weeks) AS e, count(*) AS n
         FROM continuity_of_care WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS})`,
        [period],
      )
    ).toRows()[0];
    expect(Number(sums.n)).toBe(4);
    const row = rows.find((x) => x.area_code === HUMBERSIDE.code)!;
    expect(row.released_with_need).toBe(Number(sums.r));
    expect(row.engaged_within_3_weeks).toBe(Number(sums.e));
    const p = proportion(Number(sums.e), Number(sums.r), { multiplier: 100 });
    expect(row.continuity_pct).toBeCloseTo(p.value!, 12);
    expect(row.continuity_lower).toBeCloseTo(p.lower!, 12);
    expect(row.continuity_upper).toBeCloseTo(p.upper!, 12);
    expect(row.note).toBe('');
    expect(r.notes.join(' ')).toMatch(
      /Humberside \(group of 4.*Continuity of care: people released/,
    );
    // Declared as the members' sum: disclosure control decides the row from the members alone.
    const declared = sourceSums.find((x) => rows[x.row] === row)!;
    expect(declared.sourceRows.map((x) => x.area_code)).toEqual(HUMBERSIDE.members);
  });

  it('a member with a suppressed count: the group is not calculated, naming it', async () => {
    await exec(
      engine,
      `UPDATE continuity_of_care SET engaged_within_3_weeks = NULL WHERE area_code = 'E06000012'`,
    );
    const { rows } = await continuity('Humberside');
    const row = rows.find((x) => x.area_code === HUMBERSIDE.code)!;
    expect(row.continuity_pct).toBeNull();
    expect(row.note).toBe(
      'not calculated: a suppressed count for North East Lincolnshire (a member of Humberside)',
    );
  });

  it('England and the region summed only when every authority has both counts', async () => {
    // North East Lincolnshire's count is still suppressed (previous test): leaving it out
    // would set its releases against nobody engaged, and the region's share would be too low.
    const { rows } = await continuity('E06000010');
    const england = rows.find((x) => x.area_code === 'E92000001')!;
    const region = rows.find((x) => x.role === 'Region')!;
    expect(england.continuity_pct).toBeNull();
    expect(england.note).toBe(
      'not calculated: a suppressed count for 1 of its 153 local authorities',
    );
    expect(region.note).toMatch(
      /^not calculated: a suppressed count for 1 of its \d+ local authorities$/,
    );
    await exec(engine, `DELETE FROM continuity_of_care WHERE area_code = 'E06000012'`);
    const after = await continuity('E06000010');
    expect(after.rows.find((x) => x.area_code === 'E92000001')!.note).toBe(
      'not calculated: continuity of care rows for only 152 of its 153 local authorities',
    );
  });
});
