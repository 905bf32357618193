/**
 * Writes the service worker (sw.js) into the build: the template tools/vite/serviceWorker.js with
 * the list of every built file and a version that is a hash of their contents, so any change to
 * any file (app, engine, demo data, icons) makes a new service worker, and an unchanged build
 * keeps the same one. Runs after the build has written its files (public/ included), so the list
 * is exactly what is deployed. Not used by the dev server (nothing is registered there).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

export const SERVICE_WORKER_FILE = 'sw.js';

/** Files never cached: source maps, and the service worker itself. */
const SKIP = /(\.map$)|(^sw\.js$)/;
/** DuckDB engine files, by bundle; only the bundle a browser uses is cached (see the template). */
const ENGINE_FILE =
  /(?:^|\/)duckdb-(?:browser-)?(eh|mvp|coi)(?:\.pthread)?(?:\.worker)?[^/]*\.(?:wasm|js)$/;

export interface Precache {
  version: string;
  core: string[];
  engine: Record<string, string[]>;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The precache list of a built folder (paths relative to it, with forward slashes). */
export function precacheFor(outDir: string): Precache {
  const files = listFiles(outDir)
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => !SKIP.test(f))
    .sort();
  const hash = createHash('sha256');
  const core: string[] = ['./'];
  const engine: Record<string, string[]> = {};
  for (const f of files) {
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(outDir, f)))
      .update('\0');
    const m = ENGINE_FILE.exec(f);
    if (m) (engine[m[1]] ??= []).push(f);
    else core.push(f);
  }
  return { version: hash.digest('hex').slice(0, 16), core, engine };
}

export function serviceWorkerSource(template: string, precache: Precache): string {
  const filled = template
    .replace('__JSNA_VERSION__', precache.version)
    .replace('__JSNA_CORE__', JSON.stringify(precache.core))
    .replace('__JSNA_ENGINE__', JSON.stringify(precache.engine));
  if (/__JSNA_[A-Z]+__/.test(filled)) throw new Error('service worker template not fully filled');
  return filled;
}

export function offlineServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'jsna-offline-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const template = readFileSync(resolve(config.root, 'tools/vite/serviceWorker.js'), 'utf8');
      const precache = precacheFor(outDir);
      writeFileSync(join(outDir, SERVICE_WORKER_FILE), serviceWorkerSource(template, precache));
      config.logger.info(
        `service worker: version ${precache.version}, ${precache.core.length} app files, engine bundles ${Object.keys(precache.engine).join(', ')}`,
      );
    },
  };
}
