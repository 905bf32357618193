/** ONS mid-year population estimates, long (5-year bands) and wide (single year of age) → population. */
import {
  normaliseAgeBandSql,
  normaliseSexSql,
  numberSql,
  integerSql,
  recodeAreaSql,
} from './normalise';
import { type KnownFormat, from } from './formatTypes';

// ---- (d) ONS mid-year estimates, 5-year bands, long -> population ------------------------------

export const onsMyeLong: KnownFormat = {
  id: 'ons-mye-5yr-long',
  title: 'ONS mid-year population estimates, 5-year age bands (long)',
  headers: ['year', 'area_code', 'area_name', 'geography', 'sex', 'age_band', 'population'],
  produces: ['population'],
  areaColumn: 'area_code',
  explanation:
    'This is an ONS mid-year population estimate in five-year age bands: each row becomes a population count by area, year, sex and age band. The geography column is not needed (the areas table says what each code is).',
  transform(raw) {
    return [
      {
        table: 'population',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code, ${integerSql('year')} AS year,
                        ${normaliseSexSql('sex')} AS sex, ${normaliseAgeBandSql('age_band')} AS age_band,
                        ${numberSql('population')} AS population
                 FROM ${from(raw)}`,
      },
    ];
  },
};

// ---- (d2) ONS mid-year estimates, single year of age, wide -> population (5-year bands) ----------

/** SQL: ESP2013 19-band label of an integer age (0-4 ... 85-89, 90+). */
export function espAgeBandSql(age: string): string {
  return `(CASE WHEN ${age} IS NULL OR ${age} < 0 THEN NULL WHEN ${age} >= 90 THEN '90+'
    ELSE CAST((${age} // 5) * 5 AS VARCHAR) || '-' || CAST((${age} // 5) * 5 + 4 AS VARCHAR) END)`;
}

export const onsMyeWide: KnownFormat = {
  id: 'ons-mye-single-year-wide',
  title: 'ONS mid-year population estimates, single year of age (wide)',
  headers: ['year', 'sex', 'Code', 'Name', 'Geography', 'All ages', '0', '1', '89', '90+'],
  produces: ['population'],
  areaColumn: 'Code',
  explanation:
    'This is an ONS mid-year population estimate with one column per year of age. The ages are added up into the ESP2013 five-year bands (0-4 ... 85-89, 90+); the "All ages" column is not loaded (it equals the sum of the bands).',
  transform(raw) {
    return [
      {
        table: 'population',
        select: `WITH u AS (
                   UNPIVOT (SELECT year, sex, Code, COLUMNS('^[0-9]+[+]?$') FROM ${from(raw)})
                   ON COLUMNS('^[0-9]+[+]?$') INTO NAME age VALUE people)
                 SELECT ${recodeAreaSql('Code')} AS area_code, ${integerSql('year')} AS year, ${normaliseSexSql('sex')} AS sex,
                        ${espAgeBandSql("CAST(replace(age, '+', '') AS INTEGER)")} AS age_band,
                        sum(${numberSql('people')}) AS population
                 FROM u GROUP BY ALL`,
      },
    ];
  },
};
