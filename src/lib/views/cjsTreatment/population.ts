/**
 * Adults (18+) by area from a population table that may hold an 18+ band, or only five-year
 * bands (then 18+ is approximated from the band that straddles 18). Pure.
 */
import type { Row } from '../../engine/types';
import { num, str } from '../common';

/** Adults (18+) in a population age band: the overlap of the band with 18+ as a fraction. */
export function adultFraction(band: string): number | null {
  const b = band.trim();
  if (b === '18+') return 1;
  let m = /^(\d+)-(\d+)$/.exec(b);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < 18) return 0;
    if (from >= 18) return 1;
    return (to - 17) / (to - from + 1);
  }
  m = /^(\d+)\+$/.exec(b);
  if (m) return Number(m[1]) >= 18 ? 1 : null;
  m = /^(\d+)$/.exec(b);
  if (m) return Number(m[1]) >= 18 ? 1 : 0;
  return null;
}

/** The population year to use: the wanted one, else the latest before it, else the first. */
export function populationYear(
  years: readonly number[],
  wanted: number,
): { year: number | null; notes: string[] } {
  if (years.length === 0) return { year: null, notes: [] };
  const year = years.includes(wanted)
    ? wanted
    : (years.filter((y) => y <= wanted).pop() ?? years[0]);
  return {
    year,
    notes:
      year === wanted
        ? []
        : [`Adult population for ${wanted} not in the data; ${year} mid-year estimates used.`],
  };
}

/** Adult population by area (Persons, or Male + Female), from rows by area, sex and age band. */
export function adultPopulation(
  rows: readonly Row[],
  codes: readonly string[],
): { adults: Map<string, number>; notes: string[] } {
  const adults = new Map<string, number>();
  let approximated = false;
  for (const code of codes) {
    const mine = rows.filter((r) => str(r.area_code) === code);
    const persons = mine.filter((r) => str(r.sex) === 'Persons');
    const use =
      persons.length > 0
        ? persons
        : mine.filter((r) => str(r.sex) === 'Male' || str(r.sex) === 'Female');
    const direct = use.filter((r) => str(r.age_band) === '18+');
    if (direct.length > 0) {
      adults.set(
        code,
        direct.reduce((s, r) => s + (num(r.population) ?? 0), 0),
      );
      continue;
    }
    let total = 0;
    let any = false;
    for (const r of use) {
      const band = str(r.age_band);
      if (band === 'All ages') continue;
      const f = adultFraction(band);
      if (f === null) continue;
      if (f > 0 && f < 1) approximated = true;
      total += f * (num(r.population) ?? 0);
      any = true;
    }
    if (any) adults.set(code, total);
  }
  return {
    adults,
    notes: approximated
      ? [
          'Adults 18+ taken as the bands from 20 up plus 2/5 of the 15-19 band (population by 5-year band has no 18+ split).',
        ]
      : [],
  };
}
