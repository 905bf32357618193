/**
 * The Engine in the browser: AsyncDuckDB in a Web Worker, from bundles this app serves itself
 * (Vite `?url` imports; never a CDN). Started once, lazily, on first use.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { withLazyCanonical } from './lazyCanonical';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { Table } from 'apache-arrow';
import { arrowToResult } from './result';
import {
  FILE_PREFIX,
  HARDENING_SQL,
  assertStatementsAllowed,
  explainEngineError,
} from './hardening';
import {
  CancelledError,
  type Engine,
  type FileSource,
  type QueryResult,
  type RunOptions,
  type SqlParam,
} from './types';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** If the wasm fails to load, instantiate() never settles (ENGINE-NOTES): give up after this. */
const START_TIMEOUT_MS = 120_000;

let starting: Promise<Engine> | null = null;
let ready = false;

/** How far the engine's start has got: its WebAssembly download (bytes), then the start. */
export interface EngineStartProgress {
  bytesLoaded: number;
  /** Null when the server did not say how big the file is. */
  bytesTotal: number | null;
}

const startListeners = new Set<(p: EngineStartProgress) => void>();

/** Follows the engine's start (until it is ready); returns a function that stops following. */
export function onEngineStartProgress(listener: (p: EngineStartProgress) => void): () => void {
  startListeners.add(listener);
  return () => startListeners.delete(listener);
}

/** True once the engine has started (a load then needs no "starting the engine" step). */
export function browserEngineReady(): boolean {
  return ready;
}

let announceStarted: () => void = () => undefined;
const started = new Promise<void>((resolve) => (announceStarted = resolve));

/** Resolves once the engine has started for the first time (without starting it). */
export function whenBrowserEngineStarted(): Promise<void> {
  return started;
}

/** The one browser engine, started on first call. */
export function getBrowserEngine(): Promise<Engine> {
  starting ??= startBrowserEngine().catch((e) => {
    starting = null; // let the user retry
    throw e;
  });
  return starting;
}

/** A performance mark per step of the start (the benchmark reads them: bench/lib/demo.ts). */
const mark = (step: string) => performance.mark?.(`jsna:engine:${step}`);

async function startBrowserEngine(): Promise<Engine> {
  mark('start');
  const bundle = await duckdb.selectBundle(BUNDLES);
  // When the wasm is already in the offline cache, the worker hands the cached response straight
  // to streaming compilation (the build's worker patch reads "#cached"), so the browser can reuse
  // the code it compiled last time; otherwise it counts the bytes as they arrive, for progress.
  const cached = await isCached(bundle.mainModule);
  const worker = new Worker(bundle.mainWorker! + (cached ? '#cached' : ''));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  mark('worker');
  await withTimeout(
    db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
      const progress = {
        bytesLoaded: p.bytesLoaded,
        bytesTotal: p.bytesTotal > 0 ? p.bytesTotal : null,
      };
      for (const listener of startListeners) listener(progress);
    }),
    START_TIMEOUT_MS,
    'The database engine did not start (its WebAssembly file could not be loaded).',
  );
  mark('instantiated');
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  mark('open');
  // Progress reports need the progress bar and its display on (the display is what posts
  // PROGRESS_UPDATE messages from the worker); they must be set before the config is locked.
  // The display calls JavaScript through a method caller that the stock Emscripten glue builds
  // with `new Function`: the build patches the worker so it does not (tools/vite/cspClean.ts).
  // Only statements that run longer than 250 ms report (the long reads), so the many short
  // queries of the views post nothing. The delay is set before the bar is switched on.
  // One round trip to the worker for all of them, in this order (the lock comes last).
  await conn.query(
    [
      'SET progress_bar_time = 250',
      'SET enable_progress_bar_print = true',
      'SET enable_progress_bar = true',
      ...HARDENING_SQL,
    ].join(';\n'),
  );
  mark('ready');
  ready = true;
  announceStarted();
  return withLazyCanonical(new BrowserEngine(db, conn));
}

/** Whether the service worker's cache holds this file (so it is not downloaded again). */
async function isCached(url: string): Promise<boolean> {
  try {
    if (typeof caches === 'undefined' || !navigator.serviceWorker?.controller) return false;
    return (await caches.match(new URL(url, location.href).href)) !== undefined;
  } catch {
    return false;
  }
}

class BrowserEngine implements Engine {
  private busy: Promise<unknown> = Promise.resolve();
  private progressListener: ((fraction: number) => void) | null = null;

  constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
  ) {
    // AsyncDuckDB forwards the worker's PROGRESS_UPDATE messages to these handlers; the list is
    // not public API, hence the cast.
    const handlers = (
      db as unknown as { _onExecutionProgress: ((p: duckdb.ProgressEntry) => void)[] }
    )._onExecutionProgress;
    handlers?.push((p) => {
      // The display also reports when a statement finishes ("completed", often with 0%):
      // only a running statement's share says how far a load has got.
      const pct = Number(p.percentage);
      if (this.progressListener && p.status === 'in-progress' && Number.isFinite(pct) && pct >= 0)
        this.progressListener(Math.min(pct, 100) / 100);
    });
  }

  /** One connection, one statement at a time: queue calls so results never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  query(sql: string, params?: SqlParam[]): Promise<QueryResult> {
    return this.serial(async () => {
      try {
        assertStatementsAllowed(sql);
        if (params && params.length > 0) {
          const stmt = await this.conn.prepare(sql);
          try {
            return arrowToResult(await stmt.query(...params));
          } finally {
            await stmt.close();
          }
        }
        return arrowToResult(await this.conn.query(sql));
      } catch (e) {
        throw asEngineError(e);
      }
    });
  }

  run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    return this.serial(async () => {
      const { signal, onProgress } = options;
      if (signal?.aborted) throw new CancelledError();
      assertStatementsAllowed(sql);
      // send() starts a pending query and polls it; cancelSent() interrupts it between polls.
      const onAbort = () => void this.conn.cancelSent();
      signal?.addEventListener('abort', onAbort);
      this.progressListener = onProgress ?? null;
      try {
        const reader = await this.conn.send(sql);
        const table = new Table(await reader.readAll());
        if (signal?.aborted) throw new CancelledError();
        onProgress?.(1);
        return arrowToResult(table);
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        throw asEngineError(e);
      } finally {
        this.progressListener = null;
        signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    const target = FILE_PREFIX + name;
    switch (source.kind) {
      case 'browser-file':
        // Read lazily, slice by slice, from the File: never copied whole into memory.
        await this.db.registerFileHandle(
          target,
          source.file,
          duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
          true,
        );
        break;
      case 'bytes':
        await this.db.registerFileBuffer(target, source.bytes);
        break;
      case 'text':
        await this.db.registerFileText(target, source.text);
        break;
    }
    return target;
  }

  async dropFile(path: string): Promise<void> {
    await this.db.dropFile(path);
  }

  insertArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
    return this.serial(async () => {
      try {
        await this.conn.insertArrowFromIPCStream(ipc, { name: table, create: false });
      } catch (e) {
        throw asEngineError(e);
      }
    });
  }

  version(): Promise<string> {
    return this.db.getVersion();
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
    starting = null;
    ready = false;
  }
}

function asEngineError(e: unknown): Error {
  if (e instanceof CancelledError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new Error(explainEngineError(message));
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
