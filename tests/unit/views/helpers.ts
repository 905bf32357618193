/** Shared test helpers for the views: a ViewContext by hand and table builders over the real engine. */
import type { Engine } from '../../../src/lib/engine/types';
import type { ViewContext } from '../../../src/lib/views/types';

export function context(over: Partial<ViewContext> = {}): ViewContext {
  return {
    focalArea: 'E06000031',
    focalAreaName: 'Peterborough',
    regionCode: 'E12000006',
    regionName: 'East of England',
    comparator: 'custom',
    comparatorCodes: ['E06000031'],
    comparatorLabel: 'A list I choose',
    latestPeriod: null,
    ...over,
  };
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
