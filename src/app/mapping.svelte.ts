/**
 * After a file loads: recognise what it is, map it into the canonical tables the views read
 * (without asking when the format is known), check the result, and remember the mapping in the
 * notebook. When the file is not recognised with confidence the analyst maps it in a dialog.
 */
import { getEngine } from './engine';
import { data } from './data.svelte';
import { notebook } from './notebook.svelte';
import {
  addToCanonical,
  keepClearOfCanonical,
  proposeMapping,
  type CanonicalRows,
} from '../lib/ingest/addLoadedFile';
import { rowsText } from '../lib/format/numbers';
import {
  checkTable,
  deriveCjsTreatment,
  deriveDeaths,
  deriveTreatment,
  sumLowerTierToUpperTier,
  parseMapping,
  type ApplyResult,
  type ColumnMapping,
  type Finding,
  type TableProposal,
} from '../lib/schema';

export interface TableMapping {
  fileName: string;
  proposal: TableProposal | null;
  status: 'needs-mapping' | 'applying' | 'applied' | 'failed' | 'not-needed';
  mapping: ColumnMapping | null;
  result: ApplyResult | null;
  findings: Finding[];
  /** The checks are running on the rows just added (their findings come after "Loaded"). */
  checking?: boolean;
  message: string;
  /** Aggregates were derived from this record-level file (offered once). */
  derived?: boolean;
}

/** Work that follows a load once its rows are in the canonical tables (checking them). */
export type FollowUp = () => Promise<void>;

class MappingState {
  /** Keyed by the raw table a file was loaded into. */
  byTable = $state<Record<string, TableMapping>>({});
  /** The raw table whose mapping dialog is open. */
  dialogFor = $state<string | null>(null);

  constructor() {
    data.afterFileLoaded = (table, origin) => this.afterLoad(table, origin.fileName);
  }

  private set(table: string, patch: Partial<TableMapping>): void {
    const current = this.byTable[table] ?? {
      fileName: '',
      proposal: null,
      status: 'needs-mapping',
      mapping: null,
      result: null,
      findings: [],
      message: '',
    };
    this.byTable = { ...this.byTable, [table]: { ...current, ...patch } };
  }

  /**
   * Recognises a loaded file and, when sure (or the notebook saved a mapping), adds its rows to
   * the canonical tables. Resolves once the rows are in, with the checks of those rows still to
   * run (`data` announces "Loaded" first: the findings are for the analyst to read, the views do
   * not wait for them).
   */
  async afterLoad(table: string, fileName: string): Promise<FollowUp | void> {
    const engine = await getEngine();
    const saved = notebook.savedMapping(table);
    if (saved) {
      // Reopened notebook: the analyst already chose this mapping.
      this.set(table, { fileName });
      return (await this.addRows(table, parseMapping(saved))) ?? undefined;
    }
    const { proposal, confident, message } = await proposeMapping(engine, table, fileName);
    this.set(table, {
      fileName,
      proposal,
      mapping: proposal.mapping,
      status: 'needs-mapping',
      message,
    });
    if (confident) return (await this.addRows(table, confident)) ?? undefined;
  }

  /** Adds the file's rows to the canonical tables and checks them; on failure nothing is added. */
  async apply(table: string, mapping: ColumnMapping): Promise<boolean> {
    const check = await this.addRows(table, mapping);
    if (!check) return false;
    await check();
    return true;
  }

  /**
   * Adds the file's rows to the canonical tables (one transaction: on failure nothing is added).
   * Returns the checks of the tables it added to, to run next; null when it failed.
   */
  private async addRows(table: string, mapping: ColumnMapping): Promise<FollowUp | null> {
    const engine = await getEngine();
    this.set(table, { status: 'applying', mapping });
    // Renamed through the data store, which also updates its table list.
    const raw = await keepClearOfCanonical(
      table,
      mapping,
      data.tables.map((t) => t.name),
      async (from, to) => {
        await data.rename(from, to);
        const { [from]: entry, ...rest } = this.byTable;
        this.byTable = { ...rest, [to]: entry };
      },
    );
    try {
      const rows = await addToCanonical(
        engine,
        raw,
        mapping,
        this.byTable[raw]?.fileName || data.originOf(raw)?.fileName || raw,
      );
      notebook.setMapping(raw, mapping);
      this.set(raw, {
        status: 'applied',
        result: rows.result,
        findings: [],
        checking: true,
        message: rows.message,
      });
      await data.refresh();
      // Views already on screen show the new rows (and any synthetic rows they replace).
      if (notebook.viewRuns.size > 0) void notebook.runViews();
      return () => this.check(raw, rows.check);
    } catch (e) {
      this.set(raw, { status: 'failed', message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /**
   * The checks of the tables a file added rows to, and the notes counted after the rows went in
   * (findings and notes for the analyst; they change nothing).
   */
  private async check(table: string, check: CanonicalRows['check']): Promise<void> {
    try {
      const { findings, result } = await check();
      this.set(table, {
        findings,
        checking: false,
        ...(this.byTable[table]?.result ? { result } : {}),
      });
    } catch (e) {
      const problem = e instanceof Error ? e.message : String(e);
      this.set(table, {
        checking: false,
        message: `${this.byTable[table]?.message ?? ''} The rows could not be checked: ${problem}`,
      });
    }
  }

  /** Runs an action a check offered (adding county rows from complete sets of districts). */
  async runOffer(table: string, offer: NonNullable<Finding['offer']>): Promise<void> {
    const engine = await getEngine();
    try {
      const result = await sumLowerTierToUpperTier(engine, offer.table);
      const findings = await checkTable(engine, offer.table);
      this.set(table, {
        findings,
        message: `${this.byTable[table]?.message ?? ''} ${result.note}`.trim(),
      });
      await data.refresh();
    } catch (e) {
      this.set(table, { message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Aggregate tables from record-level ones (treatment counts by substance group, deaths by age). */
  async derive(table: string, from: 'treatment_episodes' | 'death_records'): Promise<void> {
    const engine = await getEngine();
    try {
      const results =
        from === 'treatment_episodes'
          ? [await deriveTreatment(engine), await deriveCjsTreatment(engine)]
          : [await deriveDeaths(engine)];
      const said = results.map((r) => `Added ${rowsText(r.rowsAdded)} to ${r.table}.`).join(' ');
      this.set(table, {
        message: `${this.byTable[table]?.message ?? ''} ${said}`.trim(),
        derived: true,
      });
      await data.refresh();
    } catch (e) {
      this.set(table, { message: e instanceof Error ? e.message : String(e) });
    }
  }

  forget(table: string): void {
    const { [table]: _gone, ...rest } = this.byTable;
    this.byTable = rest;
  }
}

export const mappings = new MappingState();
