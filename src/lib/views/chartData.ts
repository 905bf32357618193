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

/**
 * A copy of a spec with every inline data array (top level, layers, concatenations) passed
 * through `map`: how an exported chart gets the disclosed rows instead of the drawn ones.
 */
export function mapInlineData<T>(
  spec: T,
  map: (values: Record<string, unknown>[]) => Record<string, unknown>[],
): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (
        k === 'data' &&
        v &&
        typeof v === 'object' &&
        Array.isArray((v as { values?: unknown }).values)
      )
        out[k] = { ...v, values: map((v as { values: Record<string, unknown>[] }).values) };
      else if (
        k === 'layer' ||
        k === 'vconcat' ||
        k === 'hconcat' ||
        k === 'concat' ||
        k === 'spec'
      )
        out[k] = walk(v);
      else out[k] = v;
    }
    return out;
  };
  return walk(spec) as T;
}
