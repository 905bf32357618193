/**
 * Provenance: every canonical row knows the load it came from (`source_id`, `source_file`), so
 * removing a file removes exactly its rows, and two sources are never summed silently:
 *
 *  - Real rows replace synthetic rows with the same coverage value (tables.ts `coverage`: area and
 *    period for most aggregates), and newer synthetic rows replace older ones (training data made
 *    after the demo's, counts derived from synthetic records). The replaced rows are moved aside
 *    into `__superseded_<table>` (same columns plus `superseded_by`), not deleted, and come back
 *    when the file that replaced them is removed. The canonical tables stay tables with the names
 *    the views read: no view's SQL changes.
 *  - Two real sources for one coverage value are refused with both files named; nothing of the
 *    second is added.
 *
 * `__sources` registers each load: its file name and the mapping it went through.
 */
import type { Engine, Row } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import {
  CANONICAL_TABLES,
  PROVENANCE_COLUMNS,
  canonicalTable,
  conflictColumnsOf,
  coverageOf,
  type CanonicalTableName,
} from './tables';

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

/** Thrown when a file's rows would meet another source's rows for the same key. */
export class SourceConflictError extends Error {
  constructor(
    message: string,
    readonly table: CanonicalTableName,
    readonly otherSources: { id: string | null; fileName: string }[],
  ) {
    super(message);
    this.name = 'SourceConflictError';
  }
}

const isSyntheticSql = (alias: string) => `COALESCE(${alias}.synthetic, false)`;

function sameCoverage(columns: string[], a: string, b: string): string {
  return columns
    .map((c) => `${a}.${quoteIdent(c)} IS NOT DISTINCT FROM ${b}.${quoteIdent(c)}`)
    .join(' AND ');
}

async function exists(engine: Engine, table: string): Promise<boolean> {
  const r = await engine.query(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?`,
    [table],
  );
  return Number(r.toRows()[0]?.n ?? 0) > 0;
}

async function columnsOf(engine: Engine, table: string): Promise<Map<string, string>> {
  const r = await engine.query(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index`,
    [table],
  );
  return new Map(r.toRows().map((x) => [String(x.column_name), String(x.data_type)]));
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

/** The side table synthetic rows wait in while a real source covers them, in step with `table`. */
async function ensureSuperseded(engine: Engine, table: CanonicalTableName): Promise<string> {
  const side = supersededTable(table);
  if (!(await exists(engine, side)))
    await engine.query(
      `CREATE TABLE ${quoteIdent(side)} AS SELECT *, CAST(NULL AS VARCHAR) AS superseded_by FROM ${quoteIdent(table)} LIMIT 0`,
    );
  const have = await columnsOf(engine, side);
  for (const [name, type] of await columnsOf(engine, table))
    if (!have.has(name))
      await engine.query(`ALTER TABLE ${quoteIdent(side)} ADD COLUMN ${quoteIdent(name)} ${type}`);
  return side;
}

/** Registers a load; `seq` orders loads (the newest synthetic source wins). */
async function registerSource(engine: Engine, source: SourceRef): Promise<void> {
  await engine.query(
    `CREATE TABLE IF NOT EXISTS ${SOURCES_TABLE} (source_id VARCHAR, source_file VARCHAR, mapping VARCHAR, seq BIGINT)`,
  );
  await engine.query(`DELETE FROM ${SOURCES_TABLE} WHERE source_id = ?`, [source.id]);
  await engine.query(
    `INSERT INTO ${SOURCES_TABLE} SELECT ?, ?, ?, COALESCE(max(seq), 0) + 1 FROM ${SOURCES_TABLE}`,
    [source.id, source.fileName, source.mapping ?? null],
  );
}

/** Plain words for a coverage value: "E06000010 2022/23" (names are added where the caller can). */
function describeKey(row: Row, columns: string[]): string {
  return columns
    .map((c) => (row[c] === null || row[c] === undefined ? '(blank)' : String(row[c])))
    .join(' ');
}

export interface InsertResult {
  rowsAdded: number;
  /** Synthetic rows (already there or in this file) set aside because real rows cover them. */
  rowsSuperseded: number;
}

/**
 * Appends the rows of `select` to a canonical table as coming from `source`, refusing them when
 * another source of the same kind covers the same key, then sets aside synthetic rows that real
 * rows now cover. The caller holds the transaction (a refusal must leave nothing behind).
 */
export async function insertWithProvenance(
  engine: Engine,
  table: CanonicalTableName,
  select: string,
  source: SourceRef,
): Promise<InsertResult> {
  const def = canonicalTable(table);
  await ensureProvenanceColumns(engine, table);
  const t = quoteIdent(table);
  const incoming = '__incoming';
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${incoming} AS SELECT * FROM ${t} LIMIT 0`);
  await engine.query(
    `INSERT INTO ${incoming} BY NAME SELECT *, ? AS source_file, ? AS source_id FROM (${select})`,
    [source.fileName, source.id],
  );
  try {
    const conflictCols = conflictColumnsOf(def);
    if (conflictCols.length > 0) await refuseConflicts(engine, table, conflictCols, source);
    const rowsAdded = Number(
      (await engine.query(`SELECT count(*) AS n FROM ${incoming}`)).toRows()[0]?.n ?? 0,
    );
    await engine.query(`INSERT INTO ${t} BY NAME SELECT * FROM ${incoming}`);
    await registerSource(engine, source);
    const aside = () => countIn(engine, supersededTable(table));
    const before = await aside();
    await resolvePrecedence(engine, table);
    return { rowsAdded, rowsSuperseded: Math.max(0, (await aside()) - before) };
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${incoming}`);
  }
}

async function refuseConflicts(
  engine: Engine,
  table: CanonicalTableName,
  columns: string[],
  source: SourceRef,
): Promise<void> {
  const side = supersededTable(table);
  const others = (await exists(engine, side))
    ? `(SELECT * EXCLUDE (superseded_by) FROM ${quoteIdent(side)} UNION ALL BY NAME SELECT * FROM ${quoteIdent(table)})`
    : quoteIdent(table);
  const cols = columns.map((c) => `i.${quoteIdent(c)}`).join(', ');
  const clashes = (
    await engine.query(
      `SELECT DISTINCT ${cols}, o.source_id AS other_id, o.source_file AS other_file, ${isSyntheticSql('i')} AS synthetic
       FROM __incoming i JOIN ${others} o
         ON ${sameCoverage(columns, 'i', 'o')} AND NOT ${isSyntheticSql('i')} AND NOT ${isSyntheticSql('o')}
       WHERE o.source_id IS DISTINCT FROM i.source_id
       ORDER BY ALL LIMIT 200`,
    )
  ).toRows();
  if (clashes.length === 0) return;
  const files = new Map<string, { id: string | null; fileName: string }>();
  for (const c of clashes) {
    const id = c.other_id === null ? null : String(c.other_id);
    const fileName =
      c.other_file === null
        ? 'rows added in the notebook (a SQL cell or a summing step)'
        : String(c.other_file);
    files.set(`${id}\u0000${fileName}`, { id, fileName });
  }
  const kind = 'real';
  const keys = [...new Set(clashes.map((c) => describeKey(c, columns)))];
  const list = [...files.values()].map((f) => f.fileName);
  throw new SourceConflictError(
    `Nothing was added to ${table}: ${source.fileName} and ${list.join(' and ')} both give ${kind} rows for the same ${columns.join(', ')} (${keys.slice(0, 5).join('; ')}${keys.length > 5 ? `; and ${keys.length - 5} more` : ''}). The views would add them together. Remove one of the files (or the rows) and load again.`,
    table,
    [...files.values()],
  );
}

async function countIn(engine: Engine, table: string): Promise<number> {
  if (!(await exists(engine, table))) return 0;
  return countWhere(engine, quoteIdent(table), 'TRUE', []);
}

/**
 * Decides, for every coverage value of a table, which source the views read: a real source when
 * there is one, else the newest synthetic source. Synthetic rows of every other source are moved
 * into the side table (with the winner's id as `superseded_by`); rows set aside earlier whose
 * winner has gone come back. Real rows are never set aside (two real sources are refused).
 */
export async function resolvePrecedence(engine: Engine, table: CanonicalTableName): Promise<void> {
  const cols = await columnsOf(engine, table);
  const columns = coverageOf(canonicalTable(table)).filter((c) => cols.has(c));
  if (columns.length === 0 || !cols.has('synthetic') || !cols.has('source_id')) return;
  const t = quoteIdent(table);
  const sideName = supersededTable(table);
  if (await exists(engine, sideName)) {
    const side = quoteIdent(sideName);
    await engine.query(`INSERT INTO ${t} BY NAME SELECT * EXCLUDE (superseded_by) FROM ${side}`);
    await engine.query(`DELETE FROM ${side}`);
  }
  if ((await countWhere(engine, t, 'COALESCE(synthetic, false)', [])) === 0) return;
  const order = (await exists(engine, SOURCES_TABLE))
    ? `COALESCE((SELECT max(seq) FROM ${SOURCES_TABLE} src WHERE src.source_id = r.source_id), 0)`
    : '0';
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE __winners AS
     SELECT ${columns.map(quoteIdent).join(', ')}, arg_max(COALESCE(source_id, ''), rank) AS winner FROM (
       SELECT ${columns.map((c) => `r.${quoteIdent(c)}`).join(', ')}, r.source_id,
              (CASE WHEN ${isSyntheticSql('r')} THEN 0 ELSE 1000000000000 END) + ${order} AS rank
       FROM ${t} r)
     GROUP BY ALL`,
  );
  try {
    // Rows with no recorded source (SQL cells) compete as source ''.
    const loser = `${isSyntheticSql('s')} AND COALESCE(s.source_id, '') <> w.winner`;
    const n = Number(
      (
        await engine.query(
          `SELECT count(*) AS n FROM ${t} s JOIN __winners w ON ${sameCoverage(columns, 's', 'w')} WHERE ${loser}`,
        )
      ).toRows()[0]?.n ?? 0,
    );
    if (n === 0) return;
    const side = quoteIdent(await ensureSuperseded(engine, table));
    await engine.query(
      `INSERT INTO ${side} BY NAME SELECT s.*, NULLIF(w.winner, '') AS superseded_by
       FROM ${t} s JOIN __winners w ON ${sameCoverage(columns, 's', 'w')} WHERE ${loser}`,
    );
    await engine.query(
      `DELETE FROM ${t} s WHERE EXISTS (SELECT 1 FROM __winners w WHERE ${sameCoverage(columns, 's', 'w')} AND ${loser})`,
    );
  } finally {
    await engine.query('DROP TABLE IF EXISTS __winners');
  }
}

export interface RemoveResult {
  /** Rows removed per canonical table (rows set aside included). */
  removed: Partial<Record<CanonicalTableName, number>>;
  /** Synthetic rows brought back per table because the real rows covering them went. */
  restored: Partial<Record<CanonicalTableName, number>>;
}

/** Removes every row a source gave, everywhere, and brings back the synthetic rows it covered. */
export async function removeSource(engine: Engine, sourceId: string): Promise<RemoveResult> {
  await engine.query('BEGIN TRANSACTION');
  try {
    const out = await removeSourceRows(engine, sourceId);
    await engine.query('COMMIT');
    return out;
  } catch (e) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** removeSource inside the caller's transaction (a derivation replacing its earlier rows). */
export async function removeSourceRows(engine: Engine, sourceId: string): Promise<RemoveResult> {
  const out: RemoveResult = { removed: {}, restored: {} };
  for (const def of CANONICAL_TABLES) {
    const table = def.name;
    if (!(await exists(engine, table))) continue;
    if (!(await columnsOf(engine, table)).has('source_id')) continue;
    const t = quoteIdent(table);
    let removed = await countWhere(engine, t, 'source_id = ?', [sourceId]);
    if (removed > 0) await engine.query(`DELETE FROM ${t} WHERE source_id = ?`, [sourceId]);
    const side = supersededTable(table);
    if (await exists(engine, side)) {
      const s = quoteIdent(side);
      const gone = await countWhere(engine, s, 'source_id = ?', [sourceId]);
      if (gone > 0) await engine.query(`DELETE FROM ${s} WHERE source_id = ?`, [sourceId]);
      removed += gone;
      // What it had replaced comes back (unless another source still covers it).
      const back = await countWhere(engine, s, 'superseded_by = ?', [sourceId]);
      if (back > 0) {
        const before = await countIn(engine, side);
        await resolvePrecedence(engine, table);
        const restored = before - (await countIn(engine, side));
        if (restored > 0) out.restored[table] = restored;
      }
    }
    if (removed > 0) out.removed[table] = removed;
  }
  if (await exists(engine, SOURCES_TABLE))
    await engine.query(`DELETE FROM ${SOURCES_TABLE} WHERE source_id = ?`, [sourceId]);
  return out;
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

async function countWhere(
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

/** Drops the side tables and the register (when every table goes: a new notebook). */
export async function dropProvenanceStores(engine: Engine): Promise<void> {
  for (const def of CANONICAL_TABLES)
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(supersededTable(def.name))}`);
  await engine.query(`DROP TABLE IF EXISTS ${SOURCES_TABLE}`);
}

// ---- reading it back: the data panel and the views -------------------------------------------

/** A source's share of one canonical table. */
export interface TableSource {
  table: CanonicalTableName;
  /** null for rows with no recorded source (added by a SQL cell or a summing step). */
  sourceId: string | null;
  fileName: string;
  /** Rows the views read. */
  rows: number;
  /** Its synthetic rows set aside because real rows cover them. */
  rowsSuperseded: number;
  synthetic: boolean;
}

/** Real rows standing in for synthetic ones: one per table and coverage value. */
export interface Override {
  table: CanonicalTableName;
  /** The coverage value, e.g. { area_code: 'E06000010', period: '2022/23' }. */
  key: Record<string, string | null>;
  /** The source the views read instead (real, or a newer synthetic one). */
  bySourceId: string | null;
  byFile: string;
  bySynthetic: boolean;
  /** The files whose (synthetic) rows are set aside. */
  syntheticFiles: string[];
  /** Synthetic rows set aside for this key. */
  rows: number;
}

export interface Provenance {
  sources: TableSource[];
  overrides: Override[];
  /** Coverage values (e.g. area and period) the views still read synthetic rows for, per table. */
  syntheticKeys: Partial<Record<CanonicalTableName, Record<string, string | null>[]>>;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Sources, overrides and synthetic keys of every canonical table: a few statements per table. */
export async function readProvenance(engine: Engine): Promise<Provenance> {
  const out: Provenance = { sources: [], overrides: [], syntheticKeys: {} };
  const present = new Set(
    (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`))
      .toRows()
      .map((r) => String(r.table_name)),
  );
  const hasSources = present.has(SOURCES_TABLE);
  for (const def of CANONICAL_TABLES) {
    const table = def.name;
    if (!present.has(table)) continue;
    const cols = await columnsOf(engine, table);
    const t = quoteIdent(table);
    const side = supersededTable(table);
    const hasSide = present.has(side);
    const syn = cols.has('synthetic') ? 'COALESCE(synthetic, false)' : 'false';
    const prov = cols.has('source_id')
      ? 'source_id, source_file'
      : 'CAST(NULL AS VARCHAR) AS source_id, CAST(NULL AS VARCHAR) AS source_file';
    const rows = (
      await engine.query(
        `SELECT source_id, any_value(source_file) AS source_file, count(*) FILTER (WHERE NOT hidden) AS n,
                count(*) FILTER (WHERE hidden) AS hidden, bool_and(syn) AS synthetic
         FROM (SELECT ${prov}, ${syn} AS syn, false AS hidden FROM ${t}
               ${hasSide ? `UNION ALL SELECT source_id, source_file, COALESCE(synthetic, false), true FROM ${quoteIdent(side)}` : ''})
         GROUP BY source_id ORDER BY any_value(source_file) NULLS LAST, source_id`,
      )
    ).toRows();
    for (const r of rows)
      out.sources.push({
        table,
        sourceId: text(r.source_id),
        fileName:
          text(r.source_file) ?? 'rows added in the notebook (a SQL cell or a summing step)',
        rows: Number(r.n),
        rowsSuperseded: Number(r.hidden),
        synthetic: r.synthetic === true,
      });
    const coverage = coverageOf(def).filter((c) => cols.has(c));
    if (coverage.length === 0) continue;
    const keyCols = coverage.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`);
    if (hasSide) {
      const o = (
        await engine.query(
          `SELECT ${coverage.map((c) => `CAST(s.${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`).join(', ')},
                  s.superseded_by, ${hasSources ? 'any_value(src.source_file)' : 'NULL'} AS by_file,
                  string_agg(DISTINCT s.source_file, chr(31) ORDER BY s.source_file) AS synthetic_files, count(*) AS n
           FROM ${quoteIdent(side)} s ${hasSources ? `LEFT JOIN ${SOURCES_TABLE} src ON src.source_id = s.superseded_by` : ''}
           GROUP BY ALL ORDER BY ALL`,
        )
      ).toRows();
      for (const r of o)
        out.overrides.push({
          table,
          key: Object.fromEntries(coverage.map((c) => [c, text(r[c])])),
          bySourceId: text(r.superseded_by),
          byFile: text(r.by_file) ?? 'rows added in the notebook',
          bySynthetic:
            out.sources.find((x) => x.table === table && x.sourceId === text(r.superseded_by))
              ?.synthetic ?? false,
          // Joined with the unit separator (chr 31), which no file name holds.
          syntheticFiles: String(r.synthetic_files ?? '')
            .split('\u001f')
            .filter(Boolean),
          rows: Number(r.n),
        });
    }
    if (cols.has('synthetic')) {
      const k = (
        await engine.query(
          `SELECT DISTINCT ${keyCols.join(', ')} FROM ${t} WHERE COALESCE(synthetic, false) ORDER BY ALL`,
        )
      ).toRows();
      if (k.length > 0)
        out.syntheticKeys[table] = k.map((r) =>
          Object.fromEntries(coverage.map((c) => [c, text(r[c])])),
        );
    }
  }
  return out;
}

/**
 * One sentence per override, for the data panel and the views:
 * "Kingston upon Hull 2022/23: hull_cjs.csv replaces the synthetic rows (synthetic_cjs_treatment.csv)."
 */
export function overrideNote(o: Override, areaName: (code: string) => string = (c) => c): string {
  const parts = Object.entries(o.key).map(([c, v]) =>
    c === 'area_code' && v ? areaName(v) : (v ?? '(blank)'),
  );
  return o.bySynthetic
    ? `${parts.join(' ')}: ${o.byFile} replaces the rows of ${o.syntheticFiles.join(', ')} (both synthetic).`
    : `${parts.join(' ')}: ${o.byFile} replaces the synthetic rows (${o.syntheticFiles.join(', ')}).`;
}

/** A raw table renamed after loading: its rows keep pointing at it under the new name. */
export async function renameSource(engine: Engine, from: string, to: string): Promise<void> {
  for (const def of CANONICAL_TABLES) {
    for (const table of [def.name, supersededTable(def.name)]) {
      if (!(await exists(engine, table))) continue;
      const cols = await columnsOf(engine, table);
      const t = quoteIdent(table);
      if (cols.has('source_id'))
        await engine.query(`UPDATE ${t} SET source_id = ? WHERE source_id = ?`, [to, from]);
      if (cols.has('superseded_by'))
        await engine.query(`UPDATE ${t} SET superseded_by = ? WHERE superseded_by = ?`, [to, from]);
    }
  }
  if (await exists(engine, SOURCES_TABLE))
    await engine.query(`UPDATE ${SOURCES_TABLE} SET source_id = ? WHERE source_id = ?`, [to, from]);
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

/** Whether a coverage value is for one of the areas (and the period, when one is given). */
function keyMatches(
  key: Record<string, string | null>,
  areaCodes?: readonly string[],
  period?: string | null,
): boolean {
  if (areaCodes && 'area_code' in key && !areaCodes.includes(key.area_code ?? '')) return false;
  if (period) {
    const p = key.period ?? key.year;
    if (p !== undefined && p !== period) return false;
  }
  return true;
}

/**
 * For a view: the overrides of one table among the areas (and period) it shows. Word each with
 * overrideNote(o, ctx.areas.name) and add it to the view's notes.
 */
export function overridesFor(
  provenance: Provenance | undefined,
  table: CanonicalTableName,
  areaCodes?: readonly string[],
  period?: string | null,
): Override[] {
  return (provenance?.overrides ?? []).filter(
    (o) => o.table === table && keyMatches(o.key, areaCodes, period),
  );
}

/**
 * For a view's SYNTHETIC banner: the coverage values (area, period, …) of one table it reads
 * synthetic rows for, among the areas (and period) it shows. Empty: every row it shows is real.
 */
export function syntheticKeysFor(
  provenance: Provenance | undefined,
  table: CanonicalTableName,
  areaCodes?: readonly string[],
  period?: string | null,
): Record<string, string | null>[] {
  return (provenance?.syntheticKeys[table] ?? []).filter((k) => keyMatches(k, areaCodes, period));
}

/** "Kingston upon Hull 2021/22, 2022/23; Peterborough 2022/23": synthetic keys in words, by area. */
export function describeKeys(
  keys: readonly Record<string, string | null>[],
  areaName: (code: string) => string = (c) => c,
): string {
  const byArea = new Map<string, string[]>();
  for (const k of keys) {
    const area = k.area_code ? areaName(k.area_code) : '';
    const rest = Object.entries(k)
      .filter(([c]) => c !== 'area_code')
      .map(([, v]) => v ?? '(blank)')
      .join(' ');
    const list = byArea.get(area) ?? [];
    if (rest && !list.includes(rest)) list.push(rest);
    byArea.set(area, list);
  }
  return [...byArea.entries()]
    .map(([area, rest]) => [area, rest.join(', ')].filter(Boolean).join(' '))
    .join('; ');
}
