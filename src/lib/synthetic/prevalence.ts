/** The `prevalence` rows of one area: OCU, opiate, crack and alcohol dependence estimates. */
import * as C from './constants';
import { fyStart } from './dates';
import type { PopulationIndex } from './population';
import type { AreaProfile } from './profile';
import { rngFor } from './random';
import type { Cell } from './tables';

export const PREVALENCE_MEASURES = ['ocu', 'opiate', 'crack', 'alcohol_dependence'] as const;

/** Unrounded estimates by measure, for one period. */
export type PrevalenceEstimates = Record<string, number>;

export function areaPrevalence(
  seed: number | string,
  code: string,
  p: AreaProfile,
  pop: PopulationIndex,
): { rows: Cell[][]; byPeriod: Map<string, PrevalenceEstimates> } {
  const prng = rngFor(seed, 'prevalence', code);
  const rows: Cell[][] = [];
  const byPeriod = new Map<string, PrevalenceEstimates>();
  C.PREVALENCE_PERIODS.forEach((period, i) => {
    const year = fyStart(period);
    const base15to64 = pop.age15to64(code, year);
    const adults = pop.adults(code, year);
    const trend = (m: string) => (i === 0 ? 1 : p.prevalenceTrend[m]);
    const ocu = (base15to64 * p.ocuPer1000 * trend('ocu')) / 1000;
    const values: PrevalenceEstimates = {
      ocu,
      opiate: ((ocu * p.opiateShare) / trend('ocu')) * trend('opiate'),
      crack: ((ocu * p.crackShare) / trend('ocu')) * trend('crack'),
      alcohol_dependence: (adults * p.alcoholPer1000 * trend('alcohol_dependence')) / 1000,
    };
    byPeriod.set(period, values);
    for (const measure of PREVALENCE_MEASURES) {
      const estimate = Math.max(1, Math.round(values[measure]));
      const lower = Math.round(estimate * (1 - prng.uniform(...C.PREVALENCE_CI_FRACTION)));
      const upper = Math.round(estimate * (1 + prng.uniform(...C.PREVALENCE_CI_FRACTION)));
      const ageRange = measure === 'alcohol_dependence' ? '18+' : '15-64';
      rows.push([code, period, measure, estimate, lower, upper, ageRange, true]);
    }
  });
  return { rows, byPeriod };
}
