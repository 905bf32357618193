/**
 * Aggregate canonical tables derived from record-level ones, in SQL so they run over any number
 * of records inside DuckDB:
 *  - treatment_episodes -> treatment: people in treatment per financial year an episode was open,
 *    by NDTMS substance group (the hierarchy below);
 *  - treatment_episodes with a criminal-justice referral -> cjs_treatment;
 *  - death_records -> deaths: 3-year registration periods, ESP2013 5-year age bands, by sex and Persons.
 * Each derivation is one source ("derived:<from>:<table>", provenance.ts): running it again
 * replaces its earlier rows, and refreshDerived re-counts after a record-level file is removed.
 */
import type { Engine } from '../engine/types';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { ensureTable } from './apply';
import { insertWithProvenance, removeSourceRows, sourcesWithPrefix } from './provenance';
import { espAgeBandSql } from './formats';
import type { CanonicalTableName } from './tables';

/** Substances that make an episode "opiate" in NDTMS (any opiate cited wins). */
export const OPIATE_SUBSTANCES = [
  'heroin',
  'methadone',
  'illicit methadone',
  'street methadone',
  'buprenorphine',
  'opiate',
  'opiates',
  'other opiate',
  'other opiates',
  'opioid',
  'opioids',
  'other opioids',
  'morphine',
  'diamorphine',
  'codeine',
  'dihydrocodeine',
  'fentanyl',
  'tramadol',
  'oxycodone',
  'pethidine',
  'nitazenes',
  'nitazene',
];
/** Cited but not a treatment substance group (NDTMS does not group by them). */
export const IGNORED_SUBSTANCES = ['nicotine', 'tobacco', 'none', 'unknown', 'not stated', ''];

/** Referral sources counted as the criminal justice system (case- and spacing-insensitive). */
export const CJS_REFERRAL_PATTERN =
  '(criminal justice|^cjs|cjit|probation|prison|police|arrest referral|custody|court|liaison and diversion|drr|atr|youth offending|yot)';

/** SQL: the lower-cased, trimmed list of substances from a ";"-separated text. */
function substanceList(expr: string): string {
  return `list_filter(list_transform(string_split(lower(COALESCE(${expr}, '')), ';'), lambda s: trim(s)), lambda s: s <> '')`;
}

/** SQL: the NDTMS substance group of a ";"-separated substances text (NULL when none is cited). */
export function substanceGroupSql(expr: string): string {
  const l = substanceList(expr);
  const opiates = `[${OPIATE_SUBSTANCES.map(quoteLiteral).join(', ')}]`;
  const notDrugs = `[${['alcohol', ...IGNORED_SUBSTANCES].map(quoteLiteral).join(', ')}]`;
  const hasOpiate = `list_has_any(${l}, ${opiates})`;
  const hasOther = `len(list_filter(${l}, lambda s: NOT list_contains(${notDrugs}, s))) > 0`;
  const hasAlcohol = `list_contains(${l}, 'alcohol')`;
  return `(CASE WHEN ${hasOpiate} THEN 'opiate'
    WHEN ${hasOther} AND ${hasAlcohol} THEN 'non_opiate_and_alcohol'
    WHEN ${hasOther} THEN 'non_opiate_only'
    WHEN ${hasAlcohol} THEN 'alcohol_only' END)`;
}

/** SQL: the first calendar year of the financial year (April-March) a date falls in. */
const fyStart = (d: string) => `(year(${d}) - CASE WHEN month(${d}) < 4 THEN 1 ELSE 0 END)`;
const fyLabel = (y: string) =>
  `(CAST(${y} AS VARCHAR) || '/' || lpad(CAST((${y} + 1) % 100 AS VARCHAR), 2, '0'))`;

/**
 * One row per person, area and financial year they were in treatment: substances of all their
 * episodes open that year are pooled, then the hierarchy gives one group (a person counts once).
 */
function peopleInTreatmentSql(onlyCjs: boolean): string {
  const cjs = onlyCjs
    ? `AND regexp_matches(lower(e.referral_source), ${quoteLiteral(CJS_REFERRAL_PATTERN)})`
    : '';
  return `
    WITH bounds AS (
      SELECT min(${fyStart('start_date')}) AS first_fy,
             max(${fyStart('COALESCE(discharge_date, start_date)')}) AS last_fy,
             max(${fyStart('start_date')}) AS last_start_fy
      FROM treatment_episodes),
    years AS (SELECT unnest(range(first_fy, greatest(last_fy, last_start_fy) + 1)) AS fy FROM bounds),
    open AS (
      SELECT y.fy, e.client_id, e.area_code, e.start_date, e.substances, COALESCE(e.synthetic, false) AS synthetic
      FROM treatment_episodes e JOIN years y
        ON e.start_date <= make_date(CAST(y.fy + 1 AS BIGINT), 3, 31)
       AND (e.discharge_date IS NULL OR e.discharge_date >= make_date(CAST(y.fy AS BIGINT), 4, 1))
      WHERE e.start_date IS NOT NULL ${cjs}),
    people AS (
      SELECT fy, client_id, arg_max(area_code, start_date) AS area_code,
             ${substanceGroupSql("string_agg(substances, ';')")} AS substance_group,
             bool_or(synthetic) AS synthetic
      FROM open GROUP BY fy, client_id)
    SELECT area_code, ${fyLabel('fy')} AS period, substance_group, count(*) AS n, bool_or(synthetic) AS synthetic
    FROM people WHERE substance_group IS NOT NULL GROUP BY area_code, period, substance_group
    UNION ALL
    SELECT area_code, ${fyLabel('fy')} AS period, 'all' AS substance_group, count(*) AS n, bool_or(synthetic) AS synthetic
    FROM people GROUP BY area_code, period`;
}

export interface DeriveResult {
  table: CanonicalTableName;
  rowsAdded: number;
  sql: string;
  notes: string[];
}

type RecordTable = 'treatment_episodes' | 'death_records';

/** The source id of a derivation: one per record-level table and target. */
export const derivedSourceId = (from: RecordTable, table: CanonicalTableName) =>
  `derived:${from}:${table}`;

/**
 * Replaces the derivation's earlier rows with `select`, as one source named after the files the
 * records came from; refused (nothing changed) when another source gives the same keys.
 */
async function insertDerived(
  engine: Engine,
  table: CanonicalTableName,
  from: RecordTable,
  select: string,
  notes: string[],
  options: object = {},
): Promise<DeriveResult> {
  await ensureTable(engine, table);
  const files = (
    await engine.query(
      `SELECT DISTINCT source_file FROM ${quoteIdent(from)} WHERE source_file IS NOT NULL ORDER BY 1`,
    )
  )
    .toRows()
    .map((r) => String(r.source_file));
  const id = derivedSourceId(from, table);
  const sql = `INSERT INTO ${quoteIdent(table)} BY NAME ${select}`;
  await engine.query('BEGIN TRANSACTION');
  try {
    await removeSourceRows(engine, id);
    const r = await insertWithProvenance(engine, table, select, {
      id,
      fileName: `counted from ${from}${files.length ? ` (${files.join(', ')})` : ''}`,
      mapping: JSON.stringify(options),
    });
    await engine.query('COMMIT');
    return { table, rowsAdded: r.rowsAdded, sql, notes };
  } catch (e) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * After record-level rows were removed: each derivation made from `from` is counted again from
 * what is left (or removed, when nothing is left). A derivation refused on recount (another
 * source now gives its keys) is removed and the refusal returned, never left half-stale.
 */
export async function refreshDerived(
  engine: Engine,
  from: RecordTable,
): Promise<{ results: DeriveResult[]; problems: string[] }> {
  const results: DeriveResult[] = [];
  const problems: string[] = [];
  for (const source of await sourcesWithPrefix(engine, `derived:${from}:`)) {
    const left = await scalar(engine, `SELECT count(*) AS n FROM ${quoteIdent(from)}`);
    const table = source.id.slice(`derived:${from}:`.length) as CanonicalTableName;
    if (left === 0) {
      await removeSourceRows(engine, source.id);
      continue;
    }
    try {
      if (table === 'treatment') results.push(await deriveTreatment(engine));
      else if (table === 'cjs_treatment') results.push(await deriveCjsTreatment(engine));
      else if (table === 'deaths')
        results.push(
          await deriveDeaths(
            engine,
            source.mapping ? (JSON.parse(source.mapping) as DeathsOptions) : {},
          ),
        );
    } catch (e) {
      await removeSourceRows(engine, source.id);
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { results, problems };
}

async function scalar(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.query(sql)).toRows()[0]?.n ?? 0);
}

export async function deriveTreatment(engine: Engine): Promise<DeriveResult> {
  await ensureTable(engine, 'treatment_episodes');
  const notes: string[] = [];
  const unclassified = await scalar(
    engine,
    `SELECT count(*) AS n FROM treatment_episodes WHERE ${substanceGroupSql('substances')} IS NULL`,
  );
  if (unclassified > 0)
    notes.push(
      `${unclassified} episode${unclassified === 1 ? '' : 's'} cite no substance a group can be made from; the people are counted in "all" only.`,
    );
  const select = `SELECT area_code, period, substance_group, CAST(n AS DOUBLE) AS in_treatment, synthetic FROM (${peopleInTreatmentSql(false)})`;
  notes.push(
    'People are counted once per financial year in which any of their episodes was open, in the area of their latest episode, by the NDTMS substance hierarchy over all their substances that year.',
  );
  return insertDerived(engine, 'treatment', 'treatment_episodes', select, notes);
}

export async function deriveCjsTreatment(engine: Engine): Promise<DeriveResult> {
  await ensureTable(engine, 'treatment_episodes');
  const cjs = await scalar(
    engine,
    `SELECT count(*) AS n FROM treatment_episodes WHERE regexp_matches(lower(referral_source), ${quoteLiteral(CJS_REFERRAL_PATTERN)})`,
  );
  const select = `SELECT area_code, period, substance_group, CAST(n AS DOUBLE) AS count, synthetic FROM (${peopleInTreatmentSql(true)})`;
  return insertDerived(engine, 'cjs_treatment', 'treatment_episodes', select, [
    `${cjs} episode${cjs === 1 ? '' : 's'} came through a criminal justice referral (criminal justice, probation, prison, police/arrest referral, courts, liaison and diversion, DRR/ATR).`,
  ]);
}

export interface DeathsOptions {
  /** Which ONS measure local records stand for; local surveillance rarely separates the two. */
  measure?: 'drug_poisoning' | 'drug_misuse';
  /** 3 (default): rolling 3-year registration periods "2019-21"; 1: single years "2021". */
  pooling?: 1 | 3;
}

/**
 * Deaths by registration period, ESP2013 5-year age band (plus "All ages") and sex (Male,
 * Female and Persons). Only periods fully covered by the records' registration years are made,
 * so an edge period is never a partial count.
 */
export async function deriveDeaths(
  engine: Engine,
  options: DeathsOptions = {},
): Promise<DeriveResult> {
  await ensureTable(engine, 'death_records');
  const measure = options.measure ?? 'drug_poisoning';
  const span = options.pooling ?? 3;
  const label =
    span === 1
      ? `CAST(w.start AS VARCHAR)`
      : `CAST(w.start AS VARCHAR) || '-' || lpad(CAST((w.start + ${span - 1}) % 100 AS VARCHAR), 2, '0')`;
  const select = `
    WITH d AS (
      SELECT area_code, year(date_of_registration) AS reg_year, sex, ${espAgeBandSql('age')} AS band,
             COALESCE(synthetic, false) AS synthetic
      FROM death_records WHERE date_of_registration IS NOT NULL AND area_code IS NOT NULL AND sex IN ('Male', 'Female')),
    bounds AS (SELECT min(reg_year) AS lo, max(reg_year) AS hi FROM d),
    windows AS (SELECT unnest(range(lo, hi - ${span - 1} + 1)) AS start FROM bounds),
    pooled AS (
      SELECT d.area_code, ${label} AS period, d.sex, d.band, d.synthetic
      FROM d JOIN windows w ON d.reg_year BETWEEN w.start AND w.start + ${span - 1}),
    by_band AS (
      SELECT area_code, period, sex, band AS age_band, count(*) AS deaths, bool_or(synthetic) AS synthetic
      FROM pooled WHERE band IS NOT NULL GROUP BY area_code, period, sex, band
      UNION ALL
      SELECT area_code, period, sex, 'All ages', count(*), bool_or(synthetic) FROM pooled GROUP BY area_code, period, sex)
    SELECT area_code, period, sex, age_band, ${quoteLiteral(measure)} AS measure, CAST(deaths AS DOUBLE) AS deaths, synthetic FROM by_band
    UNION ALL
    SELECT area_code, period, 'Persons', age_band, ${quoteLiteral(measure)}, CAST(sum(deaths) AS DOUBLE), bool_or(synthetic)
    FROM by_band GROUP BY area_code, period, age_band`;
  const notes: string[] = [];
  const left = await scalar(
    engine,
    `SELECT count(*) AS n FROM death_records WHERE date_of_registration IS NULL OR area_code IS NULL OR sex NOT IN ('Male', 'Female') OR sex IS NULL`,
  );
  if (left > 0)
    notes.push(
      `${left} record${left === 1 ? '' : 's'} left out: no registration date, area or sex (Male/Female).`,
    );
  const noAge = await scalar(
    engine,
    `SELECT count(*) AS n FROM death_records WHERE age IS NULL OR age < 0`,
  );
  if (noAge > 0)
    notes.push(
      `${noAge} record${noAge === 1 ? '' : 's'} without a valid age count in "All ages" only.`,
    );
  notes.push(
    `Deaths are counted by year of registration (as ONS does), pooled into ${span === 1 ? 'single years' : `${span}-year periods`} fully covered by the records, as "${measure}".`,
  );
  return insertDerived(engine, 'deaths', 'death_records', select, notes, {
    measure,
    pooling: span,
  });
}
