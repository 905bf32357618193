/**
 * The data panel's state: loaded tables, loads in progress (with progress and cancel) and load
 * errors. A failed or cancelled load leaves every earlier table as it was.
 */
import { engineReady, getEngine, onEngineStartProgress } from './engine';
import type { Engine } from '../lib/engine/types';
import {
  buildViewEnvironment,
  environmentFrom,
  type ViewEnvironment,
  type ViewEnvironmentData,
} from '../lib/views';
import type { AreaOption } from '../lib/views/areas';
import {
  loadCsv,
  convertColumnToNumber,
  type LoadNotice,
  type LoadedColumn,
  type LoadStep,
  LOAD_STEP_TEXT,
} from '../lib/ingest/csv';
import { LoadError } from '../lib/ingest/errors';
import { isWorkbookFileName, looksLikeWorkbook, type SheetSummary } from '../lib/ingest/workbook';
import { WorkbookSession } from '../lib/ingest/workbookClient';
import { combineSheetTables, type SheetTable } from '../lib/ingest/sheetTable';
import type { WorkbookStep } from '../lib/ingest/workbookProtocol';
import { tableNameFromFile, validateTableName } from '../lib/ingest/names';
import { CancelledError } from '../lib/engine/types';
import { dropTable, listTables, renameTable, type TableSummary } from '../lib/tables/catalog';
import {
  dropProvenanceStores,
  isSource,
  removeLoadedSource,
  renameSource,
  type Provenance,
} from '../lib/schema';
import { fingerprint } from '../lib/notebook/fingerprint';
import type { DataSourceRef } from '../lib/notebook/model';

export interface TableEntry {
  name: string;
  rows: number;
  columns: LoadedColumn[];
  /** The file it came from, when it was loaded from one (else made by SQL). */
  fileName: string | null;
  fileSize: number | null;
  notices: LoadNotice[];
}

/** The loader's steps, then recognising the file and adding it to the canonical tables. */
export type JobStep = LoadStep | WorkbookStep | 'starting-engine' | 'mapping' | 'prebuilt';

export const JOB_STEP_TEXT: Record<JobStep, string> = {
  ...LOAD_STEP_TEXT,
  'starting-engine': 'starting the database engine (downloading it the first time)',
  parsing: 'reading the workbook',
  summarising: 'listing its sheets',
  mapping: 'recognising it and adding it to the tables the views read',
  prebuilt: 'adding its ready-made tables (recognised and checked when the app was built)',
};

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

export interface LoadJob {
  id: number;
  fileName: string;
  step: JobStep;
  fraction: number | null;
  startedAt: number;
  controller: AbortController;
  /** The table the file was loaded as, once it is being recognised and mapped (names the step). */
  table?: string;
}

export interface LoadProblem {
  id: number;
  fileName: string;
  message: string;
  /** Retry with this column read as text. */
  textColumn?: string;
  /** The file is a workbook with another name: offer to read it as one. */
  workbook?: boolean;
  file: File;
  textColumns: string[];
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

let nextId = 0;

/** A column's suppressed-cell count as its file's load knows it (0 for a table made by SQL). */
function withCount(
  c: LoadedColumn | undefined,
): Pick<LoadedColumn, 'suppressed' | 'counting' | 'uncounted'> {
  return { suppressed: c?.suppressed ?? 0, counting: c?.counting, uncounted: c?.uncounted };
}

export class DataState {
  tables = $state<TableEntry[]>([]);
  upperTierAreas = $state.raw<AreaOption[]>([]);
  /** Where the canonical rows came from: sources per table, real rows replacing synthetic ones. */
  provenance = $state.raw<Provenance | null>(null);
  private environment: Promise<ViewEnvironment> | null = null;

  /** The views' environment for the current tables (built on the first use after a change). */
  async viewEnvironment(): Promise<ViewEnvironment> {
    this.environment ??= getEngine().then((engine) => buildViewEnvironment(engine));
    return this.environment;
  }
  areasProblem = $state('');
  jobs = $state<LoadJob[]>([]);
  problems = $state<LoadProblem[]>([]);
  /** Workbooks waiting for their sheets to be picked (SheetPicker). */
  workbooks = $state<WorkbookPick[]>([]);
  /** Announced politely to screen readers (and shown) when something finishes. */
  status = $state('');
  /** Files each table came from, so notices survive a refresh of the table list and a
   *  notebook can name the files it needs. */
  private origins = new Map<string, TableOrigin>();
  /** Called after a table is loaded from a file (persistence keeps a copy if asked to). */
  onFileLoaded: ((table: string, origin: TableOrigin) => void) | null = null;
  /**
   * Awaited after a file loads (recognising it and mapping it into the canonical tables). What
   * it returns (checking the rows it added) runs after "Loaded" is said, before the next file.
   */
  afterFileLoaded:
    ((table: string, origin: TableOrigin) => Promise<(() => Promise<void>) | void>) | null = null;

  async addFiles(
    files: Iterable<File>,
    textColumnsFor: Record<string, string[]> = {},
  ): Promise<void> {
    await this.batch(async () => {
      for (const file of files) await this.addFile(file, textColumnsFor[file.name] ?? []);
    });
  }

  /** Depth of batch() calls in progress (several files loaded one after another). */
  private batchDepth = 0;

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

  /**
   * Tables made ready when the app was built (the demo's, src/lib/demo): `create` makes them in
   * the engine, then each file shows as loaded, as if loaded one by one (its notices, columns,
   * SHA-256), with one refresh and one views' environment at the end. False, with nothing
   * added, when `create` failed (the caller then loads the files one by one).
   */
  async addPrebuilt(
    label: string,
    create: (engine: Engine) => Promise<{
      files: { table: string; origin: TableOrigin; status: string }[];
      tables: TableSummary[];
      environment: ViewEnvironmentData;
    }>,
  ): Promise<boolean> {
    const job: LoadJob = {
      id: ++nextId,
      fileName: label,
      step: 'prebuilt',
      fraction: null,
      startedAt: performance.now(),
      controller: new AbortController(),
    };
    this.jobs = [...this.jobs, job];
    this.status = `Loading ${label}…`;
    try {
      const engine = await this.engineFor(job.id);
      this.setProgress(job.id, 'prebuilt', null);
      const { files, tables, environment } = await create(engine);
      for (const { table, origin } of files) {
        this.origins.set(table, origin);
        this.onFileLoaded?.(table, origin);
      }
      await this.refresh(tables, environment);
      this.status = files.at(-1)?.status ?? '';
      return true;
    } catch (e) {
      console.warn('The ready-made demo tables could not be used:', e);
      return false;
    } finally {
      this.jobs = this.jobs.filter((j) => j.id !== job.id);
    }
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
    const job: LoadJob = {
      id: ++nextId,
      fileName: file.name,
      step: 'reading',
      fraction: null,
      startedAt: performance.now(),
      controller: new AbortController(),
    };
    this.jobs = [...this.jobs, job];
    this.status = `Loading ${file.name}…`;
    try {
      const engine = await this.engineFor(job.id);
      const taken = this.tables.map((t) => t.name);
      // Hashed while the engine reads the file (the browser hashes off the main thread).
      const fingerprinted = fingerprint(file);
      fingerprinted.catch(() => undefined); // awaited below; a failed load never asks
      const loaded = await loadCsv(engine, {
        fileName: file.name,
        source: { kind: 'browser-file', file },
        tableName: tableName ?? tableNameFromFile(file.name, taken),
        textColumns,
        signal: job.controller.signal,
        onProgress: (step, fraction) => this.setProgress(job.id, step, fraction),
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
      this.origins.set(loaded.table, origin);
      this.onFileLoaded?.(loaded.table, origin);
      await this.refresh();
      this.setProgress(job.id, 'mapping', null, loaded.table);
      const followUp = await this.afterFileLoaded?.(loaded.table, origin);
      this.status = `Loaded ${file.name} as table ${loaded.table}: ${loaded.rows.toLocaleString('en-GB')} row${loaded.rows === 1 ? '' : 's'}.`;
      await this.finishLoad(job.id, async () => {
        await this.countSuppressedOf(loaded.table, loaded.countSuppressed);
        if (followUp) await followUp();
      });
      return loaded.table;
    } catch (e) {
      if (e instanceof CancelledError) {
        this.status = `Loading ${file.name} was cancelled. Nothing was changed.`;
      } else {
        const message = e instanceof Error ? e.message : String(e);
        const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
        this.problems = [
          ...this.problems,
          {
            id: ++nextId,
            fileName: file.name,
            message,
            textColumn: e instanceof LoadError ? e.textFallbackColumn : undefined,
            workbook: looksLikeWorkbook(head),
            file,
            textColumns,
          },
        ];
        this.status = `Could not load ${file.name}.`;
      }
      return null;
    } finally {
      this.jobs = this.jobs.filter((j) => j.id !== job.id);
    }
  }

  /** Opens a workbook in the worker and lists its sheets for the picker; nothing is loaded yet. */
  async openWorkbook(file: File): Promise<void> {
    const job: LoadJob = {
      id: ++nextId,
      fileName: file.name,
      step: 'reading',
      fraction: null,
      startedAt: performance.now(),
      controller: new AbortController(),
    };
    this.jobs = [...this.jobs, job];
    this.status = `Opening workbook ${file.name}…`;
    try {
      const session = await WorkbookSession.open(
        file,
        (step, fraction) => this.setProgress(job.id, step, fraction),
        job.controller.signal,
      );
      this.workbooks = [
        ...this.workbooks,
        {
          id: ++nextId,
          fileName: file.name,
          file,
          sheets: session.sheets,
          recognised: session.recognised,
          session,
        },
      ];
      this.status = `${file.name} has ${session.sheets.length} sheet${session.sheets.length === 1 ? '' : 's'}: choose which to load.`;
    } catch (e) {
      if (e instanceof CancelledError)
        this.status = `Opening ${file.name} was cancelled. Nothing was changed.`;
      else {
        this.problems = [
          ...this.problems,
          {
            id: ++nextId,
            fileName: file.name,
            message: e instanceof Error ? e.message : String(e),
            file,
            textColumns: [],
          },
        ];
        this.status = `Could not load ${file.name}.`;
      }
    } finally {
      this.jobs = this.jobs.filter((j) => j.id !== job.id);
    }
  }

  /** Loads the chosen sheets of a workbook, each as its own table (like a CSV file). */
  async loadSheets(pickId: number, sheetNames: string[]): Promise<string[]> {
    const pick = this.workbooks.find((w) => w.id === pickId);
    if (!pick) return [];
    this.workbooks = this.workbooks.filter((w) => w.id !== pickId);
    const loadedTables: string[] = [];
    try {
      // Sheets of one known publication (e.g. Tables 3-8) load together as one table, one source.
      const sheetTables: SheetTable[] = [];
      for (const sheet of sheetNames) {
        try {
          sheetTables.push(await pick.session.sheetTable(sheet));
        } catch (e) {
          this.problems = [
            ...this.problems,
            {
              id: ++nextId,
              fileName: `${pick.fileName} [${sheet}]`,
              message: e instanceof Error ? e.message : String(e),
              file: pick.file,
              textColumns: [],
            },
          ];
        }
      }
      for (const sheetTable of combineSheetTables(sheetTables)) {
        const sheet = sheetTable.sheet;
        const name = `${pick.fileName} [${sheet}]`;
        const job: LoadJob = {
          id: ++nextId,
          fileName: name,
          step: 'reading',
          fraction: null,
          startedAt: performance.now(),
          controller: new AbortController(),
        };
        this.jobs = [...this.jobs, job];
        try {
          const engine = await getEngine();
          const loaded = await loadCsv(engine, {
            fileName: name,
            source: { kind: 'text', text: sheetTable.csv },
            tableName: tableNameFromFile(
              `${pick.fileName.replace(/\.\w+$/, '')} ${sheet.split(',')[0]}`,
              this.tables.map((t) => t.name),
            ),
            signal: job.controller.signal,
            onProgress: (step, fraction) => this.setProgress(job.id, step, fraction),
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
          this.origins.set(loaded.table, origin);
          await this.refresh();
          this.setProgress(job.id, 'mapping', null, loaded.table);
          const followUp = await this.afterFileLoaded?.(loaded.table, origin);
          loadedTables.push(loaded.table);
          this.status = `Loaded ${name} as table ${loaded.table}: ${loaded.rows.toLocaleString('en-GB')} rows.`;
          await this.finishLoad(job.id, followUp);
        } catch (e) {
          if (e instanceof CancelledError) this.status = `Loading ${name} was cancelled.`;
          else {
            this.problems = [
              ...this.problems,
              {
                id: ++nextId,
                fileName: name,
                message: e instanceof Error ? e.message : String(e),
                file: pick.file,
                textColumns: [],
              },
            ];
            this.status = `Could not load ${name}.`;
          }
        } finally {
          this.jobs = this.jobs.filter((j) => j.id !== job.id);
        }
      }
    } finally {
      pick.session.close();
    }
    return loadedTables;
  }

  /** Closes a workbook without loading anything from it. */
  closeWorkbook(pickId: number): void {
    const pick = this.workbooks.find((w) => w.id === pickId);
    pick?.session.close();
    this.workbooks = this.workbooks.filter((w) => w.id !== pickId);
    if (pick) this.status = `Closed ${pick.fileName}; nothing was loaded from it.`;
  }

  /**
   * A load is done once its rows are in the tables the views read: its progress bar goes, and
   * what follows (the checks, whose findings the table's card shows as they come) runs before
   * the next file, so a check never sees rows of a file loaded after it.
   */
  /**
   * The suppressed cells of a file loaded with countSuppressedLater, counted now (a pass over the
   * file): its card says "counting…" until then, and "not counted" if it fails.
   */
  private async countSuppressedOf(
    table: string,
    count: (() => Promise<void>) | undefined,
  ): Promise<void> {
    if (!count) return;
    await count().catch((e: unknown) => console.warn(`Suppressed cells of ${table}:`, e));
    const origin = this.origins.get(table);
    if (!origin) return;
    const counted = new Map(origin.columns.map((c) => [c.name, c]));
    // Only the card changes: no table list or views' environment to re-read.
    this.tables = this.tables.map((t) =>
      t.name === table
        ? { ...t, columns: t.columns.map((c) => ({ ...c, ...withCount(counted.get(c.name)) })) }
        : t,
    );
  }

  private async finishLoad(id: number, followUp: (() => Promise<void>) | void): Promise<void> {
    this.jobs = this.jobs.filter((j) => j.id !== id);
    if (followUp) await followUp();
  }

  /** The engine; while it starts (first use), the job says so, with the share downloaded. */
  private async engineFor(id: number): Promise<Engine> {
    if (engineReady()) return getEngine();
    this.setProgress(id, 'starting-engine', null);
    const stop = onEngineStartProgress((p) =>
      this.setProgress(id, 'starting-engine', p.bytesTotal ? p.bytesLoaded / p.bytesTotal : null),
    );
    try {
      return await getEngine();
    } finally {
      stop();
    }
  }

  private setProgress(id: number, step: JobStep, fraction: number | null, table?: string): void {
    this.jobs = this.jobs.map((j) =>
      j.id === id ? { ...j, step, fraction, ...(table ? { table } : {}) } : j,
    );
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
    const engine = await getEngine();
    // `known`: the tables are already known (the demo's ready-made ones): no catalog read; nor
    // of the views' environment, when what it reads from them is known too.
    const summaries = known ?? (await listTables(engine));
    this.tables = summaries.map((s) => {
      const origin = this.origins.get(s.name);
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
    if (this.batchDepth > 0) {
      this.environment = null;
      return;
    }
    try {
      this.environment = knownEnvironment
        ? Promise.resolve(environmentFrom(engine, knownEnvironment))
        : buildViewEnvironment(engine);
      const env = await this.environment;
      this.upperTierAreas = env.areas.upperTier.map((a) => ({
        code: a.code,
        name: a.name ?? a.code,
        regionCode: a.regionCode,
        regionName: a.regionName,
      }));
      this.areasProblem = '';
      this.provenance = env.provenance ?? null;
    } catch (e) {
      this.environment = null;
      this.upperTierAreas = [];
      this.areasProblem = `The area list could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** The files behind the current tables, as a notebook file records them. */
  dataSources(): DataSourceRef[] {
    return [...this.origins.entries()]
      .filter(([table]) => this.tables.some((t) => t.name === table))
      .map(([table, o]) => ({
        table,
        fileName: o.fileName,
        size: o.fileSize,
        fingerprint: o.fingerprint,
        textColumns: o.textColumns,
      }));
  }

  originOf(table: string): TableOrigin | undefined {
    return this.origins.get(table);
  }

  hasTable(name: string): boolean {
    return this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Removes every table (opening another notebook starts from a clean slate). */
  async clear(): Promise<void> {
    const engine = await getEngine();
    for (const t of this.tables) await dropTable(engine, t.name);
    await dropProvenanceStores(engine);
    this.origins.clear();
    this.problems = [];
    await this.refresh();
  }

  async rename(from: string, to: string): Promise<string | null> {
    const invalid = validateTableName(to);
    if (invalid) return invalid;
    if (this.tables.some((t) => t.name.toLowerCase() === to.toLowerCase() && t.name !== from))
      return `There is already a table called ${to}.`;
    await renameTable(await getEngine(), from, to);
    // The canonical rows a loaded file gave name it by its table: keep them pointing at it.
    await renameSource(await getEngine(), from, to);
    const origin = this.origins.get(from);
    if (origin) {
      this.origins.delete(from);
      this.origins.set(to, origin);
    }
    await this.refresh();
    this.status = `Renamed table ${from} to ${to}.`;
    return null;
  }

  /**
   * Removes a table. A loaded file's rows go from every canonical table too (the synthetic rows
   * they replaced come back, aggregates counted from its records are counted again), and the
   * views run again on what is left.
   */
  async remove(name: string): Promise<void> {
    // Said at once: taking a file's rows out of every canonical table can take seconds.
    this.status = `Removing table ${name}…`;
    const engine = await getEngine();
    let said = '';
    if (await isSource(engine, name)) said = ` ${(await removeLoadedSource(engine, name)).message}`;
    await dropTable(engine, name);
    this.origins.delete(name);
    await this.refresh();
    this.status = `Removed table ${name}.${said}`;
    // Imported here: the notebook imports this module.
    const { notebook } = await import('./notebook.svelte');
    await notebook.runViews();
  }

  /**
   * Loads a new version of a file in place of the one behind `name`: the old file's rows go from
   * every table first (so the two are never both counted), then the new file loads and is mapped.
   */
  async replace(name: string, file: File): Promise<void> {
    const origin = this.origins.get(name);
    const before = origin?.fileName ?? name;
    await this.remove(name);
    const removed = this.status;
    const table = await this.addFile(file, origin?.textColumns ?? []);
    this.status = table
      ? `Replaced ${before} with ${file.name}. ${removed} ${this.status}`
      : `${removed} ${file.name} could not be loaded: see the message above.`;
  }

  async convertToNumber(table: string, column: string): Promise<void> {
    await convertColumnToNumber(await getEngine(), table, column);
    const origin = this.origins.get(table);
    if (origin) origin.notices = origin.notices.filter((n) => n.column !== column);
    await this.refresh();
    this.status = `Converted column ${column} of ${table} to numbers.`;
  }
}

export const data = new DataState();
