/** What the view-level group tests share: the Humberside footprint and reading a shipped file. */
import { readFileSync } from 'node:fs';
import type { Engine } from '../../../src/lib/engine/types';
import type { AreaGroup } from '../../../src/lib/domain/areas';

export const HUMBERSIDE: AreaGroup = {
  code: 'GROUP:Humberside',
  name: 'Humberside',
  members: ['E06000010', 'E06000011', 'E06000012', 'E06000013'],
};

/** Humberside's member codes as a SQL list: 'E06000010','E06000011',... */
export const MEMBERS = HUMBERSIDE.members.map((m) => `'${m}'`).join(',');

/** Registers a file of the repository (e.g. datasets/...) with the engine under `name`. */
export async function register(engine: Engine, file: string, name: string): Promise<string> {
  return engine.registerFile(name, { kind: 'bytes', bytes: new Uint8Array(readFileSync(file)) });
}
