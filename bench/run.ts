/**
 * `npm run bench`: ingest, responsiveness, start-up, memory and views figures in one run.
 *
 *   npm run bench                      1,000,000 rows (warm-up + 5 runs) and 5,000,000 (3 runs)
 *   npm run bench -- --quick           20,000 rows, 1 run: a smoke run well under a minute
 *   npm run bench -- --rows 200000,1000000 --runs 3
 *   other flags: --no-build (reuse bench/.tmp/dist), --no-views, --startup-runs N,
 *                --demo-runs N (demo to views, first and second visit; default 3) or --no-demo
 *
 * Prints a table and writes bench/results/<timestamp>.json. See bench/README.md for the method.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mb, runBench, type BenchResults, type Stat } from './harness';
import { formatScale } from './lib/viewsScale';
import { benchDemo, formatDemo } from './lib/demoOnly';

interface Cli {
  rows: number[];
  runs: number | null;
  startupRuns: number;
  build: boolean;
  views: boolean;
  quick: boolean;
  /** Rounds of the demo benchmark (first and second visit); 0 = skip it. */
  demoRuns: number;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = {
    rows: [1_000_000, 5_000_000],
    runs: null,
    startupRuns: 3,
    build: true,
    views: true,
    quick: false,
    demoRuns: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') {
      cli.quick = true;
      cli.rows = [20_000];
      cli.runs = 1;
      cli.startupRuns = 1;
      cli.demoRuns = 1;
    } else if (a === '--rows')
      cli.rows = value()
        .split(',')
        .map((s) => Number(s.replace(/[_,]/g, '')));
    else if (a === '--runs') cli.runs = Number(value());
    else if (a === '--startup-runs') cli.startupRuns = Number(value());
    else if (a === '--no-build') cli.build = false;
    else if (a === '--no-views') cli.views = false;
    else if (a === '--demo-runs') cli.demoRuns = Number(value());
    else if (a === '--no-demo') cli.demoRuns = 0;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run bench -- [--quick] [--rows N[,N...]] [--runs N] [--startup-runs N] [--no-build] [--no-views] [--demo-runs N | --no-demo]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (cli.rows.some((r) => !Number.isInteger(r) || r < 1))
    throw new Error('--rows takes positive whole numbers');
  return cli;
}

const s = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const sec = (st: Stat) => `${s(st.median)} s`;
const range = (st: Stat) => `${s(st.min)}–${s(st.max)}`;
const pad = (x: string, n: number) => x.padEnd(n);
const lpad = (x: string, n: number) => x.padStart(n);

export function report(r: BenchResults): string {
  const L: string[] = [];
  const m = r.machine;
  L.push('');
  L.push(`jsna-notebook benchmark — ${r.startedAt} (${s(r.seconds, 0)} s)`);
  L.push(
    `machine: ${m.cpuModel}, ${m.cores} cores, ${(m.ramBytes / 2 ** 30).toFixed(1)} GiB RAM; Node ${m.node}; ${m.chromium.startsWith('1') ? 'Chromium ' : ''}${m.chromium}; DuckDB native ${m.duckdbNative}, duckdb-wasm ${m.duckdbWasmPackage} (engine ${m.duckdbWasmEngine})`,
  );
  L.push(`app bundle built from: ${r.built}`);
  const busy = Math.max(r.loadAverage.start, r.loadAverage.end);
  L.push(
    `load average (1 min) at start/end: ${s(r.loadAverage.start, 1)} / ${s(r.loadAverage.end, 1)}${busy > m.cores ? `  — WARNING: more runnable work than the ${m.cores} cores; other processes were competing, absolute times are inflated (paired ratios hold up better)` : ''}`,
  );
  L.push('');
  L.push(
    'INGEST (seconds, median [min–max]; browser = built app, file set on "Add data files", until its table card shows the row count;',
  );
  L.push(
    "        browser/native-1 = median of the per-round ratios; app seq = the app's whole loadCsv() on native DuckDB, 1 thread)",
  );
  const head = [
    'rows',
    'file',
    'runs',
    'browser',
    'native 1 thr',
    'native default',
    'browser/native-1',
    'PapaParse',
    'PapaParse/browser',
    'app seq native-1',
  ];
  const widths = [10, 8, 5, 20, 20, 15, 22, 20, 18, 16];
  L.push(head.map((h, i) => pad(h, widths[i])).join(' '));
  for (const g of r.ingest) {
    L.push(
      [
        g.rows.toLocaleString('en-GB'),
        mb(g.fileBytes).replace(' MB', 'MB'),
        `${g.runs}${g.warmUp ? '+w' : ''}`,
        g.browserError ? 'FAILED' : `${sec(g.browser)} [${range(g.browser)}]`,
        `${sec(g.native1)} [${range(g.native1)}]`,
        sec(g.nativeDefault),
        g.browserError ? 'n/a' : `${s(g.pairedRatio.median)}× [${range(g.pairedRatio)}]`,
        `${sec(g.papaparse)} [${range(g.papaparse)}]`,
        g.browserError ? 'n/a' : `${s(g.papaparse.median / g.browser.median)}×`,
        sec(g.nativeAppSequence1),
      ]
        .map((c, i) => pad(c, widths[i]))
        .join(' '),
    );
  }
  L.push('');
  L.push('BROWSER LOAD STEPS (median seconds) and RESPONSIVENESS during the load (worst run)');
  for (const g of r.ingest) {
    const steps = Object.entries(g.browserSteps)
      .map(([k, v]) => `${k}: ${s(v)}`)
      .join('; ');
    L.push(`  ${g.rows.toLocaleString('en-GB')} rows — ${steps || 'n/a'}`);
    L.push(
      `    table card shown after ${sec(g.browser)}; status line "Loaded" after ${sec(g.browserUntilStatus)}`,
    );
    const q = g.responsiveness;
    L.push(
      `    longest main-thread gap: ${s(q.maxFrameGapMs, 0)} ms between frames, longest task ${s(q.maxLongTaskMs, 0)} ms; progress label: ${s(q.progressUpdatesPerSecond, 1)} updates/s, longest gap ${s(q.maxProgressTextGapMs, 0)} ms; engine-reported step/% changed at most every ${s(q.maxProgressStepGapMs / 1000, 1)} s`,
    );
    L.push(
      `    longest label gap per run: ${q.perRunProgressTextGapMs.join(', ')} ms; worst began ${q.worstGap}`,
    );
    const st = [...g.nativeAppStatements].sort((a, b) => b.ms - a.ms).slice(0, 3);
    L.push(
      `    native app sequence, costliest statements: ${st.map((x) => `${s(x.ms / 1000)} s ${x.sql.slice(0, 48)}…`).join(' | ')}`,
    );
  }
  L.push('');
  L.push('START-UP (ms from navigation start, median [min–max])');
  L.push(
    `  app shell painted (first contentful paint): ${s(r.startup.shellMs.median, 0)} ms [${range(r.startup.shellMs)}]`,
  );
  L.push(
    `  engine ready (a 1,000-row CSV added at once has loaded; includes fetching/compiling the wasm): ${s(r.startup.engineReadyMs.median, 0)} ms [${range(r.startup.engineReadyMs)}]`,
  );
  L.push(
    `  downloaded by the browser until then: ${mb(r.startup.downloadedBytes)} in ${r.startup.requests} responses (bodies as served; preview does not compress)`,
  );
  L.push(
    `    largest: ${r.startup.largestDownloads.map((d) => `${path.basename(d.url)} ${mb(d.bytes)}`).join(', ')}`,
  );
  L.push(
    `  built files (bench/.tmp/dist): ${mb(r.startup.distRawBytes)} raw, ${mb(r.startup.distGzipBytes)} gzip -6`,
  );
  for (const f of r.startup.dist.slice(0, 6))
    L.push(`    ${pad(f.file, 60)} ${lpad(mb(f.raw), 10)} ${lpad(mb(f.gzip), 10)} gz`);
  L.push('');
  L.push(
    'MEMORY (Chromium process tree, sampled every 200 ms from /proc during an extra, untimed load of the largest file)',
  );
  for (const g of r.ingest.filter((x) => x.memory)) {
    const mem = g.memory!;
    L.push(
      `  ${g.rows.toLocaleString('en-GB')} rows: peak PSS ${mb(mem.peakPssBytes)} (before load ${mb(mem.baselinePssBytes)}); peak summed RSS ${mb(mem.peakRssBytes)}; largest single process RSS ${mb(mem.largestProcessRssBytes)}; ${mem.samples} samples`,
    );
  }
  L.push('');
  L.push('VIEWS (view run() in Node on the wasm engine; cold = first run, warm = median of 3)');
  if (!r.views.available) L.push(`  ${r.views.reason ?? 'views: not yet available'}`);
  for (const v of r.views.views)
    L.push(
      `  ${pad(v.id, 16)} ${v.error ? v.error : `cold ${s(v.coldMs ?? NaN, 0)} ms, warm ${s(v.warmMs ?? NaN, 0)} ms`}`,
    );
  if (r.views.scale) L.push('', formatScale(r.views.scale));
  L.push('');
  L.push('TARGETS');
  for (const t of r.targets) L.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${pad(t.name, 66)} ${t.value}`);
  L.push('');
  return L.join('\n');
}

async function main() {
  const cli = parseArgs(process.argv.slice(2));
  const runsFor = (rows: number) => cli.runs ?? (rows >= 5_000_000 ? 3 : 5);
  const results = await runBench({
    rows: cli.rows,
    runs: runsFor,
    startupRuns: cli.startupRuns,
    workDir: path.resolve('bench/.tmp'),
    build: cli.build,
    views: cli.views,
    log: (line) => console.error(line),
  });
  let demoText = '';
  if (cli.demoRuns > 0) {
    // The demo benchmark (issue 17 items 1 and 2) on the bundle the ingest rounds just used.
    const demo = await benchDemo(
      { runs: cli.demoRuns, dist: path.resolve('bench/.tmp/dist') },
      (line) => console.error(line),
    );
    (results as BenchResults & { demo?: unknown }).demo = demo;
    demoText = formatDemo(demo);
  }
  console.log(report(results));
  if (demoText) console.log(demoText + '\n');
  mkdirSync('bench/results', { recursive: true });
  const file = path.join(
    'bench/results',
    `${results.startedAt.replace(/[:.]/g, '-')}${cli.quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
}
