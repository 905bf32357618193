/**
 * Who published a data file, for the report's title page: from the known format the file was
 * recognised as, or, for the files the app ships, from datasets/README.md. A file the app cannot
 * place says so ("publisher not recorded") rather than guessing.
 */

const ONS = 'Office for National Statistics (ONS)';
const OHID = 'Office for Health Improvement and Disparities (OHID), Fingertips';
const DFE = 'Department for Education (DfE)';

/** Publisher by the id of the known format (src/lib/schema/formats.ts). */
const BY_FORMAT: Record<string, string> = {
  'fingertips-export': OHID,
  'ons-drug-deaths-3yr-asr': ONS,
  'ons-drug-deaths-annual': ONS,
  'ons-mye-5yr-long': ONS,
  'ons-mye-single-year-wide': ONS,
  'ons-ltla-utla-lookup': ONS,
  'ltla-utla-region-lookup': 'ONS area codes (lookup compiled by mySociety)',
  'dfe-statistical-neighbours-long': DFE,
  'dfe-statistical-neighbours-wide': DFE,
  'ons-sdg-3-5-1-alcohol': `${ONS}, UK data for the Sustainable Development Goals (underlying data OHID)`,
  'esp2013-schemes': 'Eurostat (European Standard Population 2013)',
};

/** The real files the app ships with its demo (datasets/README.md gives their sources). */
const SHIPPED: Record<string, string> = {
  'derived_england_ltla_utla_region_lookup_2023plus.csv':
    'ONS area codes (lookup compiled by mySociety), April 2023 geography',
  'esp2013_standard_population_19band.csv': 'Eurostat (European Standard Population 2013)',
  'esp2013_standard_population_18band.csv': 'Eurostat (European Standard Population 2013)',
  'derived_canonical_population_la2023_2019_2021.csv': `${ONS}, mid-year population estimates 2019-2021`,
  'derived_canonical_areas_2023.csv': 'ONS area codes, April 2023 geography',
  'derived_dfe_statistical_neighbours_long_with_ons_codes.csv': `${DFE}, children's services statistical neighbours (April 2021)`,
  'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv': `${ONS}, drug misuse deaths by local authority (2021 registrations)`,
  'ons_drug_deaths_by_la_annual_counts_1993_2021.csv': `${ONS}, drug misuse deaths by local authority (2021 registrations)`,
  'fingertips_export_93495_common_mental_disorders_format_sample.csv': `${OHID}, indicator 93495`,
};

export const SYNTHETIC_PUBLISHER = 'Generated training data (SYNTHETIC), not a publication';
export const PUBLISHER_NOT_RECORDED = 'publisher not recorded';

export interface PublisherInput {
  fileName: string;
  /** Id of the known format the file was recognised as, if any. */
  knownFormat?: string | null;
  synthetic?: boolean;
}

export function publisherOf(input: PublisherInput): string {
  if (input.synthetic) return SYNTHETIC_PUBLISHER;
  // A shipped file is named more exactly than its format.
  if (Object.hasOwn(SHIPPED, input.fileName)) return SHIPPED[input.fileName];
  if (input.knownFormat && Object.hasOwn(BY_FORMAT, input.knownFormat))
    return BY_FORMAT[input.knownFormat];
  return PUBLISHER_NOT_RECORDED;
}
