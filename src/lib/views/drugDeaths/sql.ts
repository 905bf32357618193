/**
 * The statements of the drug-deaths view, as pure builders: each returns the SQL text and its
 * parameters, and never runs anything. Area codes, measures and sexes are always parameters,
 * except the three known sexes that the pooled statement writes as text (from a fixed table).
 */
import type { SqlParam } from '../../engine/types';
import { esp2013 } from '../../stats';
import { CONTROLLED_DRUG_PATTERN, type DeathMeasure, type DeathSex } from './model';

export interface Query {
  sql: string;
  params: SqlParam[];
}

/** `?, ?, …` for n parameters. */
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** A semi-join on a list of the codes: cheaper than a long IN (?, ?, …) over a big table. */
const codeList = (n: number): string => `SELECT unnest([${marks(n)}])`;

/** The SQL condition for a sex: Persons falls back to Male + Female (resolved after the query). */
function sexFilter(sex: DeathSex): string {
  return sex === 'Persons' ? `sex IN ('Persons', 'Male', 'Female')` : `sex = ?`;
}

/** The parameter `sexFilter` needs (none for Persons). */
const sexParams = (sex: DeathSex): SqlParam[] => (sex === 'Persons' ? [] : [sex]);

/** The same condition with no parameter: the sex is one of three fixed spellings. */
const SEX_CONDITION: Record<DeathSex, string> = {
  Persons: `sex IN ('Persons', 'Male', 'Female')`,
  Male: `sex = 'Male'`,
  Female: `sex = 'Female'`,
};

/**
 * One row per key instead of one per key and sex: whether the key has Persons rows, the sum of
 * its Persons rows and the sum of its other rows (Male + Female), of `value` from `from`.
 * `where` filters the rows, `having` the keys (aliases of `keys`); ordered by `orderBy`.
 */
export function personsPivot(opts: {
  keys: string[];
  value: string;
  from: string;
  where: string;
  having?: string;
  orderBy?: string;
  /**
   * The sex condition (no parameters), tested in the aggregates rather than in `where`: the
   * same result (keys with no row of those sexes are left out), with one filter less per row.
   */
  sexCondition?: string;
}): string {
  const aliases = opts.keys.map((k) => / AS (\w+)$/.exec(k)?.[1] ?? k);
  const cond = opts.sexCondition;
  const and = cond ? ` AND ${cond}` : '';
  return `SELECT * FROM (
      SELECT ${opts.keys.join(', ')}, bool_or(sex = 'Persons'${and}) AS has_persons,
             coalesce(sum(${opts.value}) FILTER (WHERE sex = 'Persons'${and}), 0) AS persons,
             coalesce(sum(${opts.value}) FILTER (WHERE sex <> 'Persons'${and}), 0) AS other${
               cond
                 ? `,
             bool_or(${cond}) AS any_row`
                 : ''
             }
      FROM ${opts.from} WHERE ${opts.where} GROUP BY ${aliases.map((_, i) => i + 1).join(', ')}
    ) WHERE ${cond ? 'any_row AND ' : ''}${opts.having ?? 'TRUE'}${opts.orderBy ? ` ORDER BY ${opts.orderBy}` : ''}`;
}

const DEATHS_KEYS = [
  'area_code',
  'CAST(period AS VARCHAR) AS period',
  'CAST(age_band AS VARCHAR) AS age_band',
];
const POPULATION_KEYS = [
  'area_code',
  'CAST(year AS INTEGER) AS year',
  'CAST(age_band AS VARCHAR) AS age_band',
];
const NOT_ALL_AGES = `lower(age_band) NOT IN ('all ages', 'all')`;

/** Whether the deaths table has any age-banded row (for the "best available" source). */
export function bandedDeathsProbe(): Query {
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM deaths WHERE lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') LIMIT 1)`,
    params: [],
  };
}

/** The `standard_population` table's weights by band label. */
export function standardPopulationQuery(): Query {
  return {
    sql: `SELECT age_band, CAST(weight AS DOUBLE) AS weight FROM standard_population`,
    params: [],
  };
}

/** Population by area, year and band label, Persons and Male + Female side by side. */
export function populationByBandQuery(codes: string[], sex: DeathSex): Query {
  return {
    sql: personsPivot({
      keys: POPULATION_KEYS,
      value: 'CAST(population AS DOUBLE)',
      from: 'population',
      where: `area_code IN (${codeList(codes.length)}) AND ${sexFilter(sex)}`,
    }),
    params: [...codes, ...sexParams(sex)],
  };
}

/**
 * The common case in one statement: annual deaths and population, both in the 19 ESP2013 bands
 * as written there, pooled into 3-year periods and joined; one row per area, pooled period end
 * `e` and band index `i` with the pooled deaths and population (summed in year order), and `ok`
 * false when any deaths period is not a year or any band of either table is another label.
 */
export function pooledRatesQuery(codes: string[], measure: DeathMeasure, sex: DeathSex): Query {
  const bands = esp2013.bands19.map((b) => b.ageBand);
  const list = (n: number) => `[${marks(n)}]`;
  const sexCondition = SEX_CONDITION[sex];
  const resolved = `CASE WHEN has_persons THEN persons ELSE other END`;
  const deathsPivot = personsPivot({
    keys: DEATHS_KEYS,
    value: 'CAST(deaths AS DOUBLE)',
    from: 'deaths',
    where: `measure = ? AND area_code IN (SELECT unnest(${list(codes.length)})) AND age_band <> 'All ages'`,
    having: NOT_ALL_AGES,
    sexCondition,
  });
  const popPivot = personsPivot({
    keys: POPULATION_KEYS,
    value: 'CAST(population AS DOUBLE)',
    from: 'population',
    where: `area_code IN (SELECT unnest(${list(codes.length)}))`,
    sexCondition,
  });
  return {
    sql: `WITH d AS MATERIALIZED (
       SELECT area_code, period, TRY_CAST(period AS INTEGER) AS y, age_band, ${resolved} AS deaths
       FROM (${deathsPivot})
     ),
     p AS MATERIALIZED (SELECT area_code, year, age_band, ${resolved} AS pop FROM (${popPivot})),
     b AS (SELECT unnest(${list(bands.length)}) AS band, unnest(range(${bands.length})) AS i),
     ok AS (
       SELECT (SELECT coalesce(bool_and(coalesce(regexp_full_match(period, '[0-9]{4}'), false)
                        AND age_band IN (SELECT band FROM b)), true) FROM d) AS deaths_ok,
              (SELECT coalesce(bool_and(year IS NOT NULL AND coalesce(age_band IN (SELECT band FROM b), false)), true) FROM p) AS pop_ok
     ),
     ends AS (
       SELECT DISTINCT y AS e FROM d
       WHERE y - 1 IN (SELECT y FROM d) AND y - 2 IN (SELECT y FROM d)
     ),
     pd AS (
       SELECT d.area_code, ends.e, d.age_band,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 2) AS d0,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 1) AS d1,
              max(d.deaths) FILTER (WHERE d.y = ends.e) AS d2
       FROM d JOIN ends ON d.y BETWEEN ends.e - 2 AND ends.e
       GROUP BY ALL
     ),
     g AS (SELECT DISTINCT area_code, e FROM pd)
     SELECT g.area_code, g.e, b.i,
            coalesce(pd.d0, 0) + coalesce(pd.d1, 0) + coalesce(pd.d2, 0) AS deaths,
            p0.pop + p1.pop + p2.pop AS population,
            ok.deaths_ok AND ok.pop_ok AS ok
     FROM g CROSS JOIN b CROSS JOIN ok
     LEFT JOIN pd ON pd.area_code = g.area_code AND pd.e = g.e AND pd.age_band = b.band
     LEFT JOIN p p0 ON p0.area_code = g.area_code AND p0.year = g.e - 2 AND p0.age_band = b.band
     LEFT JOIN p p1 ON p1.area_code = g.area_code AND p1.year = g.e - 1 AND p1.age_band = b.band
     LEFT JOIN p p2 ON p2.area_code = g.area_code AND p2.year = g.e AND p2.age_band = b.band
     ORDER BY g.e, g.area_code, b.i`,
    params: [measure, ...codes, ...codes, ...bands],
  };
}

/**
 * Deaths by area, period and band label as written (the general path), Persons and Male + Female
 * side by side, in a fixed order: area, period, band.
 */
export function bandedDeathsQuery(codes: string[], measure: DeathMeasure, sex: DeathSex): Query {
  return {
    sql: personsPivot({
      keys: DEATHS_KEYS,
      value: 'CAST(deaths AS DOUBLE)',
      from: 'deaths',
      where: `measure = ? AND area_code IN (${codeList(codes.length)}) AND ${sexFilter(sex)} AND age_band <> 'All ages'`,
      having: NOT_ALL_AGES,
      orderBy: 'area_code, period, age_band',
    }),
    params: [measure, ...codes, ...sexParams(sex)],
  };
}

/** Deaths summed over a list of authorities (England or a region the table has no rows for). */
export function summedDeathsQuery(members: string[], measure: DeathMeasure, sex: DeathSex): Query {
  return {
    sql: `SELECT CAST(period AS VARCHAR) AS period, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(deaths AS DOUBLE)) AS deaths, count(DISTINCT area_code) AS n, count(*) - count(deaths) AS suppressed
           FROM deaths WHERE measure = ? AND area_code IN (${marks(members.length)}) AND ${sexFilter(sex)}
             AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all')
           GROUP BY ALL`,
    params: [measure, ...members, ...sexParams(sex)],
  };
}

/** The areas' years (or periods) with a suppressed age-band count, for the sex asked. */
export function suppressedBandsQuery(codes: string[], measure: DeathMeasure, sex: DeathSex): Query {
  return {
    sql: `SELECT DISTINCT area_code, CAST(period AS VARCHAR) AS period FROM deaths
           WHERE measure = ? AND area_code IN (${marks(codes.length)}) AND ${sexFilter(sex)}
             AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') AND deaths IS NULL
           ORDER BY 1, 2`,
    params: [measure, ...codes, ...sexParams(sex)],
  };
}

/** How many of `members` the deaths table has any row for (of this measure). */
export function deathsCoverageQuery(members: string[], measure: DeathMeasure): Query {
  return {
    sql: `SELECT count(DISTINCT area_code) AS n FROM deaths WHERE measure = ? AND area_code IN (${marks(members.length)})`,
    params: [measure, ...members],
  };
}

/**
 * Death records counted by area, year of registration and 5-year age band (90+ at the top; a
 * null band where the age is missing), with how many were known to treatment out of how many
 * answered. "Drug misuse" keeps records citing a controlled drug.
 */
export function deathRecordsQuery(
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
  hasKnownColumn: boolean,
): Query {
  const measureCond =
    measure === 'drug_misuse'
      ? `regexp_matches(lower(coalesce(CAST(substances AS VARCHAR), '')), ?)`
      : 'TRUE';
  const knownCol = hasKnownColumn
    ? `CASE WHEN known_to_treatment IS NULL THEN NULL WHEN lower(CAST(known_to_treatment AS VARCHAR)) IN ('true','t','1','yes','y') THEN 1 ELSE 0 END`
    : 'NULL';
  return {
    sql: `WITH d AS (
         SELECT area_code, year(CAST(date_of_registration AS DATE)) AS y,
                CASE WHEN age IS NULL THEN NULL WHEN age >= 90 THEN '90+'
                     ELSE CAST(floor(age / 5) * 5 AS INTEGER) || '-' || CAST(floor(age / 5) * 5 + 4 AS INTEGER) END AS band,
                ${knownCol} AS known
         FROM death_records
         WHERE area_code IN (${marks(codes.length)}) AND ${sex === 'Persons' ? 'TRUE' : 'sex = ?'} AND ${measureCond}
       )
       SELECT area_code, CAST(y AS VARCHAR) AS period, band, count(*) AS deaths, sum(known) AS known, count(known) AS known_n
       FROM d WHERE y IS NOT NULL GROUP BY ALL`,
    params: [
      ...codes,
      ...sexParams(sex),
      ...(measure === 'drug_misuse' ? [CONTROLLED_DRUG_PATTERN] : []),
    ],
  };
}

/**
 * ONS published rates, all ages: deaths summed, the published rate, limits and flag of each area
 * and period (null where the table has no such column).
 */
export function publishedRatesQuery(
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
  columns: ReadonlySet<string>,
): Query {
  const opt = (c: string, cast = 'DOUBLE') =>
    columns.has(c) ? `CAST(${c} AS ${cast})` : `CAST(NULL AS ${cast})`;
  return {
    sql: `SELECT area_code, CAST(period AS VARCHAR) AS period, sum(CAST(deaths AS DOUBLE)) AS deaths,
              any_value(${opt('published_rate')}) AS rate, any_value(${opt('published_lower_95')}) AS lower,
              any_value(${opt('published_upper_95')}) AS upper, any_value(${opt('published_flag', 'VARCHAR')}) AS flag
       FROM deaths
       WHERE measure = ? AND sex = ? AND area_code IN (${marks(codes.length)})
         AND (age_band IS NULL OR lower(CAST(age_band AS VARCHAR)) IN ('all ages', 'all'))
       GROUP BY ALL`,
    params: [measure, sex, ...codes],
  };
}
