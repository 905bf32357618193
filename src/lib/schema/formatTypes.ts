/**
 * What a known published format is: its header signature, the canonical tables it feeds and the
 * transform SQL into them (formats.ts lists the formats), plus the helpers the transforms share.
 */
import { quoteIdent } from '../engine/sql';
import { headerKey, type CanonicalTableName } from './tables';

export interface FormatOutput {
  table: CanonicalTableName;
  /** SELECT producing canonical column names from the raw table. */
  select: string;
}

/** Rows a transform deliberately leaves out, counted and explained in the load notes. */
export interface FormatSkip {
  where: string;
  reason: string;
  /** A raw column whose distinct values (up to 5) are named in the note. */
  listColumn?: string;
}

export interface KnownFormat {
  id: string;
  title: string;
  /** Headers that must all be present (compared ignoring case, spaces and punctuation). */
  headers: string[];
  produces: CanonicalTableName[];
  /** Raw column holding area codes: recodes and retired codes in it are reported. */
  areaColumn?: string;
  explanation: string;
  transform(raw: string, columns: string[]): FormatOutput[];
  skips?(raw: string, columns: string[]): FormatSkip[];
}

/** A raw column by its header key, quoted; NULL when the file does not have it. */
export function columnFinder(columns: string[]): (header: string) => string {
  return (header) => {
    const found = columns.find((c) => headerKey(c) === headerKey(header));
    return found === undefined ? 'NULL' : quoteIdent(found);
  };
}

export const from = (raw: string) => quoteIdent(raw);
