/**
 * The `cjs_treatment` rows of one area: people in treatment referred from the criminal justice
 * system, by substance group and pathway, with the published total of each period. In the last
 * period two areas get a published total that deliberately disagrees with the sum of their cells:
 * training examples of a published table that does not add up.
 */
import * as C from './constants';
import type { SyntheticArea } from './inputs';
import type { AreaProfile } from './profile';
import { rngFor } from './random';
import type { Cell } from './tables';
import type { InTreatment } from './treatment';

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

/**
 * How an area's last published total disagrees with its cells: the focal area's leaves out the
 * alcohol_only row; the other mismatch area's was carried over from the previous period.
 */
export type CjsMismatch = 'omits_alcohol_only' | 'carried_over' | null;

export function cjsMismatchFor(
  code: string,
  mismatchAreas: readonly string[],
  focalArea: string,
): CjsMismatch {
  if (mismatchAreas[0] === code && code === focalArea) return 'omits_alcohol_only';
  return mismatchAreas.includes(code) ? 'carried_over' : null;
}

export function areaCjs(
  seed: number | string,
  code: string,
  p: AreaProfile,
  inTreatment: InTreatment,
  mismatch: CjsMismatch,
): Cell[][] {
  const crng = rngFor(seed, 'cjs', code);
  const out: Cell[][] = [];
  const periodTotals: number[] = [];
  C.CJS_PERIODS.forEach((period, pi) => {
    const counts = inTreatment.get(period)!;
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
    if (last && mismatch === 'omits_alcohol_only') {
      // The published total leaves out the alcohol_only row.
      published = total - alcoholOnlyTotal;
      if (published === total) published = total + 5;
    } else if (last && mismatch === 'carried_over') {
      // The published total was carried over from the previous period.
      published = periodTotals[pi - 1] ?? total + 3;
      if (published === total) published = total + 3;
    }
    periodTotals.push(total);
    for (const r of rows) {
      r[5] = published;
      out.push(r);
    }
  });
  return out;
}
