/** One real DuckDB-WASM engine (Node build) per test file: the same engine the browser runs. */
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';

let shared: Promise<Engine> | null = null;

export function testEngine(): Promise<Engine> {
  shared ??= createNodeEngine();
  return shared;
}

/**
 * The same engine without lazy canonical tables (src/lib/engine/lazyCanonical.ts): every
 * statement passed through as it is, so a file's rows are copied into the canonical tables.
 */
export function copyingEngine(engine: Engine): Engine {
  return {
    query: (s, p) => engine.query(s, p),
    run: (s, o) => engine.run(s, o),
    registerFile: (n, s) => engine.registerFile(n, s),
    dropFile: (p) => engine.dropFile(p),
    version: () => engine.version(),
    close: () => engine.close(),
  };
}
