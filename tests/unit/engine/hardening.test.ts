import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from './nodeEngine';
import { findRefusedStatement, splitStatements } from '../../../src/lib/engine/hardening';

const EXTENSIONS = /extensions are switched off/;
const LOCKED = /Settings are locked/;
const NO_ACCESS = /nothing may leave this computer/;
const NO_WRITES = /Writing files from SQL is switched off/;

// Every TCP connection this process opens (http, https, fetch all end in Socket#connect): a
// refused statement must not even try. Observed, not blocked, and checked to see real attempts.
const connections: string[] = [];
const realConnect = net.Socket.prototype.connect;
beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    connections.push(JSON.stringify(args[0]).slice(0, 120));
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof realConnect;
});
afterAll(() => {
  net.Socket.prototype.connect = realConnect;
});

// Each attempt below would reach the network (or the disk) in an unhardened DuckDB-WASM, or
// slipped past the earlier regular-expression guard.
const blocked: [string, string, RegExp][] = [
  ['reading a URL', "SELECT * FROM read_csv('https://example.org/x.csv')", NO_ACCESS],
  ['reading a URL as a table name', "SELECT * FROM 'https://example.org/x.csv'", NO_ACCESS],
  ['reading a local path that was not added', "SELECT * FROM read_csv('/etc/passwd')", NO_ACCESS],
  [
    'preparing a URL read',
    "PREPARE p AS SELECT * FROM read_csv('http://example.org/x.csv')",
    NO_ACCESS,
  ],
  ['attaching a remote database', "ATTACH 'http://example.org/x.db'", NO_ACCESS],
  ['attaching a database file', "ATTACH 'other.db'", NO_ACCESS],
  ['installing an extension', 'INSTALL httpfs', EXTENSIONS],
  ['force-installing an extension', '  force install json;', EXTENSIONS],
  ['installing from a URL', "INSTALL 'https://example.org/x.duckdb_extension'", EXTENSIONS],
  ['loading an extension', 'SELECT 1; LOAD json', EXTENSIONS],
  ['loading an extension from a URL', "LOAD 'http://example.org/x.duckdb_extension'", EXTENSIONS],
  ['updating extensions', 'UPDATE EXTENSIONS', EXTENSIONS],
  ['INSTALL after a $$-quoted string', 'SELECT $$x$$; INSTALL httpfs', EXTENSIONS],
  ['INSTALL after a $tag$-quoted string', "SELECT $q$';$q$; INSTALL httpfs", EXTENSIONS],
  ["INSTALL after an E'' string with \\'", "SELECT E'\\''; INSTALL json", EXTENSIONS],
  ["INSTALL after a string with ''", "SELECT 'it''s'; INSTALL json", EXTENSIONS],
  ['INSTALL after a quoted identifier', 'SELECT 1 AS "a"";"; INSTALL json', EXTENSIONS],
  ['EXPLAIN INSTALL', 'EXPLAIN INSTALL httpfs', EXTENSIONS],
  ['EXPLAIN ANALYZE INSTALL (which runs it)', 'EXPLAIN ANALYZE INSTALL httpfs', EXTENSIONS],
  ['EXPLAIN with options', 'explain (format json) load httpfs', EXTENSIONS],
  ['LOAD after a block comment', '/* */ LOAD httpfs', EXTENSIONS],
  ['INSTALL after nested block comments', '/* a /* b */ c */ INSTALL json', EXTENSIONS],
  ['INSTALL after a line comment', 'SELECT 1 -- x\n; INSTALL json', EXTENSIONS],
  ['writing a file with COPY', "COPY (SELECT 1) TO '/jsna-files/out.csv'", NO_WRITES],
  ['writing to a URL with COPY', "COPY (SELECT 1) TO 'https://example.org/x.csv'", NO_WRITES],
  ['exporting the database', "EXPORT DATABASE '/jsna-files/x'", NO_WRITES],
  ['importing a database', "IMPORT DATABASE '/jsna-files/x'", NO_WRITES],
  ['re-enabling external access', 'SET enable_external_access = true', LOCKED],
  ['resetting external access', 'RESET enable_external_access', LOCKED],
  ['re-enabling autoload', 'SET autoload_known_extensions = true', LOCKED],
  ['unlocking the configuration', 'SET GLOBAL lock_configuration = false', LOCKED],
  [
    'pointing at another extension repository',
    "SET custom_extension_repository = 'http://x'",
    LOCKED,
  ],
  ['widening the allowed directories', "SET allowed_directories = ['/']", LOCKED],
  ['a type that would autoload the json extension', `SELECT '{"a":1}'::JSON`, /extension/],
];

describe('notebook SQL cannot reach the network, write files or undo the lock-down', () => {
  it.each(blocked)('refuses %s, with no network attempt', async (_label, sql, message) => {
    const engine = await testEngine();
    connections.length = 0;
    await expect(engine.query(sql)).rejects.toThrow(message);
    await expect(engine.run(sql)).rejects.toThrow(message);
    expect(connections).toEqual([]);
  });

  it('would see a network attempt (the check above can fail)', async () => {
    connections.length = 0;
    // A closed local port (not one of fetch's forbidden ports, which fail before connecting).
    await fetch('http://127.0.0.1:65000/').catch(() => undefined);
    expect(connections.length).toBeGreaterThan(0);
  });

  it('leaves nothing prepared by a refused PREPARE', async () => {
    const engine = await testEngine();
    await expect(
      engine.query("PREPARE p2 AS SELECT * FROM read_csv('http://example.org/x.csv')"),
    ).rejects.toThrow(NO_ACCESS);
    await expect(engine.query('EXECUTE p2')).rejects.toThrow(/does not exist/);
  });

  it('still runs ordinary SQL and reads files that were added', async () => {
    const engine = await testEngine();
    const path = await engine.registerFile('ok.csv', { kind: 'text', text: 'a,b\n1,2\n' });
    const r = await engine.query(`SELECT a + b AS total FROM read_csv('${path}')`);
    expect(r.toRows()).toEqual([{ total: 3 }]);
  });

  it('does not mistake the words inside strings, identifiers or comments for statements', async () => {
    const engine = await testEngine();
    const sql = [
      "SELECT 'install json; load x' AS a,",
      "$$; LOAD httpfs$$ AS b, $t$; INSTALL x$t$ AS c, E'\\'; LOAD x' AS d,",
      '1 AS "; COPY x TO y" /* ; INSTALL x /* nested */ ; LOAD y */ -- ; LOAD z',
    ].join('\n');
    const r = await engine.query(sql);
    expect(r.toRows()[0]).toEqual({
      a: 'install json; load x',
      b: '; LOAD httpfs',
      c: '; INSTALL x',
      d: "'; LOAD x",
      '; COPY x TO y': 1,
    });
  });

  it('reads COPY ... FROM, EXPLAIN and parameters ($1) as the engine does', async () => {
    const engine = await testEngine();
    const path = await engine.registerFile('copy.csv', { kind: 'text', text: 'a\n5\n' });
    await engine.query('CREATE OR REPLACE TABLE copied (a INTEGER)');
    await engine.query(`COPY copied FROM '${path}'`);
    expect((await engine.query('SELECT a FROM copied')).toRows()).toEqual([{ a: 5 }]);
    expect((await engine.query('EXPLAIN SELECT 1')).numRows).toBeGreaterThan(0);
    expect((await engine.query('SELECT $1::INTEGER AS v', [7])).toRows()).toEqual([{ v: 7 }]);
  });

  it('binds parameters instead of splicing text', async () => {
    const engine = await testEngine();
    const r = await engine.query('SELECT ? AS v', ["Robert'); DROP TABLE x; --"]);
    expect(r.toRows()[0].v).toBe("Robert'); DROP TABLE x; --");
  });

  it('returns counts as numbers, not BigInt', async () => {
    const engine = await testEngine();
    const r = await engine.query(
      'SELECT count(*) AS n, 12345678901::BIGINT AS big, 1.5::DECIMAL(4,1) AS d FROM range(3)',
    );
    expect(r.toRows()[0]).toEqual({ n: 3, big: 12345678901, d: 1.5 });
  });
});

describe('the statement splitter', () => {
  it('splits on semicolons outside quotes and comments only', () => {
    expect(splitStatements('SELECT \';\'; SELECT $$;$$; /* ; */ SELECT "x;";;').length).toBe(3);
  });

  it('ends a line comment at a carriage return as well as a line feed, as DuckDB does', () => {
    // DuckDB runs what follows "--…\r": the guard must read it too.
    expect(findRefusedStatement("SELECT 1; -- x\rCOPY (SELECT 1) TO 'f.csv'")).not.toBeNull();
    expect(findRefusedStatement('SELECT 1; -- x\rINSTALL httpfs')).toEqual({
      statement: 'INSTALL',
      reason: 'extension',
    });
    expect(splitStatements('SELECT 1 -- a; b\rSELECT 2').length).toBe(1);
    expect(findRefusedStatement('SELECT 1 -- INSTALL httpfs')).toBeNull();
  });

  it('treats an unterminated quote as running to the end (DuckDB refuses the whole text)', () => {
    expect(findRefusedStatement("SELECT 'a; INSTALL x")).toBeNull();
    expect(findRefusedStatement('SELECT $$a; INSTALL x')).toBeNull();
  });

  it('does not read $1 or a$$b as dollar quotes', () => {
    expect(findRefusedStatement('SELECT $1; INSTALL x')).toEqual({
      statement: 'INSTALL',
      reason: 'extension',
    });
    expect(findRefusedStatement('SELECT a$$b; INSTALL x')).toEqual({
      statement: 'INSTALL',
      reason: 'extension',
    });
  });
});
