/**
 * Checks on a canonical table, in plain words with counts and up to three examples each. They
 * never change the data: a published table that does not add up is shown as it is, because the
 * analyst has to decide (and say in the JSNA) which figure to trust.
 */
import type { Engine, Row } from '../engine/types';
import { TABLES_SQL } from '../engine/lazyCanonical';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { AREA_RECODES, RETIRED_AREAS, recodedCodesList, retiredCodesList } from './normalise';
import { ALCOHOL_ALL_GROUP } from './formats';
import { canonicalTable, type CanonicalTableName } from './tables';
import { summableTable } from './lowerTier';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id of the check, for the UI and tests. */
  check:
    | 'missing-values'
    | 'unrecognised-values'
    | 'unknown-area-codes'
    | 'old-area-codes'
    | 'retired-area-codes'
    | 'duplicate-keys'
    | 'negative-counts'
    | 'count-above-denominator'
    | 'total-disagrees'
    | 'dates-out-of-order'
    | 'lower-tier-summable';
  severity: Severity;
  message: string;
  count: number;
  examples: Row[];
  /** An action the UI can offer (never run without the analyst asking). */
  offer?: { label: string; action: 'sumLowerTierToUpperTier'; table: CanonicalTableName };
}

const EXAMPLES = 3;

export async function tableExists(engine: Engine, name: string): Promise<boolean> {
  const r = await engine.query(
    `SELECT count(*) AS n FROM ${TABLES_SQL} WHERE NOT internal AND lower(table_name) = lower(?)`,
    [name],
  );
  return Number(r.toRows()[0]?.n ?? 0) > 0;
}

async function tableColumns(engine: Engine, name: string): Promise<Set<string>> {
  const r = await engine.query(`DESCRIBE ${quoteIdent(name)}`);
  return new Set(r.toRows().map((row) => String(row.column_name)));
}

/** Runs `sql` (the offending rows) and turns it into a finding when it returns any. */
async function offending(
  engine: Engine,
  sql: string,
  check: Finding['check'],
  severity: Severity,
  message: (n: number) => string,
): Promise<Finding | null> {
  const n = Number((await engine.query(`SELECT count(*) AS n FROM (${sql})`)).toRows()[0]?.n ?? 0);
  if (n === 0) return null;
  const examples = (await engine.query(`SELECT * FROM (${sql}) LIMIT ${EXAMPLES}`)).toRows();
  return { check, severity, message: message(n), count: n, examples };
}

/**
 * offending() for a query that aggregates the whole table (duplicate keys): its result is small
 * but costly to compute, so it is computed once and both counted and sampled from that copy.
 */
async function offendingAggregate(
  engine: Engine,
  sql: string,
  check: Finding['check'],
  severity: Severity,
  message: (n: number) => string,
): Promise<Finding | null> {
  const rows = (
    await engine.query(
      `WITH o AS MATERIALIZED (${sql}) SELECT (SELECT count(*) FROM o) AS "__n", * FROM o LIMIT ${EXAMPLES}`,
    )
  ).toRows();
  const n = Number(rows[0]?.__n ?? 0);
  if (n === 0) return null;
  const examples = rows.map(({ __n: _n, ...row }) => row);
  return { check, severity, message: message(n), count: n, examples };
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export async function checkTable(engine: Engine, name: CanonicalTableName): Promise<Finding[]> {
  const table = canonicalTable(name);
  if (!(await tableExists(engine, name))) return [];
  const t = quoteIdent(name);
  const present = await tableColumns(engine, name);
  const has = (c: string) => present.has(c);
  const areasLoaded = name !== 'areas' && (await tableExists(engine, 'areas'));
  const out: (Finding | null)[] = [];

  // Missing (often suppressed) cells in required columns.
  for (const c of table.columns.filter((c) => c.required && has(c.name))) {
    const q = quoteIdent(c.name);
    out.push(
      await offending(
        engine,
        `SELECT * FROM ${t} WHERE ${q} IS NULL`,
        'missing-values',
        c.type === 'DOUBLE' ? 'warning' : 'error',
        (n) =>
          c.type === 'DOUBLE'
            ? `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no ${c.name} (a suppressed or missing cell). They are left empty, not counted as zero.`
            : `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no ${c.name}, which every row needs.`,
      ),
    );
  }

  // Values outside the canonical vocabulary (the normaliser did not recognise them).
  for (const c of table.columns.filter(
    (c) => c.valuePattern && has(c.name) && c.kind !== 'area_code',
  )) {
    const q = quoteIdent(c.name);
    const pattern = quoteLiteral(c.valuePattern!.source);
    out.push(
      await offendingAggregate(
        engine,
        `SELECT ${q} AS value, count(*) AS rows FROM ${t} WHERE ${q} IS NOT NULL AND NOT regexp_full_match(CAST(${q} AS VARCHAR), ${pattern}) GROUP BY 1 ORDER BY 2 DESC`,
        'unrecognised-values',
        'warning',
        (n) =>
          `${plural(n, 'value')} of ${c.name} ${n === 1 ? 'is' : 'are'} not one the views understand (${c.description}).`,
      ),
    );
  }

  // Area codes: old (recodable), retired (merged/split), or unknown to the areas table.
  for (const col of ['area_code', 'neighbour_code'].filter(has)) {
    const q = quoteIdent(col);
    out.push(
      await offendingAggregate(
        engine,
        `SELECT ${q} AS code, count(*) AS rows FROM ${t} WHERE ${q} IN (${recodedCodesList()}) GROUP BY 1 ORDER BY 1`,
        'old-area-codes',
        'warning',
        (n) =>
          `${plural(n, 'old area code')} ${n === 1 ? 'is' : 'are'} used in ${col}: the same areas have new codes (for example Barnsley E08000016 is now E08000038, Sheffield E08000019 is now E08000039). Load the file through the mapper to recode them.`,
      ),
    );
    out.push(
      await offendingAggregate(
        engine,
        `SELECT ${q} AS code, count(*) AS rows FROM ${t} WHERE ${q} IN (${retiredCodesList()}) GROUP BY 1 ORDER BY 1`,
        'retired-area-codes',
        'info',
        (n) =>
          `${plural(n, 'area code')} in ${col} belong${n === 1 ? 's' : ''} to areas that no longer exist (merged or split 2019-2023); their rows are kept but will not match current areas.`,
      ),
    );
    if (areasLoaded)
      out.push(
        await offendingAggregate(
          engine,
          `SELECT t.${q} AS code, count(*) AS rows FROM ${t} t WHERE t.${q} IS NOT NULL
             AND t.${q} NOT IN (${recodedCodesList()}, ${retiredCodesList()})
             AND NOT EXISTS (SELECT 1 FROM areas a WHERE a.area_code = t.${q}) GROUP BY 1 ORDER BY 2 DESC, 1`,
          'unknown-area-codes',
          'warning',
          (n) =>
            `${plural(n, 'area code')} in ${col} ${n === 1 ? 'is' : 'are'} not in the areas table (for example Welsh areas, metropolitan counties, NHS areas or a typing error); those rows will not appear against an area.`,
        ),
      );
  }

  // Duplicate keys.
  const key = table.key.filter(has);
  if (key.length > 0 && key.length === table.key.length) {
    const k = key.map(quoteIdent).join(', ');
    out.push(
      await offendingAggregate(
        engine,
        `SELECT ${k}, count(*) AS copies FROM ${t} GROUP BY ALL HAVING count(*) > 1 ORDER BY copies DESC`,
        'duplicate-keys',
        'error',
        (n) =>
          `${plural(n, 'combination')} of ${key.join(', ')} appear${n === 1 ? 's' : ''} more than once (was a file loaded twice?).`,
      ),
    );
  }

  // Negative counts and ages.
  for (const c of table.columns.filter(
    (c) => (c.type === 'DOUBLE' || c.type === 'INTEGER') && has(c.name),
  )) {
    if (
      [
        'value',
        'lower_95',
        'upper_95',
        'lower_998',
        'upper_998',
        'published_rate',
        'published_lower_95',
        'published_upper_95',
      ].includes(c.name)
    )
      continue;
    const q = quoteIdent(c.name);
    out.push(
      await offending(
        engine,
        `SELECT * FROM ${t} WHERE ${q} < 0`,
        'negative-counts',
        'error',
        (n) => `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} a negative ${c.name}.`,
      ),
    );
  }

  out.push(...(await denominatorChecks(engine, name)));
  out.push(...(await totalChecks(engine, name, has)));
  out.push(...(await dateChecks(engine, name, has)));
  if (areasLoaded) out.push(await lowerTierCheck(engine, name));
  return out.filter((f): f is Finding => f !== null);
}

// ---- counts above their denominators ------------------------------------------------------------

async function denominatorChecks(
  engine: Engine,
  name: CanonicalTableName,
): Promise<(Finding | null)[]> {
  const out: (Finding | null)[] = [];
  if (
    (name === 'treatment' || name === 'prevalence') &&
    (await tableExists(engine, 'treatment')) &&
    (await tableExists(engine, 'prevalence'))
  ) {
    // Which prevalence measure bounds which treatment group (a crack-only client is non-opiate,
    // so there is no crack pairing; OCU bounds nothing in treatment data on its own).
    out.push(
      await offending(
        engine,
        `SELECT t.area_code, t.period, t.substance_group, t.in_treatment, p.measure, p.estimate
         FROM treatment t JOIN prevalence p ON p.area_code = t.area_code AND p.period = t.period
           AND ((t.substance_group = 'opiate' AND p.measure = 'opiate')
             OR (t.substance_group IN ('alcohol_only', ${quoteLiteral(ALCOHOL_ALL_GROUP)}) AND p.measure = 'alcohol_dependence'))
         WHERE t.in_treatment > p.estimate ORDER BY t.area_code, t.period`,
        'count-above-denominator',
        'warning',
        (n) =>
          `${plural(n, 'row')}: more people in treatment than the estimated number in need (prevalence estimate), which makes unmet need negative. Check the periods and areas match.`,
      ),
    );
  }
  if (name === 'continuity_of_care')
    out.push(
      await offending(
        engine,
        `SELECT * FROM continuity_of_care WHERE engaged_within_3_weeks > released_with_need`,
        'count-above-denominator',
        'error',
        (n) =>
          `${plural(n, 'row')}: more people engaged within 3 weeks than were released with a treatment need.`,
      ),
    );
  if (name === 'deaths' && (await tableExists(engine, 'population')))
    out.push(
      await offending(
        engine,
        `WITH pop AS (SELECT area_code, year, sex, age_band, population FROM population
                      UNION ALL
                      SELECT area_code, year, sex, 'All ages', sum(population) FROM population
                      WHERE age_band <> 'All ages' GROUP BY ALL)
         SELECT d.area_code, d.period, d.sex, d.age_band, d.deaths, max(p.population) AS population
         FROM deaths d JOIN pop p ON p.area_code = d.area_code AND p.sex = d.sex AND p.age_band = d.age_band
           AND p.year = TRY_CAST(substr(d.period, 1, 4) AS INTEGER)
         GROUP BY ALL HAVING d.deaths > max(p.population)`,
        'count-above-denominator',
        'error',
        (n) =>
          `${plural(n, 'row')}: more deaths than people in the population of that area, sex and age.`,
      ),
    );
  return out;
}

// ---- totals that disagree with their parts ----------------------------------------------------

const FOUR_GROUPS = `('opiate', 'non_opiate_only', 'non_opiate_and_alcohol', 'alcohol_only')`;

async function totalChecks(
  engine: Engine,
  name: CanonicalTableName,
  has: (c: string) => boolean,
): Promise<(Finding | null)[]> {
  const out: (Finding | null)[] = [];
  if (name === 'treatment' || name === 'cjs_treatment') {
    const value = name === 'treatment' ? 'in_treatment' : 'count';
    const extra = name === 'treatment' ? 'referral_source' : 'cjs_pathway';
    const t = quoteIdent(name);
    out.push(
      await offending(
        engine,
        `SELECT area_code, period, ${extra}, max(${value}) FILTER (substance_group = 'all') AS published_all,
                sum(${value}) FILTER (substance_group IN ${FOUR_GROUPS}) AS sum_of_groups
         FROM ${t} GROUP BY area_code, period, ${extra}
         HAVING count(*) FILTER (substance_group = 'all') > 0 AND count(*) FILTER (substance_group IN ${FOUR_GROUPS}) > 0
            AND abs(published_all - sum_of_groups) > 1e-9
         ORDER BY area_code, period`,
        'total-disagrees',
        'warning',
        (n) =>
          `${plural(n, 'total')} ("all" substances) disagree${n === 1 ? 's' : ''} with the sum of the substance groups. Both are kept as published; published NDTMS counts are rounded, so small differences can be rounding, large ones are worth a question to the source.`,
      ),
    );
    // published_total is the area's printed total for the period (all groups and pathways),
    // repeated on each of its rows.
    if (name === 'cjs_treatment' && has('published_total'))
      out.push(
        await offending(
          engine,
          `SELECT area_code, period, max(published_total) AS published_total,
                  sum(count) FILTER (substance_group IN ${FOUR_GROUPS}) AS sum_of_cells
           FROM cjs_treatment WHERE published_total IS NOT NULL GROUP BY area_code, period
           HAVING abs(max(published_total) - sum_of_cells) > 1e-9 OR count(DISTINCT published_total) > 1
           ORDER BY area_code, period`,
          'total-disagrees',
          'warning',
          (n) =>
            `${plural(n, 'printed total')} (published_total) disagree${n === 1 ? 's' : ''} with the sum of the area's substance-group cells for the period. Both are kept as published.`,
        ),
      );
  }
  if (name === 'deaths' || name === 'population') {
    const value = name === 'deaths' ? 'deaths' : 'population';
    const keys =
      name === 'deaths'
        ? ['area_code', 'period', 'age_band', 'measure']
        : ['area_code', 'year', 'age_band'];
    const k = keys.join(', ');
    out.push(
      await offending(
        engine,
        `SELECT ${k}, max(${value}) FILTER (sex = 'Persons') AS persons,
                max(${value}) FILTER (sex = 'Male') AS male, max(${value}) FILTER (sex = 'Female') AS female
         FROM ${quoteIdent(name)} GROUP BY ${k}
         HAVING count(${value}) FILTER (sex = 'Persons') = 1 AND count(${value}) FILTER (sex = 'Male') = 1
            AND count(${value}) FILTER (sex = 'Female') = 1 AND abs(persons - male - female) > 1e-9
         ORDER BY ${k}`,
        'total-disagrees',
        'warning',
        (n) =>
          `${plural(n, 'row')}: the Persons figure is not Male + Female. Both are kept as published.`,
      ),
    );
  }
  return out;
}

// ---- record-level date order ------------------------------------------------------------------

async function dateChecks(
  engine: Engine,
  name: CanonicalTableName,
  has: (c: string) => boolean,
): Promise<(Finding | null)[]> {
  if (name === 'treatment_episodes' && has('discharge_date'))
    return [
      await offending(
        engine,
        `SELECT * FROM treatment_episodes WHERE discharge_date < start_date`,
        'dates-out-of-order',
        'error',
        (n) =>
          `${plural(n, 'episode')} end${n === 1 ? 's' : ''} before it starts (discharge date before start date).`,
      ),
    ];
  if (name === 'death_records')
    return [
      await offending(
        engine,
        `SELECT * FROM death_records WHERE date_of_registration < date_of_death`,
        'dates-out-of-order',
        'error',
        (n) =>
          `${plural(n, 'death')} ${n === 1 ? 'is' : 'are'} registered before the date of death.`,
      ),
    ];
  return [];
}

// ---- lower tier that could be summed to upper tier ----------------------------------------------

async function lowerTierCheck(engine: Engine, name: CanonicalTableName): Promise<Finding | null> {
  const spec = summableTable(name);
  if (!spec) return null;
  const { candidatesSql } = spec;
  const f = await offending(
    engine,
    `SELECT area_code AS county, ${spec.keys.join(', ')}, districts FROM (${candidatesSql()}) ORDER BY 1`,
    'lower-tier-summable',
    'info',
    (n) =>
      `${plural(n, 'county figure')} ${n === 1 ? 'is' : 'are'} missing but every district of the county has one: the county figure can be made by adding up its districts (rates and intervals cannot, so those stay empty).`,
  );
  if (f)
    f.offer = {
      label: 'Add county figures summed from their districts',
      action: 'sumLowerTierToUpperTier',
      table: name,
    };
  return f;
}

/** Names of old/retired codes for a UI tooltip. */
export function describeAreaCode(code: string): string | null {
  const r = AREA_RECODES[code];
  if (r) return `${code} is the old code of ${r.name}; now ${r.to}.`;
  const x = RETIRED_AREAS[code];
  if (x) return `${code} (${x.name}) no longer exists since ${x.ended}: now ${x.successors}.`;
  return null;
}
