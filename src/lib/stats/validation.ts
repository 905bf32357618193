/** Shared input checks: missing values become null results, impossible values throw. */

/** A value counts as missing when it is null, undefined or NaN (the vectors' blank cells / NA). */
export function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}

/** Throws when a count is negative or infinite; counts may be fractional (averaged estimates). */
export function checkCount(count: number, what: string, name = 'count'): void {
  if (!Number.isFinite(count) || count < 0) {
    throw new Error(`${what}: ${name} ${String(count)} must be zero or more`);
  }
}

/** Throws when a denominator is zero, negative or infinite. */
export function checkDenominator(denominator: number, what: string, name = 'denominator'): void {
  if (!Number.isFinite(denominator) || denominator <= 0) {
    throw new Error(`${what}: ${name} ${String(denominator)} must be greater than zero`);
  }
}

/** Throws when a multiplier is not a positive finite number. */
export function checkMultiplier(multiplier: number, what: string): void {
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new Error(`${what}: multiplier ${String(multiplier)} must be greater than zero`);
  }
}
