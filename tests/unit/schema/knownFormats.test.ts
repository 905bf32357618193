import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { parseMapping, serialiseMapping } from '../../../src/lib/schema/mapping';
import { dropCanonical, loadRaw, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

async function loadKnown(file: string, format: string) {
  const raw = await loadRaw(engine, file);
  const proposal = await recogniseTable(engine, raw, file);
  expect(proposal.knownFormat).toBe(format);
  expect(proposal.confidence).toBe(1);
  expect(proposal.missingRequired).toEqual([]);
  // What the notebook file keeps is plain JSON and replays the same way.
  const saved = parseMapping(serialiseMapping(proposal.mapping!));
  expect(saved).toEqual({
    version: 1,
    canonical: proposal.produces[0],
    columns: {},
    knownFormat: format,
  });
  const result = await applyMapping(engine, raw, saved);
  return { proposal, result };
}

describe('known formats load with no questions', () => {
  it('ONS drug deaths 3-year ASR table -> deaths', async () => {
    const { result } = await loadKnown(
      'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
      'ons-drug-deaths-3yr-asr',
    );
    expect(result.rowsAdded).toEqual({ deaths: 42636 });
    const [peterborough] = await rows(
      engine,
      `SELECT * FROM deaths WHERE area_code = 'E06000031' AND measure = 'drug_misuse' AND sex = 'Persons' AND period = '2015-17'`,
    );
    expect(peterborough).toMatchObject({
      area_name: 'Peterborough',
      age_band: 'All ages',
      deaths: 30,
      published_rate: 5,
      published_lower_95: 3.4,
      published_upper_95: 7.2,
      published_flag: null,
    });
    const sexes = await rows(engine, 'SELECT DISTINCT sex FROM deaths ORDER BY 1');
    expect(sexes.map((r) => r.sex)).toEqual(['Female', 'Male', 'Persons']);
    const flags = await rows(
      engine,
      'SELECT published_flag AS f, count(*) AS n FROM deaths GROUP BY 1 ORDER BY 1',
    );
    expect(flags.map((r) => r.f)).toEqual([':', 'u', null]);
    const [england] = await rows(
      engine,
      `SELECT deaths, published_rate FROM deaths WHERE area_code = 'E92000001' AND measure = 'drug_misuse' AND sex = 'Persons' AND period = '2019-21'`,
    );
    expect(england).toEqual({ deaths: 8361, published_rate: 5.1 });
    // Barnsley/Sheffield old codes are recoded, and said so.
    expect(result.notes.join('\n')).toMatch(/E08000016 for Barnsley; recoded to E08000038/);
    expect(result.notes.join('\n')).toMatch(
      /E10000006 \(Cumbria\), which no longer exists since 2023-04-01: now Cumberland/,
    );
  });

  it('ONS annual counts -> deaths with period = year', async () => {
    const { result } = await loadKnown(
      'ons_drug_deaths_by_la_annual_counts_1993_2021.csv',
      'ons-drug-deaths-annual',
    );
    expect(result.rowsAdded.deaths).toBe(21750);
    const [r] = await rows(
      engine,
      `SELECT * FROM deaths WHERE area_code = 'K04000001' AND period = '2021' AND measure = 'drug_poisoning'`,
    );
    expect(r).toMatchObject({
      deaths: 4859,
      sex: 'Persons',
      age_band: 'All ages',
      published_rate: null,
    });
  });

  it('ONS mid-year estimates (5-year bands, long) -> population', async () => {
    const { result } = await loadKnown(
      'ons_mye2019_england_la_sex_5yr_band_long.csv',
      'ons-mye-5yr-long',
    );
    expect(result.rowsAdded).toEqual({ population: 20235 });
    const [r] = await rows(
      engine,
      `SELECT * FROM population WHERE area_code = 'E92000001' AND year = 2019 AND sex = 'Persons' AND age_band = '0-4'`,
    );
    expect(r).toMatchObject({ population: 3299637 });
    const bands = await rows(engine, `SELECT DISTINCT age_band FROM population ORDER BY 1`);
    expect(bands).toHaveLength(19);
    expect(bands.map((b) => b.age_band)).toContain('90+');
  });

  it('Fingertips export -> indicators, polarity read back from Better/Worse', async () => {
    const { result, proposal } = await loadKnown(
      'fingertips_export_93495_common_mental_disorders_format_sample.csv',
      'fingertips-export',
    );
    expect(proposal.produces).toEqual(['indicators']);
    expect(result.rowsAdded).toEqual({ indicators: 704 });
    const [hartlepool] = await rows(
      engine,
      `SELECT * FROM indicators WHERE area_code = 'E06000001' AND indicator_id = '93495'`,
    );
    expect(hartlepool).toMatchObject({
      indicator_name:
        'Estimated prevalence of common mental disorders: % of population aged 16 & over',
      period: '2017',
      sex: 'Persons',
      age: '16+ yrs',
      count: 14487.876,
      denominator: 75233,
      unit: '%',
      polarity: 'low_is_good',
      note: 'Value is modelled or synthetic estimate',
      synthetic: false,
    });
    expect(hartlepool.value).toBeCloseTo(19.25734186, 8);
    expect(hartlepool.lower_95).toBeCloseTo(18.17642314, 8);
  });

  it('LTLA -> UTLA -> region lookup -> areas (one row per code)', async () => {
    const { result } = await loadKnown(
      'derived_england_ltla_utla_region_lookup_2023plus.csv',
      'ltla-utla-region-lookup',
    );
    const types = await rows(
      engine,
      'SELECT area_type, count(*) AS n, count(*) FILTER (is_ltla) AS ltla FROM areas GROUP BY 1 ORDER BY 1',
    );
    expect(types).toEqual([
      { area_type: 'England', n: 1, ltla: 0 },
      { area_type: 'LTLA', n: 164, ltla: 164 },
      { area_type: 'Region', n: 9, ltla: 0 },
      { area_type: 'UTLA', n: 153, ltla: 132 },
    ]);
    expect(result.rowsAdded.areas).toBe(327);
    const lower = await rows(
      engine,
      `SELECT count(*) AS n FROM areas WHERE area_type = 'LTLA' OR is_ltla`,
    );
    expect(lower[0].n).toBe(296);
    const [cambridge] = await rows(engine, `SELECT * FROM areas WHERE area_code = 'E07000008'`);
    expect(cambridge).toMatchObject({
      area_type: 'LTLA',
      parent_code: 'E10000003',
      region_code: 'E12000006',
    });
    const [cambs] = await rows(engine, `SELECT * FROM areas WHERE area_code = 'E10000003'`);
    expect(cambs).toMatchObject({ area_type: 'UTLA', parent_code: 'E12000006', is_ltla: false });
    const [dup] = await rows(engine, 'SELECT count(*) - count(DISTINCT area_code) AS d FROM areas');
    expect(dup.d).toBe(0);
  });

  it('DfE statistical neighbours -> comparator_groups', async () => {
    const { result } = await loadKnown(
      'derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
      'dfe-statistical-neighbours-long',
    );
    expect(result.rowsAdded.comparator_groups).toBeGreaterThan(1500);
    const first = await rows(
      engine,
      `SELECT neighbour_code, rank, source FROM comparator_groups WHERE area_code = 'E09000001' ORDER BY rank LIMIT 1`,
    );
    expect(first).toEqual([
      {
        neighbour_code: 'E09000020',
        rank: 1,
        source: "DfE statistical neighbours (children's services)",
      },
    ]);
  });

  it('ONS SDG 3.5.1 alcohol -> prevalence and treatment from one file', async () => {
    const { result, proposal } = await loadKnown(
      'ons_sdg_3-5-1_alcohol_dependence_prevalence_treatment_met_need_by_la_2010-2019.csv',
      'ons-sdg-3-5-1-alcohol',
    );
    expect(proposal.produces).toEqual(['prevalence', 'treatment']);
    expect(result.rowsAdded).toEqual({ prevalence: 1347, treatment: 1342 });
    expect(result.notes.join('\n')).toMatch(
      /68 rows left out: they have no area code .*Cornwall & Isles of Scilly/,
    );
    const [kent] = await rows(
      engine,
      `SELECT estimate FROM prevalence WHERE area_code = 'E10000016' AND period = '2018/19'`,
    );
    expect(kent.estimate).toBeGreaterThan(10000);
    expect(result.notes.join('\n')).toMatch(/1366 rows left out: they are "met need" percentages/);
    const [bd] = await rows(
      engine,
      `SELECT * FROM prevalence WHERE area_code = 'E09000002' AND period = '2010/11'`,
    );
    expect(bd).toMatchObject({ measure: 'alcohol_dependence', estimate: 2073, age_range: '18+' });
    const groups = await rows(engine, 'SELECT DISTINCT substance_group FROM treatment');
    expect(groups).toEqual([{ substance_group: 'alcohol_all' }]);
  });

  it('ESP2013 file -> standard_population (19-band scheme)', async () => {
    const { result } = await loadKnown('esp2013.csv', 'esp2013-schemes');
    expect(result.rowsAdded).toEqual({ standard_population: 19 });
    const [w] = await rows(
      engine,
      'SELECT sum(weight) AS total, count(*) FILTER (age_to IS NULL) AS open FROM standard_population',
    );
    expect(w).toEqual({ total: 100000, open: 1 });
  });
});

describe('other lookups', () => {
  it('ONS LTLA23 -> UTLA23 lookup -> areas (England only, no regions)', async () => {
    await engine.query('DROP TABLE IF EXISTS areas');
    const raw = await loadRaw(engine, 'ons_ltla23_to_utla23_lookup_EW_apr2023.csv');
    const p = await recogniseTable(engine, raw, 'lookup.csv');
    expect(p.knownFormat).toBe('ons-ltla-utla-lookup');
    const r = await applyMapping(engine, raw, p);
    expect(r.rowsAdded).toEqual({ areas: 317 });
    expect(r.notes).toEqual([
      '22 rows left out: they are Welsh authorities (the notebook covers England).',
    ]);
  });
});
