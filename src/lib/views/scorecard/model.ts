/**
 * The scorecard's vocabulary: the National Combating Drugs Outcomes Framework outcomes, which
 * known indicators report on which outcome, and the rules for a rating (RAG against a target,
 * significance against England) and a trend, in words and shapes so colour is never needed. Pure.
 */
import type { Polarity } from '../../schema/indicator';

export const OUTCOMES = [
  { id: 'reduce_drug_use', label: 'Reduce drug use' },
  { id: 'reduce_drug_crime', label: 'Reduce drug-related crime' },
  { id: 'reduce_deaths_and_harm', label: 'Reduce drug-related deaths and harm' },
  { id: 'increase_treatment_engagement', label: 'Increase engagement in treatment' },
  { id: 'improve_recovery', label: 'Improve recovery outcomes' },
  { id: 'other', label: 'Other indicators' },
] as const;
export type OutcomeId = (typeof OUTCOMES)[number]['id'];

export const outcomeLabel = (id: string): string => OUTCOMES.find((o) => o.id === id)?.label ?? id;

/** An outcome from an id or its words ("Reduce drug-related crime", "crime"); 'other' when none fits. */
export function outcomeOf(text: string | null | undefined): OutcomeId {
  const t = (text ?? '').toLowerCase().replace(/[_-]/g, ' ');
  if (/recover|complet/.test(t)) return 'improve_recovery';
  if (/crime|offend|justice/.test(t)) return 'reduce_drug_crime';
  if (/death|harm|mortal/.test(t)) return 'reduce_deaths_and_harm';
  if (/engag|treatment/.test(t)) return 'increase_treatment_engagement';
  if (/\buse\b|prevalence|supply/.test(t)) return 'reduce_drug_use';
  return 'other';
}

/** Indicators other views compute, by id pattern, and the outcome each reports on. */
export const COMPUTED_LINES: readonly { pattern: RegExp; outcome: OutcomeId; view: string }[] = [
  {
    pattern: /^drug_(misuse|poisoning)_deaths_asr$/,
    outcome: 'reduce_deaths_and_harm',
    view: 'Drug-related deaths',
  },
  {
    pattern: /^drug_(misuse|poisoning)_deaths_known_to_treatment$/,
    outcome: 'reduce_deaths_and_harm',
    view: 'Drug-related deaths',
  },
  { pattern: /^(unmet|met)_need_/, outcome: 'increase_treatment_engagement', view: 'Unmet need' },
  {
    pattern: /^continuity_of_care$/,
    outcome: 'increase_treatment_engagement',
    view: 'CJS and treatment',
  },
  {
    pattern: /^cjs_(in_treatment|share_of_treatment|treatment_rate)$/,
    outcome: 'reduce_drug_crime',
    view: 'CJS and treatment',
  },
  {
    pattern:
      /^treatment_outcomes\.(successful_completion|completion_no_representation|early_unplanned_exit|representation)\.(all|opiate|non_opiate|alcohol_only)$/,
    outcome: 'improve_recovery',
    view: 'Treatment outcomes',
  },
  {
    pattern: /^treatment_outcomes\.deaths_in_treatment\.all$/,
    outcome: 'reduce_deaths_and_harm',
    view: 'Treatment outcomes',
  },
];

/** Fingertips indicators known to report on an outcome (PHOF C19a/b successful completion). */
export const FINGERTIPS_LINES: Readonly<Record<string, OutcomeId>> = {
  '90244': 'improve_recovery',
  '90245': 'improve_recovery',
};

/** Amber band: within this share of the target (5%), on the wrong side of it. */
export const AMBER_MARGIN = 0.05;

export type Rag = 'green' | 'amber' | 'red' | 'not-rated';
/** Words and a shape for each rating, so colour is never needed. */
export const RAG_TEXT: Record<Rag, string> = {
  green: '● Green: target met',
  amber: '▲ Amber: within 5% of target',
  red: '■ Red: target missed by more than 5%',
  'not-rated': '○ Not rated (no polarity)',
};

/**
 * RAG against a target: green when the value meets the target in the good direction; amber when
 * it misses by no more than 5% of the target; red otherwise. No polarity → not rated.
 */
export function ragRating(value: number, target: number, polarity: Polarity): Rag {
  if (polarity === 'none') return 'not-rated';
  const margin = Math.abs(target) * AMBER_MARGIN;
  if (polarity === 'high_is_good') {
    if (value >= target) return 'green';
    return value >= target - margin ? 'amber' : 'red';
  }
  if (value <= target) return 'green';
  return value <= target + margin ? 'amber' : 'red';
}

/** Significance words with a shape (the same shapes as the charts' legend). */
export const SIGNIFICANCE_TEXT: Record<string, string> = {
  Better: '▲ Better than England',
  Worse: '▼ Worse than England',
  Similar: '● Similar to England',
  Higher: '■ Higher than England',
  Lower: '◆ Lower than England',
  'Not compared': '○ Not compared',
};

export interface ScorecardOptions extends Record<string, string> {
  include: 'framework' | 'all';
}
