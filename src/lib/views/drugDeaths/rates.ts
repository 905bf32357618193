/**
 * Rates from age-banded deaths and population: crude rate and ESP2013 directly standardised
 * rate with 95% CIs per area and pooled period, under the ONS display rules
 * (src/lib/stats/onsRules.ts): no crude rate under 3 deaths, no DSR under 10 (":"), "u" under 20.
 * Pure: the rows come in, rates and the caveats met go out.
 */
import type { Row } from '../../engine/types';
import { isAggregateCode } from '../../domain/areas';
import { periodYears, pooledLabel } from '../../domain/periods';
import { crudeRate, dsr, esp2013, onsDeathDisplayRule } from '../../stats';
import { num, str } from '../common';
import {
  RULE_TEXT,
  type BandCount,
  type DeathRate,
  type RatesWithNotes,
  type StandardisedBand,
  type StandardWeights,
} from './model';

const lacksBandsNote = (source: string) =>
  `The standard population (${source}) lacks some ESP2013 bands; standardised rates could not be calculated.`;

/** A rate row with its counts and no rate yet: the rates are filled in under the display rules. */
export function emptyRate(
  area: string,
  period: string,
  deaths: number | null,
  population: number | null,
): DeathRate {
  return {
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
}

/** The crude rate per 100,000 with its 95% limits (exact under 10 deaths, else Byar's). */
export function setCrudeRate(rate: DeathRate, deaths: number, population: number): void {
  const c = crudeRate(deaths, population);
  rate.crude = c.value;
  rate.crude_lower = c.lower;
  rate.crude_upper = c.upper;
}

/**
 * The rate for one area and pooled period from its band totals (deaths summed over bands,
 * population null when a band or year has none): crude rate (shown from 3 deaths), DSR (from
 * 10), "u" under 20.
 */
export function bandRate(
  area: string,
  period: string,
  deaths: number,
  population: number | null,
  dsrBands: StandardisedBand[],
  withDsr: boolean,
): DeathRate {
  const rate = emptyRate(area, period, deaths, population);
  const rule = onsDeathDisplayRule(Number.isInteger(deaths) ? deaths : Math.round(deaths));
  const notesHere: string[] = [];
  if (population === null) {
    notesHere.push('no population for every age band and year');
  } else {
    if (rule.crudeShown) setCrudeRate(rate, deaths, population);
    else notesHere.push(RULE_TEXT.noCrude);
    if (withDsr) {
      const d = dsr(dsrBands);
      rate.dsr = d.value;
      rate.dsr_lower = d.lower;
      rate.dsr_upper = d.upper;
    }
  }
  if (!rule.dsrCalculated) {
    rate.flag = ':';
    notesHere.unshift(RULE_TEXT.notCalculated);
  } else if (rule.unreliable) {
    rate.flag = 'u';
    notesHere.unshift(RULE_TEXT.lowReliability);
  }
  rate.note = notesHere.join('; ');
  return rate;
}

/**
 * The ESP2013 band scheme both sides can meet: 18 bands (85+) when either the deaths or the
 * population stop at 85+, else 19 (85-89, 90+); <1 and 1-4 always fold into 0-4.
 */
function bandScheme(deathBands: Set<string>, popBands: Set<string>) {
  const use18 = deathBands.has('85+') || (!popBands.has('90+') && popBands.has('85+'));
  const mapBand = (b: string): string => {
    if (use18 && (b === '85-89' || b === '90+')) return '85+';
    if (b === '<1' || b === '1-4') return '0-4';
    return b;
  };
  const bands = (use18 ? esp2013.bands18 : esp2013.bands19).map((b) => b.ageBand);
  return { use18, mapBand, bands };
}

/**
 * Population of an area over some years in one band of the scheme, summing parts (85-89 + 90+,
 * <1 + 1-4) where the whole is not given; a missing year takes the nearest year the area has,
 * recorded in `substituted` (wanted year → year used) for a note.
 */
function populationLookup(pop: Map<string, number>, use18: boolean) {
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
  /** The whole band, or the sum of its two parts when both are given. */
  const whole = (area: string, y: number, band: string, p1: string, p2: string) => {
    const a = pop.get(`${area}|${y}|${band}`);
    const x = pop.get(`${area}|${y}|${p1}`);
    const z = pop.get(`${area}|${y}|${p2}`);
    return a ?? (x !== undefined && z !== undefined ? x + z : undefined);
  };
  const popFor = (area: string, years: number[], band: string): number | null => {
    let total = 0;
    for (const wanted of years) {
      const y = popYear(area, wanted);
      let v: number | undefined;
      if (band === '85+' && use18) v = whole(area, y, '85+', '85-89', '90+');
      else if (band === '0-4') v = whole(area, y, '0-4', '<1', '1-4');
      else v = pop.get(`${area}|${y}|${band}`);
      if (v === undefined) return null;
      total += v;
    }
    return total;
  };
  return { popFor, substituted };
}

/**
 * Rates from band counts (deaths per area, pooled period and band) and population by
 * `area|year|band`: every band of the scheme must have a positive population in every year of
 * the period, else the rate is not calculated and a note lists where.
 */
export function ratesFromBands(
  counts: BandCount[],
  pop: Map<string, number>,
  standard: StandardWeights,
): RatesWithNotes {
  const notes: string[] = [];
  const popBands = new Set([...pop.keys()].map((k) => k.split('|')[2]));
  const { use18, mapBand, bands } = bandScheme(new Set(counts.map((c) => c.band)), popBands);
  const bandWeights = bands.map((b) => standard.weights.get(b) ?? null);
  const withDsr = bandWeights.every((w) => w !== null);
  if (!withDsr) notes.push(lacksBandsNote(standard.source));
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
  const { popFor, substituted } = populationLookup(pop, use18);
  const rates: DeathRate[] = [];
  const missingPop = new Set<string>();
  for (const [area, ps] of periods) {
    for (const period of ps) {
      const years = periodYears(period);
      let deaths = 0;
      const dsrBands: StandardisedBand[] = [];
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
      rates.push(bandRate(area, period, deaths, popOk ? population : null, dsrBands, withDsr));
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
  return { rates, notes };
}

/**
 * Whether the one-statement pooled result (`pooledRatesQuery`) can be used: every row `ok`, and
 * England and the region present (otherwise they are summed from their authorities, which only
 * the general path does).
 */
export function pooledRowsUsable(rows: Row[], codes: string[]): boolean {
  if (rows.some((x) => x.ok !== true)) return false;
  const present = new Set(rows.map((x) => str(x.area_code)));
  return !codes.some((c) => isAggregateCode(c) && !present.has(c));
}

/**
 * Rates from the pooled statement's rows (area, period end `e`, band index `i`, deaths,
 * population) in the 19 ESP2013 bands; null when a band's population is missing or not
 * positive, and the general path, which says where, must be taken.
 */
export function ratesFromPooledRows(rows: Row[], standard: StandardWeights): RatesWithNotes | null {
  const bands = esp2013.bands19.map((b) => b.ageBand);
  const bandWeights = bands.map((b) => standard.weights.get(b) ?? null);
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
  const notes = withDsr ? [] : [lacksBandsNote(standard.source)];
  const rates: DeathRate[] = [];
  for (const [area, periods] of byArea) {
    for (const [e, perBand] of periods) {
      let deaths = 0;
      let population = 0;
      const dsrBands: StandardisedBand[] = [];
      bands.forEach((_, i) => {
        const { d, p } = perBand[i];
        deaths += d;
        population += p;
        dsrBands.push({ count: d, population: p, standard: bandWeights[i] ?? 0 });
      });
      rates.push(bandRate(area, pooledLabel(e), deaths, population, dsrBands, withDsr));
    }
  }
  return { rates, notes };
}
