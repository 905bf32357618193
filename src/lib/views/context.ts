/**
 * The shared view context (Mosaic's coordinator idea): what every view needs to know about the
 * database, read once per change of the loaded tables, and the notebook parameters resolved
 * against it once per change of focal area or comparators.
 *
 *   buildViewEnvironment(engine)      — a few statements: the catalog and the area directory
 *     = environmentFrom(engine, await readViewEnvironmentData(engine)); the demo's ready-made
 *       tables ship their ViewEnvironmentData, read when they were built
 *   resolveViewContext(env, params)   — pure: focal area, region, comparator codes
 *
 * Views read tables and areas from the context; they never query the catalog or the `areas`
 * table themselves, keep no caches of their own, and do not talk to each other through the
 * database: indicators computed by other views arrive in `ctx.computedIndicators`.
 */
import type { Engine, Row, SqlParam } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import { readProvenance, type Provenance } from '../schema/provenance';
import {
  COMPARATOR_LABELS,
  ENGLAND,
  type AreaGroup,
  type AreaInfo,
  type ComparatorKind,
} from '../domain/areas';

/** The tables and views of schema main, with their columns and types: one read per change. */
export interface Catalog {
  has(table: string): boolean;
  columns(table: string): Set<string>;
  /** DuckDB type of a column ("BOOLEAN", "VARCHAR", ...), when the column exists. */
  type(table: string, column: string): string | undefined;
}

/** Areas by code: names, types and regions from `areas`, statistical neighbours from `comparator_groups`. */
export interface AreaDirectory {
  /** Upper-tier authorities (area_type UTLA), sorted by name: the focal-area choices. */
  readonly upperTier: readonly AreaInfo[];
  /** Lower-tier districts (area_type LTLA), sorted by name: a group's members may be named. */
  readonly lowerTier: readonly AreaInfo[];
  get(code: string): AreaInfo | undefined;
  /**
   * A display name: the `areas` table first, then the named table's own `area_name` column
   * (ONS capitals put in title case), "England" for E92000001, else the code itself.
   */
  name(code: string, fallbackTable?: 'deaths' | 'indicators'): string;
  /** DfE statistical neighbours in rank order (empty without `comparator_groups`). */
  neighbours(code: string): string[];
  /** Named groups of areas defined in the notebook (partnership footprints). */
  readonly groups: readonly AreaGroup[];
}

/** Built once per change of the loaded tables; shared by every view run until then. */
export interface ViewEnvironment {
  engine: Engine;
  catalog: Catalog;
  areas: AreaDirectory;
  /**
   * Where the canonical rows came from (src/lib/schema/provenance.ts): sources per table, real
   * rows that replace synthetic ones (`overrides`, one per table and area/period; word them with
   * overrideNote) and the area/period keys still read from synthetic rows (`syntheticKeys`).
   */
  provenance?: Provenance;
  /**
   * The rows of a read-only statement, read once while this environment lives: the tables do not
   * change under it (a change of tables builds a new one), so every view and every focal area
   * shares one answer. For statements whose answer does not depend on the parameters a user
   * changes most (e.g. counting a million episodes per area); not a per-view cache.
   */
  readOnce(sql: string, params?: SqlParam[]): Promise<Row[]>;
}

/** The notebook parameters as the notebook model holds them. */
export interface ViewParams {
  focalArea: string | null;
  comparator: ComparatorKind;
  customComparators?: string[];
  latestPeriod?: string | null;
}

/** One run's context: the environment plus the resolved parameters. */
export interface ViewContext extends ViewEnvironment {
  focalArea: string;
  focalAreaName: string;
  regionCode: string | null;
  regionName: string | null;
  comparator: ComparatorKind;
  /** Codes of the comparator areas (the focal area included, England never). */
  comparatorCodes: string[];
  comparatorLabel: string;
  /** Latest period to show; null = the latest in the data. */
  latestPeriod: string | null;
  /** Indicator rows other views computed in this notebook (handed over in memory). */
  computedIndicators: readonly IndicatorRow[];
  /**
   * Set when the focal area is a group of authorities (a partnership footprint): `focalArea` is
   * then the group's code and views show figures summed from its members (src/lib/groups).
   */
  focalGroup?: AreaGroup;
  /** Caveats from resolving the parameters, for every view to show (e.g. no comparators found). */
  notes: readonly string[];
}

// ---------------------------------------------------------------------------------------------

/** One row of the catalog: a table (or view) with no column, or one of its columns and type. */
export type CatalogRow = [table: string, column: string | null, type: string | null];

export async function readCatalogRows(engine: Engine): Promise<CatalogRow[]> {
  const r = await engine.query(
    `SELECT table_name, NULL AS column_name, NULL AS data_type FROM duckdb_tables() WHERE schema_name = 'main'
     UNION ALL
     SELECT view_name, NULL, NULL FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
     UNION ALL
     SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main'`,
  );
  return r
    .toRows()
    .map((x) => [
      String(x.table_name),
      x.column_name === null || x.column_name === undefined ? null : String(x.column_name),
      x.data_type === null || x.data_type === undefined ? null : String(x.data_type),
    ]);
}

export function catalogFrom(rows: readonly CatalogRow[]): Catalog {
  const tables = new Set<string>();
  const columns = new Map<string, Set<string>>();
  const types = new Map<string, string>();
  for (const [t, column, type] of rows) {
    if (column === null) tables.add(t);
    else {
      const set = columns.get(t) ?? new Set<string>();
      set.add(column);
      columns.set(t, set);
      types.set(`${t}\u0000${column}`, String(type));
    }
  }
  return {
    has: (t) => tables.has(t),
    columns: (t) => new Set(columns.get(t) ?? []),
    type: (t, c) => types.get(`${t}\u0000${c}`),
  };
}

export async function readCatalog(engine: Engine): Promise<Catalog> {
  return catalogFrom(await readCatalogRows(engine));
}

/** ONS files spell England and regions in capitals ("ENGLAND", "EAST"); show them in title case. */
export function tidyName(name: string): string {
  if (name === name.toUpperCase() && /[A-Z]/.test(name))
    return name
      .toLowerCase()
      .replace(/\b([a-z])/g, (m) => m.toUpperCase())
      .replace(/\bAnd\b/g, 'and')
      .replace(/\bOf\b/g, 'of');
  return name;
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

async function namesFrom(
  engine: Engine,
  catalog: Catalog,
  table: string,
): Promise<[code: string, name: string][]> {
  if (!catalog.has(table) || !catalog.columns(table).has('area_name')) return [];
  const r = await engine.query(
    `SELECT area_code, any_value(area_name) AS area_name FROM "${table}"
     WHERE area_name IS NOT NULL GROUP BY area_code`,
  );
  return r.toRows().map((row) => [String(row.area_code), tidyName(String(row.area_name))]);
}

/**
 * What an environment is made from, as plain data (JSON): the catalog, the `areas` rows, the
 * statistical neighbours, the fallback names and the provenance. Read from the database once per
 * change of tables; the demo's ready-made tables ship theirs (src/lib/demo), read when they were
 * built, so the demo does not read it again.
 */
export interface ViewEnvironmentData {
  catalog: CatalogRow[];
  areas: AreaInfo[];
  /** DfE statistical neighbours in rank order, by area code. */
  neighbours: [code: string, neighbours: string[]][];
  /** Names from the `deaths` and `indicators` tables' own `area_name` columns. */
  fallbackNames: Record<'deaths' | 'indicators', [code: string, name: string][]>;
  provenance?: Provenance;
}

/** Reads the catalog, the area directory and the provenance: a handful of statements. */
export async function readViewEnvironmentData(engine: Engine): Promise<ViewEnvironmentData> {
  const catalogRows = await readCatalogRows(engine);
  const catalog = catalogFrom(catalogRows);
  const areas: AreaInfo[] = [];
  if (catalog.has('areas')) {
    const r = await engine.query(
      `SELECT area_code, any_value(area_name) AS area_name, any_value(area_type) AS area_type,
              any_value(region_code) AS region_code, any_value(region_name) AS region_name
       FROM areas GROUP BY area_code ORDER BY area_code`,
    );
    for (const row of r.toRows())
      areas.push({
        code: String(row.area_code),
        name: text(row.area_name),
        type: text(row.area_type),
        regionCode: text(row.region_code),
        regionName: text(row.region_name),
      });
  }
  const neighbours = new Map<string, string[]>();
  if (catalog.has('comparator_groups')) {
    const r = await engine.query(
      `SELECT area_code, neighbour_code FROM comparator_groups ORDER BY area_code, rank`,
    );
    for (const row of r.toRows()) {
      const list = neighbours.get(String(row.area_code)) ?? [];
      list.push(String(row.neighbour_code));
      neighbours.set(String(row.area_code), list);
    }
  }
  const fallbackNames = {
    deaths: await namesFrom(engine, catalog, 'deaths'),
    indicators: await namesFrom(engine, catalog, 'indicators'),
  };
  // Provenance only adds notes: a table it cannot read must not stop the views.
  const provenance = await readProvenance(engine).catch(() => undefined);
  return {
    catalog: catalogRows,
    areas,
    neighbours: [...neighbours],
    fallbackNames,
    ...(provenance ? { provenance } : {}),
  };
}

/** Reads the catalog and the area directory: a handful of statements, once per table change. */
export async function buildViewEnvironment(
  engine: Engine,
  groups: readonly AreaGroup[] = [],
): Promise<ViewEnvironment> {
  return environmentFrom(engine, await readViewEnvironmentData(engine), groups);
}

/** An environment from data read earlier (pure: no statement runs until a view asks). */
export function environmentFrom(
  engine: Engine,
  data: ViewEnvironmentData,
  groups: readonly AreaGroup[] = [],
): ViewEnvironment {
  const catalog = catalogFrom(data.catalog);
  // Copies: an environment's area records are its own (the region fill below writes to them).
  const byCode = new Map<string, AreaInfo>(data.areas.map((a) => [a.code, { ...a }]));
  // A region's name where only its code is given on the authorities' rows.
  for (const a of byCode.values())
    if (a.regionCode && !a.regionName) a.regionName = byCode.get(a.regionCode)?.name ?? null;
  const ofType = (type: string) =>
    [...byCode.values()]
      .filter((a) => a.type === type)
      .sort((a, b) =>
        (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0,
      );
  const upperTier = ofType('UTLA');
  const lowerTier = ofType('LTLA');
  const neighbours = new Map(data.neighbours);
  const fallback = {
    deaths: new Map(data.fallbackNames.deaths),
    indicators: new Map(data.fallbackNames.indicators),
  };
  const groupByCode = new Map(groups.map((g) => [g.code, g]));
  const areas: AreaDirectory = {
    upperTier,
    lowerTier,
    groups,
    get: (code) => byCode.get(code),
    name(code, fallbackTable) {
      const known = byCode.get(code)?.name ?? groupByCode.get(code)?.name;
      if (known) return known;
      const fromTable = fallbackTable ? fallback[fallbackTable].get(code) : undefined;
      if (fromTable) return fromTable;
      return code === ENGLAND ? 'England' : code;
    },
    neighbours: (code) => [...(neighbours.get(code) ?? [])],
  };
  const answers = new Map<string, Promise<Row[]>>();
  const readOnce = (sql: string, params: SqlParam[] = []) => {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = engine.query(sql, params).then((r) => r.toRows());
      // A failed read is not remembered: the next run asks again.
      answer.catch(() => answers.delete(key));
      answers.set(key, answer);
    }
    return answer;
  };
  return { engine, catalog, areas, provenance: data.provenance, readOnce };
}

/** The comparator codes a kind implies for a focal area (the focal area itself included). */
export function comparatorCodesFor(
  areas: AreaDirectory,
  focal: string,
  kind: ComparatorKind,
  custom: readonly string[],
): string[] {
  switch (kind) {
    case 'england':
      return areas.upperTier.map((a) => a.code);
    case 'region': {
      const region = areas.get(focal)?.regionCode;
      if (!region) return [];
      return areas.upperTier
        .filter((a) => a.regionCode === region)
        .map((a) => a.code)
        .sort();
    }
    case 'neighbours':
      return [focal, ...areas.neighbours(focal)];
    case 'custom':
      return [...new Set([focal, ...custom])];
  }
}

/**
 * Resolves notebook parameters against the environment: focal area name and region, and the
 * comparator codes. Pure: no statement runs here.
 */
export function resolveViewContext(
  env: ViewEnvironment,
  params: ViewParams,
  computedIndicators: readonly IndicatorRow[] = [],
): ViewContext {
  const asked = params.focalArea?.trim();
  if (!asked) throw new Error('Choose a focal area (notebook parameters) before running a view.');
  const focalGroup = findGroup(env.areas.groups, asked);
  if (focalGroup) return resolveGroupContext(env, params, focalGroup, computedIndicators);
  const focal = asked;
  const info = env.areas.get(focal);
  const regionCode = info?.regionCode ?? null;
  const regionName = regionCode ? (info?.regionName ?? env.areas.name(regionCode)) : null;
  const kind = params.comparator;
  let codes = comparatorCodesFor(env.areas, focal, kind, params.customComparators ?? []);
  if (codes.length === 0) codes = [focal];
  if (!codes.includes(focal)) codes = [focal, ...codes];
  const notes: string[] = [];
  return {
    ...env,
    focalArea: focal,
    focalAreaName: env.areas.name(focal, 'deaths'),
    regionCode,
    regionName,
    comparator: kind,
    comparatorCodes: codes.filter((c) => c !== ENGLAND),
    comparatorLabel: COMPARATOR_LABELS[kind],
    latestPeriod: params.latestPeriod ?? null,
    computedIndicators,
    notes,
  };
}

/** The group a focal-area text names: its code ("GROUP:Humberside") or its name, any case. */
export function findGroup(groups: readonly AreaGroup[], text: string): AreaGroup | undefined {
  const t = text.trim().toLowerCase();
  return groups.find((g) => g.code.toLowerCase() === t || g.name.toLowerCase() === t);
}

/**
 * A group as the focal area: its members' shared region (else none, and England is the
 * benchmark); comparators as for an authority, without the group's own members (their figures
 * are inside the group's), the group first.
 */
function resolveGroupContext(
  env: ViewEnvironment,
  params: ViewParams,
  group: AreaGroup,
  computedIndicators: readonly IndicatorRow[],
): ViewContext {
  const regions = new Set(group.members.map((m) => env.areas.get(m)?.regionCode ?? null));
  const regionCode = regions.size === 1 ? [...regions][0] : null;
  const regionName = regionCode
    ? (env.areas.get(group.members[0])?.regionName ?? env.areas.name(regionCode))
    : null;
  const notes: string[] = [];
  let kind = params.comparator;
  const members = new Set(group.members);
  let codes: string[];
  if (kind === 'neighbours') {
    notes.push(
      `${group.name} is a group: statistical neighbours are defined for single authorities, so all upper-tier authorities in England are the comparators.`,
    );
    kind = 'england';
  }
  if (kind === 'region' && !regionCode) {
    notes.push(
      `The members of ${group.name} are in different regions: all upper-tier authorities in England are the comparators.`,
    );
    kind = 'england';
  }
  if (kind === 'custom') codes = [...new Set(params.customComparators ?? [])];
  else if (kind === 'england') codes = env.areas.upperTier.map((a) => a.code);
  else
    codes = env.areas.upperTier
      .filter((a) => a.regionCode === regionCode)
      .map((a) => a.code)
      .sort();
  codes = [group.code, ...codes.filter((c) => c !== group.code && !members.has(c))];
  return {
    ...env,
    focalArea: group.code,
    focalAreaName: group.name,
    focalGroup: group,
    regionCode,
    regionName,
    comparator: kind,
    comparatorCodes: codes.filter((c) => c !== ENGLAND),
    comparatorLabel: COMPARATOR_LABELS[kind],
    latestPeriod: params.latestPeriod ?? null,
    computedIndicators,
    notes,
  };
}
