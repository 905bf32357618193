/**
 * Loading a file and mapping it onto the canonical tables outside the browser (the CLI, tests),
 * the way the app and its mapping dialog do: a CSV through loadCsv; a workbook's sheets through
 * workbook.ts and sheetTable.ts (a known publication's sheets without being asked); a chosen
 * canonical table (`as`) with wide tables unpivoted; values typed for every row (`set`); or a
 * mapping saved from the dialog replayed as it is.
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { loadCsv } from './csv';
import {
  parseWorkbook,
  isWorkbookFileName,
  looksLikeWorkbook,
  summariseWorkbook,
} from './workbook';
import { combineSheetTables, recognisedSheets, sheetTable } from './sheetTable';
import { applyMappingWithUnpivot, proposeWide, wideMapping } from './unpivot';
import { CONFIDENT, proposeMappingFor, rawColumnTypes, recogniseTable } from '../schema/recognise';
import type { ApplyResult } from '../schema/apply';
import type { ColumnMapping } from '../schema/mapping';
import { canonicalTable, isCanonicalTableName, type CanonicalTableName } from '../schema/tables';

export interface LoadedRaw {
  raw: string;
  /** The file name, with the sheet for a workbook ("book.xlsx [Table 6]"). */
  label: string;
  rows: number;
  notes: string[];
}

export interface MapOptions {
  sheet?: string;
  as?: string;
  set?: Record<string, string>;
  mapping?: ColumnMapping;
}

function rawName(index: number, label: string): string {
  return `raw_${index}_${label.replace(/\.\w+$/, '').replace(/[^A-Za-z0-9_]+/g, '_')}`.slice(0, 60);
}

/** Loads a file into raw tables: one for a CSV, one per chosen (or recognised) sheet of a workbook. */
export async function loadFileAsRaw(
  engine: Engine,
  fileName: string,
  bytes: Uint8Array,
  index: number,
  sheet?: string,
): Promise<LoadedRaw[]> {
  if (!isWorkbookFileName(fileName) && !(sheet && looksLikeWorkbook(bytes))) {
    const raw = rawName(index, fileName);
    const loaded = await loadCsv(engine, {
      fileName,
      source: { kind: 'bytes', bytes },
      tableName: raw,
    });
    return [
      { raw, label: fileName, rows: loaded.rows, notes: loaded.notices.map((n) => n.message) },
    ];
  }
  const wb = parseWorkbook(fileName, bytes);
  const summaries = summariseWorkbook(wb);
  let names: string[];
  if (sheet) {
    if (!wb.SheetNames.includes(sheet))
      throw new Error(
        `${fileName} has no sheet "${sheet}". Its sheets: ${summaries.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}`).join(', ')}.`,
      );
    names = [sheet];
  } else {
    names = Object.keys(recognisedSheets(wb));
    if (names.length === 0) {
      const visible = summaries.filter((s) => !s.hidden && s.rows > 0);
      if (visible.length !== 1)
        throw new Error(
          `${fileName} is not a publication this tool knows and has ${visible.length} sheets with data: choose one with --sheet (${visible.map((s) => `"${s.name}"`).join(', ')}).`,
        );
      names = [visible[0].name];
    }
  }
  const out: LoadedRaw[] = [];
  const tables = combineSheetTables(names.map((name) => sheetTable(wb, name)));
  for (const [i, t] of tables.entries()) {
    const label = `${fileName} [${t.sheet}]`;
    const raw = rawName(index * 100 + i, `${fileName}_${t.sheet.split(',')[0]}`);
    const loaded = await loadCsv(engine, {
      fileName: label,
      source: { kind: 'text', text: t.csv },
      tableName: raw,
    });
    out.push({
      raw,
      label,
      rows: loaded.rows,
      notes: [...t.notes, ...loaded.notices.map((n) => n.message)],
    });
  }
  return out;
}

function withConstants(
  mapping: ColumnMapping,
  set: Record<string, string> | undefined,
): ColumnMapping {
  if (!set || Object.keys(set).length === 0) return mapping;
  const names = canonicalTable(mapping.canonical).columns.map((c) => c.name);
  const columns = { ...mapping.columns };
  for (const [k, v] of Object.entries(set)) {
    if (!names.includes(k))
      throw new Error(
        `--set ${k}: ${mapping.canonical} has no column "${k}" (its columns: ${names.join(', ')}).`,
      );
    columns[k] = { constant: v };
  }
  return { ...mapping, columns };
}

/**
 * The mapping the dialog would propose for a chosen canonical table: header synonyms and values,
 * a wide table unpivoted (columns named after areas, periods or groups; a Total column kept as
 * published totals), and typed values for every row.
 */
export async function proposeFileMapping(
  engine: Engine,
  raw: string,
  label: string,
  canonical: CanonicalTableName,
  set?: Record<string, string>,
): Promise<{ mapping: ColumnMapping; notes: string[] }> {
  const proposal = await proposeMappingFor(engine, raw, label, canonical);
  const types = await rawColumnTypes(engine, raw);
  const numeric = types.filter((t) => /INT|DOUBLE|DECIMAL|FLOAT/.test(t.type)).map((t) => t.name);
  const wide = proposeWide(
    types.map((t) => t.name),
    numeric,
  );
  const notes: string[] = [];
  let mapping = proposal.mapping ?? { version: 1 as const, canonical, columns: {} };
  if (wide) {
    mapping = wideMapping(canonical, wide, mapping.columns);
    notes.push(
      `Columns ${wide.matched.map((m) => (m.value !== m.header ? `${m.header} (${m.value})` : m.header)).join(', ')} are ${wide.into === 'area_code' ? 'areas' : wide.into === 'period' ? 'periods' : 'substance groups'}: turned into rows.`,
    );
    if (wide.unmatched.length > 0)
      notes.push(
        `Columns not matched (left out; map them with --mapping): ${wide.unmatched.join(', ')}.`,
      );
  }
  return { mapping: withConstants(mapping, set), notes };
}

export interface MapResult {
  mapped: boolean;
  result?: ApplyResult;
  mapping?: ColumnMapping;
  line: string;
}

/** Maps one raw table: a saved mapping, a chosen table, or what recognition finds with confidence. */
export async function mapRaw(
  engine: Engine,
  loaded: LoadedRaw,
  options: MapOptions,
): Promise<MapResult> {
  const { raw, label, rows } = loaded;
  let mapping: ColumnMapping | null = null;
  const notes: string[] = [];
  if (options.mapping) mapping = withConstants(options.mapping, options.set);
  else {
    const proposal = await recogniseTable(engine, raw, label);
    const known = proposal.knownFormat && proposal.mapping && proposal.confidence >= CONFIDENT;
    if (known && (!options.as || proposal.produces.includes(options.as as CanonicalTableName)))
      mapping = withConstants(
        proposal.mapping!,
        proposal.mapping!.knownFormat ? undefined : options.set,
      );
    else if (options.as) {
      if (!isCanonicalTableName(options.as))
        throw new Error(`--as ${options.as} is not a canonical table.`);
      const p = await proposeFileMapping(engine, raw, label, options.as, options.set);
      mapping = p.mapping;
      notes.push(...p.notes);
    } else if (
      proposal.mapping &&
      proposal.confidence >= CONFIDENT &&
      proposal.missingRequired.length === 0
    )
      mapping = proposal.mapping;
    else
      return {
        mapped: false,
        line: `${label}: ${rows} rows, left as table ${raw} (${proposal.explanation})`,
      };
  }
  const result = await applyMappingWithUnpivot(engine, raw, mapping, { id: raw, fileName: label });
  await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
  const added = Object.entries(result.rowsAdded)
    .map(([t, n]) => `${t} +${n}`)
    .join(', ');
  const said = [...notes, ...result.notes];
  return {
    mapped: true,
    result,
    mapping,
    line: `${label}: ${rows} rows → ${added}${said.length > 0 ? ` (${said.join(' ')})` : ''}`,
  };
}
