/**
 * The view-table declarations honoured by the export, on hand-made tables: summed rows (England
 * from the areas shown), rows found to be sums without a declaration, text derived from a hidden
 * value, mirror rows, a leak that blocks, and charts drawn from the disclosed rows.
 */
import { describe, expect, it } from 'vitest';
import type { DisplayTable } from '../../../src/lib/export/displayTable';
import { disclosureTableOf } from '../../../src/lib/export/displayTable';
import { discloseView, discloseViewTable } from '../../../src/lib/export/viewExport';
import { SUPPRESSED, findDisclosureLeaks } from '../../../src/lib/export';
import { chartDataRows } from '../../../src/lib/views/chartData';

const GROUPS = ['g_op', 'g_alc', 'g_oth'];

function areasTable(withEngland: 'declared' | 'undeclared' | 'none'): DisplayTable {
  const areas = [
    ['Hull', 514, 3, 40],
    ['York', 120, 66, 9],
    ['Leeds', 300, 81, 70],
  ].map(([name, a, b, c]) => ({
    area_name: name,
    role: 'Comparator',
    g_op: a,
    g_alc: b,
    g_oth: c,
    total: (a as number) + (b as number) + (c as number),
  }));
  const rows: Record<string, unknown>[] = [...areas];
  if (withEngland !== 'none') {
    const england: Record<string, unknown> = { area_name: 'England', role: 'England' };
    for (const k of [...GROUPS, 'total'])
      england[k] = areas.reduce((s, r) => s + (r[k as keyof typeof r] as number), 0);
    rows.push(england);
  }
  return {
    caption: 'CJS by hand',
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'g_op', label: 'Opiates', format: 'count', numeric: true },
      { key: 'g_alc', label: 'Alcohol', format: 'count', numeric: true },
      { key: 'g_oth', label: 'Other', format: 'count', numeric: true },
      { key: 'total', label: 'Total', format: 'count', numeric: true },
    ],
    rows,
    rowTotalKey: 'total',
    ...(withEngland === 'declared' ? { summedRows: [{ row: 3, from: [0, 1, 2] }] } : {}),
  };
}

describe('view tables under the export pipeline', () => {
  it('an England row summed from the areas shown hides what its parts hide (declared)', () => {
    const t = areasTable('declared');
    const { rows, leaks } = discloseViewTable(t);
    expect(rows[0].g_alc).toBe(SUPPRESSED);
    expect(rows[3].g_alc).toBe(SUPPRESSED); // 3 + 66 + 81: would give Hull's 3 back
    expect(leaks).toEqual([]);
    // The independent audit with the declared equations agrees.
    expect(findDisclosureLeaks({ ...disclosureTableOf(t), rows })).toEqual([]);
  });

  it('finds an England row that is the sum of the areas shown without a declaration', () => {
    const { rows, result } = discloseViewTable(areasTable('undeclared'));
    expect(result.detectedSums).toEqual([{ row: 3, from: [0, 1, 2] }]);
    expect(rows[3].g_alc).toBe(SUPPRESSED);
  });

  it('the undeclared sum was a real leak before: the old cross-tab search left England visible', () => {
    const t = areasTable('undeclared');
    const rowsOld = t.rows.map((r) => ({ ...r }));
    rowsOld[0].g_alc = SUPPRESSED;
    rowsOld[0].g_oth = SUPPRESSED; // the row protected on its own ...
    const withSum = { ...disclosureTableOf(t), summedRows: [{ row: 3, from: [0, 1, 2] }] };
    // ... but England's visible 150 alcohol minus York and Leeds gives 3.
    expect(findDisclosureLeaks({ ...withSum, rows: rowsOld }).length).toBeGreaterThan(0);
  });

  it('hides a text column derived from a hidden value ("meets 75% ambition")', () => {
    const table: DisplayTable = {
      caption: 'Continuity by hand',
      columns: [
        { key: 'area_name', label: 'Area', format: 'text' },
        { key: 'released', label: 'Released', format: 'count', numeric: true },
        { key: 'engaged', label: 'Engaged', format: 'count', numeric: true },
        { key: 'pct', label: 'Continuity %', format: 'percent', numeric: true },
        { key: 'below_ambition', label: 'Against the 75% ambition', format: 'text' },
      ],
      rows: [
        {
          area_name: 'Rutland',
          released: 4,
          engaged: 3,
          pct: 75,
          below_ambition: 'meets 75% ambition',
        },
        {
          area_name: 'Hull',
          released: 80,
          engaged: 40,
          pct: 50,
          below_ambition: 'below 75% ambition',
        },
      ],
    };
    const { rows } = discloseViewTable(table);
    expect(rows[0]).toMatchObject({
      released: SUPPRESSED,
      engaged: SUPPRESSED,
      pct: SUPPRESSED,
      below_ambition: SUPPRESSED,
    });
    expect(rows[1].below_ambition).toBe('below 75% ambition');
    // A view can declare a text column as a plain label.
    const declared = {
      ...table,
      columns: table.columns.map((c) =>
        c.key === 'below_ambition' ? { ...c, disclosure: 'text' as const } : c,
      ),
    };
    expect(discloseViewTable(declared).rows[0].below_ambition).toBe('meets 75% ambition');
  });

  it('blocks every export of a view whose table leaks, and says why', () => {
    const out = discloseView(
      { tables: [areasTable('declared')], charts: [] },
      { threshold: 5, secondary: false, roundTo: 0 },
    );
    expect(out.blocked).toMatch(
      /^Export blocked: in "CJS by hand", \d+ suppressed cells? could still be worked out/,
    );
  });

  it('draws charts from the disclosed rows: a hidden cell is a gap, the description is regenerated', () => {
    const t = areasTable('declared');
    const stacked = t.rows.slice(0, 3).flatMap((r) =>
      GROUPS.map((g, i) => ({
        label: r.area_name === 'Hull' ? 'Hull (focal area)' : r.area_name,
        category: g,
        category_order: i,
        count: r[g],
      })),
    );
    const spec = {
      title: 'People in treatment',
      description: 'Hull: 557 people, 3 of them for alcohol.',
      data: { values: stacked },
      layer: [
        {
          mark: 'bar',
          encoding: {
            y: { field: 'label', type: 'nominal' },
            x: { field: 'count', type: 'quantitative' },
            color: { field: 'category', type: 'nominal' },
          },
        },
      ],
    };
    const out = discloseView({
      tables: [t],
      charts: [{ spec, title: 'People', description: spec.description }],
    });
    const data = chartDataRows(out.charts[0].spec);
    const hull = data.filter((d) => d.label === 'Hull (focal area)');
    const hidden = out.tables[0].rows[0];
    for (const d of hull) {
      if (hidden[d.category as string] === SUPPRESSED) expect(d.count).toBeNull();
      else expect(d.count).toBe(t.rows[0][d.category as string]);
    }
    expect(hull.find((d) => d.category === 'g_alc')!.count).toBeNull();
    expect(out.charts[0].description).not.toMatch(/\b3\b/);
    expect(out.charts[0].description).toMatch(
      /^People in treatment\. Figures under disclosure control: \d+ of 9 values are suppressed/,
    );
    expect(out.charts[0].description).toContain('Hull (focal area), g_alc: suppressed');
    expect((out.charts[0].spec as { description: string }).description).toBe(
      out.charts[0].description,
    );
  });
});
