/**
 * Ingest A/B on a shared machine: two builds of the app (say, HEAD and the working tree) load
 * the same file in the same rounds, each round also timing native DuckDB (1 thread, the
 * baseline statement of lib/native.ts), so both builds' ratios are paired with the same moment's
 * baseline. Per build: ingest (until the table card) and "Loaded" (until the status line says
 * so), medians of the per-round figures, and the 1-minute load average each round.
 *
 *   npx tsx bench/lib/ingestAB.ts --a DIST_A --b DIST_B --file CSV [--rounds N] [--rows N]
 */
import os from 'node:os';
import { stat } from '../harness';
import { launch, loadFile, openApp, serveDist } from './browser';
import { warmUpFile } from './generate';
import { nativeReadCsv } from './native';

interface Side {
  name: string;
  dist: string;
  ingest: number[];
  loaded: number[];
  ratio: number[];
  steps: Record<string, number[]>;
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback?: string) => {
    const i = argv.indexOf(name);
    const v = i >= 0 ? argv[i + 1] : fallback;
    if (v === undefined) throw new Error(`${name} is needed`);
    return v;
  };
  const rounds = Number(arg('--rounds', '3'));
  const file = arg('--file');
  const rows = Number(arg('--rows'));
  const warmUp = warmUpFile(arg('--tiny-dir', '/tmp/bench-ingest-tiny'));
  const sides: Side[] = [
    { name: 'A', dist: arg('--a'), ingest: [], loaded: [], ratio: [], steps: {} },
    { name: 'B', dist: arg('--b'), ingest: [], loaded: [], ratio: [], steps: {} },
  ];
  const servers = await Promise.all(sides.map((s) => serveDist(s.dist)));
  const browser = await launch();
  const native: number[] = [];
  const loads: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const n1 = await nativeReadCsv(file, 1);
      if (n1.rows !== rows) throw new Error(`native read ${n1.rows} rows, expected ${rows}`);
      native.push(n1.seconds);
      loads.push(os.loadavg()[0]);
      // Alternate which build goes first, so neither always follows the native read.
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) {
        const side = sides[k];
        const app = await openApp(browser, servers[k].url);
        try {
          await loadFile(app.page, warmUp, 120_000);
          const m = await loadFile(app.page, file, 30 * 60_000);
          if (!m.cardText.includes(`${rows.toLocaleString('en-GB')} rows`))
            throw new Error(`${side.name}: the table card says "${m.cardText}"`);
          side.ingest.push(m.ms / 1000);
          side.loaded.push(m.statusMs / 1000);
          side.ratio.push(m.ms / 1000 / n1.seconds);
          for (const [i, s] of m.steps.entries()) {
            const end = m.steps[i + 1]?.atMs ?? m.statusMs;
            (side.steps[s.step] ??= []).push((end - s.atMs) / 1000);
          }
          console.error(
            `round ${r + 1} ${side.name}: ingest ${(m.ms / 1000).toFixed(2)} s (${(m.ms / 1000 / n1.seconds).toFixed(2)}× native ${n1.seconds.toFixed(2)} s), Loaded ${(m.statusMs / 1000).toFixed(2)} s; load average ${os.loadavg()[0].toFixed(1)}`,
          );
        } finally {
          await app.close().catch(() => undefined);
        }
      }
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  const f = (x: number) => x.toFixed(2);
  console.log(
    `INGEST A/B ${rows.toLocaleString('en-GB')} rows, ${rounds} rounds; native 1 thread median ${f(stat(native).median)} s; load average per round ${loads.map((l) => l.toFixed(1)).join(', ')}`,
  );
  for (const s of sides) {
    const ingest = stat(s.ingest).median;
    const loaded = stat(s.loaded).median;
    console.log(
      `  ${s.name} (${s.dist}): ingest ${f(ingest)} s, ${f(stat(s.ratio).median)}× native (median of paired rounds; ${s.ratio.map(f).join(', ')}); Loaded ${f(loaded)} s = ${f(loaded / ingest)}× ingest`,
    );
    console.log(
      `    steps (median s): ${Object.entries(s.steps)
        .map(([k, v]) => `${k} ${f(stat(v).median)}`)
        .join('; ')}`,
    );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
