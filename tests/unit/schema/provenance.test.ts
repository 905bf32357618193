/**
 * Provenance through the real Node engine: each canonical row records its file, real rows replace
 * synthetic rows for the area and period they cover (and give them back when removed), two real
 * sources for one key are refused naming both files, and removal is exact everywhere.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { deriveCjsTreatment, refreshDerived } from '../../../src/lib/schema/derive';
import {
  SourceConflictError,
  describeKeys,
  dropProvenanceStores,
  overridesFor,
  syntheticKeysFor,
  overrideNote,
  readProvenance,
  removeSource,
} from '../../../src/lib/schema/provenance';
import { dropCanonical, loadRaw, rows } from './helpers';

let engine: Engine;

beforeEach(async () => {
  engine ??= await testEngine();
  await dropCanonical(engine);
  await dropProvenanceStores(engine);
});

const SYNTHETIC_CJS = `area_code,period,substance_group,count,cjs_pathway,published_total,synthetic
E06000010,2022/23,opiate,7,police_custody,30,true
E06000010,2022/23,opiate,12,probation,30,true
E06000010,2022/23,alcohol_only,11,probation,30,true
E06000010,2021/22,opiate,9,probation,9,true
E06000031,2022/23,opiate,5,probation,5,true
`;
/** A user's own table for Hull 2022/23: no pathways, its own counts. */
const HULL_CJS = `area_code,period,substance_group,count
E06000010,2022/23,opiate,514
E06000010,2022/23,non_opiate_only,120
E06000010,2022/23,alcohol_only,6
`;

async function load(fileName: string, content: string): Promise<string> {
  const raw = await loadRaw(engine, fileName, content);
  const proposal = await recogniseTable(engine, raw, fileName);
  await applyMapping(engine, raw, proposal, { id: raw, fileName });
  return raw;
}

/** What the views read: the CJS cells summed over pathways, per area, period and group. */
async function cells(): Promise<string[]> {
  return (
    await rows(
      engine,
      `SELECT area_code, period, substance_group, sum(count) AS n FROM cjs_treatment
       GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => `${r.area_code} ${r.period} ${r.substance_group} ${r.n}`);
}

const BEFORE = [
  'E06000010 2021/22 opiate 9',
  'E06000010 2022/23 alcohol_only 11',
  'E06000010 2022/23 opiate 19',
  'E06000031 2022/23 opiate 5',
];

describe('provenance of canonical rows', () => {
  it('every row records its file and load; the provenance columns are not contract columns', async () => {
    const raw = await load('synthetic_cjs_treatment.csv', SYNTHETIC_CJS);
    const r = await rows(
      engine,
      `SELECT DISTINCT source_file, source_id FROM cjs_treatment ORDER BY ALL`,
    );
    expect(r).toEqual([{ source_file: 'synthetic_cjs_treatment.csv', source_id: raw }]);
    const { canonicalTable } = await import('../../../src/lib/schema/tables');
    expect(canonicalTable('cjs_treatment').columns.map((c) => c.name)).not.toContain('source_file');
    const [registered] = await rows(engine, `SELECT * FROM __sources`);
    expect(JSON.parse(String(registered.mapping))).toMatchObject({ canonical: 'cjs_treatment' });
  });

  it('real rows replace the synthetic rows of the area and period they cover, never add to them', async () => {
    await load('synthetic_cjs_treatment.csv', SYNTHETIC_CJS);
    expect(await cells()).toEqual(BEFORE);
    const hull = await load('hull_cjs.csv', HULL_CJS);
    expect(await cells()).toEqual([
      'E06000010 2021/22 opiate 9',
      'E06000010 2022/23 alcohol_only 6',
      'E06000010 2022/23 non_opiate_only 120',
      'E06000010 2022/23 opiate 514',
      'E06000031 2022/23 opiate 5',
    ]);
    const p = await readProvenance(engine);
    expect(p.overrides).toEqual([
      {
        table: 'cjs_treatment',
        key: { area_code: 'E06000010', period: '2022/23' },
        bySourceId: hull,
        byFile: 'hull_cjs.csv',
        bySynthetic: false,
        syntheticFiles: ['synthetic_cjs_treatment.csv'],
        rows: 3,
      },
    ]);
    expect(
      overrideNote(p.overrides[0], (c) => (c === 'E06000010' ? 'Kingston upon Hull' : c)),
    ).toBe(
      'Kingston upon Hull 2022/23: hull_cjs.csv replaces the synthetic rows (synthetic_cjs_treatment.csv).',
    );
    // Which areas and periods are still synthetic (for the SYNTHETIC banner).
    expect(p.syntheticKeys.cjs_treatment).toEqual([
      { area_code: 'E06000010', period: '2021/22' },
      { area_code: 'E06000031', period: '2022/23' },
    ]);
    // What one view showing Hull (and Peterborough) in 2022/23 reads.
    expect(overridesFor(p, 'cjs_treatment', ['E06000010'], '2022/23')).toHaveLength(1);
    expect(overridesFor(p, 'cjs_treatment', ['E06000031'], '2022/23')).toEqual([]);
    expect(syntheticKeysFor(p, 'cjs_treatment', ['E06000010'], '2022/23')).toEqual([]);
    expect(
      describeKeys(syntheticKeysFor(p, 'cjs_treatment', ['E06000010', 'E06000031']), (c) =>
        c === 'E06000031' ? 'Peterborough' : c,
      ),
    ).toBe('E06000010 2021/22; Peterborough 2022/23');
    expect(
      p.sources
        .filter((s) => s.table === 'cjs_treatment')
        .map((s) => [s.fileName, s.rows, s.rowsSuperseded, s.synthetic]),
    ).toEqual([
      ['hull_cjs.csv', 3, 0, false],
      ['synthetic_cjs_treatment.csv', 2, 3, true],
    ]);
  });

  it('synthetic rows loaded after real ones are set aside where the real ones cover them', async () => {
    await load('hull_cjs.csv', HULL_CJS);
    await load('synthetic_cjs_treatment.csv', SYNTHETIC_CJS);
    expect(await cells()).toContain('E06000010 2022/23 opiate 514');
    expect(await cells()).not.toContain('E06000010 2022/23 opiate 533');
    expect((await readProvenance(engine)).overrides).toHaveLength(1);
  });

  it('removing the real file removes exactly its rows and brings the synthetic ones back', async () => {
    const synthetic = await load('synthetic_cjs_treatment.csv', SYNTHETIC_CJS);
    const hull = await load('hull_cjs.csv', HULL_CJS);
    const r = await removeSource(engine, hull);
    expect(r).toEqual({ removed: { cjs_treatment: 3 }, restored: { cjs_treatment: 3 } });
    expect(await cells()).toEqual(BEFORE);
    expect((await readProvenance(engine)).overrides).toEqual([]);
    // And the synthetic file, with the rows it had set aside.
    await load('hull_cjs.csv', HULL_CJS);
    await removeSource(engine, synthetic);
    expect(await cells()).toEqual([
      'E06000010 2022/23 alcohol_only 6',
      'E06000010 2022/23 non_opiate_only 120',
      'E06000010 2022/23 opiate 514',
    ]);
    expect(await rows(engine, `SELECT count(*) AS n FROM __superseded_cjs_treatment`)).toEqual([
      { n: 0 },
    ]);
  });

  it('two real sources for one area and period are refused, naming both files; nothing of the second is added', async () => {
    await load('hull_cjs.csv', HULL_CJS);
    const raw = await loadRaw(engine, 'hull_cjs_again.csv', HULL_CJS.replace('514', '600'));
    const proposal = await recogniseTable(engine, raw, 'hull_cjs_again.csv');
    const attempt = applyMapping(engine, raw, proposal, {
      id: raw,
      fileName: 'hull_cjs_again.csv',
    });
    await expect(attempt).rejects.toBeInstanceOf(SourceConflictError);
    await expect(attempt).rejects.toThrow(
      /Nothing was added to cjs_treatment: hull_cjs_again\.csv and hull_cjs\.csv both give real rows for the same area_code, period \(E06000010 2022\/23\)/,
    );
    expect(await cells()).toEqual([
      'E06000010 2022/23 alcohol_only 6',
      'E06000010 2022/23 non_opiate_only 120',
      'E06000010 2022/23 opiate 514',
    ]);
    expect(await rows(engine, `SELECT count(*) AS n FROM __sources`)).toEqual([{ n: 1 }]);
  });

  it('newer synthetic rows replace older ones for the keys they give (never summed), and give them back', async () => {
    const demo = await load('synthetic_cjs_treatment.csv', SYNTHETIC_CJS);
    const training = await load(
      'SYNTHETIC_cjs_treatment_seed7.csv',
      `area_code,period,substance_group,count,synthetic\nE06000010,2022/23,opiate,1,true\n`,
    );
    expect(await cells()).toEqual([
      'E06000010 2021/22 opiate 9',
      'E06000010 2022/23 opiate 1',
      'E06000031 2022/23 opiate 5',
    ]);
    const p = await readProvenance(engine);
    expect(p.overrides.map((o) => [o.bySourceId, o.bySynthetic, o.rows])).toEqual([
      [training, true, 3],
    ]);
    expect(overrideNote(p.overrides[0])).toBe(
      'E06000010 2022/23: SYNTHETIC_cjs_treatment_seed7.csv replaces the rows of synthetic_cjs_treatment.csv (both synthetic).',
    );
    // A real file over both: the views read it alone; removed, the newest synthetic is back.
    const hull = await load('hull_cjs.csv', HULL_CJS);
    expect(await cells()).toContain('E06000010 2022/23 opiate 514');
    expect((await cells()).filter((c) => c.startsWith('E06000010 2022/23'))).toHaveLength(3);
    await removeSource(engine, hull);
    expect(await cells()).toContain('E06000010 2022/23 opiate 1');
    expect(await cells()).not.toContain('E06000010 2022/23 opiate 19');
    await removeSource(engine, training);
    expect(await cells()).toEqual(BEFORE);
    await removeSource(engine, demo);
    expect(await cells()).toEqual([]);
  });

  it('a file feeding two tables is removed from both; indicator rows it loaded go with it', async () => {
    const fingertips = `Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note
93495,Common mental disorders,E06000010,Kingston upon Hull,UA,Persons,16+ yrs,2017,20.1,18,22,,,
93495,Common mental disorders,E06000031,Peterborough,UA,Persons,16+ yrs,2017,18.2,16,20,,,
`;
    const raw = await load('fingertips.csv', fingertips);
    await rows(
      engine,
      `INSERT INTO indicators (indicator_id, indicator_name, area_code, area_name, period, value) VALUES ('x', 'saved', 'E06000010', 'Hull', '2022/23', 1)`,
    );
    expect(await rows(engine, `SELECT count(*) AS n FROM indicators`)).toEqual([{ n: 3 }]);
    const r = await removeSource(engine, raw);
    expect(r.removed).toEqual({ indicators: 2 });
    expect(await rows(engine, `SELECT indicator_id FROM indicators`)).toEqual([
      { indicator_id: 'x' },
    ]);
  });

  it('derived rows are one source: counted again (not appended) and recounted after a removal', async () => {
    const header =
      'client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason';
    const a = await load(
      'episodes_a.csv',
      `${header}\nA1,E06000010,30,Male,heroin,Probation,2022-05-01,,\nA2,E06000010,40,Female,alcohol,Probation,2022-06-01,,\n`,
    );
    await load('episodes_b.csv', `${header}\nB1,E06000010,35,Male,crack,Police,2022-07-01,,\n`);
    await deriveCjsTreatment(engine);
    await deriveCjsTreatment(engine); // twice: replaces, never doubles
    const count = async () =>
      (
        await rows(
          engine,
          `SELECT substance_group, count FROM cjs_treatment WHERE period = '2022/23' ORDER BY 1`,
        )
      ).map((r) => `${r.substance_group} ${r.count}`);
    expect(await count()).toEqual(['alcohol_only 1', 'all 3', 'non_opiate_only 1', 'opiate 1']);
    const [src] = await rows(engine, `SELECT DISTINCT source_file FROM cjs_treatment`);
    expect(src.source_file).toBe(
      'counted from treatment_episodes (episodes_a.csv, episodes_b.csv)',
    );
    await removeSource(engine, a);
    await refreshDerived(engine, 'treatment_episodes');
    expect(await count()).toEqual(['all 1', 'non_opiate_only 1']);
  });
});
