/** One real DuckDB-WASM engine (Node build) per test file: the same engine the browser runs. */
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';

let shared: Promise<Engine> | null = null;

export function testEngine(): Promise<Engine> {
  shared ??= createNodeEngine();
  return shared;
}
