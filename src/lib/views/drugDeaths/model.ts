/**
 * The vocabulary of the drug-deaths view: its options, the rate it computes for one area and
 * pooled period, and the band counts rates are computed from. No logic here.
 */
import {
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
} from '../../stats';

/** Where the rates come from: calculated from age bands or records, or published by ONS. */
export type DeathSource = 'auto' | 'age-banded' | 'published' | 'records';
export type ResolvedSource = Exclude<DeathSource, 'auto'>;
export type DeathMeasure = 'drug_misuse' | 'drug_poisoning';
export type DeathSex = 'Persons' | 'Male' | 'Female';

/** The view's options as run() receives them (validated against the choices by runView). */
export type DrugDeathsOptions = {
  source: DeathSource;
  measure: DeathMeasure;
  sex: DeathSex;
};

export const MEASURE_LABEL: Record<DeathMeasure, string> = {
  drug_misuse: 'Deaths from drug misuse',
  drug_poisoning: 'Deaths related to drug poisoning',
};

/** Substances that make a death record a "drug misuse" death (controlled drugs; an approximation of the ONS definition). */
export const CONTROLLED_DRUG_PATTERN =
  '(heroin|diamorphine|morphine|methadone|buprenorphine|fentanyl|carfentanil|nitazene|oxycodone|codeine|dihydrocodeine|tramadol|tapentadol|pethidine|opiate|opioid|cocaine|crack|amphetamine|methamphetamine|mdma|ecstasy|cannabis|cannabinoid|spice|ketamine|mephedrone|cathinone|ghb|gbl|lsd|benzodiazepine|diazepam|alprazolam|etizolam|bromazolam|temazepam|nitrazepam|lorazepam|pregabalin|gabapentin|zopiclone|zolpidem)';

/** One area and pooled period, before display rules. */
export interface DeathRate {
  area_code: string;
  period: string;
  deaths: number | null;
  population: number | null;
  crude: number | null;
  crude_lower: number | null;
  crude_upper: number | null;
  dsr: number | null;
  dsr_lower: number | null;
  dsr_upper: number | null;
  /** ":" not calculated, "u" low reliability, "" otherwise. */
  flag: string;
  note: string;
  known_to_treatment?: number | null;
  known_pct?: number | null;
  known_lower?: number | null;
  known_upper?: number | null;
}

/** Deaths of one area, period (a year or a pooled label) and age band. */
export interface BandCount {
  area: string;
  period: string;
  band: string;
  deaths: number;
}

/** One band of a directly standardised rate, as src/lib/stats `dsr` takes it. */
export interface StandardisedBand {
  count: number;
  population: number;
  standard: number;
}

/** Standard population weights by band label, and where they came from (for notes). */
export interface StandardWeights {
  weights: Map<string, number>;
  source: string;
}

/** Rates with the caveats met while computing them, in the order they were met. */
export interface RatesWithNotes {
  rates: DeathRate[];
  notes: string[];
}

/** The ONS small-number rules in words, built from the thresholds in src/lib/stats/onsRules.ts. */
export const RULE_TEXT = {
  notCalculated: `not calculated (:): fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths`,
  lowReliability: `u: low reliability, fewer than ${ONS_RELIABLE_DEATHS} deaths`,
  noCrude: `crude rate not shown: fewer than ${ONS_MINIMUM_DEATHS_FOR_CRUDE} deaths`,
} as const;
