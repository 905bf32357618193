/**
 * What the analyst does to a loaded table from its card: rename it, remove it, replace its file
 * with a new version, read a column as numbers; and clearing every table (opening another
 * notebook). The canonical rows a file gave follow its table through each of these.
 */
import { getEngine } from './engine';
import { convertColumnToNumber } from '../lib/ingest/csv';
import { validateTableName } from '../lib/ingest/names';
import { dropTable, renameTable } from '../lib/tables/catalog';
import { dropProvenanceStores, isSource, removeLoadedSource, renameSource } from '../lib/schema';
import type { DataState } from './data.svelte';

/** Removes every table (opening another notebook starts from a clean slate). */
export async function clearTables(store: DataState): Promise<void> {
  const engine = await getEngine();
  for (const t of store.tables) await dropTable(engine, t.name);
  await dropProvenanceStores(engine);
  store.origins.clear();
  store.problems = [];
  await store.refresh();
}

/** Renames a table; the reason it cannot be, or null when it was. */
export async function renameLoadedTable(
  store: DataState,
  from: string,
  to: string,
): Promise<string | null> {
  const invalid = validateTableName(to);
  if (invalid) return invalid;
  if (store.tables.some((t) => t.name.toLowerCase() === to.toLowerCase() && t.name !== from))
    return `There is already a table called ${to}.`;
  await renameTable(await getEngine(), from, to);
  // The canonical rows a loaded file gave name it by its table: keep them pointing at it.
  await renameSource(await getEngine(), from, to);
  const origin = store.origins.get(from);
  if (origin) {
    store.origins.delete(from);
    store.origins.set(to, origin);
  }
  await store.refresh();
  store.status = `Renamed table ${from} to ${to}.`;
  return null;
}

/**
 * Removes a table. A loaded file's rows go from every canonical table too (the synthetic rows
 * they replaced come back, aggregates counted from its records are counted again), and the
 * views run again on what is left.
 */
export async function removeTable(store: DataState, name: string): Promise<void> {
  // Said at once: taking a file's rows out of every canonical table can take seconds.
  store.status = `Removing table ${name}…`;
  const engine = await getEngine();
  let said = '';
  if (await isSource(engine, name)) said = ` ${(await removeLoadedSource(engine, name)).message}`;
  await dropTable(engine, name);
  store.origins.delete(name);
  await store.refresh();
  store.status = `Removed table ${name}.${said}`;
  // Imported here: the notebook imports the data store.
  const { notebook } = await import('./notebook.svelte');
  await notebook.runViews();
}

/**
 * Loads a new version of a file in place of the one behind `name`: the old file's rows go from
 * every table first (so the two are never both counted), then the new file loads and is mapped.
 */
export async function replaceTable(store: DataState, name: string, file: File): Promise<void> {
  const origin = store.origins.get(name);
  const before = origin?.fileName ?? name;
  await store.remove(name);
  const removed = store.status;
  const table = await store.addFile(file, origin?.textColumns ?? []);
  store.status = table
    ? `Replaced ${before} with ${file.name}. ${removed} ${store.status}`
    : `${removed} ${file.name} could not be loaded: see the message above.`;
}

/** Reads a text column as numbers (its notice offered it), in place. */
export async function convertToNumber(
  store: DataState,
  table: string,
  column: string,
): Promise<void> {
  await convertColumnToNumber(await getEngine(), table, column);
  const origin = store.origins.get(table);
  if (origin) origin.notices = origin.notices.filter((n) => n.column !== column);
  await store.refresh();
  store.status = `Converted column ${column} of ${table} to numbers.`;
}
