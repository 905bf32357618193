/**
 * The tables of the main schema and their columns, read in one statement and kept up to date by
 * the code that changes them. Applying a mapping asks "does this table exist, which columns has
 * it" many times over; each question was a statement (and, in the browser, a round trip to the
 * engine's worker), so one apply reads the catalog once and answers from this copy.
 */
import type { Engine } from '../engine/types';

export class Catalog {
  private constructor(private readonly tables: Map<string, Map<string, string>>) {}

  static async read(engine: Engine): Promise<Catalog> {
    const rows = (
      await engine.query(
        `SELECT table_name, column_name, data_type FROM duckdb_columns()
         WHERE schema_name = 'main' ORDER BY table_name, column_index`,
      )
    ).toRows();
    const tables = new Map<string, Map<string, string>>();
    for (const r of rows) {
      const name = String(r.table_name);
      const cols = tables.get(name) ?? new Map<string, string>();
      cols.set(String(r.column_name), String(r.data_type));
      tables.set(name, cols);
    }
    return new Catalog(tables);
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  /** Column name → DuckDB type, in table order (empty when the table does not exist). */
  columns(table: string): Map<string, string> {
    return this.tables.get(table) ?? new Map();
  }

  /** Record a table this code created (or replaced). */
  created(table: string, columns: Iterable<readonly [string, string]>): void {
    this.tables.set(table, new Map(columns));
  }

  /** Record a column this code added. */
  columnAdded(table: string, column: string, type: string): void {
    const cols = this.tables.get(table) ?? new Map<string, string>();
    cols.set(column, type);
    this.tables.set(table, cols);
  }
}
