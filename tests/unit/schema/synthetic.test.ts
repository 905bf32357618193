/** The app's shipped canonical and SYNTHETIC files (datasets/) load with no questions. */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { recogniseTable } from '../../../src/lib/schema/recognise';
import { applyMapping } from '../../../src/lib/schema/apply';
import { checkTable } from '../../../src/lib/schema/checks';
import { dropCanonical, loadRaw } from './helpers';

const files: [string, string, number][] = [
  ['derived_canonical_areas_2023.csv', 'areas', 327],
  ['derived_canonical_population_la2023_2019_2021.csv', 'population', 54207],
  ['esp2013_standard_population_19band.csv', 'standard_population', 19],
  ['synthetic/deaths.csv', 'deaths', 28380],
  ['synthetic/prevalence.csv', 'prevalence', 1224],
  ['synthetic/treatment.csv', 'treatment', 3060],
  ['synthetic/cjs_treatment.csv', 'cjs_treatment', 6120],
  ['synthetic/continuity_of_care.csv', 'continuity_of_care', 612],
  ['synthetic/treatment_episodes.csv', 'treatment_episodes', 2780],
  ['synthetic/death_records.csv', 'death_records', 191],
];
const present = files.filter(([f]) => existsSync(`datasets/${f}`));

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await dropCanonical(engine);
});

describe.skipIf(present.length === 0)('shipped canonical and synthetic files', () => {
  it.each(present)('%s -> %s', async (file, table, n) => {
    const raw = await loadRaw(engine, file);
    const p = await recogniseTable(engine, raw, file);
    expect(p).toMatchObject({
      canonical: table,
      knownFormat: 'canonical-columns',
      confidence: 1,
      missingRequired: [],
    });
    expect((await applyMapping(engine, raw, p)).rowsAdded).toEqual({ [table]: n });
  });

  it.skipIf(!present.some(([f]) => f === 'synthetic/cjs_treatment.csv'))(
    'finds the two deliberate training errors in cjs_treatment (2022/23 Peterborough and Hull)',
    async () => {
      const f = (await checkTable(engine, 'cjs_treatment')).filter(
        (x) => x.check === 'total-disagrees',
      );
      expect(f).toHaveLength(1);
      expect(f[0].count).toBe(2);
      expect(f[0].examples.map((e) => [e.area_code, e.period])).toEqual([
        ['E06000010', '2022/23'],
        ['E06000031', '2022/23'],
      ]);
    },
  );

  it.skipIf(present.length < files.length)(
    'the other synthetic tables pass their checks',
    async () => {
      for (const t of [
        'deaths',
        'population',
        'treatment',
        'prevalence',
        'continuity_of_care',
        'treatment_episodes',
        'death_records',
        'areas',
      ] as const) {
        const findings = await checkTable(engine, t);
        expect([t, findings.map((x) => `${x.check}: ${x.message}`)]).toEqual([t, []]);
      }
    },
  );
});
