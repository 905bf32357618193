/**
 * The statements of the unmet-need view, as pure builders: each returns the SQL text and its
 * parameters and runs nothing. Measures, periods and groups are always parameters.
 */
import type { SqlParam } from '../../engine/types';
import { sumOfAll } from '../../engine/sql';
import { OPIATE_PATTERN } from './measures';

export interface Query {
  sql: string;
  params: SqlParam[];
}

/** `?, ?, …` for n parameters. */
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** The periods each prevalence measure has (the latest is picked in ./periods.ts). */
export function prevalencePeriodsSql(measures: readonly string[]): Query {
  return {
    sql: `SELECT DISTINCT measure, CAST(period AS VARCHAR) AS p FROM prevalence WHERE measure IN (${marks(measures.length)})`,
    params: [...measures],
  };
}

/**
 * Estimates with their 95% limits by measure and area, each measure at its own period. Limits the
 * table lacks are typed NULLs, so the statement returns the same columns whatever the file had.
 */
export function prevalenceSql(
  wanted: readonly { measure: string; period: string }[],
  has: { lower: boolean; upper: boolean },
): Query {
  const lower = has.lower ? 'CAST(lower AS DOUBLE)' : 'CAST(NULL AS DOUBLE)';
  const upper = has.upper ? 'CAST(upper AS DOUBLE)' : 'CAST(NULL AS DOUBLE)';
  return {
    // A sum over rows with any of them blank is not the area's figure: none (not calculated).
    sql: `SELECT measure, area_code, ${sumOfAll('CAST(estimate AS DOUBLE)')} AS estimate, ${sumOfAll(lower)} AS lower, ${sumOfAll(upper)} AS upper
     FROM prevalence WHERE ${wanted.map(() => '(measure = ? AND CAST(period AS VARCHAR) = ?)').join(' OR ')}
     GROUP BY measure, area_code`,
    params: wanted.flatMap((w) => [w.measure, w.period]),
  };
}

/** The periods of the aggregate treatment table (the "all" rows are not read by this view). */
export function treatmentPeriodsSql(): Query {
  return {
    sql: `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM treatment WHERE substance_group <> 'all'`,
    params: [],
  };
}

/** Numbers in treatment by area, period and substance group (groups summed per measure later). */
export function treatmentCountsSql(periods: readonly string[], groups: readonly string[]): Query {
  return {
    // Any suppressed row of a cell leaves the cell without a count (a sum of the others is fewer).
    sql: `SELECT area_code, CAST(period AS VARCHAR) AS period, substance_group,
            ${sumOfAll('CAST(in_treatment AS DOUBLE)')} AS t
     FROM treatment WHERE CAST(period AS VARCHAR) IN (${marks(periods.length)}) AND substance_group IN (${marks(groups.length)})
     GROUP BY area_code, CAST(period AS VARCHAR), substance_group`,
    params: [...periods, ...groups],
  };
}

/** The latest episode start: which financial year "the latest" is. */
export function episodeBoundsSql(): Query {
  return {
    sql: `SELECT CAST(max(start_date) AS VARCHAR) AS last_start FROM treatment_episodes`,
    params: [],
  };
}

/** An area made of others (England, a region, a group of authorities): its code and members. */
export interface CompositeArea {
  code: string;
  members: readonly string[];
}

/**
 * Distinct adult clients (18+) with an episode open in a window, per area, by measure: one
 * aggregate statement over the episodes (clients first, so "alcohol without an opiate" is judged
 * over all of a client's episodes). Opiate = any opiate cited; crack = crack cited; OCU = either.
 * Each composite area gets a row too (`composite` true), counting its distinct clients over all
 * its members' episodes: a client treated in two members is one person there, not two (a sum of
 * the members' counts would count them twice).
 */
export function episodeCountsSql(
  window: { from: string; to: string },
  hasDischarge: boolean,
  composites: readonly CompositeArea[] = [],
): Query {
  const discharge = hasDischarge ? 'CAST(discharge_date AS DATE)' : 'CAST(NULL AS DATE)';
  const byMeasure = `count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence`;
  const pairs = composites.flatMap((c) => c.members.map((m) => [c.code, m] as const));
  const compositeRows =
    pairs.length === 0
      ? ''
      : `
     UNION ALL
     SELECT area_code, true AS composite, ${byMeasure}
     FROM (
       SELECT cm.composite_code AS area_code, c.client_id,
              bool_or(c.opiate) AS opiate, bool_or(c.crack) AS crack, bool_or(c.alcohol) AS alcohol
       FROM c JOIN (VALUES ${pairs.map(() => '(?, ?)').join(', ')}) AS cm(composite_code, member)
         ON c.area_code = cm.member
       GROUP BY cm.composite_code, c.client_id
     ) GROUP BY area_code`;
  return {
    sql: `WITH e AS (
       SELECT client_id, area_code, lower(coalesce(CAST(substances AS VARCHAR), '')) AS s
       FROM treatment_episodes
       WHERE (age IS NULL OR age >= 18)
         AND CAST(start_date AS DATE) <= CAST(? AS DATE)
         AND (${discharge} IS NULL OR ${discharge} >= CAST(? AS DATE))
     ), c AS (
       SELECT area_code, client_id,
              bool_or(regexp_matches(s, ?)) AS opiate,
              bool_or(s LIKE '%crack%') AS crack,
              bool_or(s LIKE '%alcohol%') AS alcohol
       FROM e GROUP BY area_code, client_id
     )
     SELECT area_code, false AS composite, ${byMeasure}
     FROM c GROUP BY area_code${compositeRows}`,
    params: [window.to, window.from, OPIATE_PATTERN, ...pairs.flat()],
  };
}
