/**
 * Workbooks (.xlsx, .ods): opened in a worker to list their sheets, then the sheets the analyst
 * picks (SheetPicker) loaded each as its own table, like a CSV file. A failed or cancelled sheet
 * leaves every earlier table as it was.
 */
import { getEngine } from './engine';
import { CancelledError } from '../lib/engine/types';
import { loadCsv } from '../lib/ingest/csv';
import type { SheetSummary } from '../lib/ingest/workbook';
import { WorkbookSession } from '../lib/ingest/workbookClient';
import { combineSheetTables, type SheetTable } from '../lib/ingest/sheetTable';
import { tableNameFromFile } from '../lib/ingest/names';
import { rowsText } from '../lib/format/numbers';
import { fingerprint } from '../lib/notebook/fingerprint';
import {
  addProblem,
  endJob,
  errorMessage,
  finishLoad,
  nextLoadId,
  setProgress,
  startJob,
} from './loadJobs';
import type { TableOrigin } from './tableList';
import type { DataState } from './data.svelte';

/** A workbook that is open and waiting for the analyst to pick its sheets. */
export interface WorkbookPick {
  id: number;
  fileName: string;
  file: File;
  sheets: SheetSummary[];
  /** Sheets of a known publication, with its title: ticked to start with. */
  recognised: Record<string, string>;
  session: WorkbookSession;
}

/** Opens a workbook in the worker and lists its sheets for the picker; nothing is loaded yet. */
export async function openWorkbook(store: DataState, file: File): Promise<void> {
  const job = startJob(store, file.name);
  store.status = `Opening workbook ${file.name}…`;
  try {
    const session = await WorkbookSession.open(
      file,
      (step, fraction) => setProgress(store, job.id, step, fraction),
      job.controller.signal,
    );
    store.workbooks = [
      ...store.workbooks,
      {
        id: nextLoadId(),
        fileName: file.name,
        file,
        sheets: session.sheets,
        recognised: session.recognised,
        session,
      },
    ];
    store.status = `${file.name} has ${session.sheets.length} sheet${session.sheets.length === 1 ? '' : 's'}: choose which to load.`;
  } catch (e) {
    if (e instanceof CancelledError)
      store.status = `Opening ${file.name} was cancelled. Nothing was changed.`;
    else {
      addProblem(store, { fileName: file.name, message: errorMessage(e), file, textColumns: [] });
      store.status = `Could not load ${file.name}.`;
    }
  } finally {
    endJob(store, job.id);
  }
}

/** Loads the chosen sheets of a workbook, each as its own table (like a CSV file). */
export async function loadSheets(
  store: DataState,
  pickId: number,
  sheetNames: string[],
): Promise<string[]> {
  const pick = store.workbooks.find((w) => w.id === pickId);
  if (!pick) return [];
  store.workbooks = store.workbooks.filter((w) => w.id !== pickId);
  const loadedTables: string[] = [];
  try {
    // Sheets of one known publication (e.g. Tables 3-8) load together as one table, one source.
    const sheetTables: SheetTable[] = [];
    for (const sheet of sheetNames) {
      try {
        sheetTables.push(await pick.session.sheetTable(sheet));
      } catch (e) {
        addProblem(store, {
          fileName: `${pick.fileName} [${sheet}]`,
          message: errorMessage(e),
          file: pick.file,
          textColumns: [],
        });
      }
    }
    for (const sheetTable of combineSheetTables(sheetTables)) {
      await loadSheetTable(store, pick, sheetTable, loadedTables);
    }
  } finally {
    pick.session.close();
  }
  return loadedTables;
}

/**
 * Loads one sheet (or one publication's sheets combined) as a table, adding its name to
 * `loadedTables` once its rows are in the tables the views read (even if a check after fails).
 */
async function loadSheetTable(
  store: DataState,
  pick: WorkbookPick,
  sheetTable: SheetTable,
  loadedTables: string[],
): Promise<void> {
  const sheet = sheetTable.sheet;
  const name = `${pick.fileName} [${sheet}]`;
  const job = startJob(store, name);
  try {
    const engine = await getEngine();
    const loaded = await loadCsv(engine, {
      fileName: name,
      source: { kind: 'text', text: sheetTable.csv },
      tableName: tableNameFromFile(
        `${pick.fileName.replace(/\.\w+$/, '')} ${sheet.split(',')[0]}`,
        store.tables.map((t) => t.name),
      ),
      signal: job.controller.signal,
      onProgress: (step, fraction) => setProgress(store, job.id, step, fraction),
    });
    const origin: TableOrigin = {
      fileName: name,
      fileSize: pick.file.size,
      notices: [
        ...sheetTable.notes.map((message) => ({ kind: 'workbook' as const, message })),
        ...loaded.notices,
      ],
      columns: loaded.columns,
      file: pick.file,
      fingerprint: await fingerprint(pick.file),
      textColumns: [],
    };
    store.origins.set(loaded.table, origin);
    await store.refresh();
    setProgress(store, job.id, 'mapping', null, loaded.table);
    const followUp = await store.afterFileLoaded?.(loaded.table, origin);
    loadedTables.push(loaded.table);
    store.status = `Loaded ${name} as table ${loaded.table}: ${rowsText(loaded.rows)}.`;
    await finishLoad(store, job.id, followUp);
  } catch (e) {
    if (e instanceof CancelledError) store.status = `Loading ${name} was cancelled.`;
    else {
      addProblem(store, {
        fileName: name,
        message: errorMessage(e),
        file: pick.file,
        textColumns: [],
      });
      store.status = `Could not load ${name}.`;
    }
  } finally {
    endJob(store, job.id);
  }
}

/** Closes a workbook without loading anything from it. */
export function closeWorkbook(store: DataState, pickId: number): void {
  const pick = store.workbooks.find((w) => w.id === pickId);
  pick?.session.close();
  store.workbooks = store.workbooks.filter((w) => w.id !== pickId);
  if (pick) store.status = `Closed ${pick.fileName}; nothing was loaded from it.`;
}
