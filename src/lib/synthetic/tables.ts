/**
 * The shape of the generated data: table names, their column lists and the row types. The
 * generator fills these; csv.ts writes them out.
 */
export type Cell = string | number | boolean | null;

export interface SyntheticTable {
  columns: string[];
  rows: Cell[][];
}

export const SYNTHETIC_TABLE_NAMES = [
  'prevalence',
  'treatment',
  'cjs_treatment',
  'continuity_of_care',
  'deaths',
  'treatment_episodes',
  'death_records',
  'treatment_outcomes',
  'local_metrics',
] as const;
export type SyntheticTableName = (typeof SYNTHETIC_TABLE_NAMES)[number];
export type SyntheticTables = Record<SyntheticTableName, SyntheticTable>;

/** Column lists: canonical names (docs/canonical-tables.md), then the extra `synthetic` column. */
export const SYNTHETIC_COLUMNS: Readonly<Record<SyntheticTableName, readonly string[]>> = {
  prevalence: [
    'area_code',
    'period',
    'measure',
    'estimate',
    'lower',
    'upper',
    'age_range',
    'synthetic',
  ],
  treatment: ['area_code', 'period', 'substance_group', 'in_treatment', 'synthetic'],
  cjs_treatment: [
    'area_code',
    'period',
    'substance_group',
    'count',
    'cjs_pathway',
    'published_total',
    'synthetic',
  ],
  continuity_of_care: [
    'area_code',
    'period',
    'released_with_need',
    'engaged_within_3_weeks',
    'synthetic',
  ],
  deaths: ['area_code', 'period', 'sex', 'age_band', 'measure', 'deaths', 'synthetic'],
  treatment_episodes: [
    'client_id',
    'area_code',
    'age',
    'sex',
    'substances',
    'referral_source',
    'start_date',
    'discharge_date',
    'discharge_reason',
    'synthetic',
  ],
  death_records: [
    'date_of_death',
    'date_of_registration',
    'area_code',
    'age',
    'sex',
    'substances',
    'known_to_treatment',
    'circumstances',
    'synthetic',
  ],
  treatment_outcomes: [
    'area_code',
    'period',
    'substance_group',
    'in_treatment',
    'completions',
    'completions_not_representing',
    'starts',
    'early_unplanned_exits',
    'deaths_in_treatment',
    'synthetic',
  ],
  local_metrics: [
    'metric',
    'outcome',
    'area_code',
    'period',
    'numerator',
    'denominator',
    'value',
    'target',
    'polarity',
    'unit',
    'source',
    'synthetic',
  ],
};

/** A table of `rows` under the column list of `name` (a fresh copy of the list). */
export function syntheticTable(name: SyntheticTableName, rows: Cell[][]): SyntheticTable {
  return { columns: [...SYNTHETIC_COLUMNS[name]], rows };
}
