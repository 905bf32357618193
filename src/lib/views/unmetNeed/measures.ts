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

/** Which NDTMS substance groups count as "in treatment" for each prevalence measure (aggregate data). */
export const TREATMENT_GROUPS: Record<NeedMeasure, string[]> = {
  opiate: ['opiate'],
  ocu: ['opiate', 'non_opiate_only', 'non_opiate_and_alcohol'],
  crack: ['opiate', 'non_opiate_only', 'non_opiate_and_alcohol'],
  alcohol_dependence: ['alcohol_only', 'non_opiate_and_alcohol'],
};

/** Every group any measure reads, each once (the one treatment statement asks for these). */
export const ALL_TREATMENT_GROUPS: string[] = [...new Set(Object.values(TREATMENT_GROUPS).flat())];

/** Substance words that make a record-level episode "opiate" (NDTMS hierarchy: any opiate cited). */
export const OPIATE_PATTERN =
  '(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)';

/** The measures a run shows: all four, or the one chosen. */
export function measuresFor(choice: string | undefined): typeof NEED_MEASURES {
  const wanted = choice && choice !== 'all' ? choice : null;
  return NEED_MEASURES.filter((m) => !wanted || m.id === wanted);
}
