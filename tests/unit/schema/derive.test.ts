import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { deriveCjsTreatment, deriveDeaths, deriveTreatment } from '../../../src/lib/schema/derive';
import { checkTable } from '../../../src/lib/schema/checks';
import { dropCanonical, loadRaw, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

const table = async (sql: string) =>
  (await rows(engine, sql)).map((r) => Object.values(r).join(' '));

describe('record-level tables load and derive aggregates with hand-checked counts', () => {
  it('treatment_episodes: canonical headers (with the synthetic flag) load with no questions', async () => {
    const raw = await loadRaw(engine, 'treatment_episodes_small.csv');
    const p = await recogniseTable(engine, raw, 'treatment_episodes_small.csv');
    expect(p).toMatchObject({
      canonical: 'treatment_episodes',
      knownFormat: 'canonical-columns',
      confidence: 1,
    });
    const r = await applyMapping(engine, raw, p);
    expect(r.rowsAdded).toEqual({ treatment_episodes: 8 });
    const sexes = await table('SELECT DISTINCT sex FROM treatment_episodes ORDER BY 1');
    expect(sexes).toEqual(['Female', 'Male']);
    const [c3] = await rows(engine, `SELECT * FROM treatment_episodes WHERE client_id = 'C3'`);
    expect(c3).toMatchObject({
      discharge_date: null,
      synthetic: true,
      referral_source: 'Criminal justice',
    });
    expect(await checkTable(engine, 'treatment_episodes')).toEqual([]);
  });

  it('treatment: people counted once per financial year open, by the NDTMS hierarchy', async () => {
    const r = await deriveTreatment(engine);
    expect(r.rowsAdded).toBe(13);
    expect(r.notes[0]).toMatch(/1 episode cite/);
    expect(
      await table(
        `SELECT period, area_code, substance_group, in_treatment FROM treatment ORDER BY 1, 2, 3`,
      ),
    ).toEqual([
      '2020/21 E06000010 alcohol_only 1', // C2
      '2020/21 E06000010 all 3',
      '2020/21 E06000010 non_opiate_and_alcohol 1', // C3 cocaine + alcohol
      '2020/21 E06000010 opiate 1', // C1 heroin + crack: any opiate wins
      '2020/21 E06000011 all 2',
      '2020/21 E06000011 non_opiate_and_alcohol 1', // C5: alcohol episode + cannabis episode, one person
      '2020/21 E06000011 opiate 1', // C6 from 31 March 2021
      '2021/22 E06000010 all 3',
      '2021/22 E06000010 non_opiate_and_alcohol 1', // C3 still open
      '2021/22 E06000010 non_opiate_only 1', // C4
      '2021/22 E06000010 opiate 1', // C1 until June 2021
      '2021/22 E06000011 all 2', // C6 and C7 (nicotine only: no group)
      '2021/22 E06000011 opiate 1',
    ]);
    const [s] = await rows(engine, 'SELECT bool_and(synthetic) AS s FROM treatment');
    expect(s.s).toBe(true);
    // The unclassified person makes "all" larger than the groups: reported, not hidden.
    const findings = await checkTable(engine, 'treatment');
    expect(findings.map((f) => [f.check, f.count])).toEqual([['total-disagrees', 1]]);
  });

  it('cjs_treatment: only criminal-justice referrals', async () => {
    const r = await deriveCjsTreatment(engine);
    expect(r.rowsAdded).toBe(9);
    expect(
      await table(
        `SELECT period, area_code, substance_group, count FROM cjs_treatment ORDER BY 1, 2, 3`,
      ),
    ).toEqual([
      '2020/21 E06000010 all 1',
      '2020/21 E06000010 non_opiate_and_alcohol 1',
      '2020/21 E06000011 all 1',
      '2020/21 E06000011 opiate 1',
      '2021/22 E06000010 all 2',
      '2021/22 E06000010 non_opiate_and_alcohol 1',
      '2021/22 E06000010 non_opiate_only 1',
      '2021/22 E06000011 all 1',
      '2021/22 E06000011 opiate 1',
    ]);
  });

  it('death_records -> deaths: registration-year 3-year pooling, ESP2013 bands, Persons', async () => {
    const raw = await loadRaw(engine, 'death_records_small.csv');
    const p = await recogniseTable(engine, raw, 'death_records_small.csv');
    expect(p).toMatchObject({ canonical: 'death_records', knownFormat: 'canonical-columns' });
    expect((await applyMapping(engine, raw, p)).rowsAdded).toEqual({ death_records: 6 });
    expect(
      await table('SELECT known_to_treatment, count(*) FROM death_records GROUP BY 1 ORDER BY 1'),
    ).toEqual(['false 3', 'true 3']);
    const r = await deriveDeaths(engine);
    expect(r.rowsAdded).toBe(16);
    expect(
      await table(
        `SELECT area_code, sex, age_band, deaths FROM deaths WHERE period = '2019-21' ORDER BY 1, 2, 3`,
      ),
    ).toEqual([
      'E06000010 Female 35-39 1',
      'E06000010 Female All ages 1',
      'E06000010 Male 30-34 1',
      'E06000010 Male 35-39 1',
      'E06000010 Male 40-44 1',
      'E06000010 Male 90+ 1',
      'E06000010 Male All ages 4',
      'E06000010 Persons 30-34 1',
      'E06000010 Persons 35-39 2',
      'E06000010 Persons 40-44 1',
      'E06000010 Persons 90+ 1',
      'E06000010 Persons All ages 5',
      'E06000011 Female 20-24 1',
      'E06000011 Female All ages 1',
      'E06000011 Persons 20-24 1',
      'E06000011 Persons All ages 1',
    ]);
    expect(await checkTable(engine, 'deaths')).toEqual([]);
  });

  it('death_records -> deaths by single registration year', async () => {
    await engine.query('DELETE FROM deaths');
    const r = await deriveDeaths(engine, { pooling: 1, measure: 'drug_misuse' });
    expect(
      await table(
        `SELECT period, count(*) FILTER (age_band = 'All ages' AND sex = 'Persons') FROM deaths GROUP BY 1 ORDER BY 1`,
      ),
    ).toEqual(['2019 1', '2020 1', '2021 2']);
    expect(
      await table(
        `SELECT period, area_code, deaths FROM deaths WHERE sex = 'Persons' AND age_band = 'All ages' ORDER BY 1, 2`,
      ),
    ).toEqual(['2019 E06000010 3', '2020 E06000010 1', '2021 E06000010 1', '2021 E06000011 1']);
    expect(r.notes.join(' ')).toMatch(/single years/);
  });
});
