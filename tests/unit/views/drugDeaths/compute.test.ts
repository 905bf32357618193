/**
 * The pure parts of the drug-deaths view, without an engine: band labels, pooling, Persons from
 * Male + Female, rates under the ONS rules (thresholds read from src/lib/stats/onsRules.ts, so a
 * change there moves these tests with it) and the statistics checked against src/lib/stats.
 */
import { describe, expect, it } from 'vitest';
import {
  crudeRate,
  dsr,
  esp2013,
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
  proportion,
} from '../../../../src/lib/stats';
import {
  normaliseBand,
  resolvePersons,
  resolvePivot,
  standardWeights,
} from '../../../../src/lib/views/drugDeaths/bands';
import type { BandCount } from '../../../../src/lib/views/drugDeaths/model';
import { poolPeriods } from '../../../../src/lib/views/drugDeaths/pooling';
import {
  bandRate,
  pooledRowsUsable,
  ratesFromBands,
  ratesFromPooledRows,
} from '../../../../src/lib/views/drugDeaths/rates';
import { recordCounts, withKnownToTreatment } from '../../../../src/lib/views/drugDeaths/records';

const BANDS = esp2013.bands19.map((b) => b.ageBand);
const ESP = standardWeights(null);
const AREA = 'E06000031';

/** Population by `area|year|band`: `perBand` in every band of every year. */
function population(area: string, years: number[], perBand: number, bands = BANDS) {
  const pop = new Map<string, number>();
  for (const y of years) for (const b of bands) pop.set(`${area}|${y}|${b}`, perBand);
  return pop;
}

/** Annual deaths in one band per year (25-29, 30-34, …), `total` per year, pooled. */
function deaths(area: string, years: number[], total: number): BandCount[] {
  return poolPeriods(
    years.map((y, i) => ({
      area,
      period: String(y),
      band: BANDS[5 + (i % 10)],
      deaths: total,
    })),
  );
}

describe('band labels and sexes', () => {
  it('normalises band labels to the ESP2013 spelling', () => {
    expect(normaliseBand('85 to 89')).toBe('85-89');
    expect(normaliseBand(' 90 and over ')).toBe('90+');
    expect(normaliseBand('05-09')).toBe('5-9');
    expect(normaliseBand('ALL AGES')).toBe('All ages');
    expect(normaliseBand('<1')).toBe('<1');
  });

  it('takes Persons where a key has it, else Male + Female', () => {
    const rows = [
      { key: 'a', sex: 'Male', value: 1 },
      { key: 'a', sex: 'Female', value: 2 },
      { key: 'b', sex: 'Male', value: 1 },
      { key: 'b', sex: 'Persons', value: 10 },
    ];
    expect([...resolvePersons(rows, 'Persons')]).toEqual([
      ['a', 3],
      ['b', 10],
    ]);
    expect(
      resolvePivot(
        [
          { key: 'x', hasPersons: false, persons: 0, other: 4 },
          { key: 'x', hasPersons: true, persons: 7, other: 3 },
          { key: 'y', hasPersons: false, persons: 0, other: 5 },
        ],
        'Persons',
      ),
    ).toEqual(
      new Map([
        ['x', 7],
        ['y', 5],
      ]),
    );
  });

  it('uses the standard_population table when it has rows, else ESP2013', () => {
    expect(ESP.source).toBe('ESP2013');
    expect(ESP.weights.get('85+')).toBe(2500);
    const own = standardWeights([
      { age_band: '85 to 89', weight: 1 },
      { age_band: '90 and over', weight: 2 },
    ]);
    expect(own.source).toBe('standard_population table');
    expect(own.weights.get('85+')).toBe(3);
    expect(standardWeights([]).source).toBe('ESP2013');
  });
});

describe('pooling', () => {
  it('pools three consecutive years, passes pooled labels through, skips gaps', () => {
    const rows: BandCount[] = [
      { area: AREA, period: '2016-18', band: '30-34', deaths: 9 },
      ...[2019, 2020, 2021, 2023].map((y) => ({
        area: AREA,
        period: String(y),
        band: '30-34',
        deaths: y - 2018,
      })),
    ];
    expect(poolPeriods(rows)).toEqual([
      { area: AREA, period: '2016-18', band: '30-34', deaths: 9 },
      { area: AREA, period: '2019-21', band: '30-34', deaths: 1 + 2 + 3 },
    ]);
  });
});

describe('rates under the ONS rules', () => {
  const bandsWith = (total: number) =>
    BANDS.map((b, i) => ({
      count: i === 6 ? total : 0,
      population: 30000,
      standard: esp2013.bands19[i].weight,
    }));
  const rate = (n: number) => bandRate(AREA, '2019-21', n, 30000 * 19, bandsWith(n), true);

  it('does not calculate a DSR under the ONS minimum, flags low reliability, hides small crude rates', () => {
    const below = rate(ONS_MINIMUM_DEATHS_FOR_ASR - 1);
    expect(below.flag).toBe(':');
    expect(below.dsr).toBeNull();
    expect(below.crude).not.toBeNull();
    expect(below.note).toMatch(/^not calculated \(:\)/);

    const at = rate(ONS_MINIMUM_DEATHS_FOR_ASR);
    expect(at.flag).toBe('u');
    expect(at.dsr).toBe(dsr(bandsWith(ONS_MINIMUM_DEATHS_FOR_ASR)).value);

    expect(rate(ONS_RELIABLE_DEATHS - 1).flag).toBe('u');
    expect(rate(ONS_RELIABLE_DEATHS).flag).toBe('');
    expect(rate(ONS_RELIABLE_DEATHS).note).toBe('');

    const tiny = rate(ONS_MINIMUM_DEATHS_FOR_CRUDE - 1);
    expect(tiny.crude).toBeNull();
    expect(tiny.note).toContain('crude rate not shown');
  });

  it('pools deaths and sums populations over the three years (DSR and crude as src/lib/stats)', () => {
    const years = [2019, 2020, 2021];
    const { rates, notes } = ratesFromBands(
      deaths(AREA, years, 12),
      population(AREA, years, 1000),
      ESP,
    );
    expect(notes).toEqual([]);
    expect(rates).toHaveLength(1);
    const [r] = rates;
    expect(r.period).toBe('2019-21');
    expect(r.deaths).toBe(36);
    expect(r.population).toBe(1000 * 19 * 3);
    expect(r.crude).toBe(crudeRate(36, 1000 * 19 * 3).value);
    const bands = BANDS.map((b, i) => ({
      count: i >= 5 && i <= 7 ? 12 : 0,
      population: 3000,
      standard: esp2013.bands19[i].weight,
    }));
    expect(r.dsr).toBe(dsr(bands).value);
    expect(r.dsr_lower).toBe(dsr(bands).lower);
  });

  it('uses the nearest year of population, and says so; no rate where a band has none', () => {
    const years = [2019, 2020, 2021];
    const nearest = ratesFromBands(
      deaths(AREA, years, 12),
      population(AREA, [2019, 2020], 1000),
      ESP,
    );
    expect(nearest.rates[0].dsr).not.toBeNull();
    expect(nearest.notes).toEqual([
      "No population estimates for 2021: the nearest year's estimates were used (2021 → 2020).",
    ]);

    const gap = ratesFromBands(
      deaths(AREA, years, 12),
      population(AREA, years, 1000, BANDS.slice(1)),
      ESP,
    );
    expect(gap.rates[0].population).toBeNull();
    expect(gap.rates[0].dsr).toBeNull();
    expect(gap.notes[0]).toContain(`No population for every age band and year of: ${AREA} 2019-21`);
  });

  it('leaves unknown bands out and says so; no DSR without every standard weight', () => {
    const years = [2019, 2020, 2021];
    const counts = [
      ...deaths(AREA, years, 12),
      { area: AREA, period: '2019', band: '16+', deaths: 4 },
    ];
    const { rates, notes } = ratesFromBands(
      counts,
      population(AREA, years, 1000),
      standardWeights([{ age_band: '0-4', weight: 1 }]),
    );
    expect(rates[0].dsr).toBeNull();
    expect(rates[0].crude).not.toBeNull();
    expect(notes).toEqual([
      'The standard population (standard_population table) lacks some ESP2013 bands; standardised rates could not be calculated.',
      'Age bands not in ESP2013 were left out: 16+.',
    ]);
  });

  it('takes the pooled statement only when it is complete', () => {
    const row = (area: string, i: number, population: number) => ({
      area_code: area,
      e: 2021,
      i,
      deaths: i === 6 ? 30 : 0,
      population,
      ok: true,
    });
    const rows = BANDS.map((_, i) => row(AREA, i, 3000));
    expect(pooledRowsUsable(rows, [AREA])).toBe(true);
    expect(pooledRowsUsable(rows, [AREA, 'E92000001'])).toBe(false);
    expect(pooledRowsUsable([{ ...rows[0], ok: false }, ...rows.slice(1)], [AREA])).toBe(false);
    const pooled = ratesFromPooledRows(rows, ESP);
    expect(pooled?.rates.map((r) => [r.period, r.deaths, r.flag])).toEqual([['2019-21', 30, '']]);
    expect(ratesFromPooledRows([row(AREA, 0, 0), ...rows.slice(1)], ESP)).toBeNull();
  });
});

describe('records', () => {
  it('leaves records without an age out of rates, and pools the share known to treatment', () => {
    const rows = [
      { area_code: AREA, period: '2019', band: '30-34', deaths: 5, known: 2, known_n: 4 },
      { area_code: AREA, period: '2020', band: '30-34', deaths: 5, known: 3, known_n: 5 },
      { area_code: AREA, period: '2021', band: null, deaths: 2, known: 1, known_n: 1 },
      { area_code: AREA, period: '2018', band: '30-34', deaths: 1, known: 1, known_n: 1 },
    ];
    const { counts, notes } = recordCounts(rows);
    expect(counts).toHaveLength(3);
    expect(notes).toEqual([
      '2 death record(s) without an age are counted in crude totals only where bands allow; they are left out of rates.',
    ]);
    const base = bandRate(AREA, '2019-21', 10, 57000, [], false);
    const [withKnown] = withKnownToTreatment([base], rows);
    const p = proportion(6, 10, { multiplier: 100 });
    expect(withKnown.known_to_treatment).toBe(6);
    expect(withKnown.known_pct).toBe(p.value);
    expect(withKnown.known_lower).toBe(p.lower);
    expect(base.known_pct).toBeUndefined();
  });
});
