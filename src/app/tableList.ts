/**
 * The table list the data panel shows, and the views' environment read from the same tables:
 * both re-read after every change of tables (a load, a rename, a removal, an SQL cell), with the
 * notices and suppressed-cell counts of the file each table came from kept across re-reads.
 */
import { getEngine } from './engine';
import { buildViewEnvironment, environmentFrom, type ViewEnvironmentData } from '../lib/views';
import type { LoadNotice, LoadedColumn } from '../lib/ingest/csv';
import { listTables, type TableSummary } from '../lib/tables/catalog';
import type { DataSourceRef } from '../lib/notebook/model';
import type { DataState } from './data.svelte';

export interface TableEntry {
  name: string;
  rows: number;
  columns: LoadedColumn[];
  /** The file it came from, when it was loaded from one (else made by SQL). */
  fileName: string | null;
  fileSize: number | null;
  notices: LoadNotice[];
}

export interface TableOrigin {
  fileName: string;
  fileSize: number;
  notices: LoadNotice[];
  columns: LoadedColumn[];
  file: File;
  fingerprint: string;
  textColumns: string[];
}

/** A column's suppressed-cell count as its file's load knows it (0 for a table made by SQL). */
export function withCount(
  c: LoadedColumn | undefined,
): Pick<LoadedColumn, 'suppressed' | 'counting' | 'uncounted'> {
  return { suppressed: c?.suppressed ?? 0, counting: c?.counting, uncounted: c?.uncounted };
}

/** Re-reads the table list from the database (SQL cells can create and drop tables too). */
export async function refreshTables(
  store: DataState,
  known?: TableSummary[],
  knownEnvironment?: ViewEnvironmentData,
): Promise<void> {
  const engine = await getEngine();
  // `known`: the tables are already known (the demo's ready-made ones): no catalog read; nor
  // of the views' environment, when what it reads from them is known too.
  const summaries = known ?? (await listTables(engine));
  store.tables = summaries.map((s) => {
    const origin = store.origins.get(s.name);
    const counted = new Map(origin?.columns.map((c) => [c.name, c]) ?? []);
    return {
      name: s.name,
      rows: s.rows,
      columns: s.columns.map((c) => ({ ...c, ...withCount(counted.get(c.name)) })),
      fileName: origin?.fileName ?? null,
      fileSize: origin?.fileSize ?? null,
      notices: origin?.notices ?? [],
    };
  });
  // The views' environment (catalog and area directory) is read once per change of tables, and
  // shared by every view run and every control that lists areas (parameters bar, view cells).
  // Within a batch of loads it is only marked stale: batch() rebuilds it at the end.
  if (store.batchDepth > 0) {
    store.environment = null;
    return;
  }
  try {
    store.environment = knownEnvironment
      ? Promise.resolve(environmentFrom(engine, knownEnvironment))
      : buildViewEnvironment(engine);
    const env = await store.environment;
    const option = (a: (typeof env.areas.upperTier)[number]) => ({
      code: a.code,
      name: a.name ?? a.code,
      regionCode: a.regionCode,
      regionName: a.regionName,
    });
    store.upperTierAreas = env.areas.upperTier.map(option);
    store.lowerTierAreas = env.areas.lowerTier.map(option);
    store.areasProblem = '';
    store.provenance = env.provenance ?? null;
  } catch (e) {
    store.environment = null;
    store.upperTierAreas = [];
    store.lowerTierAreas = [];
    store.areasProblem = `The area list could not be read: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The files behind the current tables, as a notebook file records them. */
export function dataSources(store: DataState): DataSourceRef[] {
  return [...store.origins.entries()]
    .filter(([table]) => store.tables.some((t) => t.name === table))
    .map(([table, o]) => ({
      table,
      fileName: o.fileName,
      size: o.fileSize,
      fingerprint: o.fingerprint,
      textColumns: o.textColumns,
    }));
}
