/**
 * Probe behind the views findings in bench/README.md: what the catalog look-ups and the
 * full-table checks the views repeat on every run cost on the wasm engine, and what the
 * cheaper forms of the same question cost. `npx tsx bench/lib/viewsProbe.ts` (~20 s).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildNational, type Eng } from './viewsScale';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function main() {
  const { createNodeEngine } = (await import(
    pathToFileURL(path.join(ROOT, 'src/lib/engine/node.ts')).href
  )) as { createNodeEngine(): Promise<Eng> };
  const engine = await createNodeEngine();
  try {
    await buildNational(engine, false);
    const cases: [string, string, unknown[]?][] = [
      [
        'tableExists today (information_schema.tables, bound parameter)',
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`,
        ['deaths'],
      ],
      [
        'same, literal (no prepared statement)',
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'deaths' AND table_schema = 'main'`,
      ],
      [
        'duckdb_tables(), bound parameter',
        `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'`,
        ['deaths'],
      ],
      [
        'tableColumns today (information_schema.columns)',
        `SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main'`,
        ['deaths'],
      ],
      [
        'whole catalog once: duckdb_columns() (every table and column)',
        `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'`,
      ],
      [
        'isSynthetic(deaths) today: lower(CAST(synthetic AS VARCHAR)) over 785k rows',
        `SELECT coalesce(bool_or(lower(CAST(synthetic AS VARCHAR)) IN ('true', 't', '1', 'yes', 'y')), false) AS s FROM "deaths" WHERE age_band <> 'All ages'`,
      ],
      [
        'isSynthetic(deaths) on a BOOLEAN column, stop at the first true',
        `SELECT count(*) AS s FROM (SELECT 1 FROM "deaths" WHERE synthetic AND age_band <> 'All ages' LIMIT 1)`,
      ],
      [
        'drug-deaths banded check today: count(*) over every row',
        `SELECT count(*) AS n FROM deaths WHERE lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all')`,
      ],
      [
        'same question, stop at the first row',
        `SELECT count(*) AS n FROM (SELECT 1 FROM deaths WHERE lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') LIMIT 1)`,
      ],
    ];
    const REPS = 30;
    for (const [label, sql, params] of cases) {
      await engine.query(sql, params);
      const xs: number[] = [];
      for (let i = 0; i < REPS; i++) {
        const t = performance.now();
        await engine.query(sql, params);
        xs.push(performance.now() - t);
      }
      xs.sort((a, b) => a - b);
      console.log(
        `${xs[REPS >> 1].toFixed(2).padStart(7)} ms median [${xs[0].toFixed(2)}–${xs[REPS - 1].toFixed(2)}]  ${label}`,
      );
    }
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
