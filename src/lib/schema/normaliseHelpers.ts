/** Shared pieces of the normalisers: the lookup key of a label, and a label map as SQL or TS. */
import { quoteLiteral } from '../engine/sql';

/** The lookup key of a label: lower case, letters, digits and "+" only ("Non-opiate only" -> "nonopiateonly"). */
export function labelKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9+]/g, '');
}

export function labelKeySql(expr: string): string {
  return `regexp_replace(lower(trim(CAST(${expr} AS VARCHAR))), '[^a-z0-9+]', '', 'g')`;
}

export function trimmedSql(expr: string): string {
  return `trim(CAST(${expr} AS VARCHAR))`;
}

/**
 * `CASE key WHEN ... THEN ... ELSE original END` from a label map. Most cells are a key once put
 * in lower case ("M", "Female", "opiate"), so they are looked up that way first, and only the
 * rest go through the clean-up (trim and a regular expression per cell, the costliest part of
 * mapping millions of rows). Same result: a lowered cell equal to a key (letters, digits, "+")
 * has nothing to trim or strip.
 */
export function mapSql(expr: string, map: Readonly<Record<string, string>>): string {
  const when = ([k, v]: [string, string]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`;
  const full = `(CASE ${labelKeySql(expr)} ${Object.entries(map).map(when).join(' ')} ELSE ${trimmedSql(expr)} END)`;
  const plain = Object.entries(map).filter(([k]) => /^[a-z0-9+]+$/.test(k));
  if (plain.length === 0) return full;
  return `(CASE lower(CAST(${expr} AS VARCHAR)) ${plain.map(when).join(' ')} ELSE ${full} END)`;
}

export function mapTs(
  value: string | number | null | undefined,
  map: Readonly<Record<string, string>>,
): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  return map[labelKey(s)] ?? s;
}
