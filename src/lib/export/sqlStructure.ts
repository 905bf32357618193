/**
 * What a SQL result means, for disclosure control: which columns are counts, which are numbers
 * computed from them (a rate beside a population gives its count back, so it must go with it),
 * which rows and columns are totals. A query states none of this, so it is worked out from
 * column names, types and the numbers themselves, shown to the analyst in the export dialog, and
 * the analyst can correct it. When it cannot be worked out, the export says so and offers
 * rounding to 5.
 *
 * Totals are only taken as totals when they add up exactly on this result's rows: a wrong
 * equation would make secondary suppression protect the wrong cells.
 */
import { numericValue, type DisclosureColumn, type DisclosureTable } from './disclosureTable.ts';

export type SqlColumnRole = 'count' | 'total' | 'derived' | 'label' | 'other';

export const SQL_ROLE_LABELS: Record<SqlColumnRole, string> = {
  count: 'Count of people or events',
  total: 'Total of the other counts',
  derived: 'Computed from counts (rate, %, mean)',
  label: 'Label or key',
  other: 'Other number (not from counts)',
};

export interface SqlColumn {
  name: string;
  /** DuckDB type name (BIGINT, DOUBLE, VARCHAR, ...). */
  type: string;
}

export interface SqlColumnStructure {
  key: string;
  role: SqlColumnRole;
  /** How the role was found, in words ("integer type", "name says rate", "you said so"). */
  why: string;
  /** How numbers of this column are written in an export. */
  format: 'count' | 'rate' | 'percent' | 'number' | 'text';
}

export interface SqlDeclarations {
  /** Roles the analyst chose, by column. */
  roles?: Record<string, SqlColumnRole>;
  /** Extra labels that mark a total row (besides Total, All, Overall, Grand total). */
  totalLabels?: string[];
}

export interface SqlStructure {
  columns: SqlColumnStructure[];
  /** Rows that are sums of other rows (ROLLUP/CUBE subtotals, rows labelled Total/All). */
  totalRows: { row: number; from: number[]; why: string }[];
  /** Columns that are sums of other columns in every row. */
  totalColumns: { key: string; from: string[]; why: string }[];
  /** Why the structure cannot be fully known; empty when it can. */
  uncertain: string[];
}

const DERIVED_NAME =
  /(rate|pct|percent|perc|proportion|prop|ratio|share|mean|avg|average|median|per_?\d+|per_?(hundred|thousand)|dsr|asr|score|lower|upper|lci|uci|(^|_)ci($|_)|(^|_)(sd|se|std|var)($|_)|crude|standardi[sz]ed|prevalence_rate)/i;
const KEY_NAME =
  /(^|_)(id|code|year|yr|period|month|quarter|week|date|age|age_band|rank|order|row_number|sort|fy|ons_code|lsoa|msoa|postcode)s?($|_)/i;
const TOTAL_NAME = /(^|_)(total|all|sum|overall)($|_)/i;
/** DuckDB type names and the Arrow names DuckDB-WASM reports (Int32, Float64, Decimal...). */
const INTEGER_TYPE =
  /^(u?int(8|16|32|64|128)?|tinyint|smallint|integer|bigint|hugeint|u(tiny|small|big|huge)int|uinteger)$/i;
const NUMBER_TYPE =
  /^(u?int(8|16|32|64|128)?|tinyint|smallint|integer|bigint|hugeint|u(tiny|small|big|huge)int|uinteger|float(16|32|64)?|real|double|decimal.*|numeric.*)$/i;
const TOTAL_LABEL = /^(total|totals|all|all areas|all groups|overall|grand total|sub-?total)$/i;

const EPS = 1e-9;
const same = (a: number, b: number): boolean =>
  Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

function classify(
  column: SqlColumn,
  rows: Record<string, unknown>[],
  declared: SqlColumnRole | undefined,
): SqlColumnStructure {
  const key = column.name;
  const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
  const numeric =
    NUMBER_TYPE.test(column.type) ||
    (values.length > 0 && values.every((v) => typeof v === 'number' || typeof v === 'bigint'));
  const whole = values.every((v) => typeof v === 'bigint' || Number.isInteger(v));
  const percentName = /(pct|percent|perc|share)/i.test(key);
  const derivedFormat = percentName ? 'percent' : 'rate';
  const format = (role: SqlColumnRole): SqlColumnStructure['format'] =>
    role === 'count' || role === 'total'
      ? 'count'
      : role === 'derived'
        ? derivedFormat
        : role === 'label'
          ? 'text'
          : numeric
            ? 'number'
            : 'text';
  if (declared) return { key, role: declared, why: 'you said so', format: format(declared) };
  if (!numeric) return { key, role: 'label', why: 'text', format: 'text' };
  if (KEY_NAME.test(key))
    return { key, role: 'label', why: 'name says key or date', format: 'text' };
  if (DERIVED_NAME.test(key))
    return { key, role: 'derived', why: 'name says rate, share or mean', format: derivedFormat };
  if (!whole)
    return { key, role: 'derived', why: 'has decimals, so computed', format: derivedFormat };
  const role: SqlColumnRole = TOTAL_NAME.test(key) ? 'total' : 'count';
  return {
    key,
    role,
    why: INTEGER_TYPE.test(column.type) ? 'whole numbers' : 'whole numbers (decimal type)',
    format: 'count',
  };
}

/** Works out the structure of a SQL result (see the module comment). */
export function detectSqlStructure(
  rows: Record<string, unknown>[],
  sqlColumns: SqlColumn[],
  declarations: SqlDeclarations = {},
): SqlStructure {
  const columns = sqlColumns.map((c) => classify(c, rows, declarations.roles?.[c.name]));
  const labels = columns.filter((c) => c.role === 'label').map((c) => c.key);
  const counts = columns.filter((c) => c.role === 'count' || c.role === 'total').map((c) => c.key);
  const uncertain: string[] = [];
  const num = (row: number, key: string): number => numericValue(rows[row]?.[key]);
  const extraLabels = (declarations.totalLabels ?? [])
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const isTotalLabel = (v: unknown): boolean =>
    typeof v === 'string' &&
    (TOTAL_LABEL.test(v.trim()) || extraLabels.includes(v.trim().toLowerCase()));

  /** `from` add up to `row` in every count column with a value (zeros for blanks). */
  const addsUp = (row: number, from: number[]): boolean =>
    from.length >= 1 &&
    counts.length > 0 &&
    counts.every((k) => {
      const total = num(row, k);
      if (Number.isNaN(total)) return true;
      const sum = from.reduce((s, r) => s + (Number.isNaN(num(r, k)) ? 0 : num(r, k)), 0);
      return same(sum, total);
    });

  // Total rows: ROLLUP/CUBE rows (NULL keys) and rows labelled Total/All.
  const totalRows: SqlStructure['totalRows'] = [];
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  const isTotalKey = (row: number, key: string): boolean =>
    isNull(rows[row][key]) || isTotalLabel(rows[row][key]);
  rows.forEach((r, row) => {
    const open = labels.filter((k) => isTotalKey(row, k));
    if (open.length === 0) return;
    const fixed = labels.filter((k) => !open.includes(k));
    for (const d of open) {
      const from = rows
        .map((_, i) => i)
        .filter(
          (i) =>
            i !== row &&
            fixed.every((k) => !isTotalKey(i, k) && rows[i][k] === r[k]) &&
            !isTotalKey(i, d) &&
            open.filter((k) => k !== d).every((k) => isTotalKey(i, k)),
        );
      if (from.length === 0) continue;
      if (addsUp(row, from)) {
        totalRows.push({
          row,
          from,
          why: isNull(r[d]) ? `blank ${d} (ROLLUP or CUBE total)` : `${d} is "${String(r[d])}"`,
        });
        break;
      } else if (isTotalLabel(r[d]) || open.length < labels.length) {
        uncertain.push(
          `Row ${row + 1} looks like a total (${isNull(r[d]) ? `blank ${d}` : `"${String(r[d])}"`}) but does not equal the sum of the rows it would total.`,
        );
        break;
      }
    }
  });

  // Total columns: declared or named totals, and any count equal to the sum of others.
  const totalColumns: SqlStructure['totalColumns'] = [];
  const columnAddsUp = (key: string, from: string[]): boolean =>
    from.length >= 2 &&
    rows.some((_, i) => num(i, key) !== 0 && !Number.isNaN(num(i, key))) &&
    rows.every((_, i) => {
      const total = num(i, key);
      if (Number.isNaN(total)) return true;
      const sum = from.reduce((s, k) => s + (Number.isNaN(num(i, k)) ? 0 : num(i, k)), 0);
      return same(sum, total);
    });
  for (const c of columns) {
    if (c.role !== 'count' && c.role !== 'total') continue;
    const others = columns.filter(
      (o) => o.key !== c.key && o.role === 'count' && !totalColumns.some((t) => t.key === o.key),
    );
    const at = columns.indexOf(c);
    const candidates = [
      others.map((o) => o.key),
      others.filter((o) => columns.indexOf(o) < at).map((o) => o.key),
      others.filter((o) => columns.indexOf(o) > at).map((o) => o.key),
    ];
    const from = candidates.find((f) => columnAddsUp(c.key, f));
    if (from) {
      totalColumns.push({ key: c.key, from, why: `equals the sum of ${from.join(', ')}` });
      c.role = 'total';
    } else if (c.role === 'total' && c.why !== 'you said so') {
      uncertain.push(
        `Column ${c.key} is named like a total but does not equal the sum of the other counts.`,
      );
    }
  }

  if (counts.length > 0) {
    if (labels.length === 0 && rows.length > 1)
      uncertain.push('No column says what each row is, so totals between rows cannot be found.');
    const seen = new Set<string>();
    for (const r of rows) {
      const k = JSON.stringify(labels.map((l) => r[l]));
      if (seen.has(k)) {
        uncertain.push(
          'Some rows share the same labels, so the rows may overlap or add up in ways the export cannot see.',
        );
        break;
      }
      seen.add(k);
    }
  }
  return { columns, totalRows, totalColumns, uncertain };
}

/** The result as disclosure control sees it: derived columns follow every count of their row. */
export function sqlDisclosureTable(
  rows: Record<string, unknown>[],
  structure: SqlStructure,
): DisclosureTable {
  const columns: DisclosureColumn[] = structure.columns.map((c) => ({
    key: c.key,
    kind:
      c.role === 'label'
        ? 'text'
        : c.role === 'count'
          ? 'count'
          : c.role === 'total'
            ? 'total'
            : c.role === 'derived'
              ? 'derived'
              : 'other',
  }));
  const [rowTotal, ...otherColumns] = structure.totalColumns;
  return {
    columns,
    rows,
    ...(rowTotal ? { rowTotalKey: rowTotal.key, rowTotalParts: rowTotal.from } : {}),
    summedColumns: otherColumns.map((c) => ({ key: c.key, from: c.from })),
    summedRows: structure.totalRows.map((t) => ({ row: t.row, from: t.from })),
  };
}
