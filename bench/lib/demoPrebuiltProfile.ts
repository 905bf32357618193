/**
 * Where the ready-made demo spends its time after the engine starts, in Node on the wasm engine
 * the browser runs: the Arrow import of the pre-built tables (src/lib/demo/importTables.ts), the
 * views' environment from the manifest, and the four demo views as the notebook runs them, every engine call timed.
 *
 *   npx tsx bench/lib/demoPrebuiltProfile.ts [--cache DIR] [--top N]
 */
import os from 'node:os';
import path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createNodeEngine } from '../../src/lib/engine/node';
import { phaseRunner, timedEngine, type TimedCall } from './timedEngine';
import { importPrebuiltTables } from '../../src/lib/demo/importTables';
import type { DemoManifest } from '../../src/lib/demo/manifest';
import { environmentFrom, resolveViewContext, runView } from '../../src/lib/views';
import { DEMO_FOCAL_AREA, DEMO_VIEWS } from '../../src/lib/notebook/demoCells';

const CACHE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '.cache',
  'jsna-demo-tables',
);

function newestCache(): string {
  const dirs = readdirSync(CACHE).map((d) => path.join(CACHE, d));
  return dirs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export async function profilePrebuilt(dir: string, top: number): Promise<string> {
  const L: string[] = [];
  const load0 = os.loadavg()[0];
  const manifest = JSON.parse(
    readFileSync(path.join(dir, 'demo-manifest.json'), 'utf8'),
  ) as DemoManifest;
  const bytes = new Uint8Array(readFileSync(path.join(dir, 'demo-tables.arrows')));
  const te0 = performance.now();
  const base = await createNodeEngine();
  const engineMs = performance.now() - te0;
  const where = { phase: '' };
  const calls: TimedCall<typeof where>[] = [];
  const engine = timedEngine(base, calls, where, 140);
  const phases: [string, number][] = [];
  const step = phaseRunner(where, (phase, ms) => phases.push([phase, ms]));
  await step('import', () => importPrebuiltTables(engine, manifest, bytes));
  // As the app does: the environment the build read, from the manifest (no statement).
  const env = await step('environment', async () => environmentFrom(engine, manifest.environment));
  const params = {
    focalArea: DEMO_FOCAL_AREA,
    comparator: 'region' as const,
    customComparators: [],
    latestPeriod: null,
  };
  let indicators;
  for (const v of DEMO_VIEWS) {
    const ctx = resolveViewContext(env, params, indicators);
    const r = await step(`view ${v.viewId}`, () => runView(v.viewId, ctx, { ...v.options }));
    if (v.viewId === 'drug-deaths') indicators = r.indicators;
  }
  await base.close();
  const s = (ms: number) => (ms / 1000).toFixed(3);
  L.push(
    `READY-MADE DEMO PROFILE (Node, wasm; load ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)})`,
  );
  L.push(`  engine start ${s(engineMs)} s`);
  for (const [p, ms] of phases)
    L.push(
      `  ${s(ms).padStart(7)} s  ${p}  (${calls.filter((c) => c.phase === p).length} calls, ${s(calls.filter((c) => c.phase === p).reduce((a, c) => a + c.ms, 0))} s in the engine)`,
    );
  L.push(`  costliest statements (of ${calls.length}):`);
  for (const c of [...calls].sort((a, b) => b.ms - a.ms).slice(0, top))
    L.push(`    ${c.ms.toFixed(0).padStart(6)} ms  ${c.phase.padEnd(24)} ${c.sql}`);
  return L.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  console.log(await profilePrebuilt(arg('--cache') ?? newestCache(), Number(arg('--top') ?? 25)));
}
