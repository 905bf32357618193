/**
 * What DuckDB already knows about a table's text columns without reading them: the statistics
 * it keeps as rows are written (and widens when rows change). A column none of whose cells has a
 * byte outside ASCII can be normalised by a cheaper test (normaliseTyped.ts).
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';

/**
 * The columns (of those asked about, all VARCHAR) that hold ASCII text only. `stats()` gives the
 * statistics the planner has for the column, as text ("[Min: ..., Max: ..., Has Unicode: false,
 * ...]"); anything else than an explicit "Has Unicode: false" counts as "may hold other text".
 * Min and max are at most 8 bytes each, too short to spell the phrase themselves.
 */
export async function asciiOnlyColumns(
  engine: Engine,
  table: string,
  columns: readonly string[],
): Promise<Set<string>> {
  if (columns.length === 0) return new Set();
  const rows = (
    await engine.query(
      `SELECT ${columns.map((c, i) => `stats(${quoteIdent(c)}) AS s${i}`).join(', ')} FROM ${quoteIdent(table)} LIMIT 1`,
    )
  ).toRows();
  const row = rows[0];
  if (!row) return new Set();
  return new Set(columns.filter((_, i) => /\bHas Unicode: false\b/.test(String(row[`s${i}`]))));
}
