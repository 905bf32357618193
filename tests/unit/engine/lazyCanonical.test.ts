/**
 * A record-level file that is the only source of its canonical table: the table is a view over
 * the file's table (no second copy), with exactly the rows and column types the copy had, and it
 * is stored as a table before anything changes it or the file's table. Real DuckDB-WASM engine.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { copyingEngine } from './nodeEngine';
import { EPISODES, MORE, load } from './lazyFixtures';
import { loadCsv } from '../../../src/lib/ingest/csv';
import { applyMapping } from '../../../src/lib/schema/apply';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { removeLoadedSource } from '../../../src/lib/schema/removal';
import { listTables } from '../../../src/lib/tables/catalog';
import { materialiseLazy } from '../../../src/lib/engine/lazyCanonical';

const kind = async (engine: Engine, name: string) =>
  (
    await engine.query(
      `SELECT 'table' AS k FROM duckdb_tables() WHERE table_name = ? UNION ALL SELECT 'view' FROM duckdb_views() WHERE view_name = ?`,
      [name, name],
    )
  ).toRows()[0]?.k;

const all = async (engine: Engine, sql = 'SELECT * FROM treatment_episodes ORDER BY ALL') =>
  (await engine.query(sql)).toRows();
const types = async (engine: Engine) =>
  (
    await engine.query(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'treatment_episodes' ORDER BY column_index`,
    )
  ).toRows();

describe('a canonical table filled by one file is a view over it until it changes', () => {
  let lazy: Engine;
  beforeEach(async () => {
    lazy = await createNodeEngine();
  });

  it('shows exactly the rows and column types a copy would have', async () => {
    const copy = copyingEngine(await createNodeEngine());
    await load(lazy, EPISODES, 'episodes');
    await load(copy, EPISODES, 'episodes');
    expect(await kind(lazy, 'treatment_episodes')).toBe('view');
    expect(await kind(copy, 'treatment_episodes')).toBe('table');
    expect(await types(lazy)).toEqual(await types(copy));
    const rows = await all(lazy);
    expect(rows).toEqual(await all(copy));
    // Normalised as the copy is: trimmed ids, upper-case and recoded area codes, sex labels.
    expect(rows.map((r) => [r.client_id, r.area_code, r.sex])).toEqual([
      ['C1', 'E06000031', 'Male'],
      ['C2', 'E06000031', 'Female'],
      ['C3', 'E08000038', 'Female'],
    ]);
    expect(rows.every((r) => r.source_id === 'episodes' && r.source_file === 'episodes.csv')).toBe(
      true,
    );
    // The data panel lists it with its rows.
    expect((await listTables(lazy)).find((t) => t.name === 'treatment_episodes')?.rows).toBe(3);
  });

  it("a second file's rows: stored as a table first, both files' rows kept", async () => {
    await load(lazy, EPISODES, 'episodes');
    await load(lazy, MORE, 'more');
    expect(await kind(lazy, 'treatment_episodes')).toBe('table');
    expect(
      await all(
        lazy,
        'SELECT source_id, count(*) AS n FROM treatment_episodes GROUP BY ALL ORDER BY ALL',
      ),
    ).toEqual([
      { source_id: 'episodes', n: 3 },
      { source_id: 'more', n: 1 },
    ]);
  });

  it("dropping or renaming the file's table, or writing to the canonical one, stores it first", async () => {
    await load(lazy, EPISODES, 'episodes');
    const before = await all(lazy);
    await lazy.query('ALTER TABLE episodes RENAME TO episodes_old');
    expect(await kind(lazy, 'treatment_episodes')).toBe('table');
    await lazy.query('DROP TABLE episodes_old');
    expect(await all(lazy)).toEqual(before);

    const other = await createNodeEngine();
    await load(other, EPISODES, 'episodes');
    await other.query(`UPDATE treatment_episodes SET age = 35 WHERE client_id = 'C1'`);
    expect(await kind(other, 'treatment_episodes')).toBe('table');
    expect(
      (await all(other, `SELECT age FROM treatment_episodes WHERE client_id = 'C1'`))[0].age,
    ).toBe(35);
  });

  it('stored when asked (the demo build ships tables): the same rows, as a table', async () => {
    await load(lazy, EPISODES, 'episodes');
    const before = await all(lazy);
    await materialiseLazy(lazy);
    expect(await kind(lazy, 'treatment_episodes')).toBe('table');
    expect(await all(lazy)).toEqual(before);
    await materialiseLazy(lazy); // nothing left to store: no error
  });

  it('removing the file removes its rows: an empty table with the same columns is left', async () => {
    await load(lazy, EPISODES, 'episodes');
    const before = await types(lazy);
    const r = await removeLoadedSource(lazy, 'episodes');
    expect(r.removed.treatment_episodes).toBe(3);
    expect(await all(lazy)).toEqual([]);
    expect(await kind(lazy, 'treatment_episodes')).toBe('table');
    expect(await types(lazy)).toEqual(before);
    // The next file fills it as the first did.
    await load(lazy, MORE, 'more');
    expect((await all(lazy)).map((x) => x.client_id)).toEqual(['D1']);
  });

  it('removing another file leaves the view as it is', async () => {
    await load(lazy, EPISODES, 'episodes');
    await loadCsv(lazy, {
      fileName: 'other.csv',
      source: { kind: 'text', text: 'label,value\na,1\n' },
      tableName: 'other',
    });
    await removeLoadedSource(lazy, 'other');
    expect(await kind(lazy, 'treatment_episodes')).toBe('view');
    expect((await all(lazy)).length).toBe(3);
  });

  it('a refused second file leaves the first as it was (the transaction rolls back)', async () => {
    await load(lazy, EPISODES, 'episodes');
    // The same episodes again under another name: two real sources for the same key.
    await loadCsv(lazy, {
      fileName: 'again.csv',
      source: { kind: 'text', text: EPISODES },
      tableName: 'again',
    });
    const proposal = await recogniseTable(lazy, 'again', 'again.csv');
    await expect(
      applyMapping(lazy, 'again', proposal, { id: 'again', fileName: 'again.csv' }),
    ).rejects.toThrow(/Nothing was added to treatment_episodes: again.csv and episodes.csv/);
    // Rolled back: still the view over the first file, its rows only.
    expect(await kind(lazy, 'treatment_episodes')).toBe('view');
    expect(
      await all(lazy, 'SELECT source_id, count(*) AS n FROM treatment_episodes GROUP BY ALL'),
    ).toEqual([{ source_id: 'episodes', n: 3 }]);
    // And a write still stores it first.
    await lazy.query(`DELETE FROM treatment_episodes WHERE client_id = 'C3'`);
    expect(await kind(lazy, 'treatment_episodes')).toBe('table');
    expect((await all(lazy)).length).toBe(2);
  });
});
