/**
 * The ingest benchmark on its own (issue 17 item 3; no demo, no views in Node):
 *
 *   npx tsx bench/lib/ingestOnly.ts [--rows 1000000,5000000] [--runs N] [--work-dir DIR] [--no-build]
 *
 * Same rounds as `npm run bench` (native DuckDB 1 thread, default threads, the app's loadCsv() on
 * native, PapaParse, the built app in Chromium until its table card and until "Loaded"), with one
 * start-up run. `--work-dir` (default bench/.tmp) keeps its own build and data, so a run does not
 * replace the build another run is measuring. Prints the report of `npm run bench` and writes
 * bench/results/<timestamp>-ingest.json with the load average.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBench } from '../harness';
import { report } from '../run';

async function main() {
  const argv = process.argv.slice(2);
  let rows = [1_000_000, 5_000_000];
  let runs: number | null = null;
  let workDir = path.resolve('bench/.tmp');
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rows')
      rows = value()
        .split(',')
        .map((x) => Number(x.replace(/[_,]/g, '')));
    else if (a === '--runs') runs = Number(value());
    else if (a === '--work-dir') workDir = path.resolve(value());
    else if (a === '--no-build') build = false;
    else throw new Error(`unknown option ${a}`);
  }
  const results = await runBench({
    rows,
    runs: (n) => runs ?? (n >= 5_000_000 ? 3 : 5),
    startupRuns: 1,
    workDir,
    build,
    views: false,
    log: (line) => console.error(line),
  });
  console.log(report(results));
  mkdirSync('bench/results', { recursive: true });
  const file = path.join('bench/results', `${results.startedAt.replace(/[:.]/g, '-')}-ingest.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${file}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
