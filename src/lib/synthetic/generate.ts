/**
 * Seeded, deterministic SYNTHETIC training data for the drug and alcohol JSNA views.
 *
 * The generator takes real areas and real populations (so denominators, rates and geography are
 * realistic) and invents everything else: prevalence estimates, treatment counts, CJS referrals,
 * continuity of care, deaths, treatment outcomes and local metrics (./outcomes.ts), and
 * record-level treatment episodes and death records for one focal area. Every table carries a
 * `synthetic` column (= true): the app labels any table with that column SYNTHETIC.
 *
 * Each table is made by its own module (prevalence.ts, treatment.ts, cjs.ts, continuity.ts,
 * deaths.ts, episodes.ts, deathRecords.ts, outcomes.ts) from an area's drawn profile
 * (profile.ts) and populations (population.ts); this one checks the inputs and runs them in order.
 *
 * Pure TypeScript with no Node or browser APIs: the Node script (scripts/generate-synthetic.ts)
 * and the app's "Generate training data" button call the same function and get the same output
 * for the same seed and inputs.
 *
 * Determinism: every random stream is derived from (seed, purpose, area code), so the output for
 * an area does not depend on the order of `areas` or on which other areas are present.
 */
import * as C from './constants';
import { areaCjs, cjsMismatchAreas, cjsMismatchFor } from './cjs';
import { areaContinuity } from './continuity';
import { generateDeathRecords } from './deathRecords';
import { MISUSE_SHAPE, POISONING_SHAPE, normaliseShape } from './deathRates';
import { deathsRows, drawAreaDeaths, type DeathCells } from './deaths';
import { generateEpisodes } from './episodes';
import type { PopulationRow, SyntheticArea } from './inputs';
import { generateLocalMetrics, generateTreatmentOutcomes } from './outcomes';
import { PopulationIndex } from './population';
import { areaPrevalence } from './prevalence';
import { drawProfile, type AreaProfile } from './profile';
import { syntheticTable, type Cell, type SyntheticTables } from './tables';
import { areaTreatment, type InTreatment } from './treatment';

export interface GenerateSyntheticOptions {
  /** Any number or string; the same seed and inputs always give identical output. */
  seed: number | string;
  /** Areas; aggregate tables are generated for every area of type 'UTLA'. */
  areas: readonly SyntheticArea[];
  /** Real populations by area, year, sex (Male/Female/Persons) and ESP2013 5-year band. */
  population: readonly PopulationRow[];
  /** UTLA code for the record-level tables (e.g. 'E06000031', Peterborough). */
  focalArea: string;
  /**
   * Emit `deaths` rows with 0 deaths too (default false: absent rows mean 0, as in the DSR
   * formula; keeps the file small).
   */
  includeZeroDeaths?: boolean;
}

/** The tables generated area by area (every UTLA), in the order of their rows. */
const AREA_TABLES = [
  'prevalence',
  'treatment',
  'cjs_treatment',
  'continuity_of_care',
  'deaths',
] as const;
type AreaTableName = (typeof AREA_TABLES)[number];

/** One area's rows of the area-by-area tables, and what the later tables build on. */
interface AreaData {
  profile: AreaProfile;
  inTreatment: InTreatment;
  deathCells: Map<number, DeathCells>;
  rows: Record<AreaTableName, Cell[][]>;
}

/** The codes of the UTLAs in `areas`, sorted; throws if one cannot be generated. */
function checkedUtlaCodes(options: GenerateSyntheticOptions, pop: PopulationIndex): string[] {
  const utlas = options.areas
    .filter((a) => a.type === 'UTLA')
    .map((a) => a.code)
    .sort();
  if (utlas.length === 0) throw new Error('generateSyntheticData: no UTLA in areas');
  const missing = utlas.filter((code) => !pop.has(code));
  if (missing.length > 0) {
    throw new Error(`generateSyntheticData: no population for ${missing.join(', ')}`);
  }
  if (!utlas.includes(options.focalArea)) {
    throw new Error(
      `generateSyntheticData: focal area ${options.focalArea} is not a UTLA in areas`,
    );
  }
  return utlas;
}

/** Draws one area's profile, then its rows of each area-by-area table. */
function generateArea(
  options: GenerateSyntheticOptions,
  code: string,
  pop: PopulationIndex,
  mismatchAreas: readonly string[],
): AreaData {
  const { seed, focalArea } = options;
  const profile = drawProfile(seed, code, code === focalArea);
  const prevalence = areaPrevalence(seed, code, profile, pop);
  const treatment = areaTreatment(seed, code, profile, prevalence.byPeriod);
  const mismatch = cjsMismatchFor(code, mismatchAreas, focalArea);
  const deathCells = drawAreaDeaths(seed, code, profile, pop);
  return {
    profile,
    inTreatment: treatment.byPeriod,
    deathCells,
    rows: {
      prevalence: prevalence.rows,
      treatment: treatment.rows,
      cjs_treatment: areaCjs(seed, code, profile, treatment.byPeriod, mismatch),
      continuity_of_care: areaContinuity(seed, code, profile, pop),
      deaths: deathsRows(code, deathCells, options.includeZeroDeaths),
    },
  };
}

export function generateSyntheticData(options: GenerateSyntheticOptions): SyntheticTables {
  const { seed, focalArea } = options;
  const pop = new PopulationIndex(options.population);
  const utlas = checkedUtlaCodes(options, pop);
  const mismatchAreas = cjsMismatchAreas(options.areas, focalArea);

  // Area by area: the aggregate tables, and each area's numbers in treatment (which the outcome
  // tables build on) and the focal area's data (which its records build on).
  const rows: Record<AreaTableName, Cell[][]> = {
    prevalence: [],
    treatment: [],
    cjs_treatment: [],
    continuity_of_care: [],
    deaths: [],
  };
  const inTreatment = new Map<string, InTreatment>();
  let focal: AreaData | undefined;
  for (const code of utlas) {
    const area = generateArea(options, code, pop, mismatchAreas);
    for (const name of AREA_TABLES) for (const row of area.rows[name]) rows[name].push(row);
    inTreatment.set(code, area.inTreatment);
    if (code === focalArea) focal = area;
  }
  // checkedUtlaCodes has made sure the focal area is one of them.
  const focalData = focal!;

  const lastPeriod = C.TREATMENT_PERIODS[C.TREATMENT_PERIODS.length - 1];
  return {
    prevalence: syntheticTable('prevalence', rows.prevalence),
    treatment: syntheticTable('treatment', rows.treatment),
    cjs_treatment: syntheticTable('cjs_treatment', rows.cjs_treatment),
    continuity_of_care: syntheticTable('continuity_of_care', rows.continuity_of_care),
    deaths: syntheticTable('deaths', rows.deaths),
    treatment_episodes: syntheticTable(
      'treatment_episodes',
      generateEpisodes(seed, focalArea, focalData.inTreatment),
    ),
    death_records: syntheticTable(
      'death_records',
      generateDeathRecords(seed, focalArea, focalData.profile, pop, focalData.deathCells),
    ),
    treatment_outcomes: syntheticTable(
      'treatment_outcomes',
      generateTreatmentOutcomes(seed, inTreatment, C.SUBSTANCE_GROUPS),
    ),
    local_metrics: syntheticTable(
      'local_metrics',
      generateLocalMetrics(seed, inTreatment, lastPeriod),
    ),
  };
}

/** Internals exposed for tests only. */
export const _internal = { normaliseShape, MISUSE_SHAPE, POISONING_SHAPE, PopulationIndex };
