/**
 * Column builders: the same column (area code, sex, age band, period...) recurs in many
 * canonical tables with the same synonyms and value pattern, so it is described once here.
 */
import { INDICATOR_COLUMNS } from './indicator';
import type { ValueKind, CanonicalColumn } from './tableTypes';
import { ANY_GSS_CODE, AGE_BAND, SEX, PERIOD, SUBSTANCE_GROUP } from './valuePatterns';

export const AREA_CODE_SYNONYMS = [
  'area_code',
  'Area Code',
  'AreaCode',
  'Area',
  'LA code',
  'LA_code',
  'Local authority code',
  'GeoCode',
  'Geography code',
  'Code',
  'ONS code',
  'GSS code',
  'LTLA23CD',
  'UTLA23CD',
  'LTLA22CD',
  'UTLA22CD',
  'LAD21CD',
  'LAD23CD',
  'CTY21CD',
  'ltla_code',
  'utla_code',
  'la_code',
  'lad_code',
  'new_la_code',
];

export function areaCode(description = 'ONS GSS code of the area'): CanonicalColumn {
  return {
    name: 'area_code',
    type: 'VARCHAR',
    required: true,
    description,
    kind: 'area_code',
    synonyms: AREA_CODE_SYNONYMS,
    valuePattern: ANY_GSS_CODE,
  };
}

export function areaName(required = false): CanonicalColumn {
  return {
    name: 'area_name',
    type: 'VARCHAR',
    required,
    description: 'Name of the area, as the source spells it',
    kind: 'text',
    synonyms: [
      'area_name',
      'Area Name',
      'Area',
      'Name',
      'LA name',
      'Local authority',
      'Local Authority name',
      'LTLA23NM',
      'UTLA23NM',
      'LAD21NM',
      'ltla_name',
      'utla_name',
      'la_name',
      'Geography',
    ],
  };
}

export function sex(defaultValue?: string): CanonicalColumn {
  return {
    name: 'sex',
    type: 'VARCHAR',
    required: defaultValue === undefined,
    description: 'Persons, Male or Female',
    kind: 'sex',
    synonyms: ['sex', 'Sex', 'Gender', 'Sex code', 'sex_name'],
    valuePattern: SEX,
    default: defaultValue,
  };
}

export function ageBand(defaultValue?: string): CanonicalColumn {
  return {
    name: 'age_band',
    type: 'VARCHAR',
    required: defaultValue === undefined,
    description: 'ESP2013 five-year band ("0-4" ... "90+", or "85+") or "All ages"',
    kind: 'age_band',
    synonyms: ['age_band', 'Age band', 'Age group', 'ageband', 'age_group', 'Age'],
    valuePattern: AGE_BAND,
    default: defaultValue,
  };
}

export function period(
  description = 'Period label: "2021", "2019/20" or "2019-21"',
): CanonicalColumn {
  return {
    name: 'period',
    type: 'VARCHAR',
    required: true,
    description,
    kind: 'period',
    synonyms: [
      'period',
      'Time period',
      'Timeperiod',
      'Year',
      'Years',
      'Financial year',
      'fin_year',
      'Reporting period',
      'Date range',
    ],
    valuePattern: PERIOD,
  };
}

export function number(
  name: string,
  description: string,
  synonyms: string[],
  required = true,
): CanonicalColumn {
  return {
    name,
    type: 'DOUBLE',
    required,
    description,
    kind: 'number',
    synonyms: [name, ...synonyms],
  };
}

export function text(
  name: string,
  description: string,
  synonyms: string[],
  required = false,
): CanonicalColumn {
  return {
    name,
    type: 'VARCHAR',
    required,
    description,
    kind: 'text',
    synonyms: [name, ...synonyms],
  };
}

export const SUBSTANCE_GROUP_COLUMN: CanonicalColumn = {
  name: 'substance_group',
  type: 'VARCHAR',
  required: true,
  description:
    'NDTMS substance group: opiate, non_opiate_only, non_opiate_and_alcohol, alcohol_only, all (or alcohol_all: everyone treated for alcohol, not split)',
  kind: 'substance_group',
  synonyms: ['substance_group', 'Substance group', 'Substance', 'Drug group', 'Substance category'],
  valuePattern: SUBSTANCE_GROUP,
};

/**
 * Every table can carry the `synthetic` flag: generated training data must stay labelled
 * SYNTHETIC wherever its rows go (indicator.ts has the same field).
 */
export const SYNTHETIC_COLUMN: CanonicalColumn = {
  name: 'synthetic',
  type: 'BOOLEAN',
  required: false,
  description: 'True for generated training data (shown as SYNTHETIC)',
  kind: 'boolean',
  synonyms: ['synthetic', 'Synthetic', 'is_synthetic'],
};

/** Indicator columns: types follow src/lib/schema/indicator.ts; synonyms follow Fingertips. */
export function indicatorColumn(name: (typeof INDICATOR_COLUMNS)[number]): CanonicalColumn {
  const optional = new Set(['lower_998', 'upper_998', 'method', 'synthetic']);
  const numeric = new Set([
    'value',
    'lower_95',
    'upper_95',
    'lower_998',
    'upper_998',
    'count',
    'denominator',
  ]);
  const synonyms: Record<string, string[]> = {
    indicator_id: ['Indicator ID', 'IndicatorID'],
    indicator_name: ['Indicator Name', 'Indicator'],
    area_code: AREA_CODE_SYNONYMS,
    area_name: ['Area Name', 'Area', 'Name'],
    period: ['Time period', 'Period', 'Year'],
    sex: ['Sex'],
    age: ['Age', 'Age group'],
    value: ['Value', 'Rate', 'Percentage'],
    lower_95: ['Lower CI 95.0 limit', 'Lower CI', 'LCL', 'lcl95', 'Lower 95% CI'],
    upper_95: ['Upper CI 95.0 limit', 'Upper CI', 'UCL', 'ucl95', 'Upper 95% CI'],
    lower_998: ['Lower CI 99.8 limit'],
    upper_998: ['Upper CI 99.8 limit'],
    count: ['Count', 'Numerator'],
    denominator: ['Denominator'],
    unit: ['Unit', 'Units', 'Value type'],
    polarity: ['Polarity'],
    note: ['Value note', 'Note'],
    method: ['Method'],
    synthetic: ['Synthetic'],
  };
  const kinds: Partial<Record<string, ValueKind>> = {
    area_code: 'area_code',
    period: 'period',
    sex: 'sex',
    polarity: 'polarity',
    synthetic: 'boolean',
  };
  const defaults: Partial<Record<string, string>> = {
    unit: '',
    polarity: 'none',
    note: '',
    sex: 'Persons',
    age: 'All ages',
  };
  return {
    name,
    type: name === 'synthetic' ? 'BOOLEAN' : numeric.has(name) ? 'DOUBLE' : 'VARCHAR',
    required: !optional.has(name) && defaults[name] === undefined,
    description: `Indicator ${name.replaceAll('_', ' ')} (see indicator.ts)`,
    kind: kinds[name] ?? (numeric.has(name) ? 'number' : 'text'),
    synonyms: [name, ...(synonyms[name] ?? [])],
    valuePattern: name === 'area_code' ? ANY_GSS_CODE : undefined,
    default: defaults[name],
  };
}
