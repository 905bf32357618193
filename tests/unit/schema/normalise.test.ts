import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { quoteLiteral } from '../../../src/lib/engine/sql';
import {
  normaliseAgeBand,
  normaliseAgeBandSql,
  normaliseMeasure,
  normaliseMeasureSql,
  normalisePeriod,
  normalisePeriodSql,
  normaliseSex,
  normaliseSexSql,
  normaliseSubstanceGroup,
  normaliseSubstanceGroupSql,
  recodeArea,
  recodeAreaSql,
} from '../../../src/lib/schema/normalise';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
});

type Case = [string, (v: string) => string | null, (e: string) => string, [string, string][]];

const cases: Case[] = [
  [
    'sex',
    normaliseSex,
    normaliseSexSql,
    [
      ['M', 'Male'],
      ['Males', 'Male'],
      ['1', 'Male'],
      ['Men', 'Male'],
      [' male ', 'Male'],
      ['F', 'Female'],
      ['Females', 'Female'],
      ['2', 'Female'],
      ['Women', 'Female'],
      ['Persons', 'Persons'],
      ['All', 'Persons'],
      ['Total', 'Persons'],
      ['Both', 'Persons'],
      ['P', 'Persons'],
      ['4', 'Persons'],
      ['Unknown', 'Unknown'],
    ],
  ],
  [
    'age band',
    normaliseAgeBand,
    normaliseAgeBandSql,
    [
      ['0-4', '0-4'],
      ['00-04', '0-4'],
      ['Aged 0 to 4', '0-4'],
      ['0 - 4', '0-4'],
      ['0–4', '0-4'],
      ['15-64 yrs', '15-64'],
      ['85+', '85+'],
      ['85 and over', '85+'],
      ['Aged 85+', '85+'],
      ['90+', '90+'],
      ['85-89', '85-89'],
      ['All ages', 'All ages'],
      ['Total', 'All ages'],
      ['Under 18', 'Under 18'],
    ],
  ],
  [
    'substance group',
    normaliseSubstanceGroup,
    normaliseSubstanceGroupSql,
    [
      ['Opiate', 'opiate'],
      ['Opiates', 'opiate'],
      ['Non-opiate only', 'non_opiate_only'],
      ['Non opiates', 'non_opiate_only'],
      ['Non-opiate and alcohol', 'non_opiate_and_alcohol'],
      ['Alcohol and non opiates', 'non_opiate_and_alcohol'],
      ['Alcohol only', 'alcohol_only'],
      ['Alcohol', 'alcohol_only'],
      ['Total', 'all'],
      ['All', 'all'],
      ['Crack', 'Crack'],
    ],
  ],
  [
    'period',
    normalisePeriod,
    normalisePeriodSql,
    [
      ['2019-21', '2019-21'],
      ['2019 - 2021', '2019-21'],
      ['2019 - 21', '2019-21'],
      ['2019 to 2021', '2019-21'],
      ['2019/20', '2019/20'],
      ['2019/2020', '2019/20'],
      ['2019-20', '2019/20'],
      ['201920', '2019/20'],
      ['FY 2019/20', '2019/20'],
      ['1999-00', '1999/00'],
      ['1999/2000', '1999/00'],
      ['2021', '2021'],
      ['2020/21 Q2', '2020/21 Q2'],
    ],
  ],
  [
    'measure',
    normaliseMeasure,
    normaliseMeasureSql,
    [
      ['Deaths related to drug poisoning', 'drug_poisoning'],
      ['drug_poisoning', 'drug_poisoning'],
      ['Drug misuse', 'drug_misuse'],
      ['Deaths from drug misuse', 'drug_misuse'],
      ['OCU', 'ocu'],
      ['Opiate and/or crack cocaine', 'ocu'],
      ['Opiates', 'opiate'],
      ['Crack cocaine', 'crack'],
      ['Alcohol dependence', 'alcohol_dependence'],
      ['Dependent drinkers', 'alcohol_dependence'],
    ],
  ],
  [
    'area code',
    (v) => recodeArea(v),
    recodeAreaSql,
    [
      ['E08000016', 'E08000038'],
      ['E08000019', 'E08000039'],
      ['e08000016 ', 'E08000038'],
      ['E06000031', 'E06000031'],
      ['E10000021', 'E10000021'],
    ],
  ],
];

describe('normalisers: the SQL and the TypeScript twin agree', () => {
  it.each(cases)('%s', async (_name, ts, sql, pairs) => {
    for (const [input, expected] of pairs) expect([input, ts(input)]).toEqual([input, expected]);
    const select = pairs.map(([input], i) => `${sql(quoteLiteral(input))} AS c${i}`).join(', ');
    const row = (await engine.query(`SELECT ${select}`)).toRows()[0];
    expect(pairs.map(([input], i) => [input, row[`c${i}`]])).toEqual(pairs);
  });

  it('numbers given as text and SQL nulls', async () => {
    const row = (
      await engine.query(
        `SELECT ${normaliseSexSql('NULL')} AS s, ${normalisePeriodSql('2021')} AS p`,
      )
    ).toRows()[0];
    expect(row).toEqual({ s: null, p: '2021' });
    expect(normaliseSex(null)).toBeNull();
    expect(normalisePeriod(2021)).toBe('2021');
  });
});
