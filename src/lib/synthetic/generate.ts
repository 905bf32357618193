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
import { dayNumber, fyStart, isoDate, weekday } from './dates';
import {
  MISUSE_SHAPE,
  POISONING_SHAPE,
  drawDeaths,
  expectedDeaths,
  normaliseShape,
} from './deathRates';
import type { PopulationRow, SyntheticArea } from './inputs';
import { clamp } from './numbers';
import { generateLocalMetrics, generateTreatmentOutcomes } from './outcomes';
import { PopulationIndex } from './population';
import { drawProfile, type AreaProfile } from './profile';
import { rngFor, type Rng } from './random';
import { syntheticTable, type Cell, type SyntheticTables } from './tables';

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
          cells[sex].push(drawDeaths(drng, expectedDeaths(p, b, sex, trend, n)));
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

  return {
    prevalence: syntheticTable('prevalence', prevalence),
    treatment: syntheticTable('treatment', treatment),
    cjs_treatment: syntheticTable('cjs_treatment', cjs),
    continuity_of_care: syntheticTable('continuity_of_care', continuity),
    deaths: syntheticTable('deaths', deaths),
    treatment_episodes: syntheticTable('treatment_episodes', episodes),
    death_records: syntheticTable('death_records', records),
    treatment_outcomes: syntheticTable(
      'treatment_outcomes',
      generateTreatmentOutcomes(seed, inTreatment, C.SUBSTANCE_GROUPS),
    ),
    local_metrics: syntheticTable(
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
        const expected = expectedDeaths(profile, b, sex, trend, n);
        const [m, p] = drawDeaths(rng, expected);
        for (let i = 0; i < p; i++) specs.push({ year: extra, sex, band: b, misuse: i < m });
        if (extra === C.DEATH_RECORDS_EXTRA_YEARS[C.DEATH_RECORDS_EXTRA_YEARS.length - 1][0]) {
          misuseWeights.push(expected.misuse);
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
    const day = weekday(reg);
    if (day === 6) reg -= 1; // Saturday → Friday
    if (day === 0) reg -= 2; // Sunday → Friday
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
