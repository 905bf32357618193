/**
 * Loading a CSV file as a table (with progress, cancel and a problem the analyst can act on when
 * it fails), and adding the demo's ready-made tables as if its files had been loaded one by one.
 * A failed or cancelled load leaves every earlier table as it was.
 */
import type { Engine } from '../lib/engine/types';
import { CancelledError } from '../lib/engine/types';
import type { ViewEnvironmentData } from '../lib/views';
import { loadCsv } from '../lib/ingest/csv';
import { LoadError } from '../lib/ingest/errors';
import { looksLikeWorkbook } from '../lib/ingest/workbook';
import { tableNameFromFile } from '../lib/ingest/names';
import { rowsText } from '../lib/format/numbers';
import type { TableSummary } from '../lib/tables/catalog';
import { fingerprint } from '../lib/notebook/fingerprint';
import {
  addProblem,
  endJob,
  engineFor,
  errorMessage,
  finishLoad,
  setProgress,
  startJob,
} from './loadJobs';
import { withCount, type TableOrigin } from './tableList';
import type { DataState } from './data.svelte';

/** What the demo's `create` made: each file as if loaded, its tables and the views' environment. */
export interface PrebuiltTables {
  files: { table: string; origin: TableOrigin; status: string }[];
  tables: TableSummary[];
  environment: ViewEnvironmentData;
}

/** Loads one CSV file; `tableName` is used when given (reopening a notebook), else one is made. */
export async function loadCsvFile(
  store: DataState,
  file: File,
  textColumns: string[],
  tableName?: string,
): Promise<string | null> {
  const job = startJob(store, file.name);
  store.status = `Loading ${file.name}…`;
  try {
    const engine = await engineFor(store, job.id);
    const taken = store.tables.map((t) => t.name);
    // Hashed while the engine reads the file (the browser hashes off the main thread).
    const fingerprinted = fingerprint(file);
    fingerprinted.catch(() => undefined); // awaited below; a failed load never asks
    const loaded = await loadCsv(engine, {
      fileName: file.name,
      source: { kind: 'browser-file', file },
      tableName: tableName ?? tableNameFromFile(file.name, taken),
      textColumns,
      signal: job.controller.signal,
      onProgress: (step, fraction) => setProgress(store, job.id, step, fraction),
      // Counted once the table is in use: a big file is usable a pass over it sooner.
      countSuppressedLater: true,
    });
    const origin: TableOrigin = {
      fileName: loaded.fileName,
      fileSize: loaded.fileSize,
      notices: loaded.notices,
      columns: loaded.columns,
      file,
      fingerprint: await fingerprinted,
      textColumns,
    };
    store.origins.set(loaded.table, origin);
    store.onFileLoaded?.(loaded.table, origin);
    await store.refresh();
    setProgress(store, job.id, 'mapping', null, loaded.table);
    const followUp = await store.afterFileLoaded?.(loaded.table, origin);
    store.status = `Loaded ${file.name} as table ${loaded.table}: ${rowsText(loaded.rows)}.`;
    await finishLoad(store, job.id, async () => {
      await countSuppressedOf(store, loaded.table, loaded.countSuppressed);
      if (followUp) await followUp();
    });
    return loaded.table;
  } catch (e) {
    if (e instanceof CancelledError) {
      store.status = `Loading ${file.name} was cancelled. Nothing was changed.`;
    } else {
      const message = errorMessage(e);
      const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
      addProblem(store, {
        fileName: file.name,
        message,
        textColumn: e instanceof LoadError ? e.textFallbackColumn : undefined,
        workbook: looksLikeWorkbook(head),
        file,
        textColumns,
      });
      store.status = `Could not load ${file.name}.`;
    }
    return null;
  } finally {
    endJob(store, job.id);
  }
}

/**
 * The suppressed cells of a file loaded with countSuppressedLater, counted now (a pass over the
 * file): its card says "counting…" until then, and "not counted" if it fails.
 */
async function countSuppressedOf(
  store: DataState,
  table: string,
  count: (() => Promise<void>) | undefined,
): Promise<void> {
  if (!count) return;
  await count().catch((e: unknown) => console.warn(`Suppressed cells of ${table}:`, e));
  const origin = store.origins.get(table);
  if (!origin) return;
  const counted = new Map(origin.columns.map((c) => [c.name, c]));
  // Only the card changes: no table list or views' environment to re-read.
  store.tables = store.tables.map((t) =>
    t.name === table
      ? { ...t, columns: t.columns.map((c) => ({ ...c, ...withCount(counted.get(c.name)) })) }
      : t,
  );
}

/**
 * Tables made ready when the app was built (the demo's, src/lib/demo): `create` makes them in
 * the engine, then each file shows as loaded, as if loaded one by one (its notices, columns,
 * SHA-256), with one refresh and one views' environment at the end. False, with nothing
 * added, when `create` failed (the caller then loads the files one by one).
 */
export async function addPrebuiltTables(
  store: DataState,
  label: string,
  create: (engine: Engine) => Promise<PrebuiltTables>,
): Promise<boolean> {
  const job = startJob(store, label, 'prebuilt');
  store.status = `Loading ${label}…`;
  try {
    const engine = await engineFor(store, job.id);
    setProgress(store, job.id, 'prebuilt', null);
    const { files, tables, environment } = await create(engine);
    for (const { table, origin } of files) {
      store.origins.set(table, origin);
      store.onFileLoaded?.(table, origin);
    }
    await store.refresh(tables, environment);
    store.status = files.at(-1)?.status ?? '';
    return true;
  } catch (e) {
    console.warn('The ready-made demo tables could not be used:', e);
    return false;
  } finally {
    endJob(store, job.id);
  }
}
