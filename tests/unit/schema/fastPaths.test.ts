/**
 * The load's short cuts give exactly what the long way gives, through the real engine: label
 * maps looked up in lower case first, typed raw columns normalised without a trip through text.
 * And the one short cut not taken: types from DuckDB's sample would silently round a decimal (or
 * a timestamp) past the sample (duckdb/duckdb#25824), so a file is still typed from all its rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { quoteLiteral } from '../../../src/lib/engine/sql';
import {
  MEASURE_LABELS,
  SEX_LABELS,
  SUBSTANCE_GROUP_LABELS,
  normaliseSql,
} from '../../../src/lib/schema/normalise';
import { mapSql } from '../../../src/lib/schema/normaliseHelpers';
import { normaliseColumnSql, untrimmable } from '../../../src/lib/schema/normaliseTyped';
import { loadCsv } from '../../../src/lib/ingest/csv';
import { asciiOnlyColumns } from '../../../src/lib/schema/columnStats';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
});

/** The label map as it was written before the lower-case look-up: clean-up first, always. */
function longMapSql(expr: string, map: Readonly<Record<string, string>>): string {
  const whens = Object.entries(map)
    .map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`)
    .join(' ');
  return `(CASE regexp_replace(lower(trim(CAST(${expr} AS VARCHAR))), '[^a-z0-9+]', '', 'g') ${whens} ELSE trim(CAST(${expr} AS VARCHAR)) END)`;
}

async function same(values: string, short: string, long: string): Promise<void> {
  const rows = (
    await engine.query(
      `SELECT v, ${short} AS short, ${long} AS long FROM (VALUES ${values}) t(v) ORDER BY ALL`,
    )
  ).toRows();
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect({ v: r.v, got: r.short }).toEqual({ v: r.v, got: r.long });
}

describe('normalising by the short way', () => {
  const labels = [
    'M',
    'm',
    ' M ',
    'Male',
    'MALE',
    'males',
    'F.',
    'Female',
    'Both sexes',
    'Persons',
    'all persons',
    '1',
    '2 ',
    '\u212a',
    '\u00a0f',
    'Opiate',
    'non-opiate only',
    'Non Opiate And Alcohol',
    'alcohol only',
    'drug_misuse',
    'Drug misuse',
    'unknown',
    '',
  ];
  const values = [...labels.map((l) => `(${quoteLiteral(l)})`), '(NULL)'].join(', ');

  it('label maps give the same canonical label for every spelling, blank and NULL', async () => {
    for (const map of [SEX_LABELS, SUBSTANCE_GROUP_LABELS, MEASURE_LABELS])
      await same(values, mapSql('v', map), longMapSql('v', map));
  });

  it('typed raw columns (dates, whole numbers, decimals) give what the trip through text gives', async () => {
    await same(
      `(DATE '2021-03-31'), (DATE '1999-12-01'), (DATE '0099-01-02'), (NULL::DATE)`,
      normaliseColumnSql('date', 'v', 'DATE'),
      normaliseSql('date', 'v'),
    );
    await same(
      `(0::BIGINT), (-7::BIGINT), (2147483647::BIGINT), (NULL::BIGINT)`,
      normaliseColumnSql('integer', 'v', 'BIGINT'),
      normaliseSql('integer', 'v'),
    );
    await same(
      `(0.5::DOUBLE), (1.5::DOUBLE), (-2.5::DOUBLE), (12.49999::DOUBLE), (NULL::DOUBLE)`,
      normaliseColumnSql('integer', 'v', 'DOUBLE'),
      normaliseSql('integer', 'v'),
    );
    await same(
      `(0.1::DOUBLE), (1e300::DOUBLE), (-3.25::DOUBLE), (123456789.123::DOUBLE), (NULL::DOUBLE)`,
      normaliseColumnSql('number', 'v', 'DOUBLE'),
      normaliseSql('number', 'v'),
    );
    await same(
      `(9007199254740993::BIGINT), (-1::BIGINT), (NULL::BIGINT)`,
      normaliseColumnSql('number', 'v', 'BIGINT'),
      normaliseSql('number', 'v'),
    );
  });
});

describe('text columns copied as they are when there is nothing to trim', () => {
  it('every code point, alone, first or last, gives what trimming gives', async () => {
    // Each code point c on its own, before "a", after "a", around it, and cells of two of it,
    // a blank and NULL: the short way against NULLIF(trim(cell), '') through the real engine.
    const cells = `SELECT chr(c::INTEGER) AS x FROM range(1, 1114112) t(c) WHERE NOT (c BETWEEN 55296 AND 57343)`;
    const rows = (
      await engine.query(
        `WITH x AS (${cells}),
         v AS (SELECT x AS v FROM x UNION ALL SELECT x || 'a' FROM x UNION ALL SELECT 'a' || x FROM x
               UNION ALL SELECT x || 'a' || x FROM x UNION ALL SELECT x || x FROM x
               UNION ALL SELECT '' UNION ALL SELECT NULL UNION ALL SELECT ' a b ')
         SELECT count(*) AS n,
                count(*) FILTER (${normaliseColumnSql('text', 'v', 'VARCHAR')} IS DISTINCT FROM ${normaliseSql('text', 'v')}) AS differ,
                count(*) FILTER (${untrimmable('v')}) AS short
         FROM v`,
      )
    ).toRows()[0];
    expect(Number(rows.n)).toBeGreaterThan(5_000_000);
    // The short way is taken (cells that begin and end with one of the 94 printable ASCII
    // characters other than a space, in the five shapes) and never gives another value.
    expect(Number(rows.short)).toBe(94 * 5);
    expect(Number(rows.differ)).toBe(0);
  });

  it('in a column of ASCII text, the byte tests give what trimming gives', async () => {
    const rows = (
      await engine.query(
        `WITH x AS (SELECT chr(c::INTEGER) AS x FROM range(1, 128) t(c)),
         v AS (SELECT x AS v FROM x UNION ALL SELECT x || 'a' FROM x UNION ALL SELECT 'a' || x FROM x
               UNION ALL SELECT x || 'a' || x FROM x UNION ALL SELECT x || x FROM x
               UNION ALL SELECT '' UNION ALL SELECT NULL UNION ALL SELECT '  ')
         SELECT count(*) AS n,
                count(*) FILTER (${normaliseColumnSql('text', 'v', 'VARCHAR', true)} IS DISTINCT FROM ${normaliseSql('text', 'v')}) AS differ
         FROM v`,
      )
    ).toRows()[0];
    expect(Number(rows.n)).toBe(127 * 5 + 3);
    expect(Number(rows.differ)).toBe(0);
  });

  it('in a column of ASCII text, area codes are trimmed, upper-cased and recoded as the long way does', async () => {
    await same(
      values([
        'E08000016',
        ' e08000016',
        'e08000016 ',
        'E06000031',
        'e06000031',
        '  E07000097  ',
        'E07000097',
        'W06000001',
        ' ',
        '',
        'x y',
      ]),
      normaliseColumnSql('area_code', 'v', 'VARCHAR', true),
      normaliseSql('area_code', 'v'),
    );
  });

  it("knows a column is ASCII only from the engine's statistics, past the first row group too", async () => {
    const lines = ['a,b,c,d'];
    for (let i = 0; i < 200_000; i++)
      lines.push(
        `x${i},${i === 190_000 ? 'late\u00a0' : 'plain'},${i === 0 ? 'caf\u00e9' : 'ok'},text ${i % 7}`,
      );
    await loadCsv(engine, {
      fileName: 'stats.csv',
      source: { kind: 'text', text: lines.join('\n') + '\n' },
      tableName: 'stats_ascii',
    });
    expect(await asciiOnlyColumns(engine, 'stats_ascii', ['a', 'b', 'c', 'd'])).toEqual(
      new Set(['a', 'd']),
    );
    // A change that brings other text in widens the statistics.
    await engine.query(`UPDATE stats_ascii SET d = 'na\u00efve' WHERE a = 'x150000'`);
    expect(await asciiOnlyColumns(engine, 'stats_ascii', ['a', 'd'])).toEqual(new Set(['a']));
    await engine.query(`INSERT INTO stats_ascii (a) VALUES ('\u3000y')`);
    expect(await asciiOnlyColumns(engine, 'stats_ascii', ['a'])).toEqual(new Set());
  });

  it('sex as usually written gives what the general normaliser gives', async () => {
    await same(
      values(['M', 'F', 'Male', 'Female', 'Persons', 'male', 'female', 'persons', ' M', 'X', '']),
      normaliseColumnSql('sex', 'v', 'VARCHAR'),
      normaliseSql('sex', 'v'),
    );
  });
});

function values(list: string[]): string {
  return [...list.map((l) => `(${quoteLiteral(l)})`), '(NULL)'].join(', ');
}

describe('types from the whole file, not a sample', () => {
  /** A treatment_episodes file of `rows` rows whose `weekly_units` follows `units(i)`. */
  function episodes(rows: number, units: (i: number) => string): string {
    const lines = [
      'client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason,weekly_units',
    ];
    for (let i = 0; i < rows; i++)
      lines.push(`C${i},E06000031,${20 + (i % 50)},M,heroin,Self,01/04/2021,,,${units(i)}`);
    return lines.join('\n') + '\n';
  }

  async function typesOf(name: string, csv: string): Promise<Record<string, string>> {
    const loaded = await loadCsv(engine, {
      fileName: `${name}.csv`,
      source: { kind: 'text', text: csv },
      tableName: name,
    });
    return Object.fromEntries(loaded.columns.map((c) => [c.name, c.type]));
  }

  it('types a column by its values past the sample: no value is rounded or lost', async () => {
    // Blank all through the first 30,000 rows, numbers after: the sample alone says text.
    const late = await typesOf(
      'late_numbers',
      episodes(40_000, (i) => (i < 30_000 ? '' : String(i % 9))),
    );
    expect(late.weekly_units).toBe('BIGINT');
    // Whole numbers in the sample, a decimal later: a number with decimals, not rounded to 3.
    const decimal = await typesOf(
      'late_decimal',
      episodes(40_000, (i) => (i === 35_000 ? '2.5' : '3')),
    );
    expect(decimal.weekly_units).toBe('DOUBLE');
    const cell = await engine.query(
      `SELECT weekly_units FROM late_decimal WHERE client_id = 'C35000'`,
    );
    expect(cell.toRows()[0].weekly_units).toBe(2.5);
    // Numbers in the sample, text later: text, and the rest of the load as before.
    const text = await typesOf(
      'late_text',
      episodes(40_000, (i) => (i === 39_999 ? 'n/a' : '3')),
    );
    expect(text.weekly_units).toBe('VARCHAR');
    expect(text.start_date).toBe('DATE');
    expect(text.age).toBe('BIGINT');
  });
});
