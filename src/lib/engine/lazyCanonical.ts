/**
 * A canonical table filled by one file is first a view over the file's own table, not a copy.
 *
 * Adding a big record-level file's rows to an empty canonical table used to copy every row
 * through the normalising expressions (about a second for 1,000,000 episodes in the browser, and
 * a second copy of the data in memory). Instead the canonical table is created as a view with
 * exactly the table's columns and types, the copy's values (../schema/viewSelect.ts, which reads
 * clean columns as stored) and the provenance columns: the views read it as they would the
 * table, the file is "Loaded" as soon as it is recognised, and only one copy of the rows exists.
 *
 * The view is stored as a table (materialised) the moment anything is about to change it or the
 * file's table it reads: another file's rows, renaming or dropping either table, an extra
 * column, a SQL cell that writes. Removing the file it shows empties it instead (`emptyLazy`).
 * `withLazyCanonical` wraps an engine so every statement is checked first (./lazyTargets.ts says
 * which tables a statement changes); a lazy view is recognised by its comment, so the state
 * lives in the engine's catalog, not here, and survives a rolled-back transaction.
 */
import type { Engine, QueryResult, RunOptions, SqlParam } from './types';
import { quoteIdent, quoteLiteral } from './sql';
import { changedTables, mayWrite } from './lazyTargets';

const MARK = 'jsna:lazy-canonical:';
const LAZY = Symbol.for('jsna.lazyCanonical');

/** The table names the app lists: tables, and canonical tables still lazy views. */
export const TABLES_SQL = `(SELECT table_name, schema_name, internal FROM duckdb_tables()
  UNION ALL SELECT view_name, schema_name, internal FROM duckdb_views() WHERE starts_with(comment, '${MARK}'))`;

/** Whether this engine stores lazy canonical tables when they are about to change. */
export function supportsLazyCanonical(engine: Engine): boolean {
  return stateOf(engine) !== undefined;
}

/**
 * Replaces the (empty) canonical `table` by a view of `select`'s rows with the provenance
 * columns, cast to the table's own column types in its order (a column the select lacks is
 * NULL), as `INSERT INTO table BY NAME` would have stored them. `from` is the file's table the
 * select reads. Returns the number of rows it shows.
 */
export async function createLazyCanonical(
  engine: Engine,
  table: string,
  select: string,
  from: string,
  source: { fileName: string; id: string },
): Promise<number> {
  const columns = (
    await engine.query(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index`,
      [table],
    )
  ).toRows();
  const given = new Set(
    (await engine.query(`DESCRIBE SELECT * FROM (${select})`))
      .toRows()
      .map((r) => String(r.column_name)),
  );
  given.add('source_file').add('source_id');
  const list = columns
    .map(({ name, type }) => {
      const n = quoteIdent(String(name));
      return given.has(String(name))
        ? `CAST(x.${n} AS ${type}) AS ${n}`
        : `CAST(NULL AS ${type}) AS ${n}`;
    })
    .join(', ');
  const t = quoteIdent(table);
  const state = stateOf(engine);
  if (state) state.any = true;
  await engine.query(
    `DROP TABLE ${t};
     CREATE VIEW ${t} AS SELECT ${list} FROM (SELECT *, ${quoteLiteral(source.fileName)} AS source_file, ${quoteLiteral(source.id)} AS source_id FROM (${select})) x;
     COMMENT ON VIEW ${t} IS ${quoteLiteral(MARK + from)}`,
  );
  return Number((await engine.query(`SELECT count(*) AS n FROM ${t}`)).toRows()[0]?.n ?? 0);
}

/** The lazy views, with the file's table each reads and where the view lives. */
async function lazyViews(
  engine: Engine,
): Promise<{ name: string; from: string; qualified: string; schema: string }[]> {
  return (
    await engine.query(
      `SELECT database_name, schema_name, view_name, comment FROM duckdb_views()
       WHERE NOT temporary AND starts_with(comment, '${MARK}')`,
    )
  )
    .toRows()
    .map((r) => {
      const schema = `${quoteIdent(String(r.database_name))}.${quoteIdent(String(r.schema_name))}`;
      return {
        name: String(r.view_name),
        from: String(r.comment).slice(MARK.length),
        schema,
        qualified: `${schema}.${quoteIdent(String(r.view_name))}`,
      };
    });
}

/** Stores lazy views as tables: those given (by view or file-table name), or all. */
export async function materialiseLazy(engine: Engine, names?: ReadonlySet<string>): Promise<void> {
  await throughLock(engine, (query) => storeLazy(query, names));
}

/**
 * Removing the one file a lazy view shows: the view becomes an empty table with its columns,
 * rather than a stored copy of rows about to be deleted. False when `table` is not a lazy view.
 */
export async function emptyLazy(engine: Engine, table: string): Promise<boolean> {
  return (await throughLock(engine, (query) => storeLazy(query, new Set([table]), true))) > 0;
}

/**
 * Runs `work` through the engine's lock with its statements unchecked (checking them would
 * store the view before `work` does, and `work` would then fail half-way).
 */
async function throughLock(
  engine: Engine,
  work: (query: (sql: string) => Promise<QueryResult>) => Promise<number>,
): Promise<number> {
  const state = stateOf(engine);
  if (!state) return work((sql) => engine.query(sql));
  if (!state.any) return 0;
  const next = state.lock.then(() => work(state.query));
  state.lock = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}

/** Stores the lazy views named (all without names; with `empty`, by view name only, no rows). */
async function storeLazy(
  query: (sql: string) => Promise<QueryResult>,
  names?: ReadonlySet<string>,
  empty = false,
): Promise<number> {
  const engine = { query } as Engine;
  const lower = names && new Set([...names].map((n) => n.toLowerCase()));
  let stored = 0;
  for (const v of await lazyViews(engine)) {
    const named = lower?.has(v.name.toLowerCase()) || (!empty && lower?.has(v.from.toLowerCase()));
    if (lower && !named) continue;
    // Every name qualified and the helper's name the analyst's SQL cannot have taken: a
    // temporary table is found before the main schema's, and a table of the helper's name
    // would make the store fail or be the one renamed.
    const copyName = `__jsna_store_${Math.random().toString(36).slice(2, 10)}`;
    const copy = `${v.schema}.${quoteIdent(copyName)}`;
    // One call: no other statement can run between the drop and the rename.
    await engine.query(
      `CREATE TABLE ${copy} AS SELECT * FROM ${v.qualified}${empty ? ' LIMIT 0' : ''}; DROP VIEW ${v.qualified}; ALTER TABLE ${copy} RENAME TO ${quoteIdent(v.name)}`,
    );
    stored++;
  }
  return stored;
}

interface LazyState {
  /**
   * Whether a lazy view was ever made (until then no statement is checked). Never reset once
   * its views are stored: a SQL cell's transaction rolled back after the store brings a view
   * back, and only the catalog knows. The price is one catalog query per writing statement.
   */
  any: boolean;
  /** The engine's own query, unchecked. */
  query: (sql: string) => Promise<QueryResult>;
  /** Materialisations run one at a time: two writers must not store the same view twice. */
  lock: Promise<void>;
}

const stateOf = (engine: Engine): LazyState | undefined =>
  (engine as unknown as Record<symbol, LazyState | undefined>)[LAZY];

/**
 * Gives the engine lazy canonical tables (in place; returns it): before a statement that may
 * change a lazy view or the file's table it reads, the view is stored as a table. A text the
 * check cannot read stores them all.
 */
export function withLazyCanonical<E extends Engine>(engine: E): E {
  if (stateOf(engine)) return engine;
  const query = engine.query.bind(engine);
  const run = engine.run.bind(engine);
  const state: LazyState = { any: false, query: (sql) => query(sql), lock: Promise.resolve() };
  const before = async (sql: string) => {
    if (!state.any || !mayWrite(sql)) return;
    const names = changedTables(sql);
    if (names && names.size === 0) return;
    await materialiseLazy(engine, names ?? undefined);
  };
  engine.query = async (sql: string, params?: SqlParam[]): Promise<QueryResult> => {
    await before(sql);
    return query(sql, params);
  };
  engine.run = async (sql: string, options?: RunOptions): Promise<QueryResult> => {
    await before(sql);
    return run(sql, options);
  };
  (engine as unknown as Record<symbol, LazyState>)[LAZY] = state;
  return engine;
}
