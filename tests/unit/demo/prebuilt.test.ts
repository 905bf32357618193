/**
 * The demo's pre-built tables (src/lib/demo, built by tools/vite/demoTables.ts on every build)
 * are the demo's files loaded through the app's own ingest; imported into a fresh engine they
 * must be identical to what that ingest made: the same tables (bookkeeping included), columns,
 * exact types and rows. The manifest must name the files exactly (name, size, SHA-256), so the
 * data panel, provenance and the report say what a load of the files would.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { quoteIdent } from '../../../src/lib/engine/sql';
import { buildDemoTables, describeAllTables } from '../../../src/lib/demo/build';
import { DEMO_FILE_LIST } from '../../../src/lib/demo/files';
import { importPrebuiltTables } from '../../../src/lib/demo/importTables';
import type { DemoManifest } from '../../../src/lib/demo/manifest';
import {
  buildViewEnvironment,
  environmentFrom,
  readViewEnvironmentData,
} from '../../../src/lib/views/context';
import { computeDemoViews, decodeViewResult } from '../../../src/lib/demo/readyMade';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => new Uint8Array(readFileSync(path.join(ROOT, p)));

/** Every row of a table, as text, sorted: equal digests mean the same multiset of rows. */
async function digest(engine: Engine, table: string): Promise<string> {
  const t = quoteIdent(table);
  const r = await engine.query(
    `SELECT count(*) AS n, md5(coalesce(string_agg(CAST(x AS VARCHAR), chr(10) ORDER BY CAST(x AS VARCHAR)), '')) AS h
     FROM (SELECT ${t} AS x FROM ${t})`,
  );
  const row = r.toRows()[0];
  return `${row.n} ${row.h}`;
}

describe('the demo pre-built', () => {
  let built: Engine;
  let imported: Engine;
  let manifest: DemoManifest;
  let data: Uint8Array;

  beforeAll(async () => {
    built = await createNodeEngine();
    imported = await createNodeEngine();
    ({ manifest, data } = await buildDemoTables(
      built,
      DEMO_FILE_LIST.map((f) => ({ path: f.path, fileName: f.name, bytes: read(f.path) })),
    ));
    await importPrebuiltTables(imported, manifest, data);
  }, 600_000);

  it('has every table the ingest made, with the same columns and exact types', async () => {
    const before = await describeAllTables(built);
    expect(before.map((t) => t.name)).toEqual(
      expect.arrayContaining(['areas', 'population', 'deaths', '__sources']),
    );
    expect(await describeAllTables(imported)).toEqual(before);
  });

  it('has the same rows in every table, provenance columns included', async () => {
    const tables = await describeAllTables(built);
    expect(tables.find((t) => t.name === 'deaths')?.columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['source_file', 'source_id']),
    );
    for (const t of tables)
      expect(await digest(imported, t.name), t.name).toBe(await digest(built, t.name));
  });

  it('ships what the views read from the tables: catalog, areas, neighbours, provenance', async () => {
    // The demo builds its views' environment from the manifest instead of reading it: it must be
    // what reading the imported tables gives (through JSON, as the app receives it).
    const shipped = JSON.parse(JSON.stringify(manifest.environment)) as DemoManifest['environment'];
    expect(shipped.areas.length).toBeGreaterThan(300);
    expect(shipped.provenance?.sources.length).toBeGreaterThan(0);
    expect(shipped).toEqual(await readViewEnvironmentData(imported));
  });

  it('has ready-made views that are what the engine computes over the imported tables', async () => {
    // As the build makes them (the manifest's environment) and as the app's engine run after
    // the import does (the environment read again from the imported tables).
    const ready = await computeDemoViews(environmentFrom(built, manifest.environment));
    const live = await computeDemoViews(await buildViewEnvironment(imported));
    expect(ready.cells.map((c) => c.viewId)).toEqual([
      'drug-deaths',
      'unmet-need',
      'cjs-treatment',
      'la-comparison',
    ]);
    expect(live.results).toEqual(ready.results);
    const deaths = decodeViewResult(ready.results[0]);
    expect(deaths.tables[0].rows.some((r) => r.area_name === 'Peterborough')).toBe(true);
    // The comparison read the deaths view's indicators (the demo's chain of views).
    const comparison = decodeViewResult(ready.results[3]);
    expect(comparison.tables[0].caption).toMatch(/^Deaths from drug misuse/);
  }, 300_000);

  it('names each file as loaded: its name, size, SHA-256, table and what the load said', () => {
    expect(manifest.files.map((f) => [f.path, f.fileName])).toEqual(
      DEMO_FILE_LIST.map((f) => [f.path, f.name]),
    );
    for (const f of manifest.files) {
      const bytes = read(f.path);
      expect(f.fileSize).toBe(bytes.byteLength);
      expect(f.fingerprint).toBe('sha256:' + createHash('sha256').update(bytes).digest('hex'));
      expect(f.mapping.status, f.fileName).toBe('applied');
      expect(manifest.tables.some((t) => t.name === f.table)).toBe(true);
    }
  });

  it('refuses data that does not match its manifest, creating nothing', async () => {
    const engine = await createNodeEngine();
    await expect(
      importPrebuiltTables(engine, manifest, data.subarray(0, data.byteLength - 1)),
    ).rejects.toThrow(/bytes/);
    const broken = {
      ...manifest,
      tables: manifest.tables.map((t) => ({ ...t, rows: t.rows + 1 })),
    };
    await expect(importPrebuiltTables(engine, broken, data)).rejects.toThrow(/rows/);
    expect(await describeAllTables(engine)).toEqual([]);
  });
});
