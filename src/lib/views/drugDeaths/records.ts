/**
 * Record-level death reviews: counted by area, year of registration and age band in SQL
 * (`deathRecordsQuery`), then pooled and rated like age-banded deaths; plus the share of the
 * deaths known to treatment services, pooled over the same three years (Wilson 95% CI).
 */
import type { Row } from '../../engine/types';
import { periodYears } from '../../domain/periods';
import { proportion } from '../../stats';
import { num, str } from '../common';
import type { BandCount, DeathMeasure, DeathRate } from './model';

/** Band counts from the records query; records without an age are left out, with a note. */
export function recordCounts(rows: Row[]): { counts: BandCount[]; notes: string[] } {
  const noAge = rows.filter((x) => x.band === null).reduce((s, x) => s + (num(x.deaths) ?? 0), 0);
  const notes =
    noAge > 0
      ? [
          `${noAge} death record(s) without an age are counted in crude totals only where bands allow; they are left out of rates.`,
        ]
      : [];
  const counts = rows
    .filter((x) => x.band !== null)
    .map((x) => ({
      area: str(x.area_code),
      period: str(x.period),
      band: str(x.band),
      deaths: num(x.deaths) ?? 0,
    }));
  return { counts, notes };
}

/**
 * The rates with the share known to treatment added: of the records (with or without an age)
 * that answered the question, in the years of each rate's period. Rates whose records never
 * answered are returned as they were.
 */
export function withKnownToTreatment(rates: DeathRate[], rows: Row[]): DeathRate[] {
  const known = new Map<string, { k: number; n: number }>();
  for (const x of rows) {
    const area = str(x.area_code);
    const y = Number(x.period);
    for (const rate of rates) {
      if (rate.area_code !== area) continue;
      if (!periodYears(rate.period).includes(y)) continue;
      const key = `${area}|${rate.period}`;
      const cur = known.get(key) ?? { k: 0, n: 0 };
      cur.k += num(x.known) ?? 0;
      cur.n += num(x.known_n) ?? 0;
      known.set(key, cur);
    }
  }
  return rates.map((rate) => {
    const kn = known.get(`${rate.area_code}|${rate.period}`);
    if (!kn || kn.n <= 0) return rate;
    const p = proportion(kn.k, kn.n, { multiplier: 100 });
    return {
      ...rate,
      known_to_treatment: kn.k,
      known_pct: p.value,
      known_lower: p.lower,
      known_upper: p.upper,
    };
  });
}

/** What a reader of rates from records must know: how misuse is defined and how they were pooled. */
export function recordNotes(measure: DeathMeasure): string[] {
  return [
    ...(measure === 'drug_misuse'
      ? [
          'From death records, "drug misuse" means a controlled drug was cited in the substances (an approximation of the ONS definition, which uses the underlying cause of death).',
        ]
      : []),
    'Death records were counted by year of registration and pooled into 3-year periods before any rate was calculated.',
  ];
}
