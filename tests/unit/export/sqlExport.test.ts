/**
 * SQL results exported under disclosure control, on real query results from the DuckDB-WASM
 * Node engine: rates beside a hidden count, ROLLUP and labelled totals, a column that is the sum
 * of others, a structure that cannot be known, and a leak that blocks the export.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import { testEngine } from '../engine/nodeEngine';
import { discloseSqlResult } from '../../../src/lib/export/sqlExport';
import { SUPPRESSED, findDisclosureLeaks } from '../../../src/lib/export';
import { sqlDisclosureTable } from '../../../src/lib/export/sqlStructure';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await engine.query(`CREATE OR REPLACE TABLE sx_cells AS SELECT * FROM (VALUES
    ('Hull', 'Opiates', 514), ('Hull', 'Alcohol', 3), ('Hull', 'Other', 40),
    ('York', 'Opiates', 120), ('York', 'Alcohol', 66), ('York', 'Other', 9),
    ('Leeds', 'Opiates', 300), ('Leeds', 'Alcohol', 81), ('Leeds', 'Other', 70)
  ) t(area, grp, n)`);
}, 120_000);

async function run(sql: string) {
  const r = await engine.query(sql);
  return { rows: r.toRows(), columns: r.columns.map((c) => ({ name: c.name, type: c.type })) };
}

describe('SQL results exported as CSV', () => {
  it('hides a rate computed from a hidden count (the rate and the population would give it back)', async () => {
    const { rows, columns } = await run(
      `SELECT area, n AS deaths, 12345 AS population, n * 100000.0 / 12345 AS rate_per_100k
       FROM sx_cells WHERE grp = 'Alcohol' ORDER BY area`,
    );
    const out = discloseSqlResult(rows, columns);
    const hull = out.rows.find((r) => r.area === 'Hull')!;
    expect(hull.deaths).toBe(SUPPRESSED);
    expect(hull.rate_per_100k).toBe(SUPPRESSED);
    expect(out.rows.find((r) => r.area === 'York')!.rate_per_100k).not.toBe(SUPPRESSED);
    expect(out.structure.columns.find((c) => c.key === 'rate_per_100k')?.role).toBe('derived');
    expect(out.blocked).toBeNull();
  });

  it('finds ROLLUP totals and protects the hidden cell from them', async () => {
    const { rows, columns } = await run(
      `SELECT area, grp, sum(n) AS people FROM sx_cells GROUP BY ROLLUP (area, grp) ORDER BY area NULLS LAST, grp NULLS LAST`,
    );
    const out = discloseSqlResult(rows, columns);
    // Three area subtotals and the grand total.
    expect(out.structure.totalRows.length).toBe(4);
    expect(out.rows.find((r) => r.area === 'Hull' && r.grp === 'Alcohol')!.people).toBe(SUPPRESSED);
    const hullTotal = out.rows.find((r) => r.area === 'Hull' && r.grp === null)!;
    const hullOthers = out.rows.filter(
      (r) => r.area === 'Hull' && r.grp !== null && r.grp !== 'Alcohol',
    );
    // Either the subtotal or another Hull cell is hidden: 3 cannot be worked out.
    expect(hullTotal.people === SUPPRESSED || hullOthers.some((r) => r.people === SUPPRESSED)).toBe(
      true,
    );
    expect(out.leaks).toEqual([]);
    expect(findDisclosureLeaks({ ...sqlDisclosureTable(out.rows, out.structure) })).toEqual([]);
  });

  it('the same ROLLUP without secondary suppression leaks, and the export is blocked with the reason', async () => {
    const { rows, columns } = await run(
      `SELECT area, grp, sum(n) AS people FROM sx_cells GROUP BY ROLLUP (area, grp)`,
    );
    const out = discloseSqlResult(
      rows,
      columns,
      {},
      { threshold: 5, secondary: false, roundTo: 0 },
    );
    expect(out.leaks.length).toBeGreaterThan(0);
    expect(out.blocked).toMatch(/^Export blocked: .* could still be worked out/);
  });

  it('finds rows labelled Total and columns equal to the sum of others', async () => {
    const { rows, columns } = await run(
      `WITH w AS (PIVOT sx_cells ON grp USING sum(n) GROUP BY area)
       SELECT * FROM (
         SELECT area, Opiates, Alcohol, Other, Opiates + Alcohol + Other AS combined FROM w
         UNION ALL SELECT 'Total', sum(Opiates), sum(Alcohol), sum(Other), sum(Opiates + Alcohol + Other) FROM w
       ) ORDER BY area = 'Total', area`,
    );
    const out = discloseSqlResult(rows, columns);
    expect(out.structure.totalRows.map((t) => t.row)).toEqual([3]);
    expect(out.structure.totalColumns.map((c) => c.key)).toEqual(['combined']);
    expect(out.rows.find((r) => r.area === 'Hull')!.Alcohol).toBe(SUPPRESSED);
    expect(out.leaks).toEqual([]);
    // Column totals and row totals both protect the 3.
    const hull = out.rows.find((r) => r.area === 'Hull')!;
    expect(
      [hull.Opiates, hull.Other, hull.combined].filter((v) => v === SUPPRESSED).length,
    ).toBeGreaterThan(0);
  });

  it('lets the analyst declare a total label and a derived column', async () => {
    const { rows, columns } = await run(
      `SELECT area, n AS people, n * 2 AS doubled FROM sx_cells WHERE grp = 'Alcohol'
       UNION ALL SELECT 'Humber (sum)', sum(n), sum(n) * 2 FROM sx_cells WHERE grp = 'Alcohol'`,
    );
    const before = discloseSqlResult(rows, columns);
    // Undeclared: "doubled" looks like a count and the sum row is not recognised.
    expect(before.structure.totalRows).toEqual([]);
    const out = discloseSqlResult(rows, columns, {
      roles: { doubled: 'derived' },
      totalLabels: ['Humber (sum)'],
    });
    expect(out.structure.totalRows.map((t) => t.row)).toEqual([3]);
    const hull = out.rows.find((r) => r.area === 'Hull')!;
    expect(hull.people).toBe(SUPPRESSED);
    expect(hull.doubled).toBe(SUPPRESSED);
    expect(out.leaks).toEqual([]);
  });

  it('says when the structure cannot be known', async () => {
    const { rows, columns } = await run(`SELECT grp, n FROM sx_cells`);
    const out = discloseSqlResult(rows, columns);
    expect(out.structure.uncertain.join(' ')).toMatch(/share the same labels/);
  });
});
