import { describe, expect, it } from 'vitest';
import {
  Rng,
  areasFromLookupCsv,
  canonicalAreasTable,
  canonicalPopulationTable,
  parseCsvRecords,
  populationFromMyeCsv,
  tableToCsv,
} from '../../../src/lib/synthetic/index';
import { canonicalContract, inputs, readDataset } from './fixtures';

describe('Rng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = new Rng(2024);
    const b = new Rng(2024);
    const c = new Rng(2025);
    const seqA = Array.from({ length: 20 }, () => a.random());
    const seqB = Array.from({ length: 20 }, () => b.random());
    const seqC = Array.from({ length: 20 }, () => c.random());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('samples with roughly the right moments', () => {
    const r = new Rng('moments');
    const n = 20000;
    const normals = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 10)).toBeLessThan(0.1);
    expect(Math.abs(sd - 2)).toBeLessThan(0.1);
    for (const lambda of [0.5, 4, 50]) {
      const xs = Array.from({ length: 5000 }, () => r.poisson(lambda));
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.08);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    for (const [trials, p] of [
      [20, 0.3],
      [500, 0.4],
    ] as const) {
      const xs = Array.from({ length: 3000 }, () => r.binomial(trials, p));
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(m - trials * p) / (trials * p)).toBeLessThan(0.05);
      expect(xs.every((x) => x >= 0 && x <= trials)).toBe(true);
    }
    const parts = r.multinomial(100, [1, 2, 3, 0]);
    expect(parts.reduce((s, x) => s + x, 0)).toBe(100);
    expect(parts[3]).toBe(0);
    expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    expect(r.weighted(['x', 'y'], [0, 1])).toBe('y');
  });
});

describe('inputs from the shipped CSVs', () => {
  it('reads 153 UTLAs and their LTLAs from the April 2023 lookup', () => {
    const areas = areasFromLookupCsv(
      readDataset('derived_england_ltla_utla_region_lookup_2023plus.csv'),
    );
    const utlas = areas.filter((a) => a.type === 'UTLA');
    expect(utlas.length).toBe(153);
    const pb = utlas.find((a) => a.code === 'E06000031')!;
    expect(pb).toEqual({
      code: 'E06000031',
      name: 'Peterborough',
      type: 'UTLA',
      regionCode: 'E12000006',
    });
    const bcp = utlas.find((a) => a.code === 'E06000058')!;
    expect(bcp.name).toBe('Bournemouth, Christchurch and Poole');
    for (const a of areas) expect(a.regionCode).toMatch(/^E12\d{6}$/);
    for (const a of areas.filter((x) => x.type === 'LTLA')) {
      expect(utlas.some((u) => u.code === a.parentCode)).toBe(true);
    }
  });

  it('gives every UTLA a population in 2019, 2020 and 2021, built from predecessors where needed', () => {
    const { areas, population } = inputs();
    const persons = new Map<string, number>();
    const mf = new Map<string, number>();
    for (const r of population) {
      const k = `${r.area_code}|${r.year}`;
      if (r.sex === 'Persons') persons.set(k, (persons.get(k) ?? 0) + r.population);
      else mf.set(k, (mf.get(k) ?? 0) + r.population);
    }
    for (const a of areas.filter((x) => x.type === 'UTLA')) {
      for (const y of [2019, 2020, 2021]) {
        const k = `${a.code}|${y}`;
        expect(persons.get(k), k).toBeGreaterThan(1000);
        expect(mf.get(k)).toBe(persons.get(k));
      }
    }
    // North Yorkshire UA (E06000065) = the former county E10000023 in the 2021 file.
    const mye2021 = populationFromMyeCsv(
      readDataset('ons_mye2021_england_la_sex_5yr_band_long.csv'),
    );
    const county = mye2021
      .filter((r) => r.area_code === 'E10000023' && r.sex === 'Persons')
      .reduce((s, r) => s + r.population, 0);
    expect(persons.get('E06000065|2021')).toBe(county);
    // Peterborough 2021 (ONS): 215,671 persons.
    expect(persons.get('E06000031|2021')).toBe(
      mye2021
        .filter((r) => r.area_code === 'E06000031' && r.sex === 'Persons')
        .reduce((s, r) => s + r.population, 0),
    );
  });

  it('parses a BOM and quoted fields; writes CSV with quoting', () => {
    expect(parseCsvRecords('\ufeffa,b\n1,"x, y"\n')).toEqual([{ a: '1', b: 'x, y' }]);
    expect(tableToCsv({ columns: ['a', 'b', 'c', 'd'], rows: [['x, "y"', 1.5, null, true]] })).toBe(
      'a,b,c,d\n"x, ""y""",1.5,,true\n',
    );
  });
});

describe('derived canonical areas and population files', () => {
  it('match the contract and are exactly what the helpers produce', () => {
    const contract = canonicalContract();
    const lookup = readDataset('derived_england_ltla_utla_region_lookup_2023plus.csv');
    const areas = canonicalAreasTable(lookup);
    const spec = contract.get('areas')!;
    expect(areas.columns.slice(0, spec.required.length)).toEqual(spec.required);
    for (const c of areas.columns.slice(spec.required.length)) expect(spec.optional).toContain(c);
    expect(readDataset('derived_canonical_areas_2023.csv')).toBe(tableToCsv(areas));
    const types = new Map<string, number>();
    for (const r of areas.rows) types.set(String(r[2]), (types.get(String(r[2])) ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual({ England: 1, Region: 9, UTLA: 153, LTLA: 164 });

    const population = canonicalPopulationTable(inputs().population);
    expect(population.columns).toEqual(contract.get('population')!.required);
    expect(readDataset('derived_canonical_population_la2023_2019_2021.csv')).toBe(
      tableToCsv(population),
    );
    expect(population.rows.length).toBe((153 + 164) * 3 * 3 * 19);
  });
});
