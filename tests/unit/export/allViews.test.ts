/**
 * Brute-force leak search over every exported table of the demo (issue 13): every view (drug
 * deaths from each source, unmet need, the comparison, treatment outcomes, the scorecard) run as
 * the app runs it (real DuckDB-WASM in Node, the demo's files plus the synthetic treatment
 * outcomes and local metrics), for focal areas with small counts and every comparator kind, then
 * exported through the one pipeline and attacked by a reader who trusts no declaration
 * (attacker.ts): each table alone, and every export of the same table held at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import {
  buildViewEnvironment,
  type ViewEnvironment,
  type ViewId,
  type ViewParams,
} from '../../../src/lib/views';
import { testEngine } from '../engine/nodeEngine';
import { dropAll } from '../views/helpers';
import { loadDemoLikeApp } from '../views/golden/load';
import { discloseView } from '../../../src/lib/export/viewExport';
import { DEFAULT_DISCLOSURE_RULE, SUPPRESSED } from '../../../src/lib/export';
import { attackTable, equationsFound, labelKeys, rowLabel, type Finding } from './attacker';
import { crossExportLeaks } from './crossExport';
import { exportsByTable, regionIn, runAsApp, type ViewCase, type ViewRun } from './viewRuns';

const FOCAL = {
  peterborough: 'E06000031',
  cityOfLondon: 'E09000001',
  rutland: 'E06000017',
  scilly: 'E06000053',
};
const COMPARATORS: ViewParams[] = [
  { focalArea: null, comparator: 'region' },
  { focalArea: null, comparator: 'england' },
  { focalArea: null, comparator: 'neighbours' },
  { focalArea: null, comparator: 'custom', customComparators: ['E06000032', 'E10000015'] },
  { focalArea: null, comparator: 'custom', customComparators: ['E09000001', 'E06000017'] },
];
/** Every view and source the demo offers ('first'/'second' = the comparison's indicators). */
const CASES: ViewCase[] = [
  { name: 'drug-deaths published', view: 'drug-deaths', options: { source: 'published' } },
  {
    name: 'drug-deaths published, poisoning, female',
    view: 'drug-deaths',
    options: { source: 'published', measure: 'drug_poisoning', sex: 'Female' },
  },
  { name: 'drug-deaths age-banded', view: 'drug-deaths', options: { source: 'age-banded' } },
  { name: 'drug-deaths records', view: 'drug-deaths', options: { source: 'records' } },
  {
    name: 'drug-deaths records, female',
    view: 'drug-deaths',
    options: { source: 'records', sex: 'Female' },
  },
  { name: 'unmet-need', view: 'unmet-need', options: {} },
  { name: 'la-comparison first', view: 'la-comparison', options: { indicator: 'first' } },
  { name: 'la-comparison second', view: 'la-comparison', options: { indicator: 'second' } },
  { name: 'treatment-outcomes records', view: 'treatment-outcomes', options: { source: 'auto' } },
  {
    name: 'treatment-outcomes aggregate',
    view: 'treatment-outcomes',
    options: { source: 'aggregate' },
  },
  {
    name: 'treatment-outcomes aggregate, alcohol',
    view: 'treatment-outcomes',
    options: { source: 'aggregate', group: 'alcohol' },
  },
  { name: 'scorecard', view: 'scorecard', options: { include: 'framework' } },
  { name: 'scorecard, all', view: 'scorecard', options: { include: 'all' } },
];

interface Run extends ViewRun {
  name: string;
  viewId: ViewId;
}

let engine: Engine;
let env: ViewEnvironment;
const runs: Run[] = [];
const regionOf = regionIn(() => env);

beforeAll(async () => {
  engine = await testEngine();
  await dropAll(engine);
  await loadDemoLikeApp(engine, [
    'datasets/synthetic/treatment_outcomes.csv',
    'datasets/synthetic/local_metrics.csv',
  ]);
  env = await buildViewEnvironment(engine);
  for (const [area, focalArea] of Object.entries(FOCAL))
    for (const params of COMPARATORS)
      for (const c of CASES) {
        const view = await runAsApp(env, c, { ...params, focalArea });
        runs.push({
          name: `${c.name} / ${area} / ${params.comparator}${params.customComparators ? `:${params.customComparators.join('+')}` : ''}`,
          caseName: c.name,
          viewId: c.view,
          view,
          out: discloseView(view, DEFAULT_DISCLOSURE_RULE),
        });
      }
}, 900_000);

const describeFinding = (run: Run, t: number, f: Finding): string => {
  const table = run.out.tables[t].table;
  const row = table.rows[f.row];
  return `${run.name} | ${table.caption} | ${String(row?.area_name ?? row?.[table.columns[0].key])} ${rowLabel(table, f.row)} | ${f.key} = ${f.value} (${f.how})`;
};

describe('brute-force leak search over every view of the demo', () => {
  it('runs every view for every focal area and comparator kind, and something is suppressed', () => {
    expect(runs.length).toBe(Object.keys(FOCAL).length * COMPARATORS.length * CASES.length);
    // Every case produced tables (a view that failed to run would prove nothing).
    for (const c of CASES)
      expect(
        runs.some((r) => r.caseName === c.name && r.view.tables.length > 0),
        c.name,
      ).toBe(true);
    const hiddenIn = new Set(
      runs
        .filter((r) =>
          r.out.tables.some((t) => t.rows.some((row) => Object.values(row).includes(SUPPRESSED))),
        )
        .map((r) => r.viewId),
    );
    // The small areas make every kind of view suppress something.
    expect([...hiddenIn].sort()).toEqual(
      ['drug-deaths', 'la-comparison', 'scorecard', 'treatment-outcomes', 'unmet-need'].sort(),
    );
  });

  it('no export is blocked and the pipeline finds no leak in any table', () => {
    for (const r of runs) {
      expect(r.out.blocked, r.name).toBeNull();
      for (const t of r.out.tables) expect(t.leaks, `${r.name}: ${t.table.caption}`).toEqual([]);
    }
  });

  it('each table alone: no hidden cell follows from any sum in the data, no rate beside a hidden count, no small count shown', () => {
    const found: string[] = [];
    for (const r of runs)
      r.out.tables.forEach((t, i) => {
        for (const f of attackTable(t.table, t.rows, DEFAULT_DISCLOSURE_RULE.threshold, regionOf))
          found.push(describeFinding(r, i, f));
      });
    expect(found.slice(0, 20)).toEqual([]);
  });

  it('every export of a table held at once: no hidden cell can be worked out, and an area hides the same cells in each', () => {
    const found: string[] = [];
    const inconsistent: string[] = [];
    for (const c of CASES) {
      const ofCase = runs.filter((r) => r.caseName === c.name);
      for (const [t, tables] of exportsByTable(ofCase).entries()) {
        for (const l of crossExportLeaks(tables, (e) => equationsFound(e.table, regionOf)))
          found.push(`${c.name}, table ${t + 1}: ${l.cell} = ${l.value} (${l.via})`);
        // The same area's cell is hidden, or shown, in every export.
        const seen = new Map<string, { hidden: boolean; where: string }>();
        for (const e of tables) {
          const labels = labelKeys(e.table);
          e.table.rows.forEach((row, i) => {
            const code = row.area_code;
            if (typeof code !== 'string' || code === '') return;
            for (const col of e.table.columns) {
              const id = `${code} ${rowLabel(e.table, i, labels)} | ${col.key}`;
              const hidden = e.rows[i][col.key] === SUPPRESSED;
              const before = seen.get(id);
              if (before && before.hidden !== hidden)
                inconsistent.push(
                  `${c.name}: ${id} (${before.where} vs ${ofCase[e.exportId].name})`,
                );
              else if (!before) seen.set(id, { hidden, where: ofCase[e.exportId].name });
            }
          });
        }
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
    expect(inconsistent.slice(0, 20)).toEqual([]);
  });
});
