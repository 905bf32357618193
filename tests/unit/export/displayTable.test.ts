import { describe, expect, it } from 'vitest';
import {
  discloseDisplayTable,
  sqlResultColumns,
  type DisplayTable,
} from '../../../src/lib/export/displayTable';
import { findDisclosureLeaks, SUPPRESSED } from '../../../src/lib/export';

/** A CJS view table: areas × substance groups, an England row outside the cross-tab, totals. */
function cjsTable(): DisplayTable {
  const areas = [
    { area_name: 'Peterborough', role: 'Focal area', g_opiate: 159, g_alcohol: 3, g_other: 42 },
    { area_name: 'Luton', role: 'Comparator', g_opiate: 54, g_alcohol: 27, g_other: 12 },
    { area_name: 'Thurrock', role: 'Comparator', g_opiate: 56, g_alcohol: 21, g_other: 8 },
  ].map((r) => ({
    ...r,
    total: r.g_opiate + r.g_alcohol + r.g_other,
    share: (r.g_opiate + r.g_alcohol + r.g_other) / 1000,
  }));
  const england = {
    area_name: 'England',
    role: 'England',
    g_opiate: 30000,
    g_alcohol: 4,
    g_other: 9000,
    total: 39004,
    share: 0.2,
  };
  const sum = (k: 'g_opiate' | 'g_alcohol' | 'g_other' | 'total') =>
    areas.reduce((a, r) => a + r[k], 0);
  const totalRow = {
    area_name: 'Total (areas shown)',
    role: '',
    g_opiate: sum('g_opiate'),
    g_alcohol: sum('g_alcohol'),
    g_other: sum('g_other'),
    total: sum('total'),
  };
  const published = { ...totalRow, area_name: 'Published total' };
  return {
    caption: 'CJS',
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'g_opiate', label: 'Opiates', format: 'count', numeric: true },
      { key: 'g_alcohol', label: 'Alcohol only', format: 'count', numeric: true },
      { key: 'g_other', label: 'Other', format: 'count', numeric: true },
      { key: 'total', label: 'Total (sum of cells)', format: 'count', numeric: true },
      { key: 'share', label: 'Share %', format: 'percent', numeric: true, derivedFrom: ['total'] },
    ],
    rows: [areas[0], england, areas[1], areas[2], totalRow, published],
    rowTotalKey: 'total',
    partRows: [0, 2, 3],
    totalRowIndex: 4,
    mirrorRows: { 5: 4 },
  };
}

describe('disclosure control on a view table', () => {
  it('hides small counts, protects them from the row and column totals, and hides the published copy too', () => {
    const table = cjsTable();
    const { rows } = discloseDisplayTable(table);
    const counts = ['g_opiate', 'g_alcohol', 'g_other', 'total'];
    for (const row of rows)
      for (const k of counts) {
        const v = row[k];
        if (typeof v === 'number')
          expect(v === 0 || v >= 5, `${row.area_name} ${k} = ${v}`).toBe(true);
      }
    expect(rows[0].g_alcohol).toBe(SUPPRESSED);
    expect(rows[1].g_alcohol).toBe(SUPPRESSED); // England's 4: protected on its own
    const crossTab = {
      ...table,
      rows: [rows[0], rows[2], rows[3], rows[4]],
      totalRowIndex: 3,
      columns: table.columns.map((c) => ({
        key: c.key,
        kind:
          c.key === 'total'
            ? ('total' as const)
            : c.format === 'count'
              ? ('count' as const)
              : ('text' as const),
      })),
    };
    expect(findDisclosureLeaks(crossTab)).toEqual([]);
    for (const k of counts) if (rows[4][k] === SUPPRESSED) expect(rows[5][k]).toBe(SUPPRESSED);
    // The share follows the row total it came from.
    rows.forEach(
      (r) => r.total === SUPPRESSED && r.share !== undefined && expect(r.share).toBe(SUPPRESSED),
    );
  });

  it('treats whole-number columns of a SQL result as counts and leaves other columns alone', () => {
    const rows = [
      { area: 'A', deaths: 3, rate: 2.5 },
      { area: 'B', deaths: 40, rate: 7.25 },
    ];
    const columns = sqlResultColumns(rows, ['area', 'deaths', 'rate']);
    const out = discloseDisplayTable({ caption: 'q', columns, rows }).rows;
    expect(out.map((r) => r.deaths)).toEqual([SUPPRESSED, 40]);
    expect(out.map((r) => r.rate)).toEqual([2.5, 7.25]);
  });
});
