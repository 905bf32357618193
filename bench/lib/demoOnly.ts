/**
 * The demo benchmark on its own (issue 17 items 1 and 2; no ingest rounds, no views in Node):
 *
 *   npx tsx bench/lib/demoOnly.ts [--runs N] [--dist DIR] [--compare-files]
 *
 * Builds the app into bench/.tmp/dist (or uses --dist), then per round, in a fresh Chromium
 * context: "Load demo data" → every view done (its charts drawn) on a first visit and on a second visit (from the
 * service worker's cache), with each step of each file; native DuckDB (1 thread) loading the
 * same files is the baseline, and, when the build ships the demo's tables pre-built, native
 * DuckDB making those same tables (./demoPrebuiltNative.ts) is a second one. Prints PASS/MISS against the targets and writes
 * bench/results/<timestamp>-demo.json with the load average.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, stat, type Stat } from '../harness';
import { launch, serveDist } from './browser';
import { demoRound, nativeDatasetsLoad, nativeDemoLoad, type DemoRound } from './demo';
import { nativePrebuiltLoad } from './demoPrebuiltNative';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface DemoResults {
  startedAt: string;
  loadavg: [number, number];
  built: string;
  native: { seconds: Stat; perFile: Record<string, number> };
  /** Every CSV in datasets/ with type detection: the baseline the issue quotes (context only). */
  nativeDatasets: { seconds: Stat; files: number };
  /** Native DuckDB making the same pre-built tables (null when the build has none). */
  nativePrebuilt: { seconds: Stat; tables: number; rows: number } | null;
  rounds: DemoRound[];
  /** The same rounds with the files loaded one by one (`?demo=files`), when asked (--compare-files). */
  filesRounds: DemoRound[];
  summary: {
    firstDemoToViews: Stat;
    secondDemoToViews: Stat;
    /** Second visit: click → every view shows the engine's own results, charts drawn. */
    secondViewsChecked: Stat;
    firstEngineReady: Stat;
    secondEngineReady: Stat;
    ratioToNative: number;
    ratioToNativePrebuilt: number | null;
    /** Second visit / every CSV in datasets/ read natively with type detection (not a target). */
    ratioToNativeDatasets: number;
    /** Third visit, clicking once the engine runs (not a target). */
    engineFirstDemoToViews: Stat;
    ratioEngineFirstToNative: number;
  };
  targets: { name: string; value: string; target: string; pass: boolean }[];
}

const s = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const fmt = (st: Stat) => `${s(st.median)} s [${s(st.min)}–${s(st.max)}]`;

export async function benchDemo(
  o: { runs: number; dist?: string; compareFiles?: boolean },
  log: (m: string) => void,
): Promise<DemoResults> {
  const startedAt = new Date().toISOString();
  const load0 = os.loadavg()[0];
  let dist = o.dist;
  let built = `given folder ${dist}`;
  if (!dist) {
    const work = path.join(ROOT, 'bench', '.tmp');
    built = buildApp(work, log);
    dist = path.join(work, 'dist');
  }
  const natives: number[] = [];
  const datasetNatives: number[] = [];
  let datasetFiles = 0;
  const prebuiltNatives: number[] = [];
  let prebuiltShape: { tables: number; rows: number } | null = null;
  let perFile: Record<string, number> = {};
  const server = await serveDist(dist);
  const browser = await launch();
  const rounds: DemoRound[] = [];
  const filesRounds: DemoRound[] = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      // Native and browser back to back, so a busy spell on the machine hits both alike.
      const n = await nativeDemoLoad();
      natives.push(n.seconds);
      perFile = n.perFile;
      const all = await nativeDatasetsLoad();
      datasetNatives.push(all.seconds);
      datasetFiles = all.files;
      const p = await nativePrebuiltLoad(dist);
      if (p) {
        prebuiltNatives.push(p.seconds);
        prebuiltShape = { tables: p.tables, rows: p.rows };
      }
      const r = await demoRound(browser, server.url);
      rounds.push(r);
      if (o.compareFiles) {
        const f = await demoRound(browser, `${server.url}?demo=files`);
        filesRounds.push(f);
        log(
          `round ${i + 1}, files one by one: first visit ${s(f.first.demoToViews)} s; second visit ${s(f.second?.demoToViews ?? NaN)} s`,
        );
      }
      log(
        `round ${i + 1}: native ${s(n.seconds)} s; first visit demo→views ${s(r.first.demoToViews)} s (engine ${s(r.first.engineReady ?? NaN)} s); second visit ${s(r.second?.demoToViews ?? NaN)} s (engine ${s(r.second?.engineReady ?? NaN)} s)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const first = stat(rounds.map((r) => r.first.demoToViews));
  const second = stat(rounds.map((r) => r.second?.demoToViews ?? NaN).filter(Number.isFinite));
  const secondChecked = stat(
    rounds.map((r) => r.second?.viewsChecked ?? NaN).filter(Number.isFinite),
  );
  const firstEngine = stat(rounds.map((r) => r.first.engineReady ?? NaN).filter(Number.isFinite));
  const secondEngine = stat(
    rounds.map((r) => r.second?.engineReady ?? NaN).filter(Number.isFinite),
  );
  const afterEngine = stat(
    rounds.map((r) => r.engineFirst?.demoToViews ?? NaN).filter(Number.isFinite),
  );
  const nativeStat = stat(natives);
  const ratio = stat(rounds.map((r, i) => (r.second ?? r.first).demoToViews / natives[i])).median;
  const ratioPrebuilt =
    prebuiltNatives.length === rounds.length
      ? stat(rounds.map((r, i) => (r.second ?? r.first).demoToViews / prebuiltNatives[i])).median
      : null;
  const targets = [
    {
      name: 'demo to views (second visit, median)',
      value: `${s(second.median)} s`,
      target: '≤ 3 s',
      pass: second.median <= 3,
    },
    {
      name: 'demo to views / native load of the same files',
      value: `${s(ratio, 1)}×`,
      target: '≤ 5×',
      pass: ratio <= 5,
    },
    {
      name: 'engine ready, second visit (from the offline cache)',
      value: `${s(secondEngine.median)} s`,
      target: '≤ 1.5 s',
      pass: secondEngine.median <= 1.5,
    },
  ];
  const load1 = os.loadavg()[0];
  return {
    startedAt,
    loadavg: [load0, load1],
    built,
    native: { seconds: nativeStat, perFile },
    nativeDatasets: { seconds: stat(datasetNatives), files: datasetFiles },
    nativePrebuilt: prebuiltShape ? { seconds: stat(prebuiltNatives), ...prebuiltShape } : null,
    rounds,
    filesRounds,
    summary: {
      firstDemoToViews: first,
      secondDemoToViews: second,
      secondViewsChecked: secondChecked,
      firstEngineReady: firstEngine,
      secondEngineReady: secondEngine,
      ratioToNative: ratio,
      ratioToNativePrebuilt: ratioPrebuilt,
      ratioToNativeDatasets: stat(
        rounds.map((r, i) => (r.second ?? r.first).demoToViews / datasetNatives[i]),
      ).median,
      engineFirstDemoToViews: afterEngine,
      ratioEngineFirstToNative: stat(
        rounds
          .map((r, i) => (r.engineFirst?.demoToViews ?? NaN) / natives[i])
          .filter(Number.isFinite),
      ).median,
    },
    targets,
  };
}

export function formatDemo(r: DemoResults): string {
  const L: string[] = [];
  L.push(
    `DEMO ("Load demo data" → every view shows its figures and its charts are drawn, from the build's ready-made results or the engine's; Chromium, fresh context per round; engine ready = the first file's "starting the database engine" step ended)`,
  );
  L.push(
    `  load average (1 min) at start/end: ${s(r.loadavg[0], 1)} / ${s(r.loadavg[1], 1)} on ${os.cpus().length} cores`,
  );
  L.push(
    `  native DuckDB 1 thread, the same ${Object.keys(r.native.perFile).length} files: ${fmt(r.native.seconds)}`,
  );
  L.push(
    `  native DuckDB 1 thread, every CSV in datasets/ (${r.nativeDatasets.files} files) with its type detection, the baseline the issue quotes (0.9 s when filed): ${fmt(r.nativeDatasets.seconds)}; demo, second visit = ${s(r.summary.ratioToNativeDatasets, 1)}× it (context, not the target)`,
  );
  if (r.nativePrebuilt)
    L.push(
      `  native DuckDB 1 thread, the same ${r.nativePrebuilt.tables} pre-built tables (${r.nativePrebuilt.rows.toLocaleString('en-GB')} rows, from Parquet): ${fmt(r.nativePrebuilt.seconds)}${r.summary.ratioToNativePrebuilt === null ? '' : `; demo, second visit = ${s(r.summary.ratioToNativePrebuilt, 1)}× it (context, not the target)`}`,
    );
  L.push(
    `  first visit:  demo→views ${fmt(r.summary.firstDemoToViews)}; engine ready ${fmt(r.summary.firstEngineReady)}`,
  );
  L.push(
    `  second visit: demo→views ${fmt(r.summary.secondDemoToViews)}; engine ready ${fmt(r.summary.secondEngineReady)}; every view recomputed by the engine (its results replace the ready-made ones) ${fmt(r.summary.secondViewsChecked ?? stat([]))}`,
  );
  if (Number.isFinite(r.summary.engineFirstDemoToViews.median))
    L.push(
      `  third visit, clicked once the engine (started as the app opens) runs: demo→views ${fmt(r.summary.engineFirstDemoToViews)} = ${s(r.summary.ratioEngineFirstToNative, 1)}× the native load (not a target: how an analyst who reads the page first sees it)`,
    );
  if (r.filesRounds.length > 0) {
    const f1 = stat(r.filesRounds.map((x) => x.first.demoToViews));
    const f2 = stat(r.filesRounds.map((x) => x.second?.demoToViews ?? NaN).filter(Number.isFinite));
    L.push(
      `  the same rounds, files loaded one by one (?demo=files): first visit ${fmt(f1)}; second visit ${fmt(f2)}`,
    );
  }
  const last = r.rounds[r.rounds.length - 1];
  for (const [label, v] of [
    ['first', last.first],
    ['second', last.second],
  ] as const) {
    if (!v) continue;
    L.push(`  last round, ${label} visit, seconds per step (summed over files):`);
    for (const [step, sec] of Object.entries(v.steps).sort((a, b) => b[1] - a[1]))
      L.push(`      ${s(sec)}  ${step}`);
    L.push(
      `    views shown after ${(v.viewsShown ?? []).map((x) => s(x)).join(', ')} s; charts drawn after ${s(v.chartsDrawn)} s; files loaded after ${s(v.filesLoaded)} s; the engine's views done after ${v.views.map((x) => s(x)).join(', ')} s`,
    );
    L.push(
      `    marks (s from the click): ${Object.entries(v.engineMarks)
        .map(([k, x]) => `${k} ${s(x)}`)
        .join(', ')}`,
    );
    const slow = Object.entries(v.files)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4);
    L.push(`    slowest files: ${slow.map(([f, x]) => `${f} ${s(x)} s`).join('; ')}`);
  }
  for (const t of r.targets)
    L.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.value} (target ${t.target})`);
  return L.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(arg('--runs') ?? 3);
  const t0 = Date.now();
  const r = await benchDemo(
    { runs, dist: arg('--dist'), compareFiles: argv.includes('--compare-files') },
    (m) => console.error(m),
  );
  console.log(
    `jsna-notebook demo benchmark — ${r.startedAt} (${Math.round((Date.now() - t0) / 1000)} s)`,
  );
  console.log(`app bundle built from: ${r.built}`);
  console.log(formatDemo(r));
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.startedAt.replace(/[:.]/g, '-')}-demo.json`);
  writeFileSync(file, JSON.stringify(r, null, 2));
  console.log(`results written to ${file}`);
}
