/**
 * Builds the generator's inputs (areas and populations) from the text of the CSV files shipped in
 * datasets/. No file I/O here: the caller (the Node script, a test, or the browser app) reads the
 * files and passes their text, so this module runs anywhere.
 */
import Papa from 'papaparse';

export type AreaType = 'UTLA' | 'LTLA';

export interface SyntheticArea {
  code: string;
  name: string;
  type: AreaType;
  regionCode: string;
  /** The UTLA of an LTLA (only set for LTLAs). */
  parentCode?: string;
}

export interface PopulationRow {
  area_code: string;
  year: number;
  sex: 'Male' | 'Female' | 'Persons';
  age_band: string;
  population: number;
}

/** The files the helper expects (names as shipped in datasets/). */
export const LOOKUP_FILE = 'derived_england_ltla_utla_region_lookup_2023plus.csv';
export const POPULATION_FILES = [
  'ons_mye2019_england_la_sex_5yr_band_long.csv',
  'ons_mye2020_england_la_sex_5yr_band_long.csv',
  'ons_mye2021_england_la_sex_5yr_band_long.csv',
] as const;

/**
 * April 2023 areas that do not exist in the 2019-2021 population files, with the areas they were
 * formed from (2019 uses April 2020 codes, so also North/West Northamptonshire). Populations of
 * the new areas are the sums of their predecessors.
 */
export const PREDECESSOR_LTLAS: Readonly<Record<string, readonly string[]>> = {
  // North Northamptonshire (April 2021): Corby, East Northamptonshire, Kettering, Wellingborough
  E06000061: ['E07000150', 'E07000152', 'E07000153', 'E07000156'],
  // West Northamptonshire (April 2021): Daventry, Northampton, South Northamptonshire
  E06000062: ['E07000151', 'E07000154', 'E07000155'],
  // Cumberland (April 2023): Allerdale, Carlisle, Copeland
  E06000063: ['E07000026', 'E07000028', 'E07000029'],
  // Westmorland and Furness (April 2023): Barrow-in-Furness, Eden, South Lakeland
  E06000064: ['E07000027', 'E07000030', 'E07000031'],
  // North Yorkshire UA (April 2023): the seven former districts
  E06000065: [
    'E07000163',
    'E07000164',
    'E07000165',
    'E07000166',
    'E07000167',
    'E07000168',
    'E07000169',
  ],
  // Somerset UA (April 2023): Mendip, Sedgemoor, Somerset West and Taunton, South Somerset
  E06000066: ['E07000187', 'E07000188', 'E07000246', 'E07000189'],
};

/** Parse CSV text with a header row into records of strings (BOM stripped, blank lines skipped). */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<Record<string, string>>(clean, {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
  });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new Error(`CSV parse error (row ${e.row ?? '?'}): ${e.message}`);
  }
  return parsed.data;
}

/**
 * Areas from `derived_england_ltla_utla_region_lookup_2023plus.csv`: every UTLA once (type
 * 'UTLA'), plus every LTLA whose code differs from its UTLA (districts of counties, type 'LTLA',
 * with parentCode). A unitary authority is listed once, as a UTLA. Sorted by code.
 */
export function areasFromLookupCsv(text: string): SyntheticArea[] {
  const rows = parseCsvRecords(text);
  const utlas = new Map<string, SyntheticArea>();
  const ltlas = new Map<string, SyntheticArea>();
  for (const r of rows) {
    const utla = (r.utla_code ?? '').trim();
    const ltla = (r.ltla_code ?? '').trim();
    const region = (r.region_code ?? '').trim();
    if (!utla || !ltla) continue;
    if (!utlas.has(utla)) {
      utlas.set(utla, {
        code: utla,
        name: (r.utla_name ?? '').trim(),
        type: 'UTLA',
        regionCode: region,
      });
    }
    if (ltla !== utla && !ltlas.has(ltla)) {
      ltlas.set(ltla, {
        code: ltla,
        name: (r.ltla_name ?? '').trim(),
        type: 'LTLA',
        regionCode: region,
        parentCode: utla,
      });
    }
  }
  return [...utlas.values(), ...ltlas.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

const SEX_MAP: Record<string, PopulationRow['sex']> = {
  males: 'Male',
  male: 'Male',
  females: 'Female',
  female: 'Female',
  persons: 'Persons',
  person: 'Persons',
  all: 'Persons',
};

/** Rows of one ONS MYE long file (`year, area_code, …, sex, age_band, population`), sex mapped. */
export function populationFromMyeCsv(text: string): PopulationRow[] {
  const out: PopulationRow[] = [];
  for (const r of parseCsvRecords(text)) {
    const sex = SEX_MAP[(r.sex ?? '').trim().toLowerCase()];
    const year = Number(r.year);
    const population = Number(r.population);
    const code = (r.area_code ?? '').trim();
    if (!sex || !code || !Number.isFinite(year) || !Number.isFinite(population)) continue;
    out.push({ area_code: code, year, sex, age_band: (r.age_band ?? '').trim(), population });
  }
  return out;
}

/**
 * Populations for the given areas, per year present in `mye`: an area's own rows when the file
 * has its code; otherwise the sum of its predecessors (PREDECESSOR_LTLAS); otherwise the sum of
 * its LTLAs in `areas` (parentCode). Areas found by none of these are left out for that year.
 * Output is sorted by area, year, sex, band order of first appearance.
 */
export function populationForAreas(
  areas: readonly SyntheticArea[],
  mye: readonly PopulationRow[],
): PopulationRow[] {
  // index: year -> code -> key(sex|band) -> population
  const byYear = new Map<number, Map<string, Map<string, number>>>();
  const bandOrder: string[] = [];
  const seenBand = new Set<string>();
  for (const r of mye) {
    let codes = byYear.get(r.year);
    if (!codes) byYear.set(r.year, (codes = new Map()));
    let cells = codes.get(r.area_code);
    if (!cells) codes.set(r.area_code, (cells = new Map()));
    const key = `${r.sex}|${r.age_band}`;
    cells.set(key, (cells.get(key) ?? 0) + r.population);
    if (!seenBand.has(r.age_band)) {
      seenBand.add(r.age_band);
      bandOrder.push(r.age_band);
    }
  }
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.type === 'LTLA' && a.parentCode) {
      const list = children.get(a.parentCode) ?? [];
      list.push(a.code);
      children.set(a.parentCode, list);
    }
  }
  const out: PopulationRow[] = [];
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const area of sorted) {
    for (const year of years) {
      const codes = byYear.get(year)!;
      let cells = codes.get(area.code);
      if (!cells) {
        const parts =
          PREDECESSOR_LTLAS[area.code]?.filter((c) => codes.has(c)) ??
          (children.get(area.code) ?? []).filter((c) => codes.has(c));
        const expected = PREDECESSOR_LTLAS[area.code] ?? children.get(area.code) ?? [];
        if (parts.length === 0 || parts.length !== expected.length) continue;
        cells = new Map();
        for (const p of parts) {
          for (const [k, v] of codes.get(p)!) cells.set(k, (cells.get(k) ?? 0) + v);
        }
      }
      for (const sex of ['Persons', 'Male', 'Female'] as const) {
        for (const band of bandOrder) {
          const v = cells.get(`${sex}|${band}`);
          if (v !== undefined) {
            out.push({ area_code: area.code, year, sex, age_band: band, population: v });
          }
        }
      }
    }
  }
  return out;
}

/**
 * One call for the script and the app: areas from the lookup CSV text and populations for them
 * from the text of any number of MYE long files.
 */
export function buildSyntheticInputs(input: {
  lookupCsv: string;
  populationCsvs: readonly string[];
}): {
  areas: SyntheticArea[];
  population: PopulationRow[];
} {
  const areas = areasFromLookupCsv(input.lookupCsv);
  const mye = input.populationCsvs.flatMap((t) => populationFromMyeCsv(t));
  return { areas, population: populationForAreas(areas, mye) };
}

/**
 * The canonical `areas` table (docs/canonical-tables.md) from the lookup CSV: England, the nine
 * regions, every UTLA (parent = region) and every LTLA that is not itself a UTLA (parent = UTLA).
 * Real data (no `synthetic` column).
 */
export function canonicalAreasTable(lookupCsv: string): {
  columns: string[];
  rows: (string | null)[][];
} {
  const rows = parseCsvRecords(lookupCsv);
  const regions = new Map<string, string>();
  const utlas = new Map<string, (string | null)[]>();
  const ltlas = new Map<string, (string | null)[]>();
  for (const r of rows) {
    const region = (r.region_code ?? '').trim();
    const regionName = (r.region_name ?? '').trim();
    const utla = (r.utla_code ?? '').trim();
    const ltla = (r.ltla_code ?? '').trim();
    if (!utla || !ltla) continue;
    regions.set(region, regionName);
    if (!utlas.has(utla)) {
      utlas.set(utla, [utla, (r.utla_name ?? '').trim(), 'UTLA', region, region, regionName]);
    }
    if (ltla !== utla && !ltlas.has(ltla)) {
      ltlas.set(ltla, [ltla, (r.ltla_name ?? '').trim(), 'LTLA', utla, region, regionName]);
    }
  }
  const byCode = (a: (string | null)[], b: (string | null)[]) =>
    String(a[0]) < String(b[0]) ? -1 : 1;
  const out: (string | null)[][] = [
    ['E92000001', 'England', 'England', null, null, null],
    ...[...regions.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, name]) => [code, name, 'Region', 'E92000001', code, name]),
    ...[...utlas.values()].sort(byCode),
    ...[...ltlas.values()].sort(byCode),
  ];
  return {
    columns: ['area_code', 'area_name', 'area_type', 'parent_code', 'region_code', 'region_name'],
    rows: out,
  };
}

/** The canonical `population` table (area_code, year, sex, age_band, population) from rows. */
export function canonicalPopulationTable(rows: readonly PopulationRow[]): {
  columns: string[];
  rows: (string | number)[][];
} {
  return {
    columns: ['area_code', 'year', 'sex', 'age_band', 'population'],
    rows: rows.map((r) => [r.area_code, r.year, r.sex, r.age_band, r.population]),
  };
}
