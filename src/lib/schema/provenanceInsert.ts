/**
 * Adding a load's rows to a canonical table with their provenance: refused when another source
 * of the same kind covers the same key, then synthetic rows real ones now cover are set aside.
 */
import type { Engine, Row } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import {
  PROVENANCE_COLUMNS,
  canonicalTable,
  conflictColumnsOf,
  type CanonicalTableName,
} from './tables';
import type { Catalog } from './catalog';
import {
  type SourceRef,
  supersededTable,
  isSyntheticSql,
  sameCoverage,
  exists,
  countIn,
  ensureProvenanceColumns,
  registerSource,
} from './provenanceStore';
import { resolvePrecedence } from './precedence';
import { createLazyCanonical, supportsLazyCanonical } from '../engine/lazyCanonical';

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
  catalog?: Catalog,
  /**
   * The file's table `select` reads, when the rows may stay a view over it while this source is
   * the table's only one (../engine/lazyCanonical.ts), and the view's select (null: copy them).
   */
  lazy?: { from: string; select: () => Promise<string | null> },
): Promise<InsertResult> {
  const def = canonicalTable(table);
  if (catalog) await ensureProvenanceColumnsIn(engine, table, catalog);
  else await ensureProvenanceColumns(engine, table);
  const t = quoteIdent(table);
  if (await onlyThisSource(engine, table, source, catalog)) {
    // Nothing another source gave can meet these rows and nothing is set aside: no conflict to
    // refuse and no precedence to resolve (within one source no row supersedes another). The
    // rows go straight into the table: no staging copy, no pass over the table afterwards.
    const before = await countIn(engine, table);
    const view = before === 0 && lazy && supportsLazyCanonical(engine) ? await lazy.select() : null;
    if (view !== null) {
      // Registered first: the register's own writes must not store the view straight away.
      await registerSource(engine, source);
      const rowsAdded = await createLazyCanonical(engine, table, view, lazy!.from, source);
      return { rowsAdded, rowsSuperseded: 0 };
    }
    await engine.query(
      `INSERT INTO ${t} BY NAME SELECT *, ? AS source_file, ? AS source_id FROM (${select})`,
      [source.fileName, source.id],
    );
    await registerSource(engine, source);
    return { rowsAdded: (await countIn(engine, table)) - before, rowsSuperseded: 0 };
  }
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

/** The provenance columns, answered from (and recorded in) one apply's catalog. */
async function ensureProvenanceColumnsIn(
  engine: Engine,
  table: string,
  catalog: Catalog,
): Promise<void> {
  const have = catalog.columns(table);
  for (const c of PROVENANCE_COLUMNS)
    if (!have.has(c.name)) {
      await engine.query(
        `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`,
      );
      catalog.columnAdded(table, c.name, c.type);
    }
}

/**
 * Whether every row of the table (none, for a new table) comes from this very source and no row
 * is set aside: then adding rows can neither clash with another source nor change which source
 * wins any coverage value.
 */
async function onlyThisSource(
  engine: Engine,
  table: CanonicalTableName,
  source: SourceRef,
  catalog?: Catalog,
): Promise<boolean> {
  const side = supersededTable(table);
  const sideExists = catalog ? catalog.has(side) : await exists(engine, side);
  const r = (
    await engine.query(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)} WHERE source_id IS DISTINCT FROM ?) AS other${
        sideExists ? `, EXISTS (SELECT 1 FROM ${quoteIdent(side)}) AS aside` : ''
      }`,
      [source.id],
    )
  ).toRows()[0];
  return r?.other === false && (!sideExists || r?.aside === false);
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
