/**
 * Small reproductions of R's number handling that PHEindicatormethods' funnel axis depends on.
 * They exist so the 100 axis points match the package's to the last integer.
 */

/** R `round(x)` (no digits): IEC 60559 round half to even, so round(2.5) = 2 and round(3.5) = 4. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * R `nchar(x)` for a whole, non-negative double, i.e. the length of `as.character(x)`: R writes
 * a number in scientific notation when that is shorter, so nchar(100000) is 5 ("1e+05") while
 * nchar(120000) is 6. PHEindicatormethods `signif.floor`/`signif.ceiling` inherit this quirk.
 */
export function rCharacterWidth(x: number): number {
  const fixed = Math.round(x).toString();
  if (!/^\d+$/.test(fixed)) return fixed.length;
  const significant = fixed.replace(/0+$/, '').length;
  const exponent = fixed.length - 1;
  const mantissaWidth = significant > 1 ? significant + 1 : 1;
  const scientificWidth = mantissaWidth + 2 + (exponent >= 100 ? 3 : 2);
  return fixed.length > scientificWidth ? scientificWidth : fixed.length;
}

/**
 * PHEindicatormethods `signif.floor` (R/Funnels.R): 95% of x rounded down to its leading digit,
 * so the funnel axis starts at a neat number below the smallest denominator.
 */
export function signifFloor(x: number, percentageDown = 0.95): number {
  if (x === 0) return 0;
  const n = rCharacterWidth(Math.floor(x * percentageDown)) - 1;
  return Math.floor((x * percentageDown) / 10 ** n) * 10 ** n;
}

/**
 * PHEindicatormethods `signif.ceiling` (R/Funnels.R): 105% of x rounded up to two significant
 * digits, so the funnel axis ends at a neat number above the largest denominator.
 */
export function signifCeiling(x: number, percentageUp = 1.05): number {
  if (x === 0) return 0;
  const n = rCharacterWidth(Math.ceil(x * percentageUp)) - 2;
  return Math.ceil((x * percentageUp) / 10 ** n) * 10 ** n;
}
