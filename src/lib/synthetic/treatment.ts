/** The `treatment` rows of one area: numbers in treatment by period and substance group. */
import * as C from './constants';
import type { SubstanceGroup } from './constants';
import type { PrevalenceEstimates } from './prevalence';
import type { AreaProfile } from './profile';
import { rngFor } from './random';
import type { Cell } from './tables';

/** Numbers in treatment by period → substance group. */
export type InTreatment = Map<string, Record<SubstanceGroup, number>>;

export function areaTreatment(
  seed: number | string,
  code: string,
  p: AreaProfile,
  prevalence: Map<string, PrevalenceEstimates>,
): { rows: Cell[][]; byPeriod: InTreatment } {
  const trng = rngFor(seed, 'treatment', code);
  // Every period is scaled from the 2019/20 prevalence by the met-need shares and a national trend.
  const prev1920 = prevalence.get('2019/20')!;
  const rows: Cell[][] = [];
  const byPeriod: InTreatment = new Map();
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
      rows.push([code, period, g, counts[g], true]);
      all += counts[g];
    }
    rows.push([code, period, 'all', all, true]);
  });
  return { rows, byPeriod };
}
