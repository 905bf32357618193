/**
 * Labels to canonical vocabulary: sex, age bands, NDTMS substance groups, measures and polarity,
 * each as SQL and as its TS twin, built from the same map.
 */
import { quoteLiteral } from '../engine/sql';
import { labelKey, trimmedSql, mapSql, mapTs } from './normaliseHelpers';

/** ONS codes 1 = male, 2 = female, 4 (and 3 in some NHS files) = persons. */
export const SEX_LABELS: Readonly<Record<string, string>> = {
  m: 'Male',
  male: 'Male',
  males: 'Male',
  '1': 'Male',
  men: 'Male',
  man: 'Male',
  f: 'Female',
  female: 'Female',
  females: 'Female',
  '2': 'Female',
  women: 'Female',
  woman: 'Female',
  persons: 'Persons',
  person: 'Persons',
  all: 'Persons',
  total: 'Persons',
  both: 'Persons',
  bothsexes: 'Persons',
  p: 'Persons',
  '4': 'Persons',
  '3': 'Persons',
  people: 'Persons',
  allpersons: 'Persons',
};

export const normaliseSexSql = (expr: string): string => mapSql(expr, SEX_LABELS);
export const normaliseSex = (v: string | number | null | undefined): string | null =>
  mapTs(v, SEX_LABELS);

const ALL_AGES = ['allages', 'all', 'total', 'allage', 'persons', 'allagegroups'];

/**
 * "0-4", "00-04", "0 - 4", "Aged 0 to 4", "0-4 yrs" -> "0-4"; "85+", "85 and over", "Aged 85+" ->
 * "85+"; "All ages" / "Total" -> "All ages". "85+" and "85-89"/"90+" are different schemes and
 * stay different: the view picks the standard population that matches.
 */
export function normaliseAgeBand(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  const l = s
    .toLowerCase()
    .replace(/^aged?\s*/, '')
    .replace(/\s*(years?|yrs?)$/, '')
    .trim();
  if (ALL_AGES.includes(labelKey(l))) return 'All ages';
  const range = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(l);
  if (range) return `${Number(range[1])}-${Number(range[2])}`;
  const open = /^(\d+)\s*(?:\+|plus|and over|and above|or over|or older)$/.exec(l);
  if (open) return `${Number(open[1])}+`;
  return s;
}

export function normaliseAgeBandSql(expr: string): string {
  const l = `regexp_replace(regexp_replace(lower(${trimmedSql(expr)}), '^aged?\\s*', ''), '\\s*(years?|yrs?)$', '')`;
  const range = `'^(\\d+)\\s*(?:-|–|to)\\s*(\\d+)$'`;
  const open = `'^(\\d+)\\s*(?:\\+|plus|and over|and above|or over|or older)$'`;
  const allAges = ALL_AGES.map(quoteLiteral).join(', ');
  return `(CASE
    WHEN regexp_replace(${l}, '[^a-z0-9+]', '', 'g') IN (${allAges}) THEN 'All ages'
    WHEN regexp_matches(${l}, ${range})
      THEN CAST(CAST(regexp_extract(${l}, ${range}, 1) AS INTEGER) AS VARCHAR) || '-' || CAST(CAST(regexp_extract(${l}, ${range}, 2) AS INTEGER) AS VARCHAR)
    WHEN regexp_matches(${l}, ${open})
      THEN CAST(CAST(regexp_extract(${l}, ${open}, 1) AS INTEGER) AS VARCHAR) || '+'
    ELSE ${trimmedSql(expr)} END)`;
}

export const SUBSTANCE_GROUP_LABELS: Readonly<Record<string, string>> = {
  opiate: 'opiate',
  opiates: 'opiate',
  opiateusers: 'opiate',
  opiateclients: 'opiate',
  nonopiateonly: 'non_opiate_only',
  nonopiate: 'non_opiate_only',
  nonopiates: 'non_opiate_only',
  nonopiatesonly: 'non_opiate_only',
  nonopiateandalcohol: 'non_opiate_and_alcohol',
  nonopiatesandalcohol: 'non_opiate_and_alcohol',
  alcoholandnonopiate: 'non_opiate_and_alcohol',
  alcoholandnonopiates: 'non_opiate_and_alcohol',
  // Short forms in local reports: "Alc and non op", "Alcohol & non-opiates", "Non-opiate and alcohol".
  alcoholnonopiate: 'non_opiate_and_alcohol',
  alcoholnonopiates: 'non_opiate_and_alcohol',
  alcandnonop: 'non_opiate_and_alcohol',
  alcandnonops: 'non_opiate_and_alcohol',
  alcandnonopiate: 'non_opiate_and_alcohol',
  alcandnonopiates: 'non_opiate_and_alcohol',
  nonopandalc: 'non_opiate_and_alcohol',
  nonopiateandalc: 'non_opiate_and_alcohol',
  nonopiatesandalc: 'non_opiate_and_alcohol',
  nonopiatealcohol: 'non_opiate_and_alcohol',
  nonopiatesalcohol: 'non_opiate_and_alcohol',
  nonop: 'non_opiate_only',
  nonops: 'non_opiate_only',
  nonoponly: 'non_opiate_only',
  alc: 'alcohol_only',
  alconly: 'alcohol_only',
  ops: 'opiate',
  alcoholonly: 'alcohol_only',
  alcohol: 'alcohol_only',
  total: 'all',
  all: 'all',
  allsubstances: 'all',
  allclients: 'all',
  alcoholall: 'alcohol_all',
  anyalcohol: 'alcohol_all',
  alcoholany: 'alcohol_all',
};

export const normaliseSubstanceGroupSql = (expr: string): string =>
  mapSql(expr, SUBSTANCE_GROUP_LABELS);
export const normaliseSubstanceGroup = (v: string | number | null | undefined): string | null =>
  mapTs(v, SUBSTANCE_GROUP_LABELS);

export const MEASURE_LABELS: Readonly<Record<string, string>> = {
  drugpoisoning: 'drug_poisoning',
  deathsrelatedtodrugpoisoning: 'drug_poisoning',
  drugpoisoningdeaths: 'drug_poisoning',
  poisoning: 'drug_poisoning',
  drugmisuse: 'drug_misuse',
  deathsfromdrugmisuse: 'drug_misuse',
  drugmisusedeaths: 'drug_misuse',
  misuse: 'drug_misuse',
  ocu: 'ocu',
  ocus: 'ocu',
  opiateandorcrack: 'ocu',
  opiateandorcrackcocaine: 'ocu',
  opiateandcrackcocaineuse: 'ocu',
  opiateandorcrackcocaineusers: 'ocu',
  opiatesandorcrack: 'ocu',
  opiate: 'opiate',
  opiates: 'opiate',
  opiateusers: 'opiate',
  crack: 'crack',
  crackcocaine: 'crack',
  crackusers: 'crack',
  crackcocaineusers: 'crack',
  alcoholdependence: 'alcohol_dependence',
  dependentdrinkers: 'alcohol_dependence',
  alcoholdependent: 'alcohol_dependence',
  alcoholestimatedprevalence: 'alcohol_dependence',
  alcoholdependentadults: 'alcohol_dependence',
};

export const normaliseMeasureSql = (expr: string): string => mapSql(expr, MEASURE_LABELS);
export const normaliseMeasure = (v: string | number | null | undefined): string | null =>
  mapTs(v, MEASURE_LABELS);

export const POLARITY_LABELS: Readonly<Record<string, string>> = {
  lowisgood: 'low_is_good',
  low: 'low_is_good',
  lowerisbetter: 'low_is_good',
  highisgood: 'high_is_good',
  high: 'high_is_good',
  higherisbetter: 'high_is_good',
  none: 'none',
  notapplicable: 'none',
  bob: 'none',
  '': 'none',
};

export const normalisePolaritySql = (expr: string): string => mapSql(expr, POLARITY_LABELS);
