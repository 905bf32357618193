/**
 * The canonical tables every view reads, described as data (docs/canonical-tables.md is the
 * human-readable copy). The recogniser matches raw file headers against `synonyms`, the loader
 * creates tables from `type`, and `kind` tells it which normaliser turns raw cells into the
 * canonical vocabulary (see normalise.ts). The definitions live in tables*.ts by kind, their
 * shared columns in columnBuilders.ts; this module puts them together, in a fixed order.
 */
import type { CanonicalTable, CanonicalTableName, DuckType } from './tableTypes';
import { SYNTHETIC_COLUMN } from './columnBuilders';
import { REFERENCE_TABLES } from './tablesReference';
import { AGGREGATE_TABLES } from './tablesAggregate';
import { RECORD_LEVEL_TABLES } from './tablesRecordLevel';
import { OTHER_TABLES } from './tablesIndicators';

export type {
  CanonicalTableName,
  TableKind,
  DuckType,
  ValueKind,
  CanonicalColumn,
  CanonicalTable,
} from './tableTypes';
export * from './valuePatterns';

const TABLES: readonly CanonicalTable[] = [
  ...REFERENCE_TABLES,
  ...AGGREGATE_TABLES,
  ...RECORD_LEVEL_TABLES,
  ...OTHER_TABLES,
];

/** Every table can carry the `synthetic` flag (columnBuilders.ts). */
export const CANONICAL_TABLES: readonly CanonicalTable[] = TABLES.map((t) =>
  t.columns.some((c) => c.name === 'synthetic')
    ? t
    : { ...t, columns: [...t.columns, SYNTHETIC_COLUMN] },
);

/**
 * Provenance columns every canonical table carries besides its contract columns (provenance.ts):
 * which loaded file a row came from and the id of that load (the raw table's name, or
 * "derived:<from>:<table>" for rows counted from record-level data). SQL cells and views see
 * them; recognition, the mapping dialog and `columns` do not (they are not the file's columns).
 */
export const PROVENANCE_COLUMNS: readonly { name: 'source_file' | 'source_id'; type: DuckType }[] =
  [
    { name: 'source_file', type: 'VARCHAR' },
    { name: 'source_id', type: 'VARCHAR' },
  ];

/** The columns a source's rows cover as a whole (see CanonicalTable.coverage). */
export function coverageOf(table: CanonicalTable): string[] {
  return table.coverage ?? table.key;
}

/** The columns on which two sources of the same kind (both real, both synthetic) may not meet. */
export function conflictColumnsOf(table: CanonicalTable): string[] {
  return table.kind === 'record-level' ? table.key : coverageOf(table);
}

export function canonicalTable(name: CanonicalTableName): CanonicalTable {
  const t = CANONICAL_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`Unknown canonical table ${name}`);
  return t;
}

export function isCanonicalTableName(name: string): name is CanonicalTableName {
  return CANONICAL_TABLES.some((t) => t.name === name);
}

/** Headers compared ignoring case, spaces and punctuation: "Area Code" = "area_code" = "AreaCode". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The CREATE TABLE statement for a canonical table (quoted names; types from the contract). */
export function createTableSql(table: CanonicalTable, ifNotExists = true): string {
  const cols = [...table.columns, ...PROVENANCE_COLUMNS]
    .map((c) => `"${c.name}" ${c.type}`)
    .join(', ');
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}"${table.name}" (${cols})`;
}
