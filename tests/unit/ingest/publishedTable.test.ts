/**
 * Tables as published, on hand-made grids shaped like real ones: title and notes above, header
 * rows with merged cells, footnotes below, Total rows and columns checked against the cells.
 */
import { describe, expect, it } from 'vitest';
import {
  analysePublishedTable,
  checkPublishedTotals,
  describeTotals,
  toCsvText,
} from '../../../src/lib/ingest/publishedTable';
import type { CellValue } from '../../../src/lib/ingest/workbook';

// The Humberside CJS table from the domain primer (quarter 2 2020), as printed.
const cjs: CellValue[][] = [
  ['People in treatment in contact with the CJS, Humberside, quarter 2 2020'],
  [],
  ['Substance group', 'NEL', 'NLC', 'Hull', 'East Riding', 'Total'],
  ['Opiates', 185, 178, 514, 73, 950],
  ['Non opiates', 18, 8, 23, 23, 57],
  ['Alcohol', 41, 14, 68, 68, 160],
  ['Alc and non op', 13, 3, 35, 35, 69],
  ['Total', 257, 203, 640, 136, '1,236'],
  [],
  ['Source: NDTMS'],
];

describe('analysePublishedTable', () => {
  it('separates title, header, data, totals and footnotes', () => {
    const t = analysePublishedTable(cjs);
    expect(t.title).toBe('People in treatment in contact with the CJS, Humberside, quarter 2 2020');
    expect(t.header).toEqual(['Substance group', 'NEL', 'NLC', 'Hull', 'East Riding', 'Total']);
    expect(t.rows).toHaveLength(5);
    expect(t.totalRows).toEqual([4]);
    expect(t.totalColumns).toEqual([5]);
    expect(t.footnotes).toEqual(['Source: NDTMS']);
  });

  it('checks the printed totals against the cells and names every disagreement', () => {
    const t = analysePublishedTable(cjs);
    const { checked, disagreements } = checkPublishedTotals(t);
    expect(checked).toBe(9);
    expect(disagreements).toEqual([
      { where: 'row Total, column East Riding', published: 136, cells: 199 },
      { where: 'column Total, row Non opiates', published: 57, cells: 72 },
      { where: 'column Total, row Alcohol', published: 160, cells: 191 },
      { where: 'column Total, row Alc and non op', published: 69, cells: 86 },
    ]);
    expect(describeTotals(t)).toMatch(/4 of 9 do not agree with the cells/);
    expect(describeTotals(t)).toMatch(/kept as printed and not added in as data/);
  });

  it('joins merged multi-row headers into one name per column and drops spacer columns', () => {
    const grid: CellValue[][] = [
      ['Table 9'],
      ['Deaths by sex and cause'],
      ['Area', 'Persons', null, null, 'Males'],
      [null, 'Deaths', 'Rate', null, 'Deaths'],
      ['E92000001', '1,234', 5.1, null, 800],
      ['E12000001', 99, ':', null, 60],
      ['1 Rates per 100,000'],
    ];
    const merges = [
      { s: { r: 2, c: 1 }, e: { r: 2, c: 2 } },
      { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    ];
    const t = analysePublishedTable(grid, merges);
    expect(t.title).toBe('Table 9: Deaths by sex and cause');
    expect(t.headerRows).toBe(2);
    expect(t.header).toEqual(['Area', 'Persons Deaths', 'Persons Rate', 'Males Deaths']);
    expect(t.rows).toEqual([
      ['E92000001', '1,234', 5.1, 800],
      ['E12000001', 99, ':', 60],
    ]);
    expect(t.footnotes).toEqual(['1 Rates per 100,000']);
    // Thousands separators go; suppression markers stay for the CSV loader to count.
    expect(toCsvText(t.header, t.rows)).toBe(
      'Area,Persons Deaths,Persons Rate,Males Deaths\nE92000001,1234,5.1,800\nE12000001,99,:,60\n',
    );
  });
});
