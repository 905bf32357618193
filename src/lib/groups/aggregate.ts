/**
 * A group's rows from its members' rows, in SQL, for any canonical table: the additive columns
 * (counts, populations, prevalence estimates, denominators) summed per key (period, sex, age
 * band, indicator, …), with area_code = the group's code. A key where any member has no row, or a
 * NULL (suppressed) value, gets NULL for that column (not calculated) and the members to blame.
 * Rates and percentages are never summed here: the views recompute them from the sums.
 */
import type { AreaGroup } from '../domain/areas';
import type { SqlParam } from '../engine/types';
import { quoteIdent } from '../engine/sql';

export interface GroupAggregation {
  /** A table name (quoted here) or a parenthesised subquery with its own parameters. */
  from: string;
  fromParams?: SqlParam[];
  /** Key columns (plain column names of `from`). */
  keys: readonly string[];
  /** Columns to sum (cast to DOUBLE). */
  additive: readonly string[];
  groups: readonly AreaGroup[];
  /** Extra condition on `from`'s rows (with its parameters). */
  where?: string;
  whereParams?: SqlParam[];
}

export interface Query {
  sql: string;
  params: SqlParam[];
}

/**
 * One row per group and key: area_code (the group code), the keys, each additive column summed
 * (NULL when not calculable), `members` (how many members the group has), `missing` (members with
 * no row for the key) and `suppressed` (members whose value is NULL for any additive column),
 * each a list of codes in the group's member order. Keys come from the rows of any member.
 */
export function groupRowsQuery(a: GroupAggregation): Query {
  if (a.groups.length === 0) throw new Error('groupRowsQuery needs at least one group.');
  if (a.additive.length === 0) throw new Error('groupRowsQuery needs an additive column.');
  const from = a.from.trim().startsWith('(') ? `${a.from} AS src` : quoteIdent(a.from);
  const k = a.keys.map(quoteIdent);
  const add = a.additive.map(quoteIdent);
  const members = a.groups.flatMap((g) => g.members.map((m, i) => [g.code, m, i] as const));
  const values = members.map(() => '(?, ?, ?)').join(', ');
  const keyJoin = k.map((c) => `grid.${c} IS NOT DISTINCT FROM r.${c}`).join(' AND ');
  const sql = `WITH gm AS (SELECT * FROM (VALUES ${values}) AS v(group_code, member, ord)),
     r AS (
       SELECT gm.group_code, gm.member, ${k.map((c) => `src_rows.${c}`).join(', ')}${add
         .map((c) => `, CAST(src_rows.${c} AS DOUBLE) AS ${c}`)
         .join('')}
       FROM (SELECT * FROM ${from} WHERE ${a.where ?? 'TRUE'}) AS src_rows
       JOIN gm ON src_rows.area_code = gm.member
     ),
     keyset AS (SELECT DISTINCT group_code${k.map((c) => `, ${c}`).join('')} FROM r),
     grid AS (SELECT keyset.*, gm.member, gm.ord FROM keyset JOIN gm USING (group_code)),
     per AS (
       SELECT grid.group_code, grid.member, grid.ord${k.map((c) => `, grid.${c}`).join('')},
              count(r.member) AS n${add
                .map(
                  (c) =>
                    `, sum(r.${c}) AS ${c}, count(r.${c}) AS ${quoteIdent(`n_${c.slice(1, -1)}`)}`,
                )
                .join('')}
       FROM grid LEFT JOIN r ON r.group_code = grid.group_code AND r.member = grid.member${
         keyJoin ? ` AND ${keyJoin}` : ''
       }
       GROUP BY ALL
     )
     SELECT group_code AS area_code${k.map((c) => `, ${c}`).join('')}${add
       .map(
         (c) =>
           `, CASE WHEN bool_and(n > 0 AND ${quoteIdent(`n_${c.slice(1, -1)}`)} = n) THEN sum(${c}) END AS ${c}`,
       )
       .join('')},
            count(*) AS members,
            coalesce(list(member ORDER BY ord) FILTER (WHERE n = 0), []) AS missing,
            coalesce(list(member ORDER BY ord) FILTER (WHERE n > 0 AND NOT (${add
              .map((c) => `${quoteIdent(`n_${c.slice(1, -1)}`)} = n`)
              .join(' AND ')})), []) AS suppressed
     FROM per GROUP BY ALL ORDER BY area_code${k.map((c) => `, ${c}`).join('')}`;
  return {
    sql,
    params: [
      ...members.flatMap(([g, m, i]) => [g, m, i]),
      ...(a.fromParams ?? []),
      ...(a.whereParams ?? []),
    ],
  };
}

/** A list cell as DuckDB-WASM returns it (array, Arrow vector or JSON text) → strings. */
export function listCell(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      return Array.isArray(parsed) ? parsed.map(String) : [v];
    } catch {
      return v ? [v] : [];
    }
  }
  if (typeof (v as { toArray?: unknown }).toArray === 'function')
    return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), String);
  return [String(v)];
}

/**
 * Why a group's figure for a key is not calculated ("" when it is): the members with no row and
 * those with a suppressed value, by name.
 */
export function groupReason(
  row: { missing?: unknown; suppressed?: unknown },
  name: (code: string) => string = (c) => c,
): string {
  const missing = listCell(row.missing);
  const suppressed = listCell(row.suppressed);
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`no data for ${missing.map(name).join(', ')}`);
  if (suppressed.length > 0)
    parts.push(`suppressed or missing for ${suppressed.map(name).join(', ')}`);
  return parts.length > 0 ? `not calculated for the group: ${parts.join('; ')}` : '';
}
