/** Shared inputs for the synthetic-data tests: the real shipped files in datasets/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOOKUP_FILE,
  POPULATION_FILES,
  buildSyntheticInputs,
  type PopulationRow,
  type SyntheticArea,
} from '../../../src/lib/synthetic/index';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DATASETS = join(ROOT, 'datasets');
export const FOCAL = 'E06000031'; // Peterborough
export const SEED = 2024;

export function readDataset(name: string): string {
  return readFileSync(join(DATASETS, name), 'utf8');
}

let cached: { areas: SyntheticArea[]; population: PopulationRow[] } | null = null;
export function inputs(): { areas: SyntheticArea[]; population: PopulationRow[] } {
  if (!cached) {
    cached = buildSyntheticInputs({
      lookupCsv: readDataset(LOOKUP_FILE),
      populationCsvs: POPULATION_FILES.map(readDataset),
    });
  }
  return cached;
}

/** Canonical table contract parsed from docs/canonical-tables.md. */
export function canonicalContract(): Map<string, { required: string[]; optional: string[] }> {
  const md = readFileSync(join(ROOT, 'docs', 'canonical-tables.md'), 'utf8');
  const out = new Map<string, { required: string[]; optional: string[] }>();
  for (const line of md.split('\n')) {
    const m = /^\|\s*`([a-z_]+)`\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (!m) continue;
    const [, table, spec] = m;
    // Split on commas at depth 0 (outside brackets and parentheses).
    const items: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of spec) {
      if (ch === '(' || ch === '[') depth++;
      if (ch === ')' || ch === ']') depth--;
      if (ch === ',' && depth === 0) {
        items.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    if (cur.trim()) items.push(cur.trim());
    const required: string[] = [];
    const optional: string[] = [];
    for (const item of items) {
      const opt = item.startsWith('[');
      const name = /^\[?\s*([a-z_0-9]+)/.exec(item)?.[1];
      if (!name) continue;
      (opt ? optional : required).push(name);
    }
    out.set(table, { required, optional });
  }
  return out;
}
