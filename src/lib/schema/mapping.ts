/**
 * A column mapping is plain JSON, so the notebook file can keep how each raw file was turned
 * into canonical tables and replay it when the file is loaded again.
 */
import { canonicalTable, isCanonicalTableName, type CanonicalTableName } from './tables';

/** Where a canonical column's values come from: a raw column, or one value for every row. */
export type ColumnSource = { column: string } | { constant: string | number | boolean | null };

/**
 * A wide table's columns turned into rows ("these columns are areas / periods / groups"): each
 * listed column becomes one row per raw row, its header filling `into` (through `names`, e.g.
 * "NEL" -> E06000012) and its cell filling `value`. A Total column stays a column (printed totals,
 * never unpivoted as data); `columns` of the mapping then refers to UNPIVOT_HEADER/UNPIVOT_VALUE.
 */
export interface UnpivotSpec {
  columns: string[];
  into: string;
  value: string;
  names?: Record<string, string>;
  /** A column of printed totals, kept beside the cells (e.g. into published_total). */
  totalColumn?: string;
}

/** Names of the two columns an unpivot makes, which a mapping's columns can refer to. */
export const UNPIVOT_HEADER = 'unpivoted_header';
export const UNPIVOT_VALUE = 'unpivoted_value';

export interface ColumnMapping {
  version: 1;
  canonical: CanonicalTableName;
  /** canonical column -> source; canonical columns not listed are left empty (NULL). */
  columns: Record<string, ColumnSource>;
  /** Set when the file is a known format: its own transform is used and `columns` is ignored. */
  knownFormat?: string;
  /** Set for a wide table: the raw table is unpivoted first (ingest/unpivot.ts). */
  unpivot?: UnpivotSpec;
}

export interface TableProposal {
  /** The canonical table the file fits best (the first one, when a known format makes several). */
  canonical: CanonicalTableName | null;
  /** 0..1: 1 for a known format or canonical headers; below 0.5 means "ask the analyst". */
  confidence: number;
  mapping: ColumnMapping | null;
  /** Raw columns no canonical column takes (shown so the analyst can see what is left out). */
  unmapped: string[];
  /** Required canonical columns nothing in the file fills. */
  missingRequired: string[];
  knownFormat?: string;
  /** Every canonical table applyMapping will add rows to. */
  produces: CanonicalTableName[];
  explanation: string;
}

export function isColumnSource(v: unknown): v is ColumnSource {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if ('column' in o) return typeof o.column === 'string';
  if ('constant' in o)
    return o.constant === null || ['string', 'number', 'boolean'].includes(typeof o.constant);
  return false;
}

export function serialiseMapping(mapping: ColumnMapping): string {
  return JSON.stringify(mapping);
}

/** Reads a mapping back from JSON, refusing anything that is not one (with the reason). */
export function parseMapping(json: string | unknown): ColumnMapping {
  const v: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (typeof v !== 'object' || v === null) throw new Error('A column mapping must be an object.');
  const o = v as Record<string, unknown>;
  if (o.version !== 1) throw new Error(`Unknown column mapping version ${String(o.version)}.`);
  if (typeof o.canonical !== 'string' || !isCanonicalTableName(o.canonical))
    throw new Error(`"${String(o.canonical)}" is not a canonical table.`);
  const table = canonicalTable(o.canonical);
  const columns: Record<string, ColumnSource> = {};
  const raw = (o.columns ?? {}) as Record<string, unknown>;
  for (const [name, source] of Object.entries(raw)) {
    if (!table.columns.some((c) => c.name === name))
      throw new Error(`Table ${table.name} has no column "${name}".`);
    if (!isColumnSource(source)) throw new Error(`The source of column "${name}" is not valid.`);
    columns[name] = source;
  }
  const mapping: ColumnMapping = { version: 1, canonical: o.canonical, columns };
  if (typeof o.knownFormat === 'string') mapping.knownFormat = o.knownFormat;
  if (o.unpivot !== undefined)
    mapping.unpivot = parseUnpivot(
      o.unpivot,
      table.columns.map((c) => c.name),
    );
  return mapping;
}

function parseUnpivot(v: unknown, canonicalColumns: string[]): UnpivotSpec {
  if (typeof v !== 'object' || v === null)
    throw new Error('The unpivot part of the mapping is not valid.');
  const o = v as Record<string, unknown>;
  const columns = o.columns;
  if (
    !Array.isArray(columns) ||
    columns.length === 0 ||
    !columns.every((c) => typeof c === 'string')
  )
    throw new Error('The unpivot part of the mapping needs the list of columns to turn into rows.');
  for (const k of ['into', 'value'] as const)
    if (typeof o[k] !== 'string' || !canonicalColumns.includes(o[k] as string))
      throw new Error(`The unpivot "${k}" must be a column of the table, got "${String(o[k])}".`);
  const spec: UnpivotSpec = {
    columns: columns as string[],
    into: o.into as string,
    value: o.value as string,
  };
  if (o.names !== undefined) {
    if (
      typeof o.names !== 'object' ||
      o.names === null ||
      !Object.values(o.names).every((x) => typeof x === 'string')
    )
      throw new Error('The unpivot "names" must map headers to values.');
    spec.names = o.names as Record<string, string>;
  }
  if (typeof o.totalColumn === 'string') spec.totalColumn = o.totalColumn;
  return spec;
}
