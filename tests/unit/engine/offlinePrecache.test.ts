/**
 * The service worker's precache list and version (tools/vite/offline.ts): every built file is
 * listed once, the engine's files by bundle (a browser caches only its own), source maps and the
 * service worker itself never; the version changes with any file's content and only then; the
 * template is filled completely.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheFor, serviceWorkerSource } from '../../../tools/vite/offline';

let dir = '';
function build(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'jsna-precache-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FILES = {
  'index.html': '<html></html>',
  'manifest.webmanifest': '{}',
  'sw.js': 'old service worker',
  'assets/index-abc.js': 'app',
  'assets/index-abc.js.map': 'map',
  'assets/demo-x1.csv': 'a,b\n1,2\n',
  'assets/duckdb-eh-123.wasm': 'eh wasm',
  'assets/duckdb-browser-eh.worker-456.js': 'eh worker',
  'assets/duckdb-mvp-789.wasm': 'mvp wasm',
  'assets/duckdb-browser-mvp.worker-012.js': 'mvp worker',
};

describe('the offline precache list', () => {
  it('lists the app files once, the engine by bundle, and neither maps nor sw.js', () => {
    const p = precacheFor(build(FILES));
    expect(p.core).toEqual([
      './',
      'assets/demo-x1.csv',
      'assets/index-abc.js',
      'index.html',
      'manifest.webmanifest',
    ]);
    expect(p.engine).toEqual({
      eh: ['assets/duckdb-browser-eh.worker-456.js', 'assets/duckdb-eh-123.wasm'],
      mvp: ['assets/duckdb-browser-mvp.worker-012.js', 'assets/duckdb-mvp-789.wasm'],
    });
    expect(p.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes the version when any file changes, and only then', () => {
    const a = precacheFor(build(FILES)).version;
    rmSync(dir, { recursive: true, force: true });
    expect(precacheFor(build(FILES)).version).toBe(a);
    rmSync(dir, { recursive: true, force: true });
    expect(precacheFor(build({ ...FILES, 'assets/demo-x1.csv': 'a,b\n1,3\n' })).version).not.toBe(
      a,
    );
    rmSync(dir, { recursive: true, force: true });
    // A source map or the old sw.js does not make a new version.
    expect(precacheFor(build({ ...FILES, 'sw.js': 'other' })).version).toBe(a);
  });

  it('fills the service worker template completely', () => {
    const template = readFileSync('tools/vite/serviceWorker.js', 'utf8');
    const sw = serviceWorkerSource(template, precacheFor(build(FILES)));
    expect(sw).not.toMatch(/__JSNA_/);
    expect(sw).toContain('"assets/index-abc.js"');
    expect(() => new Function(sw)).not.toThrow(); // it parses
  });
});
