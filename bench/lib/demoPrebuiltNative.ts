/**
 * The native baseline for the pre-built demo (issue 17 item 1): native DuckDB (1 thread, fresh
 * in-memory database) making the same tables, with the same exact types and rows, from the
 * columnar files it reads fastest. Native DuckDB has no Arrow IPC reader without an extension
 * it would have to download, so the same tables are first written (not timed) as Parquet from
 * the built app's own data file (assets/demo-tables-*.arrows, with the manifest the build
 * cached beside it); then the timed part creates each table and reads its Parquet file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DemoManifest } from '../../src/lib/demo/manifest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/jsna-demo-tables');

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The built app's data file and the manifest the build made with it, or null if it has none. */
export function builtDemoTables(dist: string): { manifest: DemoManifest; data: Buffer } | null {
  const assets = path.join(dist, 'assets');
  const file = existsSync(assets) ? readdirSync(assets).find((f) => f.endsWith('.arrows')) : null;
  if (!file || !existsSync(CACHE)) return null;
  const data = readFileSync(path.join(assets, file));
  for (const key of readdirSync(CACHE)) {
    const cached = path.join(CACHE, key, 'demo-tables.arrows');
    if (existsSync(cached) && readFileSync(cached).equals(data))
      return {
        manifest: JSON.parse(readFileSync(path.join(CACHE, key, 'demo-manifest.json'), 'utf8')),
        data,
      };
  }
  return null;
}

/** Writes each pre-built table as Parquet (not timed); returns the folder. */
async function writeParquet(manifest: DemoManifest, data: Buffer): Promise<string> {
  const dir = path.join(ROOT, 'bench', '.tmp', 'prebuilt-native');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const [i, t] of manifest.tables.entries()) {
      const rows = tableFromIPC(data.subarray(t.offset, t.offset + t.length)).toArray();
      const json = path.join(dir, `t${i}.ndjson`);
      writeFileSync(
        json,
        rows
          .map((r) =>
            JSON.stringify(r.toJSON(), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
          )
          .join('\n'),
      );
      const columns = t.columns.map((c) => `${q(c.name)} ${c.type}`).join(', ');
      const spec = t.columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.type}'`).join(', ');
      await conn.run(`CREATE TABLE ${q(t.name)} (${columns})`);
      if (rows.length > 0)
        await conn.run(
          `INSERT INTO ${q(t.name)} SELECT * FROM read_json('${json}', format = 'newline_delimited', columns = {${spec}})`,
        );
      await conn.run(`COPY ${q(t.name)} TO '${path.join(dir, `t${i}.parquet`)}' (FORMAT parquet)`);
      rmSync(json);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return dir;
}

/** Native DuckDB, 1 thread: every pre-built table created and read from its Parquet file. */
export async function nativePrebuiltLoad(
  dist: string,
): Promise<{ seconds: number; tables: number; rows: number } | null> {
  const built = builtDemoTables(dist);
  if (!built) return null;
  const dir = await writeParquet(built.manifest, built.data);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const t0 = performance.now();
    for (const [i, t] of built.manifest.tables.entries()) {
      const columns = t.columns.map((c) => `${q(c.name)} ${c.type}`).join(', ');
      await conn.run(`CREATE TABLE ${q(t.name)} (${columns})`);
      await conn.run(
        `INSERT INTO ${q(t.name)} SELECT * FROM read_parquet('${path.join(dir, `t${i}.parquet`)}')`,
      );
    }
    return {
      seconds: (performance.now() - t0) / 1000,
      tables: built.manifest.tables.length,
      rows: built.manifest.tables.reduce((n, t) => n + t.rows, 0),
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
