/**
 * VIEWS section: times each prebuilt view's run() in Node on the wasm engine (the engine the
 * browser runs), cold (first run after loading) and warm (median of the next runs).
 *
 * The views registry (src/lib/views/index.ts exporting VIEWS) is being built alongside this
 * benchmark, so it is imported dynamically and loosely typed: when it is missing, the section
 * reports 'views: not yet available' instead of failing the run.
 *
 * Data: the SYNTHETIC files in datasets/synthetic (already canonical tables) plus the real
 * reference files in datasets/, each loaded through loadCsv and, when recogniseTable() is
 * confident, put into canonical tables with applyMapping() — the app's own path.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchViewsAtScale, formatScale, type ScaleResult } from './viewsScale';

export interface ViewTiming {
  id: string;
  title: string;
  coldMs: number | null;
  warmMs: number | null;
  error?: string;
}

export interface ViewsResult {
  available: boolean;
  reason?: string;
  views: ViewTiming[];
  tables?: string[];
  /** Recompute-on-focal-area-change timings at national scale and on record-level episodes. */
  scale?: ScaleResult;
}

export interface ViewsOptions {
  /** Small grid (~20 areas × 3 years, 50,000 episodes); default: `--quick` on the command line. */
  quick?: boolean;
  /** Record-level episodes for the unmet-need run (default 1,000,000; quick 50,000). */
  episodes?: number;
  /** Only these views at scale (default: all). */
  ids?: string[];
  /** Also time the views on the shipped synthetic data (the original figures); default true. */
  small?: boolean;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WARM_RUNS = 3;

interface LooseView {
  id: string;
  title?: string;
}

/** The part of src/lib/views/index.ts the benchmark calls (loosely typed: imported by URL). */
export interface ViewsApi {
  buildViewEnvironment(engine: unknown): Promise<unknown>;
  resolveViewContext(env: unknown, params: Record<string, unknown>, computed?: unknown[]): unknown;
  viewOptions(ctx: unknown, id: string): Promise<{ key: string; default: string }[]>;
  runView(id: string, ctx: unknown, options: Record<string, string>): Promise<unknown>;
}

// Imported by URL so the type-checker does not require modules that may not exist yet.
const load = (rel: string) => import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, rel)).href);

export async function benchViews(
  log: (s: string) => void,
  opts: ViewsOptions = {},
): Promise<ViewsResult> {
  const small: ViewsResult =
    opts.small === false ? { available: true, views: [] } : await benchViewsSmall(log);
  if (!small.available) return small;
  const quick = opts.quick ?? process.argv.includes('--quick');
  try {
    small.scale = await benchViewsAtScale(log, { quick, episodes: opts.episodes, ids: opts.ids });
    // run.ts prints only `views`; the at-scale table goes to the log (stderr) as well.
    log(formatScale(small.scale));
  } catch (e) {
    log(`views at scale failed: ${String(e).split('\n')[0]}`);
    small.scale = {
      quick,
      targetMs: 150,
      tables: {},
      buildSeconds: {},
      timings: [],
      error: String(e).split('\n')[0],
    };
  }
  return small;
}

/** The original figures: each view's run() on the shipped synthetic data, focal Peterborough. */
async function benchViewsSmall(log: (s: string) => void): Promise<ViewsResult> {
  const index = path.join(ROOT, 'src/lib/views/index.ts');
  if (!existsSync(index))
    return { available: false, reason: 'views: not yet available', views: [] };
  let registry: unknown;
  try {
    registry = ((await load('src/lib/views/index.ts')) as { VIEWS?: unknown }).VIEWS;
  } catch (e) {
    return {
      available: false,
      reason: `views: index.ts did not import (${String(e).split('\n')[0]})`,
      views: [],
    };
  }
  if (!registry)
    return { available: false, reason: 'views: not yet available (no VIEWS export)', views: [] };
  const list: LooseView[] = Array.isArray(registry)
    ? registry
    : Object.values(registry as Record<string, LooseView>);

  log('views ...');
  const { createNodeEngine } = await load('src/lib/engine/node.ts');
  const { loadCsv } = await load('src/lib/ingest/csv.ts');
  const engine = await createNodeEngine();
  const tables: string[] = [];
  try {
    const { readFileSync } = await import('node:fs');
    let recognise: { recogniseTable: Function; CONFIDENT: number } | null = null;
    let apply: { applyMapping: Function } | null = null;
    try {
      recognise = await load('src/lib/schema/recognise.ts');
      apply = await load('src/lib/schema/apply.ts');
    } catch {
      /* schema layer not importable: files stay as loaded */
    }
    // Every file goes in under a raw name and is mapped into the canonical tables, as in the app
    // (loading synthetic deaths.csv straight into "deaths" would give it the raw file's types).
    const synthetic = path.join(ROOT, 'datasets/synthetic');
    const files = [
      ...(existsSync(synthetic)
        ? readdirSync(synthetic).filter((n) => n.endsWith('.csv'))
        : []
      ).map((f) => path.join(synthetic, f)),
      ...readdirSync(path.join(ROOT, 'datasets'))
        .filter((n) => n.endsWith('.csv') && !/18band|ons_mye20|annual_counts|sdg_3-5-1/.test(n))
        .map((f) => path.join(ROOT, 'datasets', f)),
    ];
    for (const [i, file] of files.entries()) {
      const raw = `raw_${i}`;
      const f = path.basename(file);
      try {
        await loadCsv(engine, {
          fileName: f,
          source: { kind: 'bytes', bytes: readFileSync(file) },
          tableName: raw,
        });
        if (recognise && apply) {
          const p = (await recognise.recogniseTable(engine, raw, f)) as {
            confidence: number;
            mapping: unknown;
            produces?: string[];
          };
          if (p.mapping && p.confidence >= recognise.CONFIDENT) {
            await apply.applyMapping(engine, raw, p);
            tables.push(...(p.produces ?? []));
          }
        }
      } catch (e) {
        log(`  (could not prepare ${f}: ${String(e).split('\n')[0]})`);
      }
    }
    // The views' API (src/lib/views/index.ts): one environment per change of tables, a context
    // resolved over it, runView(id, ctx, options) checking requirements and options.
    const views = (await load('src/lib/views/index.ts')) as ViewsApi;
    const env = await views.buildViewEnvironment(engine);
    const ctx = views.resolveViewContext(env, {
      focalArea: 'E06000031', // Peterborough, the synthetic data's focal area
      comparator: 'region',
      customComparators: [],
      latestPeriod: null,
    });
    const existing = new Set(
      (
        (await engine.query('SELECT table_name FROM duckdb_tables() ORDER BY 1')) as {
          toRows(): { table_name: string }[];
        }
      )
        .toRows()
        .map((r) => String(r.table_name)),
    );
    const out: ViewTiming[] = [];
    for (const v of list) {
      try {
        const options = Object.fromEntries(
          (await views.viewOptions(ctx, v.id)).map((o) => [o.key, o.default]),
        );
        let t = performance.now();
        await views.runView(v.id, ctx, options);
        const coldMs = performance.now() - t;
        const warm: number[] = [];
        for (let i = 0; i < WARM_RUNS; i++) {
          t = performance.now();
          await views.runView(v.id, ctx, options);
          warm.push(performance.now() - t);
        }
        warm.sort((a, b) => a - b);
        out.push({
          id: v.id,
          title: v.title ?? v.id,
          coldMs,
          warmMs: warm[Math.floor(warm.length / 2)],
        });
      } catch (e) {
        out.push({
          id: v.id,
          title: v.title ?? v.id,
          coldMs: null,
          warmMs: null,
          error: String(e).split('\n')[0],
        });
      }
    }
    return { available: true, views: out, tables: [...existing] };
  } finally {
    await engine.close();
  }
}
