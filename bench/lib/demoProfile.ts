/**
 * Where "Load demo data" spends its time, statement by statement, in Node on the wasm engine the
 * browser runs (no browser, no rendering): each demo file loaded the way the app loads it
 * (loadCsv → recogniseTable → applyMapping, as tests/unit/views/golden/load.ts does), every
 * engine call timed and attributed to its phase, then the four views run once.
 *
 *   npx tsx bench/lib/demoProfile.ts [--top N]
 */
import os from 'node:os';
import { createNodeEngine } from '../../src/lib/engine/node';
import { phaseRunner, timedEngine, type TimedCall } from './timedEngine';
import { loadCsv } from '../../src/lib/ingest/csv';
import { applyMapping } from '../../src/lib/schema/apply';
import { CONFIDENT, recogniseTable } from '../../src/lib/schema/recognise';
import { quoteIdent } from '../../src/lib/engine/sql';
import { readFileSync } from 'node:fs';
import { demoFiles } from './demo';
import { listTables } from '../../src/lib/tables/catalog';
import { buildViewEnvironment, resolveViewContext, runView } from '../../src/lib/views';

export async function profileDemo(top = 12): Promise<string> {
  const L: string[] = [];
  const load0 = os.loadavg()[0];
  const base = await createNodeEngine();
  const where = { phase: '', file: '' };
  const calls: TimedCall<typeof where>[] = [];
  const engine = timedEngine(base, calls, where, 110);
  const phaseMs: Record<string, number> = {};
  const fileMs: Record<string, number> = {};
  const t0 = performance.now();
  for (const [i, f] of demoFiles().entries()) {
    where.file = f.name;
    const raw = `raw_${i}`;
    const tf = performance.now();
    const step = phaseRunner(where, (phase, ms) => (phaseMs[phase] = (phaseMs[phase] ?? 0) + ms));
    await step('load (loadCsv)', () =>
      loadCsv(engine, {
        fileName: f.name,
        source: { kind: 'bytes', bytes: new Uint8Array(readFileSync(f.path)) },
        tableName: raw,
      }),
    );
    const proposal = await step('recognise', () => recogniseTable(engine, raw, f.name));
    if (proposal.mapping && proposal.confidence >= CONFIDENT)
      await step('apply mapping', () => applyMapping(engine, raw, proposal));
    await step('drop raw', () => engine.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`));
    fileMs[f.name] = performance.now() - tf;
  }
  const loadMs = performance.now() - t0;
  // What the data panel does after each file (src/app/tableList.ts, via data.refresh()): list the tables
  // with a row count each, and rebuild the views' environment. Timed here with every demo table.
  where.phase = 'refresh (once)';
  where.file = '(all tables)';
  const tr = performance.now();
  const tableCount = (await listTables(engine)).length;
  const listMs = performance.now() - tr;
  const te = performance.now();
  await buildViewEnvironment(engine);
  const envMs = performance.now() - te;
  where.file = '(views)';
  const tv = performance.now();
  const params = {
    focalArea: 'E06000031',
    comparator: 'region' as const,
    customComparators: [],
    latestPeriod: null,
  };
  where.phase = 'views';
  // As the demo notebook runs them: drug deaths first, its indicators handed to la-comparison.
  const env = await buildViewEnvironment(engine);
  let ctx = resolveViewContext(env, params);
  const deaths = await runView('drug-deaths', ctx, { source: 'published' });
  await runView('unmet-need', ctx, {});
  await runView('cjs-treatment', ctx, {});
  ctx = resolveViewContext(env, params, deaths.indicators);
  await runView('la-comparison', ctx, { indicator: 'drug_misuse_deaths_asr' });
  const viewsMs = performance.now() - tv;
  await base.close();
  const load1 = os.loadavg()[0];

  const s = (ms: number) => (ms / 1000).toFixed(2);
  L.push(
    `DEMO PROFILE (Node, wasm engine; load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  L.push(
    `  all files loaded and mapped: ${s(loadMs)} s; four views (Peterborough, region): ${s(viewsMs)} s`,
  );
  L.push(
    `  one data-panel refresh with all ${tableCount} tables: listTables ${listMs.toFixed(0)} ms (${calls.filter((c) => c.phase === 'refresh (once)').length} statements incl. the environment), buildViewEnvironment ${envMs.toFixed(0)} ms; the app does this after every file (${demoFiles().length}×, with fewer tables early on)`,
  );
  L.push('  by phase (s):');
  for (const [p, ms] of Object.entries(phaseMs).sort((a, b) => b[1] - a[1]))
    L.push(
      `    ${s(ms).padStart(6)}  ${p}  (${calls.filter((c) => c.phase === p).length} engine calls)`,
    );
  L.push('  by file (s):');
  for (const [f, ms] of Object.entries(fileMs).sort((a, b) => b[1] - a[1]))
    L.push(`    ${s(ms).padStart(6)}  ${f}`);
  L.push(`  costliest statements (of ${calls.length}):`);
  for (const c of [...calls].sort((a, b) => b.ms - a.ms).slice(0, top))
    L.push(
      `    ${c.ms.toFixed(0).padStart(6)} ms  ${c.phase.padEnd(15)} ${c.file.slice(0, 28).padEnd(28)} ${c.sql}`,
    );
  return L.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--top');
  console.log(await profileDemo(i > 0 ? Number(process.argv[i + 1]) : 15));
}
