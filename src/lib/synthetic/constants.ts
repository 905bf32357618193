/**
 * Magnitudes used by the synthetic training-data generator, with the published reference each
 * one imitates. "PRIMER" = /work/shared/domain/PRIMER.md (the project's domain primer); other
 * references are the national publications named, quoted approximately. Everything produced
 * with these numbers is SYNTHETIC: plausible in scale, not anyone's real figures.
 */

/** Vocabulary shared with docs/canonical-tables.md. */
export const SUBSTANCE_GROUPS = [
  'opiate',
  'non_opiate_only',
  'non_opiate_and_alcohol',
  'alcohol_only',
] as const;
export type SubstanceGroup = (typeof SUBSTANCE_GROUPS)[number];

export const SEXES = ['Male', 'Female'] as const;
export type Sex = (typeof SEXES)[number];

/** ESP2013 19-band scheme (PRIMER, glossary "ESP2013"): label, first age, last age, weight. */
export const ESP2013_BANDS: readonly {
  band: string;
  from: number;
  to: number | null;
  weight: number;
}[] = [
  { band: '0-4', from: 0, to: 4, weight: 5000 },
  { band: '5-9', from: 5, to: 9, weight: 5500 },
  { band: '10-14', from: 10, to: 14, weight: 5500 },
  { band: '15-19', from: 15, to: 19, weight: 5500 },
  { band: '20-24', from: 20, to: 24, weight: 6000 },
  { band: '25-29', from: 25, to: 29, weight: 6000 },
  { band: '30-34', from: 30, to: 34, weight: 6500 },
  { band: '35-39', from: 35, to: 39, weight: 7000 },
  { band: '40-44', from: 40, to: 44, weight: 7000 },
  { band: '45-49', from: 45, to: 49, weight: 7000 },
  { band: '50-54', from: 50, to: 54, weight: 7000 },
  { band: '55-59', from: 55, to: 59, weight: 6500 },
  { band: '60-64', from: 60, to: 64, weight: 6000 },
  { band: '65-69', from: 65, to: 69, weight: 5500 },
  { band: '70-74', from: 70, to: 74, weight: 5000 },
  { band: '75-79', from: 75, to: 79, weight: 4000 },
  { band: '80-84', from: 80, to: 84, weight: 2500 },
  { band: '85-89', from: 85, to: 89, weight: 1500 },
  { band: '90+', from: 90, to: null, weight: 1000 },
];
export const AGE_BANDS: readonly string[] = ESP2013_BANDS.map((b) => b.band);
/** Bands making up ages 15-64 (OCU / opiate / crack prevalence denominators). */
export const BANDS_15_64: readonly string[] = AGE_BANDS.slice(3, 13);
/** Bands approximating adults 18+ (15-19 counted at 2/5, see `adultPopulation`). */
export const BANDS_20_PLUS: readonly string[] = AGE_BANDS.slice(4);

// ---------------------------------------------------------------------------------------------
// Area "need" profile. One latent factor per area (log-normal, median 1) drives prevalence,
// deaths, CJS activity and prison releases together, as deprivation does in the real data.
// ---------------------------------------------------------------------------------------------
export const NEED_FACTOR_SD_LOG = 0.35;

// ---------------------------------------------------------------------------------------------
// Prevalence (view 1, unmet need). Periods and ranges.
// ---------------------------------------------------------------------------------------------
/** Prevalence periods generated (OCU sweeps are 2016/17 and 2019/20 in the real series). */
export const PREVALENCE_PERIODS = ['2016/17', '2019/20'] as const;
/**
 * OCU (opiate and/or crack users) aged 15-64, per 1,000 population 15-64. PRIMER glossary: OCU is
 * the estimated number of users aged 15-64; national reference about 9 per 1,000 (England
 * 2016/17 estimate about 314,000, 8.9 per 1,000: Hay et al., Liverpool John Moores University,
 * for PHE). Local estimates range from about 3 to about 25 per 1,000.
 */
export const OCU_PER_1000_MEDIAN = 8.2; // median of a right-skewed spread: England total ~9 per 1,000
export const OCU_PER_1000_MIN = 3.5;
export const OCU_PER_1000_MAX = 25;
/** Opiate users as a share of OCU (England 2016/17: about 7.4 / 8.9 per 1,000 = 0.83). */
export const OPIATE_SHARE_OF_OCU: readonly [number, number] = [0.78, 0.88];
/** Crack users as a share of OCU (England 2016/17: about 5.1 / 8.9 per 1,000 = 0.57). */
export const CRACK_SHARE_OF_OCU: readonly [number, number] = [0.5, 0.65];
/**
 * Alcohol-dependent adults 18+, per 1,000 adults. PRIMER glossary "dependent drinkers"; England
 * estimate about 1.4% of adults (about 600,000; PHE / University of Sheffield), local estimates
 * roughly 0.8% to 2.3%.
 */
export const ALCOHOL_DEP_PER_1000_MEDIAN = 13.2; // England overall comes out ~13.5-14
export const ALCOHOL_DEP_PER_1000_MIN = 8;
export const ALCOHOL_DEP_PER_1000_MAX = 23;
/** Change from the 2016/17 to the 2019/20 estimate (multiplicative, [min, max]). */
export const PREVALENCE_TREND: Readonly<Record<string, readonly [number, number]>> = {
  ocu: [0.98, 1.08],
  opiate: [0.96, 1.04],
  crack: [1.0, 1.12],
  alcohol_dependence: [0.97, 1.03],
};
/**
 * 95% interval half-widths as a fraction of the estimate: lower = E·(1−a), upper = E·(1+b) with
 * a, b drawn independently from this range. Published OCU/alcohol estimates have intervals of
 * roughly ±15-25% at LA level.
 */
export const PREVALENCE_CI_FRACTION: readonly [number, number] = [0.15, 0.25];

// ---------------------------------------------------------------------------------------------
// Treatment (NDTMS-like counts of adults in structured treatment).
// ---------------------------------------------------------------------------------------------
export const TREATMENT_PERIODS = ['2019/20', '2020/21', '2021/22', '2022/23'] as const;
/**
 * Opiate clients / opiate prevalence (met need) in 2019/20. Nationally a little over half of
 * opiate users are in treatment (unmet need for opiates about 45-55%, Fingertips 93517 family).
 * The brief asked for "~45-55% of OCU"; we anchor opiate clients to the *opiate* estimate (the
 * denominator the unmet-need indicator uses), which puts them at about 35-50% of OCU.
 */
export const OPIATE_MET_NEED: readonly [number, number] = [0.45, 0.55];
/**
 * Adults in treatment for alcohol (alcohol_only + non_opiate_and_alcohol) / alcohol-dependent
 * adults (met need): about 1 in 5. Reference: SDG 3.5.1 series in datasets/ (England 2017/18:
 * 103,471 in treatment / 586,780 dependent = 17.6%; Peterborough 2018/19: 21.3%); unmet need for
 * alcohol about 80% (Fingertips 93532).
 */
export const ALCOHOL_MET_NEED: readonly [number, number] = [0.15, 0.25];
/** Share of those alcohol clients who are alcohol_only (England about 75k of 105k = 0.7). */
export const ALCOHOL_ONLY_SHARE: readonly [number, number] = [0.65, 0.75];
/** Non-opiate-only clients relative to opiate clients (England about 1 : 5 to 1 : 4). */
export const NON_OPIATE_ONLY_PER_OPIATE: readonly [number, number] = [0.15, 0.3];
/** Year-on-year index (2019/20 = 1) per group: opiate flat/declining, alcohol and non-opiate rising. */
export const TREATMENT_TREND: Readonly<Record<SubstanceGroup, readonly number[]>> = {
  opiate: [1.0, 0.99, 0.98, 0.98],
  non_opiate_only: [1.0, 1.04, 1.08, 1.14],
  non_opiate_and_alcohol: [1.0, 1.03, 1.07, 1.12],
  alcohol_only: [1.0, 1.02, 1.06, 1.1],
};
/** Random year-to-year wobble on the trend (multiplicative, ±). */
export const TREATMENT_YEAR_NOISE = 0.02;

// ---------------------------------------------------------------------------------------------
// CJS-linked treatment (view 3). PRIMER: the Humberside table (opiates dominate, ~75% of CJS
// clients; alcohol ~13%).
// ---------------------------------------------------------------------------------------------
export const CJS_PERIODS = ['2021/22', '2022/23'] as const;
/** Share of each group's clients whose referral came through the CJS (before the area factor). */
export const CJS_SHARE: Readonly<Record<SubstanceGroup, number>> = {
  opiate: 0.18,
  non_opiate_only: 0.2,
  non_opiate_and_alcohol: 0.16,
  alcohol_only: 0.08,
};
/** Area multiplier on CJS_SHARE, uniform in this range. */
export const CJS_AREA_FACTOR: readonly [number, number] = [0.7, 1.3];
/** CJS pathways (PRIMER glossary "CJS"). */
export const CJS_PATHWAYS = [
  'police_custody',
  'liaison_and_diversion',
  'court_order_drr_atr',
  'probation',
  'prison_release',
] as const;
/** Expected split of each group's CJS clients across CJS_PATHWAYS. */
export const CJS_PATHWAY_WEIGHTS: Readonly<Record<SubstanceGroup, readonly number[]>> = {
  opiate: [0.15, 0.1, 0.15, 0.25, 0.35],
  non_opiate_only: [0.25, 0.15, 0.15, 0.3, 0.15],
  non_opiate_and_alcohol: [0.2, 0.15, 0.2, 0.3, 0.15],
  alcohol_only: [0.1, 0.15, 0.35, 0.3, 0.1],
};
/**
 * The `published_total` deliberately disagrees with the sum of parts in the last CJS period for
 * (1) the focal area: the published total leaves out the alcohol_only row; (2) one other area
 * (Kingston upon Hull, E06000010, a nod to the Humberside table in PRIMER; or the first other
 * UTLA by code if Hull is absent or focal): the published total is the previous period's.
 */
export const CJS_MISMATCH_SECOND_AREA = 'E06000010';

// ---------------------------------------------------------------------------------------------
// Continuity of care (PRIMER glossary: % engaging within 3 weeks of prison release; national
// ~40%, ambition 75%; local range 20-70%).
// ---------------------------------------------------------------------------------------------
export const CONTINUITY_PERIODS = TREATMENT_PERIODS;
/** Adults released from prison with a treatment need, per 100,000 adults aged 18-64 (approximate). */
export const RELEASED_WITH_NEED_PER_100K = 90;
export const CONTINUITY_NATIONAL_MEAN = 0.4;
export const CONTINUITY_AREA_SD = 0.08;
/** Index added to the engagement proportion per period (rising nationally). */
export const CONTINUITY_TREND: readonly number[] = [-0.03, 0.0, 0.03, 0.06];
export const CONTINUITY_MIN = 0.2;
export const CONTINUITY_MAX = 0.7;

// ---------------------------------------------------------------------------------------------
// Deaths (view 2). PRIMER: England 2019-21 drug misuse 5.1 per 100,000 (ASR, ESP2013); LA rates
// roughly 2-25 per 100,000 (Peterborough 2015-17: 5.0; Cambridgeshire 3.6).
// ---------------------------------------------------------------------------------------------
/** Registration years generated; period labels are the year ("2019"). */
export const DEATH_YEARS = [2017, 2018, 2019, 2020, 2021] as const;
/** Year index of deaths (2020 = 1): ONS registrations rose ~2017 to 2021. */
export const DEATH_TREND: Readonly<Record<number, number>> = {
  2017: 0.86,
  2018: 0.96,
  2019: 0.97,
  2020: 1.0,
  2021: 1.03,
};
/** Drug-misuse ASR per 100,000: median, sd on the log scale (noise beyond the need factor), clamp. */
export const DRUG_MISUSE_ASR_MEDIAN = 4.7; // area median; England overall comes out ~5
export const DRUG_MISUSE_ASR_NOISE_SD_LOG = 0.15;
export const DRUG_MISUSE_ASR_MIN = 2.2;
export const DRUG_MISUSE_ASR_MAX = 16;
/**
 * The focal area's latent misuse ASR is clamped to a typical range so that its record-level death
 * sample is about 100-200 rows for a mid-sized UA such as Peterborough (real 2015-17: 5.0).
 */
export const FOCAL_DRUG_MISUSE_ASR_RANGE: readonly [number, number] = [4.5, 8.5];
/** Drug-poisoning ASR / drug-misuse ASR (England: about 4,860 / 3,060 deaths E&W 2021, ~1.55). */
export const POISONING_TO_MISUSE_RATIO: readonly [number, number] = [1.35, 1.6];
/** Cap for the poisoning ASR (upper end of the 2-25 per 100,000 range). */
export const DRUG_POISONING_ASR_MAX = 24;
/**
 * Relative age-specific rates by ESP2013 band (shape only; rescaled so the ESP2013-weighted
 * average is the area's ASR). Drug misuse peaks at 35-49 (ONS age-specific rates, 2021
 * registrations: about 12-14 per 100,000 at 35-49, under 1 below 20 and over 70).
 */
export const DRUG_MISUSE_AGE_SHAPE: readonly number[] = [
  0, 0, 0.02, 0.9, 3.4, 6.4, 9.3, 12.0, 13.5, 13.6, 10.8, 7.0, 3.6, 1.6, 0.8, 0.4, 0.3, 0.2, 0.2,
];
/** Drug poisoning includes suicides and medicines, so more deaths at older ages. */
export const DRUG_POISONING_AGE_SHAPE: readonly number[] = [
  0, 0, 0.05, 1.5, 4.5, 8.0, 11.5, 14.5, 16.5, 17.5, 15.0, 10.5, 6.5, 4.0, 3.0, 2.8, 3.0, 3.5, 3.5,
];
/** Sex multipliers on the persons rate (misuse ~70% male, poisoning ~66% male). */
export const DRUG_MISUSE_SEX_FACTOR: Readonly<Record<Sex, number>> = { Male: 1.4, Female: 0.6 };
export const DRUG_POISONING_SEX_FACTOR: Readonly<Record<Sex, number>> = {
  Male: 1.33,
  Female: 0.67,
};

// ---------------------------------------------------------------------------------------------
// Record-level data for the focal area.
// ---------------------------------------------------------------------------------------------
/** Target number of treatment episodes (rows) for the focal area. */
export const EPISODES_MIN = 2000;
export const EPISODES_MAX = 3000;
/** Episodes ≈ this fraction of the focal area's summed in-treatment counts over the four years. */
export const EPISODES_PER_CLIENT_YEAR = 0.55;
/** Episode start dates and the data extract date (open episodes have no discharge date). */
export const EPISODE_START_FROM = '2018-04-01';
export const EPISODE_EXTRACT_DATE = '2023-03-31';
/** Share of clients who re-present for a second episode. */
export const REPRESENTATION_SHARE = 0.15;
export const REFERRAL_SOURCES = [
  'Self',
  'GP',
  'Criminal justice',
  'Hospital',
  'Social services',
  'Mental health',
  'Other',
] as const;
export const REFERRAL_WEIGHTS: Readonly<Record<SubstanceGroup, readonly number[]>> = {
  opiate: [0.55, 0.08, 0.2, 0.03, 0.04, 0.02, 0.08],
  non_opiate_only: [0.45, 0.08, 0.24, 0.03, 0.07, 0.05, 0.08],
  non_opiate_and_alcohol: [0.45, 0.12, 0.18, 0.07, 0.06, 0.05, 0.07],
  alcohol_only: [0.5, 0.2, 0.06, 0.12, 0.03, 0.03, 0.06],
};
/** NDTMS-style discharge reasons. */
export const DISCHARGE_COMPLETED = [
  'Treatment completed - drug-free',
  'Treatment completed - alcohol-free',
  'Treatment completed - occasional user',
] as const;
export const DISCHARGE_INCOMPLETE = [
  'Incomplete - dropped out',
  'Incomplete - treatment withdrawn by provider',
  'Incomplete - retained in custody',
  'Incomplete - client died',
  'Transferred - not in custody',
  'Transferred - in custody',
] as const;
export const DISCHARGE_INCOMPLETE_WEIGHTS: readonly number[] = [0.55, 0.06, 0.05, 0.02, 0.2, 0.12];
/** Probability an episode that ends is a completion (opiate completions are rarer). */
export const COMPLETION_PROBABILITY: Readonly<Record<SubstanceGroup, number>> = {
  opiate: 0.25,
  non_opiate_only: 0.55,
  non_opiate_and_alcohol: 0.5,
  alcohol_only: 0.58,
};
/** Median episode length in days (log-normal, sd on the log scale 0.8). */
export const EPISODE_MEDIAN_DAYS: Readonly<Record<SubstanceGroup, number>> = {
  opiate: 540,
  non_opiate_only: 150,
  non_opiate_and_alcohol: 180,
  alcohol_only: 170,
};
/** Age at start: mean, sd, min, max per group (opiate clients are an ageing cohort). */
export const CLIENT_AGE: Readonly<
  Record<SubstanceGroup, readonly [number, number, number, number]>
> = {
  opiate: [43, 8, 20, 75],
  non_opiate_only: [31, 9, 18, 70],
  non_opiate_and_alcohol: [35, 10, 18, 75],
  alcohol_only: [46, 11, 18, 85],
};
/** Probability a client is male, per group. */
export const CLIENT_MALE_SHARE: Readonly<Record<SubstanceGroup, number>> = {
  opiate: 0.72,
  non_opiate_only: 0.75,
  non_opiate_and_alcohol: 0.72,
  alcohol_only: 0.6,
};

/** Registration delay (date of death → registration), log-normal in days: ~15% over a year. */
export const REGISTRATION_DELAY_MEDIAN_DAYS = 160;
export const REGISTRATION_DELAY_SD_LOG = 0.8;
export const REGISTRATION_DELAY_MIN_DAYS = 7;
export const REGISTRATION_DELAY_MAX_DAYS = 1000;
/**
 * Extra registration years in the record-level death file (not in the aggregate deaths table),
 * with their year index (as DEATH_TREND; ONS E&W drug misuse registrations 2014-2016 were
 * about 2,250-2,600 a year against about 3,000 in 2020). Nine registration years give a mid-sized
 * UA such as Peterborough (about 13 drug-poisoning deaths a year) about 100-200 records.
 */
export const DEATH_RECORDS_EXTRA_YEARS: readonly (readonly [number, number])[] = [
  [2014, 0.75],
  [2015, 0.83],
  [2016, 0.87],
  [2022, 1.04],
];
/** Size of the record-level death sample (extra-year records are trimmed or padded to fit). */
export const DEATH_RECORDS_MIN = 100;
export const DEATH_RECORDS_MAX = 200;
/**
 * Share of deaths known to treatment services. PRIMER: "60% of DRDs were not known to treatment
 * services" is typical, so ~40% known overall: higher for drug-misuse deaths, lower otherwise.
 */
export const KNOWN_TO_TREATMENT_MISUSE = 0.5;
export const KNOWN_TO_TREATMENT_OTHER_POISONING = 0.2;
export const DEATH_CIRCUMSTANCES = [
  'Found at home',
  'Hostel or supported accommodation',
  'Public place',
  'Died in hospital',
  'Within 4 weeks of prison release',
  'Other',
] as const;
export const DEATH_CIRCUMSTANCE_WEIGHTS: readonly number[] = [0.6, 0.1, 0.1, 0.12, 0.03, 0.05];
