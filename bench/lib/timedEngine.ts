/**
 * An Engine that records every statement it runs, how long it took and where the caller said it
 * was (`where` is read at the moment of each call: set its fields as the work moves on), for the
 * profiling scripts (demoProfile, demoPrebuiltProfile, ingestProfile).
 */
import type { Engine } from '../../src/lib/engine/types';

export type TimedCall<W> = W & { sql: string; ms: number };

/** Statements are shown on one line, cut to SQL_WIDTH characters (default `width`). */
export function timedEngine<W extends object>(
  engine: Engine,
  calls: TimedCall<W>[],
  where: W,
  width = 120,
): Engine {
  const cut = Number(process.env.SQL_WIDTH ?? width);
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(...a);
      } finally {
        calls.push({
          ...where,
          sql: String(a[0]).replace(/\s+/g, ' ').slice(0, cut),
          ms: performance.now() - t,
        });
      }
    };
  return {
    ...engine,
    query: wrap(engine.query.bind(engine)),
    run: wrap(engine.run.bind(engine)),
    insertArrowIPC: engine.insertArrowIPC ? wrap(engine.insertArrowIPC.bind(engine)) : undefined,
    registerFile: engine.registerFile.bind(engine),
    dropFile: engine.dropFile.bind(engine),
    version: engine.version.bind(engine),
    close: engine.close.bind(engine),
  };
}

/** Runs `fn` as the named phase: sets `where.phase` for the statements and reports its time. */
export function phaseRunner(
  where: { phase: string },
  record: (phase: string, ms: number) => void,
): <T>(phase: string, fn: () => Promise<T>) => Promise<T> {
  return async (phase, fn) => {
    where.phase = phase;
    const t = performance.now();
    try {
      return await fn();
    } finally {
      record(phase, performance.now() - t);
    }
  };
}
