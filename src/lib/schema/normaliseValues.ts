/** Numbers (thousands separators), dates (ISO and UK day-first) and true/false labels, in SQL. */
import { quoteLiteral } from '../engine/sql';
import { labelKeySql, trimmedSql } from './normaliseHelpers';

/** Numbers published as text ("1,234", " 56 "): anything else becomes missing (and is counted by checks). */
export function numberSql(expr: string): string {
  return `TRY_CAST(replace(trim(CAST(${expr} AS VARCHAR)), ',', '') AS DOUBLE)`;
}

export function integerSql(expr: string): string {
  return `CAST(round(${numberSql(expr)}) AS INTEGER)`;
}

/** ISO dates, and the UK day-first forms Excel writes ("31/12/2021", "31-12-2021"). */
export function dateSql(expr: string): string {
  const t = trimmedSql(expr);
  return `COALESCE(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y']) AS DATE))`;
}

export const BOOLEAN_LABELS: Readonly<Record<string, string>> = {
  true: 'true',
  yes: 'true',
  y: 'true',
  '1': 'true',
  t: 'true',
  known: 'true',
  false: 'false',
  no: 'false',
  n: 'false',
  '0': 'false',
  f: 'false',
  notknown: 'false',
  unknown: 'false',
};

export function booleanSql(expr: string): string {
  const whens = Object.entries(BOOLEAN_LABELS)
    .map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${v}`)
    .join(' ');
  return `(CASE ${labelKeySql(expr)} ${whens} ELSE NULL END)`;
}
