/**
 * The notebook file: one readable, diffable JSON document (2-space indent, stable key order)
 * holding cells, parameters and the names, sizes and fingerprints of the data files it expects,
 * never the data. Reading a file from a newer version, or a broken or crafted one, changes
 * nothing: it returns a message instead of a document (validate.ts checks every field).
 */
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type NotebookDoc } from './model';
import { isObject, validateNotebookParts } from './validate';

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
      ...(doc.parameters.groups?.length ? { groups: doc.parameters.groups } : {}),
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
  const checked = validateNotebookParts(raw);
  if (!checked.ok)
    return fail(`${fileName} is damaged or unsafe: ${checked.problem}. Nothing was changed.`);
  return {
    ok: true,
    doc: { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, ...checked.parts },
  };
}

function fail(message: string): ParseResult {
  return { ok: false, message };
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
