/**
 * The only helpers that put user-controlled text into SQL. Everything else binds parameters.
 */

/** Quotes an identifier (table or column name) so any text is safe, quotes included. */
export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a string literal. Prefer bound parameters; this is for places DuckDB does not bind
 *  (e.g. the file path and options of read_csv in a CREATE TABLE AS). */
export function quoteLiteral(text: string): string {
  return "'" + text.replaceAll("'", "''") + "'";
}

/** A list literal of strings, e.g. ['*', '..'] for read_csv(nullstr = ...). */
export function quoteList(items: readonly string[]): string {
  return '[' + items.map(quoteLiteral).join(', ') + ']';
}

/**
 * SQL: the sum of `expr` over a group's rows (those meeting `where`), NULL when any of them is
 * NULL. A sum with a suppressed part is no figure: the sum of the other parts counts fewer.
 */
export function sumOfAll(expr: string, where?: string): string {
  const only = where ? ` FILTER (WHERE ${where})` : '';
  return `CASE WHEN count(${expr})${only} = count(*)${only} THEN sum(${expr})${only} END`;
}
