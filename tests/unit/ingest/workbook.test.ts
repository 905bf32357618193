/**
 * Workbooks read with @e965/xlsx in Node: the real ONS workbooks (sheets, hidden flags, the
 * table found in each sheet, known publications reshaped) and bad input (password-protected,
 * damaged, not a workbook, 40 sheets with hidden ones, formulas, dates as serial numbers, ODS, XLS).
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
  parseWorkbook,
  sheetGrid,
  summariseWorkbook,
  WorkbookError,
} from '../../../src/lib/ingest/workbook';
import { analysePublishedTable } from '../../../src/lib/ingest/publishedTable';
import { recognisePublicationSheet } from '../../../src/lib/ingest/publications';
import {
  combineSheetTables,
  recognisedSheets,
  sheetTable,
} from '../../../src/lib/ingest/sheetTable';

const DIR = 'tests/fixtures/workbooks';
const read = (name: string) => parseWorkbook(name, new Uint8Array(readFileSync(`${DIR}/${name}`)));
const LA = 'ons_drug_poisoning_misuse_deaths_by_la_2021reg.xlsx';
const MYE = 'ons_ukpopestimatesmid2021on2021geographyfinal.xlsx';
const REF = 'ons_drug_poisoning_deaths_EW_reference_tables_2021reg.xlsx';

const book = (sheets: Record<string, XLSX.WorkSheet>, bookType: XLSX.BookType = 'xlsx') => {
  const wb = XLSX.utils.book_new();
  for (const [n, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, n);
  return { wb, bytes: new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer) };
};

describe('the ONS drug misuse deaths by local authority workbook', () => {
  const wb = read(LA);

  it('lists its 11 sheets, none hidden, and recognises Tables 1-8', () => {
    const sheets = summariseWorkbook(wb);
    expect(sheets.map((s) => s.name)).toEqual([
      'Contents',
      'Notes, Terms and Conditions',
      'Definition',
      ...Array.from({ length: 8 }, (_, i) => `Table ${i + 1}`),
    ]);
    expect(sheets.some((s) => s.hidden)).toBe(false);
    expect(sheets[3].preview[1][0]).toMatch(/^Number of deaths related to drug poisoning/);
    expect(Object.keys(recognisedSheets(wb))).toEqual(
      Array.from({ length: 8 }, (_, i) => `Table ${i + 1}`),
    );
  });

  it('finds Table 6 inside its sheet: title, two merged header rows, footnotes, no totals', () => {
    const g = sheetGrid(wb, 'Table 6');
    const t = analysePublishedTable(g.cells, g.merges);
    expect(t.title).toMatch(/drug misuse, persons by local authority/);
    expect(t.headerRows).toBe(2);
    expect(t.header.slice(0, 2)).toEqual(['Area Codes', 'Area Names']);
    // The merged period cell is spread over its five columns.
    expect(t.header.slice(4, 9)).toEqual([
      '2019–21 Deaths',
      '2019–21 Rate 1',
      '2019–21',
      '2019–21 Lower Confidence Limit 2',
      '2019–21 Upper Confidence Limit 2',
    ]);
    expect(t.footnotes[0]).toBe('Footnotes');
    expect(t.footnotes.at(-1)).toBe('Source: Office for National Statistics');
    expect(t.rows[0].slice(0, 2)).toEqual(['E92000001', 'ENGLAND']);
    // "8,361" as printed, read as a number.
    expect(t.rows[0][4]).toBe(8361);
    expect(t.totalRows).toEqual([]);
  });

  it('reshapes Table 6 into the long ONS deaths format with the published figures', () => {
    const p = recognisePublicationSheet(sheetGrid(wb, 'Table 6'))!;
    expect(p.formatId).toBe('ons-drug-deaths-3yr-asr');
    const peterborough = p.rows.find((r) => r[0] === 'E06000031' && r[4] === '2015-17');
    expect(peterborough).toEqual([
      'E06000031',
      'Peterborough',
      'drug_misuse',
      'Persons',
      '2015-17',
      30,
      5,
      null,
      3.4,
      7.2,
    ]);
    // Flags and ":" (not calculated) are kept as published.
    const kingston = p.rows.find((r) => r[0] === 'E09000021' && r[4] === '2018-20');
    expect(kingston?.slice(5, 8)).toEqual([17, 2.9, 'U']);
    const rutland = p.rows.find((r) => r[0] === 'E06000017' && r[4] === '2019-21');
    expect(rutland?.slice(5)).toEqual([1, ':', null, ':', ':']);
  });

  it('reads sex and cause from each table title (Tables 3-8) and years from Tables 1-2', () => {
    const kinds = ['Table 3', 'Table 4', 'Table 5', 'Table 6', 'Table 7', 'Table 8'].map((n) => {
      const r = recognisePublicationSheet(sheetGrid(wb, n))!.rows[0];
      return `${r[2]} ${r[3]}`;
    });
    expect(kinds).toEqual([
      'drug_poisoning Persons',
      'drug_poisoning Males',
      'drug_poisoning Females',
      'drug_misuse Persons',
      'drug_misuse Males',
      'drug_misuse Females',
    ]);
    const t2 = recognisePublicationSheet(sheetGrid(wb, 'Table 2'))!;
    expect(t2.formatId).toBe('ons-drug-deaths-annual');
    expect(t2.rows.find((r) => r[0] === 'E92000001' && r[4] === '2021')?.[5]).toBe(2846);
  });

  it('combines the sheets of one publication into one load per format', () => {
    const tables = combineSheetTables(
      ['Table 1', 'Table 3', 'Table 2', 'Table 6'].map((n) => sheetTable(wb, n)),
    );
    expect(tables.map((t) => [t.sheet, t.formatId])).toEqual([
      ['Table 1, Table 2', 'ons-drug-deaths-annual'],
      ['Table 3, Table 6', 'ons-drug-deaths-3yr-asr'],
    ]);
    expect(tables[1].csv.split('\n').filter((l) => l.startsWith('area_code')).length).toBe(1);
  });
});

describe('the ONS mid-year estimates workbook', () => {
  const wb = read(MYE);

  it('reshapes MYE2 persons, females and males with the year from the title', () => {
    expect(Object.keys(recognisedSheets(wb))).toEqual([
      'MYE2 - Persons',
      'MYE2 - Females',
      'MYE2 - Males',
    ]);
    const p = recognisePublicationSheet(sheetGrid(wb, 'MYE2 - Persons'))!;
    expect(p.formatId).toBe('ons-mye-single-year-wide');
    expect(p.header.slice(0, 7)).toEqual([
      'year',
      'sex',
      'Code',
      'Name',
      'Geography',
      'All ages',
      '0',
    ]);
    expect(p.header.at(-1)).toBe('90+');
    const england = p.rows.find((r) => r[2] === 'E92000001')!;
    expect(england.slice(0, 6)).toEqual([
      2021,
      'Persons',
      'E92000001',
      'ENGLAND',
      'Country',
      56536419,
    ]);
    const females = recognisePublicationSheet(sheetGrid(wb, 'MYE2 - Females'))!;
    expect(females.rows[0][1]).toBe('Females');
  });
});

describe('the ONS drug poisoning reference tables', () => {
  const wb = read(REF);

  it('reads Table 7 (England, Wales and regions by year), with rates per million as per 100,000', () => {
    expect(Object.keys(recognisedSheets(wb))).toEqual(['Table 7']);
    const p = recognisePublicationSheet(sheetGrid(wb, 'Table 7'))!;
    const e = p.rows.find(
      (r) =>
        r[0] === 'E92000001' && r[4] === '2021' && r[2] === 'drug_misuse' && r[3] === 'Persons',
    );
    // Published: 2,846 deaths, 52.2 per million (50.2 to 54.1).
    expect(e).toEqual([
      'E92000001',
      'England',
      'drug_misuse',
      'Persons',
      '2021',
      2846,
      5.22,
      null,
      5.02,
      5.41,
    ]);
    const ne = p.rows.find((r) => r[0] === 'E12000001' && r[4] === '2021');
    expect(ne?.[1]).toMatch(/North East/i);
    expect(new Set(p.rows.map((r) => r[4])).size).toBe(29); // 1993-2021
  });

  it('finds multi-row headers with a section column in the other tables', () => {
    const g = sheetGrid(wb, 'Table 4');
    const t = analysePublishedTable(g.cells, g.merges);
    expect(t.headerRows).toBeGreaterThanOrEqual(2);
    expect(t.header).toContain('All drug poisoning Deaths');
    expect(t.header[0]).toBe('Section');
    expect(new Set(t.rows.map((r) => r[0]))).toEqual(new Set(['Persons', 'Males', 'Females']));
  });
});

describe('bad input', () => {
  it('refuses a password-protected workbook with a clear message', () => {
    // An encrypted OOXML file is an OLE container with EncryptionInfo and EncryptedPackage streams.
    const cfb = XLSX.CFB.utils.cfb_new();
    const info = new Uint8Array(64);
    info.set([4, 0, 4, 0, 0x40, 0, 0, 0]);
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(200).fill(7));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
    expect(() => parseWorkbook('secret.xlsx', bytes)).toThrow(WorkbookError);
    expect(() => parseWorkbook('secret.xlsx', bytes)).toThrow(
      /secret\.xlsx: the workbook is password-protected/,
    );
  });

  it('refuses a damaged workbook and a file that is not one', () => {
    const zip = new Uint8Array(200);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    expect(() => parseWorkbook('broken.xlsx', zip)).toThrow(
      /damaged or in a format that cannot be read/,
    );
    expect(() => parseWorkbook('notes.xlsx', new TextEncoder().encode('a,b\n1,2\n'))).toThrow(
      /not a spreadsheet workbook/,
    );
    expect(() => parseWorkbook('empty.ods', new Uint8Array())).toThrow(/empty/);
    // The real LA workbook cut in half.
    const half = new Uint8Array(readFileSync(`${DIR}/${LA}`)).subarray(0, 700_000);
    expect(() => parseWorkbook('half.xlsx', half)).toThrow(WorkbookError);
  });

  it('lists 40 sheets and marks the hidden ones', () => {
    const sheets: Record<string, XLSX.WorkSheet> = {};
    for (let i = 1; i <= 40; i++)
      sheets[`S${i}`] = XLSX.utils.aoa_to_sheet([
        ['area', 'n'],
        ['E06000031', i],
      ]);
    const wb = XLSX.utils.book_new();
    for (const [n, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, n);
    wb.Workbook = {
      Sheets: wb.SheetNames.map((_, i) => ({ Hidden: i === 2 || i === 39 ? 1 : 0 })),
    };
    const bytes = new Uint8Array(
      XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer,
    );
    const list = summariseWorkbook(parseWorkbook('many.xlsx', bytes));
    expect(list).toHaveLength(40);
    expect(list.filter((s) => s.hidden).map((s) => s.name)).toEqual(['S3', 'S40']);
    expect(list[39].preview).toEqual([
      ['area', 'n'],
      ['E06000031', '40'],
    ]);
  });

  it('reads formulas as their cached values and dates stored as serial numbers as ISO dates', () => {
    const ws = XLSX.utils.aoa_to_sheet([['date', 'a', 'b', 'sum']]);
    ws['A2'] = { t: 'n', v: 44197, z: 'dd/mm/yyyy' }; // 1 January 2021
    ws['B2'] = { t: 'n', v: 2 };
    ws['C2'] = { t: 'n', v: 3 };
    ws['D2'] = { t: 'n', v: 5, f: 'B2+C2' };
    ws['!ref'] = 'A1:D2';
    const { bytes } = book({ Data: ws });
    const wb = parseWorkbook('f.xlsx', bytes);
    expect(sheetGrid(wb, 'Data').cells[1]).toEqual(['2021-01-01', 2, 3, 5]);
  });

  it('reads .ods and .xls workbooks the same way', () => {
    const rows = [
      ['Area', 'Deaths'],
      ['E06000031', 1234],
    ];
    for (const [name, type] of [
      ['t.ods', 'ods'],
      ['t.xls', 'biff8'],
    ] as const) {
      const { bytes } = book({ Deaths: XLSX.utils.aoa_to_sheet(rows) }, type);
      const wb = parseWorkbook(name, bytes);
      expect(sheetGrid(wb, 'Deaths').cells).toEqual(rows);
    }
  });
});
