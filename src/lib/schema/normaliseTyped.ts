/**
 * normaliseSql for a raw column whose DuckDB type is known. normaliseSql takes any raw value
 * through text (trim, strip thousands separators, parse), which is right for text cells and the
 * same value, at several times the cost, for a column the CSV reader already typed: a DATE
 * column's dates, a BIGINT column's whole numbers. This gives the same values by the short way
 * where it is exactly the same, and normaliseSql otherwise.
 */
import { quoteLiteral } from '../engine/sql';
import { normaliseSex, normaliseSql, recodeAreaSql } from './normalise';
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

export function normaliseColumnSql(
  kind: ValueKind,
  expr: string,
  rawType: string,
  /** The column holds ASCII text only (columnStats.ts): the only space trim() takes off is " ". */
  asciiOnly = false,
): string {
  if (rawType === 'VARCHAR') {
    // A text column: most cells are already clean (nothing to trim, a usual spelling), and
    // copying a cell as it is costs a fraction of trimming it (a new string per cell).
    if (kind === 'text')
      return `(CASE WHEN ${asciiOnly ? untrimmableAscii(expr) : untrimmable(expr)} THEN ${expr} ELSE NULLIF(trim(${expr}), '') END)`;
    // An area code of ASCII text: trimmed only when it begins or ends with a space.
    if (kind === 'area_code' && asciiOnly)
      return recodeAreaSql(
        expr,
        `(CASE WHEN ${expr} NOT LIKE ' %' AND ${expr} NOT LIKE '% ' THEN ${expr} ELSE trim(${expr}) END)`,
      );
    if (kind === 'sex')
      return `(CASE ${expr} ${SEX_AS_WRITTEN} ELSE ${normaliseSql(kind, expr)} END)`;
  }
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

/**
 * True when trim() would leave a text cell as it is: its first and last characters are printable
 * ASCII other than a space. trim() takes off exactly the Unicode space separators (category Zs:
 * U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000; tests/unit/schema pins this
 * against the engine), none of which is printable ASCII. Such a cell is not empty either, so
 * NULLIF(trim(cell), '') is the cell itself. Checking two characters is cheap; a NULL or an
 * empty cell fails the test and takes the trim() path.
 */
export function untrimmable(expr: string): string {
  return `ascii(${expr}) BETWEEN 33 AND 126 AND ascii(${expr}[-1]) BETWEEN 33 AND 126`;
}

/**
 * untrimmable() for a cell of ASCII text: neither first nor last character is a space (the one
 * space separator in ASCII), and it is not empty. Prefix and suffix tests on bytes, cheaper
 * than decoding characters.
 */
export function untrimmableAscii(expr: string): string {
  return `${expr} NOT LIKE ' %' AND ${expr} NOT LIKE '% ' AND ${expr} <> ''`;
}

/**
 * The usual spellings of sex as files write them, looked up as they are before the general
 * normaliser (which lowers the cell, then cleans it up): the same values, each taken from the
 * normaliser's TS twin, which is built from the same table as the SQL.
 */
const SEX_AS_WRITTEN = ['M', 'F', 'Male', 'Female', 'Persons', 'male', 'female', 'persons']
  .map((v) => `WHEN ${quoteLiteral(v)} THEN ${quoteLiteral(normaliseSex(v)!)}`)
  .join(' ');
