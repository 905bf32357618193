/**
 * The select a canonical table can be a view of (../engine/lazyCanonical.ts) instead of a copy:
 * the same values as the copy's select, with every column whose normalised value is its cell on
 * every row read as the bare column.
 *
 * Why: a view re-evaluates its expressions in every statement that reads it, and a filter on an
 * expression cannot use the stored column's statistics. `count(*) WHERE area_code = ?` over
 * 1,000,000 episodes took 443 ms through the normalising expression and 19 ms on a stored column
 * (bench/README.md). Most files a service exports are clean already (upper-case codes, no
 * stray spaces), so one look at the data before the view is made lets the views read the
 * columns as stored. The look is cheap: area codes and other short vocabularies are read through
 * their distinct values (a few hundred at most), never row by row.
 */
import type { Engine } from '../engine/types';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import type { ValueKind } from './tables';

export interface SelectColumn {
  /** The canonical column. */
  name: string;
  /** Its canonical type. */
  type: string;
  /** The normalising expression over the raw table's columns (before the cast to `type`). */
  expr: string;
  /** The raw column the expression normalises, when it reads exactly one. */
  raw?: { column: string; type: string; kind: ValueKind; asciiOnly?: boolean };
}

/** The copy's select: every column through its expression, cast to its canonical type. */
export function castSelect(rawTable: string, columns: readonly SelectColumn[]): string {
  return `SELECT ${columns.map((c) => `CAST(${c.expr} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteIdent(rawTable)}`;
}

/** A vocabulary with more distinct values than this is not short: its rows are copied. */
const MAX_VALUES = 1000;

/** Raised inside viewSelect when the rows are better copied than shown through a view. */
class CopyInstead extends Error {}

/** A number read through a cast of its own column (normaliseTyped.ts's short forms): cheap. */
function cheapCast(c: SelectColumn, col: string): boolean {
  return [
    `CAST(${col} AS INTEGER)`,
    `CAST(round(${col}) AS INTEGER)`,
    `CAST(${col} AS DOUBLE)`,
  ].includes(c.expr);
}

/**
 * The view's select, or null when the rows are better copied: an expression fails on some row
 * (the copy then reports the failure in its own words), or reading a column would cost the
 * views a parse on every statement (dates or numbers held as text, a long vocabulary to
 * clean). Columns proven unchanged by their expression are read bare; a short vocabulary (area
 * codes, sex) whose few changed values are known is read through a CASE on just those values
 * (the same values, without the trimming and case-folding on every row); text keeps its cheap
 * trim test, a number its cast, and those casts are evaluated once here over every row (a view
 * must not fail later where the copy would have failed now).
 */
export async function viewSelect(
  engine: Engine,
  rawTable: string,
  columns: readonly SelectColumn[],
): Promise<string | null> {
  const t = quoteIdent(rawTable);
  const read = new Map<string, string>();
  const scan: string[] = [];
  const vocabularies: { column: SelectColumn; col: string }[] = [];
  try {
    columns.forEach((c, i) => {
      const col = c.raw && quoteIdent(c.raw.column);
      if (
        c.raw &&
        c.raw.type === c.type &&
        (c.expr === col || c.expr === `CAST(${col} AS ${c.type})`)
      )
        read.set(c.name, col!);
      else if (!c.raw || cheapCast(c, col!)) {
        if (c.expr !== 'NULL') scan.push(`count(${c.expr}) AS e${i}`);
      } else if (c.raw.type !== 'VARCHAR' || c.type !== 'VARCHAR') throw new CopyInstead();
      else if (c.raw.kind === 'text') {
        // Kept: checking it would cost a scan of the column, and the expression costs two
        // prefix/suffix tests on a clean cell (the copy's cost was the copying, not that).
      } else vocabularies.push({ column: c, col: col! });
    });
    // Evaluated for its failures only: one that throws sends the rows down the copy path.
    if (scan.length > 0) await engine.query(`SELECT ${scan.join(', ')} FROM ${t}`);
    const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : quoteLiteral(String(v)));
    for (const { column, col } of vocabularies) {
      // The distinct values first, then the expression on those alone: in one statement the
      // engine would push the filter below the DISTINCT and normalise every row.
      const values = (
        await engine.query(`SELECT DISTINCT ${col} AS v FROM ${t} LIMIT ${MAX_VALUES + 1}`)
      ).toRows();
      if (values.length > MAX_VALUES) throw new CopyInstead();
      const changed = (
        await engine.query(
          `SELECT ${col} AS v, (${column.expr}) AS n
           FROM (SELECT unnest([${values.map((r) => lit(r.v)).join(', ')}]::VARCHAR[]) AS ${col})
           WHERE (${column.expr}) IS DISTINCT FROM ${col}`,
        )
      ).toRows();
      read.set(
        column.name,
        changed.length === 0
          ? col
          : `(CASE ${changed
              .map(
                (r) =>
                  `WHEN ${r.v == null ? `${col} IS NULL` : `${col} = ${lit(r.v)}`} THEN ${lit(r.n)}`,
              )
              .join(' ')} ELSE ${col} END)`,
      );
    }
  } catch {
    return null;
  }
  return `SELECT ${columns
    .map((c) => {
      const expr = read.get(c.name);
      return expr !== undefined
        ? `${expr} AS ${quoteIdent(c.name)}`
        : `CAST(${c.expr} AS ${c.type}) AS ${quoteIdent(c.name)}`;
    })
    .join(', ')} FROM ${t}`;
}
