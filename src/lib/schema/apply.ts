/**
 * Applies a proposal (or a saved mapping) to a raw table: creates the canonical table(s) if
 * needed and appends the normalised rows, all in one transaction so a failure adds nothing.
 */
import type { Engine } from '../engine/types';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { knownFormatById, type FormatOutput, type KnownFormat } from './formats';
import type { ColumnMapping, TableProposal } from './mapping';
import {
  AREA_RECODES,
  RETIRED_AREAS,
  normaliseSql,
  recodeNote,
  recodedCodesList,
  retiredCodesList,
  retiredNote,
} from './normalise';
import { normaliseColumnSql } from './normaliseTyped';
import { rawColumnTypes } from './recognise';
import { Catalog } from './catalog';
import { castSelect, viewSelect, type SelectColumn } from './viewSelect';
import { asciiOnlyColumns } from './columnStats';
import {
  PROVENANCE_COLUMNS,
  canonicalTable,
  createTableSql,
  headerKey,
  type CanonicalTableName,
} from './tables';
import { SourceConflictError, insertWithProvenance, type SourceRef } from './provenance';

export interface ApplyResult {
  rowsAdded: Partial<Record<CanonicalTableName, number>>;
  /** Synthetic rows set aside per table because this file's real rows cover them (or the reverse). */
  rowsSuperseded: Partial<Record<CanonicalTableName, number>>;
  /** Plain-words notes: recoded area codes, retired codes, rows left out and why. */
  notes: string[];
}

export interface ApplyOptions {
  /**
   * Count old and retired area codes after the rows are in rather than before (a pass over the
   * raw table that the views do not need): applyMapping then returns `areaNotes`, which gives
   * the notes that go first in `notes`. Only where the raw table is read as it is (no format's
   * view, no unpivot), as it stays there; elsewhere the notes are counted as usual.
   */
  areaNotesLater?: boolean;
}

/** An apply's result, with the area-code notes still to count when asked for later. */
export interface ApplyOutcome extends ApplyResult {
  areaNotes?: () => Promise<string[]>;
}

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

/**
 * `origin` names the load the rows come from (every row records it: provenance.ts); by default
 * the raw table, which is unique per loaded file.
 */
export async function applyMapping(
  engine: Engine,
  rawTableName: string,
  proposal: Pick<TableProposal, 'mapping'> | ColumnMapping,
  origin?: Partial<SourceRef>,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const mapping = 'version' in proposal ? proposal : proposal.mapping;
  if (!mapping)
    throw new MappingError('There is no mapping to apply: choose the table and columns first.');
  // One read of the catalog answers every "does it exist, which columns" question below.
  const catalog = await Catalog.read(engine);
  const typed = catalog.has(rawTableName)
    ? [...catalog.columns(rawTableName)].map(([name, type]) => ({ name, type }))
    : await rawColumnTypes(engine, rawTableName); // not there: DESCRIBE says so in DuckDB's words
  const columns = typed.map((c) => c.name);
  const format =
    mapping.knownFormat && mapping.knownFormat !== 'canonical-columns'
      ? knownFormatById(mapping.knownFormat)
      : undefined;
  if (mapping.knownFormat && mapping.knownFormat !== 'canonical-columns' && !format)
    throw new MappingError(`Unknown file format "${mapping.knownFormat}".`);

  if (!format) {
    const missing = canonicalTable(mapping.canonical)
      .columns.filter((c) => c.required && !hasSource(mapping, c.name))
      .map((c) => c.name);
    if (missing.length > 0)
      throw new MappingError(
        `Nothing was added: choose a column or type a value for ${missing.join(', ')} (every row of ${mapping.canonical} needs ${missing.length > 1 ? 'them' : 'it'}).`,
      );
  }

  // A known format's transform is written against its own header spellings: present the raw
  // table under those names ("Area Code" and "area_code" are the same header to the signature).
  const view = format ? await formatView(engine, rawTableName, columns, format) : undefined;
  const source = view?.name ?? rawTableName;
  const sourceColumns = view?.columns ?? columns;
  const selectColumns = format
    ? undefined
    : selectColumnsFromMapping(
        mapping,
        typed,
        await asciiOnlyColumns(engine, rawTableName, textSources(mapping, typed)),
      );
  const outputs: FormatOutput[] = selectColumns
    ? [{ table: mapping.canonical, select: castSelect(rawTableName, selectColumns) }]
    : format!.transform(source, sourceColumns);

  const notes: string[] = [];
  const areaColumn = format ? format.areaColumn : columnOf(mapping, 'area_code');
  const areaNotesLater = options.areaNotesLater === true && !view && areaColumn !== undefined;
  if (areaColumn && !areaNotesLater)
    notes.push(...(await areaCodeNotes(engine, source, areaColumn)));
  if (format?.skips) notes.push(...(await skipNotes(engine, source, sourceColumns, format)));

  const ref: SourceRef = {
    id: origin?.id ?? rawTableName,
    fileName: origin?.fileName ?? rawTableName,
    mapping: origin?.mapping ?? JSON.stringify(mapping),
  };
  const rowsAdded: Partial<Record<CanonicalTableName, number>> = {};
  const rowsSuperseded: Partial<Record<CanonicalTableName, number>> = {};
  await engine.query('BEGIN TRANSACTION');
  try {
    for (const out of outputs) {
      await ensureTable(engine, out.table, catalog);
      // A record-level table filled by one file stays a view over the file's table until
      // something changes it (../engine/lazyCanonical.ts): no second copy of a big file's rows.
      const lazy =
        selectColumns && canonicalTable(out.table).kind === 'record-level'
          ? { from: rawTableName, select: () => viewSelect(engine, rawTableName, selectColumns) }
          : undefined;
      const r = await insertWithProvenance(engine, out.table, out.select, ref, catalog, lazy);
      rowsAdded[out.table] = (rowsAdded[out.table] ?? 0) + r.rowsAdded;
      if (r.rowsSuperseded > 0)
        rowsSuperseded[out.table] = (rowsSuperseded[out.table] ?? 0) + r.rowsSuperseded;
    }
    await engine.query('COMMIT');
  } catch (e) {
    await engine.query('ROLLBACK').catch(() => undefined);
    // Two sources for one key: the message names both files and says what to do.
    if (e instanceof SourceConflictError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new MappingError(
      `Nothing was added: the rows could not be put into the canonical table (${message.split('\n')[0]}).`,
    );
  } finally {
    if (format)
      await engine.query(`DROP VIEW IF EXISTS ${quoteIdent(source)}`).catch(() => undefined);
  }
  const result: ApplyOutcome = { rowsAdded, rowsSuperseded, notes };
  if (areaNotesLater && areaColumn)
    result.areaNotes = () => areaCodeNotes(engine, rawTableName, areaColumn);
  return result;
}

/** The SELECT a hand-made (or canonical-header) mapping stands for. */
export function selectFromMapping(
  rawTableName: string,
  mapping: ColumnMapping,
  rawCols: { name: string; type: string }[],
  /** Raw columns known to hold ASCII text only (a cheaper test for what trim() would change). */
  asciiOnly: ReadonlySet<string> = new Set(),
): string {
  return castSelect(rawTableName, selectColumnsFromMapping(mapping, rawCols, asciiOnly));
}

/** Each canonical column of a mapping: its normalising expression and the raw column it reads. */
export function selectColumnsFromMapping(
  mapping: ColumnMapping,
  rawCols: { name: string; type: string }[],
  asciiOnly: ReadonlySet<string> = new Set(),
): SelectColumn[] {
  const table = canonicalTable(mapping.canonical);
  const typeOf = new Map(rawCols.map((c) => [c.name, c.type]));
  return table.columns.map((c) => {
    const src = mapping.columns[c.name];
    const column = { name: c.name, type: c.type };
    if (!src) return { ...column, expr: 'NULL' };
    if ('column' in src) {
      const type = typeOf.get(src.column);
      if (type === undefined)
        throw new MappingError(`The file has no column "${src.column}" (mapped to ${c.name}).`);
      // A column holding only "F" (or "T"/"F") is read by the CSV sniffer as true/false: turn it back into letters.
      if (type === 'BOOLEAN' && c.kind === 'sex') {
        const raw = `(CASE WHEN ${quoteIdent(src.column)} THEN 'T' WHEN NOT ${quoteIdent(src.column)} THEN 'F' END)`;
        return { ...column, expr: normaliseColumnSql(c.kind, raw, 'VARCHAR') };
      }
      // The raw type allows a shorter form.
      const ascii = asciiOnly.has(src.column);
      const expr = normaliseColumnSql(c.kind, quoteIdent(src.column), type, ascii);
      return { ...column, expr, raw: { column: src.column, type, kind: c.kind, asciiOnly: ascii } };
    }
    if (src.constant === null) return { ...column, expr: 'NULL' };
    return { ...column, expr: normaliseSql(c.kind, quoteLiteral(String(src.constant))) };
  });
}

/** The VARCHAR raw columns a mapping reads into text and area-code columns (their trim has a short cut). */
function textSources(mapping: ColumnMapping, rawCols: { name: string; type: string }[]): string[] {
  const varchar = new Set(rawCols.filter((c) => c.type === 'VARCHAR').map((c) => c.name));
  const out = new Set<string>();
  for (const c of canonicalTable(mapping.canonical).columns) {
    const src = mapping.columns[c.name];
    if ((c.kind === 'text' || c.kind === 'area_code') && src && 'column' in src)
      if (varchar.has(src.column)) out.add(src.column);
  }
  return [...out];
}

function hasSource(mapping: ColumnMapping, name: string): boolean {
  const src = mapping.columns[name];
  return src !== undefined && !('constant' in src && src.constant === null);
}

function columnOf(mapping: ColumnMapping, name: string): string | undefined {
  const src = mapping.columns[name];
  return src && 'column' in src ? src.column : undefined;
}

let viewCounter = 0;

/** The raw table under the format's own header spellings, as a temporary view. */
async function formatView(
  engine: Engine,
  raw: string,
  columns: string[],
  format: KnownFormat,
): Promise<{ name: string; columns: string[] }> {
  const name = `__schema_format_${++viewCounter}`;
  const names = columns.map((c) => format.headers.find((h) => headerKey(h) === headerKey(c)) ?? c);
  const select = columns.map((c, i) => `${quoteIdent(c)} AS ${quoteIdent(names[i])}`);
  await engine.query(
    `CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS SELECT ${select.join(', ')} FROM ${quoteIdent(raw)}`,
  );
  return { name, columns: names };
}

/**
 * Creates the table with the canonical types, or adds canonical columns an older copy lacks.
 * With a catalog (one apply's copy), it answers from it and keeps it up to date.
 */
export async function ensureTable(
  engine: Engine,
  name: CanonicalTableName,
  catalog?: Catalog,
): Promise<void> {
  const table = canonicalTable(name);
  const wanted = [...table.columns, ...PROVENANCE_COLUMNS];
  if (catalog && !catalog.has(name)) {
    await engine.query(createTableSql(table));
    catalog.created(
      name,
      wanted.map((c) => [c.name, c.type] as const),
    );
    return;
  }
  if (!catalog) await engine.query(createTableSql(table));
  const existing = new Set(
    [...(catalog ? catalog.columns(name).keys() : await columnNames(engine, name))].map((c) =>
      c.toLowerCase(),
    ),
  );
  for (const c of wanted)
    if (!existing.has(c.name)) {
      await engine.query(
        `ALTER TABLE ${quoteIdent(name)} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`,
      );
      catalog?.columnAdded(name, c.name, c.type);
    }
}

async function columnNames(engine: Engine, table: string): Promise<string[]> {
  return (await rawColumnTypes(engine, table)).map((c) => c.name);
}

/**
 * How many rows carry an old or retired area code. Counted per distinct raw value first (a hash
 * of the column, no string work per row), then cleaned up: the same counts as cleaning every row.
 */
async function areaCodeNotes(engine: Engine, source: string, column: string): Promise<string[]> {
  const code = `upper(trim(CAST(raw AS VARCHAR)))`;
  const r = await engine.query(
    `SELECT ${code} AS code, sum(n) AS n
     FROM (SELECT ${quoteIdent(column)} AS raw, count(*) AS n FROM ${quoteIdent(source)} GROUP BY 1)
     WHERE ${code} IN (${recodedCodesList()}, ${retiredCodesList()}) GROUP BY 1 ORDER BY 1`,
  );
  return r.toRows().map((row) => {
    const c = String(row.code);
    const n = Number(row.n);
    return AREA_RECODES[c] ? recodeNote(c, n) : RETIRED_AREAS[c] ? retiredNote(c, n) : '';
  });
}

async function skipNotes(
  engine: Engine,
  source: string,
  columns: string[],
  format: KnownFormat,
): Promise<string[]> {
  const notes: string[] = [];
  for (const skip of format.skips?.(source, columns) ?? []) {
    const n = Number(
      (
        await engine.query(`SELECT count(*) AS n FROM ${quoteIdent(source)} WHERE ${skip.where}`)
      ).toRows()[0]?.n ?? 0,
    );
    if (n === 0) continue;
    let names = '';
    if (skip.listColumn) {
      const c = quoteIdent(skip.listColumn);
      const list = (
        await engine.query(
          `SELECT DISTINCT COALESCE(CAST(${c} AS VARCHAR), '(blank)') AS v FROM ${quoteIdent(source)} WHERE ${skip.where} ORDER BY 1 LIMIT 6`,
        )
      ).toRows();
      names = ` (${list
        .slice(0, 5)
        .map((r) => String(r.v))
        .join(', ')}${list.length > 5 ? ', ...' : ''})`;
    }
    notes.push(`${n} row${n === 1 ? '' : 's'} left out: they ${skip.reason}${names}.`);
  }
  return notes;
}
