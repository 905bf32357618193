/**
 * Age bands and sexes as the tables write them: band labels normalised to ESP2013's spelling,
 * the standard weights to use, and Persons taken from Persons rows where a table has them,
 * else summed from Male and Female.
 */
import type { Row } from '../../engine/types';
import { esp2013 } from '../../stats';
import { num, str } from '../common';
import type { DeathSex, StandardWeights } from './model';

/** Normalises an age-band label: "85 to 89" → "85-89", "90 and over" → "90+", "<1"/"1-4" kept. */
export function normaliseBand(label: string): string {
  const s = label.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === 'all ages' || s === 'all') return 'All ages';
  let m = /^(\d+)\s*(?:-|to|–)\s*(\d+)$/.exec(s);
  if (m) return `${Number(m[1])}-${Number(m[2])}`;
  m = /^(\d+)\s*(?:\+|and over|plus| and above|\+ years)$/.exec(s);
  if (m) return `${Number(m[1])}+`;
  return label.trim();
}

/** Normalised band labels, memoised per label (a result has few distinct labels). */
export function bandNormaliser(): (label: string) => string {
  const memo = new Map<string, string>();
  return (label) => {
    let b = memo.get(label);
    if (b === undefined) memo.set(label, (b = normaliseBand(label)));
    return b;
  };
}

/**
 * Standard weights by band label: the `standard_population` table's rows when it has any
 * (`rows` null when there is no such table), else ESP2013; 85+ and 0-4 made up from their parts
 * when only the parts are given.
 */
export function standardWeights(rows: Row[] | null): StandardWeights {
  const weights = new Map<string, number>();
  let source = 'ESP2013';
  if (rows !== null) {
    for (const row of rows) {
      const w = num(row.weight);
      if (w !== null) weights.set(normaliseBand(str(row.age_band)), w);
    }
    source = 'standard_population table';
  }
  if (weights.size === 0) {
    for (const b of esp2013.bands19) weights.set(b.ageBand, b.weight);
    source = 'ESP2013';
  }
  if (!weights.has('85+') && weights.has('85-89') && weights.has('90+'))
    weights.set('85+', weights.get('85-89')! + weights.get('90+')!);
  if (!weights.has('0-4') && weights.has('<1') && weights.has('1-4'))
    weights.set('0-4', weights.get('<1')! + weights.get('1-4')!);
  return { weights, source };
}

/**
 * Keeps Persons rows where a table has them for that key, else sums Male and Female (any rows,
 * for a single sex: the query kept that sex only).
 */
export function resolvePersons(
  rows: { sex: string; key: string; value: number }[],
  sex: DeathSex,
): Map<string, number> {
  const out = new Map<string, number>();
  if (sex !== 'Persons') {
    for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.value);
    return out;
  }
  const persons = new Map<string, number>();
  const mf = new Map<string, number>();
  for (const r of rows) {
    const target = r.sex === 'Persons' ? persons : mf;
    target.set(r.key, (target.get(r.key) ?? 0) + r.value);
  }
  for (const [k, v] of mf) out.set(k, v);
  for (const [k, v] of persons) out.set(k, v);
  return out;
}

/** A row of a `personsPivot` statement, under a normalised key. */
export interface PivotRow {
  key: string;
  hasPersons: boolean;
  persons: number;
  other: number;
}

/** Pivot rows (has_persons, persons, other) under the key `keyOf` makes of each. */
export function pivotRows(rows: Row[], keyOf: (row: Row) => string): PivotRow[] {
  return rows.map((x) => ({
    key: keyOf(x),
    hasPersons: x.has_persons === true,
    persons: num(x.persons) ?? 0,
    other: num(x.other) ?? 0,
  }));
}

/**
 * The same choice as `resolvePersons` for rows already split by sex in SQL (one row per raw
 * key, see `personsPivot`): per normalised key, the Persons sum where any of its rows has
 * Persons, else the Male + Female sum.
 */
export function resolvePivot(rows: PivotRow[], sex: DeathSex): Map<string, number> {
  const out = new Map<string, number>();
  if (sex !== 'Persons') {
    for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.other);
    return out;
  }
  const withPersons = new Set<string>();
  for (const r of rows) if (r.hasPersons) withPersons.add(r.key);
  for (const r of rows) {
    const has = withPersons.has(r.key);
    if (has && !r.hasPersons) continue;
    out.set(r.key, (out.get(r.key) ?? 0) + (has ? r.persons : r.other));
  }
  return out;
}

/** Population by `area|year|band` (normalised band) from a `populationByBandQuery` result. */
export function populationByBand(rows: Row[], sex: DeathSex): Map<string, number> {
  const band = bandNormaliser();
  return resolvePivot(
    pivotRows(rows, (x) => `${str(x.area_code)}|${num(x.year)}|${band(str(x.age_band))}`),
    sex,
  );
}
