/**
 * Which source the views read for each coverage value: a real source when there is one, else the
 * newest synthetic source; the other synthetic rows wait in the side table (provenance.ts).
 */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { canonicalTable, coverageOf, type CanonicalTableName } from './tables';
import {
  SOURCES_TABLE,
  supersededTable,
  isSyntheticSql,
  sameCoverage,
  exists,
  columnsOf,
  countWhere,
} from './provenanceStore';

/** The side table synthetic rows wait in while a real source covers them, in step with `table`. */
async function ensureSuperseded(engine: Engine, table: CanonicalTableName): Promise<string> {
  const side = supersededTable(table);
  if (!(await exists(engine, side)))
    await engine.query(
      `CREATE TABLE ${quoteIdent(side)} AS SELECT *, CAST(NULL AS VARCHAR) AS superseded_by FROM ${quoteIdent(table)} LIMIT 0`,
    );
  const have = await columnsOf(engine, side);
  for (const [name, type] of await columnsOf(engine, table))
    if (!have.has(name))
      await engine.query(`ALTER TABLE ${quoteIdent(side)} ADD COLUMN ${quoteIdent(name)} ${type}`);
  return side;
}

/**
 * Decides, for every coverage value of a table, which source the views read: a real source when
 * there is one, else the newest synthetic source. Synthetic rows of every other source are moved
 * into the side table (with the winner's id as `superseded_by`); rows set aside earlier whose
 * winner has gone come back. Real rows are never set aside (two real sources are refused).
 */
export async function resolvePrecedence(engine: Engine, table: CanonicalTableName): Promise<void> {
  const cols = await columnsOf(engine, table);
  const columns = coverageOf(canonicalTable(table)).filter((c) => cols.has(c));
  if (columns.length === 0 || !cols.has('synthetic') || !cols.has('source_id')) return;
  const t = quoteIdent(table);
  const sideName = supersededTable(table);
  if (await exists(engine, sideName)) {
    const side = quoteIdent(sideName);
    await engine.query(`INSERT INTO ${t} BY NAME SELECT * EXCLUDE (superseded_by) FROM ${side}`);
    await engine.query(`DELETE FROM ${side}`);
  }
  if ((await countWhere(engine, t, 'COALESCE(synthetic, false)', [])) === 0) return;
  const order = (await exists(engine, SOURCES_TABLE))
    ? `COALESCE((SELECT max(seq) FROM ${SOURCES_TABLE} src WHERE src.source_id = r.source_id), 0)`
    : '0';
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE __winners AS
     SELECT ${columns.map(quoteIdent).join(', ')}, arg_max(COALESCE(source_id, ''), rank) AS winner FROM (
       SELECT ${columns.map((c) => `r.${quoteIdent(c)}`).join(', ')}, r.source_id,
              (CASE WHEN ${isSyntheticSql('r')} THEN 0 ELSE 1000000000000 END) + ${order} AS rank
       FROM ${t} r)
     GROUP BY ALL`,
  );
  try {
    // Rows with no recorded source (SQL cells) compete as source ''.
    const loser = `${isSyntheticSql('s')} AND COALESCE(s.source_id, '') <> w.winner`;
    const n = Number(
      (
        await engine.query(
          `SELECT count(*) AS n FROM ${t} s JOIN __winners w ON ${sameCoverage(columns, 's', 'w')} WHERE ${loser}`,
        )
      ).toRows()[0]?.n ?? 0,
    );
    if (n === 0) return;
    const side = quoteIdent(await ensureSuperseded(engine, table));
    await engine.query(
      `INSERT INTO ${side} BY NAME SELECT s.*, NULLIF(w.winner, '') AS superseded_by
       FROM ${t} s JOIN __winners w ON ${sameCoverage(columns, 's', 'w')} WHERE ${loser}`,
    );
    await engine.query(
      `DELETE FROM ${t} s WHERE EXISTS (SELECT 1 FROM __winners w WHERE ${sameCoverage(columns, 's', 'w')} AND ${loser})`,
    );
  } finally {
    await engine.query('DROP TABLE IF EXISTS __winners');
  }
}
