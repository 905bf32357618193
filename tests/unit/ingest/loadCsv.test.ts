import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { loadCsv, convertColumnToNumber } from '../../../src/lib/ingest/csv';
import { LoadError } from '../../../src/lib/ingest/errors';
import { tableNameFromFile } from '../../../src/lib/ingest/names';
import type { Engine, FileSource } from '../../../src/lib/engine/types';

const text = (t: string): FileSource => ({ kind: 'text', text: t });
const bytes = (b: Uint8Array): FileSource => ({ kind: 'bytes', bytes: b });
const mixed =
  'area,deaths\n' +
  Array.from({ length: 40 }, (_, i) => `E${i},${i === 7 ? 'n/a' : i === 30 ? '-' : i}`).join('\n') +
  '\n';

type Good = {
  name: string;
  file: string;
  source: FileSource;
  rows: number;
  columns: [string, string][];
  first?: Record<string, unknown>;
  suppressed?: Record<string, number>;
  notice?: RegExp;
};

const good: Good[] = [
  {
    name: 'semicolon delimiter',
    file: 'semi.csv',
    source: text('area;deaths\nE06000001;12\nE06000002;15\n'),
    rows: 2,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'BIGINT'],
    ],
    first: { area: 'E06000001', deaths: 12 },
  },
  {
    name: 'tab delimiter',
    file: 'tabbed.tsv',
    source: text('area\tdeaths\nE06000001\t12\nE06000002\t15\n'),
    rows: 2,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'BIGINT'],
    ],
  },
  {
    name: 'UTF-8 byte-order mark',
    file: 'bom.csv',
    source: text('\uFEFFarea_code,deaths\nE06000001,12\n'),
    rows: 1,
    columns: [
      ['area_code', 'VARCHAR'],
      ['deaths', 'BIGINT'],
    ],
    first: { area_code: 'E06000001', deaths: 12 },
  },
  {
    name: 'Windows line endings',
    file: 'crlf.csv',
    source: text('area,deaths\r\nE06000001,12\r\nE06000002,14\r\n'),
    rows: 2,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'BIGINT'],
    ],
    first: { area: 'E06000001', deaths: 12 },
  },
  {
    name: 'quoted newlines inside a cell',
    file: 'notes.csv',
    source: text('area,comment\nE06000001,"line one\nline two"\nE06000002,ok\n'),
    rows: 2,
    columns: [
      ['area', 'VARCHAR'],
      ['comment', 'VARCHAR'],
    ],
    first: { area: 'E06000001', comment: 'line one\nline two' },
  },
  {
    name: 'duplicate column names',
    file: 'dups.csv',
    source: text('area,deaths,deaths\nE1,1,2\nE2,3,4\n'),
    rows: 2,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'BIGINT'],
      ['deaths_1', 'BIGINT'],
    ],
    notice: /more than once \("deaths"\)/,
  },
  {
    name: 'a column of numbers with a few text values',
    file: 'mixed.csv',
    source: text(mixed),
    rows: 40,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'VARCHAR'],
    ],
    notice:
      /Column "deaths" is mostly numbers, but 2 values are not \(row 8: "n\/a"; row 31: "-"\)/,
  },
  {
    name: 'suppressed-cell markers',
    file: 'suppressed.csv',
    source: text('area,deaths,rate\nE1,*,1.2\nE2,[c],..\nE3,5,~\nE4,x,:\nE5,[x],2\nE6,,3\n'),
    rows: 6,
    columns: [
      ['area', 'VARCHAR'],
      ['deaths', 'BIGINT'],
      ['rate', 'DOUBLE'],
    ],
    first: { area: 'E1', deaths: null, rate: 1.2 },
    suppressed: { area: 0, deaths: 4, rate: 3 },
  },
  {
    name: 'a Windows-1252 file (Excel plain CSV) with a pound sign',
    file: 'latin.csv',
    source: bytes(
      new Uint8Array([...new TextEncoder().encode('item,cost\nbed,'), 0xa3, 0x35, 0x0a]),
    ),
    rows: 1,
    columns: [
      ['item', 'VARCHAR'],
      ['cost', 'VARCHAR'],
    ],
    first: { item: 'bed', cost: '£5' },
    notice: /not UTF-8/,
  },
  {
    name: 'no header row',
    file: 'noheader.csv',
    source: text('1,2\n3,4\n'),
    rows: 2,
    columns: [
      ['column0', 'BIGINT'],
      ['column1', 'BIGINT'],
    ],
    notice: /No row of column names/,
  },
];

type Bad = { name: string; file: string; source: FileSource; message: RegExp };

const bad: Bad[] = [
  {
    name: 'an empty file',
    file: 'empty.csv',
    source: text(''),
    message: /Could not load empty\.csv: the file is empty/,
  },
  {
    name: 'blank lines only',
    file: 'blank.csv',
    source: text('\n\n  \n'),
    message: /blank\.csv.*no rows/,
  },
  {
    name: 'a header with no data',
    file: 'header.csv',
    source: text('area_code,deaths\n'),
    message: /header\.csv.*column names but no rows/,
  },
  {
    name: 'an Excel workbook renamed .csv',
    file: 'deaths.csv',
    source: bytes(
      new Uint8Array(readFileSync('tests/fixtures/malformed/ons-reference-tables-renamed.csv')),
    ),
    message: /deaths\.csv.*Excel workbook.*CSV UTF-8/,
  },
  {
    name: 'a binary file',
    file: 'image.csv',
    source: bytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    message: /image\.csv.*binary data/,
  },
];

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
});

async function tableNames(): Promise<string[]> {
  return (await engine.query('SELECT table_name FROM duckdb_tables() ORDER BY 1'))
    .toRows()
    .map((r) => String(r.table_name));
}

describe('loading CSV files through the real engine', () => {
  it.each(good)('loads $name', async (c) => {
    const table = tableNameFromFile(c.file, await tableNames());
    const loaded = await loadCsv(engine, { fileName: c.file, source: c.source, tableName: table });
    expect(loaded.rows).toBe(c.rows);
    expect(loaded.columns.map((col) => [col.name, col.type])).toEqual(c.columns);
    if (c.first) {
      const first = (await engine.query(`SELECT * FROM "${table}" LIMIT 1`)).toRows()[0];
      expect(first).toEqual(c.first);
    }
    if (c.suppressed) {
      expect(Object.fromEntries(loaded.columns.map((col) => [col.name, col.suppressed]))).toEqual(
        c.suppressed,
      );
    }
    if (c.notice) expect(loaded.notices.map((n) => n.message).join('\n')).toMatch(c.notice);
    else expect(loaded.notices).toEqual([]);
  });

  it('counts suppressed cells later when asked: marked as counting, then the same counts', async () => {
    const c = good.find((g) => g.file === 'suppressed.csv')!;
    const loaded = await loadCsv(engine, {
      fileName: c.file,
      source: c.source,
      tableName: tableNameFromFile('suppressed later.csv', await tableNames()),
      countSuppressedLater: true,
    });
    // Only the columns with missing cells can hold markers: those are still being counted.
    expect(loaded.columns.map((col) => [col.name, col.suppressed, col.counting])).toEqual([
      ['area', 0, undefined],
      ['deaths', 0, true],
      ['rate', 0, true],
    ]);
    await loaded.countSuppressed!();
    expect(Object.fromEntries(loaded.columns.map((col) => [col.name, col.suppressed]))).toEqual(
      c.suppressed,
    );
    expect(loaded.columns.some((col) => 'counting' in col || col.uncounted)).toBe(false);
  });

  it('has nothing to count later when no cell is missing', async () => {
    const loaded = await loadCsv(engine, {
      fileName: 'complete.csv',
      source: text('area,deaths\nE1,3\nE2,4\n'),
      tableName: tableNameFromFile('complete.csv', await tableNames()),
      countSuppressedLater: true,
    });
    expect(loaded.countSuppressed).toBeUndefined();
    expect(loaded.columns.map((col) => [col.name, col.suppressed, col.counting])).toEqual([
      ['area', 0, undefined],
      ['deaths', 0, undefined],
    ]);
  });

  it.each(bad)('refuses $name with a clear message and keeps earlier tables', async (c) => {
    const before = await tableNames();
    const error = await loadCsv(engine, {
      fileName: c.file,
      source: c.source,
      tableName: tableNameFromFile(c.file, before),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as Error).message).toMatch(c.message);
    expect(await tableNames()).toEqual(before);
  });

  it('names a table safely from a file name with quotes and SQL in it', async () => {
    const file = `deaths"; DROP TABLE x; --'.csv`;
    const table = tableNameFromFile(file, await tableNames());
    expect(table).toBe('deaths_drop_table_x');
    const loaded = await loadCsv(engine, {
      fileName: file,
      source: text('a\n1\n'),
      tableName: table,
    });
    expect(loaded.fileName).toBe(file);
    expect((await engine.query(`SELECT a FROM ${table}`)).toRows()).toEqual([{ a: 1 }]);
  });

  it('gives a second file with the same name its own table', async () => {
    const taken = await tableNames();
    const first = tableNameFromFile('Drug deaths 2021.csv', taken);
    await loadCsv(engine, {
      fileName: 'Drug deaths 2021.csv',
      source: text('a\n1\n'),
      tableName: first,
    });
    const second = tableNameFromFile('drug-deaths-2021.csv', await tableNames());
    expect(first).toBe('drug_deaths_2021');
    expect(second).toBe('drug_deaths_2021_2');
  });

  it('names the file, row, column and value when a column cannot be read as its type', async () => {
    // Forcing "deaths" to a number type (as a mapping would) meets the stray text value.
    const path = await engine.registerFile('forced.csv', text(mixed));
    const err = await engine
      .query(`SELECT * FROM read_csv('${path}', types = {'deaths': 'BIGINT'})`)
      .catch((e: Error) => e);
    const { parseCsvEngineError } = await import('../../../src/lib/ingest/errors');
    expect(parseCsvEngineError((err as Error).message)).toEqual({
      line: 9,
      column: 'deaths',
      value: 'n/a',
      targetType: 'BIGINT',
    });
  });

  it('converts a mostly-numeric text column to numbers on request, keeping row order', async () => {
    const table = tableNameFromFile('convert.csv', await tableNames());
    await loadCsv(engine, { fileName: 'convert.csv', source: text(mixed), tableName: table });
    await convertColumnToNumber(engine, table, 'deaths');
    const rows = (await engine.query(`SELECT deaths FROM ${table}`)).toRows().map((r) => r.deaths);
    expect(rows.slice(5, 9)).toEqual([5, 6, null, 8]);
    expect(
      (await engine.query(`SELECT typeof(deaths) AS t FROM ${table} LIMIT 1`)).toRows()[0].t,
    ).toBe('DOUBLE');
  });

  it('loads a column as text when asked, so a stray value cannot block the load', async () => {
    const table = tableNameFromFile('astext.csv', await tableNames());
    const loaded = await loadCsv(engine, {
      fileName: 'astext.csv',
      source: text('code,n\n001,5\n002,6\n'),
      tableName: table,
      textColumns: ['code'],
    });
    expect(loaded.columns[0]).toMatchObject({ name: 'code', type: 'VARCHAR' });
    expect((await engine.query(`SELECT code FROM ${table} LIMIT 1`)).toRows()[0].code).toBe('001');
  });
});
