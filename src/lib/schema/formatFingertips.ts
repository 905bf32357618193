/** The Fingertips export (one row per indicator, area, period, sex and age) → indicators. */
import { normalisePeriodSql, normaliseSexSql, numberSql, recodeAreaSql } from './normalise';
import { type KnownFormat, columnFinder, from } from './formatTypes';

// ---- (a) Fingertips export -> indicators ---------------------------------------------------------

export const fingertips: KnownFormat = {
  id: 'fingertips-export',
  title: 'Fingertips (OHID) indicator export',
  headers: [
    'Indicator ID',
    'Indicator Name',
    'Area Code',
    'Area Name',
    'Time period',
    'Value',
    'Lower CI 95.0 limit',
    'Upper CI 95.0 limit',
    'Count',
    'Denominator',
  ],
  produces: ['indicators'],
  areaColumn: 'Area Code',
  explanation:
    'This is a Fingertips export: each row becomes one indicator value with its 95% (and 99.8%) limits, count and denominator. ' +
    'Rows for a category breakdown (e.g. deprivation deciles) are left out. Polarity is worked out from the "Compared to England" column where Fingertips said Better/Worse; otherwise it is "none". ' +
    'The unit is read from the indicator name ("%", "per 100,000") where it says so.',
  transform(raw, columns) {
    const col = columnFinder(columns);
    const unit = `(CASE WHEN src.name ILIKE '%per 100,000%' OR src.name ILIKE '%per 100 000%' THEN 'per 100,000'
      WHEN src.name ILIKE '%per 1,000%' THEN 'per 1,000'
      WHEN src.name LIKE '%\\%%' ESCAPE '\\' OR src.name ILIKE '%proportion%' OR src.name ILIKE '%percentage%' THEN '%'
      ELSE '' END)`;
    const compared = col('Compared to England value or percentiles');
    return [
      {
        table: 'indicators',
        select: `WITH src AS (
            SELECT CAST(${col('Indicator ID')} AS VARCHAR) AS id,
                   CAST(${col('Indicator Name')} AS VARCHAR) AS name,
                   ${recodeAreaSql(col('Area Code'))} AS code,
                   CAST(${col('Area Name')} AS VARCHAR) AS area,
                   ${normalisePeriodSql(col('Time period'))} AS period,
                   ${normaliseSexSql(col('Sex'))} AS sex,
                   CAST(${col('Age')} AS VARCHAR) AS age,
                   ${numberSql(col('Value'))} AS v,
                   ${numberSql(col('Lower CI 95.0 limit'))} AS l95,
                   ${numberSql(col('Upper CI 95.0 limit'))} AS u95,
                   ${numberSql(col('Lower CI 99.8 limit'))} AS l998,
                   ${numberSql(col('Upper CI 99.8 limit'))} AS u998,
                   ${numberSql(col('Count'))} AS n,
                   ${numberSql(col('Denominator'))} AS d,
                   CAST(${col('Value note')} AS VARCHAR) AS value_note,
                   CAST(${compared} AS VARCHAR) AS cmp
            FROM ${from(raw)}
            WHERE NULLIF(trim(CAST(${col('Category Type')} AS VARCHAR)), '') IS NULL
          ),
          e AS (SELECT id, period, sex, age, v FROM src WHERE code = 'E92000001'),
          -- Fingertips said Better/Worse only when the indicator has a polarity: read it back.
          pol AS (
            SELECT s.id,
              count(*) FILTER ((s.cmp = 'Better' AND s.v < e.v) OR (s.cmp = 'Worse' AND s.v > e.v)) AS low_good,
              count(*) FILTER ((s.cmp = 'Better' AND s.v > e.v) OR (s.cmp = 'Worse' AND s.v < e.v)) AS high_good
            FROM src s JOIN e ON s.id = e.id AND s.period IS NOT DISTINCT FROM e.period
              AND s.sex IS NOT DISTINCT FROM e.sex AND s.age IS NOT DISTINCT FROM e.age
            GROUP BY s.id
          )
          SELECT src.id AS indicator_id, src.name AS indicator_name, src.code AS area_code, src.area AS area_name,
                 src.period, src.sex, src.age, src.v AS value, src.l95 AS lower_95, src.u95 AS upper_95,
                 src.l998 AS lower_998, src.u998 AS upper_998, src.n AS count, src.d AS denominator,
                 ${unit} AS unit,
                 CASE WHEN pol.low_good > 0 AND pol.high_good = 0 THEN 'low_is_good'
                      WHEN pol.high_good > 0 AND pol.low_good = 0 THEN 'high_is_good'
                      ELSE 'none' END AS polarity,
                 COALESCE(src.value_note, '') AS note,
                 'Fingertips export' AS method,
                 false AS synthetic
          FROM src LEFT JOIN pol ON pol.id = src.id`,
      },
    ];
  },
  skips(raw, columns) {
    const col = columnFinder(columns);
    return [
      {
        where: `NULLIF(trim(CAST(${col('Category Type')} AS VARCHAR)), '') IS NOT NULL`,
        reason:
          'are a category breakdown (e.g. deprivation decile), which the indicators table does not hold',
      },
    ];
  },
};
