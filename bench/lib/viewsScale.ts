/**
 * Views at scale (issue 7, views part): how long each prebuilt view takes to recompute when the
 * focal area changes, on national-scale data built in the wasm engine with SQL (every LTLA and
 * UTLA, regions and England × 20 years × 19 ESP2013 bands × 3 sexes) and on 1,000,000
 * record-level treatment episodes (no `treatment` table, so unmet-need counts episodes).
 *
 * Timed per focal area: resolveViewContext() + run(). Cold = the view's first run after the
 * data were loaded; warm (new area) = the runs on the next focal areas (the realistic case: the
 * user picks another area); warm (same area) = repeats on the last area. Every engine.query is
 * timed too (the engine object's query method is wrapped), so a miss can be traced to its SQL.
 *
 * Everything is deterministic: values come from DuckDB's hash() of the row keys, not random().
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const TARGET_MS = 150;

export interface QueryStat {
  sql: string;
  /** Calls per warm new-area run. */
  calls: number;
  /** Total ms over the warm new-area runs, divided by the number of those runs. */
  msPerRun: number;
  maxMs: number;
}

export interface ScaleTiming {
  id: string;
  dataset: string;
  mainTable: string;
  mainRows: number;
  focalAreas: string[];
  coldMs: number | null;
  /** Median over runs on new focal areas (the realistic case). */
  warmNewMs: number | null;
  warmNewMin: number | null;
  warmNewMax: number | null;
  warmNewRuns: number[];
  /** Median over repeats on the same focal area. */
  warmSameMs: number | null;
  warmSameRuns: number[];
  /** Share of a warm run spent in resolveViewContext (median ms). */
  contextMs: number | null;
  queriesPerRun: number;
  /** Share of a warm new-area run spent inside engine.query (median ms). */
  queryMsPerRun: number | null;
  /** Median ms of a warm new-area run spent converting results to JS rows (toRows/slice). */
  convertMsPerRun: number | null;
  slowestQueries: QueryStat[];
  /** Indicator rows and display-table rows the last run returned (a sanity check). */
  resultIndicators: number;
  resultTableRows: number;
  notes: string[];
  /** Every statement of the median warm new-area run, in order (SQL cut to 160 characters). */
  medianRunQueries: { sql: string; ms: number; convertMs: number }[];
  pass: boolean | null;
  error?: string;
}

export interface ScaleResult {
  quick: boolean;
  targetMs: number;
  /** Row counts of every table, per dataset. */
  tables: Record<string, Record<string, number>>;
  buildSeconds: Record<string, number>;
  timings: ScaleTiming[];
  error?: string;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Where src/ is imported from: BENCH_VIEWS_ROOT lets an A/B run time a patched copy. */
const SRC_ROOT = process.env.BENCH_VIEWS_ROOT ? path.resolve(process.env.BENCH_VIEWS_ROOT) : ROOT;
const load = (rel: string) =>
  import(/* @vite-ignore */ pathToFileURL(path.join(SRC_ROOT, rel)).href);

interface Res {
  numRows: number;
  toRows(): Record<string, unknown>[];
}
export interface Eng {
  query(sql: string, params?: unknown[]): Promise<Res>;
  registerFile(name: string, source: { kind: 'bytes'; bytes: Uint8Array }): Promise<string>;
  close(): Promise<void>;
}
interface ViewsModule {
  VIEWS: Record<string, { id: string }>;
  buildViewEnvironment(engine: unknown): Promise<unknown>;
  resolveViewContext(env: unknown, params: Record<string, unknown>): unknown;
  viewOptions(ctx: unknown, id: string): Promise<{ key: string; default: string }[]>;
  runView(id: string, ctx: unknown, options: Record<string, string>): Promise<unknown>;
}

/** Uniform [0, 1) from the hash of the given SQL expressions. */
const u = (...parts: string[]) =>
  `((hash(concat_ws('|', ${parts.join(', ')})) % 1000003)::DOUBLE / 1000003)`;

async function registerCsv(engine: Eng, rel: string, table: string): Promise<void> {
  const p = await engine.registerFile(path.basename(rel), {
    kind: 'bytes',
    bytes: readFileSync(path.join(ROOT, rel)),
  });
  await engine.query(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${p}')`);
}

async function count(engine: Eng, t: string): Promise<number> {
  return Number((await engine.query(`SELECT count(*) AS n FROM ${t}`)).toRows()[0].n);
}

/** Six UTLAs in different regions (quick: three), in a fixed order. */
const FOCAL = [
  'E06000031', // Peterborough (East of England)
  'E08000025', // Birmingham (West Midlands)
  'E09000030', // Tower Hamlets (London)
  'E06000001', // Hartlepool (North East)
  'E10000030', // Surrey (South East)
  'E08000035', // Leeds (Yorkshire and The Humber)
];

/** areas (+ is_ltla) and the ESP2013 standard population, shared by both datasets. */
async function baseTables(engine: Eng): Promise<void> {
  await registerCsv(engine, 'datasets/derived_canonical_areas_2023.csv', 'areas_raw');
  await engine.query(
    `CREATE OR REPLACE TABLE areas AS SELECT area_code, area_name, area_type, parent_code, region_code, region_name,
       (area_type = 'UTLA' AND area_code NOT LIKE 'E10%') AS is_ltla FROM areas_raw`,
  );
  await engine.query(`DROP TABLE areas_raw`);
  await registerCsv(
    engine,
    'datasets/esp2013_standard_population_19band.csv',
    'standard_population',
  );
}

/** The national-scale dataset. quick: England, the regions and ~10 UTLAs × 3 years. */
export async function buildNational(engine: Eng, quick: boolean): Promise<void> {
  await baseTables(engine);
  const years = quick ? [2019, 2021] : [2002, 2021];
  // Areas with figures: quick = England, regions, the focal UTLAs and one more UTLA per region.
  await engine.query(
    quick
      ? `CREATE OR REPLACE TABLE grid_areas AS
           SELECT area_code FROM areas WHERE area_type IN ('England', 'Region')
           UNION SELECT unnest([${FOCAL.slice(0, 3)
             .map((c) => `'${c}'`)
             .join(', ')}])
           UNION SELECT min(area_code) FROM areas WHERE area_type = 'UTLA' GROUP BY region_code`
      : `CREATE OR REPLACE TABLE grid_areas AS SELECT area_code FROM areas`,
  );
  // Real 2021 LA populations, scaled per year (0.85× in 2002 → 1× in 2021, ±1% noise).
  await registerCsv(engine, 'datasets/derived_canonical_population_la2023_2019_2021.csv', 'pop21');
  await engine.query(
    `CREATE OR REPLACE TABLE population AS
     WITH base AS (
       SELECT area_code, sex, age_band, population FROM pop21
       WHERE year = 2021 AND sex <> 'Persons' AND area_code IN (SELECT area_code FROM grid_areas)
       UNION ALL
       -- regions and England: sums of their upper-tier authorities
       SELECT a.region_code, p.sex, p.age_band, sum(p.population) FROM pop21 p JOIN areas a USING (area_code)
       WHERE p.year = 2021 AND p.sex <> 'Persons' AND a.area_type = 'UTLA' GROUP BY ALL
       UNION ALL
       SELECT 'E92000001', p.sex, p.age_band, sum(p.population) FROM pop21 p JOIN areas a USING (area_code)
       WHERE p.year = 2021 AND p.sex <> 'Persons' AND a.area_type = 'UTLA' GROUP BY ALL
     ), mf AS (
       SELECT b.area_code, y.year::INTEGER AS year, b.sex, b.age_band,
         round(b.population * (0.85 + 0.15 * (y.year - 2002) / 19.0) * (0.99 + 0.02 * ${u('b.area_code', 'y.year', 'b.sex', 'b.age_band')})) AS population
       FROM base b CROSS JOIN range(${years[0]}, ${years[1] + 1}) y(year)
       WHERE b.area_code IN (SELECT area_code FROM grid_areas)
     )
     SELECT area_code, year, sex, age_band, population::DOUBLE AS population FROM mf
     UNION ALL
     SELECT area_code, year, 'Persons', age_band, sum(population)::DOUBLE FROM mf GROUP BY ALL
     ORDER BY area_code, year, sex, age_band`,
  );
  await engine.query(`DROP TABLE pop21`);
  // Deaths by registration year: expected = population × an age-shaped rate (peaking at 40-49),
  // higher for men and for poisoning than misuse; the count is a normal approximation to a
  // Poisson draw from the row's hash. 'All ages' rows are the band sums, as derived deaths have.
  await engine.query(
    `CREATE OR REPLACE TABLE deaths AS
     WITH sp AS (SELECT age_band, age_from FROM standard_population),
     mf AS (
       SELECT p.area_code, CAST(p.year AS VARCHAR) AS period, p.sex, p.age_band, m.measure,
         p.population * CASE WHEN sp.age_from < 15 THEN 0 ELSE
           0.00012 * exp(-1.0 * pow((sp.age_from - 42.5) / 14.0, 2)) END
           * (CASE p.sex WHEN 'Male' THEN 1.4 ELSE 0.6 END) * (CASE m.measure WHEN 'drug_poisoning' THEN 1 ELSE 0.62 END)
           * (0.6 + 0.02 * (p.year - 2002)) AS lam,
         ${u('p.area_code', 'p.year', 'p.sex', 'p.age_band', 'm.measure')} AS r
       FROM population p JOIN sp USING (age_band)
       CROSS JOIN (VALUES ('drug_poisoning'), ('drug_misuse')) m(measure)
       WHERE p.sex <> 'Persons'
     ), c AS (
       SELECT area_code, period, sex, age_band, measure,
         greatest(0, round(lam + sqrt(lam) * 2.2 * (r - 0.5)))::DOUBLE AS deaths FROM mf
     ), b AS (
       SELECT * FROM c
       UNION ALL SELECT area_code, period, 'Persons', age_band, measure, sum(deaths) FROM c GROUP BY ALL
     )
     SELECT *, true AS synthetic FROM b
     UNION ALL
     SELECT area_code, period, sex, 'All ages', measure, sum(deaths), true FROM b GROUP BY ALL`,
  );
  // Prevalence, treatment, CJS and continuity of care: the shipped synthetic tables (every UTLA).
  for (const t of ['prevalence', 'treatment', 'cjs_treatment', 'continuity_of_care'])
    await registerCsv(engine, `datasets/synthetic/${t}.csv`, t);
  // Indicators: 12 indicators × every area with figures × 20 periods, Fingertips-like columns.
  const n = 12;
  await engine.query(
    `CREATE OR REPLACE TABLE indicators AS
     WITH g AS (
       SELECT i.i, a.area_code, a.area_name, y.y,
         ${u('i.i', 'a.area_code', 'y.y')} AS r1, ${u('a.area_code', 'y.y', 'i.i', "'d'")} AS r2
       FROM range(1, ${n + 1}) i(i) CROSS JOIN range(${years[0]}, ${years[1] + 1}) y(y)
       CROSS JOIN areas a WHERE a.area_code IN (SELECT area_code FROM grid_areas)
     ), v AS (
       SELECT *, round(200 + 5000 * r2) AS denominator FROM g
     ), w AS (
       SELECT *, round(denominator * (0.05 + 0.02 * i + 0.1 * r1)) AS count FROM v
     )
     SELECT CAST(90000 + i AS VARCHAR) AS indicator_id, 'Synthetic indicator ' || i AS indicator_name,
       area_code, area_name, CAST(y AS VARCHAR) AS period, 'Persons' AS sex, 'All ages' AS age,
       100 * count / denominator AS value,
       100 * (count - 1.96 * sqrt(count)) / denominator AS lower_95,
       100 * (count + 1.96 * sqrt(count)) / denominator AS upper_95,
       100 * (count - 3.09 * sqrt(count)) / denominator AS lower_998,
       100 * (count + 3.09 * sqrt(count)) / denominator AS upper_998,
       count::DOUBLE AS count, denominator::DOUBLE AS denominator, '%' AS unit,
       CASE i % 3 WHEN 0 THEN 'low_is_good' WHEN 1 THEN 'high_is_good' ELSE 'none' END AS polarity,
       NULL::VARCHAR AS note, 'Synthetic (bench)' AS method, true AS synthetic
     FROM w`,
  );
  await engine.query(`DROP TABLE grid_areas`);
}

/** Record-level episodes across every UTLA, 2015/16–2022/23; no `treatment` table. */
async function buildEpisodes(engine: Eng, rows: number): Promise<void> {
  await baseTables(engine);
  await registerCsv(engine, 'datasets/synthetic/prevalence.csv', 'prevalence');
  await engine.query(
    `CREATE OR REPLACE TABLE utla AS SELECT row_number() OVER (ORDER BY area_code) - 1 AS k, area_code
     FROM areas WHERE area_type = 'UTLA'`,
  );
  const nUtla = await count(engine, 'utla');
  // ~2.5 episodes per client; a client stays in one area.
  await engine.query(
    `CREATE OR REPLACE TABLE treatment_episodes AS
     WITH g AS (
       SELECT i, i % ${Math.max(1, Math.floor(rows / 2.5))} AS c,
         ${u("'s'", 'i')} AS r1, ${u("'d'", 'i')} AS r2, ${u("'x'", 'i')} AS r3
       FROM range(${rows}) t(i)
     ), h AS (
       SELECT g.*, ${u("'a'", 'c')} AS ra, ${u("'g'", 'c')} AS rg FROM g
     )
     SELECT 'BENCH-' || lpad(CAST(c AS VARCHAR), 7, '0') AS client_id, utla.area_code,
       (18 + floor(rg * 52))::INTEGER AS age,
       CASE WHEN rg * 1000 % 10 < 7 THEN 'Male' ELSE 'Female' END AS sex,
       ['heroin', 'heroin;crack', 'crack', 'cannabis', 'cocaine', 'alcohol', 'alcohol;cocaine',
        'heroin;crack;alcohol', 'cannabis;alcohol', 'methadone'][1 + floor(r1 * 10)::INTEGER] AS substances,
       ['Self', 'GP', 'Criminal justice', 'Hospital', 'Social services'][1 + floor(r2 * 5)::INTEGER] AS referral_source,
       DATE '2015-04-01' + floor(r3 * 2920)::INTEGER AS start_date,
       CASE WHEN r2 * 1000 % 10 < 3 THEN NULL
            ELSE DATE '2015-04-01' + floor(r3 * 2920)::INTEGER + (7 + floor(r1 * 1000 % 1 * 600))::INTEGER END AS discharge_date,
       CASE WHEN r2 * 1000 % 10 < 3 THEN NULL
            ELSE ['Treatment completed', 'Dropped out', 'Transferred - in custody', 'Declined'][1 + floor(r1 * 100 % 1 * 4)::INTEGER] END AS discharge_reason,
       true AS synthetic
     FROM h JOIN utla ON utla.k = floor(ra * ${nUtla})::INTEGER`,
  );
  await engine.query(`DROP TABLE utla`);
}

async function tableCounts(engine: Eng): Promise<Record<string, number>> {
  const names = (
    await engine.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`,
    )
  )
    .toRows()
    .map((r) => String(r.table_name));
  const out: Record<string, number> = {};
  for (const t of names) out[t] = await count(engine, t);
  return out;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Recorded {
  sql: string;
  ms: number;
  /** Time spent turning this result into JS rows (toRows / slice), after the statement. */
  convertMs: number;
}

/** Wraps engine.query (in place) so every statement's time is recorded while `rec` is set. */
function instrument(engine: Eng): { set(rec: Recorded[] | null): void } {
  const orig = engine.query.bind(engine);
  let rec: Recorded[] | null = null;
  engine.query = async (sql: string, params?: unknown[]) => {
    const t = performance.now();
    const entry: Recorded = { sql, ms: 0, convertMs: 0 };
    try {
      const res = (await orig(sql, params)) as Res & { slice?: (...a: unknown[]) => unknown };
      const toRows = res.toRows.bind(res);
      res.toRows = () => {
        const c = performance.now();
        try {
          return toRows();
        } finally {
          entry.convertMs += performance.now() - c;
        }
      };
      if (typeof res.slice === 'function') {
        const slice = res.slice.bind(res);
        res.slice = (...a: unknown[]) => {
          const c = performance.now();
          try {
            return slice(...a);
          } finally {
            entry.convertMs += performance.now() - c;
          }
        };
      }
      return res;
    } finally {
      entry.ms = performance.now() - t;
      rec?.push(entry);
    }
  };
  return { set: (r) => (rec = r) };
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
/** Same statement shape regardless of how many placeholders an IN list has. */
const shape = (sql: string) => oneLine(sql).replace(/(\?\s*,\s*)+\?/g, '?…');

async function timeViews(
  engine: Eng,
  mod: ViewsModule,
  dataset: string,
  focal: string[],
  sameRepeats: number,
  ids: string[],
  mainTable: (id: string) => string,
  counts: Record<string, number>,
): Promise<ScaleTiming[]> {
  const probe = instrument(engine);
  const out: ScaleTiming[] = [];
  for (const id of ids) {
    const main = mainTable(id);
    const base = {
      id,
      dataset,
      mainTable: main,
      mainRows: counts[main] ?? 0,
      focalAreas: focal,
    };
    try {
      // One environment per change of tables (as the app builds it), outside the timed runs.
      const env = await mod.buildViewEnvironment(engine);
      const params = (area: string) => ({
        focalArea: area,
        comparator: 'region',
        customComparators: [],
        latestPeriod: null,
      });
      const options = Object.fromEntries(
        (await mod.viewOptions(mod.resolveViewContext(env, params(focal[0])), id)).map((o) => [
          o.key,
          o.default,
        ]),
      );
      const runs: { area: string; ms: number; ctxMs: number; queries: Recorded[] }[] = [];
      let last: { indicators?: unknown[]; tables?: { rows: unknown[] }[]; notes?: string[] } = {};
      const once = async (area: string) => {
        const rec: Recorded[] = [];
        probe.set(rec);
        const t0 = performance.now();
        const ctx = mod.resolveViewContext(env, params(area));
        const t1 = performance.now();
        last = (await mod.runView(id, ctx, options)) as typeof last;
        const t2 = performance.now();
        probe.set(null);
        runs.push({ area, ms: t2 - t0, ctxMs: t1 - t0, queries: rec });
      };
      for (const a of focal) await once(a);
      for (let i = 0; i < sameRepeats; i++) await once(focal[focal.length - 1]);
      const cold = runs[0];
      const warmNew = runs.slice(1, focal.length);
      const warmSame = runs.slice(focal.length);
      const byShape = new Map<string, { calls: number; total: number; max: number }>();
      for (const r of warmNew)
        for (const q of r.queries) {
          const k = shape(q.sql);
          const e = byShape.get(k) ?? { calls: 0, total: 0, max: 0 };
          e.calls++;
          e.total += q.ms;
          e.max = Math.max(e.max, q.ms);
          byShape.set(k, e);
        }
      const nw = Math.max(1, warmNew.length);
      const warmMs = median(warmNew.map((r) => r.ms));
      out.push({
        ...base,
        coldMs: cold.ms,
        warmNewMs: warmMs,
        warmNewMin: warmNew.length ? Math.min(...warmNew.map((r) => r.ms)) : null,
        warmNewMax: warmNew.length ? Math.max(...warmNew.map((r) => r.ms)) : null,
        warmNewRuns: warmNew.map((r) => Math.round(r.ms)),
        warmSameMs: median(warmSame.map((r) => r.ms)),
        warmSameRuns: warmSame.map((r) => Math.round(r.ms)),
        contextMs: median(warmNew.map((r) => r.ctxMs)),
        queriesPerRun: Math.round(warmNew.reduce((s, r) => s + r.queries.length, 0) / nw),
        queryMsPerRun: median(warmNew.map((r) => r.queries.reduce((s, q) => s + q.ms, 0))),
        convertMsPerRun: median(warmNew.map((r) => r.queries.reduce((s, q) => s + q.convertMs, 0))),
        slowestQueries: [...byShape.entries()]
          .sort((a, b) => b[1].total - a[1].total)
          .slice(0, 5)
          .map(([sql, e]) => ({
            sql: sql.length > 400 ? `${sql.slice(0, 400)}…` : sql,
            calls: Math.round((e.calls / nw) * 10) / 10,
            msPerRun: e.total / nw,
            maxMs: e.max,
          })),
        resultIndicators: last.indicators?.length ?? 0,
        resultTableRows: (last.tables ?? []).reduce((n, t) => n + t.rows.length, 0),
        notes: last.notes ?? [],
        medianRunQueries: (() => {
          const sorted = [...warmNew].sort((a, b) => a.ms - b.ms);
          const m = sorted[Math.floor((sorted.length - 1) / 2)];
          return (m?.queries ?? []).map((q) => ({
            sql: oneLine(q.sql).slice(0, 160),
            ms: Math.round(q.ms * 10) / 10,
            convertMs: Math.round(q.convertMs * 10) / 10,
          }));
        })(),
        pass: warmMs == null ? null : warmMs <= TARGET_MS,
      });
    } catch (e) {
      probe.set(null);
      out.push({
        ...base,
        coldMs: null,
        warmNewMs: null,
        warmNewMin: null,
        warmNewMax: null,
        warmNewRuns: [],
        warmSameMs: null,
        warmSameRuns: [],
        contextMs: null,
        queriesPerRun: 0,
        queryMsPerRun: null,
        convertMsPerRun: null,
        slowestQueries: [],
        medianRunQueries: [],
        resultIndicators: 0,
        resultTableRows: 0,
        notes: [],
        pass: false,
        error: String(e).split('\n')[0],
      });
    }
  }
  return out;
}

const MAIN: Record<string, string> = {
  'unmet-need': 'treatment',
  'drug-deaths': 'deaths',
  'cjs-treatment': 'cjs_treatment',
  'la-comparison': 'indicators',
};

/** Builds both datasets (one fresh engine each) and times the views on them. */
export async function benchViewsAtScale(
  log: (s: string) => void,
  opts: { quick: boolean; episodes?: number; ids?: string[] },
): Promise<ScaleResult> {
  const mod = (await load('src/lib/views/index.ts')) as ViewsModule;
  let { createNodeEngine } = (await load('src/lib/engine/node.ts')) as {
    createNodeEngine(): Promise<Eng>;
  };
  const quick = opts.quick;
  if (process.env.BENCH_SQL_DEBUG) {
    const orig = createNodeEngine;
    createNodeEngine = async () => {
      const e = await orig();
      const q = e.query.bind(e);
      e.query = async (sql, params) => {
        try {
          return await q(sql, params);
        } catch (x) {
          console.error(sql);
          throw x;
        }
      };
      return e;
    };
  }
  const focal = quick ? FOCAL.slice(0, 3) : FOCAL;
  const result: ScaleResult = {
    quick,
    targetMs: TARGET_MS,
    tables: {},
    buildSeconds: {},
    timings: [],
  };
  const nationalName = quick ? 'national (quick: ~20 areas × 3 yrs)' : 'national';
  const episodes = opts.episodes ?? (quick ? 50_000 : 1_000_000);
  const episodesName = `${episodes.toLocaleString('en-GB')} episodes`;

  log(`views at scale: building the ${nationalName} dataset in the wasm engine ...`);
  const engine = await createNodeEngine();
  try {
    let t = performance.now();
    await buildNational(engine, quick);
    result.buildSeconds[nationalName] = (performance.now() - t) / 1000;
    const counts = await tableCounts(engine);
    result.tables[nationalName] = counts;
    log(
      `  built in ${result.buildSeconds[nationalName].toFixed(1)} s: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
        .join(', ')}`,
    );
    log(`  timing 4 views × ${focal.length} focal areas + 3 repeats ...`);
    result.timings.push(
      ...(await timeViews(
        engine,
        mod,
        nationalName,
        focal,
        3,
        Object.keys(mod.VIEWS).filter((id) => !opts.ids || opts.ids.includes(id)),
        (id) => MAIN[id],
        counts,
      )),
    );
  } finally {
    await engine.close();
  }

  if (opts.ids && !opts.ids.includes('unmet-need')) return result;
  /** Unmet need over the episodes, built in a fresh engine; `prepare` makes them what is timed. */
  const timeEpisodes = async (name: string, prepare?: (e: Eng) => Promise<void>) => {
    log(`views at scale: building ${name} (no treatment table) ...`);
    const engine = await createNodeEngine();
    try {
      const t = performance.now();
      await buildEpisodes(engine, episodes);
      await prepare?.(engine);
      result.buildSeconds[name] = (performance.now() - t) / 1000;
      const counts = await tableCounts(engine);
      result.tables[name] = counts;
      log(
        `  built in ${result.buildSeconds[name].toFixed(1)} s: ${Object.entries(counts)
          .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
          .join(', ')}`,
      );
      result.timings.push(
        ...(await timeViews(
          engine,
          mod,
          name,
          focal,
          3,
          ['unmet-need'],
          () => 'treatment_episodes',
          counts,
        )),
      );
    } finally {
      await engine.close();
    }
  };
  await timeEpisodes(episodesName);
  await timeEpisodes(`${episodesName}, as a file's view`, asFilesView);
  return result;
}

/**
 * The episodes as an analyst's file gives them: a table of its own, recognised, and
 * treatment_episodes a view over it (src/lib/engine/lazyCanonical.ts), not a copy. What the
 * view costs the views, beside the stored table.
 */
async function asFilesView(engine: Eng): Promise<void> {
  await engine.query(
    'ALTER TABLE treatment_episodes RENAME TO episodes_file; ALTER TABLE episodes_file DROP COLUMN synthetic',
  );
  const { recogniseTable } = (await load('src/lib/schema/recognise.ts')) as {
    recogniseTable(e: Eng, table: string, file: string): Promise<{ mapping: unknown }>;
  };
  const { applyMapping } = (await load('src/lib/schema/apply.ts')) as {
    applyMapping(e: Eng, table: string, proposal: unknown): Promise<unknown>;
  };
  await applyMapping(
    engine,
    'episodes_file',
    await recogniseTable(engine, 'episodes_file', 'episodes.csv'),
  );
  const views = (
    await engine.query(
      `SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'treatment_episodes'`,
    )
  ).toRows()[0]?.n;
  if (Number(views) !== 1) throw new Error('treatment_episodes was copied, not made a view');
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const ms = (x: number | null) => (x == null ? 'n/a' : x.toFixed(0));

/** The printed table (also used by the views-only CLI). */
export function formatScale(r: ScaleResult): string {
  const L: string[] = [];
  L.push(
    `VIEWS AT SCALE (resolveViewContext + run() in Node on the wasm engine, per focal area; cold = first run after load;`,
  );
  L.push(
    `               warm new = median [min–max] over the next focal areas; warm same = median of 3 repeats; target warm ≤ ${r.targetMs} ms)`,
  );
  for (const [ds, counts] of Object.entries(r.tables))
    L.push(
      `  ${ds} (built in ${(r.buildSeconds[ds] ?? 0).toFixed(1)} s): ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
        .join(', ')}`,
    );
  L.push(
    `  ${pad('view', 14)} ${pad('dataset', 36)} ${pad('main table rows', 28)} ${pad('cold ms', 8)} ${pad('warm new ms', 20)} ${pad('warm same', 10)} ${pad('queries', 8)} target  (last run: indicator rows / table rows)`,
  );
  for (const t of r.timings) {
    const rows = `${t.mainTable} ${t.mainRows.toLocaleString('en-GB')}`;
    if (t.error) {
      L.push(`  ${pad(t.id, 14)} ${pad(t.dataset, 36)} ${pad(rows, 28)} ERROR ${t.error}`);
      continue;
    }
    L.push(
      `  ${pad(t.id, 14)} ${pad(t.dataset, 36)} ${pad(rows, 28)} ${pad(ms(t.coldMs), 8)} ${pad(`${ms(t.warmNewMs)} [${ms(t.warmNewMin)}–${ms(t.warmNewMax)}]`, 20)} ${pad(ms(t.warmSameMs), 10)} ${pad(String(t.queriesPerRun), 8)} ${t.pass ? 'PASS' : 'MISS'}    ${t.resultIndicators} / ${t.resultTableRows}`,
    );
  }
  const misses = r.timings.filter((t) => !t.error && t.pass === false);
  for (const t of misses) {
    L.push(
      `  ${t.id} on ${t.dataset}: ${ms(t.queryMsPerRun)} ms of a warm run inside engine.query (${t.queriesPerRun} statements), ${ms(t.convertMsPerRun)} ms turning results into JS rows, the rest (${ms((t.warmNewMs ?? 0) - (t.queryMsPerRun ?? 0) - (t.convertMsPerRun ?? 0))} ms) the view's own JS; resolveViewContext ${ms(t.contextMs)} ms. Costliest statements per run:`,
    );
    for (const q of t.slowestQueries.slice(0, 3))
      L.push(
        `    ${q.msPerRun.toFixed(0).padStart(5)} ms (${q.calls}× per run, slowest ${q.maxMs.toFixed(0)} ms) ${q.sql.slice(0, 140)}`,
      );
  }
  return L.join('\n');
}
