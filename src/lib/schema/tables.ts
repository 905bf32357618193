/**
 * The canonical tables every view reads, described as data (docs/canonical-tables.md is the
 * human-readable copy). The recogniser matches raw file headers against `synonyms`, the loader
 * creates tables from `type`, and `kind` tells it which normaliser turns raw cells into the
 * canonical vocabulary (see normalise.ts).
 */
import { INDICATOR_COLUMNS } from './indicator';

export type CanonicalTableName =
  | 'areas'
  | 'population'
  | 'standard_population'
  | 'deaths'
  | 'treatment'
  | 'prevalence'
  | 'cjs_treatment'
  | 'continuity_of_care'
  | 'treatment_episodes'
  | 'death_records'
  | 'indicators'
  | 'comparator_groups'
  | 'treatment_outcomes'
  | 'local_metrics';

export type TableKind = 'reference' | 'aggregate' | 'record-level' | 'indicators';

export type DuckType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'DATE' | 'BOOLEAN';

/** Which normaliser a raw value goes through on its way into the column (normalise.ts). */
export type ValueKind =
  | 'area_code'
  | 'sex'
  | 'age_band'
  | 'period'
  | 'substance_group'
  | 'measure'
  | 'polarity'
  | 'number'
  | 'integer'
  | 'date'
  | 'boolean'
  | 'text';

export interface CanonicalColumn {
  name: string;
  type: DuckType;
  required: boolean;
  description: string;
  kind: ValueKind;
  /** Header spellings seen in published files; compared case/space/punctuation-insensitively. */
  synonyms: string[];
  /** What (normalised) values look like; the recogniser uses it on a sample of rows. */
  valuePattern?: RegExp;
  /** Used when the file has no such column, and said so in the explanation. */
  default?: string | number | boolean;
}

export interface CanonicalTable {
  name: CanonicalTableName;
  description: string;
  kind: TableKind;
  columns: CanonicalColumn[];
  /** Columns that identify a row: duplicates of these are reported by checks.ts. */
  key: string[];
  /**
   * What one source's rows cover as a whole (provenance.ts), when coarser than `key`: the views
   * add the other key columns up (substance groups, pathways, age bands), so rows from two
   * sources for one coverage value would be summed. Real rows replace synthetic rows with the
   * same coverage value; two real (or two synthetic) sources for one value are refused. Record-
   * level tables are refused on `key` only (two providers' episodes for one area are both real).
   */
  coverage?: string[];
}

// ---- value patterns shared by several tables ------------------------------------------------

/** English LA, county, metropolitan county, region and country codes (ONS GSS). */
export const ENGLISH_AREA_CODE = /^E(06|07|08|09|10|11|12|13|92)\d{6}$/;
/** Any GSS code (Wales W, Scotland S, NI N, E&W K, NHS areas E38/E54...), for recognition. */
export const ANY_GSS_CODE = /^[EWSNK]\d{8}$/;
export const AGE_BAND = /^(\d{1,2}-\d{1,2}|\d{1,2}\+|All ages)$/;
export const SEX = /^(Persons|Male|Female)$/;
/** A year "2021", a financial year "2019/20" or a pooled span "2019-21". */
export const PERIOD = /^(\d{4}|\d{4}\/\d{2}|\d{4}-\d{2})$/;
export const SUBSTANCE_GROUP =
  /^(opiate|non_opiate_only|non_opiate_and_alcohol|alcohol_only|all|alcohol_all)$/;
export const DEATHS_MEASURE = /^(drug_poisoning|drug_misuse)$/;
export const PREVALENCE_MEASURE = /^(ocu|opiate|crack|alcohol_dependence)$/;
export const AREA_TYPE = /^(England|Region|UTLA|LTLA)$/;

// ---- column builders: the same column recurs in many tables with the same synonyms -------------

const AREA_CODE_SYNONYMS = [
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

function areaCode(description = 'ONS GSS code of the area'): CanonicalColumn {
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

function areaName(required = false): CanonicalColumn {
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

function sex(defaultValue?: string): CanonicalColumn {
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

function ageBand(defaultValue?: string): CanonicalColumn {
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

function period(description = 'Period label: "2021", "2019/20" or "2019-21"'): CanonicalColumn {
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

function number(
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

function text(
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

const SUBSTANCE_GROUP_COLUMN: CanonicalColumn = {
  name: 'substance_group',
  type: 'VARCHAR',
  required: true,
  description:
    'NDTMS substance group: opiate, non_opiate_only, non_opiate_and_alcohol, alcohol_only, all (or alcohol_all: everyone treated for alcohol, not split)',
  kind: 'substance_group',
  synonyms: ['substance_group', 'Substance group', 'Substance', 'Drug group', 'Substance category'],
  valuePattern: SUBSTANCE_GROUP,
};

// ---- the tables -------------------------------------------------------------------------------

const TABLES: readonly CanonicalTable[] = [
  {
    name: 'areas',
    description:
      'The areas the notebook knows: England, regions, upper-tier and lower-tier local authorities, with their parents.',
    kind: 'reference',
    key: ['area_code'],
    columns: [
      areaCode(),
      areaName(true),
      {
        name: 'area_type',
        type: 'VARCHAR',
        required: true,
        description:
          'England, Region, UTLA or LTLA. A unitary authority is one UTLA row with is_ltla = true.',
        kind: 'text',
        synonyms: ['area_type', 'Area Type', 'Geography type', 'Type'],
        valuePattern: AREA_TYPE,
      },
      text('parent_code', 'The UTLA of an LTLA; the region of a UTLA; England for a region', [
        'Parent Code',
        'parent',
        'UTLA23CD',
        'utla_code',
      ]),
      text('region_code', 'E12 code of the region the area is in', [
        'Region code',
        'RGN23CD',
        'RGN21CD',
      ]),
      text('region_name', 'Name of the region', ['Region name', 'Region', 'RGN23NM']),
      {
        name: 'is_ltla',
        type: 'BOOLEAN',
        required: false,
        description:
          'True when the area is also a lower-tier authority (districts, and unitary/metropolitan/London authorities which are both tiers)',
        kind: 'boolean',
        synonyms: ['is_ltla'],
      },
    ],
  },
  {
    name: 'population',
    description:
      'Mid-year population estimates by area, year, sex and age band (the denominators).',
    kind: 'reference',
    key: ['area_code', 'year', 'sex', 'age_band'],
    coverage: ['area_code', 'year'],
    columns: [
      areaCode(),
      {
        name: 'year',
        type: 'INTEGER',
        required: true,
        description: 'Mid-year of the estimate',
        kind: 'integer',
        synonyms: ['year', 'Year', 'Mid-year', 'mye_year', 'Time period'],
        valuePattern: /^\d{4}$/,
      },
      sex(),
      ageBand('All ages'),
      number('population', 'Number of residents', [
        'Population',
        'Count',
        'Value',
        'Persons',
        'pop',
        'obs_value',
      ]),
    ],
  },
  {
    name: 'standard_population',
    description:
      'Weights of a standard population (ESP2013) for direct age standardisation, one row per age band.',
    kind: 'reference',
    key: ['scheme', 'age_band'],
    columns: [
      ageBand(),
      {
        name: 'age_from',
        type: 'INTEGER',
        required: true,
        description: 'First age in the band',
        kind: 'integer',
        synonyms: ['age_from', 'Age from', 'lower_age', 'age_lower', 'from'],
      },
      {
        name: 'age_to',
        type: 'INTEGER',
        required: false,
        description: 'Last age in the band (empty for the open top band)',
        kind: 'integer',
        synonyms: ['age_to', 'Age to', 'upper_age', 'age_upper', 'to'],
      },
      number('weight', 'Standard population in the band', [
        'Weight',
        'stdpop',
        'esp2013',
        'Standard population',
        'esp',
      ]),
      text('scheme', 'Which banding, e.g. ESP2013_19band', ['Scheme', 'standard']),
    ],
  },
  {
    name: 'deaths',
    description:
      'Drug-related deaths by area, registration period, sex and age band, with published rates where the source has them.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'sex', 'age_band', 'measure'],
    coverage: ['area_code', 'period', 'measure'],
    columns: [
      areaCode(),
      period(),
      sex('Persons'),
      ageBand('All ages'),
      {
        name: 'measure',
        type: 'VARCHAR',
        required: true,
        description:
          'drug_poisoning (all deaths related to drug poisoning) or drug_misuse (the subset from drug misuse)',
        kind: 'measure',
        synonyms: ['measure', 'Measure', 'Indicator', 'Death type', 'Cause'],
        valuePattern: DEATHS_MEASURE,
      },
      number('deaths', 'Number of deaths registered', [
        'Deaths',
        'Count',
        'Number of deaths',
        'Registrations',
        'n',
      ]),
      areaName(),
      number(
        'published_rate',
        'Rate per 100,000 as published (age-standardised for ONS)',
        ['asr_per_100k', 'Rate', 'ASR', 'Age-standardised rate'],
        false,
      ),
      number(
        'published_lower_95',
        'Published lower 95% limit',
        ['lcl95', 'Lower CI', 'LCL', 'Lower 95% CI'],
        false,
      ),
      number(
        'published_upper_95',
        'Published upper 95% limit',
        ['ucl95', 'Upper CI', 'UCL', 'Upper 95% CI'],
        false,
      ),
      text(
        'published_flag',
        '"u" low reliability (fewer than 20 deaths); ":" rate not calculated',
        ['rate_flag', 'Flag', 'Note'],
      ),
    ],
  },
  {
    name: 'treatment',
    description:
      'Adults in structured drug and alcohol treatment (NDTMS) by area, period and substance group.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group', 'referral_source'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('in_treatment', 'Number of adults in treatment', [
        'In treatment',
        'Number in treatment',
        'Count',
        'Value',
        'Clients',
        'n',
      ]),
      text('referral_source', 'Referral route when the figure is for one route only', [
        'Referral source',
        'Source of referral',
      ]),
    ],
  },
  {
    name: 'prevalence',
    description:
      'Estimated numbers of people who use opiates and/or crack cocaine or are dependent on alcohol, with 95% intervals.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'measure', 'age_range'],
    coverage: ['area_code', 'period', 'measure'],
    columns: [
      areaCode(),
      period(),
      {
        name: 'measure',
        type: 'VARCHAR',
        required: true,
        description: 'ocu, opiate, crack or alcohol_dependence',
        kind: 'measure',
        synonyms: ['measure', 'Measure', 'Substance', 'Drug', 'Indicator'],
        valuePattern: PREVALENCE_MEASURE,
      },
      number('estimate', 'Estimated number of people', [
        'Estimate',
        'Prevalence',
        'Estimated number',
        'Value',
        'Count',
      ]),
      number(
        'lower',
        'Lower 95% limit of the estimate',
        ['Lower', 'Lower CI', 'lcl95', 'Lower 95% CI', 'lower_95'],
        false,
      ),
      number(
        'upper',
        'Upper 95% limit of the estimate',
        ['Upper', 'Upper CI', 'ucl95', 'Upper 95% CI', 'upper_95'],
        false,
      ),
      text('age_range', '15-64 for OCU estimates, 18+ for dependent drinkers', [
        'Age range',
        'Age',
        'Ages',
      ]),
    ],
  },
  {
    name: 'cjs_treatment',
    description:
      'People in treatment referred through the criminal justice system, by area, period and substance group.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group', 'cjs_pathway'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('count', 'Number of people', ['Count', 'Number', 'Value', 'n', 'Clients']),
      text(
        'cjs_pathway',
        'Route: police custody, liaison and diversion, court, probation, prison release, DRR, ATR',
        ['CJS pathway', 'Pathway', 'Referral source', 'Route'],
      ),
      number(
        'published_total',
        "The area's total for the period as the source printed it (all groups and pathways, repeated on each row; kept to show when parts do not add up)",
        ['Total', 'Published total', 'Row total'],
        false,
      ),
    ],
  },
  {
    name: 'continuity_of_care',
    description:
      'Adults released from prison with a treatment need, and how many engaged with community treatment within 3 weeks.',
    kind: 'aggregate',
    key: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      number(
        'released_with_need',
        'Adults released from prison with a substance misuse treatment need',
        ['Released', 'Denominator', 'Number released', 'Referred'],
      ),
      number(
        'engaged_within_3_weeks',
        'Of those, the number who engaged with community treatment within 21 days',
        ['Engaged', 'Numerator', 'Number engaged', 'Engaged within 3 weeks', 'Count'],
      ),
    ],
  },
  {
    name: 'treatment_episodes',
    description:
      'One row per treatment episode from a provider case-management system (sensitive: stays on this machine).',
    kind: 'record-level',
    key: ['client_id', 'start_date'],
    coverage: ['area_code'],
    columns: [
      text(
        'client_id',
        'Pseudonymous client identifier',
        ['Client ID', 'ClientID', 'Client', 'ID', 'Person ID', 'nhs_number_hash'],
        true,
      ),
      areaCode('ONS code of the LA of residence'),
      {
        name: 'age',
        type: 'INTEGER',
        required: true,
        description: 'Age at the start of the episode',
        kind: 'integer',
        synonyms: ['age', 'Age', 'Age at start', 'Age at referral'],
      },
      sex(),
      text(
        'substances',
        'Problem substances separated by ";" (e.g. heroin;crack;alcohol)',
        ['Substances', 'Problem substances', 'Drugs', 'Substance'],
        true,
      ),
      text(
        'referral_source',
        'Where the referral came from (e.g. Self, GP, Criminal justice)',
        ['Referral source', 'Source of referral', 'Referral route', 'Referred by'],
        true,
      ),
      {
        name: 'start_date',
        type: 'DATE',
        required: true,
        description: 'Date the episode started (triage/first intervention)',
        kind: 'date',
        synonyms: ['start_date', 'Start date', 'Triage date', 'Referral date', 'Episode start'],
      },
      {
        name: 'discharge_date',
        type: 'DATE',
        required: false,
        description: 'Date the episode ended (empty while open)',
        kind: 'date',
        synonyms: ['discharge_date', 'Discharge date', 'End date', 'Exit date', 'Episode end'],
      },
      text('discharge_reason', 'Why the episode ended', [
        'Discharge reason',
        'Exit reason',
        'Reason for discharge',
      ]),
    ],
  },
  {
    name: 'death_records',
    description:
      'One row per drug-related death from local surveillance (police/coroner reports; sensitive: stays on this machine).',
    kind: 'record-level',
    key: [],
    coverage: ['area_code'],
    columns: [
      {
        name: 'date_of_death',
        type: 'DATE',
        required: true,
        description: 'Date of death',
        kind: 'date',
        synonyms: ['date_of_death', 'Date of death', 'DOD', 'Death date'],
      },
      {
        name: 'date_of_registration',
        type: 'DATE',
        required: true,
        description: 'Date the death was registered (ONS statistics count by registration)',
        kind: 'date',
        synonyms: ['date_of_registration', 'Date of registration', 'Registration date', 'DOR'],
      },
      areaCode('ONS code of the LA of usual residence'),
      {
        name: 'age',
        type: 'INTEGER',
        required: true,
        description: 'Age at death',
        kind: 'integer',
        synonyms: ['age', 'Age', 'Age at death'],
      },
      sex(),
      text(
        'substances',
        'Substances involved separated by ";"',
        ['Substances', 'Drugs involved', 'Substances involved', 'Toxicology'],
        true,
      ),
      {
        name: 'known_to_treatment',
        type: 'BOOLEAN',
        required: true,
        description: 'Whether the person was known to treatment services',
        kind: 'boolean',
        synonyms: ['known_to_treatment', 'Known to treatment', 'Known to services', 'In treatment'],
      },
      text('circumstances', 'Free-text circumstances', ['Circumstances', 'Notes', 'Summary']),
    ],
  },
  {
    name: 'treatment_outcomes',
    description:
      'Treatment outcomes as aggregate counts (NDTMS/PHOF C19 style) by area, period and substance group: adults in treatment, successful completions and, when known, those not re-presenting within 6 months, treatment starts, early unplanned exits and deaths in treatment.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('in_treatment', 'Adults in treatment in the period (the denominator)', [
        'In treatment',
        'Number in treatment',
        'Adults in treatment',
      ]),
      number('completions', 'Adults who left treatment successfully in the period', [
        'Completions',
        'Successful completions',
        'Completed',
      ]),
      number(
        'completions_not_representing',
        'Of those, the number who did not re-present within 6 months (PHOF C19 numerator)',
        [
          'Completions not re-presenting',
          'Successful completions not re-presenting',
          'Not re-presenting',
          'C19 numerator',
        ],
        false,
      ),
      number(
        'starts',
        'Adults starting treatment in the period (denominator of early unplanned exits)',
        ['Treatment starts', 'New presentations', 'Starts'],
        false,
      ),
      number(
        'early_unplanned_exits',
        'Of those, the number who left in an unplanned way within 12 weeks',
        ['Early unplanned exits', 'Unplanned exits within 12 weeks', 'Early drop-outs'],
        false,
      ),
      number(
        'deaths_in_treatment',
        'Adults who died while in treatment',
        ['Deaths in treatment'],
        false,
      ),
    ],
  },
  {
    name: 'local_metrics',
    description:
      'Local measures of a combating-drugs outcomes framework (naloxone, drug testing on arrest, detox, housing, employment…) by area and period (quarters allowed), with a target and polarity, for measures no national dataset holds.',
    kind: 'aggregate',
    key: ['metric', 'area_code', 'period'],
    coverage: ['metric', 'area_code', 'period'],
    columns: [
      text(
        'metric',
        'Name of the measure, as the framework words it',
        ['Metric', 'Metric name', 'Local metric', 'KPI'],
        true,
      ),
      text(
        'outcome',
        'Framework outcome it reports on: reduce_drug_use, reduce_drug_crime, reduce_deaths_and_harm, increase_treatment_engagement, improve_recovery (or the words)',
        ['Outcome', 'Framework outcome', 'Strategic outcome', 'Outcome area'],
        true,
      ),
      areaCode(),
      {
        ...period('Period label: "2023" (year), "2023/24" (financial year) or "2023 Q2" (quarter)'),
        // Partnerships report quarterly: quarters are expected here, not a problem to report.
        valuePattern: /^(\d{4}|\d{4}\/\d{2}|\d{4}-\d{2}|\d{4} Q[1-4])$/,
      },
      number(
        'numerator',
        'Count of events or people (with a denominator: a percentage)',
        ['Numerator'],
        false,
      ),
      number('denominator', 'Denominator of a percentage or rate', ['Denominator'], false),
      number(
        'value',
        'The figure when no numerator/denominator is given',
        ['Value', 'Figure'],
        false,
      ),
      number('target', 'The local target for the period', ['Target', 'Ambition', 'Goal'], false),
      {
        name: 'polarity',
        type: 'VARCHAR',
        required: false,
        description: 'high_is_good, low_is_good or none (what a target means)',
        kind: 'polarity',
        synonyms: ['polarity', 'Polarity', 'Direction'],
        default: 'none',
      },
      text('unit', '"%", "count", "per 1,000", "per 100,000"…', ['Unit', 'Units']),
      text('source', 'Where the figure comes from (provider, police, local system)', [
        'Source',
        'Data source',
      ]),
    ],
  },
  {
    name: 'indicators',
    description:
      'Indicator values in the one long format every view emits and Fingertips exports use (value, 95% limits, count, denominator).',
    kind: 'indicators',
    key: ['indicator_id', 'area_code', 'period', 'sex', 'age'],
    columns: INDICATOR_COLUMNS.map((name) => indicatorColumn(name)),
  },
  {
    name: 'comparator_groups',
    description: 'For each area, its comparator (nearest-neighbour) areas in rank order.',
    kind: 'reference',
    key: ['area_code', 'neighbour_code', 'source'],
    columns: [
      areaCode('The area the group is for'),
      {
        name: 'neighbour_code',
        type: 'VARCHAR',
        required: true,
        description: 'ONS code of one of its neighbours',
        kind: 'area_code',
        synonyms: [
          'neighbour_code',
          'Neighbour code',
          'neighbour_la_code',
          'Comparator code',
          'Neighbour',
        ],
        valuePattern: ANY_GSS_CODE,
      },
      {
        name: 'rank',
        type: 'INTEGER',
        required: true,
        description: '1 = most similar',
        kind: 'integer',
        synonyms: ['rank', 'Rank', 'Order', 'Neighbour rank', 'SN'],
      },
      text('source', 'Which model the group comes from (CIPFA, DfE statistical neighbours...)', [
        'Source',
        'Model',
      ]),
      text('closeness', 'How close the model says the neighbour is (e.g. "Very Close")', [
        'Closeness',
        'SNP',
      ]),
    ],
  },
];

/**
 * Every table can carry the `synthetic` flag: generated training data must stay labelled
 * SYNTHETIC wherever its rows go (indicator.ts has the same field).
 */
const SYNTHETIC_COLUMN: CanonicalColumn = {
  name: 'synthetic',
  type: 'BOOLEAN',
  required: false,
  description: 'True for generated training data (shown as SYNTHETIC)',
  kind: 'boolean',
  synonyms: ['synthetic', 'Synthetic', 'is_synthetic'],
};

export const CANONICAL_TABLES: readonly CanonicalTable[] = TABLES.map((t) =>
  t.columns.some((c) => c.name === 'synthetic')
    ? t
    : { ...t, columns: [...t.columns, SYNTHETIC_COLUMN] },
);

/** Indicator columns: types follow src/lib/schema/indicator.ts; synonyms follow Fingertips. */
function indicatorColumn(name: (typeof INDICATOR_COLUMNS)[number]): CanonicalColumn {
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

/**
 * Provenance columns every canonical table carries besides its contract columns (provenance.ts):
 * which loaded file a row came from and the id of that load (the raw table's name, or
 * "derived:<from>:<table>" for rows counted from record-level data). SQL cells and views see
 * them; recognition, the mapping dialog and `columns` do not (they are not the file's columns).
 */
export const PROVENANCE_COLUMNS: readonly { name: 'source_file' | 'source_id'; type: DuckType }[] =
  [
    { name: 'source_file', type: 'VARCHAR' },
    { name: 'source_id', type: 'VARCHAR' },
  ];

/** The columns a source's rows cover as a whole (see CanonicalTable.coverage). */
export function coverageOf(table: CanonicalTable): string[] {
  return table.coverage ?? table.key;
}

/** The columns on which two sources of the same kind (both real, both synthetic) may not meet. */
export function conflictColumnsOf(table: CanonicalTable): string[] {
  return table.kind === 'record-level' ? table.key : coverageOf(table);
}

export function canonicalTable(name: CanonicalTableName): CanonicalTable {
  const t = CANONICAL_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`Unknown canonical table ${name}`);
  return t;
}

export function isCanonicalTableName(name: string): name is CanonicalTableName {
  return CANONICAL_TABLES.some((t) => t.name === name);
}

/** Headers compared ignoring case, spaces and punctuation: "Area Code" = "area_code" = "AreaCode". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The CREATE TABLE statement for a canonical table (quoted names; types from the contract). */
export function createTableSql(table: CanonicalTable, ifNotExists = true): string {
  const cols = [...table.columns, ...PROVENANCE_COLUMNS]
    .map((c) => `"${c.name}" ${c.type}`)
    .join(', ');
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}"${table.name}" (${cols})`;
}
