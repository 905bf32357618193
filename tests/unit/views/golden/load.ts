/**
 * Loads the demo's files into a Node engine the way the app does (loadCsv → recognise → apply),
 * and runs a view into a plain, stable JSON shape for the golden snapshots. The only code here
 * that knows the views' API: when that API changes, this adapter changes, the snapshots do not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../../../src/lib/engine/types';
import { quoteIdent } from '../../../../src/lib/engine/sql';
import { loadCsv } from '../../../../src/lib/ingest/csv';
import { applyMapping } from '../../../../src/lib/schema/apply';
import { CONFIDENT, recogniseTable } from '../../../../src/lib/schema/recognise';
import {
  buildViewEnvironment,
  isViewId,
  resolveViewContext,
  runView,
  viewOptions,
  type ViewParams,
} from '../../../../src/lib/views';
import { chartDataRows } from '../../../../src/lib/views/chartData';

export type GoldenParams = ViewParams;

const ROOT = path.resolve(__dirname, '../../../..');

/** The demo's files in the app's load order (src/app/demo.ts), plus the synthetic death records. */
export const GOLDEN_FILES = [
  'datasets/derived_england_ltla_utla_region_lookup_2023plus.csv',
  'datasets/esp2013_standard_population_19band.csv',
  'datasets/derived_canonical_population_la2023_2019_2021.csv',
  'datasets/derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
  'datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
  'datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv',
  'datasets/synthetic/prevalence.csv',
  'datasets/synthetic/treatment.csv',
  'datasets/synthetic/cjs_treatment.csv',
  'datasets/synthetic/continuity_of_care.csv',
  'datasets/synthetic/deaths.csv',
  'datasets/synthetic/death_records.csv',
];

export async function loadFileLikeApp(engine: Engine, file: string, index: number): Promise<void> {
  const fileName = path.basename(file);
  const raw = `raw_${index}`;
  await loadCsv(engine, {
    fileName,
    source: { kind: 'bytes', bytes: new Uint8Array(readFileSync(path.join(ROOT, file))) },
    tableName: raw,
  });
  const proposal = await recogniseTable(engine, raw, fileName);
  if (!proposal.mapping || proposal.confidence < CONFIDENT)
    throw new Error(`${fileName} was not recognised: ${proposal.explanation}`);
  await applyMapping(engine, raw, proposal);
  await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
}

export async function loadDemoLikeApp(engine: Engine, extra: string[] = []): Promise<void> {
  for (const [i, f] of [...GOLDEN_FILES, ...extra].entries()) await loadFileLikeApp(engine, f, i);
}

/** Numbers to 12 significant digits: a refactor may reorder a sum, not change a figure. */
function stable(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isFinite(value) ? Number(value.toPrecision(12)) : String(value);
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, stable(v)]),
    );
  return value;
}

/**
 * Runs one view as the notebook does. For la-comparison, the drug-deaths view runs first with the
 * same parameters and its indicators are offered for comparison (as the demo notebook does).
 */
export async function runViewForGolden(
  engine: Engine,
  viewId: string,
  params: ViewParams,
  options: Record<string, string>,
): Promise<unknown> {
  if (!isViewId(viewId)) throw new Error(viewId);
  try {
    const env = await buildViewEnvironment(engine);
    let ctx = resolveViewContext(env, params);
    const opts = { ...options };
    if (viewId === 'la-comparison') {
      if (opts.indicator === 'first') {
        const choices = (await viewOptions(ctx, 'la-comparison')).find(
          (o) => o.key === 'indicator',
        )!.choices;
        opts.indicator = choices[0].value;
      }
      const deaths = await runView('drug-deaths', ctx, { source: 'published' });
      // In memory, as the notebook hands them over: nothing is written to the database.
      ctx = resolveViewContext(env, params, deaths.indicators);
    }
    const r = await runView(viewId, ctx, opts);
    return stable({
      context: {
        focalArea: ctx.focalArea,
        focalAreaName: ctx.focalAreaName,
        regionCode: ctx.regionCode,
        regionName: ctx.regionName,
        comparator: ctx.comparator,
        comparatorCodes: ctx.comparatorCodes,
        comparatorLabel: ctx.comparatorLabel,
        latestPeriod: ctx.latestPeriod,
      },
      options: opts,
      synthetic: r.synthetic,
      methodNote: r.methodNote,
      notes: r.notes,
      indicators: r.indicators,
      tables: r.tables.map((t) => ({
        caption: t.caption,
        columns: t.columns.map((c) => `${c.key}: ${c.label} (${c.format ?? ''})`),
        rows: t.rows,
        structure: {
          rowTotalKey: t.rowTotalKey,
          totalRowIndex: t.totalRowIndex,
          partRows: t.partRows,
          mirrorRows: t.mirrorRows,
        },
      })),
      charts: r.charts.map((c) => ({
        title: c.title,
        description: c.description,
        data: chartDataRows(c.spec),
      })),
    });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
