/** The aggregate `deaths` rows of one area: drug poisoning and misuse deaths by year, sex and age. */
import * as C from './constants';
import type { Sex } from './constants';
import { drawDeaths, expectedDeaths } from './deathRates';
import type { PopulationIndex } from './population';
import type { AreaProfile } from './profile';
import { rngFor } from './random';
import type { Cell } from './tables';

/** Deaths of one registration year: sex → age band → [misuse, poisoning]. */
export type DeathCells = Record<Sex, [number, number][]>;

/** Draws the deaths of every registration year (year → cells). */
export function drawAreaDeaths(
  seed: number | string,
  code: string,
  p: AreaProfile,
  pop: PopulationIndex,
): Map<number, DeathCells> {
  const drng = rngFor(seed, 'deaths', code);
  const byYear = new Map<number, DeathCells>();
  for (const year of C.DEATH_YEARS) {
    const trend = C.DEATH_TREND[year];
    const cells: DeathCells = { Male: [], Female: [] };
    for (const sex of C.SEXES) {
      C.AGE_BANDS.forEach((band, b) => {
        const n = pop.get(code, year, sex, band);
        cells[sex].push(drawDeaths(drng, expectedDeaths(p, b, sex, trend, n)));
      });
    }
    byYear.set(year, cells);
  }
  return byYear;
}

/**
 * The rows of drawn deaths, with Persons = Male + Female. Zero cells are left out unless
 * `includeZeroDeaths` (absent rows mean 0, as in the DSR formula).
 */
export function deathsRows(
  code: string,
  byYear: Map<number, DeathCells>,
  includeZeroDeaths: boolean | undefined,
): Cell[][] {
  const rows: Cell[][] = [];
  const measures = [
    ['drug_poisoning', 1],
    ['drug_misuse', 0],
  ] as const;
  for (const [year, cells] of byYear) {
    for (const [measure, idx] of measures) {
      for (const sex of ['Persons', 'Male', 'Female'] as const) {
        C.AGE_BANDS.forEach((band, b) => {
          const v =
            sex === 'Persons' ? cells.Male[b][idx] + cells.Female[b][idx] : cells[sex][b][idx];
          if (v > 0 || includeZeroDeaths) {
            rows.push([code, String(year), sex, band, measure, v, true]);
          }
        });
      }
    }
  }
  return rows;
}
