/** Which tables a SQL text may change, without the engine: cautious, and quotes are not keywords. */
import { describe, expect, it } from 'vitest';
import { changedTables, mayWrite } from '../../../src/lib/engine/lazyTargets';

const set = (...names: string[]) => new Set(names);

describe('the tables a statement may change', () => {
  it('reads change nothing', () => {
    for (const sql of [
      'SELECT * FROM treatment_episodes',
      `WITH o AS MATERIALIZED (SELECT "update", count(*) AS n FROM t GROUP BY ALL) SELECT * FROM o`,
      `SELECT 'DELETE FROM treatment_episodes' AS text`,
      'DESCRIBE SELECT * FROM (SELECT 1)',
      'BEGIN TRANSACTION',
      'COMMIT',
      `SELECT 1 -- DROP TABLE treatment_episodes`,
      `COPY (SELECT * FROM treatment_episodes) TO 'x.csv'`,
      'CREATE OR REPLACE TEMP MACRO f(x) AS x + 1',
    ])
      expect(changedTables(sql), sql).toEqual(set());
    expect(mayWrite('SELECT * FROM treatment_episodes')).toBe(false);
    expect(mayWrite(`SELECT 'insert' AS "delete"`)).toBe(false);
  });

  it('writes name their target, quoted or not, with or without the schema', () => {
    expect(changedTables('INSERT INTO "Treatment_Episodes" BY NAME SELECT * FROM x')).toEqual(
      set('treatment_episodes'),
    );
    expect(changedTables('insert or replace into main.t SELECT 1')).toEqual(set('t'));
    expect(changedTables('UPDATE memory.main."a b" SET x = 1')).toEqual(set('a b'));
    expect(changedTables('DELETE FROM t WHERE source_id = ?')).toEqual(set('t'));
    expect(changedTables('ALTER TABLE "raw" RENAME TO "raw2"')).toEqual(set('raw'));
    expect(changedTables('DROP TABLE IF EXISTS a, "B" CASCADE')).toEqual(set('a', 'b'));
    expect(changedTables('CREATE TABLE IF NOT EXISTS t (a INT)')).toEqual(set('t'));
    expect(changedTables('CREATE INDEX i ON t (a)')).toEqual(set('t'));
    expect(changedTables("COPY t FROM 'x.csv'")).toEqual(set('t'));
    expect(changedTables('DROP TABLE a; CREATE VIEW a AS SELECT 1; SELECT 2')).toEqual(set('a'));
    expect(changedTables("COMMENT ON COLUMN main.t.c IS 'x'")).toEqual(set('t'));
    // A comment or a literal holding a semicolon does not end the statement.
    expect(changedTables("/* ; DROP TABLE x; */ DELETE FROM t WHERE a = ';'")).toEqual(set('t'));
  });

  it('what it cannot read is unknown (the caller then stores every lazy view)', () => {
    expect(changedTables('CALL some_procedure()')).toBeNull();
    expect(changedTables('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x')).toBeNull();
    expect(changedTables("ATTACH 'x.db'")).toBeNull();
  });
});
