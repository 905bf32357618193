/** Shared test helpers for the views: a ViewContext by hand and table builders over the real engine. */
import type { Engine } from '../../../src/lib/engine/types';
import {
  buildViewEnvironment,
  resolveViewContext,
  runView,
  type ViewContext,
  type ViewId,
  type ViewParams,
  type ViewResult,
} from '../../../src/lib/views';

/** The resolved parameters of a ViewContext, by hand (the environment is read from the engine). */
export type ContextFields = Omit<
  ViewContext,
  'engine' | 'catalog' | 'areas' | 'provenance' | 'readOnce'
>;

export function context(over: Partial<ContextFields> = {}): ContextFields {
  return {
    focalArea: 'E06000031',
    focalAreaName: 'Peterborough',
    regionCode: 'E12000006',
    regionName: 'East of England',
    comparator: 'custom',
    comparatorCodes: ['E06000031'],
    comparatorLabel: 'A list I choose',
    latestPeriod: null,
    computedIndicators: [],
    notes: [],
    ...over,
  };
}

/** Runs a view on the engine's current tables with hand-made parameters. */
export async function runViewOn(
  engine: Engine,
  id: ViewId,
  fields: Partial<ContextFields> = {},
  options: Record<string, string> = {},
): Promise<ViewResult> {
  const env = await buildViewEnvironment(engine);
  return runView(id, { ...env, ...context(fields) }, options);
}

/** Resolves notebook parameters the way the app does, on the engine's current tables. */
export async function contextFor(engine: Engine, params: ViewParams): Promise<ViewContext> {
  return resolveViewContext(await buildViewEnvironment(engine), params);
}

/** Runs statements one by one (DROP/CREATE/INSERT). */
export async function exec(engine: Engine, ...statements: string[]): Promise<void> {
  for (const s of statements) await engine.query(s);
}

export async function dropAll(engine: Engine): Promise<void> {
  const r = await engine.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`,
  );
  for (const row of r.toRows())
    await engine.query(`DROP TABLE IF EXISTS "${String(row.table_name)}"`);
}
