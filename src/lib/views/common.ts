/**
 * Helpers shared by the prebuilt views: table/column discovery, area names, synthetic flags,
 * period labels, the colour-blind-safe palette and number wording for chart descriptions.
 * No statistics here (those live in src/lib/stats).
 */
import type { CellValue, Engine, Row, SqlParam } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import type { IndicatorRow, Polarity } from '../schema/indicator';
import { ENGLAND } from './areas';
import type { ViewContext } from './types';

/** Okabe–Ito palette (colour-blind safe). */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

/** Colour and shape per significance label (shape AND colour, so colour is never needed). */
export const SIGNIFICANCE_STYLE: Record<string, { colour: string; shape: string }> = {
  Better: { colour: OKABE_ITO.blue, shape: 'triangle-up' },
  Worse: { colour: OKABE_ITO.vermillion, shape: 'triangle-down' },
  Similar: { colour: OKABE_ITO.yellow, shape: 'circle' },
  Higher: { colour: OKABE_ITO.purple, shape: 'square' },
  Lower: { colour: OKABE_ITO.skyBlue, shape: 'diamond' },
  // White with the black outline every point has: distinct from Higher (purple) for deuteranopes.
  'Not compared': { colour: '#FFFFFF', shape: 'cross' },
};

/** A snapshot of the catalog: tables of schema main, and the columns of each table or view. */
interface Catalog {
  tables: Set<string>;
  columns: Map<string, Set<string>>;
  /** DuckDB type per table and column ("BOOLEAN", "VARCHAR", ...). */
  types: Map<string, string>;
}
const CATALOGS = new WeakMap<Engine, Promise<Catalog> | null>();

/**
 * The engine for one view run: the same engine, but `tableExists`/`tableColumns` on it answer
 * from one catalog snapshot (`duckdb_tables()` + `duckdb_columns()`, read on first use) instead
 * of a statement per question. Views create no tables while they run, so the answers are the
 * same; use a fresh wrapper per run.
 */
export function withCatalog(engine: Engine): Engine {
  const wrapped: Engine = {
    query: (sql, params) => engine.query(sql, params),
    run: (sql, options) => engine.run(sql, options),
    registerFile: (name, source) => engine.registerFile(name, source),
    dropFile: (path) => engine.dropFile(path),
    version: () => engine.version(),
    close: () => engine.close(),
  };
  CATALOGS.set(wrapped, null);
  return wrapped;
}

function catalogOf(engine: Engine): Promise<Catalog> | null {
  if (!CATALOGS.has(engine)) return null;
  let c = CATALOGS.get(engine);
  if (!c) {
    c = engine
      .query(
        `SELECT table_name, NULL AS column_name, NULL AS data_type FROM duckdb_tables() WHERE schema_name = 'main'
         UNION ALL
         SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main'`,
      )
      .then((r) => {
        const tables = new Set<string>();
        const columns = new Map<string, Set<string>>();
        const types = new Map<string, string>();
        for (const x of r.toRows()) {
          const t = String(x.table_name);
          if (x.column_name === null || x.column_name === undefined) tables.add(t);
          else {
            const set = columns.get(t) ?? new Set<string>();
            set.add(String(x.column_name));
            columns.set(t, set);
            types.set(`${t}\u0000${String(x.column_name)}`, String(x.data_type));
          }
        }
        return { tables, columns, types };
      });
    CATALOGS.set(engine, c);
  }
  return c;
}

export async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const catalog = catalogOf(engine);
  if (catalog) return (await catalog).tables.has(table);
  const r = await engine.query(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'`,
    [table],
  );
  return Number(r.toRows()[0]?.n ?? 0) > 0;
}

export async function tableColumns(engine: Engine, table: string): Promise<Set<string>> {
  const catalog = catalogOf(engine);
  if (catalog) return new Set((await catalog).columns.get(table) ?? []);
  const r = await engine.query(
    `SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'`,
    [table],
  );
  return new Set(r.toRows().map((x) => String(x.column_name)));
}

/** True when the table has a `synthetic` column with any true value (optionally filtered). */
export async function isSynthetic(
  engine: Engine,
  table: string,
  where = 'TRUE',
  params: SqlParam[] = [],
): Promise<boolean> {
  if (!(await tableExists(engine, table))) return false;
  const cols = await tableColumns(engine, table);
  if (!cols.has('synthetic')) return false;
  // A BOOLEAN column is tested as it is (no cast of every row to text); other types as text.
  const catalog = catalogOf(engine);
  const type = catalog ? (await catalog).types.get(`${table}\u0000synthetic`) : undefined;
  const isTrue =
    type === 'BOOLEAN'
      ? 'synthetic'
      : `lower(CAST(synthetic AS VARCHAR)) IN ('true', 't', '1', 'yes', 'y')`;
  const r = await engine.query(
    `SELECT count(*) AS s FROM (SELECT 1 FROM ${quoteIdent(table)} WHERE (${where})
       AND ${isTrue} LIMIT 1)`,
    params,
  );
  return Number(r.toRows()[0]?.s ?? 0) > 0;
}

/**
 * True when `table` has a `synthetic` column with any true value (optionally filtered), answered
 * from the run's catalog snapshot: the one query is the LIMIT 1 probe itself.
 */
export async function isSyntheticIn(
  ctx: Pick<ViewContext, 'engine' | 'catalog'>,
  table: string,
  where = 'TRUE',
  params: SqlParam[] = [],
): Promise<boolean> {
  if (!ctx.catalog.has(table) || !ctx.catalog.columns(table).has('synthetic')) return false;
  // A BOOLEAN column is tested as it is (no cast of every row to text); other types as text.
  const isTrue =
    ctx.catalog.type(table, 'synthetic') === 'BOOLEAN'
      ? 'synthetic'
      : `lower(CAST(synthetic AS VARCHAR)) IN ('true', 't', '1', 'yes', 'y')`;
  const r = await ctx.engine.query(
    `SELECT count(*) AS s FROM (SELECT 1 FROM ${quoteIdent(table)} WHERE (${where})
       AND ${isTrue} LIMIT 1)`,
    params,
  );
  return Number(r.toRows()[0]?.s ?? 0) > 0;
}

/** Names for area codes: the `areas` table first, then any `area_name` in a fallback table. */
export async function areaNames(
  engine: Engine,
  codes: string[],
  fallbackTable?: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  if (unique.length === 0) return out;
  const marks = unique.map(() => '?').join(', ');
  if (await tableExists(engine, 'areas')) {
    const r = await engine.query(
      `SELECT area_code, any_value(area_name) AS area_name FROM areas WHERE area_code IN (${marks}) GROUP BY area_code`,
      unique,
    );
    for (const row of r.toRows())
      if (row.area_name != null) out.set(String(row.area_code), String(row.area_name));
  }
  if (
    fallbackTable &&
    (await tableExists(engine, fallbackTable)) &&
    (await tableColumns(engine, fallbackTable)).has('area_name')
  ) {
    const missing = unique.filter((c) => !out.has(c));
    if (missing.length > 0) {
      const r = await engine.query(
        `SELECT area_code, any_value(area_name) AS area_name FROM ${quoteIdent(fallbackTable)}
         WHERE area_code IN (${missing.map(() => '?').join(', ')}) GROUP BY area_code`,
        missing,
      );
      for (const row of r.toRows())
        if (row.area_name != null) out.set(String(row.area_code), tidyName(String(row.area_name)));
    }
  }
  if (!out.has(ENGLAND)) out.set(ENGLAND, 'England');
  for (const c of unique) if (!out.has(c)) out.set(c, c);
  return out;
}

/** ONS files spell England and regions in capitals ("ENGLAND", "EAST"); show them in title case. */
function tidyName(name: string): string {
  if (name === name.toUpperCase() && /[A-Z]/.test(name))
    return name
      .toLowerCase()
      .replace(/\b([a-z])/g, (m) => m.toUpperCase())
      .replace(/\bAnd\b/g, 'and')
      .replace(/\bOf\b/g, 'of');
  return name;
}

/** The areas a view shows: focal, England, region, then the other comparators (no duplicates). */
export function viewAreas(ctx: ViewContext): { code: string; role: AreaRole }[] {
  const out: { code: string; role: AreaRole }[] = [];
  const seen = new Set<string>();
  const add = (code: string | null, role: AreaRole) => {
    if (!code || seen.has(code)) return;
    seen.add(code);
    out.push({ code, role });
  };
  add(ctx.focalArea, 'focal');
  add(ENGLAND, 'england');
  add(ctx.regionCode, 'region');
  for (const c of ctx.comparatorCodes) add(c, 'comparator');
  return out;
}

export type AreaRole = 'focal' | 'england' | 'region' | 'comparator';

export const ROLE_LABEL: Record<AreaRole, string> = {
  focal: 'Focal area',
  england: 'England',
  region: 'Region',
  comparator: 'Comparator',
};

/** A bar's label in a ranked chart: the role is written out, so colour is never needed. */
export function rankedBarLabel(name: string, role: AreaRole): string {
  if (role === 'focal') return `${name} (focal area)`;
  if (role === 'comparator') return name;
  return `${name} (${ROLE_LABEL[role].toLowerCase()})`;
}

/** Sort key for period labels: "2019-21" → 2019.5 range end 2021; "2019/20" → 2019; "2021" → 2021. */
export function periodSortKey(period: string): number {
  const p = period.trim();
  let m = /^(\d{4})\s*[-–]\s*(\d{2,4})$/.exec(p);
  if (m) {
    const end = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    return end * 100 + 0;
  }
  m = /^(\d{4})\s*\/\s*(\d{2,4})$/.exec(p);
  if (m) return Number(m[1]) * 100 + 50;
  m = /^(\d{4})\s*(?:Q|q)\s*([1-4])/.exec(p) ?? /^(\d{4})\D+Q([1-4])/.exec(p);
  if (m) return Number(m[1]) * 100 + Number(m[2]) * 10;
  m = /^(\d{4})/.exec(p);
  if (m) return Number(m[1]) * 100 + 99;
  return 0;
}

export function sortPeriods(periods: string[]): string[] {
  return [...new Set(periods)].sort(
    (a, b) => periodSortKey(a) - periodSortKey(b) || a.localeCompare(b),
  );
}

/** The latest period not after `latest` (when given and present), else the last one. */
export function pickPeriod(periods: string[], wanted: string | null | undefined): string | null {
  const sorted = sortPeriods(periods);
  if (sorted.length === 0) return null;
  if (wanted && sorted.includes(wanted)) return wanted;
  if (wanted) {
    const key = periodSortKey(wanted);
    const before = sorted.filter((p) => periodSortKey(p) <= key);
    if (before.length > 0) return before[before.length - 1];
  }
  return sorted[sorted.length - 1];
}

/** Years covered by a period label: "2019-21" → [2019, 2020, 2021]; "2019/20" → [2019]; "2021" → [2021]. */
export function periodYears(period: string): number[] {
  const p = period.trim();
  const m = /^(\d{4})\s*[-–]\s*(\d{2,4})$/.exec(p);
  if (m) {
    const start = Number(m[1]);
    const end = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    const out: number[] = [];
    for (let y = start; y <= end; y++) out.push(y);
    return out;
  }
  const y = /^(\d{4})/.exec(p);
  return y ? [Number(y[1])] : [];
}

/** "2019-21" for the three years ending in 2021. */
export function pooledLabel(endYear: number): string {
  return `${endYear - 2}-${String(endYear).slice(2)}`;
}

export function num(v: CellValue | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

export function str(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Number wording for descriptions (display only; data keep full precision). */
export function fmt(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'not available';
  return v.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function fmtCount(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'not available';
  return v.toLocaleString('en-GB', { maximumFractionDigits: Number.isInteger(v) ? 0 : 1 });
}

/** An empty indicator row with the given identity (values filled in by the view). */
export function indicatorRow(
  base: Partial<IndicatorRow> &
    Pick<IndicatorRow, 'indicator_id' | 'indicator_name' | 'area_code' | 'area_name' | 'period'>,
): IndicatorRow {
  return {
    sex: 'Persons',
    age: 'All ages',
    value: null,
    lower_95: null,
    upper_95: null,
    count: null,
    denominator: null,
    unit: '',
    polarity: 'none' as Polarity,
    note: '',
    ...base,
  };
}

/** Stats polarity from the indicator-row polarity. */
export function statsPolarity(
  p: Polarity | string | null | undefined,
): 'low-is-good' | 'high-is-good' | 'none' {
  if (p === 'low_is_good' || p === 'low-is-good') return 'low-is-good';
  if (p === 'high_is_good' || p === 'high-is-good') return 'high-is-good';
  return 'none';
}
