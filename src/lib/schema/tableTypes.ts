/**
 * The shape of a canonical table as data: its name, kind, columns (type, synonyms, value
 * pattern) and the columns that identify a row or a source's coverage. tables.ts lists the
 * tables themselves.
 */
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
