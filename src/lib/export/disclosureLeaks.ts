/**
 * The attacker's view of a suppressed table: given the visible cells and the equations the
 * table states (rows add to row totals, columns to column totals), which suppressed cells can be
 * worked out exactly? `applyDisclosure` keeps suppressing until this finds nothing, and the tests
 * (unit and e2e) run it on exported tables as an independent proof.
 *
 * Three attacks are tried:
 * - 'equation': one equation with a single unknown (total minus the visible cells);
 * - 'system': a combination of equations (Gaussian elimination: a cell is determined exactly when
 *   its unit vector lies in the row space of the equations over the unknowns);
 * - 'bounds': an equation whose k suppressed parts add up to exactly k. Zeros are never
 *   suppressed, so every suppressed cell is at least 1, and all k must be 1.
 * Rounded tables do not add up exactly, so audit the table before rounding.
 */
import {
  cellId,
  isSuppressedValue,
  numericValue,
  tableEquations,
  type CellRef,
  type DisclosureTable,
  type TableEquation,
} from './disclosureTable.ts';

export type LeakReason = 'equation' | 'system' | 'bounds';

export interface DisclosureLeak extends CellRef {
  /** The value an attacker recovers (what the published equations imply). */
  value: number;
  reason: LeakReason;
  /** Which equation(s) give it away, in words. */
  via: string;
}

/** How the audit sees a cell: unknown to the reader, and if unknown whether it is a '*'. */
export interface CellView {
  unknown(ref: CellRef): boolean;
  /** Unknown because suppressed (so known to be non-zero), not merely blank. */
  suppressed(ref: CellRef): boolean;
  /** The visible value (only asked for cells that are not unknown). */
  value(ref: CellRef): number;
}

const EPS = 1e-9;

/** Audits equations against a view of the cells; see the module comment for the attacks. */
export function auditEquations(equations: TableEquation[], view: CellView): DisclosureLeak[] {
  const leaks = new Map<string, DisclosureLeak>();
  const add = (leak: DisclosureLeak): void => {
    if (view.suppressed(leak) && !leaks.has(cellId(leak))) leaks.set(cellId(leak), leak);
  };

  // Each equation as coefficients: parts +1, total -1; sum(coef * cell) = 0.
  const terms = equations.map((eq) => [
    ...eq.parts.map((ref) => ({ ref, coef: 1 })),
    { ref: eq.total, coef: -1 },
  ]);

  // Attack 1: single-unknown equations.
  terms.forEach((eqTerms, i) => {
    const unknowns = eqTerms.filter((t) => view.unknown(t.ref));
    if (unknowns.length !== 1) return;
    const [u] = unknowns;
    const known = eqTerms.filter((t) => !view.unknown(t.ref));
    const rest = known.reduce((sum, t) => sum + t.coef * view.value(t.ref), 0);
    add({ ...u.ref, value: -rest / u.coef, reason: 'equation', via: equations[i].label });
  });

  // Attack 2: the whole linear system.
  const index = new Map<string, number>();
  const refs: CellRef[] = [];
  for (const eqTerms of terms) {
    for (const t of eqTerms) {
      if (view.unknown(t.ref) && !index.has(cellId(t.ref))) {
        index.set(cellId(t.ref), refs.length);
        refs.push(t.ref);
      }
    }
  }
  if (refs.length > 0) {
    const n = refs.length;
    const matrix: number[][] = [];
    for (const eqTerms of terms) {
      const row = new Array<number>(n + 1).fill(0);
      let any = false;
      for (const t of eqTerms) {
        if (view.unknown(t.ref)) {
          row[index.get(cellId(t.ref))!] += t.coef;
          any = true;
        } else {
          row[n] -= t.coef * view.value(t.ref);
        }
      }
      if (any) matrix.push(row);
    }
    for (const { col, value } of determinedUnknowns(matrix, n)) {
      add({ ...refs[col], value, reason: 'system', via: 'a combination of row and column totals' });
    }
  }

  // Attack 3: suppressed parts that can only all be 1.
  equations.forEach((eq) => {
    if (view.unknown(eq.total)) return;
    const hidden = eq.parts.filter((p) => view.unknown(p));
    if (hidden.length < 2 || !hidden.every((p) => view.suppressed(p))) return;
    const visibleSum = eq.parts
      .filter((p) => !view.unknown(p))
      .reduce((sum, p) => sum + view.value(p), 0);
    const remainder = view.value(eq.total) - visibleSum;
    if (Math.abs(remainder - hidden.length) < EPS) {
      for (const p of hidden) add({ ...p, value: 1, reason: 'bounds', via: eq.label });
    }
  });

  return [...leaks.values()];
}

/**
 * Reduced row echelon form of an augmented matrix (last column = right-hand side); returns the
 * unknowns pinned to a single value, i.e. those with a reduced row that has no other unknown.
 */
export function determinedUnknowns(
  augmented: number[][],
  unknowns: number,
): { col: number; value: number }[] {
  const m = augmented.map((r) => [...r]);
  const pivotRows: { row: number; col: number }[] = [];
  let r = 0;
  for (let c = 0; c < unknowns && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    if (Math.abs(m[best][c]) < EPS) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const pivot = m[r][c];
    for (let j = c; j <= unknowns; j++) m[r][j] /= pivot;
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < EPS) continue;
      const f = m[i][c];
      for (let j = c; j <= unknowns; j++) m[i][j] -= f * m[r][j];
    }
    pivotRows.push({ row: r, col: c });
    r++;
  }
  const out: { col: number; value: number }[] = [];
  for (const { row, col } of pivotRows) {
    let alone = true;
    for (let j = 0; j < unknowns; j++) {
      if (j !== col && Math.abs(m[row][j]) > EPS) {
        alone = false;
        break;
      }
    }
    if (alone) out.push({ col, value: Math.round(m[row][unknowns] * 1e6) / 1e6 });
  }
  return out;
}

/**
 * Finds every suppressed cell (`*`) of a published table that can be worked out from its row
 * and column totals. Works on the rows `applyDisclosure` returns or on a CSV read back (numeric
 * strings are read as numbers). An empty array means no leak.
 */
export function findDisclosureLeaks(table: DisclosureTable): DisclosureLeak[] {
  const cell = (ref: CellRef): unknown => table.rows[ref.row]?.[ref.key];
  return auditEquations(tableEquations(table), {
    unknown: (ref) => Number.isNaN(numericValue(cell(ref))),
    suppressed: (ref) => isSuppressedValue(cell(ref)),
    value: (ref) => numericValue(cell(ref)),
  });
}
