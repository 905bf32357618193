/**
 * What the data panel shows about tables: every table in the database (loaded from a file or
 * made by a SQL cell), with its columns, row count and first rows. Renames and removals go
 * through quoted identifiers only.
 */
import type { Engine, Row } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { TABLES_SQL } from '../engine/lazyCanonical';

export interface TableSummary {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

export async function listTables(engine: Engine): Promise<TableSummary[]> {
  const cols = (
    await engine.query(
      `SELECT table_name, column_name, data_type
       FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main'
       ORDER BY table_name, column_index`,
    )
  ).toRows();
  const byTable = new Map<string, { name: string; type: string }[]>();
  for (const c of cols) {
    const list = byTable.get(String(c.table_name)) ?? [];
    list.push({ name: String(c.column_name), type: String(c.data_type) });
    byTable.set(String(c.table_name), list);
  }
  const tables = (
    await engine.query(
      // Tables named "__…" are the app's own bookkeeping (provenance: rows set aside, sources).
      `SELECT table_name FROM ${TABLES_SQL} WHERE NOT internal AND schema_name = 'main'
         AND NOT starts_with(table_name, '__') ORDER BY table_name`,
    )
  ).toRows();
  const out: TableSummary[] = [];
  for (const t of tables) {
    const name = String(t.table_name);
    out.push({ name, rows: await countRows(engine, name), columns: byTable.get(name) ?? [] });
  }
  return out;
}

export async function countRows(engine: Engine, table: string): Promise<number> {
  const r = await engine.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return Number(r.toRows()[0]?.n ?? 0);
}

export async function previewRows(engine: Engine, table: string, limit = 10): Promise<Row[]> {
  return (
    await engine.query(`SELECT * FROM ${quoteIdent(table)} LIMIT ${Math.floor(limit)}`)
  ).toRows();
}

export async function renameTable(engine: Engine, from: string, to: string): Promise<void> {
  await engine.query(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
}

export async function dropTable(engine: Engine, table: string): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  // A canonical table's synthetic rows set aside by real ones go with it.
  await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(`__superseded_${table}`)}`);
}
