/**
 * Views only (no build, browser, ingest or memory): `npx tsx bench/lib/viewsOnly.ts [--quick]
 * [--episodes N] [--no-small] [--views id,id]`. Runs the VIEWS section (shipped synthetic data, then the
 * at-scale datasets), prints it and writes bench/results/<timestamp>-views[-quick].json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchViews } from './views';
import { formatScale } from './viewsScale';

async function main() {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--episodes');
  const episodes = i >= 0 ? Number(argv[i + 1]) : undefined;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const load0 = os.loadavg()[0];
  const r = await benchViews((s) => console.error(s), {
    quick,
    episodes,
    small: !argv.includes('--no-small'),
    ids: argv.includes('--views') ? argv[argv.indexOf('--views') + 1].split(',') : undefined,
  });
  const L: string[] = [
    `jsna-notebook views benchmark — ${startedAt} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    `load average (1 min) at start/end: ${load0.toFixed(1)} / ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (above the core count, other work was competing and times are inflated)`,
    '',
  ];
  L.push(
    'VIEWS (shipped synthetic data; view run() only, focal Peterborough; cold = first run, warm = median of 3)',
  );
  if (!r.available) L.push(`  ${r.reason ?? 'views: not yet available'}`);
  for (const v of r.views)
    L.push(
      `  ${v.id.padEnd(16)} ${v.error ? v.error : `cold ${(v.coldMs ?? NaN).toFixed(0)} ms, warm ${(v.warmMs ?? NaN).toFixed(0)} ms`}`,
    );
  L.push('');
  if (r.scale) L.push(formatScale(r.scale));
  console.log(L.join('\n'));
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${startedAt.replace(/[:.]/g, '-')}-views${quick ? '-quick' : ''}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(
      { startedAt, loadAverage: { start: load0, end: os.loadavg()[0] }, views: r },
      null,
      2,
    ),
  );
  console.log(`results written to ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
