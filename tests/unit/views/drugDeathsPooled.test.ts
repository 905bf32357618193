/**
 * drug-deaths pools and joins annual deaths and population in one statement when the data are in
 * the 19 ESP2013 bands as written there, and otherwise takes the general path. Both must give
 * the same result: here the same data, once with canonical band labels (one statement) and once
 * with population labels such as "85 to 89" (the general path, which normalises them), with
 * non-integer values so any change in summation order would show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { buildViewEnvironment, runView } from '../../../src/lib/views';
import { esp2013 } from '../../../src/lib/stats';
import type { Engine } from '../../../src/lib/engine/types';
import { context, dropAll, exec } from './helpers';

const BANDS = esp2013.bands19.map((b) => b.ageBand);
const AREAS = ['E06000031', 'E06000032', 'E06000033', 'E12000006', 'E92000001'];

async function load(engine: Engine, relabel: boolean): Promise<void> {
  await dropAll(engine);
  const bands = BANDS.map((b, i) => `('${b}', ${i})`).join(', ');
  const areas = AREAS.map((a, i) => `('${a}', ${i})`).join(', ');
  await exec(
    engine,
    `CREATE TABLE b AS SELECT * FROM (VALUES ${bands}) t(age_band, i)`,
    `CREATE TABLE a AS SELECT * FROM (VALUES ${areas}) t(area_code, j)`,
    // Persons rows for some areas and years only (else Male + Female), non-integer values.
    `CREATE TABLE population AS
     SELECT a.area_code, y AS year, s.sex,
            ${relabel ? `CASE b.age_band WHEN '85-89' THEN '85 to 89' WHEN '90+' THEN '90 and over' ELSE b.age_band END` : 'b.age_band'} AS age_band,
            1000.1 + 37.3 * b.i + 11.7 * a.j + 0.37 * y + (s.sex = 'Male')::INT * 3.3 AS population
     FROM a, b, range(2015, 2022) r(y), (VALUES ('Male'), ('Female'), ('Persons')) s(sex)
     WHERE s.sex <> 'Persons' OR (a.j + y) % 3 <> 0`,
    `CREATE TABLE deaths AS
     SELECT a.area_code, CAST(y AS VARCHAR) AS period, s.sex, b.age_band, m.measure,
            ((a.j * 7 + b.i * 3 + y) % 5) * 0.7 + (s.sex = 'Female')::INT * 0.1 AS deaths
     FROM a, b, range(2015, 2022) r(y), (VALUES ('Male'), ('Female'), ('Persons')) s(sex),
          (VALUES ('drug_misuse'), ('drug_poisoning')) m(measure)
     WHERE (s.sex <> 'Persons' OR (a.j + b.i + y) % 4 <> 0) AND (b.i + y) % 6 <> 0`,
    `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
    `INSERT INTO areas VALUES ('E06000031', 'Peterborough', 'UTLA', 'E12000006', 'East of England'),
       ('E06000032', 'Luton', 'UTLA', 'E12000006', 'East of England'),
       ('E06000033', 'Southend-on-Sea', 'UTLA', 'E12000006', 'East of England'),
       ('E12000006', 'East of England', 'Region', NULL, NULL), ('E92000001', 'England', 'England', NULL, NULL)`,
    `DROP TABLE a`,
    `DROP TABLE b`,
  );
}

describe('drug-deaths: one-statement pooling matches the general path', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });

  it('gives the same result for canonical and relabelled age bands', async () => {
    const ctx = context({ comparatorCodes: AREAS.slice(0, 3) });
    const options: Record<string, string>[] = [
      { source: 'age-banded' },
      { source: 'age-banded', sex: 'Male' },
      { source: 'age-banded', sex: 'Female', measure: 'drug_poisoning' },
    ];
    let statements = 0;
    const counted: Engine = {
      ...engine,
      query: (sql, params) => {
        statements++;
        return engine.query(sql, params);
      },
    };
    const run = async () => {
      const out: string[] = [];
      for (const o of options)
        out.push(
          JSON.stringify(
            await runView('drug-deaths', { ...(await buildViewEnvironment(counted)), ...ctx }, o),
          ),
        );
      return out;
    };
    await load(engine, false);
    statements = 0;
    const canonical = await run();
    const onePath = statements;
    await load(engine, true);
    statements = 0;
    const relabelled = await run();
    expect(canonical).toEqual(relabelled);
    // The relabelled data took the general path (more statements: deaths and population apart).
    expect(onePath).toBeLessThan(statements);
    const r = JSON.parse(canonical[0]);
    expect(r.indicators.length).toBeGreaterThan(0);
    expect(r.indicators.some((x: { value: number | null }) => x.value !== null)).toBe(true);
  });
});
