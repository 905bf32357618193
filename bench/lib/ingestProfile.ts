/**
 * Where loading a big record-level file spends its time after the read, statement by statement,
 * in Node on the wasm engine the browser runs: the app's sequence for one file (loadCsv →
 * recogniseTable → applyMapping, then after "Loaded" the area-code notes and checkTable, as
 * src/app/mapping.svelte.ts does), every engine call timed and attributed to its phase.
 *
 *   npx tsx bench/lib/ingestProfile.ts <file.csv> [--top N]
 */
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../../src/lib/engine/node';
import { phaseRunner, timedEngine, type TimedCall } from './timedEngine';
import { loadCsv } from '../../src/lib/ingest/csv';
import { applyMapping } from '../../src/lib/schema/apply';
import { checkTable } from '../../src/lib/schema/checks';
import { CONFIDENT, recogniseTable } from '../../src/lib/schema/recognise';

export async function profileIngest(file: string, top = 15): Promise<string> {
  const load0 = os.loadavg()[0];
  const base = await createNodeEngine();
  const where = { phase: '' };
  const calls: TimedCall<typeof where>[] = [];
  const engine = timedEngine(base, calls, where, 120);
  const phaseMs: Record<string, number> = {};
  const step = phaseRunner(where, (phase, ms) => (phaseMs[phase] = (phaseMs[phase] ?? 0) + ms));
  const name = path.basename(file);
  const bytes = new Uint8Array(readFileSync(file));
  const raw = 'episodes';
  const loaded = await step('load (loadCsv)', () =>
    loadCsv(engine, { fileName: name, source: { kind: 'bytes', bytes }, tableName: raw }),
  );
  const proposal = await step('recognise', () => recogniseTable(engine, raw, name));
  let produced: string[] = [];
  let areaNotes: (() => Promise<string[]>) | undefined;
  if (proposal.mapping && proposal.confidence >= CONFIDENT) {
    const r = await step('apply mapping', () =>
      applyMapping(engine, raw, proposal, undefined, { areaNotesLater: true }),
    );
    produced = Object.keys(r.rowsAdded);
    areaNotes = r.areaNotes;
  }
  // After "Loaded" in the app: the area-code notes, then the checks.
  if (areaNotes) await step('notes (after)', areaNotes);
  for (const t of produced) await step('checks (after)', () => checkTable(engine, t as never));
  await base.close();
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const L = [
    `INGEST PROFILE ${name} (${loaded.rows.toLocaleString('en-GB')} rows; Node, wasm engine; load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)})`,
    `  recognised as ${proposal.canonical ?? 'nothing'} (${proposal.knownFormat ?? 'by headers'}); produced ${produced.join(', ') || 'nothing'}`,
    '  by phase (s):',
    ...Object.entries(phaseMs).map(
      ([p, ms]) =>
        `    ${s(ms).padStart(6)}  ${p}  (${calls.filter((c) => c.phase === p).length} engine calls)`,
    ),
    `  costliest statements (of ${calls.length}):`,
    ...[...calls]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((c) => `    ${c.ms.toFixed(0).padStart(6)} ms  ${c.phase.padEnd(15)} ${c.sql}`),
  ];
  return L.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx bench/lib/ingestProfile.ts <file.csv> [--top N]');
  const i = process.argv.indexOf('--top');
  console.log(await profileIngest(path.resolve(file), i > 0 ? Number(process.argv[i + 1]) : 15));
}
