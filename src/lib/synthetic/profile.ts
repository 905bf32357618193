/**
 * The latent characteristics of one area (need, prevalence rates, met need, death rates…),
 * drawn once per (seed, area) and shared by every table of that area, so the tables of an area
 * tell one consistent story.
 */
import * as C from './constants';
import { clamp } from './numbers';
import { PREVALENCE_MEASURES } from './prevalence';
import { rngFor } from './random';

/** Latent characteristics of one area, drawn once per (seed, area). */
export interface AreaProfile {
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

export function drawProfile(seed: number | string, code: string, focal: boolean): AreaProfile {
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
  for (const m of PREVALENCE_MEASURES) {
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
