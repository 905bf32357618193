/**
 * Baselines outside the browser: native DuckDB (@duckdb/node-api) running the statement the app
 * issues, and the app's whole loadCsv() sequence on native DuckDB (to see what the extra passes
 * cost); plus a full PapaParse parse of the same file in Node.
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { DuckDBInstance, version as nativeVersion } from '@duckdb/node-api';
import Papa from 'papaparse';
import { loadCsv } from '../../src/lib/ingest/csv';
import { SUPPRESSED_MARKERS } from '../../src/lib/ingest/markers';
import { quoteList, quoteLiteral } from '../../src/lib/engine/sql';
import type { CellValue, Engine, QueryResult, Row } from '../../src/lib/engine/types';

export { nativeVersion };

/** The statement src/lib/ingest/csv.ts issues for a plain UTF-8 file. */
export function appReadCsvSql(file: string): string {
  return `CREATE TABLE t AS SELECT * FROM read_csv(${quoteLiteral(file)}, nullstr = ${quoteList(['', ...SUPPRESSED_MARKERS])}, sample_size = -1)`;
}

async function freshConnection(threads: number | null) {
  const instance = await DuckDBInstance.create(
    ':memory:',
    threads ? { threads: String(threads) } : {},
  );
  const conn = await instance.connect();
  return {
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Seconds for the app's read_csv statement on a fresh in-memory native database. */
export async function nativeReadCsv(
  file: string,
  threads: number | null,
): Promise<{ seconds: number; rows: number }> {
  const { conn, close } = await freshConnection(threads);
  try {
    const t0 = performance.now();
    await conn.run(appReadCsvSql(file));
    const seconds = (performance.now() - t0) / 1000;
    const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRowsJS()[0][0]);
    return { seconds, rows };
  } finally {
    close();
  }
}

function toCell(v: unknown): CellValue {
  if (v == null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** An Engine over native DuckDB, so src/lib/ingest/csv.ts's loadCsv runs unchanged; every
 *  registered file resolves to `realPath` (the file on disk) and each statement is timed. */
async function nativeEngine(threads: number | null, realPath: string) {
  const { conn, close } = await freshConnection(threads);
  const log: { sql: string; ms: number }[] = [];
  const query = async (sql: string): Promise<QueryResult> => {
    const t0 = performance.now();
    const reader = await conn.runAndReadAll(sql);
    log.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 100), ms: performance.now() - t0 });
    const names = reader.columnNames();
    const rows: Row[] = reader
      .getRowObjectsJS()
      .map((r) => Object.fromEntries(names.map((n) => [n, toCell(r[n])])));
    return {
      columns: names.map((name) => ({ name, type: '' })),
      numRows: rows.length,
      slice: (o, l) => rows.slice(o, o + l),
      toRows: () => rows,
    };
  };
  const engine: Engine = {
    query: (sql) => query(sql),
    run: async (sql, o) => {
      const r = await query(sql);
      o?.onProgress?.(1);
      return r;
    },
    registerFile: async () => realPath,
    dropFile: async () => undefined,
    version: async () => nativeVersion(),
    close: async () => close(),
  };
  return { engine, close, log };
}

/** Seconds for the app's whole loadCsv() (every statement it runs) on native DuckDB. */
export async function nativeLoadCsv(
  file: string,
  threads: number | null,
): Promise<{
  seconds: number;
  rows: number;
  suppressed: number;
  statements: { sql: string; ms: number }[];
}> {
  const n = await nativeEngine(threads, file);
  try {
    const blob = await openAsBlob(file);
    const t0 = performance.now();
    const loaded = await loadCsv(n.engine, {
      fileName: 'episodes.csv',
      source: { kind: 'browser-file', file: blob as unknown as File },
      tableName: 'episodes',
    });
    const seconds = (performance.now() - t0) / 1000;
    return {
      seconds,
      rows: loaded.rows,
      suppressed: loaded.columns.reduce((s, c) => s + c.suppressed, 0),
      statements: n.log,
    };
  } finally {
    n.close();
  }
}

/** A full PapaParse parse (header, dynamicTyping) streamed from disk; rows are counted, not kept. */
export function papaParseFile(file: string): Promise<{ seconds: number; rows: number }> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const t0 = performance.now();
    Papa.parse<Record<string, unknown>>(createReadStream(file) as unknown as File, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: true,
      chunk: (res) => {
        rows += res.data.length;
      },
      complete: () => resolve({ seconds: (performance.now() - t0) / 1000, rows }),
      error: (e) => reject(e),
    });
  });
}
