import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { checkTable, type Finding } from '../../../src/lib/schema/checks';
import { sumLowerTierToUpperTier } from '../../../src/lib/schema/lowerTier';
import { dropCanonical, loadRaw, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

async function load(file: string, content?: string) {
  const raw = await loadRaw(engine, file, content);
  const proposal = await recogniseTable(engine, raw, file);
  const result = await applyMapping(engine, raw, proposal);
  return { proposal, result };
}

const byCheck = (fs: Finding[], check: Finding['check']) => fs.filter((f) => f.check === check);

describe('checks report problems in plain words and change nothing', () => {
  it('the Humberside CJS table: East Riding total 136 disagrees with its cells (199)', async () => {
    const { proposal, result } = await load('humberside_cjs_treatment_2020q2.csv');
    expect(proposal.canonical).toBe('cjs_treatment');
    expect(proposal.knownFormat).toBeUndefined();
    expect(proposal.mapping?.columns).toMatchObject({
      area_code: { column: 'Area Code' },
      period: { column: 'Period' },
      substance_group: { column: 'Substance group' },
      count: { column: 'Count' },
    });
    expect(proposal.unmapped).toEqual(['Area Name']);
    expect(result.rowsAdded).toEqual({ cjs_treatment: 20 });
    const groups = await rows(
      engine,
      `SELECT DISTINCT substance_group AS g, period FROM cjs_treatment ORDER BY 1`,
    );
    expect(groups.map((g) => g.g)).toEqual([
      'alcohol_only',
      'all',
      'non_opiate_and_alcohol',
      'non_opiate_only',
      'opiate',
    ]);
    expect(groups.every((g) => g.period === '2020/21')).toBe(true);

    const findings = await checkTable(engine, 'cjs_treatment');
    expect(findings).toHaveLength(1);
    const [total] = findings;
    expect(total).toMatchObject({ check: 'total-disagrees', count: 1 });
    expect(total.message).toMatch(
      /1 total \("all" substances\) disagrees with the sum of the substance groups/,
    );
    expect(total.examples).toEqual([
      {
        area_code: 'E06000011',
        period: '2020/21',
        cjs_pathway: null,
        published_all: 136,
        sum_of_groups: 199,
      },
    ]);
    // Nothing was recomputed.
    const [er] = await rows(
      engine,
      `SELECT count FROM cjs_treatment WHERE area_code = 'E06000011' AND substance_group = 'all'`,
    );
    expect(er.count).toBe(136);
  });

  it('unknown, old and retired area codes against the areas table', async () => {
    await load('derived_england_ltla_utla_region_lookup_2023plus.csv');
    expect(await checkTable(engine, 'areas')).toEqual([]);
    await load(
      'deaths_mixed_codes.csv',
      'area_code,period,sex,measure,deaths\nW06000015,2019-21,Persons,drug misuse,60\nE10000021,2019-21,Persons,drug misuse,70\nE99999999,2019-21,Persons,drug misuse,1\nE06000031,2019-21,Persons,drug misuse,-2\nE06000031,2019-21,Persons,drug misuse,30\n',
    );
    const f = await checkTable(engine, 'deaths');
    expect(byCheck(f, 'unknown-area-codes')[0]).toMatchObject({
      count: 2,
      examples: [
        { code: 'E99999999', rows: 1 },
        { code: 'W06000015', rows: 1 },
      ],
    });
    expect(byCheck(f, 'retired-area-codes')[0]).toMatchObject({
      count: 1,
      examples: [{ code: 'E10000021', rows: 1 }],
    });
    expect(byCheck(f, 'duplicate-keys')[0]).toMatchObject({ count: 1 });
    expect(byCheck(f, 'negative-counts')[0].message).toBe('1 row has a negative deaths.');
    // Old codes only reach a table made outside the mapper (e.g. by a SQL cell): said so.
    await engine.query(
      `INSERT INTO deaths (area_code, period, sex, age_band, measure, deaths) VALUES ('E08000016', '2019-21', 'Persons', 'All ages', 'drug_misuse', 40)`,
    );
    const again = await checkTable(engine, 'deaths');
    expect(byCheck(again, 'old-area-codes')[0].message).toMatch(
      /Barnsley E08000016 is now E08000038/,
    );
    await engine.query('DROP TABLE deaths');
  });

  it('Persons not equal to Male + Female, missing (suppressed) cells, deaths above population', async () => {
    await load(
      'deaths_sex.csv',
      'area_code,period,sex,age_band,measure,deaths\nE06000031,2015-17,Persons,All ages,drug_misuse,30\nE06000031,2015-17,Males,All ages,drug_misuse,20\nE06000031,2015-17,Females,All ages,drug_misuse,9\nE06000032,2015-17,Persons,All ages,drug_misuse,*\nE06000033,2015-17,Persons,0-4,drug_misuse,500\n',
    );
    await load(
      'pop.csv',
      'area_code,year,sex,age_band,population\nE06000033,2015,Persons,0-4,400\n',
    );
    const f = await checkTable(engine, 'deaths');
    expect(byCheck(f, 'total-disagrees')[0]).toMatchObject({
      count: 1,
      examples: [{ area_code: 'E06000031', persons: 30, male: 20, female: 9 }],
    });
    expect(byCheck(f, 'missing-values')[0].message).toMatch(
      /1 row has no deaths \(a suppressed or missing cell\)/,
    );
    expect(byCheck(f, 'count-above-denominator')[0]).toMatchObject({
      count: 1,
      examples: [{ area_code: 'E06000033', deaths: 500, population: 400 }],
    });
  });

  it('treatment above the prevalence estimate; engaged above released', async () => {
    await load(
      'ndtms_treatment.csv',
      'Local Authority Code,Financial year,Substance,Number in treatment\nE06000010,2021-22,Opiate,1000\nE06000010,2021-22,Non-opiate only,200\nE06000010,2021-22,Non-opiate and alcohol,100\nE06000010,2021-22,Alcohol only,300\nE06000010,2021-22,Total,1600\n',
    );
    await load(
      'prevalence_estimates.csv',
      'Area Code,Period,Measure,Estimate,Lower,Upper,Age range\nE06000010,2021/22,Opiates,900,800,1000,15-64\nE06000010,2021/22,OCU,2500,2300,2800,15-64\n',
    );
    const t = await checkTable(engine, 'treatment');
    expect(t.map((x) => x.check)).toEqual(['count-above-denominator']);
    expect(t[0].examples).toEqual([
      {
        area_code: 'E06000010',
        period: '2021/22',
        substance_group: 'opiate',
        in_treatment: 1000,
        measure: 'opiate',
        estimate: 900,
      },
    ]);
    const { proposal } = await load(
      'continuity_of_care.csv',
      'LA code,Year,Released with need,Engaged within 3 weeks\nE06000010,2021/22,120,50\nE06000011,2021/22,40,45\n',
    );
    expect(proposal.canonical).toBe('continuity_of_care');
    const c = await checkTable(engine, 'continuity_of_care');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ check: 'count-above-denominator', severity: 'error', count: 1 });
  });

  it('offers, and on request makes, county rows from complete sets of district rows', async () => {
    const districts = ['E07000008', 'E07000009', 'E07000010', 'E07000011', 'E07000012'];
    const csv =
      'area_code,year,sex,age_band,population\n' +
      districts
        .map((d, i) => `${d},2021,Persons,0-4,${1000 + i}\n${d},2021,Persons,5-9,${2000 + i}`)
        .join('\n') +
      '\nE07000008,2021,Male,0-4,500\n';
    await load('districts.csv', csv);
    const f = byCheck(await checkTable(engine, 'population'), 'lower-tier-summable');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      count: 2,
      offer: { action: 'sumLowerTierToUpperTier', table: 'population' },
    });
    const r = await sumLowerTierToUpperTier(engine, 'population');
    expect(r.rowsAdded).toBe(2);
    const county = await rows(
      engine,
      `SELECT age_band, population FROM population WHERE area_code = 'E10000003' ORDER BY 1`,
    );
    expect(county).toEqual([
      { age_band: '0-4', population: 5010 },
      { age_band: '5-9', population: 10010 },
    ]);
    expect(byCheck(await checkTable(engine, 'population'), 'lower-tier-summable')).toEqual([]);
  });

  it('record-level date order', async () => {
    await load(
      'drd.csv',
      'date_of_death,date_of_registration,area_code,age,sex,substances,known_to_treatment\n2021-05-01,2021-04-01,E06000010,30,F,heroin,no\n',
    );
    const f = await checkTable(engine, 'death_records');
    expect(f.map((x) => x.check)).toEqual(['dates-out-of-order']);
  });
});
