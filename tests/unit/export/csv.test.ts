import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  UTF8_BOM,
  csvCell,
  csvFileName,
  guardFormula,
  toCsv,
} from '../../../src/lib/export/csv.ts';
import { SUPPRESSED } from '../../../src/lib/export/disclosure.ts';

function parse(csv: string): string[][] {
  const result = Papa.parse<string[]>(csv.startsWith(UTF8_BOM) ? csv.slice(1) : csv, {
    header: false,
    delimiter: ',',
    skipEmptyLines: false,
  });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('toCsv', () => {
  const tricky = [
    'plain',
    'comma, inside',
    'quote " inside',
    '"quoted"',
    'line\nbreak',
    'crlf\r\nbreak',
    ' leading and trailing space ',
    'Ynys Môn – café ✓ 多',
    '',
  ];

  it('round-trips tricky text through Papa.parse', () => {
    const rows = tricky.map((text, i) => ({ id: i, text }));
    const csv = toCsv([{ key: 'id' }, { key: 'text', label: 'Text, with comma' }], rows);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const data = parse(csv);
    expect(data[0]).toEqual(['id', 'Text, with comma']);
    expect(data.slice(1)).toEqual(tricky.map((text, i) => [String(i), text]));
  });

  it('uses CRLF between records and stays rectangular', () => {
    const csv = toCsv(['a', 'b'], [{ a: 1, b: 2 }, { a: 3 }], { bom: false });
    expect(csv).toBe('a,b\r\n1,2\r\n3,');
  });

  it('guards text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const rows = [
      { v: '=HYPERLINK("http://evil","x")' },
      { v: '+cmd|" /C calc"!A0' },
      { v: '-2+3' },
      { v: '@SUM(A1)' },
      { v: '\tTAB' },
      { v: '\rCR' },
      { v: -5 },
      { v: '-5' },
      { v: '+44' },
      { v: 1.25 },
      { v: SUPPRESSED },
    ];
    const data = parse(toCsv(['v'], rows))
      .slice(1)
      .map((r) => r[0]);
    expect(data).toEqual([
      '\'=HYPERLINK("http://evil","x")',
      '\'+cmd|" /C calc"!A0',
      "'-2+3",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      '-5',
      '-5',
      '+44',
      '1.25',
      '*',
    ]);
  });

  it('also guards a leading space, full-width signs and a leading newline (issue 13)', () => {
    const rows = [
      { v: ' =1+1' },
      { v: '   +SUM(A1)' },
      { v: '\u00a0-2+3' },
      { v: '\u3000@A1' },
      { v: '＝HYPERLINK("http://evil")' },
      { v: '＋1' },
      { v: '－1' },
      { v: '＠SUM(A1)' },
      { v: '\n=1+1' },
      { v: '\r\n@A1' },
      { v: 'a = b' },
      { v: -12.5 },
      { v: '-12.5' },
    ];
    const data = parse(toCsv(['v'], rows))
      .slice(1)
      .map((r) => r[0]);
    expect(data.slice(0, 10).every((v) => v.startsWith("'"))).toBe(true);
    expect(data.slice(10)).toEqual(['a = b', '-12.5', '-12.5']);
  });

  it('writes numbers as the app shows them, or at full precision on request (issue 12)', () => {
    const columns = [
      { key: 'people', format: 'count' as const },
      { key: 'rate', format: 'rate' as const },
      { key: 'pct', format: 'percent' as const },
      { key: 'other', format: 'number' as const },
      { key: 'note' },
    ];
    const rows = [
      { people: 1234.4, rate: 20.62015503875969, pct: 33.333333, other: 0.123456, note: null },
      {
        people: SUPPRESSED,
        rate: SUPPRESSED,
        pct: null,
        other: -0.001,
        note: 'not calculated: fewer than 10 deaths',
      },
    ];
    expect(parse(toCsv(columns, rows)).slice(1)).toEqual([
      ['1234', '20.6', '33.3', '0.12', ''],
      ['*', '*', '', '0', 'not calculated: fewer than 10 deaths'],
    ]);
    expect(parse(toCsv(columns, rows, { fullPrecision: true }))[1]).toEqual([
      '1234.4',
      '20.62015503875969',
      '33.333333',
      '0.123456',
      '',
    ]);
    expect(toCsv(columns, rows)).not.toMatch(/null/);
  });

  it('guards header labels too', () => {
    expect(parse(toCsv([{ key: 'k', label: '=1+1' }], []))[0]).toEqual(["'=1+1"]);
  });

  it('writes blanks, bigints, booleans and dates plainly', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(12345678901234567890n)).toBe('12345678901234567890');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date(Date.UTC(2026, 10, 25)))).toBe('2026-11-25T00:00:00.000Z');
    expect(guardFormula('safe')).toBe('safe');
  });
});

describe('csvFileName', () => {
  it('makes a safe slug', () => {
    expect(csvFileName('Drug deaths: Hull 2021/23')).toBe('drug-deaths-hull-2021-23.csv');
    expect(csvFileName('Ynys Môn <script>')).toBe('ynys-mon-script.csv');
    expect(csvFileName('../../etc/passwd')).toBe('etc-passwd.csv');
    expect(csvFileName('***')).toBe('export.csv');
    expect(csvFileName('CJS', new Date(Date.UTC(2026, 10, 25, 23)))).toBe('cjs-2026-11-25.csv');
  });
});
