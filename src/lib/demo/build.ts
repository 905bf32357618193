/**
 * Loads the demo's files the way the app does, one after another (src/app/fileLoads.ts loadCsv,
 * then the steps src/app/mapping.svelte.ts runs after a load, shared with it through
 * src/lib/ingest/addLoadedFile.ts: recognition, the mapping with its provenance, the checks),
 * and then exports every table it made, bookkeeping included, as Arrow
 * IPC with a manifest (./manifest.ts). Run at build time in Node (tools/demo/buildDemoTables.ts)
 * so that "Load demo data" only imports the result; tests/unit/demo/prebuilt.test.ts proves the
 * import is identical, table by table, to what this pipeline made.
 */
import {
  Dictionary,
  Int32,
  Table,
  tableFromIPC,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import type { Engine } from '../engine/types';
import { materialiseLazy } from '../engine/lazyCanonical';
import { quoteIdent } from '../engine/sql';
import { loadCsv } from '../ingest/csv';
import { tableNameFromFile } from '../ingest/names';
import { addToCanonical, keepClearOfCanonical, proposeMapping } from '../ingest/addLoadedFile';
import { fingerprint } from '../notebook/fingerprint';
import { renameSource } from '../schema';
import { listTables, renameTable } from '../tables/catalog';
import { readViewEnvironmentData } from '../views/context';
import {
  DEMO_MANIFEST_VERSION,
  type DemoManifest,
  type PrebuiltFile,
  type PrebuiltMapping,
  type PrebuiltTable,
} from './manifest';

export interface DemoSourceFile {
  path: string;
  fileName: string;
  bytes: Uint8Array;
}

/** One file, as the app loads it: table name, load, recognition, mapping, checks. */
async function loadOne(engine: Engine, file: DemoSourceFile): Promise<PrebuiltFile> {
  const taken = (await listTables(engine)).map((t) => t.name);
  const loaded = await loadCsv(engine, {
    fileName: file.fileName,
    source: { kind: 'bytes', bytes: file.bytes },
    tableName: tableNameFromFile(file.fileName, taken),
    textColumns: [],
  });
  const status = `Loaded ${file.fileName} as table ${loaded.table}: ${loaded.rows.toLocaleString('en-GB')} row${loaded.rows === 1 ? '' : 's'}.`;
  const { proposal, confident, message } = await proposeMapping(
    engine,
    loaded.table,
    loaded.fileName,
  );
  let table = loaded.table;
  let entry: PrebuiltMapping = {
    fileName: loaded.fileName,
    proposal,
    mapping: proposal.mapping,
    status: 'needs-mapping',
    result: null,
    findings: [],
    message,
  };
  if (confident) {
    table = await keepClearOfCanonical(
      table,
      confident,
      (await listTables(engine)).map((t) => t.name),
      async (from, to) => {
        await renameTable(engine, from, to);
        await renameSource(engine, from, to);
      },
    );
    try {
      const rows = await addToCanonical(engine, table, confident, loaded.fileName);
      const { findings, result } = await rows.check();
      entry = {
        ...entry,
        mapping: confident,
        status: 'applied',
        result,
        findings,
        message: rows.message,
      };
    } catch (e) {
      entry = {
        ...entry,
        mapping: confident,
        status: 'failed',
        message: e instanceof Error ? e.message : String(e),
      };
    }
  }
  return {
    path: file.path,
    fileName: loaded.fileName,
    fileSize: loaded.fileSize,
    fingerprint: await fingerprint(new Blob([new Uint8Array(file.bytes)])),
    table,
    rows: loaded.rows,
    columns: loaded.columns,
    notices: loaded.notices,
    mapping: JSON.parse(JSON.stringify(entry)) as PrebuiltMapping,
    status,
  };
}

/**
 * Text columns that repeat (area codes, sexes, periods, the source file on every row) stored
 * once per value: a third of the bytes to download and to hand to the engine, the same values.
 */
function dictionaryEncodeText(ipc: Uint8Array): Uint8Array {
  const table = tableFromIPC(ipc);
  if (table.numRows === 0) return ipc;
  const columns: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    const values = column.toArray() as unknown[];
    const repeats = field.type instanceof Utf8 && new Set(values).size * 2 < values.length;
    columns[field.name] = repeats
      ? vectorFromArray(values as (string | null)[], new Dictionary(new Utf8(), new Int32()))
      : column;
  }
  return tableToIPC(new Table(columns), 'stream');
}

/** Every table in the database, in the order they were made, with exact column types. */
export async function describeAllTables(
  engine: Engine,
): Promise<{ name: string; columns: { name: string; type: string }[] }[]> {
  // What ships is tables: a canonical table still a view over its file's is stored first.
  await materialiseLazy(engine);
  const tables = (
    await engine.query(
      `SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' ORDER BY table_oid`,
    )
  ).toRows();
  const cols = (
    await engine.query(
      `SELECT table_name, column_name, data_type FROM duckdb_columns()
       WHERE NOT internal AND schema_name = 'main' ORDER BY table_name, column_index`,
    )
  ).toRows();
  return tables.map((t) => ({
    name: String(t.table_name),
    columns: cols
      .filter((c) => c.table_name === t.table_name)
      .map((c) => ({ name: String(c.column_name), type: String(c.data_type) })),
  }));
}

/** Runs the app's load of every demo file, then exports the database: manifest + data bytes. */
export async function buildDemoTables(
  engine: Engine,
  files: DemoSourceFile[],
): Promise<{ manifest: DemoManifest; data: Uint8Array }> {
  if (!engine.queryArrowIPC) throw new Error('This engine cannot export Arrow.');
  const loaded: PrebuiltFile[] = [];
  for (const f of files) loaded.push(await loadOne(engine, f));
  // Only tables can be carried over: a view, sequence or macro would be lost on the way.
  const other = (
    await engine.query(
      `SELECT (SELECT count(*) FROM duckdb_views() WHERE NOT internal)
            + (SELECT count(*) FROM duckdb_sequences())
            + (SELECT count(*) FROM duckdb_functions() WHERE NOT internal) AS n`,
    )
  ).toRows()[0];
  if (Number(other.n) > 0) throw new Error('The demo load made something other than tables.');
  const tables: PrebuiltTable[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const t of await describeAllTables(engine)) {
    const ipc = dictionaryEncodeText(
      await engine.queryArrowIPC(`SELECT * FROM ${quoteIdent(t.name)}`),
    );
    const rows = Number(
      (await engine.query(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`)).toRows()[0].n,
    );
    tables.push({ ...t, rows, offset, length: ipc.byteLength });
    chunks.push(ipc);
    offset += ipc.byteLength;
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.byteLength;
  }
  return {
    manifest: {
      version: DEMO_MANIFEST_VERSION,
      engineVersion: await engine.version(),
      files: loaded,
      tables,
      environment: await readViewEnvironmentData(engine),
      dataBytes: data.byteLength,
    },
    data,
  };
}
