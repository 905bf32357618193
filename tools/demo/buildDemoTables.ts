/**
 * Builds the demo's pre-built tables (src/lib/demo/build.ts) into a folder:
 *
 *   npx tsx tools/demo/buildDemoTables.ts <outDir>
 *
 * writes demo-tables.arrows (every table's Arrow IPC stream, one after another) and
 * demo-manifest.json, then runs the demo's four views over them as the app would after "Load
 * demo data" and writes their results to demo-views.json (src/lib/demo/readyMade.ts; `null` when
 * they could not be computed: the demo then only shows the engine's). Run by the Vite plugin
 * tools/vite/demoTables.ts on every build whose inputs changed; it runs the app's own ingest on
 * the wasm engine in Node.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/node';
import { buildDemoTables } from '../../src/lib/demo/build';
import { DEMO_FILE_LIST } from '../../src/lib/demo/files';
import { computeDemoViews, type ReadyMadeViews } from '../../src/lib/demo/readyMade';
import { environmentFrom } from '../../src/lib/views';

const DATA_FILE = 'demo-tables.arrows';
const MANIFEST_FILE = 'demo-manifest.json';
const VIEWS_FILE = 'demo-views.json';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function main(outDir: string): Promise<void> {
  const started = performance.now();
  const engine = await createNodeEngine();
  try {
    const { manifest, data } = await buildDemoTables(
      engine,
      DEMO_FILE_LIST.map((f) => ({
        path: f.path,
        fileName: f.name,
        bytes: new Uint8Array(readFileSync(path.join(ROOT, f.path))),
      })),
    );
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, DATA_FILE), data);
    writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest));
    let views: ReadyMadeViews | null = null;
    try {
      views = await computeDemoViews(environmentFrom(engine, manifest.environment));
    } catch (e) {
      // The tables are still good: the demo then waits for the engine's views, as before.
      console.error(
        `demo views: not ready-made, ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
    writeFileSync(path.join(outDir, VIEWS_FILE), JSON.stringify(views));
    console.log(
      `demo tables: ${manifest.tables.length} tables, ${(data.byteLength / 1e6).toFixed(1)} MB${views ? `, ${views.results.length} views ready-made` : ''}, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await engine.close();
  }
}

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx tools/demo/buildDemoTables.ts <outDir>');
  process.exit(2);
}
main(path.resolve(out)).catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
