/**
 * Adding district (LTLA) figures up to their county (UTLA) when a table has every district of a
 * county but not the county itself. Only counts add up: rates, intervals and printed totals of
 * the summed rows stay empty. It is offered by checks.ts and run only when the analyst asks.
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import type { CanonicalTableName } from './tables';

interface SummableSpec {
  /** Key columns besides area_code. */
  keys: string[];
  /** Count columns that add up. */
  sums: string[];
}

const SUMMABLE: Partial<Record<CanonicalTableName, SummableSpec>> = {
  population: { keys: ['year', 'sex', 'age_band'], sums: ['population'] },
  deaths: { keys: ['period', 'sex', 'age_band', 'measure'], sums: ['deaths'] },
  treatment: { keys: ['period', 'substance_group', 'referral_source'], sums: ['in_treatment'] },
  cjs_treatment: { keys: ['period', 'substance_group', 'cjs_pathway'], sums: ['count'] },
  continuity_of_care: { keys: ['period'], sums: ['released_with_need', 'engaged_within_3_weeks'] },
  // Point estimates add up; their intervals do not (left empty).
  prevalence: { keys: ['period', 'measure', 'age_range'], sums: ['estimate'] },
};

export interface SummableTable extends SummableSpec {
  /** Rows that could be added: area_code (the county), keys, sums, districts. */
  candidatesSql(): string;
  insertSql(): string;
}

export function summableTable(name: CanonicalTableName): SummableTable | undefined {
  const spec = SUMMABLE[name];
  if (!spec) return undefined;
  const t = quoteIdent(name);
  const keys = spec.keys.map(quoteIdent);
  const candidatesSql = () => `
    WITH lt AS (SELECT area_code, parent_code FROM areas WHERE area_type = 'LTLA' AND parent_code IS NOT NULL),
    need AS (SELECT parent_code, count(*) AS districts FROM lt GROUP BY 1),
    s AS (
      SELECT lt.parent_code AS area_code, ${keys.map((k) => `t.${k}`).join(', ')},
             count(DISTINCT t.area_code) AS districts, count(*) AS n,
             ${spec.sums.map((v) => `sum(t.${quoteIdent(v)}) AS ${quoteIdent(v)}, count(t.${quoteIdent(v)}) AS ${quoteIdent('n_' + v)}`).join(', ')}
      FROM ${t} t JOIN lt ON lt.area_code = t.area_code
      GROUP BY ALL
    )
    SELECT s.area_code, ${keys.map((k) => `s.${k}`).join(', ')}, ${spec.sums.map((v) => `s.${quoteIdent(v)}`).join(', ')}, s.districts
    FROM s JOIN need ON need.parent_code = s.area_code AND need.districts = s.districts AND s.n = s.districts
    WHERE ${spec.sums.map((v) => `s.${quoteIdent('n_' + v)} = s.districts`).join(' AND ')}
      AND NOT EXISTS (SELECT 1 FROM ${t} u WHERE u.area_code = s.area_code
                      ${keys.map((k) => `AND u.${k} IS NOT DISTINCT FROM s.${k}`).join(' ')})`;
  const insertSql = () =>
    `INSERT INTO ${t} BY NAME SELECT area_code, ${keys.join(', ')}, ${spec.sums.map(quoteIdent).join(', ')}${
      name === 'deaths'
        ? ', (SELECT a.area_name FROM areas a WHERE a.area_code = c.area_code LIMIT 1) AS area_name'
        : ''
    } FROM (${candidatesSql()}) c`;
  return { ...spec, candidatesSql, insertSql };
}

export interface SumResult {
  sql: string;
  rowsAdded: number;
  note: string;
}

/** Adds the county rows that can be made from complete sets of district rows. */
export async function sumLowerTierToUpperTier(
  engine: Engine,
  table: CanonicalTableName,
): Promise<SumResult> {
  const spec = summableTable(table);
  if (!spec) throw new Error(`The ${table} table has no counts that can be added up by area.`);
  const sql = spec.insertSql();
  const count = async () =>
    Number(
      (await engine.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).toRows()[0]?.n ?? 0,
    );
  const before = await count();
  await engine.query(sql);
  const rowsAdded = (await count()) - before;
  return {
    sql,
    rowsAdded,
    note: `${rowsAdded} county row${rowsAdded === 1 ? '' : 's'} added to ${table} by adding up all of each county's districts (${spec.sums.join(', ')}). Published NDTMS counts are rounded to 5, so a summed county can differ slightly from the county's own published figure.`,
  };
}
