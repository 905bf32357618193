/**
 * Drug-related deaths per 100,000 for 3-year pooled registration periods: from age-banded deaths
 * and population (crude rate and ESP2013 DSR with 95% CIs), from ONS published rates, or from
 * record-level death reviews (aggregated first; plus the share known to treatment). ONS rules are
 * shown, never hidden: ":" not calculated under 10 deaths, "u" low reliability under 20.
 */
import type { Engine, Row } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import {
  compareWithBenchmark,
  crudeRate,
  dsr,
  esp2013,
  onsDeathDisplayRule,
  proportion,
  significanceLabel,
} from '../stats';
import { rankedBarSpec, trendSpec, type RankedBarRow } from './charts';
import {
  ROLE_LABEL,
  rankedBarLabel,
  areaNames,
  fmt,
  indicatorRow,
  isSynthetic,
  num,
  periodSortKey,
  periodYears,
  pickPeriod,
  pooledLabel,
  sortPeriods,
  str,
  tableColumns,
  tableExists,
  viewAreas,
  withCatalog,
  type AreaRole,
} from './common';
import type { ViewContext, ViewDefinition, ViewResult, ViewTable } from './types';

export type DeathSource = 'auto' | 'age-banded' | 'published' | 'records';
export type DeathMeasure = 'drug_misuse' | 'drug_poisoning';

const MEASURE_LABEL: Record<DeathMeasure, string> = {
  drug_misuse: 'Deaths from drug misuse',
  drug_poisoning: 'Deaths related to drug poisoning',
};

/** Substances that make a death record a "drug misuse" death (controlled drugs; an approximation of the ONS definition). */
export const CONTROLLED_DRUG_PATTERN =
  '(heroin|diamorphine|morphine|methadone|buprenorphine|fentanyl|carfentanil|nitazene|oxycodone|codeine|dihydrocodeine|tramadol|tapentadol|pethidine|opiate|opioid|cocaine|crack|amphetamine|methamphetamine|mdma|ecstasy|cannabis|cannabinoid|spice|ketamine|mephedrone|cathinone|ghb|gbl|lsd|benzodiazepine|diazepam|alprazolam|etizolam|bromazolam|temazepam|nitrazepam|lorazepam|pregabalin|gabapentin|zopiclone|zolpidem)';

/** One area and pooled period, before display rules. */
export interface DeathRate {
  area_code: string;
  period: string;
  deaths: number | null;
  population: number | null;
  crude: number | null;
  crude_lower: number | null;
  crude_upper: number | null;
  dsr: number | null;
  dsr_lower: number | null;
  dsr_upper: number | null;
  /** ":" not calculated, "u" low reliability, "" otherwise. */
  flag: string;
  note: string;
  known_to_treatment?: number | null;
  known_pct?: number | null;
  known_lower?: number | null;
  known_upper?: number | null;
}

interface BandCount {
  area: string;
  period: string;
  band: string;
  deaths: number;
}

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

/** Standard weights by band label: the `standard_population` table when present, else ESP2013. */
async function standardWeights(
  engine: Engine,
): Promise<{ weights: Map<string, number>; source: string }> {
  const weights = new Map<string, number>();
  let source = 'ESP2013';
  if (await tableExists(engine, 'standard_population')) {
    const r = (
      await engine.query(
        `SELECT age_band, CAST(weight AS DOUBLE) AS weight FROM standard_population`,
      )
    ).toRows();
    for (const row of r) {
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

/** Turns annual band counts into rolling 3-year pooled periods; pooled labels pass through. */
function poolPeriods(rows: BandCount[]): BandCount[] {
  const pooled: BandCount[] = [];
  // Annual rows by year, each with its position in `rows` (sums and keys follow that order).
  const byYear = new Map<number, { i: number; r: BandCount }[]>();
  rows.forEach((r, i) => {
    if (!/^\d{4}$/.test(r.period)) {
      pooled.push(r);
      return;
    }
    const y = Number(r.period);
    const list = byYear.get(y);
    if (list) list.push({ i, r });
    else byYear.set(y, [{ i, r }]);
  });
  if (byYear.size === 0) return pooled;
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const out = new Map<string, BandCount>();
  for (const end of years) {
    if (!byYear.has(end - 1) || !byYear.has(end - 2)) continue;
    const label = pooledLabel(end);
    const window = [...byYear.get(end - 2)!, ...byYear.get(end - 1)!, ...byYear.get(end)!].sort(
      (x, y) => x.i - y.i,
    );
    for (const { r } of window) {
      const k = `${r.area}|${label}|${r.band}`;
      const cur = out.get(k);
      if (cur) cur.deaths += r.deaths;
      else out.set(k, { area: r.area, period: label, band: r.band, deaths: r.deaths });
    }
  }
  return [...pooled, ...out.values()];
}

/** The SQL condition and extra aggregation for a sex: Persons falls back to Male + Female. */
function sexFilter(sex: string): string {
  return sex === 'Persons' ? `sex IN ('Persons', 'Male', 'Female')` : `sex = ?`;
}

/**
 * Keeps Persons rows where a table has them for that key, else sums Male and Female.
 * rows: [key, sex, value]
 */
function resolvePersons<T extends { sex: string; key: string; value: number }>(
  rows: T[],
  sex: string,
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

/**
 * The same choice as `resolvePersons` for rows already split by sex in SQL (one row per raw
 * key, see `personsPivot`): per normalised key, the Persons sum where any of its rows has
 * Persons, else the Male + Female sum.
 */
function resolvePivot(
  rows: { key: string; hasPersons: boolean; persons: number; other: number }[],
  sex: string,
): Map<string, number> {
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

/**
 * One row per key instead of one per key and sex: whether the key has Persons rows, the sum of
 * its Persons rows and the sum of its other rows (Male + Female), of `value` from `from`.
 * `where` filters the rows, `having` the keys (aliases of `keys`); ordered by `orderBy`.
 */
function personsPivot(opts: {
  keys: string[];
  value: string;
  from: string;
  where: string;
  having?: string;
  orderBy?: string;
  /**
   * The sex condition (no parameters), tested in the aggregates rather than in `where`: the
   * same result (keys with no row of those sexes are left out), with one filter less per row.
   */
  sexCondition?: string;
}): string {
  const aliases = opts.keys.map((k) => / AS (\w+)$/.exec(k)?.[1] ?? k);
  const cond = opts.sexCondition;
  const and = cond ? ` AND ${cond}` : '';
  return `SELECT * FROM (
      SELECT ${opts.keys.join(', ')}, bool_or(sex = 'Persons'${and}) AS has_persons,
             coalesce(sum(${opts.value}) FILTER (WHERE sex = 'Persons'${and}), 0) AS persons,
             coalesce(sum(${opts.value}) FILTER (WHERE sex <> 'Persons'${and}), 0) AS other${
               cond
                 ? `,
             bool_or(${cond}) AS any_row`
                 : ''
             }
      FROM ${opts.from} WHERE ${opts.where} GROUP BY ${aliases.map((_, i) => i + 1).join(', ')}
    ) WHERE ${cond ? 'any_row AND ' : ''}${opts.having ?? 'TRUE'}${opts.orderBy ? ` ORDER BY ${opts.orderBy}` : ''}`;
}

/** Normalised band labels, memoised per label (a result has few distinct labels). */
function bandNormaliser(): (label: string) => string {
  const memo = new Map<string, string>();
  return (label) => {
    let b = memo.get(label);
    if (b === undefined) memo.set(label, (b = normaliseBand(label)));
    return b;
  };
}

/** Population by area, year and band for the given areas (Persons from Male+Female if needed). */
async function populationByBand(
  engine: Engine,
  codes: string[],
  sex: string,
): Promise<Map<string, number>> {
  if (!(await tableExists(engine, 'population')) || codes.length === 0) return new Map();
  // A semi-join on a list of the codes: cheaper than a long IN (?, ?, …) over a big table.
  const marks = `SELECT unnest([${codes.map(() => '?').join(', ')}])`;
  const r = await engine.query(
    personsPivot({
      keys: ['area_code', 'CAST(year AS INTEGER) AS year', 'CAST(age_band AS VARCHAR) AS age_band'],
      value: 'CAST(population AS DOUBLE)',
      from: 'population',
      where: `area_code IN (${marks}) AND ${sexFilter(sex)}`,
    }),
    sex === 'Persons' ? codes : [...codes, sex],
  );
  const band = bandNormaliser();
  return resolvePivot(
    r.toRows().map((x) => ({
      key: `${str(x.area_code)}|${num(x.year)}|${band(str(x.age_band))}`,
      hasPersons: x.has_persons === true,
      persons: num(x.persons) ?? 0,
      other: num(x.other) ?? 0,
    })),
    sex,
  );
}

/**
 * The rate for one area and pooled period from its band totals (deaths summed over bands,
 * population null when a band or year has none): crude rate (shown from 3 deaths), DSR (from
 * 10), "u" under 20.
 */
function bandRate(
  area: string,
  period: string,
  deaths: number,
  population: number | null,
  dsrBands: { count: number; population: number; standard: number }[],
  withDsr: boolean,
): DeathRate {
  const rate: DeathRate = {
    area_code: area,
    period,
    deaths,
    population,
    crude: null,
    crude_lower: null,
    crude_upper: null,
    dsr: null,
    dsr_lower: null,
    dsr_upper: null,
    flag: '',
    note: '',
  };
  const rule = onsDeathDisplayRule(Number.isInteger(deaths) ? deaths : Math.round(deaths));
  const notesHere: string[] = [];
  if (population === null) {
    notesHere.push('no population for every age band and year');
  } else {
    if (rule.crudeShown) {
      const c = crudeRate(deaths, population);
      rate.crude = c.value;
      rate.crude_lower = c.lower;
      rate.crude_upper = c.upper;
    } else notesHere.push('crude rate not shown: fewer than 3 deaths');
    if (withDsr) {
      const d = dsr(dsrBands);
      rate.dsr = d.value;
      rate.dsr_lower = d.lower;
      rate.dsr_upper = d.upper;
    }
  }
  if (!rule.dsrCalculated) {
    rate.flag = ':';
    notesHere.unshift('not calculated (:): fewer than 10 deaths');
  } else if (rule.unreliable) {
    rate.flag = 'u';
    notesHere.unshift('u: low reliability, fewer than 20 deaths');
  }
  rate.note = notesHere.join('; ');
  return rate;
}

/** Rates from band counts: crude (ONS: shown from 3 deaths) and DSR (from 10), "u" under 20. */
async function ratesFromBands(
  engine: Engine,
  counts: BandCount[],
  codes: string[],
  sex: string,
  notes: string[],
): Promise<DeathRate[]> {
  const { weights, source } = await standardWeights(engine);
  const pop = await populationByBand(engine, codes, sex);
  const popBands = new Set([...pop.keys()].map((k) => k.split('|')[2]));
  const deathBands = new Set(counts.map((c) => c.band));
  // 18-band scheme (85+) when either side stops at 85+.
  const use18 = deathBands.has('85+') || (!popBands.has('90+') && popBands.has('85+'));
  const mapBand = (b: string): string => {
    if (use18 && (b === '85-89' || b === '90+')) return '85+';
    if (b === '<1' || b === '1-4') return '0-4';
    return b;
  };
  const bands = (use18 ? esp2013.bands18 : esp2013.bands19).map((b) => b.ageBand);
  const bandWeights = bands.map((b) => weights.get(b) ?? null);
  if (bandWeights.some((w) => w === null)) {
    notes.push(
      `The standard population (${source}) lacks some ESP2013 bands; standardised rates could not be calculated.`,
    );
  }
  // deaths per area|period|band
  const byKey = new Map<string, number>();
  const periods = new Map<string, Set<string>>();
  const unknownBands = new Set<string>();
  for (const c of counts) {
    if (c.band === 'All ages') continue;
    const b = mapBand(c.band);
    if (!bands.includes(b)) {
      unknownBands.add(c.band);
      continue;
    }
    const k = `${c.area}|${c.period}|${b}`;
    byKey.set(k, (byKey.get(k) ?? 0) + c.deaths);
    if (!periods.has(c.area)) periods.set(c.area, new Set());
    periods.get(c.area)!.add(c.period);
  }
  if (unknownBands.size > 0)
    notes.push(`Age bands not in ESP2013 were left out: ${[...unknownBands].join(', ')}.`);
  const popYears = new Map<string, number[]>();
  for (const k of pop.keys()) {
    const [area, y] = k.split('|');
    const list = popYears.get(area) ?? [];
    if (!list.includes(Number(y))) list.push(Number(y));
    popYears.set(area, list);
  }
  const substituted = new Map<number, number>();
  /** The year itself when the area has population for it, else the nearest year it has. */
  const popYear = (area: string, y: number): number => {
    const list = popYears.get(area) ?? [];
    if (list.length === 0 || list.includes(y)) return y;
    const nearest = [...list].sort((a, b) => Math.abs(a - y) - Math.abs(b - y) || a - b)[0];
    substituted.set(y, nearest);
    return nearest;
  };
  const popFor = (area: string, years: number[], band: string): number | null => {
    let total = 0;
    for (const wanted of years) {
      const y = popYear(area, wanted);
      let v: number | undefined;
      if (band === '85+' && use18) {
        const a = pop.get(`${area}|${y}|85+`);
        const p1 = pop.get(`${area}|${y}|85-89`);
        const p2 = pop.get(`${area}|${y}|90+`);
        v = a ?? (p1 !== undefined && p2 !== undefined ? p1 + p2 : undefined);
      } else if (band === '0-4') {
        const a = pop.get(`${area}|${y}|0-4`);
        const p1 = pop.get(`${area}|${y}|<1`);
        const p2 = pop.get(`${area}|${y}|1-4`);
        v = a ?? (p1 !== undefined && p2 !== undefined ? p1 + p2 : undefined);
      } else v = pop.get(`${area}|${y}|${band}`);
      if (v === undefined) return null;
      total += v;
    }
    return total;
  };
  const out: DeathRate[] = [];
  const missingPop = new Set<string>();
  for (const [area, ps] of periods) {
    for (const period of ps) {
      const years = periodYears(period);
      let deaths = 0;
      const dsrBands: { count: number; population: number; standard: number }[] = [];
      let popOk = years.length > 0;
      let population = 0;
      bands.forEach((b, i) => {
        const d = byKey.get(`${area}|${period}|${b}`) ?? 0;
        deaths += d;
        const p = popOk ? popFor(area, years, b) : null;
        if (p === null || p <= 0) popOk = false;
        else {
          population += p;
          dsrBands.push({ count: d, population: p, standard: bandWeights[i] ?? 0 });
        }
      });
      if (!popOk) missingPop.add(`${area} ${period}`);
      const rate = bandRate(
        area,
        period,
        deaths,
        popOk ? population : null,
        dsrBands,
        bandWeights.every((w) => w !== null),
      );
      out.push(rate);
    }
  }
  if (substituted.size > 0)
    notes.push(
      `No population estimates for ${[...substituted.keys()].sort().join(', ')}: the nearest year's estimates were used (${[
        ...substituted,
      ]
        .sort((a, b) => a[0] - b[0])
        .map(([y, n]) => `${y} → ${n}`)
        .join(', ')}).`,
    );
  if (missingPop.size > 0)
    notes.push(
      `No population for every age band and year of: ${[...missingPop].slice(0, 8).join(', ')}${missingPop.size > 8 ? ' …' : ''}; rates not calculated there.`,
    );
  return out;
}

/**
 * The common case in one statement: annual deaths and population, both in the 19 ESP2013 bands
 * as written there, pooled into 3-year periods and joined in SQL; one row per area, pooled
 * period and band with the pooled deaths and population (summed in year order, as the general
 * path does). Returns null, and the caller takes the general path (`ratesFromBands`), when any
 * deaths period is not a year, any band is another label, any band or year of population is
 * missing or not positive, or England or the region has no deaths rows (summed from UTLAs there).
 */
async function pooledRates(
  engine: Engine,
  codes: string[],
  measure: DeathMeasure,
  sex: string,
  notes: string[],
): Promise<DeathRate[] | null> {
  const bands = esp2013.bands19.map((b) => b.ageBand);
  const list = (n: number) => `[${Array.from({ length: n }, () => '?').join(', ')}]`;
  // sex is Persons, Male or Female (checked in runDrugDeaths), so it can be written as text.
  if (sex !== 'Persons' && sex !== 'Male' && sex !== 'Female') return null;
  const sexCondition =
    sex === 'Persons' ? `sex IN ('Persons', 'Male', 'Female')` : `sex = '${sex}'`;
  const resolved = `CASE WHEN has_persons THEN persons ELSE other END`;
  const deathsPivot = personsPivot({
    keys: [
      'area_code',
      'CAST(period AS VARCHAR) AS period',
      'CAST(age_band AS VARCHAR) AS age_band',
    ],
    value: 'CAST(deaths AS DOUBLE)',
    from: 'deaths',
    where: `measure = ? AND area_code IN (SELECT unnest(${list(codes.length)})) AND age_band <> 'All ages'`,
    having: `lower(age_band) NOT IN ('all ages', 'all')`,
    sexCondition,
  });
  const popPivot = personsPivot({
    keys: ['area_code', 'CAST(year AS INTEGER) AS year', 'CAST(age_band AS VARCHAR) AS age_band'],
    value: 'CAST(population AS DOUBLE)',
    from: 'population',
    where: `area_code IN (SELECT unnest(${list(codes.length)}))`,
    sexCondition,
  });
  const r = await engine.query(
    `WITH d AS MATERIALIZED (
       SELECT area_code, period, TRY_CAST(period AS INTEGER) AS y, age_band, ${resolved} AS deaths
       FROM (${deathsPivot})
     ),
     p AS MATERIALIZED (SELECT area_code, year, age_band, ${resolved} AS pop FROM (${popPivot})),
     b AS (SELECT unnest(${list(bands.length)}) AS band, unnest(range(${bands.length})) AS i),
     ok AS (
       SELECT (SELECT coalesce(bool_and(coalesce(regexp_full_match(period, '[0-9]{4}'), false)
                        AND age_band IN (SELECT band FROM b)), true) FROM d) AS deaths_ok,
              (SELECT coalesce(bool_and(year IS NOT NULL AND coalesce(age_band IN (SELECT band FROM b), false)), true) FROM p) AS pop_ok
     ),
     ends AS (
       SELECT DISTINCT y AS e FROM d
       WHERE y - 1 IN (SELECT y FROM d) AND y - 2 IN (SELECT y FROM d)
     ),
     pd AS (
       SELECT d.area_code, ends.e, d.age_band,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 2) AS d0,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 1) AS d1,
              max(d.deaths) FILTER (WHERE d.y = ends.e) AS d2
       FROM d JOIN ends ON d.y BETWEEN ends.e - 2 AND ends.e
       GROUP BY ALL
     ),
     g AS (SELECT DISTINCT area_code, e FROM pd)
     SELECT g.area_code, g.e, b.i,
            coalesce(pd.d0, 0) + coalesce(pd.d1, 0) + coalesce(pd.d2, 0) AS deaths,
            p0.pop + p1.pop + p2.pop AS population,
            ok.deaths_ok AND ok.pop_ok AS ok
     FROM g CROSS JOIN b CROSS JOIN ok
     LEFT JOIN pd ON pd.area_code = g.area_code AND pd.e = g.e AND pd.age_band = b.band
     LEFT JOIN p p0 ON p0.area_code = g.area_code AND p0.year = g.e - 2 AND p0.age_band = b.band
     LEFT JOIN p p1 ON p1.area_code = g.area_code AND p1.year = g.e - 1 AND p1.age_band = b.band
     LEFT JOIN p p2 ON p2.area_code = g.area_code AND p2.year = g.e AND p2.age_band = b.band
     ORDER BY g.e, g.area_code, b.i`,
    [measure, ...codes, ...codes, ...bands],
  );
  const rows = r.toRows();
  if (rows.some((x) => x.ok !== true)) return null;
  const present = new Set(rows.map((x) => str(x.area_code)));
  if (codes.some((c) => (c === 'E92000001' || c.startsWith('E12')) && !present.has(c))) return null;
  const { weights, source } = await standardWeights(engine);
  const bandWeights = bands.map((b) => weights.get(b) ?? null);
  const withDsr = bandWeights.every((w) => w !== null);
  // Per area (first seen) and pooled period (in order): deaths and population per band.
  const byArea = new Map<string, Map<number, { d: number; p: number }[]>>();
  for (const x of rows) {
    const p = num(x.population);
    if (p === null || p <= 0) return null;
    const area = str(x.area_code);
    const e = Number(x.e);
    let periods = byArea.get(area);
    if (!periods) byArea.set(area, (periods = new Map()));
    let perBand = periods.get(e);
    if (!perBand) periods.set(e, (perBand = []));
    perBand[Number(x.i)] = { d: num(x.deaths) ?? 0, p };
  }
  if (!withDsr)
    notes.push(
      `The standard population (${source}) lacks some ESP2013 bands; standardised rates could not be calculated.`,
    );
  const out: DeathRate[] = [];
  for (const [area, periods] of byArea) {
    for (const [e, perBand] of periods) {
      let deaths = 0;
      let population = 0;
      const dsrBands: { count: number; population: number; standard: number }[] = [];
      bands.forEach((_, i) => {
        const { d, p } = perBand[i];
        deaths += d;
        population += p;
        dsrBands.push({ count: d, population: p, standard: bandWeights[i] ?? 0 });
      });
      out.push(bandRate(area, pooledLabel(e), deaths, population, dsrBands, withDsr));
    }
  }
  return out;
}

async function fromAgeBanded(
  engine: Engine,
  codes: string[],
  measure: DeathMeasure,
  sex: string,
  notes: string[],
): Promise<DeathRate[]> {
  const pooled = await pooledRates(engine, codes, measure, sex, notes);
  if (pooled) return pooled;
  // A semi-join on a list of the codes: cheaper than a long IN (?, ?, …) over a big table.
  const marks = `SELECT unnest([${codes.map(() => '?').join(', ')}])`;
  // One row per area, period and band label (Persons and Male + Female side by side), in a
  // fixed order: area, period, band.
  const r = await engine.query(
    personsPivot({
      keys: [
        'area_code',
        'CAST(period AS VARCHAR) AS period',
        'CAST(age_band AS VARCHAR) AS age_band',
      ],
      value: 'CAST(deaths AS DOUBLE)',
      from: 'deaths',
      where: `measure = ? AND area_code IN (${marks}) AND ${sexFilter(sex)} AND age_band <> 'All ages'`,
      having: `lower(age_band) NOT IN ('all ages', 'all')`,
      orderBy: 'area_code, period, age_band',
    }),
    sex === 'Persons' ? [measure, ...codes] : [measure, ...codes, sex],
  );
  const band = bandNormaliser();
  const resolved = resolvePivot(
    r.toRows().map((x) => ({
      key: `${str(x.area_code)}|${str(x.period)}|${band(str(x.age_band))}`,
      hasPersons: x.has_persons === true,
      persons: num(x.persons) ?? 0,
      other: num(x.other) ?? 0,
    })),
    sex,
  );
  const counts: BandCount[] = [...resolved].map(([k, deaths]) => {
    const [area, period, band] = k.split('|');
    return { area, period, band, deaths };
  });
  // England and the region, when the deaths table has no rows for them: summed from their UTLAs.
  const aggregates = codes.filter(
    (c) => (c === 'E92000001' || c.startsWith('E12')) && !counts.some((x) => x.area === c),
  );
  if (aggregates.length > 0 && (await tableExists(engine, 'areas'))) {
    const summed: string[] = [];
    for (const agg of aggregates) {
      const members = (
        await engine.query(
          agg === 'E92000001'
            ? `SELECT area_code FROM areas WHERE area_type = 'UTLA'`
            : `SELECT area_code FROM areas WHERE area_type = 'UTLA' AND region_code = ?`,
          agg === 'E92000001' ? [] : [agg],
        )
      )
        .toRows()
        .map((x) => str(x.area_code));
      if (members.length === 0) continue;
      const mm = members.map(() => '?').join(', ');
      const m = (
        await engine.query(
          `SELECT CAST(period AS VARCHAR) AS period, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(deaths AS DOUBLE)) AS deaths, count(DISTINCT area_code) AS n
           FROM deaths WHERE measure = ? AND area_code IN (${mm}) AND ${sexFilter(sex)}
             AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all')
           GROUP BY ALL`,
          sex === 'Persons' ? [measure, ...members] : [measure, ...members, sex],
        )
      ).toRows();
      if (m.length === 0) continue;
      const res = resolvePersons(
        m.map((x) => ({
          key: `${str(x.period)}|${normaliseBand(str(x.age_band))}`,
          sex: str(x.sex),
          value: num(x.deaths) ?? 0,
        })),
        sex,
      );
      for (const [k, deaths] of res) {
        const [period, band] = k.split('|');
        counts.push({ area: agg, period, band, deaths });
      }
      summed.push(agg === 'E92000001' ? 'England' : 'the region');
    }
    if (summed.length > 0)
      notes.push(
        `The deaths table has no rows for ${summed.join(' or ')}: deaths were summed from its upper-tier local authorities in the data (populations as published).`,
      );
  }
  return ratesFromBands(engine, poolPeriods(counts), codes, sex, notes);
}

async function fromRecords(
  engine: Engine,
  codes: string[],
  measure: DeathMeasure,
  sex: string,
  notes: string[],
): Promise<DeathRate[]> {
  const marks = codes.map(() => '?').join(', ');
  const measureCond =
    measure === 'drug_misuse'
      ? `regexp_matches(lower(coalesce(CAST(substances AS VARCHAR), '')), ?)`
      : 'TRUE';
  const cols = await tableColumns(engine, 'death_records');
  const knownCol = cols.has('known_to_treatment')
    ? `CASE WHEN known_to_treatment IS NULL THEN NULL WHEN lower(CAST(known_to_treatment AS VARCHAR)) IN ('true','t','1','yes','y') THEN 1 ELSE 0 END`
    : 'NULL';
  const params: (string | number)[] = [...codes];
  if (sex !== 'Persons') params.push(sex);
  if (measure === 'drug_misuse') params.push(CONTROLLED_DRUG_PATTERN);
  const r = (
    await engine.query(
      `WITH d AS (
         SELECT area_code, year(CAST(date_of_registration AS DATE)) AS y,
                CASE WHEN age IS NULL THEN NULL WHEN age >= 90 THEN '90+'
                     ELSE CAST(floor(age / 5) * 5 AS INTEGER) || '-' || CAST(floor(age / 5) * 5 + 4 AS INTEGER) END AS band,
                ${knownCol} AS known
         FROM death_records
         WHERE area_code IN (${marks}) AND ${sex === 'Persons' ? 'TRUE' : 'sex = ?'} AND ${measureCond}
       )
       SELECT area_code, CAST(y AS VARCHAR) AS period, band, count(*) AS deaths, sum(known) AS known, count(known) AS known_n
       FROM d WHERE y IS NOT NULL GROUP BY ALL`,
      params,
    )
  ).toRows();
  const noAge = r.filter((x) => x.band === null).reduce((s, x) => s + (num(x.deaths) ?? 0), 0);
  if (noAge > 0)
    notes.push(
      `${noAge} death record(s) without an age are counted in crude totals only where bands allow; they are left out of rates.`,
    );
  const counts: BandCount[] = r
    .filter((x) => x.band !== null)
    .map((x) => ({
      area: str(x.area_code),
      period: str(x.period),
      band: str(x.band),
      deaths: num(x.deaths) ?? 0,
    }));
  const rates = await ratesFromBands(engine, poolPeriods(counts), codes, sex, notes);
  // Known to treatment, pooled the same way (all records with a known/unknown answer).
  const known = new Map<string, { k: number; n: number }>();
  for (const x of r) {
    const area = str(x.area_code);
    const y = Number(x.period);
    for (const rate of rates) {
      if (rate.area_code !== area) continue;
      const ys = periodYears(rate.period);
      if (!ys.includes(y)) continue;
      const key = `${area}|${rate.period}`;
      const cur = known.get(key) ?? { k: 0, n: 0 };
      cur.k += num(x.known) ?? 0;
      cur.n += num(x.known_n) ?? 0;
      known.set(key, cur);
    }
  }
  for (const rate of rates) {
    const kn = known.get(`${rate.area_code}|${rate.period}`);
    if (kn && kn.n > 0) {
      const p = proportion(kn.k, kn.n, { multiplier: 100 });
      rate.known_to_treatment = kn.k;
      rate.known_pct = p.value;
      rate.known_lower = p.lower;
      rate.known_upper = p.upper;
    }
  }
  if (measure === 'drug_misuse')
    notes.push(
      'From death records, "drug misuse" means a controlled drug was cited in the substances (an approximation of the ONS definition, which uses the underlying cause of death).',
    );
  notes.push(
    'Death records were counted by year of registration and pooled into 3-year periods before any rate was calculated.',
  );
  return rates;
}

async function fromPublished(
  engine: Engine,
  codes: string[],
  measure: DeathMeasure,
  sex: string,
): Promise<DeathRate[]> {
  const cols = await tableColumns(engine, 'deaths');
  const opt = (c: string, cast = 'DOUBLE') =>
    cols.has(c) ? `CAST(${c} AS ${cast})` : `CAST(NULL AS ${cast})`;
  const marks = codes.map(() => '?').join(', ');
  const r = (
    await engine.query(
      `SELECT area_code, CAST(period AS VARCHAR) AS period, sum(CAST(deaths AS DOUBLE)) AS deaths,
              any_value(${opt('published_rate')}) AS rate, any_value(${opt('published_lower_95')}) AS lower,
              any_value(${opt('published_upper_95')}) AS upper, any_value(${opt('published_flag', 'VARCHAR')}) AS flag
       FROM deaths
       WHERE measure = ? AND sex = ? AND area_code IN (${marks})
         AND (age_band IS NULL OR lower(CAST(age_band AS VARCHAR)) IN ('all ages', 'all'))
       GROUP BY ALL`,
      [measure, sex, ...codes],
    )
  ).toRows();
  return r.map((x) => {
    const deaths = num(x.deaths);
    const rate = num(x.rate);
    const published = str(x.flag).trim().toLowerCase();
    const notesHere: string[] = [];
    let flag = '';
    if (rate === null) {
      flag = ':';
      notesHere.push(
        deaths !== null && deaths < 10
          ? 'not calculated (:): fewer than 10 deaths'
          : 'not calculated (:)',
      );
    } else if (published === 'u' || (deaths !== null && deaths < 20)) {
      flag = 'u';
      notesHere.push('u: low reliability, fewer than 20 deaths');
    }
    return {
      area_code: str(x.area_code),
      period: str(x.period),
      deaths,
      population: null,
      crude: null,
      crude_lower: null,
      crude_upper: null,
      dsr: rate,
      dsr_lower: num(x.lower),
      dsr_upper: num(x.upper),
      flag,
      note: notesHere.join('; '),
    };
  });
}

async function chooseSource(
  engine: Engine,
  requested: string,
): Promise<Exclude<DeathSource, 'auto'>> {
  if (requested === 'age-banded' || requested === 'published' || requested === 'records')
    return requested;
  if (await tableExists(engine, 'deaths')) {
    const cols = await tableColumns(engine, 'deaths');
    const banded = Number(
      (
        await engine.query(
          `SELECT count(*) AS n FROM (SELECT 1 FROM deaths WHERE lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') LIMIT 1)`,
        )
      ).toRows()[0]?.n ?? 0,
    );
    if (banded > 0 && (await tableExists(engine, 'population'))) return 'age-banded';
    if (cols.has('published_rate')) return 'published';
  }
  if (await tableExists(engine, 'death_records')) return 'records';
  return 'age-banded';
}

export async function runDrugDeaths(
  db: Engine,
  ctx: ViewContext,
  options: Record<string, string>,
): Promise<ViewResult> {
  // One catalog snapshot for the run instead of a statement per table/column question.
  const engine = withCatalog(db);
  const notes: string[] = [];
  const measure: DeathMeasure =
    options.measure === 'drug_poisoning' ? 'drug_poisoning' : 'drug_misuse';
  const sex = options.sex === 'Male' || options.sex === 'Female' ? options.sex : 'Persons';
  const source = await chooseSource(engine, options.source ?? 'auto');
  const areas = viewAreas(ctx);
  const codes = areas.map((a) => a.code);
  const roleOf = new Map<string, AreaRole>(areas.map((a) => [a.code, a.role]));

  let rates: DeathRate[];
  let synthetic: boolean;
  if (source === 'records') {
    if (!(await tableExists(engine, 'death_records')))
      throw new Error('The "records" source needs a "death_records" table.');
    if (!(await tableExists(engine, 'population')))
      throw new Error('Rates from death records need a "population" table.');
    rates = await fromRecords(engine, codes, measure, sex, notes);
    synthetic =
      (await isSynthetic(engine, 'death_records')) || (await isSynthetic(engine, 'population'));
  } else {
    if (!(await tableExists(engine, 'deaths')))
      throw new Error('Drug deaths need a "deaths" table.');
    if (source === 'published') {
      if (!(await tableColumns(engine, 'deaths')).has('published_rate'))
        throw new Error('The "published" source needs published_rate in the "deaths" table.');
      rates = await fromPublished(engine, codes, measure, sex);
      // Only the rows this source reads decide the label: real ONS rates sit beside synthetic
      // age-banded rows in the same table.
      synthetic = await isSynthetic(
        engine,
        'deaths',
        'published_rate IS NOT NULL OR published_flag IS NOT NULL',
      );
    } else {
      if (!(await tableExists(engine, 'population')))
        throw new Error('Age-banded rates need a "population" table.');
      rates = await fromAgeBanded(engine, codes, measure, sex, notes);
      synthetic =
        (await isSynthetic(engine, 'deaths', "age_band <> 'All ages'")) ||
        (await isSynthetic(engine, 'population'));
    }
  }

  const names = await areaNames(engine, codes, source === 'records' ? undefined : 'deaths');
  const focalName = names.get(ctx.focalArea) ?? ctx.focalAreaName;
  const allPeriods = sortPeriods(rates.map((r) => r.period));
  const focalPeriods = rates.filter((r) => r.area_code === ctx.focalArea).map((r) => r.period);
  const latest = pickPeriod(focalPeriods.length > 0 ? focalPeriods : allPeriods, ctx.latestPeriod);
  const rateLabel =
    source === 'published' ? 'Age-standardised rate (published)' : 'Age-standardised rate (DSR)';
  const byKey = new Map(rates.map((r) => [`${r.area_code}|${r.period}`, r]));
  const england = (p: string) => byKey.get(`E92000001|${p}`);
  const region = (p: string) => (ctx.regionCode ? byKey.get(`${ctx.regionCode}|${p}`) : undefined);

  const compare = (r: DeathRate, b: DeathRate | undefined): string => {
    if (!b || r.area_code === b.area_code) return '';
    return significanceLabel(
      compareWithBenchmark(
        { value: r.dsr, lower95: r.dsr_lower, upper95: r.dsr_upper },
        { value: b.dsr },
        { polarity: 'low-is-good' },
      ),
    );
  };

  const indicators: IndicatorRow[] = [];
  const baseName = `${MEASURE_LABEL[measure]}`;
  const method =
    source === 'published'
      ? 'ONS published age-standardised rate (ESP2013), 95% CI'
      : 'Directly age-standardised rate (ESP2013), Dobson 95% CI';
  const sorted = [...rates].sort(
    (a, b) =>
      roleOrder(roleOf.get(a.area_code)) - roleOrder(roleOf.get(b.area_code)) ||
      periodSortKey(a.period) - periodSortKey(b.period),
  );
  for (const r of sorted) {
    const name = names.get(r.area_code) ?? r.area_code;
    const common = {
      area_code: r.area_code,
      area_name: name,
      period: r.period,
      sex,
      age: 'All ages',
      synthetic,
      count: r.deaths,
      denominator: r.population,
    };
    indicators.push(
      indicatorRow({
        ...common,
        indicator_id: `${measure}_deaths_asr`,
        indicator_name: `${baseName}: age-standardised rate per 100,000`,
        value: r.dsr,
        lower_95: r.dsr_lower,
        upper_95: r.dsr_upper,
        unit: 'per 100,000',
        polarity: 'low_is_good',
        note: r.note,
        method,
      }),
    );
    if (source !== 'published')
      indicators.push(
        indicatorRow({
          ...common,
          indicator_id: `${measure}_deaths_crude`,
          indicator_name: `${baseName}: crude rate per 100,000`,
          value: r.crude,
          lower_95: r.crude_lower,
          upper_95: r.crude_upper,
          unit: 'per 100,000',
          polarity: 'low_is_good',
          note:
            r.deaths !== null && r.deaths < 3
              ? 'crude rate not shown: fewer than 3 deaths'
              : r.deaths !== null && r.deaths < 20
                ? 'u: low reliability, fewer than 20 deaths'
                : '',
          method: 'Crude rate, exact (under 10) or Byar’s 95% CI',
        }),
      );
    if (r.known_pct !== undefined && r.known_pct !== null)
      indicators.push(
        indicatorRow({
          ...common,
          indicator_id: `${measure}_deaths_known_to_treatment`,
          indicator_name: `${baseName}: % known to treatment services`,
          value: r.known_pct,
          lower_95: r.known_lower ?? null,
          upper_95: r.known_upper ?? null,
          count: r.known_to_treatment ?? null,
          denominator: r.deaths,
          unit: '%',
          polarity: 'none',
          note: '',
          method: 'Proportion, Wilson 95% CI',
        }),
      );
  }

  // Display table: every view area, latest period.
  const rows: Row[] = [];
  if (latest) {
    for (const a of areas) {
      const r = byKey.get(`${a.code}|${latest}`);
      if (!r) continue;
      rows.push({
        area_name: names.get(a.code) ?? a.code,
        area_code: a.code,
        role: ROLE_LABEL[a.role],
        period: r.period,
        deaths: r.deaths,
        population: r.population,
        crude: r.crude,
        crude_lower: r.crude_lower,
        crude_upper: r.crude_upper,
        dsr: r.dsr,
        dsr_lower: r.dsr_lower,
        dsr_upper: r.dsr_upper,
        flag: r.flag,
        vs_england: compare(r, england(latest)),
        vs_region: compare(r, region(latest)),
        known_pct: r.known_pct ?? null,
        known_lower: r.known_lower ?? null,
        known_upper: r.known_upper ?? null,
        note: r.note,
        synthetic,
      });
    }
  }
  const columns: ViewTable['columns'] = [
    { key: 'area_name', label: 'Area', format: 'text' },
    { key: 'role', label: 'Role', format: 'text' },
    { key: 'period', label: 'Period', format: 'text' },
    { key: 'deaths', label: 'Deaths', format: 'count', numeric: true },
  ];
  if (source !== 'published')
    columns.push(
      { key: 'population', label: 'Population (sum of 3 years)', format: 'count', numeric: true },
      { key: 'crude', label: 'Crude rate per 100,000', format: 'rate', numeric: true },
      { key: 'crude_lower', label: 'Crude lower 95%', format: 'rate', numeric: true },
      { key: 'crude_upper', label: 'Crude upper 95%', format: 'rate', numeric: true },
    );
  columns.push(
    { key: 'dsr', label: `${rateLabel} per 100,000`, format: 'rate', numeric: true },
    { key: 'dsr_lower', label: 'Lower 95%', format: 'rate', numeric: true },
    { key: 'dsr_upper', label: 'Upper 95%', format: 'rate', numeric: true },
    { key: 'flag', label: 'ONS flag (: not calculated, u low reliability)', format: 'text' },
    { key: 'vs_england', label: 'Compared with England', format: 'text' },
    { key: 'vs_region', label: 'Compared with region', format: 'text' },
  );
  if (source === 'records')
    columns.push(
      { key: 'known_pct', label: '% known to treatment', format: 'percent', numeric: true },
      { key: 'known_lower', label: 'Known lower 95%', format: 'percent', numeric: true },
      { key: 'known_upper', label: 'Known upper 95%', format: 'percent', numeric: true },
    );
  columns.push({ key: 'note', label: 'Note', format: 'text' });

  // Trend table for the focal area.
  const trendRows: Row[] = rates
    .filter((r) => r.area_code === ctx.focalArea)
    .sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period))
    .map((r) => ({
      period: r.period,
      deaths: r.deaths,
      dsr: r.dsr,
      dsr_lower: r.dsr_lower,
      dsr_upper: r.dsr_upper,
      flag: r.flag,
      england: england(r.period)?.dsr ?? null,
      vs_england: compare(r, england(r.period)),
      note: r.note,
    }));

  const tables: ViewTable[] = [
    {
      caption: `${baseName}, ${sex}, ${latest ?? ''}: focal area, England, region and comparators`,
      columns,
      rows,
    },
    {
      caption: `${baseName}, ${sex}: ${focalName} over time`,
      columns: [
        { key: 'period', label: 'Period', format: 'text' },
        { key: 'deaths', label: 'Deaths', format: 'count', numeric: true },
        { key: 'dsr', label: `${rateLabel} per 100,000`, format: 'rate', numeric: true },
        { key: 'dsr_lower', label: 'Lower 95%', format: 'rate', numeric: true },
        { key: 'dsr_upper', label: 'Upper 95%', format: 'rate', numeric: true },
        { key: 'flag', label: 'ONS flag', format: 'text' },
        { key: 'england', label: 'England', format: 'rate', numeric: true },
        { key: 'vs_england', label: 'Compared with England', format: 'text' },
        { key: 'note', label: 'Note', format: 'text' },
      ],
      rows: trendRows,
    },
  ];

  // Charts.
  const charts: ViewResult['charts'] = [];
  const focalLatest = latest ? byKey.get(`${ctx.focalArea}|${latest}`) : undefined;
  const engLatest = latest ? england(latest) : undefined;
  const regLatest = latest ? region(latest) : undefined;
  const sentence = (): string => {
    if (!focalLatest) return `No figure for ${focalName}.`;
    if (focalLatest.dsr === null)
      return `${focalName} ${latest}: ${focalLatest.deaths ?? '?'} deaths, rate not calculated (fewer than 10 deaths).`;
    let s = `${focalName} ${fmt(focalLatest.dsr)} per 100,000 (95% CI ${fmt(focalLatest.dsr_lower)}–${fmt(focalLatest.dsr_upper)}, ${focalLatest.deaths} deaths) in ${latest}${focalLatest.flag === 'u' ? ' (u: low reliability)' : ''}`;
    if (engLatest && engLatest.dsr !== null) {
      const dir =
        focalLatest.dsr > engLatest.dsr
          ? 'higher than'
          : focalLatest.dsr < engLatest.dsr
            ? 'lower than'
            : 'the same as';
      const sig = compare(focalLatest, engLatest);
      s += `, ${dir} England ${fmt(engLatest.dsr)}`;
      s +=
        sig === 'Similar' ? ' but not significantly different (Similar)' : sig ? ` (${sig})` : '';
    }
    if (regLatest && regLatest.dsr !== null)
      s += `; region ${names.get(regLatest.area_code) ?? ''} ${fmt(regLatest.dsr)} (${compare(focalLatest, regLatest) || 'not compared'})`;
    return s + '.';
  };
  const trendData: Row[] = [];
  for (const r of rates) {
    const role = roleOf.get(r.area_code);
    if (role !== 'focal' && role !== 'england' && role !== 'region') continue;
    trendData.push({
      period: r.period,
      series:
        role === 'focal'
          ? `${names.get(r.area_code)} (focal area)`
          : (names.get(r.area_code) ?? r.area_code),
      series_role: ROLE_LABEL[role],
      value: r.dsr,
      lower: r.dsr_lower,
      upper: r.dsr_upper,
      deaths: r.deaths,
      flag: r.flag,
    });
  }
  trendData.sort((a, b) => roleOrderLabel(str(a.series_role)) - roleOrderLabel(str(b.series_role)));
  const focalTrend = trendRows.filter((r) => r.dsr !== null);
  const trendDesc =
    `Line chart of ${baseName.toLowerCase()} (${source === 'published' ? 'published age-standardised rate' : 'directly age-standardised rate'} per 100,000, ${sex}) by 3-year period for ${focalName} with its 95% confidence interval as a shaded band, and England${ctx.regionName ? ` and ${ctx.regionName}` : ''} as comparison lines. ` +
    (focalTrend.length >= 2
      ? `${focalName} went from ${fmt(num(focalTrend[0].dsr))} in ${focalTrend[0].period} to ${fmt(num(focalTrend[focalTrend.length - 1].dsr))} in ${focalTrend[focalTrend.length - 1].period}. `
      : '') +
    sentence() +
    (trendRows.some((r) => r.flag === ':')
      ? ' Periods with fewer than 10 deaths are not calculated and have no point.'
      : '');
  charts.push({
    title: `${baseName}: trend`,
    description: trendDesc,
    spec: trendSpec({
      title: `${baseName}, ${sex}: ${focalName}`,
      description: trendDesc,
      rows: trendData,
      yTitle: `${rateLabel} per 100,000`,
      periods: allPeriods,
    }),
  });
  if (latest) {
    const bars: RankedBarRow[] = rows.map((r) => {
      const role = roleOf.get(str(r.area_code)) ?? 'comparator';
      const name = str(r.area_name);
      return {
        label: rankedBarLabel(name, role),
        value: num(r.dsr),
        lower: num(r.dsr_lower),
        upper: num(r.dsr_upper),
        role: ROLE_LABEL[role],
        marker: (role === 'focal' ? '◀ focal area ' : '') + (r.flag === 'u' ? 'u' : ''),
      };
    });
    const notCalc = rows.filter((r) => r.flag === ':').map((r) => str(r.area_name));
    const barDesc =
      `Ranked bar chart of ${baseName.toLowerCase()} per 100,000 in ${latest} with 95% confidence intervals, for ${focalName}, England, the region and comparator areas. ` +
      sentence() +
      (notCalc.length > 0 ? ` Not calculated (fewer than 10 deaths): ${notCalc.join(', ')}.` : '');
    charts.push({
      title: `${baseName}: comparison, ${latest}`,
      description: barDesc,
      spec: rankedBarSpec({
        title: `${baseName}, ${sex}, ${latest}`,
        description: barDesc,
        rows: bars,
        xTitle: `${rateLabel} per 100,000`,
      }),
    });
  }

  const notCalculated = rates.filter((r) => r.flag === ':').length;
  const lowReliability = rates.filter((r) => r.flag === 'u').length;
  if (notCalculated > 0)
    notes.push(
      `${notCalculated} area-period rate(s) not calculated (":"): fewer than 10 deaths (ONS rule). They are listed, not hidden.`,
    );
  if (lowReliability > 0)
    notes.push(
      `${lowReliability} area-period rate(s) flagged "u" (low reliability): fewer than 20 deaths.`,
    );
  if (!rates.some((r) => r.area_code === 'E92000001'))
    notes.push('No England figure in the data: comparisons with England are not made.');
  if (!rates.some((r) => r.area_code === ctx.focalArea))
    notes.push(`No ${baseName.toLowerCase()} for ${focalName} (${ctx.focalArea}).`);

  const methodNote =
    source === 'published'
      ? 'ONS published age-standardised rates (ESP2013) with 95% CI, 3-year registration periods; ":" not calculated where deaths < 10, "u" low reliability where deaths < 20; compared with England by 95% CI (low is good).'
      : `Directly age-standardised to ESP2013; 95% CI by Dobson's method; crude rate with exact (< 10) or Byar's CI; 3-year pooled deaths / summed populations; not calculated where deaths < 10, "u" where < 20, no crude rate where < 3${source === 'records' ? '; known to treatment: Wilson 95% CI' : ''}.`;
  return { indicators, tables, charts, methodNote, notes, synthetic };
}

function roleOrder(role: AreaRole | undefined): number {
  return role === 'focal' ? 0 : role === 'england' ? 1 : role === 'region' ? 2 : 3;
}
function roleOrderLabel(label: string): number {
  return label === 'Focal area' ? 0 : label === 'England' ? 1 : label === 'Region' ? 2 : 3;
}

export const drugDeathsView: ViewDefinition = {
  id: 'drug-deaths',
  title: 'Drug-related deaths',
  description:
    'Deaths from drug misuse or drug poisoning per 100,000 for 3-year registration periods: the focal area over time and against England, its region and comparator areas, with ONS rules for small numbers shown.',
  requires: [{ tables: ['deaths', 'death_records'], howToGet: 'ONS drug deaths by local authority, or record-level death reviews' }],
  options: [
    {
      key: 'source',
      label: 'Data',
      choices: [
        { value: 'auto', label: 'Best available' },
        { value: 'age-banded', label: 'Age-banded deaths and population (calculate rates)' },
        { value: 'published', label: 'ONS published rates' },
        { value: 'records', label: 'Local death records' },
      ],
      default: 'auto',
    },
    {
      key: 'measure',
      label: 'Measure',
      choices: [
        { value: 'drug_misuse', label: 'Deaths from drug misuse' },
        { value: 'drug_poisoning', label: 'Deaths related to drug poisoning' },
      ],
      default: 'drug_misuse',
    },
    {
      key: 'sex',
      label: 'Sex',
      choices: [
        { value: 'Persons', label: 'Persons' },
        { value: 'Male', label: 'Male' },
        { value: 'Female', label: 'Female' },
      ],
      default: 'Persons',
    },
  ],
  run: (ctx, options) => runDrugDeaths(ctx.engine, ctx, options),
};
