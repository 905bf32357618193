/**
 * Areas, as the whole app speaks of them: England's code, area types, the comparator kinds a
 * notebook offers, and named groups of authorities (partnership footprints).
 */
export const ENGLAND = 'E92000001';

export type AreaType = 'England' | 'Region' | 'UTLA' | 'LTLA';

/** E12…: an English region. */
export function isRegionCode(code: string): boolean {
  return code.startsWith('E12');
}

/** England or a region: areas whose figures may have to be summed from their authorities. */
export function isAggregateCode(code: string): boolean {
  return code === ENGLAND || isRegionCode(code);
}

export interface AreaInfo {
  code: string;
  name: string | null;
  type: string | null;
  regionCode: string | null;
  regionName: string | null;
}

/** A named group of authorities saved in the notebook (e.g. a combating-drugs partnership). */
export interface AreaGroup {
  /** A code that cannot clash with an ONS code, e.g. "GROUP:Humberside". */
  code: string;
  name: string;
  members: string[];
}

export type ComparatorKind = 'region' | 'england' | 'neighbours' | 'custom';

export const COMPARATOR_KINDS: readonly ComparatorKind[] = [
  'region',
  'england',
  'neighbours',
  'custom',
];

export const COMPARATOR_LABELS: Record<ComparatorKind, string> = {
  region: 'Other upper-tier authorities in its region',
  england: 'All upper-tier authorities in England',
  neighbours: "Its statistical neighbours (DfE children's services model)",
  custom: 'A list I choose',
};
