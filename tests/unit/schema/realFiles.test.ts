/** The real public files, all loaded together as an analyst would, then checked. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { checkTable } from '../../../src/lib/schema/checks';
import { buildViewEnvironment, comparatorCodesFor } from '../../../src/lib/views/context';
import { dropCanonical, hasData, loadRaw } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

const files: [string, string, Record<string, number>][] = [
  [
    'derived_england_ltla_utla_region_lookup_2023plus.csv',
    'ltla-utla-region-lookup',
    { areas: 327 },
  ],
  ['ons_drug_deaths_by_la_3yr_asr_2001_2021.csv', 'ons-drug-deaths-3yr-asr', { deaths: 42636 }],
  ['ons_mye2021_england_la_sex_5yr_band_long.csv', 'ons-mye-5yr-long', { population: 19893 }],
  [
    'ons_mye2019_la_sex_single_year_age_wide.csv',
    'ons-mye-single-year-wide',
    { population: 24282 },
  ],
  [
    'derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
    'dfe-statistical-neighbours-long',
    { comparator_groups: 1560 },
  ],
];

describe('real public files load with no questions and are checked', () => {
  it.each(files.filter(([f]) => hasData(f)))('%s', async (file, format, added) => {
    const raw = await loadRaw(engine, file);
    const p = await recogniseTable(engine, raw, file);
    expect(p.knownFormat).toBe(format);
    expect((await applyMapping(engine, raw, p)).rowsAdded).toEqual(added);
  });

  it('the views the app already has work on the loaded areas', async () => {
    const { areas } = await buildViewEnvironment(engine);
    const utlas = areas.upperTier;
    expect(utlas).toHaveLength(153);
    expect(utlas.find((a) => a.code === 'E06000031')).toMatchObject({
      name: 'Peterborough',
      regionCode: 'E12000006',
    });
    const region = comparatorCodesFor(areas, 'E06000031', 'region', []);
    expect(region).toHaveLength(11); // East of England UTLAs
    const neighbours = comparatorCodesFor(areas, 'E06000031', 'neighbours', []);
    expect(neighbours).toHaveLength(11);
  });

  it.skipIf(!hasData('ons_mye2019_la_sex_single_year_age_wide.csv'))(
    'single-year ages are summed into ESP2013 bands',
    async () => {
      const r = (
        await engine.query(
          `SELECT population FROM population WHERE area_code = 'E06000031' AND year = 2019 AND sex = 'Persons' AND age_band = '90+'`,
        )
      ).toRows();
      expect(r).toHaveLength(1);
      const bands = (
        await engine.query(`SELECT count(DISTINCT age_band) AS n FROM population WHERE year = 2019`)
      ).toRows();
      expect(bands[0].n).toBe(19);
    },
  );

  it('reports what a JSNA analyst needs to know about the deaths table', async () => {
    const findings = await checkTable(engine, 'deaths');
    const by = Object.fromEntries(findings.map((f) => [f.check, f]));
    expect(by['missing-values'].count).toBe(697);
    expect(by['retired-area-codes'].examples[0]).toEqual({ code: 'E07000026', rows: 114 });
    // Metropolitan counties and Welsh areas are not in the English areas table.
    expect(by['unknown-area-codes'].examples[0]).toEqual({ code: 'E11000001', rows: 114 });
    // A real inconsistency in the source: Rhondda Cynon Taf 2001-03 Persons 3, Males 28, Females 4.
    expect(by['total-disagrees'].examples[0]).toMatchObject({
      area_code: 'W06000016',
      period: '2001-03',
      persons: 3,
      male: 28,
      female: 4,
    });
    expect(by['duplicate-keys']).toBeUndefined();
  });
});
