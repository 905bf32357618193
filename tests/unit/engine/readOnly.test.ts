/**
 * A SQL cell that only reads leaves the table list alone (no refresh after it); anything that may
 * write, however it is spelled, is treated as writing. Checked against the real engine: the
 * statements called reading here leave its catalog exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { onlyReads } from '../../../src/lib/engine/readOnly';
import { createNodeEngine } from '../../../src/lib/engine/node';

const READING = [
  'SELECT 1',
  'select * from deaths where area_code = $$E06000031$$',
  "FROM deaths SELECT count(*) WHERE period = '2019-21'",
  'WITH d AS (SELECT * FROM deaths) SELECT count(*) FROM d;',
  'DESCRIBE deaths; SUMMARIZE deaths',
  'SELECT \'drop table deaths\' AS words, "update" FROM (SELECT 1 AS "update")',
  '-- insert into deaths\nSELECT 1 /* create table x */',
  'PIVOT deaths ON sex USING sum(deaths)',
];

const WRITING = [
  'CREATE TABLE t AS SELECT 1',
  'SELECT 1; DROP TABLE deaths',
  'WITH d AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM d',
  'EXPLAIN ANALYZE DELETE FROM deaths',
  'insert into deaths select * from deaths',
  'UPDATE deaths SET deaths = 0',
  'ALTER TABLE deaths RENAME TO d2',
  'CALL something()',
  'CHECKPOINT',
  '',
  "COPY deaths FROM 'x.csv'",
];

describe('onlyReads', () => {
  it.each(READING)('reads: %s', (sql) => expect(onlyReads(sql)).toBe(true));
  it.each(WRITING)('may write: %s', (sql) => expect(onlyReads(sql)).toBe(false));

  it('what it calls reading leaves the engine’s tables as they were', async () => {
    const engine = await createNodeEngine();
    try {
      await engine.query(
        "CREATE TABLE deaths AS SELECT 'E06000031' AS area_code, '2019-21' AS period, 'Male' AS sex, 3 AS deaths",
      );
      const catalog = async () =>
        (
          await engine.query(
            'SELECT table_name, column_name, data_type FROM duckdb_columns() ORDER BY ALL',
          )
        ).toRows();
      const before = await catalog();
      for (const sql of READING) await engine.query(sql);
      expect(await catalog()).toEqual(before);
    } finally {
      await engine.close();
    }
  });
});
