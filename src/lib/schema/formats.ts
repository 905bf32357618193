/**
 * Known published formats: recognised by their exact header signature (no questions asked) and
 * carrying their own transform SQL into canonical tables. One raw file may feed several tables.
 * Each transform is a SELECT whose output columns are canonical names; applyMapping inserts it
 * BY NAME, so columns a transform leaves out stay empty. The formats live in format*.ts, one
 * publisher's files each; this module lists them in the order they are tried.
 */
import { headerKey } from './tables';
import type { KnownFormat } from './formatTypes';
import { fingertips } from './formatFingertips';
import { onsDeaths3yr, onsDeathsAnnual } from './formatOnsDeaths';
import { onsMyeLong, onsMyeWide } from './formatOnsPopulation';
import { onsLtlaUtla, areaLookup } from './formatAreaLookups';
import { dfeNeighbours, dfeNeighboursWide } from './formatNeighbours';
import { sdgAlcohol } from './formatSdgAlcohol';
import { esp2013 } from './formatEsp2013';

export type { FormatOutput, FormatSkip, KnownFormat } from './formatTypes';
export { espAgeBandSql } from './formatOnsPopulation';
export { DFE_NEIGHBOURS_SOURCE } from './formatNeighbours';
export { DFE_LA_NUMBER_TO_CODE } from './formatNeighbours';
export { ALCOHOL_ALL_GROUP } from './formatSdgAlcohol';
export { SDG_CODES_BY_NAME } from './formatSdgAlcohol';

export const KNOWN_FORMATS: readonly KnownFormat[] = [
  fingertips,
  onsDeaths3yr,
  onsDeathsAnnual,
  onsMyeLong,
  onsMyeWide,
  areaLookup,
  onsLtlaUtla,
  dfeNeighbours,
  dfeNeighboursWide,
  sdgAlcohol,
  esp2013,
];

/** The first known format whose signature headers are all among the raw headers. */
export function matchKnownFormat(columns: string[]): KnownFormat | undefined {
  const keys = new Set(columns.map(headerKey));
  return KNOWN_FORMATS.find((f) => f.headers.every((h) => keys.has(headerKey(h))));
}

export function knownFormatById(id: string): KnownFormat | undefined {
  return KNOWN_FORMATS.find((f) => f.id === id);
}
