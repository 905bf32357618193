/**
 * Seeded, deterministic SYNTHETIC training data for the drug and alcohol JSNA views.
 *
 * The generator takes real areas and real populations (so denominators, rates and geography are
 * realistic) and invents everything else: prevalence estimates, treatment counts, CJS referrals,
 * continuity of care, deaths, treatment outcomes and local metrics (./outcomes.ts), and
 * record-level treatment episodes and death records for one focal area. Every table carries a `synthetic` column (= true): the app labels any table with
 * that column SYNTHETIC.
 *
 * Pure TypeScript with no Node or browser APIs: the Node script (scripts/generate-synthetic.ts)
 * and the app's "Generate training data" button call the same function and get the same output
 * for the same seed and inputs.
 *
 * Determinism: every random stream is derived from (seed, purpose, area code), so the output for
 * an area does not depend on the order of `areas` or on which other areas are present.
 */
import * as C from './constants';
import type { SubstanceGroup, Sex } from './constants';
import type { PopulationRow, SyntheticArea } from './inputs';
import { generateLocalMetrics, generateTreatmentOutcomes } from './outcomes';
import { Rng } from './random';

export type Cell = string | number | boolean | null;

export interface SyntheticTable {
  columns: string[];
  rows: Cell[][];
}

export const SYNTHETIC_TABLE_NAMES = [
  'prevalence',
  'treatment',
  'cjs_treatment',
  'continuity_of_care',
  'deaths',
  'treatment_episodes',
  'death_records',
  'treatment_outcomes',
  'local_metrics',
] as const;
export type SyntheticTableName = (typeof SYNTHETIC_TABLE_NAMES)[number];
export type SyntheticTables = Record<SyntheticTableName, SyntheticTable>;

/** Column lists: canonical names (docs/canonical-tables.md), then the extra `synthetic` column. */
export const SYNTHETIC_COLUMNS: Readonly<Record<SyntheticTableName, readonly string[]>> = {
  prevalence: [
    'area_code',
    'period',
    'measure',
    'estimate',
    'lower',
    'upper',
    'age_range',
    'synthetic',
  ],
  treatment: ['area_code', 'period', 'substance_group', 'in_treatment', 'synthetic'],
  cjs_treatment: [
    'area_code',
    'period',
    'substance_group',
    'count',
    'cjs_pathway',
    'published_total',
    'synthetic',
  ],
  continuity_of_care: [
    'area_code',
    'period',
    'released_with_need',
    'engaged_within_3_weeks',
    'synthetic',
  ],
  deaths: ['area_code', 'period', 'sex', 'age_band', 'measure', 'deaths', 'synthetic'],
  treatment_episodes: [
    'client_id',
    'area_code',
    'age',
    'sex',
    'substances',
    'referral_source',
    'start_date',
    'discharge_date',
    'discharge_reason',
    'synthetic',
  ],
  death_records: [
    'date_of_death',
    'date_of_registration',
    'area_code',
    'age',
    'sex',
    'substances',
    'known_to_treatment',
    'circumstances',
    'synthetic',
  ],
  treatment_outcomes: [
    'area_code',
    'period',
    'substance_group',
    'in_treatment',
    'completions',
    'completions_not_representing',
    'starts',
    'early_unplanned_exits',
    'deaths_in_treatment',
    'synthetic',
  ],
  local_metrics: [
    'metric',
    'outcome',
    'area_code',
    'period',
    'numerator',
    'denominator',
    'value',
    'target',
    'polarity',
    'unit',
    'source',
    'synthetic',
  ],
};

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

// ---------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------
const DAY_MS = 86_400_000;
function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}
function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
function rngFor(seed: number | string, ...labels: string[]): Rng {
  return new Rng([String(seed), ...labels].join('|'));
}
/** First calendar year of a financial-year label ('2019/20' → 2019). */
function fyStart(period: string): number {
  return Number(period.slice(0, 4));
}

/** Populations by area → year → "sex|band", with nearest-year fallback. */
class PopulationIndex {
  private readonly data = new Map<string, Map<number, Map<string, number>>>();

  constructor(rows: readonly PopulationRow[]) {
    for (const r of rows) {
      let years = this.data.get(r.area_code);
      if (!years) this.data.set(r.area_code, (years = new Map()));
      let cells = years.get(r.year);
      if (!cells) years.set(r.year, (cells = new Map()));
      const key = `${r.sex}|${r.age_band}`;
      cells.set(key, (cells.get(key) ?? 0) + r.population);
    }
  }

  has(code: string): boolean {
    return this.data.has(code);
  }

  /** The available year closest to `year` (ties: the earlier one). */
  nearestYear(code: string, year: number): number {
    const years = [...(this.data.get(code)?.keys() ?? [])].sort((a, b) => a - b);
    if (years.length === 0) throw new Error(`No population for ${code}`);
    let best = years[0];
    for (const y of years) if (Math.abs(y - year) < Math.abs(best - year)) best = y;
    return best;
  }

  /** Population of one sex (Male/Female/Persons) and band; Male/Female fall back to Persons/2. */
  get(code: string, year: number, sex: 'Male' | 'Female' | 'Persons', band: string): number {
    const cells = this.data.get(code)?.get(this.nearestYear(code, year));
    if (!cells) return 0;
    const v = cells.get(`${sex}|${band}`);
    if (v !== undefined) return v;
    if (sex === 'Persons') {
      return (cells.get(`Male|${band}`) ?? 0) + (cells.get(`Female|${band}`) ?? 0);
    }
    return (cells.get(`Persons|${band}`) ?? 0) / 2;
  }

  sum(code: string, year: number, bands: readonly string[]): number {
    return bands.reduce((s, b) => s + this.get(code, year, 'Persons', b), 0);
  }

  /** Ages 15-64. */
  age15to64(code: string, year: number): number {
    return this.sum(code, year, C.BANDS_15_64);
  }

  /** Adults 18+: 2/5 of 15-19 plus everyone 20+. */
  adults(code: string, year: number): number {
    return 0.4 * this.get(code, year, 'Persons', '15-19') + this.sum(code, year, C.BANDS_20_PLUS);
  }

  /** Adults 18-64. */
  adults18to64(code: string, year: number): number {
    return (
      0.4 * this.get(code, year, 'Persons', '15-19') + this.sum(code, year, C.BANDS_15_64.slice(1))
    );
  }
}

/** Latent characteristics of one area, drawn once per (seed, area). */
interface AreaProfile {
  need: number;
  ocuPer1000: number;
  opiateShare: number;
  crackShare: number;
  alcoholPer1000: number;
  prevalenceTrend: Record<string, number>;
  misuseAsr: number;
  poisoningAsr: number;
  opiateMet: number;
  alcoholMet: number;
  nonOpiatePerOpiate: number;
  alcoholOnlyShare: number;
  cjsFactor: number;
  continuityBase: number;
  releasedPer100k: number;
}

function drawProfile(seed: number | string, code: string, focal: boolean): AreaProfile {
  const rng = rngFor(seed, 'profile', code);
  const need = rng.lognormal(1, C.NEED_FACTOR_SD_LOG);
  const ocuPer1000 = clamp(
    C.OCU_PER_1000_MEDIAN * need * rng.lognormal(1, 0.1),
    C.OCU_PER_1000_MIN,
    C.OCU_PER_1000_MAX,
  );
  const opiateShare = rng.uniform(...C.OPIATE_SHARE_OF_OCU);
  const crackShare = rng.uniform(...C.CRACK_SHARE_OF_OCU);
  const alcoholPer1000 = clamp(
    C.ALCOHOL_DEP_PER_1000_MEDIAN * Math.sqrt(need) * rng.lognormal(1, 0.08),
    C.ALCOHOL_DEP_PER_1000_MIN,
    C.ALCOHOL_DEP_PER_1000_MAX,
  );
  const prevalenceTrend: Record<string, number> = {};
  for (const m of ['ocu', 'opiate', 'crack', 'alcohol_dependence']) {
    prevalenceTrend[m] = rng.uniform(...C.PREVALENCE_TREND[m]);
  }
  let misuseAsr = clamp(
    C.DRUG_MISUSE_ASR_MEDIAN * need * rng.lognormal(1, C.DRUG_MISUSE_ASR_NOISE_SD_LOG),
    C.DRUG_MISUSE_ASR_MIN,
    C.DRUG_MISUSE_ASR_MAX,
  );
  if (focal) misuseAsr = clamp(misuseAsr, ...C.FOCAL_DRUG_MISUSE_ASR_RANGE);
  const poisoningAsr = Math.min(
    C.DRUG_POISONING_ASR_MAX,
    misuseAsr * rng.uniform(...C.POISONING_TO_MISUSE_RATIO),
  );
  return {
    need,
    ocuPer1000,
    opiateShare,
    crackShare,
    alcoholPer1000,
    prevalenceTrend,
    misuseAsr,
    poisoningAsr,
    opiateMet: rng.uniform(...C.OPIATE_MET_NEED),
    alcoholMet: rng.uniform(...C.ALCOHOL_MET_NEED),
    nonOpiatePerOpiate: rng.uniform(...C.NON_OPIATE_ONLY_PER_OPIATE),
    alcoholOnlyShare: rng.uniform(...C.ALCOHOL_ONLY_SHARE),
    cjsFactor: rng.uniform(...C.CJS_AREA_FACTOR),
    continuityBase: clamp(
      rng.normal(C.CONTINUITY_NATIONAL_MEAN, C.CONTINUITY_AREA_SD),
      C.CONTINUITY_MIN + 0.05,
      C.CONTINUITY_MAX - 0.1,
    ),
    releasedPer100k: C.RELEASED_WITH_NEED_PER_100K * Math.pow(need, 1.2) * rng.lognormal(1, 0.1),
  };
}

/** Age shape rescaled so that its ESP2013-weighted mean is 1 (rate × shape has that ASR). */
function normaliseShape(shape: readonly number[]): number[] {
  const totalWeight = C.ESP2013_BANDS.reduce((s, b) => s + b.weight, 0);
  const weighted = C.ESP2013_BANDS.reduce((s, b, i) => s + b.weight * shape[i], 0);
  return shape.map((v) => (v * totalWeight) / weighted);
}
const MISUSE_SHAPE = normaliseShape(C.DRUG_MISUSE_AGE_SHAPE);
const POISONING_SHAPE = normaliseShape(C.DRUG_POISONING_AGE_SHAPE);

/**
 * The areas whose CJS `published_total` deliberately disagrees with the sum of their cells (in
 * the last CJS period): the focal area first, then Kingston upon Hull (E06000010) or, if that is
 * absent or focal, the first other UTLA by code.
 */
export function cjsMismatchAreas(areas: readonly SyntheticArea[], focalArea: string): string[] {
  const utlas = areas
    .filter((a) => a.type === 'UTLA')
    .map((a) => a.code)
    .sort();
  const out = utlas.includes(focalArea) ? [focalArea] : [];
  const second =
    utlas.includes(C.CJS_MISMATCH_SECOND_AREA) && C.CJS_MISMATCH_SECOND_AREA !== focalArea
      ? C.CJS_MISMATCH_SECOND_AREA
      : utlas.find((c) => c !== focalArea);
  if (second) out.push(second);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------
export function generateSyntheticData(options: GenerateSyntheticOptions): SyntheticTables {
  const { seed, focalArea } = options;
  const pop = new PopulationIndex(options.population);
  const utlas = options.areas
    .filter((a) => a.type === 'UTLA')
    .slice()
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (utlas.length === 0) throw new Error('generateSyntheticData: no UTLA in areas');
  const missing = utlas.filter((a) => !pop.has(a.code)).map((a) => a.code);
  if (missing.length > 0) {
    throw new Error(`generateSyntheticData: no population for ${missing.join(', ')}`);
  }
  if (!utlas.some((a) => a.code === focalArea)) {
    throw new Error(`generateSyntheticData: focal area ${focalArea} is not a UTLA in areas`);
  }

  const profiles = new Map<string, AreaProfile>();
  for (const a of utlas) profiles.set(a.code, drawProfile(seed, a.code, a.code === focalArea));

  const prevalence: Cell[][] = [];
  const treatment: Cell[][] = [];
  const cjs: Cell[][] = [];
  const continuity: Cell[][] = [];
  const deaths: Cell[][] = [];
  const mismatch = cjsMismatchAreas(options.areas, focalArea);
  /** in treatment by area → period → group (for CJS and the focal episodes). */
  const inTreatment = new Map<string, Map<string, Record<SubstanceGroup, number>>>();
  /** Focal deaths by registration year → sex → band → [misuse, poisoning]. */
  const focalDeaths = new Map<number, Map<Sex, [number, number][]>>();

  for (const area of utlas) {
    const code = area.code;
    const p = profiles.get(code)!;

    // --- prevalence ------------------------------------------------------------------------
    const prng = rngFor(seed, 'prevalence', code);
    const prevalenceByPeriod = new Map<string, Record<string, number>>();
    C.PREVALENCE_PERIODS.forEach((period, i) => {
      const year = fyStart(period);
      const base15to64 = pop.age15to64(code, year);
      const adults = pop.adults(code, year);
      const trend = (m: string) => (i === 0 ? 1 : p.prevalenceTrend[m]);
      const ocu = (base15to64 * p.ocuPer1000 * trend('ocu')) / 1000;
      const values: Record<string, number> = {
        ocu,
        opiate: ((ocu * p.opiateShare) / trend('ocu')) * trend('opiate'),
        crack: ((ocu * p.crackShare) / trend('ocu')) * trend('crack'),
        alcohol_dependence: (adults * p.alcoholPer1000 * trend('alcohol_dependence')) / 1000,
      };
      prevalenceByPeriod.set(period, values);
      for (const measure of ['ocu', 'opiate', 'crack', 'alcohol_dependence']) {
        const estimate = Math.max(1, Math.round(values[measure]));
        const lower = Math.round(estimate * (1 - prng.uniform(...C.PREVALENCE_CI_FRACTION)));
        const upper = Math.round(estimate * (1 + prng.uniform(...C.PREVALENCE_CI_FRACTION)));
        const ageRange = measure === 'alcohol_dependence' ? '18+' : '15-64';
        prevalence.push([code, period, measure, estimate, lower, upper, ageRange, true]);
      }
    });

    // --- treatment -------------------------------------------------------------------------
    const trng = rngFor(seed, 'treatment', code);
    const prev1920 = prevalenceByPeriod.get('2019/20')!;
    const byPeriod = new Map<string, Record<SubstanceGroup, number>>();
    C.TREATMENT_PERIODS.forEach((period, i) => {
      const wobble = () => 1 + trng.uniform(-C.TREATMENT_YEAR_NOISE, C.TREATMENT_YEAR_NOISE);
      const opiateBase = Math.round(prev1920.opiate) * p.opiateMet;
      const alcoholBase = Math.round(prev1920.alcohol_dependence) * p.alcoholMet;
      const counts: Record<SubstanceGroup, number> = {
        opiate: Math.round(opiateBase * C.TREATMENT_TREND.opiate[i] * wobble()),
        non_opiate_only: Math.round(
          opiateBase * p.nonOpiatePerOpiate * C.TREATMENT_TREND.non_opiate_only[i] * wobble(),
        ),
        non_opiate_and_alcohol: Math.round(
          alcoholBase *
            (1 - p.alcoholOnlyShare) *
            C.TREATMENT_TREND.non_opiate_and_alcohol[i] *
            wobble(),
        ),
        alcohol_only: Math.round(
          alcoholBase * p.alcoholOnlyShare * C.TREATMENT_TREND.alcohol_only[i] * wobble(),
        ),
      };
      byPeriod.set(period, counts);
      let all = 0;
      for (const g of C.SUBSTANCE_GROUPS) {
        treatment.push([code, period, g, counts[g], true]);
        all += counts[g];
      }
      treatment.push([code, period, 'all', all, true]);
    });
    inTreatment.set(code, byPeriod);

    // --- CJS-linked treatment --------------------------------------------------------------
    const crng = rngFor(seed, 'cjs', code);
    const periodTotals: number[] = [];
    C.CJS_PERIODS.forEach((period, pi) => {
      const counts = byPeriod.get(period)!;
      const rows: Cell[][] = [];
      let total = 0;
      let alcoholOnlyTotal = 0;
      for (const g of C.SUBSTANCE_GROUPS) {
        const share = Math.min(0.9, C.CJS_SHARE[g] * p.cjsFactor);
        const n = crng.binomial(counts[g], share);
        const parts = crng.multinomial(n, C.CJS_PATHWAY_WEIGHTS[g]);
        C.CJS_PATHWAYS.forEach((pathway, k) => {
          rows.push([code, period, g, parts[k], pathway, null, true]);
        });
        total += n;
        if (g === 'alcohol_only') alcoholOnlyTotal = n;
      }
      let published = total;
      const last = pi === C.CJS_PERIODS.length - 1;
      if (last && mismatch[0] === code && code === focalArea) {
        // The published total leaves out the alcohol_only row.
        published = total - alcoholOnlyTotal;
        if (published === total) published = total + 5;
      } else if (last && mismatch.includes(code)) {
        // The published total was carried over from the previous period.
        published = periodTotals[pi - 1] ?? total + 3;
        if (published === total) published = total + 3;
      }
      periodTotals.push(total);
      for (const r of rows) {
        r[5] = published;
        cjs.push(r);
      }
    });

    // --- continuity of care ----------------------------------------------------------------
    const krng = rngFor(seed, 'continuity', code);
    C.CONTINUITY_PERIODS.forEach((period, i) => {
      const adults = pop.adults18to64(code, fyStart(period));
      const n = Math.max(
        0,
        Math.round((adults * p.releasedPer100k * krng.lognormal(1, 0.05)) / 1e5),
      );
      const prop = clamp(
        p.continuityBase + C.CONTINUITY_TREND[i] + krng.normal(0, 0.02),
        C.CONTINUITY_MIN + 0.01,
        C.CONTINUITY_MAX - 0.01,
      );
      let engaged = krng.binomial(n, prop);
      if (n >= 5) {
        engaged = clamp(engaged, Math.ceil(C.CONTINUITY_MIN * n), Math.floor(C.CONTINUITY_MAX * n));
      }
      continuity.push([code, period, n, engaged, true]);
    });

    // --- deaths ----------------------------------------------------------------------------
    const drng = rngFor(seed, 'deaths', code);
    for (const year of C.DEATH_YEARS) {
      const trend = C.DEATH_TREND[year];
      const cells: Record<Sex, [number, number][]> = { Male: [], Female: [] };
      for (const sex of C.SEXES) {
        C.AGE_BANDS.forEach((band, b) => {
          const n = pop.get(code, year, sex, band);
          const lMisuse =
            (p.misuseAsr * MISUSE_SHAPE[b] * C.DRUG_MISUSE_SEX_FACTOR[sex] * trend * n) / 1e5;
          const lPoison = Math.max(
            lMisuse,
            (p.poisoningAsr * POISONING_SHAPE[b] * C.DRUG_POISONING_SEX_FACTOR[sex] * trend * n) /
              1e5,
          );
          const misuse = drng.poisson(lMisuse);
          const poisoning = misuse + drng.poisson(lPoison - lMisuse);
          cells[sex].push([misuse, poisoning]);
        });
      }
      if (code === focalArea) {
        focalDeaths.set(
          year,
          new Map<Sex, [number, number][]>([
            ['Male', cells.Male],
            ['Female', cells.Female],
          ]),
        );
      }
      const measures = [
        ['drug_poisoning', 1],
        ['drug_misuse', 0],
      ] as const;
      for (const [measure, idx] of measures) {
        for (const sex of ['Persons', 'Male', 'Female'] as const) {
          C.AGE_BANDS.forEach((band, b) => {
            const v =
              sex === 'Persons' ? cells.Male[b][idx] + cells.Female[b][idx] : cells[sex][b][idx];
            if (v > 0 || options.includeZeroDeaths) {
              deaths.push([code, String(year), sex, band, measure, v, true]);
            }
          });
        }
      }
    }
  }

  const focal = utlas.find((a) => a.code === focalArea)!;
  const episodes = generateEpisodes(seed, focal.code, inTreatment.get(focal.code)!);
  const records = generateDeathRecords(
    seed,
    focal.code,
    profiles.get(focal.code)!,
    pop,
    focalDeaths,
  );

  const table = (name: SyntheticTableName, rows: Cell[][]): SyntheticTable => ({
    columns: [...SYNTHETIC_COLUMNS[name]],
    rows,
  });
  return {
    prevalence: table('prevalence', prevalence),
    treatment: table('treatment', treatment),
    cjs_treatment: table('cjs_treatment', cjs),
    continuity_of_care: table('continuity_of_care', continuity),
    deaths: table('deaths', deaths),
    treatment_episodes: table('treatment_episodes', episodes),
    death_records: table('death_records', records),
    treatment_outcomes: table(
      'treatment_outcomes',
      generateTreatmentOutcomes(seed, inTreatment, C.SUBSTANCE_GROUPS),
    ),
    local_metrics: table(
      'local_metrics',
      generateLocalMetrics(seed, inTreatment, C.TREATMENT_PERIODS[C.TREATMENT_PERIODS.length - 1]),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Record-level: treatment episodes for the focal area
// ---------------------------------------------------------------------------------------------
function substancesFor(rng: Rng, group: SubstanceGroup): string {
  const out: string[] = [];
  const add = (s: string, p: number) => {
    if (!out.includes(s) && rng.bernoulli(p)) out.push(s);
  };
  switch (group) {
    case 'opiate': {
      out.push(
        rng.weighted(
          ['heroin', 'methadone', 'buprenorphine', 'other_opioids'],
          [0.85, 0.07, 0.03, 0.05],
        ),
      );
      add('crack', 0.5);
      add('alcohol', 0.2);
      add('cannabis', 0.15);
      add('benzodiazepines', 0.1);
      add('cocaine', 0.05);
      break;
    }
    case 'non_opiate_only': {
      out.push(
        rng.weighted(
          [
            'cannabis',
            'cocaine',
            'crack',
            'amphetamine',
            'ketamine',
            'spice',
            'benzodiazepines',
            'mdma',
          ],
          [0.45, 0.25, 0.12, 0.05, 0.04, 0.04, 0.03, 0.02],
        ),
      );
      add('cannabis', 0.2);
      add('cocaine', 0.1);
      break;
    }
    case 'non_opiate_and_alcohol': {
      out.push('alcohol');
      out.push(
        rng.weighted(
          ['cocaine', 'cannabis', 'crack', 'amphetamine', 'ketamine'],
          [0.55, 0.3, 0.07, 0.04, 0.04],
        ),
      );
      add('cannabis', 0.15);
      break;
    }
    case 'alcohol_only':
      out.push('alcohol');
      break;
  }
  return out.join(';');
}

function dischargeReason(rng: Rng, group: SubstanceGroup, substances: string): string {
  if (rng.bernoulli(C.COMPLETION_PROBABILITY[group])) {
    if (group === 'alcohol_only') return 'Treatment completed - alcohol-free';
    if (group === 'non_opiate_only' && !substances.includes('crack') && rng.bernoulli(0.3)) {
      return 'Treatment completed - occasional user';
    }
    return 'Treatment completed - drug-free';
  }
  return rng.weighted(C.DISCHARGE_INCOMPLETE, C.DISCHARGE_INCOMPLETE_WEIGHTS);
}

function generateEpisodes(
  seed: number | string,
  code: string,
  counts: Map<string, Record<SubstanceGroup, number>>,
): Cell[][] {
  const rng = rngFor(seed, 'episodes', code);
  const groupTotals = C.SUBSTANCE_GROUPS.map((g) =>
    [...counts.values()].reduce((s, c) => s + c[g], 0),
  );
  const target = clamp(
    Math.round(C.EPISODES_PER_CLIENT_YEAR * groupTotals.reduce((s, v) => s + v, 0)),
    C.EPISODES_MIN,
    C.EPISODES_MAX,
  );
  const firstDay = dayNumber(C.EPISODE_START_FROM);
  const extract = dayNumber(C.EPISODE_EXTRACT_DATE);
  const covidFrom = dayNumber('2020-03-23');
  const covidTo = dayNumber('2020-06-30');
  const rows: { start: number; row: Cell[] }[] = [];
  let clientNo = 0;
  while (rows.length < target) {
    clientNo++;
    const clientId = `SYN-${String(clientNo).padStart(5, '0')}`;
    const group = rng.weighted(C.SUBSTANCE_GROUPS, groupTotals);
    const sex = rng.bernoulli(C.CLIENT_MALE_SHARE[group]) ? 'Male' : 'Female';
    const [mean, sd, lo, hi] = C.CLIENT_AGE[group];
    const age = Math.round(rng.clampedNormal(mean, sd, lo, hi));
    let start = rng.int(firstDay, extract);
    // Fewer new presentations in the first COVID-19 lockdown.
    if (start >= covidFrom && start <= covidTo && rng.bernoulli(0.4))
      start = rng.int(firstDay, extract);
    let episodeAge = age;
    for (let episode = 0; episode < 2 && rows.length < target; episode++) {
      const substances = substancesFor(rng, group);
      const referral = rng.weighted(C.REFERRAL_SOURCES, C.REFERRAL_WEIGHTS[group]);
      const length = Math.max(1, Math.round(rng.lognormal(C.EPISODE_MEDIAN_DAYS[group], 0.8)));
      const end = start + length;
      const open = end > extract;
      const reason = open ? null : dischargeReason(rng, group, substances);
      rows.push({
        start,
        row: [
          clientId,
          code,
          episodeAge,
          sex,
          substances,
          referral,
          isoDate(start),
          open ? null : isoDate(end),
          reason,
          true,
        ],
      });
      if (open || reason === 'Incomplete - client died' || !rng.bernoulli(C.REPRESENTATION_SHARE)) {
        break;
      }
      const next = end + Math.max(14, Math.round(rng.lognormal(200, 0.7)));
      if (next > extract) break;
      episodeAge = age + Math.floor((next - start) / 365.25);
      start = next;
    }
  }
  rows.sort((a, b) => a.start - b.start || (String(a.row[0]) < String(b.row[0]) ? -1 : 1));
  return rows.map((r) => r.row);
}

// ---------------------------------------------------------------------------------------------
// Record-level: death records for the focal area (consistent with its `deaths` rows)
// ---------------------------------------------------------------------------------------------
const MISUSE_SUBSTANCES: readonly [string, number][] = [
  ['heroin', 0.5],
  ['methadone', 0.2],
  ['cocaine', 0.3],
  ['benzodiazepines', 0.2],
  ['pregabalin', 0.12],
  ['alcohol', 0.15],
  ['amphetamine', 0.03],
  ['new_psychoactive_substances', 0.03],
];
const OTHER_POISONING_SUBSTANCES: readonly [string, number][] = [
  ['antidepressants', 0.35],
  ['paracetamol', 0.3],
  ['codeine', 0.15],
  ['tramadol', 0.15],
  ['zopiclone', 0.1],
  ['alcohol', 0.2],
];

function deathSubstances(rng: Rng, misuse: boolean): string {
  const list = misuse ? MISUSE_SUBSTANCES : OTHER_POISONING_SUBSTANCES;
  const out = list.filter(([, p]) => rng.bernoulli(p)).map(([s]) => s);
  if (out.length === 0) out.push(misuse ? 'heroin' : 'paracetamol');
  return out.join(';');
}

function generateDeathRecords(
  seed: number | string,
  code: string,
  profile: AreaProfile,
  pop: PopulationIndex,
  byYear: Map<number, Map<Sex, [number, number][]>>,
): Cell[][] {
  const rng = rngFor(seed, 'death_records', code);
  type Spec = { year: number; sex: Sex; band: number; misuse: boolean };
  const specs: Spec[] = [];
  for (const [year, sexes] of byYear) {
    for (const [sex, cells] of sexes) {
      cells.forEach(([m, p], band) => {
        for (let i = 0; i < p; i++) specs.push({ year, sex, band, misuse: i < m });
      });
    }
  }
  // Registration years either side of the aggregate table (2016; 2022 = deaths still being
  // registered), then trimmed or padded so the sample has DEATH_RECORDS_MIN-MAX rows where the
  // 2017-2021 part allows (only records from the extra years are added or removed).
  const fixedCount = specs.length;
  const misuseWeights: number[] = [];
  const misuseCells: { sex: Sex; band: number }[] = [];
  for (const [extra, trend] of C.DEATH_RECORDS_EXTRA_YEARS) {
    for (const sex of C.SEXES) {
      C.AGE_BANDS.forEach((bandLabel, b) => {
        const n = pop.get(code, extra, sex, bandLabel);
        const lM =
          (profile.misuseAsr * MISUSE_SHAPE[b] * C.DRUG_MISUSE_SEX_FACTOR[sex] * trend * n) / 1e5;
        const lP = Math.max(
          lM,
          (profile.poisoningAsr *
            POISONING_SHAPE[b] *
            C.DRUG_POISONING_SEX_FACTOR[sex] *
            trend *
            n) /
            1e5,
        );
        const m = rng.poisson(lM);
        const o = rng.poisson(lP - lM);
        for (let i = 0; i < m + o; i++) specs.push({ year: extra, sex, band: b, misuse: i < m });
        if (extra === C.DEATH_RECORDS_EXTRA_YEARS[C.DEATH_RECORDS_EXTRA_YEARS.length - 1][0]) {
          misuseWeights.push(lM);
          misuseCells.push({ sex, band: b });
        }
      });
    }
  }
  while (specs.length > C.DEATH_RECORDS_MAX && specs.length > fixedCount) {
    specs.splice(rng.int(fixedCount, specs.length - 1), 1);
  }
  const padYear = C.DEATH_RECORDS_EXTRA_YEARS[C.DEATH_RECORDS_EXTRA_YEARS.length - 1][0];
  while (specs.length < C.DEATH_RECORDS_MIN) {
    const cell = rng.weighted(misuseCells, misuseWeights);
    specs.push({ year: padYear, sex: cell.sex, band: cell.band, misuse: true });
  }

  const rows: { reg: number; death: number; row: Cell[] }[] = [];
  for (const s of specs) {
    const band = C.ESP2013_BANDS[s.band];
    const age = rng.int(band.from, band.to ?? band.from + 6);
    let reg = rng.int(dayNumber(`${s.year}-01-01`), dayNumber(`${s.year}-12-31`));
    const weekday = new Date(reg * DAY_MS).getUTCDay();
    if (weekday === 6) reg -= 1; // Saturday → Friday
    if (weekday === 0) reg -= 2; // Sunday → Friday
    if (reg < dayNumber(`${s.year}-01-01`)) reg += 3; // stay in the registration year
    const lag = Math.round(
      clamp(
        rng.lognormal(C.REGISTRATION_DELAY_MEDIAN_DAYS, C.REGISTRATION_DELAY_SD_LOG),
        C.REGISTRATION_DELAY_MIN_DAYS,
        C.REGISTRATION_DELAY_MAX_DAYS,
      ),
    );
    const death = reg - lag;
    const known = rng.bernoulli(
      s.misuse ? C.KNOWN_TO_TREATMENT_MISUSE : C.KNOWN_TO_TREATMENT_OTHER_POISONING,
    );
    const circumstances = rng.weighted(C.DEATH_CIRCUMSTANCES, C.DEATH_CIRCUMSTANCE_WEIGHTS);
    rows.push({
      reg,
      death,
      row: [
        isoDate(death),
        isoDate(reg),
        code,
        age,
        s.sex,
        deathSubstances(rng, s.misuse),
        known,
        circumstances,
        true,
      ],
    });
  }
  rows.sort((a, b) => a.reg - b.reg || a.death - b.death);
  return rows.map((r) => r.row);
}

/** Internals exposed for tests only. */
export const _internal = { normaliseShape, MISUSE_SHAPE, POISONING_SHAPE, PopulationIndex };
