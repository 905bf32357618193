/**
 * The Engine over native DuckDB (@duckdb/node-api), for the command line (`npm run view --
 * --engine native`): the same SQL and the same loader and views as the browser, on a server's
 * cores and memory, for data too large for a browser tab (national record-level data). Node only;
 * the browser never imports this file.
 *
 * Results are converted to the same plain values as the wasm engine gives (BIGINT and DECIMAL as
 * numbers, DATE as "YYYY-MM-DD", TIMESTAMP as "YYYY-MM-DD HH:MM:SS"), and the same hardening is
 * applied: no extension installs or loads, no network, files readable only from the one folder
 * registered files live in, configuration locked.
 */
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { assertStatementsAllowed, explainEngineError } from './hardening';
import { plainCellValue } from './result';
import {
  CancelledError,
  type CellValue,
  type ColumnInfo,
  type Engine,
  type FileSource,
  type QueryResult,
  type Row,
  type RunOptions,
  type SqlParam,
} from './types';

export interface NativeEngineOptions {
  /** A database file to open (default: in memory, as in the browser). */
  database?: string;
  /** Worker threads (default: DuckDB's, i.e. every core). */
  threads?: number;
}

export async function createNativeEngine(options: NativeEngineOptions = {}): Promise<Engine> {
  // Registered files are written here; it is the only folder SQL may read.
  const folder = mkdtempSync(path.join(tmpdir(), 'jsna-files-')) + path.sep;
  const instance = await DuckDBInstance.create(
    options.database ?? ':memory:',
    options.threads ? { threads: String(options.threads) } : {},
  );
  const conn = await instance.connect();
  for (const stmt of [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    `SET allowed_directories = ['${folder.replace(/'/g, "''")}']`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ])
    await conn.run(stmt);

  let fileCounter = 0;
  let busy: Promise<unknown> = Promise.resolve();
  /** One statement at a time, as in the browser (results never interleave). */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = busy.then(fn, fn);
    busy = next.catch(() => undefined);
    return next;
  };

  async function execute(sql: string, params?: SqlParam[]): Promise<QueryResult> {
    assertStatementsAllowed(sql);
    try {
      const reader = await conn.runAndReadAll(
        sql,
        params && params.length > 0 ? (params as (string | number | boolean | null)[]) : undefined,
      );
      return toResult(reader.columnNames(), reader.columnTypes(), reader.getRowObjectsJS());
    } catch (e) {
      throw new Error(explainEngineError(e instanceof Error ? e.message : String(e)));
    }
  }

  return {
    query: (sql, params) => serial(() => execute(sql, params)),
    run: (sql: string, o: RunOptions = {}) =>
      serial(async () => {
        if (o.signal?.aborted) throw new CancelledError();
        const onAbort = () => conn.interrupt();
        o.signal?.addEventListener('abort', onAbort);
        try {
          const result = await execute(sql);
          if (o.signal?.aborted) throw new CancelledError();
          o.onProgress?.(1);
          return result;
        } catch (e) {
          if (o.signal?.aborted) throw new CancelledError();
          throw e;
        } finally {
          o.signal?.removeEventListener('abort', onAbort);
        }
      }),
    async registerFile(name: string, source: FileSource): Promise<string> {
      const target = path.join(folder, `${++fileCounter}-${name.replace(/[^\w.-]+/g, '_')}`);
      writeFileSync(target, await bytesOf(source));
      return target;
    },
    async dropFile(p: string): Promise<void> {
      if (p.startsWith(folder)) unlinkSync(p);
    },
    async version(): Promise<string> {
      const r = await execute('SELECT version() AS v');
      return String(r.toRows()[0]?.v ?? '');
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function bytesOf(source: FileSource): Promise<Uint8Array> {
  switch (source.kind) {
    case 'bytes':
      return source.bytes;
    case 'text':
      return new TextEncoder().encode(source.text);
    case 'browser-file':
      return new Uint8Array(await source.file.arrayBuffer());
  }
}

function toResult(
  names: string[],
  types: DuckDBType[],
  objects: Record<string, unknown>[],
): QueryResult {
  const columns: ColumnInfo[] = names.map((name, i) => ({ name, type: typeName(types[i]) }));
  const converters = types.map(converterFor);
  const rows: Row[] = objects.map((o) => {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = converters[c](o[names[c]]);
    return row;
  });
  return {
    columns,
    numRows: rows.length,
    slice: (offset, limit) => rows.slice(Math.max(0, offset), offset + limit),
    toRows: () => rows,
  };
}

/** The type names the wasm engine reports (src/lib/engine/result.ts), DECIMAL read as DOUBLE. */
function typeName(t: DuckDBType): string {
  switch (t.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return 'INTEGER';
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return 'BIGINT';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'DOUBLE';
    case DuckDBTypeId.VARCHAR:
      return 'VARCHAR';
    case DuckDBTypeId.BOOLEAN:
      return 'BOOLEAN';
    case DuckDBTypeId.DATE:
      return 'DATE';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'TIMESTAMP';
    case DuckDBTypeId.TIME:
      return 'TIME';
    default:
      return t.toString();
  }
}

type Converter = (v: unknown) => CellValue;

function converterFor(t: DuckDBType): Converter {
  switch (typeName(t)) {
    case 'DATE':
      return (v) =>
        v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case 'TIMESTAMP':
      return (v) =>
        v == null
          ? null
          : v instanceof Date
            ? v
                .toISOString()
                .replace('T', ' ')
                .replace(/\.000Z$|Z$/, '')
            : String(v);
    default:
      return plainCellValue;
  }
}
