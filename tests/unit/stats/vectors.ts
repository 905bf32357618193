import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { expect } from 'vitest';

/** The published expected values, copied from /work/shared/data/stats-vectors/. */
const VECTOR_DIR = fileURLToPath(new URL('../../fixtures/stats-vectors/', import.meta.url));

/** One CSV row, with its 1-based data-row number (header excluded) for test names. */
export type VectorRow = Record<string, string> & { __row: string };

/** Reads every row of a vector CSV (papaparse, header row, strings kept as written). */
export function loadVectors(file: string): VectorRow[] {
  const text = readFileSync(VECTOR_DIR + file, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    throw new Error(`${file}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  }
  return parsed.data.map((row, i) => ({ ...row, __row: String(i + 1) }));
}

/** A cell as a number; blank and "NA" mean "not calculated" (null). */
export function num(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const trimmed = cell.trim();
  if (trimmed === '' || trimmed === 'NA') return null;
  const value = Number(trimmed);
  if (Number.isNaN(value)) throw new Error(`not a number: "${cell}"`);
  return value;
}

/** Like `num` but the cell must hold a number. */
export function required(cell: string | undefined): number {
  const value = num(cell);
  if (value === null) throw new Error('expected a number, found a blank cell');
  return value;
}

/**
 * Checks `actual` against an expected value at a relative tolerance (absolute near zero);
 * a null expected value (blank cell) requires a null actual value.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null,
  relativeTolerance: number,
  what: string,
): void {
  if (expected === null) {
    expect(actual ?? null, `${what} should be not calculated (null)`).toBeNull();
    return;
  }
  expect(actual, `${what} should be a number`).toBeTypeOf('number');
  const error = Math.abs((actual as number) - expected);
  const allowed = relativeTolerance * Math.max(Math.abs(expected), 1e-12);
  expect(
    error <= allowed,
    `${what}: got ${String(actual)}, expected ${expected} (error ${error.toExponential(2)} > ${allowed.toExponential(2)})`,
  ).toBe(true);
}

/** Test-name prefix naming the file and row. */
export function rowName(file: string, row: VectorRow, detail = ''): string {
  return `${file} row ${row.__row}${detail ? ` (${detail})` : ''}`;
}
