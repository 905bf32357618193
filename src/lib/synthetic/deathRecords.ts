/**
 * Record-level `death_records` for the focal area, consistent with its `deaths` rows: one record
 * per death in the aggregate years, plus records from the registration years either side.
 */
import * as C from './constants';
import type { Sex } from './constants';
import { dayNumber, isoDate, weekday } from './dates';
import { drawDeaths, expectedDeaths } from './deathRates';
import type { DeathCells } from './deaths';
import { clamp } from './numbers';
import type { PopulationIndex } from './population';
import type { AreaProfile } from './profile';
import { rngFor, type Rng } from './random';
import type { Cell } from './tables';

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

/** One death to write out: its registration year, sex, age band (index) and kind. */
interface DeathSpec {
  year: number;
  sex: Sex;
  band: number;
  misuse: boolean;
}

/** One spec per death in the aggregate cells (the first `misuse` of each cell are misuse deaths). */
function aggregateSpecs(byYear: Map<number, DeathCells>): DeathSpec[] {
  const specs: DeathSpec[] = [];
  for (const [year, cells] of byYear) {
    for (const sex of C.SEXES) {
      cells[sex].forEach(([m, p], band) => {
        for (let i = 0; i < p; i++) specs.push({ year, sex, band, misuse: i < m });
      });
    }
  }
  return specs;
}

/**
 * Adds registration years either side of the aggregate table (2016; 2022 = deaths still being
 * registered), then trims or pads so the sample has DEATH_RECORDS_MIN-MAX rows where the
 * 2017-2021 part allows (only records from the extra years are added or removed).
 */
function addExtraYears(
  rng: Rng,
  specs: DeathSpec[],
  code: string,
  profile: AreaProfile,
  pop: PopulationIndex,
): void {
  const fixedCount = specs.length;
  const padYear = C.DEATH_RECORDS_EXTRA_YEARS[C.DEATH_RECORDS_EXTRA_YEARS.length - 1][0];
  const misuseWeights: number[] = [];
  const misuseCells: { sex: Sex; band: number }[] = [];
  for (const [extra, trend] of C.DEATH_RECORDS_EXTRA_YEARS) {
    for (const sex of C.SEXES) {
      C.AGE_BANDS.forEach((bandLabel, b) => {
        const n = pop.get(code, extra, sex, bandLabel);
        const expected = expectedDeaths(profile, b, sex, trend, n);
        const [m, p] = drawDeaths(rng, expected);
        for (let i = 0; i < p; i++) specs.push({ year: extra, sex, band: b, misuse: i < m });
        if (extra === padYear) {
          misuseWeights.push(expected.misuse);
          misuseCells.push({ sex, band: b });
        }
      });
    }
  }
  while (specs.length > C.DEATH_RECORDS_MAX && specs.length > fixedCount) {
    specs.splice(rng.int(fixedCount, specs.length - 1), 1);
  }
  while (specs.length < C.DEATH_RECORDS_MIN) {
    const cell = rng.weighted(misuseCells, misuseWeights);
    specs.push({ year: padYear, sex: cell.sex, band: cell.band, misuse: true });
  }
}

/** A registration day in `year`, moved off a weekend to the Friday before. */
function registrationDay(rng: Rng, year: number): number {
  const first = dayNumber(`${year}-01-01`);
  let reg = rng.int(first, dayNumber(`${year}-12-31`));
  const day = weekday(reg);
  if (day === 6) reg -= 1; // Saturday → Friday
  if (day === 0) reg -= 2; // Sunday → Friday
  if (reg < first) reg += 3; // stay in the registration year
  return reg;
}

function deathRecord(
  rng: Rng,
  code: string,
  s: DeathSpec,
): { reg: number; death: number; row: Cell[] } {
  const band = C.ESP2013_BANDS[s.band];
  const age = rng.int(band.from, band.to ?? band.from + 6);
  const reg = registrationDay(rng, s.year);
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
  return {
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
  };
}

/** The focal area's death records, in order of registration then death. */
export function generateDeathRecords(
  seed: number | string,
  code: string,
  profile: AreaProfile,
  pop: PopulationIndex,
  byYear: Map<number, DeathCells>,
): Cell[][] {
  const rng = rngFor(seed, 'death_records', code);
  const specs = aggregateSpecs(byYear);
  addExtraYears(rng, specs, code, profile, pop);
  const rows = specs.map((s) => deathRecord(rng, code, s));
  rows.sort((a, b) => a.reg - b.reg || a.death - b.death);
  return rows.map((r) => r.row);
}
