/**
 * Loads the demo's files the way the app does, one after another (src/app/fileLoads.ts, via data.addFile
 * → src/app/mapping.svelte.ts afterLoad/apply: loadCsv, recogniseTable, the mapping with its
 * provenance, the checks), and then exports every table it made, bookkeeping included, as Arrow
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
import { quoteIdent } from '../engine/sql';
import { loadCsv } from '../ingest/csv';
import { tableNameFromFile, uniqueName } from '../ingest/names';
import { applyMappingWithUnpivot } from '../ingest/unpivot';
import { fingerprint } from '../notebook/fingerprint';
import {
  checkTable,
  CONFIDENT,
  knownFormatById,
  recogniseTable,
  renameSource,
  type CanonicalTableName,
  type ColumnMapping,
  type Finding,
} from '../schema';
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

/** The canonical tables a mapping adds rows to (as src/app/mapping.svelte.ts mappingProduces). */
function produces(mapping: ColumnMapping): CanonicalTableName[] {
  const format = mapping.knownFormat ? knownFormatById(mapping.knownFormat) : undefined;
  return format ? format.produces : [mapping.canonical];
}

const NOT_MATCHED =
  'Not matched to a table the prebuilt views read. SQL cells can use it as it is; map it to use it in the views.';

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
  const proposal = await recogniseTable(engine, loaded.table, loaded.fileName);
  const confident =
    proposal.mapping && proposal.confidence >= CONFIDENT && proposal.missingRequired.length === 0;
  let table = loaded.table;
  let entry: PrebuiltMapping = {
    fileName: loaded.fileName,
    proposal,
    mapping: proposal.mapping,
    status: 'needs-mapping',
    result: null,
    findings: [],
    message: proposal.canonical ? proposal.explanation : NOT_MATCHED,
  };
  if (confident && proposal.mapping) {
    const mapping = proposal.mapping;
    const made = produces(mapping);
    if (made.includes(table as CanonicalTableName)) {
      // A file named like a canonical table keeps its rows under another name.
      table = uniqueName(
        `${loaded.table}_file`,
        (await listTables(engine)).map((t) => t.name),
      );
      await renameTable(engine, loaded.table, table);
      await renameSource(engine, loaded.table, table);
    }
    try {
      const result = await applyMappingWithUnpivot(engine, table, mapping, {
        id: table,
        fileName: loaded.fileName,
      });
      const findings: Finding[] = [];
      for (const t of made) findings.push(...(await checkTable(engine, t)));
      const added = Object.entries(result.rowsAdded)
        .map(([t, n]) => `${(n ?? 0).toLocaleString('en-GB')} rows to ${t}`)
        .join(', ');
      entry = {
        ...entry,
        mapping,
        status: 'applied',
        result,
        findings,
        message: `Added ${added}.`,
      };
    } catch (e) {
      entry = {
        ...entry,
        mapping,
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
