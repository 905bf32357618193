/**
 * The data panel's state: loaded tables, loads in progress (with progress and cancel) and load
 * errors. A failed or cancelled load leaves every earlier table as it was.
 *
 * The state lives here, in one store the components read (its $state fields are what keeps them
 * up to date); each job on it is its own module, a plain function taking the store:
 * loadJobs.ts (jobs, progress, problems), fileLoads.ts (CSV files and the demo's ready-made
 * tables), workbookLoads.ts (workbooks and their sheets), tableList.ts (the table list and the
 * views' environment), tableEdits.ts (rename, remove, replace, convert, clear).
 */
import { getEngine } from './engine';
import type { Engine } from '../lib/engine/types';
import { buildViewEnvironment, type ViewEnvironment, type ViewEnvironmentData } from '../lib/views';
import type { AreaOption } from '../lib/views/areas';
import { isWorkbookFileName } from '../lib/ingest/workbook';
import type { TableSummary } from '../lib/tables/catalog';
import type { Provenance } from '../lib/schema';
import type { DataSourceRef } from '../lib/notebook/model';
import type { LoadJob, LoadProblem } from './loadJobs';
import { addPrebuiltTables, loadCsvFile, type PrebuiltTables } from './fileLoads';
import { closeWorkbook, loadSheets, openWorkbook, type WorkbookPick } from './workbookLoads';
import { dataSources, refreshTables, type TableEntry, type TableOrigin } from './tableList';
import {
  clearTables,
  convertToNumber,
  removeTable,
  renameLoadedTable,
  replaceTable,
} from './tableEdits';

// The types and texts the rest of the app takes from the data store, wherever they now live.
export { JOB_STEP_TEXT, type JobStep, type LoadJob, type LoadProblem } from './loadJobs';
export type { TableEntry, TableOrigin } from './tableList';
export type { WorkbookPick } from './workbookLoads';

export class DataState {
  tables = $state<TableEntry[]>([]);
  upperTierAreas = $state.raw<AreaOption[]>([]);
  /** Lower-tier districts, for naming a group's members (a group may be made of districts). */
  lowerTierAreas = $state.raw<AreaOption[]>([]);
  /** Where the canonical rows came from: sources per table, real rows replacing synthetic ones. */
  provenance = $state.raw<Provenance | null>(null);
  areasProblem = $state('');
  jobs = $state<LoadJob[]>([]);
  problems = $state<LoadProblem[]>([]);
  /** Workbooks waiting for their sheets to be picked (SheetPicker). */
  workbooks = $state<WorkbookPick[]>([]);
  /** Announced politely to screen readers (and shown) when something finishes. */
  status = $state('');

  // Kept by the data modules above, not read by the rest of the app (originOf, dataSources and
  // viewEnvironment are what it asks). Not $state: no component shows them.
  /** Files each table came from, so notices survive a refresh of the table list and a
   *  notebook can name the files it needs. */
  readonly origins = new Map<string, TableOrigin>();
  /** The views' environment for the current tables; null when a change of tables made it stale. */
  environment: Promise<ViewEnvironment> | null = null;
  /** Depth of batch() calls in progress (several files loaded one after another). */
  batchDepth = 0;

  /** Called after a table is loaded from a file (persistence keeps a copy if asked to). */
  onFileLoaded: ((table: string, origin: TableOrigin) => void) | null = null;
  /**
   * Awaited after a file loads (recognising it and mapping it into the canonical tables). What
   * it returns (checking the rows it added) runs after "Loaded" is said, before the next file.
   */
  afterFileLoaded:
    ((table: string, origin: TableOrigin) => Promise<(() => Promise<void>) | void>) | null = null;

  /** The views' environment for the current tables (built on the first use after a change). */
  async viewEnvironment(): Promise<ViewEnvironment> {
    this.environment ??= getEngine().then((engine) => buildViewEnvironment(engine));
    return this.environment;
  }

  async addFiles(
    files: Iterable<File>,
    textColumnsFor: Record<string, string[]> = {},
  ): Promise<void> {
    await this.batch(async () => {
      for (const file of files) await this.addFile(file, textColumnsFor[file.name] ?? []);
    });
  }

  /**
   * Runs a batch of loads (several files, the demo) with the views' environment and the area
   * list rebuilt once at the end rather than after every file and every mapping: rebuilding
   * them reads the whole catalog and the area directory (bench/lib/demoProfile.ts), and nothing
   * reads them while files are still loading (a view that asks builds it on demand).
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batchDepth++;
    try {
      return await fn();
    } finally {
      if (--this.batchDepth === 0) await this.refresh().catch(() => undefined);
    }
  }

  /** The demo's ready-made tables (fileLoads.ts addPrebuiltTables); false if they failed. */
  async addPrebuilt(
    label: string,
    create: (engine: Engine) => Promise<PrebuiltTables>,
  ): Promise<boolean> {
    return addPrebuiltTables(this, label, create);
  }

  /** Loads one file; `tableName` is used when given (reopening a notebook), else one is made. */
  async addFile(
    file: File,
    textColumns: string[] = [],
    tableName?: string,
  ): Promise<string | null> {
    if (isWorkbookFileName(file.name)) {
      await this.openWorkbook(file);
      return null;
    }
    return loadCsvFile(this, file, textColumns, tableName);
  }

  /** Opens a workbook in the worker and lists its sheets for the picker; nothing is loaded yet. */
  async openWorkbook(file: File): Promise<void> {
    return openWorkbook(this, file);
  }

  /** Loads the chosen sheets of a workbook, each as its own table (like a CSV file). */
  async loadSheets(pickId: number, sheetNames: string[]): Promise<string[]> {
    return loadSheets(this, pickId, sheetNames);
  }

  /** Closes a workbook without loading anything from it. */
  closeWorkbook(pickId: number): void {
    closeWorkbook(this, pickId);
  }

  cancel(id: number): void {
    this.jobs.find((j) => j.id === id)?.controller.abort();
  }

  dismissProblem(id: number): void {
    this.problems = this.problems.filter((p) => p.id !== id);
  }

  async retryAsText(problem: LoadProblem): Promise<void> {
    this.dismissProblem(problem.id);
    await this.addFile(problem.file, [...problem.textColumns, problem.textColumn!]);
  }

  /** Re-reads the table list from the database (SQL cells can create and drop tables too). */
  async refresh(known?: TableSummary[], knownEnvironment?: ViewEnvironmentData): Promise<void> {
    return refreshTables(this, known, knownEnvironment);
  }

  /** The files behind the current tables, as a notebook file records them. */
  dataSources(): DataSourceRef[] {
    return dataSources(this);
  }

  originOf(table: string): TableOrigin | undefined {
    return this.origins.get(table);
  }

  hasTable(name: string): boolean {
    return this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Removes every table (opening another notebook starts from a clean slate). */
  async clear(): Promise<void> {
    return clearTables(this);
  }

  /** Renames a table; the reason it cannot be, or null when it was. */
  async rename(from: string, to: string): Promise<string | null> {
    return renameLoadedTable(this, from, to);
  }

  /** Removes a table and the rows its file gave every canonical table (tableEdits.ts). */
  async remove(name: string): Promise<void> {
    return removeTable(this, name);
  }

  /** Loads a new version of the file behind `name` in its place (tableEdits.ts). */
  async replace(name: string, file: File): Promise<void> {
    return replaceTable(this, name, file);
  }

  async convertToNumber(table: string, column: string): Promise<void> {
    return convertToNumber(this, table, column);
  }
}

export const data = new DataState();
