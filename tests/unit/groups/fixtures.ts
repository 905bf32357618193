/** What the view-level group tests share: the Humberside footprint and reading a shipped file. */
import { readFileSync } from 'node:fs';
import type { Engine } from '../../../src/lib/engine/types';
import type { AreaGroup } from '../../../src/lib/domain/areas';

export const HUMBERSIDE: AreaGroup = {
  code: 'GROUP:Humberside',
  name: 'Humberside',
  members: ['E06000010', 'E06000011', 'E06000012', 'E06000013'],
};

/** Humberside's member codes as a SQL list: 'E06000010','E06000011',... */
export const MEMBERS = HUMBERSIDE.members.map((m) => `'${m}'`).join(',');

/** Registers a file of the repository (e.g. datasets/...) with the engine under `name`. */
export async function register(engine: Engine, file: string, name: string): Promise<string> {
  return engine.registerFile(name, { kind: 'bytes', bytes: new Uint8Array(readFileSync(file)) });
}

/**
 * Makes each table from a file of the repository, replacing any table of that name: `areas` read
 * as text (as the app's area list is), the others with their types detected.
 */
export async function tablesFromFiles(
  engine: Engine,
  tables: Record<string, string>,
  prefix: string,
): Promise<void> {
  for (const [table, file] of Object.entries(tables)) {
    const registered = await register(engine, file, `${prefix}_${table}.csv`);
    const text = table === 'areas' ? ', all_varchar = true' : '';
    await engine.query(`DROP TABLE IF EXISTS ${table}`);
    await engine.query(
      `CREATE TABLE ${table} AS SELECT * FROM read_csv('${registered}', header = true${text})`,
    );
  }
}
