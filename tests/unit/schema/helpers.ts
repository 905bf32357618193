/** Shared by the schema tests: real files through the app's real loader into the real engine. */
import { existsSync, readFileSync } from 'node:fs';
import { loadCsv } from '../../../src/lib/ingest/csv';
import type { Engine, FileSource, Row } from '../../../src/lib/engine/types';

const DATA_DIRS = [
  'tests/fixtures/schema',
  'datasets',
  '/work/shared/data/public',
  'tests/fixtures/stats-vectors',
];

/** Whether a sample file is available here (large real files live outside the repository). */
export function hasData(name: string): boolean {
  return DATA_DIRS.some((dir) => existsSync(`${dir}/${name}`));
}

/** A sample file: the small test copy, else the app's datasets/, else the shared public data. */
export function dataPath(name: string): string {
  for (const dir of DATA_DIRS) {
    const p = `${dir}/${name}`;
    if (existsSync(p)) return p;
  }
  throw new Error(`Sample file ${name} not found`);
}

let counter = 0;

/** Loads a file (path or inline text) as a raw table and returns its name. */
export async function loadRaw(engine: Engine, fileName: string, content?: string): Promise<string> {
  const source: FileSource =
    content !== undefined
      ? { kind: 'text', text: content }
      : { kind: 'bytes', bytes: new Uint8Array(readFileSync(dataPath(fileName))) };
  const tableName = `raw_${++counter}`;
  await loadCsv(engine, { fileName, source, tableName });
  return tableName;
}

export async function rows(
  engine: Engine,
  sql: string,
  params: (string | number)[] = [],
): Promise<Row[]> {
  return (await engine.query(sql, params)).toRows();
}

/** Drops every canonical table so each test file starts clean (one engine is shared per file). */
export async function dropCanonical(engine: Engine): Promise<void> {
  const { CANONICAL_TABLES } = await import('../../../src/lib/schema/tables');
  for (const t of CANONICAL_TABLES) await engine.query(`DROP TABLE IF EXISTS "${t.name}"`);
}
