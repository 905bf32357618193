/**
 * The statements of the CJS view, as pure builders: each returns the SQL text and its parameters
 * and runs nothing. Periods and area codes are always parameters.
 */
import type { SqlParam } from '../../engine/types';
import { sumOfAll } from '../../engine/sql';

export interface Query {
  sql: string;
  params: SqlParam[];
}

/** `?, ?, …` for n parameters. */
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export function cjsPeriodsSql(): Query {
  return { sql: `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM cjs_treatment`, params: [] };
}

/**
 * The published table's cells for a period: every area and substance group (totals included),
 * pathways summed, with the published total as given (a typed NULL when the file has none).
 */
export function cjsCellsSql(period: string, hasPublishedTotal: boolean): Query {
  const published = hasPublishedTotal ? 'CAST(published_total AS DOUBLE)' : 'CAST(NULL AS DOUBLE)';
  return {
    // A cell made of several rows (pathways) with any of them suppressed is suppressed: a sum
    // of the others would count fewer people.
    sql: `SELECT area_code, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              ${sumOfAll('CAST(count AS DOUBLE)')} AS count,
              count(count) AS n, max(${published}) AS published_total, min(${published}) AS published_total_min
       FROM cjs_treatment WHERE CAST(period AS VARCHAR) = ? GROUP BY ALL`,
    params: [period],
  };
}

/** All adults in treatment by area for the period: the published total, and the groups' sum. */
export function inTreatmentSql(period: string, codes: readonly string[]): Query {
  return {
    // Each sum is NULL when any of its rows is suppressed (a sum of the others is fewer people).
    sql: `SELECT area_code, ${sumOfAll('CAST(in_treatment AS DOUBLE)', "lower(substance_group) NOT IN ('all', 'total')")} AS parts,
                ${sumOfAll('CAST(in_treatment AS DOUBLE)', "lower(substance_group) IN ('all', 'total')")} AS total
         FROM treatment WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${marks(codes.length)}) GROUP BY area_code`,
    params: [period, ...codes],
  };
}

export function populationYearsSql(): Query {
  return {
    sql: `SELECT DISTINCT CAST(year AS INTEGER) AS y FROM population ORDER BY y`,
    params: [],
  };
}

/** Population by area, sex and age band for one year (adults are picked out in ./population.ts). */
export function populationSql(codes: readonly string[], year: number): Query {
  return {
    sql: `SELECT area_code, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(population AS DOUBLE)) AS population
       FROM population WHERE area_code IN (${marks(codes.length)}) AND CAST(year AS INTEGER) = ? GROUP BY ALL`,
    params: [...codes, year],
  };
}

export function continuityPeriodsSql(): Query {
  return {
    sql: `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM continuity_of_care`,
    params: [],
  };
}

/** Releases with a need and engagements within 3 weeks, by area, for the given areas. */
export function continuitySql(period: string | null, codes: readonly string[]): Query {
  return {
    sql: `SELECT area_code, sum(CAST(released_with_need AS DOUBLE)) AS released, sum(CAST(engaged_within_3_weeks AS DOUBLE)) AS engaged, count(*) AS n
         FROM continuity_of_care WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${marks(codes.length)}) GROUP BY area_code`,
    params: [period, ...codes],
  };
}
