/**
 * The notebook file: one readable, diffable JSON document (2-space indent, stable key order)
 * holding cells, parameters and the names, sizes and fingerprints of the data files it expects,
 * never the data. Reading a file from a newer or broken version changes nothing: it returns a
 * message instead of a document.
 */
import {
  DEFAULT_PARAMETERS,
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  type Cell,
  type DataSourceRef,
  type NotebookDoc,
  type SavedMapping,
} from './model';

export const NOTEBOOK_FILE_EXTENSION = '.jsna.json';

export function serialiseNotebook(doc: NotebookDoc, savedAt = new Date()): string {
  const ordered = {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title: doc.title,
    savedAt: savedAt.toISOString(),
    parameters: {
      focalArea: doc.parameters.focalArea,
      comparator: doc.parameters.comparator,
      customComparators: doc.parameters.customComparators,
      latestPeriod: doc.parameters.latestPeriod,
    },
    dataSources: doc.dataSources.map((d) => ({
      table: d.table,
      fileName: d.fileName,
      size: d.size,
      fingerprint: d.fingerprint,
      textColumns: d.textColumns,
    })),
    mappings: doc.mappings,
    cells: doc.cells,
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

export type ParseResult = { ok: true; doc: NotebookDoc } | { ok: false; message: string };

const CELL_KINDS = new Set<Cell['kind']>(['markdown', 'sql', 'chart', 'view']);

export function parseNotebook(text: string, fileName = 'The file'): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(`${fileName} is not a notebook file (it is not valid JSON). Nothing was changed.`);
  }
  if (!isObject(raw) || raw.format !== NOTEBOOK_FORMAT)
    return fail(`${fileName} is not a jsna-notebook file. Nothing was changed.`);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version))
    return fail(
      `${fileName} has no valid version number, so it cannot be read safely. Nothing was changed.`,
    );
  if (raw.version > NOTEBOOK_VERSION)
    return fail(
      `${fileName} was saved by a newer version of jsna-notebook (file version ${raw.version}; this app reads up to version ${NOTEBOOK_VERSION}). Update the app to open it. Nothing was changed.`,
    );
  if (!Array.isArray(raw.cells))
    return fail(`${fileName} is damaged: it has no list of cells. Nothing was changed.`);
  const cells: Cell[] = [];
  const ids = new Set<string>();
  for (const [i, c] of raw.cells.entries()) {
    if (
      !isObject(c) ||
      typeof c.id !== 'string' ||
      !CELL_KINDS.has(c.kind as Cell['kind']) ||
      ids.has(c.id)
    )
      return fail(
        `${fileName} is damaged: cell ${i + 1} is not a valid cell. Nothing was changed.`,
      );
    ids.add(c.id);
    cells.push(c as unknown as Cell);
  }
  const parameters = isObject(raw.parameters) ? raw.parameters : {};
  const dataSources = Array.isArray(raw.dataSources) ? raw.dataSources.filter(isDataSource) : [];
  const mappings = Array.isArray(raw.mappings)
    ? raw.mappings.filter(
        (m): m is SavedMapping => isObject(m) && typeof m.table === 'string' && isObject(m.mapping),
      )
    : [];
  return {
    ok: true,
    doc: {
      format: NOTEBOOK_FORMAT,
      version: NOTEBOOK_VERSION,
      title: typeof raw.title === 'string' ? raw.title : 'Untitled notebook',
      parameters: {
        ...DEFAULT_PARAMETERS,
        ...(parameters as Partial<NotebookDoc['parameters']>),
      },
      dataSources,
      mappings,
      cells,
    },
  };
}

function fail(message: string): ParseResult {
  return { ok: false, message };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDataSource(v: unknown): v is DataSourceRef {
  return (
    isObject(v) &&
    typeof v.table === 'string' &&
    typeof v.fileName === 'string' &&
    typeof v.size === 'number' &&
    typeof v.fingerprint === 'string' &&
    Array.isArray(v.textColumns)
  );
}

/** A file name for saving: the title made safe, with the notebook extension. */
export function notebookFileName(title: string): string {
  const base =
    title
      .trim()
      .replace(/[^A-Za-z0-9 _-]+/g, '')
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'notebook';
  return base + NOTEBOOK_FILE_EXTENSION;
}
