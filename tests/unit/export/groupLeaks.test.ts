/**
 * Groups of areas and disclosure control: a group's row is its members' sum (the view's note
 * says so), so a reader holding an export with the group and another with all but one member
 * could subtract. Every view that shows groups is run, as the app runs it on the demo's data,
 * with small-count groups as the focal area and with their members shown one beside the other,
 * then exported through the one pipeline; every export of a table held at once must give no
 * hidden cell back, the group's equations included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import type { AreaGroup } from '../../../src/lib/domain/areas';
import {
  buildViewEnvironment,
  type ViewEnvironment,
  type ViewParams,
} from '../../../src/lib/views';
import { testEngine } from '../engine/nodeEngine';
import { dropAll } from '../views/helpers';
import { loadDemoLikeApp } from '../views/golden/load';
import { discloseView } from '../../../src/lib/export/viewExport';
import { DEFAULT_DISCLOSURE_RULE, SUPPRESSED } from '../../../src/lib/export';
import { equationsFound } from './attacker';
import { crossExportLeaks } from './crossExport';
import { exportsByTable, regionIn, runAsApp, type ViewCase, type ViewRun } from './viewRuns';

const GROUPS: AreaGroup[] = [
  {
    code: 'GROUP:City and Hackney',
    name: 'City and Hackney',
    members: ['E09000001', 'E09000012'],
  },
  {
    code: 'GROUP:Rutland and Leicestershire',
    name: 'Rutland and Leicestershire',
    members: ['E06000017', 'E10000018'],
  },
];

const CASES: ViewCase[] = [
  { name: 'drug-deaths published', view: 'drug-deaths', options: { source: 'published' } },
  {
    name: 'drug-deaths published, female',
    view: 'drug-deaths',
    options: { source: 'published', sex: 'Female' },
  },
  { name: 'drug-deaths age-banded', view: 'drug-deaths', options: { source: 'age-banded' } },
  { name: 'unmet-need', view: 'unmet-need', options: {} },
  { name: 'cjs-treatment', view: 'cjs-treatment', options: {} },
  { name: 'la-comparison first', view: 'la-comparison', options: { indicator: 'first' } },
  { name: 'la-comparison second', view: 'la-comparison', options: { indicator: 'second' } },
  { name: 'treatment-outcomes', view: 'treatment-outcomes', options: {} },
];

/** Each group as the focal area, and its members side by side (each focal, the other shown). */
function exportsOf(group: AreaGroup): ViewParams[] {
  const [a, b] = group.members;
  return [
    { focalArea: group.code, comparator: 'region' },
    { focalArea: group.code, comparator: 'england' },
    { focalArea: a, comparator: 'custom', customComparators: [b] },
    { focalArea: b, comparator: 'custom', customComparators: [a] },
    { focalArea: a, comparator: 'region' },
  ];
}

let engine: Engine;
let env: ViewEnvironment;
const runs: ViewRun[] = [];
const regionOf = regionIn(() => env);

beforeAll(async () => {
  engine = await testEngine();
  await dropAll(engine);
  // The demo's files and the synthetic aggregate treatment outcomes (not in the demo).
  await loadDemoLikeApp(engine, ['datasets/synthetic/treatment_outcomes.csv']);
  env = await buildViewEnvironment(engine, GROUPS);
  for (const group of GROUPS)
    for (const params of exportsOf(group))
      for (const c of CASES) {
        const view = await runAsApp(env, c, params);
        runs.push({ caseName: c.name, view, out: discloseView(view, DEFAULT_DISCLOSURE_RULE) });
      }
}, 900_000);

describe('groups of areas in exports', () => {
  it('every case shows its groups, and something of a member is suppressed', () => {
    for (const c of CASES) {
      const ofCase = runs.filter((r) => r.caseName === c.name);
      const groupRows = ofCase.flatMap((r) =>
        r.out.tables.flatMap((t) =>
          t.table.rows.filter((row) => GROUPS.some((g) => g.code === row.area_code)),
        ),
      );
      expect(groupRows.length, c.name).toBeGreaterThan(0);
    }
    const hidden = runs.some((r) =>
      r.out.tables.some((t) =>
        t.table.rows.some(
          (row, i) =>
            GROUPS.some((g) => g.members.includes(String(row.area_code))) &&
            Object.values(t.rows[i]).includes(SUPPRESSED),
        ),
      ),
    );
    expect(hidden).toBe(true);
  });

  it("every export of a table held at once: no member's hidden cell follows from its group's row", () => {
    const found: string[] = [];
    for (const c of CASES) {
      const ofCase = runs.filter((r) => r.caseName === c.name);
      for (const [t, tables] of exportsByTable(ofCase).entries()) {
        for (const l of crossExportLeaks(tables, (e) => equationsFound(e.table, regionOf), GROUPS))
          found.push(`${c.name}, table ${t + 1}: ${l.cell} = ${l.value} (${l.via})`);
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
  });
});
