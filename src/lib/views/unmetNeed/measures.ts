/**
 * What the unmet-need view measures: the four prevalence measures, which NDTMS substance groups
 * count as "in treatment" for each, and the substance words that make a record-level episode
 * "opiate".
 */

export type NeedMeasure = 'ocu' | 'opiate' | 'crack' | 'alcohol_dependence';

export const NEED_MEASURES: { id: NeedMeasure; label: string; age: string }[] = [
  { id: 'ocu', label: 'Opiate and/or crack cocaine use (OCU)', age: '15-64' },
  { id: 'opiate', label: 'Opiates', age: '15-64' },
  { id: 'crack', label: 'Crack cocaine', age: '15-64' },
  { id: 'alcohol_dependence', label: 'Alcohol dependence', age: '18+' },
];

/**
 * Which NDTMS substance groups count as "in treatment" for a measure, in aggregate data. Only
 * opiates and alcohol dependence have one: the four groups are exclusive by hierarchy (any opiate
 * cited makes a client "opiate"), so a crack-only client is "non-opiate", counted with every
 * cannabis, cocaine powder or other non-opiate client. No sum of groups counts crack users, or
 * opiate and/or crack users (OCU): those need record-level episodes (see PRIMER, "OCU").
 */
export const TREATMENT_GROUPS: Partial<Record<NeedMeasure, string[]>> = {
  opiate: ['opiate'],
  alcohol_dependence: ['alcohol_only', 'non_opiate_and_alcohol'],
};

/** Every group any measure reads, each once (the one treatment statement asks for these). */
export const ALL_TREATMENT_GROUPS: string[] = [
  ...new Set(Object.values(TREATMENT_GROUPS).flatMap((g) => g ?? [])),
];

/** Where a measure's number in treatment comes from, given the tables loaded. */
export type CountSource = 'table' | 'episodes' | 'none';

/**
 * The aggregate table where it has a count that measures the same thing (opiates, alcohol),
 * else record-level episodes, which count every measure; none when neither can.
 */
export function countSource(
  measure: NeedMeasure,
  loaded: { table: boolean; episodes: boolean },
): CountSource {
  if (loaded.table && TREATMENT_GROUPS[measure]) return 'table';
  return loaded.episodes ? 'episodes' : 'none';
}

/** Why there is no count when the source is none: "no crack-specific treatment count". */
export function noCountReason(measure: NeedMeasure): string {
  return `no ${measure === 'ocu' ? 'OCU' : measure === 'crack' ? 'crack' : measure.replace('_', ' ')}-specific treatment count`;
}

/** Substance words that make a record-level episode "opiate" (NDTMS hierarchy: any opiate cited). */
export const OPIATE_PATTERN =
  '(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)';

/** The measures a run shows: all four, or the one chosen. */
export function measuresFor(choice: string | undefined): typeof NEED_MEASURES {
  const wanted = choice && choice !== 'all' ? choice : null;
  return NEED_MEASURES.filter((m) => !wanted || m.id === wanted);
}
