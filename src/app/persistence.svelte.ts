/**
 * Keeping work across a closed tab: the notebook is autosaved in this browser (IndexedDB) unless
 * private mode is on or saving is turned off; copies of data files are kept only when the user
 * opts in. "Forget all local data" removes everything the app stored and turns saving off until
 * the analyst turns it back on. Opening a notebook file asks for its data files.
 *
 * What the autosave says about data files: without the opt-in to keep them, only the table each
 * file was loaded as (the notebook's SQL names it anyway) and the columns read as text: no file
 * name, size or SHA-256. A whole-file hash identifies a known file as surely as its name (anyone
 * holding the file can compute it), and a salted hash would need its salt stored beside it, which
 * makes it just as matchable; so the names and hashes stay in memory for the session, where they
 * are used (matching files on reopening, the notebook file the analyst saves on purpose), and are
 * not written to the browser's storage. With the opt-in the files themselves are kept, so their
 * names and hashes are kept too.
 */
import { data } from './data.svelte';
import { engineReady } from './engine';
import { notebook } from './notebook.svelte';
import { parseNotebook, serialiseNotebook } from '../lib/notebook/file';
import type { DataSourceRef, NotebookDoc } from '../lib/notebook/model';
import { fingerprint } from '../lib/notebook/fingerprint';
import { rememberSavingOff, savingTurnedOff } from '../lib/storage/savingChoice';
import { tableNameFromFile } from '../lib/ingest/names';
import {
  deleteStoredFile,
  forgetEverything,
  listStoredFiles,
  loadNotebookText,
  saveNotebookText,
  storageExists,
  storeFile,
  type StoredFile,
} from '../lib/storage/idb';

export type StoredFileInfo = Omit<StoredFile, 'blob'>;

const AUTOSAVE_DELAY_MS = 400;

export class PersistenceState {
  /** Private mode keeps nothing at all: no autosave, no kept files. Start it with ?private. */
  privateMode = $state(
    typeof location !== 'undefined' && new URLSearchParams(location.search).has('private'),
  );
  /** Autosave on (the default) or turned off by the analyst (after "Forget all local data"). */
  saving = $state(!savingTurnedOff());
  keepData = $state(false);
  storedFiles = $state<StoredFileInfo[]>([]);
  /** Data files the open notebook expects that are not loaded yet. */
  needed = $state<DataSourceRef[]>([]);
  /** Files loaded for the notebook whose content differs from when it was saved. */
  mismatched = $state<string[]>([]);
  message = $state('');
  /**
   * What opening or restoring a notebook is doing now ("Opening x.json…: starting the database
   * engine"), shown at once in the notebook bar's live region, so a wait of seconds is never blank.
   */
  progress = $state('');
  lastSaved = $state<string | null>(null);
  /** A change is waiting to be autosaved: shown, so nobody closes the tab thinking it is saved. */
  savePending = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ready = false;

  /** Restores the autosaved notebook (and kept files) when the app starts. */
  async init(): Promise<void> {
    data.onFileLoaded = (table, origin) => {
      if (this.keepData && this.saving && !this.privateMode)
        void storeFile({
          table,
          fileName: origin.fileName,
          size: origin.fileSize,
          fingerprint: origin.fingerprint,
          // Plain arrays: IndexedDB cannot clone Svelte's state proxies.
          textColumns: [...origin.textColumns],
          storedAt: new Date().toISOString(),
          blob: origin.file,
        }).then(() => this.refreshStored());
    };
    if (this.privateMode || !this.saving) {
      this.ready = true;
      return;
    }
    try {
      if (!(await storageExists())) return;
      const stored = await listStoredFiles();
      this.keepData = stored.length > 0;
      this.storedFiles = stored.map(withoutBlob);
      const saved = await loadNotebookText();
      if (saved) {
        const parsed = parseNotebook(saved.text, 'The autosaved notebook');
        if (parsed.ok && (parsed.doc.cells.length > 0 || parsed.doc.dataSources.length > 0)) {
          const doing = `Restoring your notebook from ${new Date(saved.savedAt).toLocaleString('en-GB')}…`;
          notebook.replace(parsed.doc);
          this.needed = parsed.doc.dataSources;
          this.message = `Restored your notebook from ${new Date(saved.savedAt).toLocaleString('en-GB')}.`;
          const kept = stored.filter((f) => this.needed.some((n) => n.table === f.table));
          for (const [i, f] of kept.entries()) {
            const ref = this.needed.find((n) => n.table === f.table);
            this.progress = `${doing}: loading kept file ${i + 1} of ${kept.length} (${f.fileName})`;
            if (ref) await this.loadNeeded(new File([f.blob], f.fileName), ref);
          }
          await this.afterNeededChange(doing);
        }
      }
    } catch (e) {
      // Storage can be unavailable (disabled by policy, or full): the app still works without it.
      this.message = `This browser's storage is not available, so the notebook will not be autosaved (${e instanceof Error ? e.message : e}).`;
    } finally {
      this.progress = '';
      this.ready = true;
    }
  }

  /** Called whenever the notebook or its tables change. */
  schedule(doc: NotebookDoc): void {
    if (!this.ready || this.privateMode || !this.saving) return;
    if (this.timer) clearTimeout(this.timer);
    const sources = this.currentSources(doc);
    const text = serialiseNotebook({
      ...doc,
      dataSources: this.keepData ? sources : sources.map(withoutIdentity),
    });
    this.savePending = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      void saveNotebookText(text).then(
        () => {
          this.lastSaved = new Date().toLocaleTimeString('en-GB');
          if (!this.timer) this.savePending = false;
        },
        () => (this.savePending = false),
      );
    }, AUTOSAVE_DELAY_MS);
  }

  /** The notebook's data sources: files loaded now, plus ones it still waits for. */
  currentSources(doc: NotebookDoc = notebook.doc): DataSourceRef[] {
    void doc;
    const loaded = data.dataSources();
    return [...loaded, ...this.needed.filter((n) => !loaded.some((l) => l.table === n.table))];
  }

  notebookText(): string {
    return serialiseNotebook({ ...notebook.doc, dataSources: this.currentSources() });
  }

  /** Opens a notebook file. On a bad file nothing changes and a message says why. */
  async open(text: string, fileName: string): Promise<boolean> {
    const doing = `Opening ${fileName}…`;
    try {
      this.progress = `${doing}: checking the notebook file`;
      const parsed = parseNotebook(text, fileName);
      if (!parsed.ok) {
        this.message = parsed.message;
        return false;
      }
      // The first use of the engine starts it (and downloads it the first time): seconds.
      this.progress = `${doing}: ${engineReady() ? 'removing the current tables' : 'starting the database engine (downloading it the first time)'}`;
      await data.clear();
      notebook.replace(parsed.doc);
      this.needed = parsed.doc.dataSources;
      this.mismatched = [];
      this.message = this.needed.length
        ? `Opened ${fileName}. It needs ${this.needed.length} data file${this.needed.length === 1 ? '' : 's'}: add them below.`
        : `Opened ${fileName}.`;
      await this.afterNeededChange(doing);
      return true;
    } finally {
      this.progress = '';
    }
  }

  /** Matches chosen files to the ones the notebook needs, by file name, and loads them. */
  async provideFiles(files: File[]): Promise<void> {
    const unmatched: string[] = [];
    for (const file of files) {
      const ref = this.neededFor(file);
      if (!ref) unmatched.push(file.name);
      else await this.loadNeeded(file, ref);
    }
    if (unmatched.length)
      this.message = `Not needed by this notebook: ${unmatched.join(', ')}. Use "Add data files" to add other files.`;
    try {
      await this.afterNeededChange('Running the notebook with its data files…');
    } finally {
      this.progress = '';
    }
  }

  /**
   * The needed file a chosen file stands for: by file name, or, when the autosave withheld the
   * names, by the table the file's name makes (deaths.csv -> deaths), else the only one left.
   */
  private neededFor(file: File): DataSourceRef | undefined {
    const byName = this.needed.find((n) => n.fileName !== '' && n.fileName === file.name);
    if (byName) return byName;
    const withheld = this.needed.filter(identityWithheld);
    return (
      withheld.find((n) => n.table === tableNameFromFile(file.name, [])) ??
      (withheld.length === 1 && this.needed.length === 1 ? withheld[0] : undefined)
    );
  }

  private async loadNeeded(file: File, ref: DataSourceRef): Promise<void> {
    const table = await data.addFile(file, ref.textColumns, ref.table);
    if (!table) return;
    // A withheld fingerprint cannot be compared: the file is taken as the analyst chose it.
    if (!identityWithheld(ref) && (await fingerprint(file)) !== ref.fingerprint)
      this.mismatched = [...this.mismatched, file.name];
    this.needed = this.needed.filter((n) => n.table !== ref.table);
  }

  /**
   * Once every needed file is in, the notebook re-runs so its results are current: cell by cell
   * as notebook.runAll() does, saying which cell runs (a view's first run can take seconds).
   */
  private async afterNeededChange(doing: string): Promise<void> {
    if (this.needed.length > 0) return;
    const runnable = notebook.doc.cells.filter((c) => c.kind === 'sql' || c.kind === 'view');
    for (const [i, c] of runnable.entries()) {
      this.progress = `${doing}: running cell ${i + 1} of ${runnable.length} (${c.kind === 'sql' ? 'SQL' : 'a view'})`;
      await notebook.run(c.id);
    }
  }

  async setKeepData(on: boolean): Promise<void> {
    this.keepData = on;
    if (on) {
      for (const ref of data.dataSources()) {
        const origin = data.originOf(ref.table);
        if (origin)
          await storeFile({
            // A snapshot: the columns may come from reactive state, which IndexedDB cannot clone.
            ...$state.snapshot(ref),
            storedAt: new Date().toISOString(),
            blob: origin.file,
          });
      }
    } else {
      for (const f of this.storedFiles) await deleteStoredFile(f.table);
    }
    await this.refreshStored();
    // The autosave keeps the files' names and hashes only while the files themselves are kept.
    this.schedule(notebook.doc);
  }

  async removeStored(table: string): Promise<void> {
    await deleteStoredFile(table);
    await this.refreshStored();
  }

  private async refreshStored(): Promise<void> {
    this.storedFiles = (await listStoredFiles()).map(withoutBlob);
  }

  /**
   * Deletes everything stored and stops storing: no autosave, no kept files, in this tab and
   * after a reload, until the analyst turns saving back on (setSaving).
   */
  async forgetAll(): Promise<void> {
    this.stopSaving();
    rememberSavingOff(true);
    await forgetEverything();
    this.storedFiles = [];
    this.keepData = false;
    this.lastSaved = null;
    this.message =
      'Everything this app stored in this browser has been deleted, and nothing will be saved here until you turn saving back on (under Privacy and storage). The open notebook stays on screen until you close the tab.';
  }

  /** Turns autosaving in this browser on (saving the notebook now) or off (keeping what is saved). */
  async setSaving(on: boolean): Promise<void> {
    rememberSavingOff(!on);
    if (!on) {
      this.stopSaving();
      this.message = 'Saving in this browser is off: changes are not stored.';
      return;
    }
    this.saving = true;
    this.ready = true;
    this.message = 'Saving in this browser is on again.';
    this.schedule(notebook.doc);
  }

  private stopSaving(): void {
    this.saving = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.savePending = false;
  }

  /** Turning private mode on deletes what was stored and stops storing. */
  async enterPrivateMode(): Promise<void> {
    await this.forgetAll();
    this.privateMode = true;
    this.message =
      'Private mode: nothing is stored in this browser. Closing the tab forgets everything.';
  }
}

/** A data source as the autosave keeps it without the opt-in: no file name, size or hash. */
function withoutIdentity(ref: DataSourceRef): DataSourceRef {
  return { ...ref, fileName: '', size: 0, fingerprint: '' };
}

/** Whether a needed file's name and fingerprint were withheld by the autosave. */
export function identityWithheld(ref: DataSourceRef): boolean {
  return ref.fingerprint === '' && ref.fileName === '';
}

function withoutBlob(f: StoredFile): StoredFileInfo {
  const { blob: _blob, ...rest } = f;
  return rest;
}

export const persistence = new PersistenceState();
