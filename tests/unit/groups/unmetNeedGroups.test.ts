/**
 * Unmet need for an area group through the real DuckDB-WASM engine on the synthetic demo data:
 * Humberside's opiate estimate, its 95% limits and numbers in treatment summed over the four
 * members and unmet need recomputed from the sums with the prevalence-interval method; a member
 * without an estimate makes the group's figure not calculated, naming it; counted from
 * record-level episodes, the group's people in treatment are its distinct clients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { buildViewEnvironment, resolveViewContext, runView } from '../../../src/lib/views';
import { unmetNeed } from '../../../src/lib/stats';
import { exec } from '../views/helpers';
import { HUMBERSIDE, MEMBERS, register } from './fixtures';

describe('unmet need for an area group (synthetic demo data)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    const prev = await register(engine, 'datasets/synthetic/prevalence.csv', 'un_prev.csv');
    const tr = await register(engine, 'datasets/synthetic/treatment.csv', 'un_tr.csv');
    const areas = await register(engine, 'datasets/derived_canonical_areas_2023.csv', 'un_a.csv');
    await exec(
      engine,
      'DROP TABLE IF EXISTS prevalence',
      'DROP TABLE IF EXISTS treatment',
      'DROP TABLE IF EXISTS treatment_episodes',
      'DROP TABLE IF EXISTS areas',
      `CREATE TABLE areas AS SELECT * FROM read_csv('${areas}', header = true, all_varchar = true)`,
      `CREATE TABLE prevalence AS SELECT * FROM read_csv('${prev}', header = true)`,
      `CREATE TABLE treatment AS SELECT * FROM read_csv('${tr}', header = true)`,
    );
  });

  it("sums the members' estimates, limits and counts and recomputes unmet need (group focal)", async () => {
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('unmet-need', ctx, { measure: 'opiate' });
    const g = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === HUMBERSIDE.code,
    )!;
    const label = g.period;
    const prevPeriod = label.split(' ')[0];
    const trPeriod = /treatment (\S+)\)/.exec(label)?.[1] ?? prevPeriod;
    const p = (
      await engine.query(
        `SELECT sum(estimate) AS e, sum(lower) AS l, sum(upper) AS u, count(*) AS n FROM prevalence
         WHERE measure = 'opiate' AND CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS})`,
        [prevPeriod],
      )
    ).toRows()[0];
    const t = (
      await engine.query(
        `SELECT sum(in_treatment) AS t, count(*) AS n FROM treatment
         WHERE substance_group = 'opiate' AND CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS})`,
        [trPeriod],
      )
    ).toRows()[0];
    expect(Number(p.n)).toBe(4);
    expect(Number(t.n)).toBe(4);
    const want = unmetNeed({
      estimate: Number(p.e),
      estimateLower: Number(p.l),
      estimateUpper: Number(p.u),
      inTreatment: Number(t.t),
    });
    expect(g.denominator).toBe(Number(p.e));
    expect(g.count).toBe(Number(p.e) - Number(t.t));
    expect(g.value).toBeCloseTo(want.value!, 12);
    expect(g.lower_95).toBeCloseTo(want.lower!, 12);
    expect(g.upper_95).toBeCloseTo(want.upper!, 12);
    expect(r.notes.join(' ')).toMatch(
      /Humberside \(group of 4.*limits summed as published, which is conservative/,
    );
    expect(r.notes.join(' ')).not.toMatch(/does not yet sum/);
  });

  it('from record-level episodes, a client treated in two members counts once for the group', async () => {
    // Client A was treated in Hull and then in the East Riding: one person in Humberside, though
    // each member counts them (the members' sum would say 4 people, the group has 3).
    await exec(
      engine,
      'ALTER TABLE treatment RENAME TO treatment_aside',
      `CREATE TABLE treatment_episodes AS SELECT * FROM (VALUES
         ('A', 'E06000010', DATE '2022-05-01', DATE '2022-08-01', 'heroin', 30),
         ('A', 'E06000011', DATE '2022-09-01', NULL, 'heroin;crack', 30),
         ('B', 'E06000012', DATE '2022-06-01', NULL, 'methadone', 41),
         ('C', 'E06000013', DATE '2022-07-01', NULL, 'heroin', 52),
         ('D', 'E06000010', DATE '2022-07-01', NULL, 'alcohol', 35)
       ) AS t(client_id, area_code, start_date, discharge_date, substances, age)`,
    );
    try {
      const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
      const opiate = async (focalArea: string) => {
        const ctx = resolveViewContext(env, { focalArea, comparator: 'region' });
        const r = await runView('unmet-need', ctx, { measure: 'opiate' });
        const row = r.indicators.find(
          (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === ctx.focalArea,
        )!;
        return { r, row, inTreatment: Number(row.denominator) - Number(row.count) };
      };
      // Each member counts its own clients: Hull 1 (A), East Riding 1 (A), the others 1 each.
      const each = [];
      for (const m of HUMBERSIDE.members) each.push((await opiate(m)).inTreatment);
      expect(each).toEqual([1, 1, 1, 1]);
      const { r, row: g, inTreatment } = await opiate('Humberside');
      expect(inTreatment).toBe(3);
      expect(g.value).not.toBeNull();
      expect(r.notes.join(' ')).toMatch(
        /Humberside \(group of 4.*distinct clients: a client treated in two members counts once/,
      );
    } finally {
      await exec(
        engine,
        'DROP TABLE treatment_episodes',
        'ALTER TABLE treatment_aside RENAME TO treatment',
      );
    }
  });

  it('a member without an estimate: the group is not calculated, naming it', async () => {
    await exec(
      engine,
      `DELETE FROM prevalence WHERE area_code = 'E06000013' AND measure = 'opiate'`,
    );
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const ctx = resolveViewContext(env, { focalArea: 'Humberside', comparator: 'region' });
    const r = await runView('unmet-need', ctx, { measure: 'opiate' });
    const g = r.indicators.find(
      (x) => x.indicator_id === 'unmet_need_opiate' && x.area_code === HUMBERSIDE.code,
    )!;
    expect(g.value).toBeNull();
    expect(g.note).toMatch(/not calculated: no prevalence estimate for North Lincolnshire/);
  });
});
