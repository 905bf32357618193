/**
 * The CLI's mapping functions (src/lib/ingest/fileMapping.ts, used by scripts/view.ts) in Node on
 * the real engine: the real ONS workbook alone gives the published drug deaths figures through the
 * view; the wide Humberside CJS table goes into cjs_treatment with its totals checked; a mapping
 * saved as JSON replays to the same rows; the MYE workbook and the raw DfE neighbours CSV load
 * with no questions.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { dropAll, runViewOn } from '../views/helpers';
import { loadFileAsRaw, mapRaw, type MapOptions } from '../../../src/lib/ingest/fileMapping';
import { parseMapping, serialiseMapping } from '../../../src/lib/schema/mapping';
import type { Engine } from '../../../src/lib/engine/types';

const DIR = 'tests/fixtures/workbooks';
let n = 0;

async function loadAndMap(engine: Engine, name: string, options: MapOptions = {}) {
  const loaded = await loadFileAsRaw(
    engine,
    name,
    new Uint8Array(readFileSync(`${DIR}/${name}`)),
    ++n,
    options.sheet,
  );
  const out = [];
  for (const l of loaded) out.push(await mapRaw(engine, l, options));
  return out;
}

const rows = async (engine: Engine, sql: string) => (await engine.query(sql)).toRows();

describe('files mapped from the command line', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await testEngine();
    await dropAll(engine);
  });

  it('the ONS drug misuse deaths workbook alone gives the published Peterborough figures in the drug deaths view', async () => {
    const results = await loadAndMap(engine, 'ons_drug_poisoning_misuse_deaths_by_la_2021reg.xlsx');
    expect(results.map((r) => r.mapped)).toEqual([true, true]);
    expect(results.map((r) => r.mapping?.knownFormat)).toEqual([
      'ons-drug-deaths-annual',
      'ons-drug-deaths-3yr-asr',
    ]);
    const result = await runViewOn(
      engine,
      'drug-deaths',
      { latestPeriod: '2015-17' },
      { source: 'published' },
    );
    const row = result.indicators.find(
      (r) => r.area_code === 'E06000031' && r.period === '2015-17' && r.sex === 'Persons',
    );
    expect(row).toMatchObject({ count: 30, value: 5, lower_95: 3.4, upper_95: 7.2 });
    // England 2019-21, as the bulletin: 8,361 deaths, 5.1 (5.0 to 5.2).
    const england = await rows(
      engine,
      `SELECT deaths, published_rate, published_lower_95, published_upper_95 FROM deaths
       WHERE area_code = 'E92000001' AND period = '2019-21' AND measure = 'drug_misuse' AND sex = 'Persons'`,
    );
    expect(england).toEqual([
      { deaths: 8361, published_rate: 5.1, published_lower_95: 5, published_upper_95: 5.2 },
    ]);
  });

  it('a wide report table goes into cjs_treatment with --as and --set, its totals checked against the cells', async () => {
    const [r] = await loadAndMap(engine, 'humberside_cjs_wide_2020q2.csv', {
      as: 'cjs_treatment',
      set: { period: '2020 Q2' },
    });
    expect(r.result?.rowsAdded).toEqual({ cjs_treatment: 20 });
    expect(r.line).toMatch(
      /NEL \(E06000012\), NLC \(E06000013\), Hull \(E06000010\), East Riding \(E06000011\) are areas/,
    );
    expect(r.line).toMatch(/row Total, column East Riding printed 136, cells add up to 199/);
    const hull = await rows(
      engine,
      `SELECT substance_group, count, published_total FROM cjs_treatment
       WHERE area_code = 'E06000010' ORDER BY substance_group`,
    );
    expect(hull).toEqual([
      { substance_group: 'alcohol_only', count: 68, published_total: 160 },
      { substance_group: 'all', count: 640, published_total: 1236 },
      { substance_group: 'non_opiate_and_alcohol', count: 35, published_total: 69 },
      { substance_group: 'non_opiate_only', count: 23, published_total: 57 },
      { substance_group: 'opiate', count: 514, published_total: 950 },
    ]);
    const view = await runViewOn(engine, 'cjs-treatment', {
      focalArea: 'E06000010',
      focalAreaName: 'Kingston upon Hull',
      comparatorCodes: ['E06000010', 'E06000011', 'E06000012', 'E06000013'],
      latestPeriod: '2020 Q2',
    });
    expect(view.notes.join(' ')).toMatch(
      /E06000011: its substance-group cells sum to 199, but the published total is 136/,
    );

    // The same mapping, saved as JSON (as the dialog saves it) and replayed, adds the same rows.
    const saved = serialiseMapping(r.mapping!);
    const before = await rows(
      engine,
      'SELECT * EXCLUDE (source_id, source_file) FROM cjs_treatment ORDER BY ALL',
    );
    await dropAll(engine);
    const [again] = await loadAndMap(engine, 'humberside_cjs_wide_2020q2.csv', {
      mapping: parseMapping(saved),
    });
    expect(again.mapped).toBe(true);
    expect(
      await rows(
        engine,
        'SELECT * EXCLUDE (source_id, source_file) FROM cjs_treatment ORDER BY ALL',
      ),
    ).toEqual(before);
  });

  it('the MYE workbook gives population by sex and age band, year from the title', async () => {
    const results = await loadAndMap(engine, 'ons_ukpopestimatesmid2021on2021geographyfinal.xlsx');
    expect(results.map((r) => r.mapping?.knownFormat)).toEqual(['ons-mye-single-year-wide']);
    const england = await rows(
      engine,
      `SELECT sex, sum(population) AS p FROM population WHERE area_code = 'E92000001' AND year = 2021
       GROUP BY sex ORDER BY sex`,
    );
    expect(england).toEqual([
      { sex: 'Female', p: 28854074 },
      { sex: 'Male', p: 27682345 },
      { sex: 'Persons', p: 56536419 },
    ]);
  });

  it('the raw wide DfE statistical neighbours CSV gives the same groups as the long derived file', async () => {
    const [r] = await loadAndMap(
      engine,
      'dfe_statistical_neighbours_childrens_services_apr2021.csv',
    );
    expect(r.mapping?.knownFormat).toBe('dfe-statistical-neighbours-wide');
    const peterborough = await rows(
      engine,
      `SELECT neighbour_code, rank, closeness FROM comparator_groups WHERE area_code = 'E06000031' ORDER BY rank`,
    );
    expect(peterborough).toHaveLength(10);
    const wide = await rows(
      engine,
      'SELECT area_code, neighbour_code, rank FROM comparator_groups ORDER BY ALL',
    );
    await dropAll(engine);
    const long = await loadFileAsRaw(
      engine,
      'derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
      new Uint8Array(
        readFileSync('datasets/derived_dfe_statistical_neighbours_long_with_ons_codes.csv'),
      ),
      ++n,
    );
    await mapRaw(engine, long[0], {});
    expect(
      await rows(
        engine,
        'SELECT area_code, neighbour_code, rank FROM comparator_groups ORDER BY ALL',
      ),
    ).toEqual(wide);
  });

  it('asks for a sheet when a workbook is not a known publication, naming its sheets', async () => {
    await expect(
      loadFileAsRaw(
        engine,
        'x.xlsx',
        new Uint8Array(
          readFileSync(`${DIR}/ons_drug_poisoning_deaths_EW_reference_tables_2021reg.xlsx`),
        ),
        ++n,
        'Nope',
      ),
    ).rejects.toThrow(/has no sheet "Nope"\. Its sheets: Contents, /);
  });
});
