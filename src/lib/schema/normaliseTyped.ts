/**
 * normaliseSql for a raw column whose DuckDB type is known. normaliseSql takes any raw value
 * through text (trim, strip thousands separators, parse), which is right for text cells and the
 * same value, at several times the cost, for a column the CSV reader already typed: a DATE
 * column's dates, a BIGINT column's whole numbers. This gives the same values by the short way
 * where it is exactly the same, and normaliseSql otherwise.
 */
import { normaliseSql } from './normalise';
import type { ValueKind } from './tables';

/** Whole-number types whose every value survives a trip through text and DOUBLE unchanged. */
const WHOLE_NUMBER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
]);

export function normaliseColumnSql(kind: ValueKind, expr: string, rawType: string): string {
  switch (kind) {
    case 'date':
      // CAST(date AS VARCHAR) is ISO, which TRY_CAST reads back as the same date.
      if (rawType === 'DATE') return expr;
      break;
    case 'integer':
      if (WHOLE_NUMBER_TYPES.has(rawType)) return `CAST(${expr} AS INTEGER)`;
      // A DOUBLE prints as the shortest text that reads back as itself.
      if (rawType === 'DOUBLE') return `CAST(round(${expr}) AS INTEGER)`;
      break;
    case 'number':
      if (WHOLE_NUMBER_TYPES.has(rawType) || rawType === 'DOUBLE') return `CAST(${expr} AS DOUBLE)`;
      break;
  }
  return normaliseSql(kind, expr);
}
