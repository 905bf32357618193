/**
 * Wide tables as printed in reports ("substance group | NEL | NLC | Hull | East Riding | Total"):
 * proposing which columns are areas, periods or groups; turning them into rows (a DuckDB
 * UNPIVOT, so it runs in the engine); checking the printed Total row and column against the
 * cells; and applying a mapping that carries an unpivot (the dialog and the CLI share this).
 */
import type { Engine } from '../engine/types';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { applyMapping, type ApplyOptions, type ApplyOutcome } from '../schema/apply';
import {
  UNPIVOT_HEADER,
  UNPIVOT_VALUE,
  type ColumnMapping,
  type UnpivotSpec,
} from '../schema/mapping';
import {
  normalisePeriod,
  normaliseSubstanceGroup,
  SUBSTANCE_GROUP_LABELS,
  labelKey,
} from '../schema/normalise';
import { canonicalTable, type CanonicalTableName } from '../schema/tables';
import { AREA_NAMES, matchAreaName } from './areaNames';
import { checkPublishedTotals, isTotalLabel } from './publishedTable';
import type { CellValue } from './workbook';

export type WideKind = 'area_code' | 'period' | 'substance_group';

export const WIDE_KIND_TEXT: Record<WideKind, string> = {
  area_code: 'areas',
  period: 'periods',
  substance_group: 'substance groups',
};

export interface HeaderMatch {
  header: string;
  value: string | null;
  how: string | null;
}

export interface WideProposal {
  into: WideKind;
  /** Headers that matched, with the value each gives. */
  matched: HeaderMatch[];
  /** Other columns that look like values of the same kind (numbers below them) but did not match. */
  unmatched: string[];
  totalColumn?: string;
}

function matchHeader(
  kind: WideKind,
  header: string,
  directory: readonly (readonly [string, string])[],
): HeaderMatch {
  if (kind === 'area_code') {
    const m = matchAreaName(header, directory);
    return { header, value: m.code, how: m.how };
  }
  if (kind === 'period') {
    const p = normalisePeriod(header);
    const ok = p !== null && /^\d{4}/.test(p) && /\d/.test(header);
    return { header, value: ok ? p : null, how: ok ? 'period' : null };
  }
  const g = normaliseSubstanceGroup(header);
  const ok = g !== null && labelKey(header) in SUBSTANCE_GROUP_LABELS && g !== 'all';
  return { header, value: ok ? g : null, how: ok ? 'substance group' : null };
}

/**
 * Which columns of a table are areas, periods or substance groups, when at least two headers say
 * so. `numericColumns` are the columns holding numbers (the candidates); a Total column is found
 * separately and never unpivoted.
 */
export function proposeWide(
  columns: string[],
  numericColumns: string[],
  directory: readonly (readonly [string, string])[] = AREA_NAMES,
): WideProposal | null {
  const totalColumn = columns.find((c) => isTotalLabel(c));
  const candidates = columns.filter((c) => c !== totalColumn);
  let best: WideProposal | null = null;
  for (const kind of ['area_code', 'period', 'substance_group'] as WideKind[]) {
    const matches = candidates.map((c) => matchHeader(kind, c, directory));
    const matched = matches.filter((m) => m.value !== null);
    if (matched.length < 2 || (best && best.matched.length >= matched.length)) continue;
    const unmatched = candidates.filter(
      (c) => numericColumns.includes(c) && !matched.some((m) => m.header === c),
    );
    best = { into: kind, matched, unmatched, totalColumn };
  }
  return best;
}

export function matchHeaders(
  kind: WideKind,
  headers: string[],
  directory: readonly (readonly [string, string])[] = AREA_NAMES,
): HeaderMatch[] {
  return headers.map((h) => matchHeader(kind, h, directory));
}

/** The canonical column a wide table's cells go into, when the table has one obvious count. */
export function defaultValueColumn(canonical: CanonicalTableName): string | null {
  const preferred = ['count', 'deaths', 'in_treatment', 'population', 'estimate', 'value'];
  const names = canonicalTable(canonical).columns.map((c) => c.name);
  return preferred.find((p) => names.includes(p)) ?? null;
}

/** The SELECT that turns the listed columns into rows (cells kept as text; suppressed cells kept as missing). */
export function unpivotSelect(raw: string, spec: UnpivotSpec, allColumns: string[]): string {
  const on = new Set(spec.columns);
  const kept = allColumns.filter((c) => !on.has(c));
  const inner = [
    ...kept.map((c) => quoteIdent(c)),
    ...spec.columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`),
  ].join(', ');
  const names = Object.entries(spec.names ?? {})
    .map(([h, v]) => `WHEN ${quoteLiteral(h)} THEN ${quoteLiteral(v)}`)
    .join(' ');
  const header = names ? `CASE unpivot_name ${names} ELSE unpivot_name END` : 'unpivot_name';
  return `SELECT * EXCLUDE (unpivot_name), ${header} AS ${quoteIdent(UNPIVOT_HEADER)}
          FROM (SELECT ${inner} FROM ${quoteIdent(raw)}) AS wide
          UNPIVOT INCLUDE NULLS (${quoteIdent(UNPIVOT_VALUE)} FOR unpivot_name IN (${spec.columns.map((c) => quoteIdent(c)).join(', ')}))`;
}

async function columnsOf(engine: Engine, table: string): Promise<string[]> {
  return (await engine.query(`DESCRIBE ${quoteIdent(table)}`))
    .toRows()
    .map((r) => String(r.column_name));
}

export async function previewUnpivot(
  engine: Engine,
  raw: string,
  spec: UnpivotSpec,
  limit = 12,
): Promise<Record<string, unknown>[]> {
  const cols = await columnsOf(engine, raw);
  return (await engine.query(`${unpivotSelect(raw, spec, cols)} LIMIT ${limit}`)).toRows();
}

/**
 * The printed totals of a wide table checked against its cells: the Total column against each
 * row's unpivoted cells, and rows labelled Total against the rows above. Plain words; nothing is
 * changed.
 */
export async function wideTotalsNote(
  engine: Engine,
  raw: string,
  spec: UnpivotSpec,
): Promise<string> {
  const cols = await columnsOf(engine, raw);
  const rows = (await engine.query(`SELECT * FROM ${quoteIdent(raw)} ORDER BY rowid`)).toRows();
  const labelCols = cols.filter((c) => !spec.columns.includes(c) && c !== spec.totalColumn);
  const header = [...labelCols, ...spec.columns, ...(spec.totalColumn ? [spec.totalColumn] : [])];
  const grid: CellValue[][] = rows.map((r) =>
    header.map((h) => {
      const v = r[h];
      return v == null
        ? null
        : typeof v === 'number'
          ? v
          : typeof v === 'bigint'
            ? Number(v)
            : String(v);
    }),
  );
  const totalRows = grid
    .map((r, i) => (labelCols.some((_, c) => isTotalLabel(r[c])) ? i : -1))
    .filter((i) => i >= 0);
  const totalColumns = spec.totalColumn ? [header.length - 1] : [];
  if (totalRows.length === 0 && totalColumns.length === 0) return '';
  const { checked, disagreements } = checkPublishedTotals({
    header,
    rows: grid,
    totalRows,
    totalColumns,
  });
  const kept = `Printed totals (${[
    totalRows.length > 0 ? `${totalRows.length} Total row${totalRows.length > 1 ? 's' : ''}` : '',
    spec.totalColumn ? `the "${spec.totalColumn}" column` : '',
  ]
    .filter(Boolean)
    .join(' and ')}) are kept as published totals, not added in as data.`;
  if (disagreements.length === 0) return `${kept} All ${checked} agree with the cells.`;
  return `${kept} ${disagreements.length} of ${checked} do not agree with the cells: ${disagreements
    .map((d) => `${d.where} printed ${d.published}, cells add up to ${d.cells}`)
    .join('; ')}. The cells are kept as published.`;
}

/**
 * Applies a mapping, unpivoting first when it carries an unpivot: the long table is made, mapped
 * (one transaction, as applyMapping does) and dropped again. The raw table is never changed.
 */
export async function applyMappingWithUnpivot(
  engine: Engine,
  raw: string,
  mapping: ColumnMapping,
  origin?: Parameters<typeof applyMapping>[3],
  options?: ApplyOptions,
): Promise<ApplyOutcome> {
  // Unpivoted rows are read from a temporary table: their notes are counted as usual.
  if (!mapping.unpivot) return applyMapping(engine, raw, mapping, origin, options);
  const spec = mapping.unpivot;
  const cols = await columnsOf(engine, raw);
  const missing = [...spec.columns, ...(spec.totalColumn ? [spec.totalColumn] : [])].filter(
    (c) => !cols.includes(c),
  );
  if (missing.length > 0)
    throw new Error(
      `Nothing was added: the file has no column ${missing.map((m) => `"${m}"`).join(', ')} to turn into rows.`,
    );
  const long = `${raw}__long`;
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(long)} AS ${unpivotSelect(raw, spec, cols)}`,
  );
  try {
    const { unpivot: _u, ...plain } = mapping;
    const columns = { ...plain.columns };
    columns[spec.into] ??= { column: UNPIVOT_HEADER };
    columns[spec.value] ??= { column: UNPIVOT_VALUE };
    // The rows' provenance is the raw table (the loaded file), not the temporary long table.
    const result = await applyMapping(
      engine,
      long,
      { ...plain, columns },
      { id: raw, fileName: raw, ...origin },
    );
    const totals = await wideTotalsNote(engine, raw, spec);
    const unmatched =
      spec.into === 'area_code'
        ? spec.columns.filter((c) => !spec.names?.[c] && !/^[EWSNK]\d{8}$/.test(c))
        : [];
    return {
      ...result,
      notes: [
        `${spec.columns.length} columns (${spec.columns.join(', ')}) were turned into rows of ${spec.into}.`,
        ...(unmatched.length > 0
          ? [
              `Headers with no area code: ${unmatched.join(', ')}; their rows keep the header as written and the checks report them.`,
            ]
          : []),
        ...(totals ? [totals] : []),
        ...result.notes,
      ],
    };
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(long)}`).catch(() => undefined);
  }
}

/** A column mapping for a wide table: the proposal's unpivot plus the columns that refer to it. */
export function wideMapping(
  canonical: CanonicalTableName,
  proposal: WideProposal,
  base: ColumnMapping['columns'] = {},
  value = defaultValueColumn(canonical) ?? 'count',
  totalInto: string | null = canonicalTable(canonical).columns.some(
    (c) => c.name === 'published_total',
  )
    ? 'published_total'
    : null,
): ColumnMapping {
  const names = Object.fromEntries(
    proposal.matched
      .filter((m) => m.value !== null && m.value !== m.header)
      .map((m) => [m.header, m.value as string]),
  );
  const unpivot: UnpivotSpec = {
    columns: proposal.matched.map((m) => m.header),
    into: proposal.into,
    value,
    ...(Object.keys(names).length > 0 ? { names } : {}),
    ...(proposal.totalColumn ? { totalColumn: proposal.totalColumn } : {}),
  };
  const columns: ColumnMapping['columns'] = { ...base };
  for (const [k, v] of Object.entries(columns))
    if ('column' in v && (unpivot.columns.includes(v.column) || v.column === proposal.totalColumn))
      delete columns[k];
  columns[proposal.into] = { column: UNPIVOT_HEADER };
  columns[value] = { column: UNPIVOT_VALUE };
  if (totalInto && proposal.totalColumn) columns[totalInto] = { column: proposal.totalColumn };
  return { version: 1, canonical, columns, unpivot };
}
