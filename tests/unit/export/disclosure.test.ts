import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISCLOSURE_RULE,
  SUPPRESSED,
  applyDisclosure,
  describeRule,
  findDisclosureLeaks,
  suppressIndicatorRows,
  type DisclosureTable,
} from '../../../src/lib/export/disclosure.ts';
import { feasibleValues } from './bruteForce.ts';

const AREAS = ['nel', 'nlc', 'hull', 'east_riding'];

/** People in treatment in contact with the CJS, Humberside, Q2 2020 (PRIMER.md), made to add up. */
function humberside(): DisclosureTable {
  const body: [string, number[]][] = [
    ['Opiates', [185, 178, 514, 73]],
    ['Non opiates', [18, 8, 23, 8]],
    ['Alcohol', [41, 14, 68, 37]],
    ['Alcohol and non opiates', [13, 3, 35, 18]],
  ];
  return crossTab(body);
}

function crossTab(body: [string, number[]][], keys = AREAS): DisclosureTable {
  const rows: Record<string, unknown>[] = body.map(([name, values]) => {
    const row: Record<string, unknown> = { group: name };
    keys.forEach((k, i) => (row[k] = values[i]));
    row.total = values.reduce((a, b) => a + b, 0);
    return row;
  });
  const totalRow: Record<string, unknown> = { group: 'Total' };
  for (const k of [...keys, 'total']) {
    totalRow[k] = rows.reduce((s, r) => s + (r[k] as number), 0);
  }
  rows.push(totalRow);
  return {
    columns: [
      { key: 'group', kind: 'text' },
      ...keys.map((key) => ({ key, kind: 'count' as const })),
      { key: 'total', kind: 'total' },
    ],
    rows,
    rowTotalKey: 'total',
    totalRowIndex: rows.length - 1,
  };
}

function withRows(table: DisclosureTable, rows: Record<string, unknown>[]): DisclosureTable {
  return { ...table, rows };
}

/** Every suppressed cell must have at least two possible values. */
function expectNoBruteForceLeak(published: DisclosureTable, cap: number): void {
  for (const [cell, values] of feasibleValues(published, cap)) {
    expect(values.size, `cell ${cell} has values ${[...values].join(',')}`).toBeGreaterThan(1);
  }
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('describeRule', () => {
  it('states the default rule in one sentence', () => {
    expect(describeRule(DEFAULT_DISCLOSURE_RULE)).toBe(
      'Counts from 1 to 4 are suppressed (shown as *), with further cells suppressed so that they ' +
        'cannot be worked out from totals; rates and percentages from suppressed counts are ' +
        'suppressed too.',
    );
  });
  it('follows the threshold, secondary and rounding settings', () => {
    expect(describeRule({ threshold: 10, secondary: false, roundTo: 5 })).toBe(
      'Counts from 1 to 9 are suppressed (shown as *); rates and percentages from suppressed ' +
        'counts are suppressed too; other counts and totals are rounded to the nearest 5, so may ' +
        'not add up exactly.',
    );
    expect(describeRule({ threshold: 2, secondary: true, roundTo: 0 })).toMatch(/^Counts of 1 /);
    expect(describeRule({ threshold: 0, secondary: true, roundTo: 0 })).toBe(
      'No counts are suppressed.',
    );
  });
});

describe('applyDisclosure on the Humberside CJS cross-tab', () => {
  it('suppresses the 3, protects it with secondary cells and leaks nothing', () => {
    const table = humberside();
    const result = applyDisclosure(table);
    const published = withRows(table, result.rows);
    expect(result.rows[3].nlc).toBe(SUPPRESSED);
    expect(result.report.primary).toBe(1);
    expect(result.report.secondary).toBeGreaterThanOrEqual(3);
    expect(result.report.leaks).toBe(0);
    expect(findDisclosureLeaks(published)).toEqual([]);
    expectNoBruteForceLeak(published, 60);
    // The smallest protection: a rectangle of four cells (3, 13, 8, 18).
    expect(result.suppressed.map((c) => `${c.row}:${c.key}`).sort()).toEqual([
      '1:nel',
      '1:nlc',
      '3:nel',
      '3:nlc',
    ]);
    // The input is not changed.
    expect(table.rows[3].nlc).toBe(3);
  });

  it('leaks without secondary suppression, and the checker finds the recovered value', () => {
    const table = humberside();
    const result = applyDisclosure(table, { ...DEFAULT_DISCLOSURE_RULE, secondary: false });
    expect(result.report.secondary).toBe(0);
    const leaks = findDisclosureLeaks(withRows(table, result.rows));
    expect(leaks).toContainEqual(
      expect.objectContaining({ row: 3, key: 'nlc', value: 3, reason: 'equation' }),
    );
    expect(result.report.leaks).toBe(leaks.length);
    // The exhaustive check agrees: the 3 is the only value that fits.
    const values = feasibleValues(withRows(table, result.rows), 60);
    expect([...values.get('3:nlc')!]).toEqual([3]);
  });

  it('honours a configurable threshold', () => {
    const table = humberside();
    const result = applyDisclosure(table, { threshold: 10, secondary: true, roundTo: 0 });
    for (const [row, key] of [
      [1, 'nlc'],
      [3, 'nlc'],
      [1, 'east_riding'],
    ] as const) {
      expect(result.rows[row][key]).toBe(SUPPRESSED);
    }
    expect(result.report.primary).toBe(3);
    const published = withRows(table, result.rows);
    expect(findDisclosureLeaks(published)).toEqual([]);
    expectNoBruteForceLeak(published, 80);
  });

  it('rounds visible counts and totals to 5 after suppression', () => {
    const table = humberside();
    const result = applyDisclosure(table, { threshold: 5, secondary: true, roundTo: 5 });
    const plain = applyDisclosure(table);
    for (const [i, row] of result.rows.entries()) {
      for (const key of [...AREAS, 'total']) {
        if (plain.rows[i][key] === SUPPRESSED) {
          expect(row[key]).toBe(SUPPRESSED);
        } else {
          expect((row[key] as number) % 5).toBe(0);
          expect(
            Math.abs((row[key] as number) - (table.rows[i][key] as number)),
          ).toBeLessThanOrEqual(2);
        }
      }
    }
    expect(result.rows[0].nel).toBe(185);
    expect(result.rows[0].nlc).toBe(180);
    expect(result.rows[4].total).toBe(1235);
  });
});

describe('applyDisclosure rules', () => {
  it('never suppresses zeros, and protects with a total when only zeros are left', () => {
    const table = crossTab(
      [
        ['a', [0, 2, 0]],
        ['b', [7, 0, 9]],
        ['c', [6, 8, 0]],
      ],
      ['x', 'y', 'z'],
    );
    const result = applyDisclosure(table);
    const published = withRows(table, result.rows);
    for (const row of result.rows) {
      for (const key of ['x', 'y', 'z']) {
        if (table.rows[result.rows.indexOf(row)][key] === 0) expect(row[key]).toBe(0);
      }
    }
    expect(result.rows[0].y).toBe(SUPPRESSED);
    expect(result.rows[0].total).toBe(SUPPRESSED); // the row total of a lone 2 is 2
    expect(findDisclosureLeaks(published)).toEqual([]);
    expectNoBruteForceLeak(published, 40);
  });

  it('suppresses derived columns wherever their source count is suppressed', () => {
    const table: DisclosureTable = {
      columns: [
        { key: 'area', kind: 'text' },
        { key: 'deaths', kind: 'count' },
        { key: 'population', kind: 'other' },
        { key: 'rate', kind: 'derived', derivedFrom: ['deaths'] },
        { key: 'share', kind: 'derived' },
      ],
      rows: [
        { area: 'A', deaths: 3, population: 1000, rate: 300, share: 0.1 },
        { area: 'B', deaths: 0, population: 1000, rate: 0, share: 0 },
        { area: 'C', deaths: 27, population: 9000, rate: 300, share: 0.9 },
      ],
    };
    const result = applyDisclosure(table);
    expect(result.rows[0]).toEqual({
      area: 'A',
      deaths: SUPPRESSED,
      population: 1000,
      rate: SUPPRESSED,
      share: SUPPRESSED,
    });
    expect(result.rows[1]).toEqual(table.rows[1]);
    expect(result.rows[2]).toEqual(table.rows[2]);
    expect(result.report).toEqual({ primary: 1, secondary: 0, derived: 2, leaks: 0 });
  });

  it('reads bigint and numeric-string counts', () => {
    const table: DisclosureTable = {
      columns: [
        { key: 'a', kind: 'count' },
        { key: 'b', kind: 'count' },
        { key: 't', kind: 'total' },
      ],
      rows: [{ a: 2n, b: '40', t: 42n }],
      rowTotalKey: 't',
    };
    const result = applyDisclosure(table);
    expect(result.rows[0]).toEqual({ a: SUPPRESSED, b: SUPPRESSED, t: 42n });
    expect(findDisclosureLeaks(withRows(table, result.rows))).toEqual([]);
  });

  it('does not leave suppressed parts that must all be 1', () => {
    const table = crossTab(
      [
        ['a', [1, 1, 50, 30]],
        ['b', [20, 25, 60, 40]],
      ],
      ['w', 'x', 'y', 'z'],
    );
    const result = applyDisclosure(table);
    const published = withRows(table, result.rows);
    expect(findDisclosureLeaks(published)).toEqual([]);
    expectNoBruteForceLeak(published, 130);
  });

  it('finds leaks through a combination of equations', () => {
    // Rows a and b each hide two cells, but column y and z totals pin them down together.
    const table = crossTab(
      [
        ['a', [2, 3, 10]],
        ['b', [10, 3, 2]],
        ['c', [10, 10, 10]],
      ],
      ['x', 'y', 'z'],
    );
    const rows = table.rows.map((r) => ({ ...r }));
    rows[0].x = SUPPRESSED;
    rows[0].y = SUPPRESSED;
    rows[1].y = SUPPRESSED;
    rows[1].z = SUPPRESSED;
    rows[2].x = SUPPRESSED;
    rows[2].z = SUPPRESSED;
    // A 6-cycle: nothing is pinned.
    expect(findDisclosureLeaks(withRows(table, rows))).toEqual([]);
    // Reveal the cycle's closing cell and the chain becomes solvable, one equation at a time.
    rows[2].z = 10;
    const leaks = findDisclosureLeaks(withRows(table, rows));
    expect(leaks.map((l) => `${l.row}:${l.key}=${l.value}`).sort()).toEqual([
      '0:x=2',
      '0:y=3',
      '1:y=3',
      '1:z=2',
      '2:x=10',
    ]);
  });

  it('random small cross-tabs never leak (checked exhaustively)', () => {
    const random = mulberry32(20260625);
    let checked = 0;
    for (let n = 0; n < 60; n++) {
      const nRows = 2 + Math.floor(random() * 3);
      const nCols = 2 + Math.floor(random() * 3);
      const keys = Array.from({ length: nCols }, (_, i) => `c${i}`);
      const body: [string, number[]][] = Array.from({ length: nRows }, (_, i) => [
        `r${i}`,
        keys.map(() => {
          const p = random();
          return p < 0.15
            ? 0
            : p < 0.55
              ? 1 + Math.floor(random() * 4)
              : 5 + Math.floor(random() * 10);
        }),
      ]);
      const table = crossTab(body, keys);
      const result = applyDisclosure(table);
      const published = withRows(table, result.rows);
      expect(findDisclosureLeaks(published), JSON.stringify(body)).toEqual([]);
      expect(result.report.leaks).toBe(0);
      const hidden = result.rows.flatMap((r) => Object.values(r)).filter((v) => v === SUPPRESSED);
      const grand = table.rows[table.rows.length - 1].total as number;
      if (hidden.length <= 9) {
        expectNoBruteForceLeak(published, grand);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe('applyDisclosure: protection that needs a cell outside the leaked row and column', () => {
  it('closes a leak whose own row and column hold only zeros and suppressed cells', () => {
    // Found by fuzzing: row r2 and column c2 had nothing left to suppress, but the 3 could be
    // worked out through row r0, column c1 and the total row together.
    const table = crossTab(
      [
        ['r0', [15, 10, 6]],
        ['r1', [6, 0, 0]],
        ['r2', [4, 0, 3]],
      ],
      ['c0', 'c1', 'c2'],
    );
    const result = applyDisclosure(table);
    const published = withRows(table, result.rows);
    expect(result.report.leaks).toBe(0);
    expect(findDisclosureLeaks(published)).toEqual([]);
    expectNoBruteForceLeak(published, 44);
  });

  it('fuzz: row totals only, column totals only, or both, at thresholds 3, 5 and 10', () => {
    const random = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const nRows = 1 + Math.floor(random() * 7);
      const keys = Array.from({ length: 1 + Math.floor(random() * 7) }, (_, i) => `c${i}`);
      const body: [string, number[]][] = Array.from({ length: nRows }, (_, i) => [
        `r${i}`,
        keys.map(() => {
          const p = random();
          return p < 0.25 ? 0 : p < 0.6 ? 1 + Math.floor(random() * 4) : Math.floor(random() * 30);
        }),
      ]);
      const full = crossTab(body, keys);
      const mode = n % 3;
      const table: DisclosureTable =
        mode === 0
          ? full
          : mode === 1
            ? { ...full, rows: full.rows.slice(0, -1), totalRowIndex: undefined }
            : { ...full, rowTotalKey: undefined };
      const rule = {
        threshold: [3, 5, 10][Math.floor(n / 3) % 3],
        secondary: true,
        roundTo: 0 as const,
      };
      const result = applyDisclosure(table, rule);
      expect(result.report.leaks, JSON.stringify(body)).toBe(0);
      expect(findDisclosureLeaks(withRows(table, result.rows)), JSON.stringify(body)).toEqual([]);
    }
  });
});

describe('suppressIndicatorRows', () => {
  it('blanks small counts, their values and limits, and says why', () => {
    const rows = [
      {
        indicator_id: 'drd',
        area_code: 'E1',
        period: '2021-23',
        value: 4.2,
        lower_95: 1.1,
        upper_95: 9.9,
        count: 3,
        denominator: 70000,
        note: '',
      },
      {
        indicator_id: 'drd',
        area_code: 'E2',
        period: '2021-23',
        value: 0,
        lower_95: 0,
        upper_95: 3.1,
        count: 0,
        denominator: 90000,
        note: '',
      },
      {
        indicator_id: 'drd',
        area_code: 'E3',
        period: '2021-23',
        value: 12.5,
        lower_95: 9,
        upper_95: 16,
        count: 38,
        denominator: 300000,
        note: '',
      },
    ];
    const { rows: out, suppressed } = suppressIndicatorRows(rows);
    expect(suppressed).toBe(1);
    expect(out[0]).toMatchObject({
      count: null,
      value: null,
      lower_95: null,
      upper_95: null,
      denominator: 70000,
      note: 'suppressed: fewer than 5',
    });
    expect(out[1]).toEqual(rows[1]);
    expect(out[2]).toEqual(rows[2]);
    expect(rows[0].count).toBe(3);
    const rounded = suppressIndicatorRows(rows, { threshold: 5, secondary: true, roundTo: 5 });
    expect(rounded.rows[2].count).toBe(40);
    expect(
      suppressIndicatorRows(rows, { threshold: 40, secondary: true, roundTo: 0 }).suppressed,
    ).toBe(2);
  });
});
