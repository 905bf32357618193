/**
 * Expected drug deaths in one area, sex and age band, and the draws from them. The aggregate
 * `deaths` table and the focal area's extra registration years in `death_records` use the same
 * rates, so the record sample matches the aggregate in shape.
 */
import * as C from './constants';
import type { Sex } from './constants';
import type { AreaProfile } from './profile';
import type { Rng } from './random';

/** Age shape rescaled so that its ESP2013-weighted mean is 1 (rate × shape has that ASR). */
export function normaliseShape(shape: readonly number[]): number[] {
  const totalWeight = C.ESP2013_BANDS.reduce((s, b) => s + b.weight, 0);
  const weighted = C.ESP2013_BANDS.reduce((s, b, i) => s + b.weight * shape[i], 0);
  return shape.map((v) => (v * totalWeight) / weighted);
}
export const MISUSE_SHAPE = normaliseShape(C.DRUG_MISUSE_AGE_SHAPE);
export const POISONING_SHAPE = normaliseShape(C.DRUG_POISONING_AGE_SHAPE);

/** Expected deaths (Poisson means); poisoning is never below misuse, which it includes. */
export interface ExpectedDeaths {
  misuse: number;
  poisoning: number;
}

/** Expected deaths in age band `band` (index into ESP2013_BANDS) of a population of `n`. */
export function expectedDeaths(
  profile: AreaProfile,
  band: number,
  sex: Sex,
  trend: number,
  n: number,
): ExpectedDeaths {
  const misuse =
    (profile.misuseAsr * MISUSE_SHAPE[band] * C.DRUG_MISUSE_SEX_FACTOR[sex] * trend * n) / 1e5;
  const poisoning = Math.max(
    misuse,
    (profile.poisoningAsr * POISONING_SHAPE[band] * C.DRUG_POISONING_SEX_FACTOR[sex] * trend * n) /
      1e5,
  );
  return { misuse, poisoning };
}

/** [misuse, poisoning] deaths: poisoning = the misuse deaths plus the other poisonings. */
export function drawDeaths(rng: Rng, expected: ExpectedDeaths): [number, number] {
  const misuse = rng.poisson(expected.misuse);
  return [misuse, misuse + rng.poisson(expected.poisoning - expected.misuse)];
}
