/**
 * Area groups (partnership footprints) in Compare areas: a group's indicator row from its
 * members' rows of the same indicator, period, sex and age. Counts and denominators are summed and
 * the value recomputed with the method of its unit — a percentage with Wilson's interval, a rate
 * "per N" as a crude rate with exact (count < 10) or Byar's limits. Published values are never
 * averaged: a group gets a value only where every member has a count and a denominator.
 *
 *   a member with no row                      → not calculated, naming it
 *   a member with no value and no count       → not calculated (suppressed), naming it
 *   a member with a value but no count/denom. → "not calculated: only published rates for …"
 *   a standardised rate (DSR/ASR)             → not calculated: needs age-banded counts
 */
import type { AreaGroup } from '../../domain/areas';
import { crudeRate, proportion } from '../../stats';
import type { SourceRow } from './rows';
import { matchesFilter } from './rows';
import type { RowFilter } from './sql';

type Name = (code: string) => string;

/** "per 100,000" → 100000; "per 1,000" → 1000; anything else → null. */
export function perMultiplier(unit: string): number | null {
  const m = /^\s*per\s+([\d,]+)\s*(?:population|people|persons|adults)?\s*$/i.exec(unit);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Standardised rates cannot be summed or recomputed from a count and a denominator. */
export function isStandardised(r: Pick<SourceRow, 'method' | 'indicator_name' | 'unit'>): boolean {
  return /standardi[sz]ed|\bDSR\b|\bASR\b/i.test(`${r.method} ${r.indicator_name} ${r.unit}`);
}

const keyOf = (r: SourceRow) => [r.indicator_id, r.period, r.sex, r.age].join('\u0000');

/** How a group's value was recomputed (the method column of its row). */
export function groupMethod(unit: string): string | null {
  if (unit.trim() === '%')
    return 'Group: counts and denominators summed over the members; percentage with Wilson 95% CI';
  const m = perMultiplier(unit);
  if (m !== null)
    return `Group: counts and denominators summed over the members; crude rate ${unit} with exact (count < 10) or Byar's 95% CI`;
  return null;
}

/**
 * One group's row for one key from its members' rows (any of which may be absent). Always a row:
 * where the value cannot be recomputed it is null and the note says why, naming members.
 */
export function groupRow(
  group: AreaGroup,
  memberRows: ReadonlyMap<string, SourceRow>,
  name: Name,
): SourceRow {
  const first = [...memberRows.values()][0];
  const base: SourceRow = {
    ...first,
    area_code: group.code,
    area_name: group.name,
    value: null,
    lower_95: null,
    upper_95: null,
    lower_998: null,
    upper_998: null,
    count: null,
    denominator: null,
    note: '',
    method: '',
  };
  const names = (codes: string[]) => codes.map(name).join(', ');
  const absent = group.members.filter((m) => !memberRows.has(m));
  if (absent.length > 0)
    return { ...base, note: `not calculated for the group: no data for ${names(absent)}` };
  const rows = group.members.map((m) => memberRows.get(m) as SourceRow);
  const suppressed = group.members.filter(
    (_, i) => rows[i].value === null && rows[i].count === null,
  );
  if (suppressed.length > 0)
    return {
      ...base,
      note: `not calculated for the group: suppressed or missing for ${names(suppressed)}`,
    };
  const publishedOnly = group.members.filter(
    (_, i) => rows[i].count === null || rows[i].denominator === null,
  );
  if (publishedOnly.length > 0)
    return {
      ...base,
      note: `not calculated: only published rates for ${names(publishedOnly)} (published rates are never averaged)`,
    };
  const count = rows.reduce((s, r) => s + (r.count as number), 0);
  const denominator = rows.reduce((s, r) => s + (r.denominator as number), 0);
  const summed = { ...base, count, denominator };
  if (isStandardised(first))
    return {
      ...summed,
      note: 'not calculated for the group: a standardised rate needs the members’ age-banded counts and populations (counts summed only)',
    };
  const method = groupMethod(first.unit);
  if (method === null)
    return {
      ...summed,
      note: `not calculated for the group: a value in "${first.unit || 'no unit'}" is not recomputed from a count and a denominator (counts summed only)`,
    };
  if (denominator <= 0)
    return { ...summed, note: 'not calculated for the group: the summed denominator is 0' };
  if (first.unit.trim() === '%') {
    if (count > denominator)
      return { ...summed, note: 'not calculated for the group: count above the denominator' };
    const p95 = proportion(count, denominator, { multiplier: 100 });
    const p998 = proportion(count, denominator, { multiplier: 100, confidence: 0.998 });
    return {
      ...summed,
      value: p95.value,
      lower_95: p95.lower,
      upper_95: p95.upper,
      lower_998: p998.lower,
      upper_998: p998.upper,
      method,
    };
  }
  const multiplier = perMultiplier(first.unit) as number;
  const r95 = crudeRate(count, denominator, { multiplier });
  const r998 = crudeRate(count, denominator, { multiplier, confidence: 0.998 });
  return {
    ...summed,
    value: r95.value,
    lower_95: r95.lower,
    upper_95: r95.upper,
    lower_998: r998.lower,
    upper_998: r998.upper,
    method,
  };
}

/** Each group's rows for every key any of its members has among `rows`. */
export function groupRows(
  rows: readonly SourceRow[],
  groups: readonly AreaGroup[],
  name: Name,
): SourceRow[] {
  const out: SourceRow[] = [];
  for (const g of groups) {
    const members = new Set(g.members);
    const byKey = new Map<string, Map<string, SourceRow>>();
    for (const r of rows) {
      if (!members.has(r.area_code)) continue;
      const k = keyOf(r);
      const m = byKey.get(k) ?? new Map<string, SourceRow>();
      if (!m.has(r.area_code)) m.set(r.area_code, r);
      byKey.set(k, m);
    }
    for (const m of byKey.values()) out.push(groupRow(g, m, name));
  }
  return out;
}

/** The groups among the areas a comparison shows (focal and comparators). */
export function groupsShown(all: readonly AreaGroup[], codes: readonly string[]): AreaGroup[] {
  const shown = new Set(codes);
  return all.filter((g) => shown.has(g.code));
}

/**
 * Rows matching a filter with the groups' rows added: the members' rows are read with the same
 * filter (a filter on one group area reads each member instead), summed, and the group rows that
 * match the filter appended. `read` is ./source.ts's readRows bound to the context.
 */
export async function readRowsWithGroups(
  read: (filter: RowFilter) => Promise<SourceRow[]>,
  filter: RowFilter,
  groups: readonly AreaGroup[],
  name: Name,
): Promise<SourceRow[]> {
  if (groups.length === 0) return read(filter);
  if (filter.kind === 'indicators' && filter.area !== undefined) {
    const group = groups.find((g) => g.code === filter.area);
    if (!group) return read(filter);
    const memberRows = (
      await Promise.all(group.members.map((area) => read({ ...filter, area })))
    ).flat();
    return groupRows(memberRows, [group], name);
  }
  const rows = await read(filter);
  return [...rows, ...groupRows(rows, groups, name).filter((r) => matchesFilter(r, filter))];
}

/** How a group's figures were made, for the view's notes. */
export function groupNote(group: AreaGroup, name: Name): string {
  return `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')}): counts and denominators summed over its members; percentages recomputed with Wilson 95% CIs and rates "per N" as crude rates with exact (count < 10) or Byar's 95% CIs. Published rates are never averaged: where a member has only a published rate, or a standardised rate, the group's value is not calculated.`;
}
