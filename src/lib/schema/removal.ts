/**
 * Removing a loaded file from the canonical tables: its rows everywhere (tables it was mapped to,
 * rows it set aside, indicator rows it loaded), the synthetic rows it covered brought back, and
 * aggregates counted from its records counted again from what is left. One sentence says what
 * happened, for the data panel.
 */
import type { Engine } from '../engine/types';
import { refreshDerived } from './derive';
import { removeSource, type RemoveResult } from './provenance';
import type { CanonicalTableName } from './tables';

export interface RemovalSummary extends RemoveResult {
  /** Plain words: "Removed 3 rows from cjs_treatment; 3 synthetic rows are back in cjs_treatment." */
  message: string;
  /** Derivations that could not be counted again (their rows were removed). */
  problems: string[];
}

const RECORD_TABLES = ['treatment_episodes', 'death_records'] as const;

export async function removeLoadedSource(
  engine: Engine,
  sourceId: string,
): Promise<RemovalSummary> {
  const result = await removeSource(engine, sourceId);
  const problems: string[] = [];
  const recounted: string[] = [];
  for (const from of RECORD_TABLES) {
    if (!result.removed[from]) continue;
    const r = await refreshDerived(engine, from);
    problems.push(...r.problems);
    recounted.push(...r.results.map((x) => x.table));
  }
  const list = (counts: Partial<Record<CanonicalTableName, number>>) =>
    Object.entries(counts)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([t, n]) => `${(n ?? 0).toLocaleString('en-GB')} row${n === 1 ? '' : 's'} from ${t}`);
  const removed = list(result.removed);
  const restored = list(result.restored);
  const parts: string[] = [];
  if (removed.length) parts.push(`Removed ${removed.join(', ')}.`);
  if (restored.length)
    parts.push(`The synthetic rows it replaced are back: ${restored.join(', ')}.`);
  if (recounted.length) parts.push(`Counted ${recounted.join(', ')} again from the records left.`);
  parts.push(...problems);
  return { ...result, problems, message: parts.join(' ') };
}
