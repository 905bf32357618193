/** Sorting a display table by one column: numbers numerically, text in English collation, blanks last. */
export interface SortState {
  key: string;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

export function sortRows<R extends Record<string, unknown>>(
  rows: readonly R[],
  sort: SortState,
): R[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const xMissing = x === null || x === undefined || x === '';
    const yMissing = y === null || y === undefined || y === '';
    // Missing values ("not calculated") stay at the bottom whichever way the column is sorted.
    if (xMissing || yMissing) return xMissing === yMissing ? 0 : xMissing ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * collator.compare(String(x), String(y));
  });
}
