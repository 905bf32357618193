/**
 * `--engine native` (issue 17, item 5): the views give the same results on native DuckDB
 * (@duckdb/node-api, src/lib/engine/native.ts) as on the wasm engine the browser runs. The demo's
 * files are loaded into each engine the way the app loads them (tests/unit/views/golden/load.ts)
 * and every view is run for two focal areas and two comparator kinds; the results (indicator
 * rows, tables, chart data, notes; numbers to 12 significant digits) must be identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { createNativeEngine } from '../../../src/lib/engine/native';
import { loadDemoLikeApp, runViewForGolden } from '../views/golden/load';

const CASES: { view: string; options: Record<string, string> }[] = [
  { view: 'drug-deaths', options: { source: 'published' } },
  { view: 'drug-deaths', options: { source: 'age-banded' } },
  { view: 'drug-deaths', options: { source: 'records' } },
  { view: 'unmet-need', options: {} },
  { view: 'cjs-treatment', options: {} },
  { view: 'la-comparison', options: { indicator: 'drug_misuse_deaths_asr' } },
  { view: 'la-comparison', options: { indicator: 'first' } },
];

describe('views on native DuckDB and on the wasm engine', () => {
  let wasm: Engine;
  let native: Engine;
  beforeAll(async () => {
    wasm = await createNodeEngine();
    native = await createNativeEngine({ threads: 1 });
    await loadDemoLikeApp(wasm);
    await loadDemoLikeApp(native);
  }, 600_000);
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  it('reports itself as native DuckDB and refuses to read outside its files folder', async () => {
    expect(await native.version()).toMatch(/^v\d/);
    await expect(native.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow();
  });

  for (const focalArea of ['E06000031', 'E06000010'])
    for (const comparator of ['region', 'neighbours'] as const)
      it(`gives identical results for ${focalArea}, comparators: ${comparator}`, async () => {
        for (const c of CASES) {
          const params = { focalArea, comparator, customComparators: [], latestPeriod: null };
          const a = await runViewForGolden(wasm, c.view, params, c.options);
          const b = await runViewForGolden(native, c.view, params, c.options);
          // A comparison of two failures would prove nothing.
          expect(a, `${c.view} on the wasm engine`).not.toHaveProperty('error');
          expect(JSON.stringify(b, null, 1), `${c.view} ${JSON.stringify(c.options)}`).toBe(
            JSON.stringify(a, null, 1),
          );
        }
      }, 300_000);
});
