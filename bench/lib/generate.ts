/**
 * Deterministic synthetic treatment-episode CSV, streamed to disk. Shaped like record-level
 * NDTMS-style extracts: one row per episode, text dates (dd/mm/yyyy), quoted cells with commas,
 * blanks for open episodes and suppressed numeric cells ("*", "[c]").
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** Bump when the shape changes, so cached files are regenerated. */
export const GENERATOR_VERSION = 1;

export const EPISODE_COLUMNS = [
  'client_id',
  'area_code',
  'age',
  'sex',
  'substances',
  'referral_source',
  'start_date',
  'discharge_date',
  'discharge_reason',
  'weekly_units',
] as const;

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same file on any machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = Array.from({ length: 150 }, (_, i) =>
  i < 60
    ? `E06${String(i + 1).padStart(6, '0')}`
    : i < 96
      ? `E08${String(i - 59).padStart(6, '0')}`
      : i < 117
        ? `E10${String(i - 95).padStart(6, '0')}`
        : `E09${String(i - 116).padStart(6, '0')}`,
);
const SUBSTANCES = [
  'Opiate and crack',
  'Opiate only',
  'Non-opiate only',
  'Alcohol only',
  '"Non-opiate, and alcohol"',
  '"Cannabis, alcohol"',
  'Crack only',
];
const REFERRALS = ['Self', 'GP', 'Criminal justice', 'Hospital', 'Social services', 'Other'];
const REASONS = [
  'Completed - drug free',
  'Completed - alcohol free',
  'Dropped out',
  'Transferred - not in custody',
  'Treatment declined',
  'Died',
];

function ukDate(dayNumber: number): string {
  const d = new Date(Date.UTC(2015, 0, 1) + dayNumber * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

export interface GeneratedFile {
  path: string;
  rows: number;
  bytes: number;
  /** Suppressed cells ("*" or "[c]") written in weekly_units, to check the load counted them. */
  suppressed: number;
  reused: boolean;
  seconds: number;
}

/** Writes `rows` episodes to `dir`, or reuses a file made earlier by the same generator version. */
/**
 * A two-line file no canonical table takes, loaded before a timed load to start the engine.
 * Not episodes: their rows would make the timed file the second source of treatment_episodes,
 * which is copied and checked against the first (a later load's cost, not a first file's).
 */
export function warmUpFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'warm_up.csv');
  writeFileSync(file, 'label,value\nwarm-up,1\n');
  return file;
}

export async function generateEpisodes(
  dir: string,
  rows: number,
  seed = 20260701,
): Promise<GeneratedFile> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `episodes_${rows}_v${GENERATOR_VERSION}_s${seed}.csv`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { bytes: number; suppressed: number };
    if (statSync(file).size === m.bytes)
      return {
        path: file,
        rows,
        bytes: m.bytes,
        suppressed: m.suppressed,
        reused: true,
        seconds: 0,
      };
  }
  const t0 = performance.now();
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const out = createWriteStream(file);
  let suppressed = 0;
  out.write(EPISODE_COLUMNS.join(',') + '\n');
  const CHUNK = 20_000;
  for (let start = 0; start < rows; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) {
      const startDay = Math.floor(rnd() * 3650);
      const open = rnd() < 0.3;
      const r = rnd();
      let units: string;
      if (r < 0.01) {
        units = '*';
        suppressed++;
      } else if (r < 0.02) {
        units = '[c]';
        suppressed++;
      } else if (r < 0.05) units = '';
      else units = (rnd() * 120).toFixed(1);
      lines.push(
        [
          `C${String(1 + Math.floor(rnd() * 99_999_999)).padStart(8, '0')}`,
          pick(AREAS),
          String(18 + Math.floor(rnd() * 68)),
          rnd() < 0.6 ? 'M' : rnd() < 0.98 ? 'F' : '',
          pick(SUBSTANCES),
          pick(REFERRALS),
          ukDate(startDay),
          open ? '' : ukDate(startDay + 7 + Math.floor(rnd() * 700)),
          open ? '' : pick(REASONS),
          units,
        ].join(','),
      );
    }
    if (!out.write(lines.join('\n') + '\n'))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  const bytes = statSync(file).size;
  writeFileSync(
    meta,
    JSON.stringify({ rows, bytes, suppressed, seed, version: GENERATOR_VERSION }),
  );
  return {
    path: file,
    rows,
    bytes,
    suppressed,
    reused: false,
    seconds: (performance.now() - t0) / 1000,
  };
}
