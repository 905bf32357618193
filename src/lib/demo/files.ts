/**
 * The demo's files, in load order (the area list first, so the checks of later files can use it):
 * where each is in the repository and the name the app gives it. The app (src/app/demo.ts) and
 * the build of the pre-built tables (tools/demo) both read this list.
 */
export const DEMO_FILE_LIST = [
  {
    path: 'datasets/derived_england_ltla_utla_region_lookup_2023plus.csv',
    name: 'derived_england_ltla_utla_region_lookup_2023plus.csv',
  },
  {
    path: 'datasets/esp2013_standard_population_19band.csv',
    name: 'esp2013_standard_population_19band.csv',
  },
  {
    path: 'datasets/derived_canonical_population_la2023_2019_2021.csv',
    name: 'derived_canonical_population_la2023_2019_2021.csv',
  },
  {
    path: 'datasets/derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
    name: 'derived_dfe_statistical_neighbours_long_with_ons_codes.csv',
  },
  {
    path: 'datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
    name: 'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
  },
  {
    path: 'datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv',
    name: 'fingertips_export_93495_common_mental_disorders_format_sample.csv',
  },
  { path: 'datasets/synthetic/prevalence.csv', name: 'synthetic_prevalence.csv' },
  { path: 'datasets/synthetic/treatment.csv', name: 'synthetic_treatment.csv' },
  { path: 'datasets/synthetic/cjs_treatment.csv', name: 'synthetic_cjs_treatment.csv' },
  {
    path: 'datasets/synthetic/continuity_of_care.csv',
    name: 'synthetic_continuity_of_care.csv',
  },
  { path: 'datasets/synthetic/deaths.csv', name: 'synthetic_deaths_by_age.csv' },
] as const;

export type DemoFilePath = (typeof DEMO_FILE_LIST)[number]['path'];
