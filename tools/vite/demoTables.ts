/**
 * The demo's pre-built tables in the build (issue 17: "Load demo data" to four views in seconds).
 * On every build, tools/demo/buildDemoTables.ts runs the app's own ingest over the demo's files
 * on the wasm engine in Node and exports every resulting table as Arrow IPC with a manifest
 * (src/lib/demo). The result is cached under node_modules/.cache by a hash of everything it
 * depends on (the demo files, src/lib, tools/demo, the engine's version), so it is regenerated
 * whenever any of them changes and never goes stale. The app imports `virtual:jsna-demo-tables`:
 * { manifest, dataUrl, views } (views: the demo's views ready-made, src/lib/demo/readyMade.ts;
 * the data file is an ordinary hashed asset, so the service worker precaches it), or null when
 * the tables could not be built (then the demo loads its CSV files).
 * The dev server uses a build already cached and does not start one (it takes tens of seconds).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const VIRTUAL = 'virtual:jsna-demo-tables';
const RESOLVED = '\0' + VIRTUAL;
const DATA_FILE = 'demo-tables.arrows';
const MANIFEST_FILE = 'demo-manifest.json';
/** The demo's views computed over those tables (src/lib/demo/readyMade.ts), or null. */
const VIEWS_FILE = 'demo-views.json';
/** What the tables depend on: the code that loads and maps files, and the demo's files. */
const INPUT_DIRS = ['src/lib', 'tools/demo'];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The demo files' paths, read from src/lib/demo/files.ts without running TypeScript. */
function demoFilePaths(root: string): string[] {
  const source = readFileSync(resolve(root, 'src/lib/demo/files.ts'), 'utf8');
  return [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]);
}

/** A hash of every input: any change to any of them means another build of the tables. */
export function demoTablesKey(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...INPUT_DIRS.flatMap((d) => listFiles(resolve(root, d))),
    ...demoFilePaths(root).map((p) => resolve(root, p)),
    // The engine that builds them and the Arrow that serialises them.
    resolve(root, 'node_modules/@duckdb/duckdb-wasm/package.json'),
    resolve(root, 'node_modules/apache-arrow/package.json'),
  ];
  for (const f of files)
    hash
      .update(relative(root, f).split(sep).join('/'))
      .update('\0')
      .update(readFileSync(f))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

function run(root: string, outDir: string): Promise<string> {
  const require = createRequire(resolve(root, 'package.json'));
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), resolve(root, 'tools/demo/buildDemoTables.ts'), outDir],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout.trim()),
    ),
  );
}

/** The folder holding this build's tables, built first when not cached; null if that failed. */
async function prepare(config: ResolvedConfig, build: boolean): Promise<string | null> {
  const root = config.root;
  const cache = resolve(root, 'node_modules/.cache/jsna-demo-tables');
  let key: string;
  try {
    key = demoTablesKey(root);
  } catch (e) {
    config.logger.error(`demo tables: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
  const dir = join(cache, key);
  if (existsSync(join(dir, MANIFEST_FILE))) return dir;
  if (!build) {
    config.logger.warn('demo tables: none built for this source yet; the demo loads its CSV files');
    return null;
  }
  // Built beside the cache entry and renamed into place: builds running at once never see half.
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    mkdirSync(cache, { recursive: true });
    config.logger.info(`demo tables: building (${key})…`);
    config.logger.info(await run(root, tmp));
    if (!existsSync(join(dir, MANIFEST_FILE))) renameSync(tmp, dir);
    for (const old of readdirSync(cache))
      if (old !== key && !old.includes('.tmp-'))
        rmSync(join(cache, old), { recursive: true, force: true });
    return dir;
  } catch (e) {
    // The app still works (the demo loads its CSV files, slower): say so loudly, do not fail.
    config.logger.error(
      `demo tables: could not be built, the demo will load its CSV files: ${e instanceof Error ? e.message : String(e)}`,
    );
    return null;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function demoTables(): Plugin {
  let config: ResolvedConfig;
  let ready: Promise<string | null> | null = null;
  return {
    name: 'jsna-demo-tables',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      ready ??= prepare(config, config.command === 'build');
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      const dir = await (ready ??= prepare(config, config.command === 'build'));
      if (!dir) return 'export default null;';
      const path = (f: string) => JSON.stringify(join(dir, f).split(sep).join('/'));
      return [
        `import manifest from ${path(MANIFEST_FILE)};`,
        `import dataUrl from ${JSON.stringify(JSON.parse(path(DATA_FILE)) + '?url')};`,
        existsSync(join(dir, VIEWS_FILE))
          ? `import views from ${path(VIEWS_FILE)};`
          : 'const views = null;',
        'export default { manifest, dataUrl, views };',
      ].join('\n');
    },
  };
}
