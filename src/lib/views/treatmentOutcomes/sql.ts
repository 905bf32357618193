/**
 * The statements of the treatment-outcomes view, as pure builders returning { sql, params }.
 * Record-level episodes are read for one area (the analyst's own; they never leave the tab); the
 * substance group comes from the same NDTMS hierarchy the derived `treatment` table uses.
 */
import type { SqlParam } from '../../engine/types';
import { sumOfAll } from '../../engine/sql';
import { substanceGroupSql } from '../../schema/derive';

export interface Query {
  sql: string;
  params: SqlParam[];
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Areas with record-level episodes, and how many each. */
export function episodeAreasSql(): Query {
  return {
    sql: `SELECT area_code, count(*) AS n FROM treatment_episodes WHERE start_date IS NOT NULL GROUP BY area_code`,
    params: [],
  };
}

/**
 * The extract date: the latest start or discharge date in the whole table (an extract has one
 * date, whichever area's episode holds it).
 */
export function extractDateSql(): Query {
  return {
    sql: `SELECT strftime(max(greatest(CAST(start_date AS DATE), COALESCE(CAST(discharge_date AS DATE), CAST(start_date AS DATE)))), '%Y-%m-%d') AS d
       FROM treatment_episodes`,
    params: [],
  };
}

/**
 * The episodes of one area (or of a group's members: one client's episodes in two members stay
 * one client), dates as ISO text, with the episode's NDTMS substance group.
 */
export function episodesSql(areas: readonly string[]): Query {
  return {
    sql: `SELECT area_code, CAST(client_id AS VARCHAR) AS client_id, CAST(age AS INTEGER) AS age,
              ${substanceGroupSql('CAST(substances AS VARCHAR)')} AS substance_group,
              strftime(CAST(start_date AS DATE), '%Y-%m-%d') AS start_date,
              strftime(CAST(discharge_date AS DATE), '%Y-%m-%d') AS discharge_date,
              CAST(discharge_reason AS VARCHAR) AS discharge_reason
       FROM treatment_episodes WHERE area_code IN (${marks(areas.length)}) AND start_date IS NOT NULL
       ORDER BY client_id, start_date`,
    params: [...areas],
  };
}

/**
 * Aggregate outcome counts for the given areas (all periods), optional columns as typed NULLs
 * when the file has none; a count with any of its rows blank (suppressed) is NULL, never the sum
 * of the others.
 */
export function aggregateSql(codes: readonly string[], columns: ReadonlySet<string>): Query {
  const opt = (c: string) =>
    columns.has(c) ? `sum(CAST(${c} AS DOUBLE))` : 'CAST(NULL AS DOUBLE)';
  const all = (c: string) => (columns.has(c) ? `count(${c}) = count(*)` : 'false');
  return {
    sql: `SELECT area_code, CAST(period AS VARCHAR) AS period, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              ${sumOfAll('CAST(in_treatment AS DOUBLE)')} AS in_treatment,
              ${sumOfAll('CAST(completions AS DOUBLE)')} AS completions,
              ${opt('completions_not_representing')} AS completions_not_representing, ${all('completions_not_representing')} AS has_not_representing,
              ${opt('starts')} AS starts, ${all('starts')} AS has_starts,
              ${opt('early_unplanned_exits')} AS early_unplanned_exits, ${all('early_unplanned_exits')} AS has_early,
              ${opt('deaths_in_treatment')} AS deaths_in_treatment, ${all('deaths_in_treatment')} AS has_deaths
       FROM treatment_outcomes WHERE area_code IN (${marks(codes.length)}) GROUP BY ALL`,
    params: [...codes],
  };
}

/** Fingertips successful-completion indicators (PHOF C19a/b) for the given areas. */
export function fingertipsSql(ids: readonly string[], codes: readonly string[]): Query {
  return {
    sql: `SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, area_code, CAST(period AS VARCHAR) AS period,
              CAST(value AS DOUBLE) AS value, CAST(lower_95 AS DOUBLE) AS lower_95, CAST(upper_95 AS DOUBLE) AS upper_95,
              CAST(count AS DOUBLE) AS count, CAST(denominator AS DOUBLE) AS denominator
       FROM indicators WHERE CAST(indicator_id AS VARCHAR) IN (${marks(ids.length)})
         AND area_code IN (${marks(codes.length)})
         AND (sex IS NULL OR sex = 'Persons')`,
    params: [...ids, ...codes],
  };
}
