/**
 * The rows a view chart draws, for its "Show data table" (WCAG: the data behind every chart one
 * step away). View charts carry their data inline, in the top-level spec or in layers.
 */
import type { Row } from '../engine/types';

export function chartDataRows(spec: unknown): Row[] {
  const found = findValues(spec);
  return found.map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r)) {
      row[k] =
        v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'
          ? v
          : String(v);
    }
    return row;
  });
}

function findValues(node: unknown): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as {
    data?: { values?: unknown };
    layer?: unknown[];
    vconcat?: unknown[];
    hconcat?: unknown[];
  };
  if (Array.isArray(n.data?.values)) return n.data.values as Record<string, unknown>[];
  for (const child of [...(n.layer ?? []), ...(n.vconcat ?? []), ...(n.hconcat ?? [])]) {
    const v = findValues(child);
    if (v.length) return v;
  }
  return [];
}
