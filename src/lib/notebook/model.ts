/**
 * The notebook document: an ordered list of cells plus notebook-wide parameters. Plain data
 * (JSON-serialisable, versioned) so it can be saved, diffed and reopened; these functions never
 * mutate their input, which makes undo a matter of keeping the previous document.
 */
import type { AreaGroup } from '../domain/areas';
import type { ViewId } from '../views/types';

export const NOTEBOOK_FORMAT = 'jsna-notebook';
export const NOTEBOOK_VERSION = 1;

export type ChartMark = 'bar' | 'line' | 'point';

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

export interface SqlCell {
  id: string;
  kind: 'sql';
  source: string;
}

export interface ChartCell {
  id: string;
  kind: 'chart';
  /** The SQL cell whose result is drawn. */
  sourceCellId: string | null;
  mark: ChartMark;
  x: string | null;
  y: string | null;
  color: string | null;
  title: string;
}

/** A prebuilt view (unmet need, drug deaths, CJS treatment, LA comparison). */
export interface ViewCell {
  id: string;
  kind: 'view';
  /** One of the registered views (src/lib/views/index.ts). */
  viewId: ViewId;
  /** The view's own options (measure, source, indicator...); missing keys take the view's default. */
  options: Record<string, string>;
  /** Overrides of the notebook's focal area for this cell only (null = follow the notebook). */
  focalArea: string | null;
}

export type Cell = MarkdownCell | SqlCell | ChartCell | ViewCell;
export type CellKind = Cell['kind'];

/** Notebook-wide settings every view cell follows unless it overrides them. */
export interface NotebookParameters {
  /** ONS code of the focal upper-tier local authority. */
  focalArea: string | null;
  comparator: 'region' | 'england' | 'neighbours' | 'custom';
  customComparators: string[];
  /** Latest period to show (e.g. "2019-21"); null = the latest in the data. */
  latestPeriod: string | null;
  /**
   * Named groups of authorities (partnership footprints); a group's code ("GROUP:Humberside")
   * may be the focal area or a comparator. Absent = none.
   */
  groups?: AreaGroup[];
}

/** A data file the notebook expects: never the data itself, only what identifies it. */
export interface DataSourceRef {
  table: string;
  fileName: string;
  size: number;
  /** "sha256:<hex>" of the whole file, or "sha256-sampled:<hex>" for very large files. */
  fingerprint: string;
  /** Columns the user chose to read as text. */
  textColumns: string[];
}

/**
 * How a loaded file was turned into canonical tables (the analyst confirmed or chose it). Kept as
 * plain JSON and replayed when the notebook is reopened with the same file.
 */
export interface SavedMapping {
  /** The raw table the file was loaded into. */
  table: string;
  /** A ColumnMapping (src/lib/schema/mapping.ts), validated by parseMapping when replayed. */
  mapping: unknown;
}

export interface NotebookDoc {
  format: typeof NOTEBOOK_FORMAT;
  version: typeof NOTEBOOK_VERSION;
  title: string;
  parameters: NotebookParameters;
  dataSources: DataSourceRef[];
  mappings: SavedMapping[];
  cells: Cell[];
}

export const DEFAULT_PARAMETERS: NotebookParameters = {
  focalArea: null,
  comparator: 'region',
  customComparators: [],
  latestPeriod: null,
};

let counter = 0;
/** Short ids, unique within a session and across reopened notebooks (random part). */
export function newCellId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function emptyNotebook(title = 'Untitled notebook'): NotebookDoc {
  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title,
    parameters: { ...DEFAULT_PARAMETERS },
    dataSources: [],
    mappings: [],
    cells: [],
  };
}

export function makeCell(kind: CellKind, init: Partial<Cell> = {}): Cell {
  const id = init.id ?? newCellId();
  switch (kind) {
    case 'markdown':
      return { id, kind, source: '', ...(init as Partial<MarkdownCell>) };
    case 'sql':
      return { id, kind, source: '', ...(init as Partial<SqlCell>) };
    case 'view':
      return {
        id,
        kind,
        viewId: 'drug-deaths',
        options: {},
        focalArea: null,
        ...(init as Partial<ViewCell>),
      };
    case 'chart':
      return {
        id,
        kind,
        sourceCellId: null,
        mark: 'bar',
        x: null,
        y: null,
        color: null,
        title: '',
        ...(init as Partial<ChartCell>),
      };
  }
}

/** Inserts a cell after `afterId` (or at the end). */
export function insertCell(doc: NotebookDoc, cell: Cell, afterId?: string | null): NotebookDoc {
  const cells = [...doc.cells];
  const at = afterId ? cells.findIndex((c) => c.id === afterId) + 1 : cells.length;
  cells.splice(at <= 0 ? cells.length : at, 0, cell);
  return { ...doc, cells };
}

export function removeCell(doc: NotebookDoc, id: string): NotebookDoc {
  return {
    ...doc,
    // A chart that drew the removed cell's result now has no source rather than a dangling one.
    cells: doc.cells
      .filter((c) => c.id !== id)
      .map((c) => (c.kind === 'chart' && c.sourceCellId === id ? { ...c, sourceCellId: null } : c)),
  };
}

/** Moves a cell up (delta -1) or down (+1); out-of-range moves leave the document unchanged. */
export function moveCell(doc: NotebookDoc, id: string, delta: number): NotebookDoc {
  const from = doc.cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= doc.cells.length) return doc;
  const cells = [...doc.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return { ...doc, cells };
}

export function updateCell<C extends Cell>(
  doc: NotebookDoc,
  id: string,
  patch: Partial<C>,
): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.id === id ? ({ ...c, ...patch } as Cell) : c)) };
}
