/**
 * An independent, exhaustive check for the tests: enumerate every whole-number filling of the
 * suppressed cells (each at least 1, since zeros are never suppressed) that agrees with the
 * visible cells and every row and column equation, and collect the values each cell takes. A
 * cell with only one possible value is a leak. Exponential, so only for small tables.
 */
import {
  SUPPRESSED,
  tableEquations,
  type CellRef,
  type DisclosureTable,
} from '../../../src/lib/export/disclosure.ts';

const id = (r: CellRef): string => `${r.row}:${r.key}`;

export function feasibleValues(
  table: DisclosureTable,
  cap: number,
  maxNodes = 2_000_000,
): Map<string, Set<number>> {
  const equations = tableEquations(table);
  const hidden: CellRef[] = [];
  const seen = new Set<string>();
  for (const eq of equations) {
    for (const ref of [...eq.parts, eq.total]) {
      if (table.rows[ref.row][ref.key] === SUPPRESSED && !seen.has(id(ref))) {
        seen.add(id(ref));
        hidden.push(ref);
      }
    }
  }
  const values = new Map<string, Set<number>>(hidden.map((r) => [id(r), new Set<number>()]));
  const assigned = new Map<string, number>();
  const get = (r: CellRef): number | undefined =>
    table.rows[r.row][r.key] === SUPPRESSED
      ? assigned.get(id(r))
      : Number(table.rows[r.row][r.key]);
  let nodes = 0;
  const consistent = (): boolean => {
    for (const eq of equations) {
      const parts = eq.parts.map(get);
      const total = get(eq.total);
      const known = parts.filter((v): v is number => v !== undefined);
      const sum = known.reduce((a, b) => a + b, 0);
      const missing = parts.length - known.length;
      if (total !== undefined) {
        if (missing === 0 && sum !== total) return false;
        if (sum + missing > total) return false; // each missing part is at least 1
      }
    }
    return true;
  };
  // Each hidden cell is at most its equation's total minus the visible parts.
  const upper = hidden.map((ref) => {
    let bound = cap;
    for (const eq of equations) {
      const total = get(eq.total);
      if (total === undefined || !eq.parts.some((p) => id(p) === id(ref))) continue;
      const visible = eq.parts.map(get).filter((v): v is number => v !== undefined);
      bound = Math.min(bound, total - visible.reduce((a, b) => a + b, 0));
    }
    return bound;
  });
  // Stop as soon as every cell is shown to have two values: that is all a test needs.
  const done = (): boolean => [...values.values()].every((s) => s.size > 1);
  const walk = (i: number): boolean => {
    if (++nodes > maxNodes) throw new Error('brute force too large');
    if (i === hidden.length) {
      for (const r of hidden) values.get(id(r))!.add(assigned.get(id(r))!);
      return done();
    }
    for (let v = 1; v <= upper[i]; v++) {
      assigned.set(id(hidden[i]), v);
      if (consistent() && walk(i + 1)) return true;
    }
    assigned.delete(id(hidden[i]));
    return false;
  };
  walk(0);
  return values;
}
