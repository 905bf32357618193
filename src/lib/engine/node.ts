/**
 * The Engine over duckdb-wasm's Node build: the same wasm engine the browser runs, used by unit
 * tests and by scripts (npm run view). Synchronous underneath; wrapped in the async interface.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { arrowToResult } from './result';
import { withLazyCanonical } from './lazyCanonical';
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

const require = createRequire(import.meta.url);

export async function createNodeEngine(): Promise<Engine> {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles: duckdb.DuckDBBundles = {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const stmt of HARDENING_SQL) conn.query(stmt);

  function wrap<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw new Error(explainEngineError(e instanceof Error ? e.message : String(e)));
    }
  }

  return withLazyCanonical({
    async query(sql: string, params?: SqlParam[]): Promise<QueryResult> {
      return wrap(() => {
        assertStatementsAllowed(sql);
        if (params && params.length > 0) {
          const stmt = conn.prepare(sql);
          try {
            return arrowToResult(stmt.query(...params));
          } finally {
            stmt.close();
          }
        }
        return arrowToResult(conn.query(sql));
      });
    },
    async run(sql: string, options?: RunOptions): Promise<QueryResult> {
      // The blocking build cannot be interrupted mid-statement; honour a signal raised before.
      if (options?.signal?.aborted) throw new CancelledError();
      const result = wrap(() => {
        assertStatementsAllowed(sql);
        return arrowToResult(conn.query(sql));
      });
      options?.onProgress?.(1);
      return result;
    },
    async registerFile(name: string, source: FileSource): Promise<string> {
      const target = FILE_PREFIX + name;
      let bytes: Uint8Array;
      switch (source.kind) {
        case 'bytes':
          bytes = source.bytes;
          break;
        case 'text':
          bytes = new TextEncoder().encode(source.text);
          break;
        case 'browser-file':
          bytes = new Uint8Array(await source.file.arrayBuffer());
          break;
      }
      db.registerFileBuffer(target, bytes);
      return target;
    },
    async dropFile(p: string): Promise<void> {
      db.dropFile(p);
    },
    async queryArrowIPC(sql: string): Promise<Uint8Array> {
      return wrap(() => {
        assertStatementsAllowed(sql);
        // duckdb-wasm's Node build returns tables of the CommonJS apache-arrow: serialise with it.
        const arrow = require('apache-arrow') as typeof import('apache-arrow');
        return arrow.tableToIPC(conn.query(sql), 'stream');
      });
    },
    async insertArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
      wrap(() => conn.insertArrowFromIPCStream(ipc, { name: table, create: false }));
    },
    async version(): Promise<string> {
      return db.getVersion();
    },
    async close(): Promise<void> {
      conn.close();
      db.reset();
    },
  });
}
