/** Provenance in words, and the part of it one view shows (its areas and period). */
import { type CanonicalTableName } from './tables';
import { type Override, type Provenance } from './provenanceRead';

/**
 * One sentence per override, for the data panel and the views:
 * "Kingston upon Hull 2022/23: hull_cjs.csv replaces the synthetic rows (synthetic_cjs_treatment.csv)."
 */
export function overrideNote(o: Override, areaName: (code: string) => string = (c) => c): string {
  const parts = Object.entries(o.key).map(([c, v]) =>
    c === 'area_code' && v ? areaName(v) : (v ?? '(blank)'),
  );
  return o.bySynthetic
    ? `${parts.join(' ')}: ${o.byFile} replaces the rows of ${o.syntheticFiles.join(', ')} (both synthetic).`
    : `${parts.join(' ')}: ${o.byFile} replaces the synthetic rows (${o.syntheticFiles.join(', ')}).`;
}

/** Whether a coverage value is for one of the areas (and the period, when one is given). */
function keyMatches(
  key: Record<string, string | null>,
  areaCodes?: readonly string[],
  period?: string | null,
): boolean {
  if (areaCodes && 'area_code' in key && !areaCodes.includes(key.area_code ?? '')) return false;
  if (period) {
    const p = key.period ?? key.year;
    if (p !== undefined && p !== period) return false;
  }
  return true;
}

/**
 * For a view: the overrides of one table among the areas (and period) it shows. Word each with
 * overrideNote(o, ctx.areas.name) and add it to the view's notes.
 */
export function overridesFor(
  provenance: Provenance | undefined,
  table: CanonicalTableName,
  areaCodes?: readonly string[],
  period?: string | null,
): Override[] {
  return (provenance?.overrides ?? []).filter(
    (o) => o.table === table && keyMatches(o.key, areaCodes, period),
  );
}

/**
 * For a view's SYNTHETIC banner: the coverage values (area, period, …) of one table it reads
 * synthetic rows for, among the areas (and period) it shows. Empty: every row it shows is real.
 */
export function syntheticKeysFor(
  provenance: Provenance | undefined,
  table: CanonicalTableName,
  areaCodes?: readonly string[],
  period?: string | null,
): Record<string, string | null>[] {
  return (provenance?.syntheticKeys[table] ?? []).filter((k) => keyMatches(k, areaCodes, period));
}

/** "Kingston upon Hull 2021/22, 2022/23; Peterborough 2022/23": synthetic keys in words, by area. */
export function describeKeys(
  keys: readonly Record<string, string | null>[],
  areaName: (code: string) => string = (c) => c,
): string {
  const byArea = new Map<string, string[]>();
  for (const k of keys) {
    const area = k.area_code ? areaName(k.area_code) : '';
    const rest = Object.entries(k)
      .filter(([c]) => c !== 'area_code')
      .map(([, v]) => v ?? '(blank)')
      .join(' ');
    const list = byArea.get(area) ?? [];
    if (rest && !list.includes(rest)) list.push(rest);
    byArea.set(area, list);
  }
  return [...byArea.entries()]
    .map(([area, rest]) => [area, rest.join(', ')].filter(Boolean).join(' '))
    .join('; ');
}
