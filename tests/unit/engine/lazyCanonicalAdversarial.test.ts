/**
 * Trying to break the lazy canonical table's one promise (src/lib/engine/lazyCanonical.ts): the
 * canonical table's rows always equal what a copy made at load time would hold. A record-level
 * file is loaded the way the app loads it (so treatment_episodes really is a view over the
 * file's table), then SQL-cell style statements write to the FILE's table in every spelling we
 * could think of, and the canonical rows (and column types) are compared row for row with a
 * snapshot taken before. Writes to the canonical table itself must work and act on stored rows,
 * exactly as they do on a copy. Real DuckDB-WASM Node engine, no mocks.
 *
 * The cases under "once broken" did break it when this file was written (the canonical rows
 * changed, the canonical table could no longer be read, or a valid write failed), and were fixed
 * in lazyTargets.ts (ONLY, RENAME TO's new name, EXECUTE, macros and functions), lazyCanonical.ts
 * (the store's names qualified, its helper table named so no SQL cell has taken the name) and
 * hardening.ts (a line comment ends at a carriage return too, as DuckDB reads it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine, Row, SqlParam } from '../../../src/lib/engine/types';
import { FILE_PREFIX } from '../../../src/lib/engine/hardening';
import { copyingEngine } from './nodeEngine';
import { EPISODES, MORE, load } from './lazyFixtures';
import { convertColumnToNumber } from '../../../src/lib/ingest/csv';
import { removeLoadedSource } from '../../../src/lib/schema/removal';
import { renameSource } from '../../../src/lib/schema';
import { dropTable, renameTable } from '../../../src/lib/tables/catalog';

const kind = async (engine: Engine, name = 'treatment_episodes') =>
  (
    await engine.query(
      `SELECT 'table' AS k FROM duckdb_tables() WHERE table_name = ? UNION ALL SELECT 'view' FROM duckdb_views() WHERE view_name = ?`,
      [name, name],
    )
  ).toRows()[0]?.k;

/** The canonical table as an analyst sees it: its column types and every row, in order. */
async function snapshot(engine: Engine): Promise<{ types: Row[]; rows: Row[] }> {
  const types = (
    await engine.query(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'treatment_episodes' ORDER BY column_index`,
    )
  ).toRows();
  const rows = (await engine.query('SELECT * FROM treatment_episodes ORDER BY ALL')).toRows();
  return { types, rows };
}

/** One call to the engine: engine.query (optionally with params) or engine.run. */
type Step = string | { sql: string; via?: 'query' | 'run'; params?: SqlParam[] };

async function runSteps(engine: Engine, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    const s = typeof step === 'string' ? { sql: step } : step;
    if (s.via === 'run') await engine.run(s.sql);
    else await engine.query(s.sql, s.params);
  }
}

/** A single-row `ok` check that the statement really reached the file's table. */
async function proves(engine: Engine, sql: string): Promise<void> {
  expect((await engine.query(sql)).toRows()[0]?.ok, sql).toBe(true);
}

interface FileCase {
  name: string;
  steps: readonly Step[];
  /** SQL returning one row with ok = true once the write has happened (not vacuous). */
  proof?: string;
}

const AGES_ZERO = 'SELECT bool_and(age = 0) AS ok FROM episodes';
const NO_FILE_TABLE = `SELECT count(*) = 0 AS ok FROM duckdb_tables() WHERE table_name = 'episodes'`;
const ROWS = (n: number) => `SELECT count(*) = ${n} AS ok FROM episodes`;
const HAS_COLUMN = (c: string) =>
  `SELECT count(*) = 1 AS ok FROM duckdb_columns() WHERE table_name = 'episodes' AND column_name = '${c}'`;

/** Writes to the file's own table that the wrapper must see (each on a fresh engine). */
const FILE_WRITES: FileCase[] = [
  { name: 'UPDATE (engine.query)', steps: ['UPDATE episodes SET age = 0'], proof: AGES_ZERO },
  {
    name: 'UPDATE (engine.run)',
    steps: [{ sql: 'UPDATE episodes SET age = 0', via: 'run' }],
    proof: AGES_ZERO,
  },
  {
    name: 'UPDATE with params',
    steps: [{ sql: 'UPDATE episodes SET age = ? WHERE age > ?', params: [0, 1] }],
    proof: AGES_ZERO,
  },
  {
    name: 'UPDATE with an alias and FROM',
    steps: [`UPDATE episodes AS e SET age = 0 FROM (SELECT 1 AS one) o WHERE o.one = 1`],
    proof: AGES_ZERO,
  },
  {
    name: 'UPDATE ... RETURNING',
    steps: ['UPDATE episodes SET age = 0 RETURNING *'],
    proof: AGES_ZERO,
  },
  { name: 'DELETE (all rows)', steps: ['DELETE FROM episodes'], proof: ROWS(0) },
  {
    name: 'DELETE with params',
    steps: [{ sql: 'DELETE FROM episodes WHERE client_id = ?', params: ['C2'] }],
    proof: ROWS(2),
  },
  {
    name: 'INSERT ... SELECT',
    steps: ['INSERT INTO episodes SELECT * FROM episodes'],
    proof: ROWS(6),
  },
  {
    name: 'INSERT BY NAME',
    steps: [`INSERT INTO episodes BY NAME SELECT 'Z9' AS client_id, 1 AS age`],
    proof: ROWS(4),
  },
  { name: 'INSERT DEFAULT VALUES', steps: ['INSERT INTO episodes DEFAULT VALUES'], proof: ROWS(4) },
  { name: 'TRUNCATE', steps: ['TRUNCATE episodes'], proof: ROWS(0) },
  { name: 'TRUNCATE TABLE', steps: ['TRUNCATE TABLE episodes'], proof: ROWS(0) },
  {
    name: 'ALTER TABLE ADD COLUMN',
    steps: ['ALTER TABLE episodes ADD COLUMN extra INTEGER DEFAULT 7'],
    proof: HAS_COLUMN('extra'),
  },
  {
    name: 'ALTER TABLE DROP COLUMN',
    steps: ['ALTER TABLE episodes DROP COLUMN discharge_reason'],
    proof: `SELECT NOT EXISTS (SELECT 1 FROM duckdb_columns() WHERE table_name = 'episodes' AND column_name = 'discharge_reason') AS ok`,
  },
  {
    name: 'ALTER TABLE RENAME COLUMN',
    steps: ['ALTER TABLE episodes RENAME COLUMN age TO age_years'],
    proof: HAS_COLUMN('age_years'),
  },
  {
    name: 'ALTER TABLE ALTER COLUMN TYPE',
    steps: ['ALTER TABLE episodes ALTER COLUMN age TYPE VARCHAR'],
    proof: `SELECT data_type = 'VARCHAR' AS ok FROM duckdb_columns() WHERE table_name = 'episodes' AND column_name = 'age'`,
  },
  {
    name: 'ALTER TABLE IF EXISTS ... RENAME TO, then a new table under the old name',
    steps: [
      'ALTER TABLE IF EXISTS episodes RENAME TO episodes_old',
      'CREATE TABLE episodes AS SELECT * FROM episodes_old LIMIT 0',
    ],
    proof: ROWS(0),
  },
  { name: 'DROP TABLE', steps: ['DROP TABLE episodes'], proof: NO_FILE_TABLE },
  {
    name: 'DROP TABLE IF EXISTS "Episodes" CASCADE',
    steps: ['DROP TABLE IF EXISTS "Episodes" CASCADE'],
    proof: NO_FILE_TABLE,
  },
  {
    name: 'CREATE OR REPLACE TABLE (what convert-to-number runs)',
    steps: [`CREATE OR REPLACE TABLE episodes AS SELECT * FROM episodes WHERE client_id = 'C2'`],
    proof: ROWS(1),
  },
  {
    name: 'CREATE OR REPLACE TEMP TABLE under the same name (shadows the unqualified name)',
    steps: [`CREATE OR REPLACE TEMP TABLE episodes AS SELECT * FROM main.episodes LIMIT 0`],
    proof: ROWS(0),
  },
  {
    name: 'COPY ... FROM a registered file',
    steps: [`COPY episodes FROM '${FILE_PREFIX}more.csv' (HEADER)`],
    proof: ROWS(4),
  },
  {
    name: 'MERGE INTO',
    steps: [
      `MERGE INTO episodes USING (SELECT 'C2' AS id) s ON episodes.client_id = s.id WHEN MATCHED THEN UPDATE SET age = 0`,
    ],
    proof: `SELECT age = 0 AS ok FROM episodes WHERE client_id = 'C2'`,
  },
  {
    name: 'UPDATE via a CTE',
    steps: [
      `WITH x AS (SELECT 'C2' AS id) UPDATE episodes SET age = 0 WHERE client_id IN (SELECT id FROM x)`,
    ],
    proof: `SELECT age = 0 AS ok FROM episodes WHERE client_id = 'C2'`,
  },
  {
    name: 'DELETE via a CTE',
    steps: [`WITH x AS (SELECT 'C2' AS id) DELETE FROM episodes WHERE client_id IN (FROM x)`],
    proof: ROWS(2),
  },
  {
    name: 'EXPLAIN ANALYZE UPDATE (it runs the update)',
    steps: ['EXPLAIN ANALYZE UPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  // Spellings of the name.
  {
    name: 'quoted, mixed case "Episodes"',
    steps: ['UPDATE "Episodes" SET age = 0'],
    proof: AGES_ZERO,
  },
  { name: 'upper case EPISODES', steps: ['update EPISODES set age = 0'], proof: AGES_ZERO },
  { name: 'main.episodes', steps: ['UPDATE main.episodes SET age = 0'], proof: AGES_ZERO },
  {
    name: 'memory.main.episodes',
    steps: ['UPDATE memory.main.episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: '"memory"."main"."episodes" with spaces around the dots',
    steps: ['DELETE FROM "memory" . "main" . "episodes"'],
    proof: ROWS(0),
  },
  // Hidden behind comments, literals or other statements.
  {
    name: 'after a block comment',
    steps: ['/* a note; DROP nothing */ UPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: 'after a nested block comment',
    steps: ['/* outer /* inner */ still a comment */ UPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: 'after a line comment',
    steps: ['-- tidy the ages\nUPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: 'third of three statements, after reads',
    steps: ['SELECT 1; SELECT count(*) FROM treatment_episodes; UPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: 'after literals holding quotes and semicolons',
    steps: [
      `SELECT ';''' AS a, E'\\';' AS b, $$;'$$ AS c, $t$;$t$ AS d; UPDATE episodes SET age = 0`,
    ],
    proof: AGES_ZERO,
  },
  {
    name: 'one text: BEGIN; UPDATE; COMMIT',
    steps: ['BEGIN; UPDATE episodes SET age = 0; COMMIT'],
    proof: AGES_ZERO,
  },
  {
    name: 'separate calls: BEGIN / UPDATE / COMMIT',
    steps: ['BEGIN TRANSACTION', 'UPDATE episodes SET age = 0', 'COMMIT'],
    proof: AGES_ZERO,
  },
  {
    name: 'separate calls: BEGIN / DELETE / ROLLBACK (nothing changes at all)',
    steps: ['BEGIN', 'DELETE FROM episodes', 'ROLLBACK'],
    proof: ROWS(3),
  },
  {
    name: 'one text: BEGIN; UPDATE; ROLLBACK, then UPDATE again',
    steps: ['BEGIN; UPDATE episodes SET age = 1; ROLLBACK', 'UPDATE episodes SET age = 0'],
    proof: AGES_ZERO,
  },
  {
    name: 'PREPARE and EXECUTE in one text',
    steps: ['PREPARE p AS UPDATE episodes SET age = 0; EXECUTE p'],
    proof: AGES_ZERO,
  },
  {
    name: 'PREPARE then EXECUTE in separate calls, with a parameter',
    steps: ['PREPARE p AS UPDATE episodes SET age = $1', 'EXECUTE p(0)'],
    proof: AGES_ZERO,
  },
  {
    name: 'a write to another table first, then the file table',
    steps: [
      'CREATE TABLE notes AS SELECT 1 AS n',
      'INSERT INTO notes VALUES (2)',
      'DELETE FROM episodes',
    ],
    proof: ROWS(0),
  },
];

/**
 * Once broken: before the fix each statement changed the canonical rows (or made the canonical
 * table unreadable) because the wrapper did not store the view first. Why, for each:
 * - ONLY: lazyTargets.ts `targets()` took the word after UPDATE / DELETE FROM / TRUNCATE /
 *   ALTER TABLE as the table, so `UPDATE ONLY episodes` "changed" a table called `only`, and
 *   `materialiseLazy` stored nothing. DuckDB accepts ONLY (PostgreSQL's inheritance syntax).
 * - A temp table or view renamed to the file table's name: `changedTables` named only the table
 *   renamed (`x`), not the name it takes; the view reads the file's table unqualified
 *   (`FROM episodes`, viewSelect.ts castSelect/viewSelect), and the temp schema comes first.
 * - A macro/function named like a function the view's expressions call (`main."trim"`,
 *   `"nullif"`): CREATE MACRO/FUNCTION was in NOT_TABLES (changes nothing), but the view's
 *   expressions then bound to the analyst's macro on every read.
 * - PREPARE inside a transaction that is rolled back: PREPARE stored the view, ROLLBACK brought
 *   the view back, the prepared statement survived, and `EXECUTE p` had no write keyword, so
 *   `mayWrite` was false and nothing was checked.
 */
/** Once broken (see the header): each changed the canonical rows before the fix. */
const ONCE_BROKEN: FileCase[] = [
  { name: 'UPDATE ONLY', steps: ['UPDATE ONLY episodes SET age = 0'], proof: AGES_ZERO },
  { name: 'DELETE FROM ONLY', steps: ['DELETE FROM ONLY episodes'], proof: ROWS(0) },
  { name: 'TRUNCATE ONLY', steps: ['TRUNCATE ONLY episodes'], proof: ROWS(0) },
  {
    name: 'ALTER TABLE ONLY ... RENAME COLUMN (the view can no longer be read)',
    steps: ['ALTER TABLE ONLY episodes RENAME COLUMN age TO age_years'],
    proof: HAS_COLUMN('age_years'),
  },
  {
    name: 'a temp table renamed to the file table name shadows it',
    steps: [
      'CREATE TEMP TABLE x AS SELECT * FROM episodes LIMIT 0',
      'ALTER TABLE x RENAME TO episodes',
    ],
  },
  {
    name: 'a temp view renamed to the file table name shadows it',
    steps: [
      'CREATE TEMP VIEW v AS SELECT * FROM episodes LIMIT 0',
      'ALTER VIEW v RENAME TO episodes',
    ],
  },
  { name: 'CREATE MACRO main.trim', steps: [`CREATE MACRO main.trim(x) AS 'HACK'`] },
  { name: 'CREATE TEMP MACRO trim', steps: [`CREATE TEMP MACRO trim(x) AS 'HACK'`] },
  {
    name: 'CREATE OR REPLACE FUNCTION nullif',
    steps: [`CREATE OR REPLACE FUNCTION nullif(a, b) AS 'HACK'`],
  },
  {
    name: 'PREPARE in a rolled-back transaction, then EXECUTE',
    steps: ['BEGIN', 'PREPARE p AS UPDATE episodes SET age = 0', 'ROLLBACK', 'EXECUTE p'],
    proof: AGES_ZERO,
  },
];

describe('the canonical view survives every write to the file table (real engine)', () => {
  let lazy: Engine;
  beforeEach(async () => {
    lazy = await createNodeEngine();
    await lazy.registerFile('more.csv', { kind: 'text', text: MORE });
    await load(lazy, EPISODES, 'episodes');
    expect(await kind(lazy)).toBe('view');
  });
  afterEach(async () => {
    await lazy.close();
  });

  /** The case's statements, then the same canonical table as before, and the write happened. */
  async function check(c: FileCase): Promise<void> {
    const before = await snapshot(lazy);
    expect(before.rows).toHaveLength(3);
    await runSteps(lazy, c.steps);
    if (c.proof) await proves(lazy, c.proof);
    expect(await snapshot(lazy)).toEqual(before);
  }

  for (const c of FILE_WRITES) it(c.name, () => check(c));

  for (const c of ONCE_BROKEN) it(`once broken: ${c.name}`, () => check(c));

  it('INSERT OR REPLACE / OR IGNORE with no key: refused by DuckDB, the rows as they were', async () => {
    const before = await snapshot(lazy);
    for (const sql of [
      'INSERT OR REPLACE INTO episodes SELECT * FROM episodes',
      'INSERT OR IGNORE INTO episodes SELECT * FROM episodes',
    ])
      await expect(lazy.query(sql), sql).rejects.toThrow(/no UNIQUE\/PRIMARY KEY/);
    expect(await snapshot(lazy)).toEqual(before);
  });

  it('INSERT OR REPLACE on a key: stored first, the rows as they were', async () => {
    const before = await snapshot(lazy);
    await lazy.query('ALTER TABLE episodes ADD PRIMARY KEY (client_id)');
    await lazy.query('INSERT OR REPLACE INTO episodes SELECT * REPLACE (0 AS age) FROM episodes');
    await proves(lazy, AGES_ZERO);
    expect(await snapshot(lazy)).toEqual(before);
  });

  // DuckDB ends a -- comment at \r as well as \n (PostgreSQL's scanner: newline = [\n\r]);
  // hardening.ts tokenizeSql ran it to \n only, so the UPDATE after \r was invisible to
  // lazyTargets.ts `mayWrite` (and to the guard), and DuckDB ran it on the file's table.
  it('once broken: an UPDATE after "--comment\\r" (carriage return ends the comment)', () =>
    check({
      name: 'cr',
      steps: ['SELECT 1; -- tidy\rUPDATE episodes SET age = 0'],
      proof: AGES_ZERO,
    }));

  // The same tokenizer gap let a refused statement past the SQL guard: here COPY ... TO, which
  // would overwrite a registered data file. Outside the lazy table's promise, found on the way.
  it('once broken (guard): COPY ... TO hidden after "--comment\\r" is refused', async () => {
    await expect(
      lazy.query(`SELECT 1; -- x\rCOPY (SELECT 42 AS answer) TO '${FILE_PREFIX}more.csv' (HEADER)`),
    ).rejects.toThrow(/switched off/);
  });

  // lazyCanonical.ts storeLazy ran `CREATE TABLE x__stored AS …; DROP VIEW x; ALTER TABLE
  // x__stored RENAME TO x`, all unqualified. A TEMP table the analyst named x__stored was the one
  // the ALTER found (the temp schema is searched first): it was renamed to temp.x and shadowed the
  // real stored rows, left in main.x__stored. The canonical table then read the analyst's table.
  it('once broken: a temp table named treatment_episodes__stored takes its place', async () => {
    const before = await snapshot(lazy);
    await lazy.query(
      'CREATE TEMP TABLE treatment_episodes__stored AS SELECT * FROM treatment_episodes LIMIT 1',
    );
    await lazy.query('UPDATE episodes SET age = 0');
    await proves(lazy, AGES_ZERO);
    expect(await snapshot(lazy)).toEqual(before);
  });

  // The same unqualified helper name in main: every write to either table errored from then on
  // (no wrong number, but a valid write failed and the file table could not be edited).
  it('once broken: a table named treatment_episodes__stored blocks every write', async () => {
    const before = await snapshot(lazy);
    await lazy.query('CREATE TABLE treatment_episodes__stored AS SELECT 1 AS a');
    await lazy.query('UPDATE treatment_episodes SET age = age + 1');
    await lazy.query('UPDATE episodes SET age = 0');
    expect((await snapshot(lazy)).rows.map((r) => r.age)).toEqual(
      before.rows.map((r) => Number(r.age) + 1),
    );
  });

  it('statements DuckDB cannot parse or that touch no table: still a view, same rows', async () => {
    const before = await snapshot(lazy);
    // A U& identifier would hide the name from lazyTargets.ts, but this build refuses it.
    await expect(lazy.query('UPDATE U&"\\0065pisodes" SET age = 0')).rejects.toThrow(/unicode/i);
    // A DML statement as a subquery: not DuckDB syntax.
    await expect(
      lazy.query('SELECT * FROM (UPDATE episodes SET age = 0 RETURNING *)'),
    ).rejects.toThrow(/syntax error/);
    // A macro named like the LIKE operator the view uses: operators do not bind to it.
    await lazy.query(`CREATE MACRO "!~~"(a, b) AS false`);
    await lazy.query('CREATE MACRO main.not_like_escape(a, b) AS false');
    expect(await snapshot(lazy)).toEqual(before);
  });

  it('reads and harmless statements leave it a view', async () => {
    const before = await snapshot(lazy);
    for (const sql of [
      'SELECT * FROM episodes',
      `SELECT 'UPDATE episodes SET age = 0' AS "delete"`,
      'SELECT 1 -- ; DELETE FROM episodes',
      '/* /* */ UPDATE episodes SET age = 0; */ SELECT 2',
      'DESCRIBE episodes',
      'SUMMARIZE treatment_episodes',
      'BEGIN; SELECT count(*) FROM episodes; COMMIT',
    ])
      await lazy.query(sql);
    expect(await kind(lazy)).toBe('view');
    expect(await snapshot(lazy)).toEqual(before);
    await proves(lazy, 'SELECT bool_and(age > 0) AS ok FROM episodes');
  });

  it('statements the guard refuses: an error before anything runs, nothing changed', async () => {
    const before = await snapshot(lazy);
    for (const sql of [
      `COPY episodes TO '${FILE_PREFIX}x.csv'`,
      `UPDATE episodes SET age = 0; COPY episodes TO '${FILE_PREFIX}x.csv'`,
      'UPDATE episodes SET age = 0; INSTALL httpfs',
      'DELETE FROM episodes; EXPORT DATABASE ' + `'${FILE_PREFIX}db'`,
      'PREPARE q AS LOAD httpfs',
    ])
      await expect(lazy.query(sql), sql).rejects.toThrow(/switched off/);
    expect(await snapshot(lazy)).toEqual(before);
    await proves(lazy, 'SELECT bool_and(age > 0) AND count(*) = 3 AS ok FROM episodes');
  });

  it('a statement DuckDB rejects after the store leaves the same rows', async () => {
    const before = await snapshot(lazy);
    await expect(lazy.query('UPDATE episodes SET no_such_column = 0')).rejects.toThrow();
    await expect(
      lazy.query(`BEGIN; DELETE FROM episodes; SELECT error('boom') AS x; COMMIT`),
    ).rejects.toThrow();
    await lazy.query('ROLLBACK').catch(() => undefined);
    expect(await snapshot(lazy)).toEqual(before);
  });

  it('two writes in flight at once (not awaited in turn)', async () => {
    const before = await snapshot(lazy);
    await Promise.all([
      lazy.query('UPDATE episodes SET age = 0'),
      lazy.query(`DELETE FROM episodes WHERE client_id = 'C2'`),
      lazy.query('SELECT count(*) FROM treatment_episodes'),
    ]);
    await proves(lazy, AGES_ZERO);
    expect(await snapshot(lazy)).toEqual(before);
  });
});

/**
 * Writes to the canonical table itself, and the app's own table edits: run on a lazy engine and
 * on a copying one (the canonical rows copied at load), the canonical tables must end equal.
 */
describe('writes to the canonical table and app table edits act as on a copy (real engine)', () => {
  let lazy: Engine;
  let copy: Engine;
  beforeEach(async () => {
    lazy = await createNodeEngine();
    copy = copyingEngine(await createNodeEngine());
    for (const e of [lazy, copy]) {
      await e.registerFile('more.csv', { kind: 'text', text: MORE });
      await load(e, EPISODES, 'episodes');
    }
    expect(await kind(lazy)).toBe('view');
    expect(await kind(copy)).toBe('table');
    expect(await snapshot(lazy)).toEqual(await snapshot(copy));
  });
  afterEach(async () => {
    await lazy.close();
    await copy.close();
  });

  /** Runs the same work on both engines; the canonical tables must end the same. */
  async function same(work: (e: Engine) => Promise<void>): Promise<void> {
    await work(copy);
    await work(lazy);
    expect(await snapshot(lazy)).toEqual(await snapshot(copy));
  }

  const CANONICAL_WRITES: { name: string; steps: Step[] }[] = [
    {
      name: 'INSERT BY NAME',
      steps: [`INSERT INTO treatment_episodes BY NAME SELECT 'Z1' AS client_id, 60 AS age`],
    },
    { name: 'UPDATE', steps: ['UPDATE treatment_episodes SET age = age + 1'] },
    {
      name: 'UPDATE via engine.run',
      steps: [{ sql: 'UPDATE treatment_episodes SET age = age + 1', via: 'run' }],
    },
    {
      name: 'DELETE with params',
      steps: [{ sql: 'DELETE FROM treatment_episodes WHERE client_id = ?', params: ['C2'] }],
    },
    { name: 'quoted mixed case', steps: [`DELETE FROM main."Treatment_Episodes" WHERE age > 30`] },
    {
      name: 'in a committed transaction, separate calls',
      steps: ['BEGIN', 'UPDATE treatment_episodes SET age = 0', 'COMMIT'],
    },
    {
      name: 'in a rolled-back transaction (back to a view, same rows)',
      steps: ['BEGIN', 'DELETE FROM treatment_episodes', 'ROLLBACK'],
    },
    {
      name: 'a write to the canonical table, then to the file table',
      steps: ['UPDATE treatment_episodes SET age = 1', 'UPDATE episodes SET age = 99'],
    },
    {
      name: 'rolled back, then the file table written',
      steps: ['BEGIN', 'DELETE FROM treatment_episodes', 'ROLLBACK', 'DELETE FROM episodes'],
    },
    {
      name: 'PREPARE / EXECUTE on the canonical table',
      steps: ['PREPARE d AS DELETE FROM treatment_episodes WHERE age > $1', 'EXECUTE d(30)'],
    },
    {
      name: 'ALTER TABLE ADD COLUMN then UPDATE it',
      steps: [
        'ALTER TABLE treatment_episodes ADD COLUMN note VARCHAR',
        `UPDATE treatment_episodes SET note = 'x' WHERE client_id = 'C1'`,
      ],
    },
  ];

  for (const c of CANONICAL_WRITES)
    it(`canonical write: ${c.name}`, async () => {
      await same((e) => runSteps(e, c.steps));
      if (!c.name.includes('rolled-back transaction (back')) expect(await kind(lazy)).toBe('table');
    });

  it('app edit: convert a text column of the file table to numbers', async () => {
    await same((e) => convertColumnToNumber(e, 'episodes', 'discharge_reason'));
    await proves(
      lazy,
      `SELECT data_type <> 'VARCHAR' AS ok FROM duckdb_columns() WHERE table_name = 'episodes' AND column_name = 'discharge_reason'`,
    );
  });

  it('app edit: rename the file table (renameTable + renameSource)', async () => {
    await same(async (e) => {
      await renameTable(e, 'episodes', 'eps2');
      await renameSource(e, 'episodes', 'eps2');
    });
    expect(
      (await lazy.query('SELECT DISTINCT source_id FROM treatment_episodes')).toRows(),
    ).toEqual([{ source_id: 'eps2' }]);
  });

  it('app edit: rename the file table, then a SQL cell writes to it under the new name', async () => {
    await same(async (e) => {
      await renameTable(e, 'episodes', 'eps2');
      await renameSource(e, 'episodes', 'eps2');
      await e.query('UPDATE eps2 SET age = 0');
    });
  });

  it('dropTable alone (a file table dropped without removing its rows)', async () => {
    await same((e) => dropTable(e, 'episodes'));
  });

  it('app edit: remove the file (its rows go, an empty table is left)', async () => {
    await same(async (e) => {
      await removeLoadedSource(e, 'episodes');
      await dropTable(e, 'episodes');
    });
    expect((await snapshot(lazy)).rows).toEqual([]);
  });

  it('app edit: replace the file (remove, then load the new version)', async () => {
    await same(async (e) => {
      await removeLoadedSource(e, 'episodes');
      await dropTable(e, 'episodes');
      await load(e, EPISODES.replace(',34,', ',35,'), 'episodes');
    });
    expect(await kind(lazy)).toBe('view');
    // And a write to the new file's table leaves its canonical rows alone.
    await same(async (e) => {
      await e.query('DELETE FROM episodes');
    });
  });

  /** Removes the episodes file (its rows and its table) and loads it again: a view again. */
  async function reload(e: Engine): Promise<void> {
    await removeLoadedSource(e, 'episodes');
    await dropTable(e, 'episodes');
    await load(e, EPISODES, 'episodes');
  }

  it('remove the file, load it again, then write to the file table', async () => {
    await same(async (e) => {
      await e.query('PREPARE p AS UPDATE episodes SET age = 0');
      await reload(e);
      await e.query('UPDATE episodes SET age = 5');
    });
  });

  // PREPARE stored the first view; the file is loaded again (a new lazy view), and `EXECUTE p`
  // carried no write keyword, so `mayWrite` let it through unchecked.
  it('once broken: a statement prepared before the file is loaded again, executed after', async () => {
    await same(async (e) => {
      await e.query('PREPARE p AS UPDATE episodes SET age = 0');
      await reload(e);
      await e.query('EXECUTE p');
    });
  });
});
