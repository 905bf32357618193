/**
 * SQL for the area comparison, as pure builders: each returns `{ sql, params }` and runs nothing.
 * Only the loaded `indicators` table is read here (a Fingertips export, say); indicator rows that
 * other views computed arrive in memory and are merged in ./rows.ts with the same filter.
 *
 * Optional columns the table may lack are read as typed NULLs, so every statement returns the
 * same columns whatever the file had.
 */
import type { SqlParam } from '../../engine/types';

export interface Sql {
  sql: string;
  params: SqlParam[];
}

/** One indicator's slice: a sex, an age and a period. */
export interface Slice {
  id: string;
  sex: string;
  age: string;
  period: string;
}

/**
 * Which rows to read: indicators by id, optionally one area; or an explicit list of slices.
 * ./rows.ts applies the same filter to the computed rows (`matchesFilter`).
 */
export type RowFilter =
  | { kind: 'indicators'; ids: readonly string[]; area?: string }
  | { kind: 'slices'; slices: readonly Slice[] };

/** Distinct indicators with a name (the smallest, when rows disagree). */
export function indicatorChoicesSql(): Sql {
  return {
    sql: `SELECT CAST(indicator_id AS VARCHAR) AS id, min(CAST(indicator_name AS VARCHAR)) AS name
     FROM indicators WHERE indicator_id IS NOT NULL GROUP BY 1`,
    params: [],
  };
}

/** The periods one indicator has (any order; sorted by the domain's period rules). */
export function indicatorPeriodsSql(indicatorId: string): Sql {
  return {
    sql: `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM indicators WHERE CAST(indicator_id AS VARCHAR) = ?`,
    params: [indicatorId],
  };
}

/** Sex and age as rows are compared: a missing value is 'Persons' / 'All ages'. */
function breakdownExpr(columns: ReadonlySet<string>): { sex: string; age: string } {
  return {
    sex: `coalesce(${columns.has('sex') ? 'CAST(sex AS VARCHAR)' : 'NULL'}, 'Persons')`,
    age: `coalesce(${columns.has('age') ? 'CAST(age AS VARCHAR)' : 'NULL'}, 'All ages')`,
  };
}

function whereOf(filter: RowFilter, columns: ReadonlySet<string>): Sql {
  if (filter.kind === 'indicators') {
    const ids =
      filter.ids.length === 1
        ? 'CAST(indicator_id AS VARCHAR) = ?'
        : `CAST(indicator_id AS VARCHAR) IN (${filter.ids.map(() => '?').join(', ')})`;
    return filter.area === undefined
      ? { sql: ids, params: [...filter.ids] }
      : { sql: `${ids} AND area_code = ?`, params: [...filter.ids, filter.area] };
  }
  if (filter.slices.length === 0) return { sql: 'FALSE', params: [] };
  const { sex, age } = breakdownExpr(columns);
  return {
    sql: filter.slices
      .map(
        () =>
          `(CAST(indicator_id AS VARCHAR) = ? AND ${sex} = ? AND ${age} = ? AND coalesce(CAST(period AS VARCHAR), '') = ?)`,
      )
      .join(' OR '),
    params: filter.slices.flatMap((s) => [s.id, s.sex, s.age, s.period]),
  };
}

/** Indicator rows in the comparison's shape (see `IndicatorSourceRow` in ./rows.ts). */
export function indicatorRowsSql(columns: ReadonlySet<string>, filter: RowFilter): Sql {
  const opt = (c: string, cast: string) =>
    columns.has(c) ? `CAST(${c} AS ${cast})` : `CAST(NULL AS ${cast})`;
  const { sex, age } = breakdownExpr(columns);
  const where = whereOf(filter, columns);
  return {
    sql: `SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, CAST(area_code AS VARCHAR) AS area_code,
            ${opt('area_name', 'VARCHAR')} AS area_name, CAST(period AS VARCHAR) AS period,
            ${sex} AS sex, ${age} AS age,
            ${opt('value', 'DOUBLE')} AS value, ${opt('lower_95', 'DOUBLE')} AS lower_95, ${opt('upper_95', 'DOUBLE')} AS upper_95,
            ${opt('lower_998', 'DOUBLE')} AS lower_998, ${opt('upper_998', 'DOUBLE')} AS upper_998,
            ${opt('count', 'DOUBLE')} AS count, ${opt('denominator', 'DOUBLE')} AS denominator,
            coalesce(${opt('unit', 'VARCHAR')}, '') AS unit, coalesce(${opt('polarity', 'VARCHAR')}, 'none') AS polarity,
            coalesce(${opt('indicator_name', 'VARCHAR')}, '') AS indicator_name, coalesce(${opt('method', 'VARCHAR')}, '') AS method,
            coalesce(${opt('note', 'VARCHAR')}, '') AS note
     FROM indicators WHERE ${where.sql}`,
    params: where.params,
  };
}
