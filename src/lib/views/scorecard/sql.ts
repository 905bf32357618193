/** The scorecard's statements, as pure builders returning { sql, params }. */
import type { SqlParam } from '../../engine/types';

export interface Query {
  sql: string;
  params: SqlParam[];
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Local metrics for the given areas, optional columns as typed NULLs when absent. */
export function localMetricsSql(codes: readonly string[], columns: ReadonlySet<string>): Query {
  const n = (c: string) => (columns.has(c) ? `CAST(${c} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)');
  const t = (c: string) => (columns.has(c) ? `CAST(${c} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)');
  return {
    sql: `SELECT CAST(metric AS VARCHAR) AS metric, CAST(outcome AS VARCHAR) AS outcome, area_code,
              CAST(period AS VARCHAR) AS period, ${n('numerator')} AS numerator, ${n('denominator')} AS denominator,
              ${n('value')} AS value, ${n('target')} AS target, ${t('polarity')} AS polarity,
              ${t('unit')} AS unit, ${t('source')} AS source
       FROM local_metrics WHERE area_code IN (${marks(codes.length)})`,
    params: [...codes],
  };
}

/** Loaded indicator rows (Fingertips and saved views) for the given areas, persons, all ages. */
export function indicatorsSql(codes: readonly string[]): Query {
  return {
    sql: `SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, CAST(indicator_name AS VARCHAR) AS indicator_name,
              area_code, CAST(area_name AS VARCHAR) AS area_name, CAST(period AS VARCHAR) AS period,
              CAST(value AS DOUBLE) AS value, CAST(lower_95 AS DOUBLE) AS lower_95, CAST(upper_95 AS DOUBLE) AS upper_95,
              CAST(count AS DOUBLE) AS count, CAST(denominator AS DOUBLE) AS denominator,
              CAST(unit AS VARCHAR) AS unit, CAST(polarity AS VARCHAR) AS polarity, CAST(note AS VARCHAR) AS note
       FROM indicators WHERE area_code IN (${marks(codes.length)})
         AND (sex IS NULL OR sex = 'Persons') AND (age IS NULL OR age IN ('All ages', '18+ yrs', '18+'))`,
    params: [...codes],
  };
}
