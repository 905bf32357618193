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
      'CREATE SEQUENCE s',
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
    // Renaming changes the new name too: a table taking the file table's name would shadow it.
    expect(changedTables('ALTER TABLE "raw" RENAME TO "raw2"')).toEqual(set('raw', 'raw2'));
    expect(changedTables('ALTER VIEW v RENAME TO episodes')).toEqual(set('v', 'episodes'));
    expect(changedTables('ALTER TABLE t RENAME COLUMN a TO b')).toEqual(set('t'));
    // ONLY (PostgreSQL's inheritance word, accepted by DuckDB) is not the table's name.
    expect(changedTables('UPDATE ONLY episodes SET age = 0')).toEqual(set('episodes'));
    expect(changedTables('DELETE FROM ONLY episodes')).toEqual(set('episodes'));
    expect(changedTables('TRUNCATE TABLE ONLY episodes')).toEqual(set('episodes'));
    expect(changedTables('ALTER TABLE IF EXISTS ONLY episodes DROP COLUMN a')).toEqual(
      set('episodes'),
    );
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
    // A prepared statement's text is elsewhere; a macro, function or type named like what a
    // lazy view's expressions call or cast to would change its rows.
    expect(mayWrite('EXECUTE p')).toBe(true);
    expect(changedTables('EXECUTE p(1)')).toBeNull();
    expect(changedTables("CREATE MACRO main.trim(x) AS 'HACK'")).toBeNull();
    expect(changedTables("CREATE OR REPLACE TEMP FUNCTION nullif(a, b) AS 'x'")).toBeNull();
    expect(changedTables("CREATE TYPE t AS ENUM ('a')")).toBeNull();
  });

  it('a line comment ends at a carriage return, as DuckDB reads it', () => {
    expect(mayWrite('SELECT 1; -- tidy\rUPDATE episodes SET age = 0')).toBe(true);
    expect(changedTables('SELECT 1; -- tidy\rUPDATE episodes SET age = 0')).toEqual(
      set('episodes'),
    );
    expect(mayWrite('SELECT 1 -- UPDATE episodes SET age = 0\n')).toBe(false);
  });
});
