/**
 * The one interface every other layer uses to talk to DuckDB. Only this folder imports
 * @duckdb/duckdb-wasm, so the browser (Web Worker) and Node (tests, scripts) builds are
 * interchangeable and SQL is tested on the same engine the browser runs.
 */

/** A value as the rest of the app sees it: BigInt, decimals and dates already converted. */
export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;
export type SqlParam = string | number | boolean | null;

export interface ColumnInfo {
  name: string;
  /** DuckDB/Arrow type name, for display (e.g. "Int32", "Utf8", "Float64"). */
  type: string;
}

/** A query result. Rows are converted lazily, so a million-row result costs nothing until read. */
export interface QueryResult {
  readonly columns: ColumnInfo[];
  readonly numRows: number;
  /** Rows [offset, offset + limit) as plain objects. */
  slice(offset: number, limit: number): Row[];
  /** Every row; only for results known to be small. */
  toRows(): Row[];
}

export interface RunOptions {
  /** Abort to cancel the statement (the engine interrupts it; nothing is half-created). */
  signal?: AbortSignal;
  /** Called with a fraction 0..1 while the statement runs, when the engine can tell. */
  onProgress?: (fraction: number) => void;
}

/** Where the bytes of a registered file come from. */
export type FileSource =
  | { kind: 'browser-file'; file: File }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string };

export interface Engine {
  /** Runs SQL; `params` bind to `?` placeholders (user text never goes into SQL any other way). */
  query(sql: string, params?: SqlParam[]): Promise<QueryResult>;
  /** Runs a long statement (e.g. a CSV load) that can report progress and be cancelled. */
  run(sql: string, options?: RunOptions): Promise<QueryResult>;
  /**
   * Makes a file readable by SQL and returns the path to use in `read_csv(...)`.
   * Files live under one private prefix: the only directory SQL may read (see hardening.ts).
   */
  registerFile(name: string, source: FileSource): Promise<string>;
  dropFile(path: string): Promise<void>;
  /**
   * Appends an Arrow IPC stream's rows to an existing table, columns by position (the demo's
   * pre-built tables, src/lib/demo). Optional: an engine without it gets the CSV path instead.
   */
  insertArrowIPC?(table: string, ipc: Uint8Array): Promise<void>;
  /** A result as an Arrow IPC stream (the Node engine, which builds the demo's tables). */
  queryArrowIPC?(sql: string): Promise<Uint8Array>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Thrown when a statement was cancelled by its AbortSignal. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}
