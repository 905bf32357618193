/**
 * The vocabulary of the treatment-outcomes view: substance groups as the national (NDTMS/PHOF C19)
 * figures group them, the outcome measures with their polarity, and how a discharge reason is
 * classified. Pure data.
 */
import type { Polarity } from '../../schema/indicator';

/** Groups reported: the canonical four, PHOF C19b's "non-opiate" (the two non-opiate groups), all. */
export const OUTCOME_GROUPS = [
  { id: 'all', label: 'All substances' },
  { id: 'opiate', label: 'Opiate' },
  { id: 'non_opiate', label: 'Non-opiate (non-opiate only + non-opiate and alcohol)' },
  { id: 'non_opiate_only', label: 'Non-opiate only' },
  { id: 'non_opiate_and_alcohol', label: 'Non-opiate and alcohol' },
  { id: 'alcohol_only', label: 'Alcohol only' },
] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]['id'];
/** The canonical group of one person or episode (the NDTMS hierarchy, derive.ts). */
export type BaseGroup = 'opiate' | 'non_opiate_only' | 'non_opiate_and_alcohol' | 'alcohol_only';

/** The reported groups a person of a canonical group belongs to. */
export function groupsOf(g: BaseGroup): OutcomeGroup[] {
  return g === 'opiate'
    ? ['all', 'opiate']
    : g === 'alcohol_only'
      ? ['all', 'alcohol_only']
      : ['all', 'non_opiate', g];
}

export const groupLabel = (id: string): string =>
  OUTCOME_GROUPS.find((g) => g.id === id)?.label ?? id;

export type MeasureId =
  | 'successful_completion'
  | 'completion_no_representation'
  | 'early_unplanned_exit'
  | 'representation'
  | 'deaths_in_treatment'
  | 'median_days';

export interface MeasureInfo {
  id: MeasureId;
  name: string;
  polarity: Polarity;
  /** '%' for the proportions (Wilson 95% CI); 'days' for the median. */
  unit: '%' | 'days';
}

export const MEASURES: readonly MeasureInfo[] = [
  {
    id: 'successful_completion',
    name: 'Successful completions as % of adults in treatment',
    polarity: 'high_is_good',
    unit: '%',
  },
  {
    id: 'completion_no_representation',
    name: 'Successful completion without re-presentation within 6 months (% of adults in treatment)',
    polarity: 'high_is_good',
    unit: '%',
  },
  {
    id: 'early_unplanned_exit',
    name: 'Unplanned exit within the first 12 weeks (% of treatment starts)',
    polarity: 'low_is_good',
    unit: '%',
  },
  {
    id: 'representation',
    name: 'Re-presentation within 6 months of a successful completion (%)',
    polarity: 'low_is_good',
    unit: '%',
  },
  {
    id: 'deaths_in_treatment',
    name: 'Deaths in treatment (% of adults in treatment)',
    polarity: 'low_is_good',
    unit: '%',
  },
  {
    id: 'median_days',
    name: 'Median time in treatment (days) of episodes that ended',
    polarity: 'none',
    unit: 'days',
  },
];

export const measureInfo = (id: MeasureId): MeasureInfo => MEASURES.find((m) => m.id === id)!;

/** Indicator id of a measure for a group: "treatment_outcomes.successful_completion.opiate". */
export const indicatorIdOf = (measure: MeasureId, group: string): string =>
  `treatment_outcomes.${measure}.${group}`;

/** Indicator id of an age band's share of the cohort. */
export const ageIndicatorIdOf = (group: string): string =>
  `treatment_outcomes.age_profile.${group}`;

/** Age bands of the cohort profile (age at the start of the person's latest episode). */
export const AGE_BANDS = [
  { label: '18-24', from: 18, to: 24 },
  { label: '25-34', from: 25, to: 34 },
  { label: '35-44', from: 35, to: 44 },
  { label: '45-54', from: 45, to: 54 },
  { label: '55-64', from: 55, to: 64 },
  { label: '65+', from: 65, to: 200 },
] as const;

/** Fingertips indicators the view benchmarks against, by group (PHOF C19a, C19b). */
export const FINGERTIPS_COMPLETION: Readonly<Record<string, string>> = {
  opiate: '90244',
  non_opiate: '90245',
};

/** How a discharge reason counts (NDTMS exit reasons, spelled as providers' systems spell them). */
export type ExitKind = 'completed' | 'unplanned' | 'died' | 'transferred' | 'other';

export function exitKind(reason: string | null): ExitKind {
  const r = (reason ?? '').toLowerCase();
  if (r === '') return 'other';
  if (/died|death|deceased/.test(r)) return 'died';
  if (/transfer/.test(r)) return 'transferred';
  if (/^\s*(treatment\s+)?complet|successful/.test(r)) return 'completed';
  if (
    /incomplete|dropped|drop-out|dropout|withdrawn|retained in custody|declined|not received|disengag/.test(
      r,
    )
  )
    return 'unplanned';
  return 'other';
}

/** Below these, figures are shown but flagged (and exports' disclosure control protects them). */
export const SMALL_COUNT = 5;
export const SMALL_DENOMINATOR = 10;

export type OutcomeSource = 'auto' | 'records' | 'aggregate';
export interface TreatmentOutcomesOptions extends Record<string, string> {
  source: OutcomeSource;
  group: OutcomeGroup;
}
