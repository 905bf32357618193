/** ONS drug-poisoning deaths by local authority: 3-year pooled with age-standardised rates, and annual counts → deaths. */
import {
  normaliseMeasureSql,
  normalisePeriodSql,
  normaliseSexSql,
  numberSql,
  recodeAreaSql,
} from './normalise';
import { type KnownFormat, from } from './formatTypes';

// ---- (b) ONS drug deaths, 3-year pooled, with age-standardised rates -> deaths ---------------

export const onsDeaths3yr: KnownFormat = {
  id: 'ons-drug-deaths-3yr-asr',
  title: 'ONS drug deaths by local authority, 3-year periods with age-standardised rates',
  headers: [
    'area_code',
    'area_name',
    'measure',
    'sex',
    'period',
    'deaths',
    'asr_per_100k',
    'rate_flag',
    'lcl95',
    'ucl95',
  ],
  produces: ['deaths'],
  areaColumn: 'area_code',
  explanation:
    'This is the ONS drug deaths table by local authority (3-year registration periods): deaths for all ages with the published age-standardised rate and 95% limits. ' +
    'Sex "Males"/"Females" become Male/Female; the flag is "u" where ONS marked the rate unreliable and ":" where ONS did not calculate it.',
  transform(raw) {
    return [
      {
        table: 'deaths',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code,
                        CAST(area_name AS VARCHAR) AS area_name,
                        ${normalisePeriodSql('period')} AS period,
                        ${normaliseSexSql('sex')} AS sex,
                        'All ages' AS age_band,
                        ${normaliseMeasureSql('measure')} AS measure,
                        ${numberSql('deaths')} AS deaths,
                        ${numberSql('asr_per_100k')} AS published_rate,
                        ${numberSql('lcl95')} AS published_lower_95,
                        ${numberSql('ucl95')} AS published_upper_95,
                        CASE WHEN ${numberSql('asr_per_100k')} IS NULL THEN ':'
                             WHEN lower(trim(CAST(rate_flag AS VARCHAR))) = 'u' THEN 'u' END AS published_flag
                 FROM ${from(raw)}`,
      },
    ];
  },
};

// ---- (c) ONS drug deaths, annual counts -> deaths -------------------------------------------

export const onsDeathsAnnual: KnownFormat = {
  id: 'ons-drug-deaths-annual',
  title: 'ONS drug deaths by local authority, counts by year of registration',
  headers: ['area_code', 'area_name', 'measure', 'sex', 'year', 'deaths'],
  produces: ['deaths'],
  areaColumn: 'area_code',
  explanation:
    'This is the ONS table of drug deaths by local authority and year of registration: each row becomes a deaths count for that year (period "2021"), all ages.',
  transform(raw) {
    return [
      {
        table: 'deaths',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code, CAST(area_name AS VARCHAR) AS area_name,
                        CAST(year AS VARCHAR) AS period, ${normaliseSexSql('sex')} AS sex, 'All ages' AS age_band,
                        ${normaliseMeasureSql('measure')} AS measure, ${numberSql('deaths')} AS deaths
                 FROM ${from(raw)}`,
      },
    ];
  },
};
