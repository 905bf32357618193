import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping, MappingError } from '../../../src/lib/schema/apply';
import { parseMapping, serialiseMapping } from '../../../src/lib/schema/mapping';
import { checkTable } from '../../../src/lib/schema/checks';
import { CANONICAL_TABLES, createTableSql } from '../../../src/lib/schema/tables';
import { dropCanonical, loadRaw, rows } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

describe('recognising files that are not a known format', () => {
  it('population from synonyms, with age bands, sexes and an old Barnsley code normalised', async () => {
    const csv =
      'Area Code,Year,Sex,Age group,Population\n' +
      'E08000016,2019,Males,Aged 0 to 4,100\nE08000016,2019,Females,00-04,90\nE08000016,2019,Persons,0 - 4,190\n' +
      'E08000016,2019,Persons,85 and over,40\n';
    const raw = await loadRaw(engine, 'mye barnsley.csv', csv);
    const p = await recogniseTable(engine, raw, 'mye barnsley.csv');
    expect(p).toMatchObject({ canonical: 'population', missingRequired: [], unmapped: [] });
    expect(p.knownFormat).toBeUndefined();
    expect(p.confidence).toBe(1);
    expect(p.mapping?.columns.age_band).toEqual({ column: 'Age group' });
    expect(p.explanation).toMatch(/age_band ← "Age group"/);
    const r = await applyMapping(engine, raw, p);
    expect(r.rowsAdded).toEqual({ population: 4 });
    expect(r.notes).toEqual([
      '4 rows used the old code E08000016 for Barnsley; recoded to E08000038 (the code in use since 2021).',
    ]);
    expect(
      (
        await rows(engine, 'SELECT area_code, sex, age_band FROM population ORDER BY population')
      ).map(Object.values),
    ).toEqual([
      ['E08000038', 'Persons', '85+'],
      ['E08000038', 'Female', '0-4'],
      ['E08000038', 'Male', '0-4'],
      ['E08000038', 'Persons', '0-4'],
    ]);
    expect(await checkTable(engine, 'population')).toEqual([]);
  });

  it('counts old and retired area codes after the rows are in when asked: the same notes', async () => {
    const csv =
      'Area Code,Year,Sex,Age group,Population\n' +
      'e08000016 ,2020,Males,0-4,100\nE08000016,2020,Females,0-4,90\nE07000097,2020,Persons,0-4,5\n';
    const raw = await loadRaw(engine, 'mye later.csv', csv);
    const p = await recogniseTable(engine, raw, 'mye later.csv');
    const now = await applyMapping(engine, raw, p, { id: 'now' });
    expect(now.areaNotes).toBeUndefined();
    expect(now.notes).toHaveLength(2);
    await engine.query(`DELETE FROM population WHERE year = 2020`);
    await engine.query(`DELETE FROM __sources WHERE source_id = 'now'`);
    const later = await applyMapping(engine, raw, p, { id: 'later' }, { areaNotesLater: true });
    expect(later.rowsAdded).toEqual(now.rowsAdded);
    expect(later.notes).toEqual([]);
    expect(await later.areaNotes?.()).toEqual(now.notes);
    await engine.query(`DELETE FROM population WHERE year = 2020`);
  });

  it('asks for what is missing; a hand-completed mapping survives JSON and loads', async () => {
    const raw = await loadRaw(
      engine,
      'drd local.csv',
      'GeoCode,Deaths,Notes\nE06000031,30,ok\nE06000032,12,\n',
    );
    const p = await recogniseTable(engine, raw, 'drd local.csv');
    expect(p.canonical).toBe('deaths');
    expect(p.missingRequired).toEqual(['period', 'measure']);
    expect(p.confidence).toBeLessThan(0.75);
    expect(p.explanation).toMatch(/Nothing in the file gives period, measure/);
    expect(p.mapping?.columns.sex).toEqual({ constant: 'Persons' });
    expect(p.mapping?.columns.age_band).toEqual({ constant: 'All ages' });
    await expect(applyMapping(engine, raw, p)).rejects.toBeInstanceOf(MappingError);
    expect(
      await rows(engine, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'deaths'`),
    ).toEqual([{ n: 0 }]);

    const edited = {
      ...p.mapping!,
      columns: {
        ...p.mapping!.columns,
        period: { constant: '2019 - 2021' },
        measure: { constant: 'Drug misuse' },
      },
    };
    const saved = serialiseMapping(edited);
    const r = await applyMapping(engine, raw, parseMapping(saved));
    expect(r.rowsAdded).toEqual({ deaths: 2 });
    expect(
      await rows(
        engine,
        'SELECT area_code, period, sex, age_band, measure, deaths FROM deaths ORDER BY 1',
      ),
    ).toEqual([
      {
        area_code: 'E06000031',
        period: '2019-21',
        sex: 'Persons',
        age_band: 'All ages',
        measure: 'drug_misuse',
        deaths: 30,
      },
      {
        area_code: 'E06000032',
        period: '2019-21',
        sex: 'Persons',
        age_band: 'All ages',
        measure: 'drug_misuse',
        deaths: 12,
      },
    ]);
    expect(() =>
      parseMapping('{"version":1,"canonical":"deaths","columns":{"nope":{"column":"x"}}}'),
    ).toThrow(/no column "nope"/);
    expect(() => parseMapping('{"version":2,"canonical":"deaths","columns":{}}')).toThrow(
      /version/,
    );
  });

  it('indicators with canonical headers (the synthetic generator) load with no questions, flag kept', async () => {
    const csv =
      'indicator_id,indicator_name,area_code,area_name,period,sex,age,value,lower_95,upper_95,count,denominator,unit,polarity,note,synthetic\n' +
      'drd_dsr,Deaths from drug misuse (DSR),E06000031,Peterborough,2019-21,Persons,All ages,5.1,3.5,7.2,30,600000,"per 100,000",low_is_good,,true\n';
    const raw = await loadRaw(engine, 'synthetic_indicators.csv', csv);
    const p = await recogniseTable(engine, raw, 'synthetic_indicators.csv');
    expect(p).toMatchObject({
      canonical: 'indicators',
      knownFormat: 'canonical-columns',
      confidence: 1,
      unmapped: [],
    });
    await applyMapping(engine, raw, p);
    const [r] = await rows(engine, 'SELECT * FROM indicators');
    expect(r).toMatchObject({
      indicator_id: 'drd_dsr',
      unit: 'per 100,000',
      polarity: 'low_is_good',
      synthetic: true,
      lower_998: null,
      value: 5.1,
    });
  });

  it('appends to a canonical table made earlier without the optional columns', async () => {
    await engine.query(
      'CREATE TABLE continuity_of_care (area_code VARCHAR, period VARCHAR, released_with_need DOUBLE, engaged_within_3_weeks DOUBLE)',
    );
    const raw = await loadRaw(
      engine,
      'coc.csv',
      'area_code,period,released_with_need,engaged_within_3_weeks,synthetic\nE06000010,2022/23,10,4,true\n',
    );
    const p = await recogniseTable(engine, raw, 'coc.csv');
    expect((await applyMapping(engine, raw, p)).rowsAdded).toEqual({ continuity_of_care: 1 });
    expect(await rows(engine, 'SELECT synthetic FROM continuity_of_care')).toEqual([
      { synthetic: true },
    ]);
  });

  it('says so when a file fits no canonical table', async () => {
    const raw = await loadRaw(engine, 'shopping.csv', 'item,price\nbread,1.2\n');
    const p = await recogniseTable(engine, raw, 'shopping.csv');
    expect(p).toMatchObject({ canonical: null, confidence: 0, mapping: null, produces: [] });
    expect(p.explanation).toMatch(/do not look like any of the canonical tables/);
  });

  it('every canonical table can be created from its description', async () => {
    for (const t of CANONICAL_TABLES) {
      await engine.query(createTableSql(t).replace(`"${t.name}"`, `"tmp_${t.name}"`));
      await engine.query(`DROP TABLE "tmp_${t.name}"`);
      expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
      expect(t.key.every((k) => t.columns.some((c) => c.name === k))).toBe(true);
    }
  });
});
