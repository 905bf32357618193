/**
 * The comparison itself, pure: which breakdown and period to show, each area compared with
 * England and its region (Fingertips' default comparer, src/lib/stats), the rows of the
 * caterpillar chart and the indicator rows the view hands on.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow, Polarity } from '../../schema/indicator';
import { ENGLAND, pickPeriod, statsPolarity } from '../../domain';
import { compareWithBenchmark, significanceLabel, type Significance } from '../../stats';
import { ROLE_LABEL, type AreaRole } from '../common';
import type { SourceRow } from './rows';

/** Sex and age to show: the focal area's (Persons, All ages first), else the most common. */
export function pickBreakdown(rows: SourceRow[], focal: string): { sex: string; age: string } {
  const pool = rows.some((r) => r.area_code === focal)
    ? rows.filter((r) => r.area_code === focal)
    : rows;
  const sexes = [...new Set(pool.map((r) => r.sex))];
  const sex = sexes.includes('Persons')
    ? 'Persons'
    : (mostCommon(pool.map((r) => r.sex)) ?? 'Persons');
  const ages = pool.filter((r) => r.sex === sex).map((r) => r.age);
  const age = ages.includes('All ages') ? 'All ages' : (mostCommon(ages) ?? 'All ages');
  return { sex, age };
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts)
    if (v > n) {
      best = k;
      n = v;
    }
  return best;
}

export interface Selection {
  sex: string;
  age: string;
  period: string | null;
}

/**
 * The breakdown and period from the focal area's own rows of one indicator: null when it has no
 * value in any period (then `selectFromAll` decides from every area's rows).
 */
export function selectFromFocal(
  focalRows: SourceRow[],
  focal: string,
  wantedPeriod: string | null,
): Selection | null {
  if (focalRows.length === 0) return null;
  const { sex, age } = pickBreakdown(focalRows, focal);
  const periods = focalRows
    .filter((r) => r.sex === sex && r.age === age && r.value !== null)
    .map((r) => r.period);
  if (periods.length === 0) return null;
  return { sex, age, period: pickPeriod(periods, wantedPeriod) };
}

/** The selection from every area's rows, and the rows of it. */
export function selectFromAll(
  all: SourceRow[],
  focal: string,
  wantedPeriod: string | null,
): Selection & { rows: SourceRow[] } {
  const { sex, age } = pickBreakdown(all, focal);
  const rowsSA = all.filter((r) => r.sex === sex && r.age === age);
  const period = pickPeriod(
    rowsSA.map((r) => r.period),
    wantedPeriod,
  );
  return { sex, age, period, rows: rowsSA.filter((r) => r.period === period) };
}

/** Compares one row with a benchmark value (Fingertips default comparer, 95% CI). */
export function compareRow(
  row: { value: number | null; lower_95: number | null; upper_95: number | null },
  benchmark: number | null,
  polarity: Polarity,
): Significance {
  return compareWithBenchmark(
    { value: row.value, lower95: row.lower_95, upper95: row.upper_95 },
    { value: benchmark },
    { polarity: statsPolarity(polarity) },
  );
}

/** Local authority codes (no England, regions or groupings): upper tier when the areas say so. */
export function localAuthorityCodes(
  upperTier: ReadonlySet<string>,
  candidates: string[],
): Set<string> {
  if (candidates.some((c) => upperTier.has(c)))
    return new Set(candidates.filter((c) => upperTier.has(c)));
  return new Set(candidates.filter((c) => /^E(06|08|09|10)/.test(c)));
}

/** What one indicator is: its name, unit and polarity, as its first row says. */
export interface IndicatorMeta {
  id: string;
  name: string;
  unit: string;
  polarity: Polarity;
  method: string;
  period: string | null;
  sex: string;
  age: string;
  synthetic: boolean;
}

export interface Comparison {
  indicators: IndicatorRow[];
  tableRows: Row[];
  /** Focal and comparator areas, highest value first, for the caterpillar chart. */
  caterpillar: Row[];
  /** Focal and comparator areas without a value. */
  missing: string[];
}

/** Each area shown compared with England and with its region. */
export function compareAreas(
  meta: IndicatorMeta,
  byArea: Map<string, SourceRow>,
  areas: { code: string; role: AreaRole }[],
  regionCode: string | null,
  nameOf: (code: string) => string,
): Comparison {
  const england = byArea.get(ENGLAND) ?? null;
  const region = regionCode ? (byArea.get(regionCode) ?? null) : null;
  const out: Comparison = { indicators: [], tableRows: [], caterpillar: [], missing: [] };
  for (const a of areas) {
    const r = byArea.get(a.code);
    if (!r) {
      if (a.role === 'focal' || a.role === 'comparator') out.missing.push(nameOf(a.code));
      continue;
    }
    const vsEngland =
      a.code === ENGLAND ? null : compareRow(r, england?.value ?? null, meta.polarity);
    const vsRegion =
      a.code === ENGLAND || a.code === regionCode
        ? null
        : compareRow(r, region?.value ?? null, meta.polarity);
    const name = nameOf(a.code);
    out.tableRows.push({
      area_name: name,
      area_code: a.code,
      role: ROLE_LABEL[a.role],
      period: r.period,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      count: r.count,
      denominator: r.denominator,
      vs_england: vsEngland ? significanceLabel(vsEngland) : '',
      vs_region: vsRegion ? significanceLabel(vsRegion) : '',
      note: r.note,
      synthetic: meta.synthetic,
    });
    out.indicators.push({
      indicator_id: meta.id,
      indicator_name: meta.name,
      area_code: a.code,
      area_name: name,
      period: r.period,
      sex: meta.sex,
      age: meta.age,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      lower_998: r.lower_998,
      upper_998: r.upper_998,
      count: r.count,
      denominator: r.denominator,
      unit: meta.unit,
      polarity: meta.polarity,
      note: [r.note, vsEngland ? `compared with England: ${significanceLabel(vsEngland)}` : '']
        .filter(Boolean)
        .join('; '),
      method: r.method || undefined,
      synthetic: meta.synthetic,
    });
    if (a.role === 'focal' || a.role === 'comparator')
      out.caterpillar.push({
        label: a.role === 'focal' ? `${name} (focal area)` : name,
        area_code: a.code,
        value: r.value,
        lower: r.lower_95,
        upper: r.upper_95,
        significance: vsEngland ? significanceLabel(vsEngland) : 'Not compared',
        marker: a.role === 'focal' ? '◀ focal area' : '',
      });
  }
  out.caterpillar.sort(
    (x, y) => ((y.value as number | null) ?? -Infinity) - ((x.value as number | null) ?? -Infinity),
  );
  return out;
}
