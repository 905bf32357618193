import { describe, expect, it } from 'vitest';
import { dsr, DSR_NOT_CALCULATED_NOTE, esp2013, type DsrBand } from '../../../src/lib/stats';
import { expectClose, loadVectors, num, required, rowName } from './vectors';

const TOLERANCE = 1e-9;
const INPUTS = 'read_phe_dsr_inputs.csv';
const RESULTS = 'read_phe_dsr_results.csv';

function bandsByArea(): Map<string, DsrBand[]> {
  const byArea = new Map<string, DsrBand[]>();
  const rows = loadVectors(INPUTS).sort(
    (a, b) => a.area.localeCompare(b.area) || required(a.band_order) - required(b.band_order),
  );
  for (const r of rows) {
    const bands = byArea.get(r.area) ?? [];
    bands.push({ count: num(r.count), population: required(r.pop), standard: required(r.stdpop) });
    byArea.set(r.area, bands);
  }
  return byArea;
}

describe('DSRs match PHEindicatormethods phe_dsr (Dobson limits)', () => {
  const bands = bandsByArea();
  const results = loadVectors(RESULTS);

  it(`reads every row of ${INPUTS}`, () => {
    expect(loadVectors(INPUTS)).toHaveLength(75);
    expect([...bands.keys()].sort()).toEqual([
      'testdata_1976',
      'testdata_big',
      'testdata_small',
      'testdata_tiny',
    ]);
    expect(results).toHaveLength(8);
  });

  it.each(results.map((r) => [rowName(RESULTS, r, `${r.area} per ${r.multiplier}`), r] as const))(
    '%s',
    (name, r) => {
      const areaBands = bands.get(r.area);
      if (!areaBands) throw new Error(`${name}: no inputs for ${r.area}`);
      const multiplier = required(r.multiplier);
      const at95 = dsr(areaBands, { multiplier });
      const at998 = dsr(areaBands, { multiplier, confidence: 0.998 });
      expect(at95.totalCount).toBe(required(r.total_count));
      expect(at95.totalPopulation).toBe(required(r.total_pop));
      expectClose(at95.value, num(r.value), TOLERANCE, `${name} value`);
      expectClose(at95.lower, num(r.lower95_0cl), TOLERANCE, `${name} lower 95%`);
      expectClose(at95.upper, num(r.upper95_0cl), TOLERANCE, `${name} upper 95%`);
      // testdata_1976's 99.8% cells are blank in the vectors (mis-scaled in the source sheet).
      if (num(r.lower99_8cl) !== null || num(r.value) === null) {
        expectClose(at998.lower, num(r.lower99_8cl), TOLERANCE, `${name} lower 99.8%`);
        expectClose(at998.upper, num(r.upper99_8cl), TOLERANCE, `${name} upper 99.8%`);
      }
      if (num(r.value) === null) {
        expect(r.statistic).toBe('dsr NA for total count < 10');
        expect(at95.note).toBe(DSR_NOT_CALCULATED_NOTE);
      } else {
        expect(at95.note).toBeNull();
      }
    },
  );
});

describe('ESP2013 weights match esp2013.csv', () => {
  const FILE = 'esp2013.csv';
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(58);
  });

  const variants = [
    ['ESP2013_19band', esp2013.bands19],
    ['ESP2013_18band', esp2013.bands18],
  ] as const;

  it.each(variants)('%s: every band, in order, with its ages and weight', (scheme, bands) => {
    const expected = rows.filter((r) => r.scheme === scheme);
    expect(bands).toHaveLength(expected.length);
    expected.forEach((r, i) => {
      expect(bands[i], `${rowName(FILE, r, r.ageband)}`).toEqual({
        ageBand: r.ageband,
        ageFrom: required(r.age_from),
        ageTo: num(r.age_to),
        weight: required(r.weight),
      });
    });
    expect(bands.reduce((total, b) => total + b.weight, 0)).toBe(100000);
  });

  it('ESP2013_21band rows sum to the same 100,000 (not exported: the notebook uses 19 or 18 bands)', () => {
    const weights = rows
      .filter((r) => r.scheme === 'ESP2013_21band')
      .map((r) => required(r.weight));
    expect(weights).toHaveLength(21);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100000);
  });
});

describe('DSR edge cases', () => {
  const standard = esp2013.bands19.map((b) => b.weight);

  it('treats missing counts as 0 and reports fewer than 10 events', () => {
    const bands = standard.map((weight, i) => ({
      count: i === 0 ? null : i < 10 ? 1 : 0,
      population: 1000,
      standard: weight,
    }));
    const r = dsr(bands);
    expect(r.totalCount).toBe(9);
    expect(r).toMatchObject({
      value: null,
      lower: null,
      upper: null,
      note: DSR_NOT_CALCULATED_NOTE,
    });
  });

  it('calculates from exactly 10 events', () => {
    const bands = standard.map((weight, i) => ({
      count: i < 10 ? 1 : 0,
      population: 1000,
      standard: weight,
    }));
    const r = dsr(bands);
    expect(r.totalCount).toBe(10);
    expect(r.value).not.toBeNull();
    expect(r.lower!).toBeLessThan(r.value!);
    expect(r.upper!).toBeGreaterThan(r.value!);
  });

  it('says plainly what was wrong with invalid input', () => {
    expect(() => dsr([{ count: -1, population: 10, standard: 5000 }])).toThrow(
      'DSR: age band 1 has count -1; counts must be zero or more',
    );
    expect(() => dsr([{ count: 1, population: 0, standard: 5000 }])).toThrow(
      'DSR: age band 1 has population 0; populations must be greater than zero',
    );
    expect(() => dsr([])).toThrow('DSR: no age bands were given');
    expect(() => dsr([{ count: 1, population: 1, standard: 1 }], { confidence: 0.9 })).toThrow(
      /confidence must be/,
    );
  });
});
