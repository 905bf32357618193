/**
 * The export pipeline on the real views over the demo data (real DuckDB-WASM in Node, the demo
 * loaded as the app loads it): every table and chart of the CJS view (CJS cross-tab and
 * continuity of care) exported for several focal areas under every comparator choice, then
 * attacked as a reader holding all of those files at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import {
  buildViewEnvironment,
  resolveViewContext,
  runView,
  type ViewParams,
  type ViewResult,
} from '../../../src/lib/views';
import { chartDataRows } from '../../../src/lib/views/chartData';
import { testEngine } from '../engine/nodeEngine';
import { dropAll } from '../views/helpers';
import { loadDemoLikeApp } from '../views/golden/load';
import { discloseView, type DisclosedView } from '../../../src/lib/export/viewExport';
import { SUPPRESSED, DEFAULT_DISCLOSURE_RULE, applyDisclosure } from '../../../src/lib/export';
import { disclosureTableOf } from '../../../src/lib/export/displayTable';
import { crossExportLeaks, type ExportedTable } from './crossExport';

const FOCAL = {
  peterborough: 'E06000031',
  hull: 'E06000010',
  bristol: 'E06000023',
  cityOfLondon: 'E09000001',
  rutland: 'E06000017',
};
const COMPARATORS: ViewParams[] = [
  { focalArea: null, comparator: 'region' },
  { focalArea: null, comparator: 'england' },
  { focalArea: null, comparator: 'neighbours' },
  { focalArea: null, comparator: 'custom', customComparators: ['E06000032', 'E10000015'] },
  { focalArea: null, comparator: 'custom', customComparators: ['E09000001', 'E06000017'] },
];

let engine: Engine;
const runs: { name: string; view: ViewResult; out: DisclosedView<unknown> }[] = [];

beforeAll(async () => {
  engine = await testEngine();
  await dropAll(engine);
  await loadDemoLikeApp(engine);
  const env = await buildViewEnvironment(engine);
  for (const [name, focalArea] of Object.entries(FOCAL))
    for (const params of COMPARATORS) {
      const ctx = resolveViewContext(env, { ...params, focalArea });
      const view = await runView('cjs-treatment', ctx, {});
      // The continuity table declares its England and region rows as summed from every
      // authority in the data (with those rows), so every export decides them the same way.
      const continuity = view.tables.find((t) =>
        t.columns.some((c) => c.key === 'engaged_within_3_weeks'),
      );
      for (const [row, r] of (continuity?.rows ?? []).entries())
        if (r.role === 'England')
          expect(
            continuity?.sourceSums?.some((s) => s.row === row && s.sourceRows.length > 1),
          ).toBe(true);
      runs.push({
        name: `${name}/${params.comparator}${params.customComparators ? `:${params.customComparators.join('+')}` : ''}`,
        view,
        out: discloseView(view, DEFAULT_DISCLOSURE_RULE),
      });
    }
}, 900_000);

/** A table's rows keyed by area code (aggregate rows keyed by export and row). */
function exported(run: (typeof runs)[number], t: number, exportId: number): ExportedTable {
  const d = run.out.tables[t];
  return { exportId, table: d.table, rows: d.rows, result: d.result };
}

describe('view exports on the demo data', () => {
  it('every table of every export is audited and leaks nothing on its own', () => {
    expect(runs.length).toBe(Object.keys(FOCAL).length * COMPARATORS.length);
    for (const run of runs) {
      expect(run.out.blocked, run.name).toBeNull();
      for (const t of run.out.tables)
        expect(t.leaks, `${run.name}: ${t.table.caption}`).toEqual([]);
    }
    // The CJS table of the demo has small counts: something is suppressed in most exports.
    expect(runs.some((r) => r.out.tables[0].rows.flat().length > 0)).toBe(true);
    expect(
      runs.some((r) => r.out.tables[0].rows.some((row) => Object.values(row).includes(SUPPRESSED))),
    ).toBe(true);
  });

  it('hides the same cells of an area in every export, whatever the comparators', () => {
    for (const t of [0, 1]) {
      const seen = new Map<string, { hidden: boolean; where: string }>();
      for (const run of runs) {
        const d = run.out.tables[t];
        if (!d) continue;
        d.table.rows.forEach((row, i) => {
          const code = row.area_code;
          if (typeof code !== 'string' || code === '') return;
          for (const c of d.table.columns) {
            const id = `${code}|${c.key}`;
            const hidden = d.rows[i][c.key] === SUPPRESSED;
            const before = seen.get(id);
            if (before) expect(hidden, `${id}: ${before.where} vs ${run.name}`).toBe(before.hidden);
            else seen.set(id, { hidden, where: run.name });
          }
        });
      }
      expect(seen.size).toBeGreaterThan(50);
    }
  });

  it('a reader holding every export at once can work out no suppressed cell (CJS and continuity)', () => {
    for (const t of [0, 1]) {
      const tables = runs
        .map((run, i) => (run.out.tables[t] ? exported(run, t, i) : null))
        .filter((x): x is ExportedTable => x !== null);
      expect(tables.length).toBe(runs.length);
      expect(crossExportLeaks(tables)).toEqual([]);
    }
  });

  it('the attack is real: secondary cells chosen over the rows shown (the old way) leak across exports', () => {
    const tables = runs.map((run, i): ExportedTable => {
      const table = run.out.tables[0].table;
      const result = applyDisclosure(disclosureTableOf(table), DEFAULT_DISCLOSURE_RULE);
      return { exportId: i, table, rows: result.rows, result };
    });
    // Each export alone is safe ...
    for (const t of tables) expect(t.result.report.leaks).toBe(0);
    // ... but together they give cells back.
    expect(crossExportLeaks(tables).length).toBeGreaterThan(0);
  });

  it('charts are drawn from the disclosed rows: no hidden figure, and descriptions without them', () => {
    for (const run of runs) {
      const cjs = run.out.tables[0];
      const hiddenCells = new Set<string>();
      cjs.table.rows.forEach((row, i) => {
        for (const c of cjs.table.columns)
          if (cjs.rows[i][c.key] === SUPPRESSED) hiddenCells.add(`${row.area_name}|${c.label}`);
      });
      const stacked = run.out.charts[0];
      for (const datum of chartDataRows(stacked.spec)) {
        const area = String(datum.label).replace(/ \(focal area\)$/, '');
        if (hiddenCells.has(`${area}|${datum.category}`))
          expect(datum.count, `${run.name}: ${area} ${datum.category}`).toBeNull();
      }
      if (hiddenCells.size > 0) {
        expect(stacked.suppressedValues + 1).toBeGreaterThan(0);
        expect(stacked.description).toMatch(/Figures under disclosure control/);
        expect((stacked.spec as { description?: string }).description).toBe(stacked.description);
        // The view's own prose (written from unsuppressed numbers) is gone.
        expect(stacked.description).not.toBe(run.view.charts[0].description);
      }
      // Continuity: a hidden percentage is never drawn, nor its interval.
      const cont = run.out.tables[1];
      const contChart = run.out.charts[1];
      if (!cont || !contChart) continue;
      for (const datum of chartDataRows(contChart.spec)) {
        const row = cont.table.rows.findIndex(
          (r) => typeof r.area_name === 'string' && String(datum.label).startsWith(r.area_name),
        );
        if (row >= 0 && cont.rows[row].continuity_pct === SUPPRESSED) {
          expect(datum.value, `${run.name}: ${datum.label}`).toBeNull();
          expect(datum.lower).toBeNull();
          expect(datum.upper).toBeNull();
        }
      }
    }
  });
});
