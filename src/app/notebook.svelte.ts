/**
 * The open notebook: its document (cells) and the latest run of each cell. Results are kept as
 * raw Arrow-backed results ($state.raw): replaced, never mutated, and paged on display.
 */
import { getEngine } from './engine';
import { data } from './data.svelte';
import type { QueryResult } from '../lib/engine/types';
import { onlyReads } from '../lib/engine/readOnly';
import { resolveViewContext, runView, saveIndicators } from '../lib/views';
import { compareWithReadyMade, decodeViewResult, encodeViewResult } from '../lib/demo/readyMade';
import { indicatorsOfOtherViews, readsOtherViews } from '../lib/views/viewChain';
import { withGroups } from '../lib/groups/environment';
import type { ViewResult } from '../lib/views/types';
import type { IndicatorRow } from '../lib/schema/indicator';
import type { TextParameterValues } from '../lib/notebook/textParameters';
import { COMPARATOR_LABELS } from '../lib/domain/areas';
import {
  emptyNotebook,
  insertCell,
  makeCell,
  moveCell,
  removeCell,
  updateCell,
  type Cell,
  type CellKind,
  type NotebookDoc,
  type NotebookParameters,
} from '../lib/notebook/model';

export type CellRun =
  | { status: 'running'; startedAt: number }
  | { status: 'done'; result: QueryResult; ms: number }
  | { status: 'error'; message: string; ms: number };

export type ViewRun =
  | { status: 'running'; startedAt: number }
  | {
      status: 'done';
      result: ViewResult;
      ms: number;
      /**
       * Shown from the demo's ready-made results (src/lib/demo/readyMade.ts) until the engine's
       * own run of the view replaces it: the result as encoded, and which run is checking it.
       */
      readyMade?: { encoded: string; checkStartedAt?: number };
      /** The engine's result differed from the ready-made one shown before it. */
      differedFromReadyMade?: boolean;
    }
  | { status: 'error'; message: string; ms: number };

/** How a view runs: `checkReadyMade` keeps a ready-made result shown until this run replaces it. */
export interface ViewRunOptions {
  checkReadyMade?: boolean;
}

/** The views that read what the other view cells computed: they run after them. */
const readsOthers = (c: Cell): boolean => c.kind === 'view' && readsOtherViews(c.viewId);

export class NotebookState {
  doc = $state<NotebookDoc>(emptyNotebook());
  // Maps, not objects keyed by cell id: an id from a file ("__proto__") cannot reach a prototype.
  runs = $state.raw<Map<string, CellRun>>(new Map());
  viewRuns = $state.raw<Map<string, ViewRun>>(new Map());
  /** The last deleted cell and where it was, for "Undo". */
  lastDeleted = $state<{ cell: Cell; afterId: string | null } | null>(null);
  /** Id of a cell whose editor should take focus (after add/undo). */
  focusRequest = $state<string | null>(null);
  /** Id of a cell whose heading should take focus (outline jumps, after the demo loads). */
  headingFocusRequest = $state<string | null>(null);
  /** Cells shown as their heading only, and cells whose results are hidden (this tab only). */
  collapsed = $state.raw<Set<string>>(new Set());
  hiddenResults = $state.raw<Set<string>>(new Set());

  /** Replaces the whole document (opening or restoring a notebook); results are cleared. */
  replace(doc: NotebookDoc): void {
    this.doc = doc;
    this.runs = new Map();
    this.viewRuns = new Map();
    this.lastDeleted = null;
  }

  /** Changing the focal area, comparators or period re-runs every view cell that follows them. */
  async setParameters(patch: Partial<NotebookParameters>): Promise<void> {
    this.doc = { ...this.doc, parameters: { ...this.doc.parameters, ...patch } };
    await this.runViews();
  }

  /**
   * Every view cell: those that compute indicators all at once (the engine answers their
   * statements one after another, while the page draws the views already answered), then the
   * comparison and the scorecard, which read the indicators the others computed (run with the
   * others, they would read those of the previous focal area).
   */
  async runViews(how: ViewRunOptions = {}): Promise<void> {
    const views = this.doc.cells.filter((c) => c.kind === 'view');
    await Promise.all(views.filter((c) => !readsOthers(c)).map((c) => this.runView(c.id, how)));
    for (const c of views.filter(readsOthers)) await this.runView(c.id, how);
  }

  /**
   * Shows the demo's ready-made results in the view cells (in notebook order), which the
   * caller has matched to this notebook (readyMadeFor), until the engine's runs replace them.
   */
  showReadyMade(encoded: readonly string[]): void {
    const views = this.doc.cells.filter((c) => c.kind === 'view');
    if (views.length !== encoded.length) return;
    let runs = this.viewRuns;
    for (const [i, c] of views.entries())
      runs = withEntry(runs, c.id, {
        status: 'done',
        result: decodeViewResult(encoded[i]),
        ms: 0,
        readyMade: { encoded: encoded[i] },
      });
    this.viewRuns = runs;
  }

  /** Takes away ready-made results no engine run replaced (the demo's load failed). */
  dropUncheckedReadyMade(): void {
    let runs = this.viewRuns;
    for (const [id, r] of this.viewRuns)
      if (r.status === 'done' && r.readyMade) runs = without(runs, id);
    this.viewRuns = runs;
  }

  /**
   * Runs one view cell (its options, area or view changed, or the analyst asked), then the
   * comparison and the scorecard when it is not one of them: they show what it computed.
   */
  async rerunView(id: string): Promise<void> {
    await this.runView(id);
    const cell = this.cell(id);
    if (!cell || readsOthers(cell)) return;
    for (const c of this.doc.cells.filter(readsOthers)) await this.runView(c.id);
  }

  /** Runs a view cell with the notebook parameters (or the cell's own focal area). */
  async runView(id: string, how: ViewRunOptions = {}): Promise<void> {
    const cell = this.cell(id);
    if (!cell || cell.kind !== 'view') return;
    const startedAt = performance.now();
    const shown = this.viewRuns.get(id);
    // A ready-made result stays on screen while the engine checks it (nothing flickers).
    const checking = how.checkReadyMade && shown?.status === 'done' ? shown.readyMade : undefined;
    this.viewRuns = withEntry(
      this.viewRuns,
      id,
      checking && shown?.status === 'done'
        ? { ...shown, readyMade: { ...checking, checkStartedAt: startedAt } }
        : { status: 'running', startedAt },
    );
    let run: ViewRun;
    try {
      const params = {
        ...this.doc.parameters,
        focalArea: cell.focalArea ?? this.doc.parameters.focalArea,
      };
      if (!params.focalArea)
        throw new Error('Choose a focal area above the notebook to run this view.');
      // One environment (catalog, area directory) per change of tables, shared by every view;
      // what other views computed arrives in memory, not through the database.
      const context = resolveViewContext(
        withGroups(await data.viewEnvironment(), this.doc.parameters.groups ?? []),
        params,
        this.computedIndicators(id),
      );
      const result = await runView(cell.viewId, context, cell.options);
      run = { status: 'done', result, ms: performance.now() - startedAt };
    } catch (e) {
      run = {
        status: 'error',
        message: e instanceof Error ? e.message : String(e),
        ms: performance.now() - startedAt,
      };
    }
    // Only the latest run of a cell counts: a slower earlier run must not overwrite it.
    const current = this.viewRuns.get(id);
    const latest =
      current?.status === 'running'
        ? current.startedAt === startedAt
        : current?.status === 'done' && current.readyMade?.checkStartedAt === startedAt;
    if (!latest) return;
    if (checking && current?.status === 'done' && run.status === 'done') {
      // The same result keeps the object already drawn (nothing is drawn again); one that is
      // the same but for rounding noise replaces it silently (the figures shown are the same);
      // a different one replaces it and the cell says so (a bug: same code, same tables).
      const compared = compareWithReadyMade(run.result, checking.encoded);
      if (compared === 'same') run = { ...run, result: current.result };
      else if (compared === 'different') {
        console.warn(
          `View ${cell.viewId}: the engine's result differs from the ready-made one ${firstDifference(encodeViewResult(run.result), checking.encoded)}.`,
        );
        run = { ...run, differedFromReadyMade: true };
      }
    }
    this.viewRuns = withEntry(this.viewRuns, id, run);
  }

  /** Remembers how a loaded file was mapped, so reopening the notebook replays it. */
  setMapping(table: string, mapping: unknown): void {
    this.doc = {
      ...this.doc,
      mappings: [...this.doc.mappings.filter((m) => m.table !== table), { table, mapping }],
    };
  }

  savedMapping(table: string): unknown {
    return this.doc.mappings.find((m) => m.table === table)?.mapping ?? null;
  }

  setTitle(title: string): void {
    this.doc = { ...this.doc, title };
  }

  add(kind: CellKind, afterId?: string | null, init: Partial<Cell> = {}): string {
    const cell = makeCell(kind, init);
    this.doc = insertCell(this.doc, cell, afterId);
    this.focusRequest = cell.id;
    return cell.id;
  }

  remove(id: string): void {
    const index = this.doc.cells.findIndex((c) => c.id === id);
    if (index < 0) return;
    this.lastDeleted = {
      cell: this.doc.cells[index],
      afterId: this.doc.cells[index - 1]?.id ?? null,
    };
    this.doc = removeCell(this.doc, id);
    this.runs = without(this.runs, id);
    this.viewRuns = without(this.viewRuns, id);
  }

  undoDelete(): void {
    const d = this.lastDeleted;
    if (!d) return;
    if (d.afterId === null) this.doc = { ...this.doc, cells: [d.cell, ...this.doc.cells] };
    else this.doc = insertCell(this.doc, d.cell, d.afterId);
    this.lastDeleted = null;
    this.focusRequest = d.cell.id;
  }

  move(id: string, delta: number): void {
    this.doc = moveCell(this.doc, id, delta);
  }

  update<C extends Cell>(id: string, patch: Partial<C>): void {
    this.doc = updateCell<C>(this.doc, id, patch);
  }

  cell(id: string): Cell | undefined {
    return this.doc.cells.find((c) => c.id === id);
  }

  toggleCollapsed(id: string): void {
    this.collapsed = toggled(this.collapsed, id);
  }

  /** Collapses every cell, or expands them all when all are collapsed already. */
  setAllCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed ? new Set(this.doc.cells.map((c) => c.id)) : new Set();
  }

  toggleResults(id: string): void {
    this.hiddenResults = toggled(this.hiddenResults, id);
  }

  /** Shows a cell (expanding it) and moves keyboard focus to its heading. */
  jumpTo(id: string): void {
    if (this.collapsed.has(id)) this.collapsed = toggled(this.collapsed, id);
    this.headingFocusRequest = id;
  }

  /** Runs one SQL or view cell; text and chart cells render from state and need no run. */
  async run(id: string): Promise<void> {
    const cell = this.cell(id);
    if (cell?.kind === 'view') return this.rerunView(id);
    if (!cell || cell.kind !== 'sql') return;
    const startedAt = performance.now();
    this.runs = withEntry(this.runs, id, { status: 'running', startedAt });
    try {
      const engine = await getEngine();
      const result = await engine.query(cell.source);
      this.runs = withEntry(this.runs, id, {
        status: 'done',
        result,
        ms: performance.now() - startedAt,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.runs = withEntry(this.runs, id, {
        status: 'error',
        message,
        ms: performance.now() - startedAt,
      });
    }
    // A cell may have created, changed or dropped a table; one that only reads cannot have.
    if (!onlyReads(cell.source)) await data.refresh().catch(() => undefined);
  }

  /** Runs every SQL and view cell in order; a failing cell does not stop the ones after it. */
  async runAll(): Promise<void> {
    for (const c of this.doc.cells) if (c.kind === 'sql' || c.kind === 'view') await this.run(c.id);
  }

  /** The result a chart cell draws: the latest successful run of its source cell. */
  resultOf(id: string | null): QueryResult | null {
    if (!id) return null;
    const r = this.runs.get(id);
    return r?.status === 'done' ? r.result : null;
  }

  /** The values of {{focal_area_name}} and the other parameters a text cell may use. */
  textParameters(): TextParameterValues {
    const p = this.doc.parameters;
    const area = data.upperTierAreas.find((a) => a.code === p.focalArea);
    const group = p.groups?.find((g) => g.code === p.focalArea);
    return {
      focal_area_name: area?.name ?? group?.name ?? p.focalArea ?? 'the focal area',
      focal_area_code: p.focalArea ?? '',
      region_name: area?.regionName ?? 'its region',
      comparators: COMPARATOR_LABELS[p.comparator],
      latest_period: p.latestPeriod ?? 'the latest period in the data',
    };
  }

  /** Indicator rows the other view cells computed, handed to a view in memory. */
  computedIndicators(exceptCell: string): IndicatorRow[] {
    const views = this.doc.cells.filter((c) => c.kind === 'view');
    const done = (id: string) => {
      const r = this.viewRuns.get(id);
      return r?.status === 'done' ? r.result : undefined;
    };
    return indicatorsOfOtherViews(
      views,
      (c) => done(c.id),
      views.find((c) => c.id === exceptCell),
    );
  }

  /** Writes a view's indicator rows into the `indicators` table, when the analyst asks for it. */
  async saveIndicatorsOf(id: string): Promise<number> {
    const r = this.viewRuns.get(id);
    if (r?.status !== 'done') return 0;
    const n = await saveIndicators(await getEngine(), r.result.indicators);
    await data.refresh();
    return n;
  }
}

/** Where two texts first differ, with a little of each around it (for the console). */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at character ${i}: engine …${a.slice(Math.max(0, i - 80), i + 80)}… ready-made …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

function withEntry<V>(map: Map<string, V>, key: string, value: V): Map<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function without<V>(map: Map<string, V>, key: string): Map<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

export const notebook = new NotebookState();
