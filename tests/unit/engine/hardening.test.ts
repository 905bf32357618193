import { describe, expect, it } from 'vitest';
import { testEngine } from './nodeEngine';

// Each attempt below would reach the network (or the disk) in an unhardened DuckDB-WASM.
const blocked: [string, string, RegExp][] = [
  [
    'reading a URL',
    "SELECT * FROM read_csv('https://example.org/x.csv')",
    /nothing may leave this computer/,
  ],
  [
    'reading a local path that was not added',
    "SELECT * FROM read_csv('/etc/passwd')",
    /switched off/,
  ],
  ['installing an extension', 'INSTALL httpfs', /extensions are switched off/],
  ['force-installing an extension', '  force install json;', /extensions are switched off/],
  ['loading an extension', 'SELECT 1; LOAD json', /extensions are switched off/],
  ['re-enabling external access', 'SET enable_external_access = true', /Settings are locked/],
  ['re-enabling autoload', 'SET autoload_known_extensions = true', /Settings are locked/],
  ['unlocking the configuration', 'SET lock_configuration = false', /Settings are locked/],
  ['widening the allowed directories', "SET allowed_directories = ['/']", /Settings are locked/],
  ['a type that would autoload the json extension', `SELECT '{"a":1}'::JSON`, /extension/],
  ['attaching a database file', "ATTACH 'other.db'", /switched off/],
];

describe('notebook SQL cannot reach the network or undo the lock-down', () => {
  it.each(blocked)('refuses %s', async (_label, sql, message) => {
    const engine = await testEngine();
    await expect(engine.query(sql)).rejects.toThrow(message);
  });

  it('still runs ordinary SQL and reads files that were added', async () => {
    const engine = await testEngine();
    const path = await engine.registerFile('ok.csv', { kind: 'text', text: 'a,b\n1,2\n' });
    const r = await engine.query(`SELECT a + b AS total FROM read_csv('${path}')`);
    expect(r.toRows()).toEqual([{ total: 3 }]);
  });

  it('does not mistake the word install inside a string for a statement', async () => {
    const engine = await testEngine();
    const r = await engine.query("SELECT 'install json; load x' AS note");
    expect(r.toRows()[0].note).toBe('install json; load x');
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
