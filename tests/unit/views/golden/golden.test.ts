/**
 * Golden results for the prebuilt views: every view's output (indicator rows, table rows, chart
 * data and descriptions, notes, method note) on the shipped real data plus the seeded synthetic
 * data, for three focal areas and every comparator kind, kept as JSON snapshots beside this file.
 *
 * They were recorded before the views were reorganised (issue 11), so a refactor that changes a
 * number shows up as a snapshot diff. A deliberate change of a figure updates the snapshot
 * (`npx vitest run tests/unit/views/golden -u`) and the diff is the review.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/types';
import { loadDemoLikeApp, runViewForGolden, type GoldenParams } from './load';
import { testEngine } from '../../engine/nodeEngine';
import { createNodeEngine } from '../../../../src/lib/engine/node';
import { dropAll } from '../helpers';

const AREAS = {
  peterborough: 'E06000031',
  hull: 'E06000010',
  bristol: 'E06000023',
} as const;

const COMPARATORS: GoldenParams['comparator'][] = ['region', 'england', 'neighbours', 'custom'];
const CUSTOM = ['E06000032', 'E10000015', 'E08000025'];

/** View and option sets recorded for every area × comparator. */
const CASES: { name: string; view: string; options: Record<string, string> }[] = [
  { name: 'drug-deaths-published', view: 'drug-deaths', options: { source: 'published' } },
  {
    name: 'drug-deaths-published-poisoning-female',
    view: 'drug-deaths',
    options: { source: 'published', measure: 'drug_poisoning', sex: 'Female' },
  },
  { name: 'drug-deaths-age-banded', view: 'drug-deaths', options: { source: 'age-banded' } },
  { name: 'drug-deaths-records', view: 'drug-deaths', options: { source: 'records' } },
  { name: 'unmet-need', view: 'unmet-need', options: {} },
  { name: 'cjs-treatment', view: 'cjs-treatment', options: {} },
  {
    name: 'la-comparison-drug-deaths',
    view: 'la-comparison',
    options: { indicator: 'drug_misuse_deaths_asr' },
  },
  { name: 'la-comparison-fingertips', view: 'la-comparison', options: { indicator: 'first' } },
];

describe('golden view results (shipped real data + seeded synthetic data)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await loadDemoLikeApp(engine);
  }, 600_000);

  for (const [areaName, area] of Object.entries(AREAS))
    for (const comparator of COMPARATORS)
      it(`${areaName}, comparators: ${comparator}`, async () => {
        const out: Record<string, unknown> = {};
        for (const c of CASES) {
          out[c.name] = await runViewForGolden(
            engine,
            c.view,
            { focalArea: area, comparator, customComparators: CUSTOM, latestPeriod: null },
            c.options,
          );
        }
        await expect(JSON.stringify(out, null, 1) + '\n').toMatchFileSnapshot(
          path.join('snapshots', `${areaName}-${comparator}.json`),
        );
      }, 300_000);
});

describe('golden view results with record-level treatment episodes', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadDemoLikeApp(engine, ['datasets/synthetic/treatment_episodes.csv']);
  }, 600_000);

  it('peterborough, comparators: region (unmet need and CJS from episodes)', async () => {
    const out: Record<string, unknown> = {};
    for (const c of CASES.filter((x) => x.view === 'unmet-need' || x.view === 'cjs-treatment'))
      out[c.name] = await runViewForGolden(
        engine,
        c.view,
        { focalArea: AREAS.peterborough, comparator: 'region', latestPeriod: null },
        c.options,
      );
    await expect(JSON.stringify(out, null, 1) + '\n').toMatchFileSnapshot(
      path.join('snapshots', 'peterborough-region-episodes.json'),
    );
  }, 300_000);
});

// Guard against an empty snapshot folder passing silently (a test that cannot fail is a defect).
it('snapshot files exist for every area and comparator', () => {
  for (const areaName of Object.keys(AREAS))
    for (const comparator of COMPARATORS) {
      const file = path.join(__dirname, 'snapshots', `${areaName}-${comparator}.json`);
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(1000);
    }
});
