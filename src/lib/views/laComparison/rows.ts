/**
 * The rows the comparison works on: the loaded `indicators` table and the indicator rows other
 * views computed (handed over in memory), in one shape, merged so a computed row replaces a loaded
 * row for the same indicator, area, period, sex and age. Pure.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow, Polarity } from '../../schema/indicator';
import { sortPeriods } from '../../domain';
import { num, str } from '../common';
import type { RowFilter } from './sql';

export interface SourceRow {
  indicator_id: string;
  area_code: string;
  area_name: string;
  period: string;
  sex: string;
  age: string;
  value: number | null;
  lower_95: number | null;
  upper_95: number | null;
  lower_998: number | null;
  upper_998: number | null;
  count: number | null;
  denominator: number | null;
  unit: string;
  polarity: Polarity;
  indicator_name: string;
  method: string;
  note: string;
  synthetic: boolean;
}

/** Polarity as exports spell it ("RAG - Low is good", "low", "low_is_good") in one spelling. */
export function normalisePolarity(p: string): Polarity {
  const s = p
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'low_is_good' || s.startsWith('rag_low') || s === 'low') return 'low_is_good';
  if (s === 'high_is_good' || s.startsWith('rag_high') || s === 'high') return 'high_is_good';
  return 'none';
}

/** A row of `indicatorRowsSql` (synthetic is asked separately of the table). */
export function fromTable(x: Row): SourceRow {
  return {
    indicator_id: str(x.indicator_id),
    area_code: str(x.area_code),
    area_name: str(x.area_name),
    period: str(x.period),
    sex: str(x.sex),
    age: str(x.age),
    value: num(x.value),
    lower_95: num(x.lower_95),
    upper_95: num(x.upper_95),
    lower_998: num(x.lower_998),
    upper_998: num(x.upper_998),
    count: num(x.count),
    denominator: num(x.denominator),
    unit: str(x.unit),
    polarity: normalisePolarity(str(x.polarity)),
    indicator_name: str(x.indicator_name),
    method: str(x.method),
    note: str(x.note),
    synthetic: false,
  };
}

/** A row another view computed, read as the table's statement would read it. */
export function fromComputed(r: IndicatorRow): SourceRow {
  const n = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isFinite(v) ? v : null;
  return {
    indicator_id: str(r.indicator_id),
    area_code: str(r.area_code),
    area_name: str(r.area_name),
    period: str(r.period),
    sex: r.sex ?? 'Persons',
    age: r.age ?? 'All ages',
    value: n(r.value),
    lower_95: n(r.lower_95),
    upper_95: n(r.upper_95),
    lower_998: n(r.lower_998),
    upper_998: n(r.upper_998),
    count: n(r.count),
    denominator: n(r.denominator),
    unit: r.unit ?? '',
    polarity: normalisePolarity(str(r.polarity) || 'none'),
    indicator_name: r.indicator_name ?? '',
    method: r.method ?? '',
    note: r.note ?? '',
    synthetic: r.synthetic === true,
  };
}

/** The filter of `indicatorRowsSql`, applied to rows in memory. */
export function matchesFilter(r: SourceRow, filter: RowFilter): boolean {
  if (filter.kind === 'indicators')
    return (
      filter.ids.includes(r.indicator_id) &&
      (filter.area === undefined || r.area_code === filter.area)
    );
  return filter.slices.some(
    (s) => s.id === r.indicator_id && s.sex === r.sex && s.age === r.age && s.period === r.period,
  );
}

const keyOf = (r: SourceRow) =>
  [r.indicator_id, r.area_code, r.period, r.sex, r.age].join('\u0000');

/** Loaded rows first (in table order), minus those a computed row replaces; then computed rows. */
export function mergeRows(loaded: SourceRow[], computed: SourceRow[]): SourceRow[] {
  if (computed.length === 0) return loaded;
  const replaced = new Set(computed.map(keyOf));
  return [...loaded.filter((r) => !replaced.has(keyOf(r))), ...computed];
}

export interface IndicatorChoice {
  value: string;
  label: string;
}

/**
 * Indicator choices from both sources: id with its name (the smallest name an id has), sorted by
 * name (unnamed last) then id, as the table's ORDER BY name, id would.
 */
export function mergeChoices(
  loaded: { id: string; name: string | null }[],
  computed: readonly IndicatorRow[],
): IndicatorChoice[] {
  const names = new Map<string, string | null>();
  const add = (id: string, name: string | null) => {
    if (!names.has(id)) names.set(id, name);
    else {
      const was = names.get(id) ?? null;
      if (name !== null && (was === null || name < was)) names.set(id, name);
    }
  };
  for (const x of loaded) add(x.id, x.name);
  for (const r of computed)
    if (r.indicator_id !== null && r.indicator_id !== undefined)
      add(String(r.indicator_id), r.indicator_name ?? null);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...names]
    .sort(([ia, na], [ib, nb]) =>
      na === nb ? cmp(ia, ib) : na === null ? 1 : nb === null ? -1 : cmp(na, nb) || cmp(ia, ib),
    )
    .map(([id, name]) => ({ value: id, label: name === null ? id : `${name} (${id})` }));
}

/** Periods of one indicator from both sources, oldest first. */
export function mergePeriods(
  loaded: string[],
  computed: readonly IndicatorRow[],
  indicatorId: string,
): string[] {
  return sortPeriods([
    ...loaded,
    ...computed.filter((r) => String(r.indicator_id) === indicatorId).map((r) => str(r.period)),
  ]);
}
