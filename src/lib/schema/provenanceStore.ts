/**
 * Where provenance is kept: the \`__sources\` register of loads, the \`__superseded_<table>\` side
 * tables, the provenance columns on each canonical table, and the small catalog and counting
 * helpers the other provenance modules share.
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { TABLES_SQL } from '../engine/lazyCanonical';
import { CANONICAL_TABLES, PROVENANCE_COLUMNS, type CanonicalTableName } from './tables';

/** One load of a file (or one derivation) into the canonical tables. */
export interface SourceRef {
  /** Unique per load: the raw table's name, or "derived:<from>:<table>". */
  id: string;
  /** What the analyst knows it by: the file name (or "counted from <table>"). */
  fileName: string;
  /** How it was mapped (JSON of the ColumnMapping, or the derivation's options). */
  mapping?: string;
}

/** Prefix of the tables provenance keeps beside the canonical ones (hidden from the data panel). */
export const PROVENANCE_PREFIX = '__';
export const SOURCES_TABLE = '__sources';
export const supersededTable = (t: CanonicalTableName) => `__superseded_${t}`;

export const isSyntheticSql = (alias: string) => `COALESCE(${alias}.synthetic, false)`;

export function sameCoverage(columns: string[], a: string, b: string): string {
  return columns
    .map((c) => `${a}.${quoteIdent(c)} IS NOT DISTINCT FROM ${b}.${quoteIdent(c)}`)
    .join(' AND ');
}

export async function exists(engine: Engine, table: string): Promise<boolean> {
  const r = await engine.query(
    `SELECT count(*) AS n FROM ${TABLES_SQL} WHERE schema_name = 'main' AND table_name = ?`,
    [table],
  );
  return Number(r.toRows()[0]?.n ?? 0) > 0;
}

export async function columnsOf(engine: Engine, table: string): Promise<Map<string, string>> {
  const r = await engine.query(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index`,
    [table],
  );
  return new Map(r.toRows().map((x) => [String(x.column_name), String(x.data_type)]));
}

export async function countWhere(
  engine: Engine,
  table: string,
  where: string,
  params: (string | number)[],
): Promise<number> {
  return Number(
    (await engine.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).toRows()[0]
      ?.n ?? 0,
  );
}

export async function countIn(engine: Engine, table: string): Promise<number> {
  if (!(await exists(engine, table))) return 0;
  return countWhere(engine, quoteIdent(table), 'TRUE', []);
}

/** The provenance columns on a canonical table (older tables, or one made by saveIndicators). */
export async function ensureProvenanceColumns(engine: Engine, table: string): Promise<void> {
  const have = await columnsOf(engine, table);
  for (const c of PROVENANCE_COLUMNS)
    if (!have.has(c.name))
      await engine.query(
        `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`,
      );
}

/** Registers a load; `seq` orders loads (the newest synthetic source wins). */
export async function registerSource(engine: Engine, source: SourceRef): Promise<void> {
  await engine.query(
    `CREATE TABLE IF NOT EXISTS ${SOURCES_TABLE} (source_id VARCHAR, source_file VARCHAR, mapping VARCHAR, seq BIGINT)`,
  );
  await engine.query(`DELETE FROM ${SOURCES_TABLE} WHERE source_id = ?`, [source.id]);
  await engine.query(
    `INSERT INTO ${SOURCES_TABLE} SELECT ?, ?, ?, COALESCE(max(seq), 0) + 1 FROM ${SOURCES_TABLE}`,
    [source.id, source.fileName, source.mapping ?? null],
  );
}

/** The registered sources whose id starts with a prefix (derivations: "derived:treatment_episodes:"). */
export async function sourcesWithPrefix(engine: Engine, prefix: string): Promise<SourceRef[]> {
  if (!(await exists(engine, SOURCES_TABLE))) return [];
  return (
    await engine.query(
      `SELECT source_id, source_file, mapping FROM ${SOURCES_TABLE} WHERE starts_with(source_id, ?) ORDER BY source_id`,
      [prefix],
    )
  )
    .toRows()
    .map((r) => ({
      id: String(r.source_id),
      fileName: String(r.source_file),
      mapping: r.mapping === null ? undefined : String(r.mapping),
    }));
}

/** Whether any canonical row (shown or set aside) came from this load. */
export async function isSource(engine: Engine, sourceId: string): Promise<boolean> {
  if (await exists(engine, SOURCES_TABLE)) {
    const r = await engine.query(`SELECT count(*) AS n FROM ${SOURCES_TABLE} WHERE source_id = ?`, [
      sourceId,
    ]);
    if (Number(r.toRows()[0]?.n ?? 0) > 0) return true;
  }
  return false;
}

/** Drops the side tables and the register (when every table goes: a new notebook). */
export async function dropProvenanceStores(engine: Engine): Promise<void> {
  for (const def of CANONICAL_TABLES)
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(supersededTable(def.name))}`);
  await engine.query(`DROP TABLE IF EXISTS ${SOURCES_TABLE}`);
}
