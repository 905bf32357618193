/**
 * Makes the demo's pre-built tables (./build.ts) in an engine: each table created with its exact
 * column types, then its rows appended from Arrow IPC (no CSV parsing, no type detection), all in
 * one transaction, and the row counts checked against the manifest. Anything wrong (an engine
 * that cannot import Arrow, another engine version, a short download, a table already there)
 * throws with nothing created, and the caller loads the CSV files instead.
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { DEMO_MANIFEST_VERSION, type DemoManifest } from './manifest';

export async function importPrebuiltTables(
  engine: Engine,
  manifest: DemoManifest,
  data: Uint8Array,
): Promise<void> {
  if (!engine.insertArrowIPC) throw new Error('This engine cannot import Arrow.');
  if (manifest.version !== DEMO_MANIFEST_VERSION)
    throw new Error(`Pre-built demo layout ${manifest.version} is not ${DEMO_MANIFEST_VERSION}.`);
  if (data.byteLength !== manifest.dataBytes)
    throw new Error(`Pre-built demo data is ${data.byteLength} bytes, not ${manifest.dataBytes}.`);
  const version = await engine.version();
  if (version !== manifest.engineVersion)
    throw new Error(`Pre-built for DuckDB ${manifest.engineVersion}, not ${version}.`);
  try {
    // Every table created in one statement (one round trip to the engine's worker, not 22).
    await engine.query(
      [
        'BEGIN TRANSACTION',
        ...manifest.tables.map(
          (t) =>
            `CREATE TABLE ${quoteIdent(t.name)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`,
        ),
      ].join(';\n'),
    );
    for (const t of manifest.tables)
      if (t.rows > 0)
        // A copy: the browser engine hands the bytes to its worker, which detaches them.
        await engine.insertArrowIPC(t.name, data.slice(t.offset, t.offset + t.length));
    await engine.query('COMMIT');
  } catch (e) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  // Row counts from the catalog (exact once committed; a count(*) of every table costs a scan).
  const counts = new Map(
    (
      await engine.query(
        `SELECT table_name, estimated_size FROM duckdb_tables() WHERE schema_name = 'main'`,
      )
    )
      .toRows()
      .map((r) => [String(r.table_name), Number(r.estimated_size)]),
  );
  const short = manifest.tables.find((t) => counts.get(t.name) !== t.rows);
  if (short) {
    // Nothing half-made stays behind: the caller loads the files instead.
    await engine
      .query(manifest.tables.map((t) => `DROP TABLE IF EXISTS ${quoteIdent(t.name)}`).join(';\n'))
      .catch(() => undefined);
    throw new Error(
      `Pre-built table ${short.name} has ${counts.get(short.name) ?? 0} rows, not ${short.rows}.`,
    );
  }
}
