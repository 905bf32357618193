/** Reading provenance back for the data panel and the views: sources, overrides, synthetic keys. */
import type { Engine } from '../engine/types';
import { TABLES_SQL } from '../engine/lazyCanonical';
import { quoteIdent } from '../engine/sql';
import { CANONICAL_TABLES, coverageOf, type CanonicalTableName } from './tables';
import { SOURCES_TABLE, supersededTable, columnsOf } from './provenanceStore';

/** A source's share of one canonical table. */
export interface TableSource {
  table: CanonicalTableName;
  /** null for rows with no recorded source (added by a SQL cell or a summing step). */
  sourceId: string | null;
  fileName: string;
  /** Rows the views read. */
  rows: number;
  /** Its synthetic rows set aside because real rows cover them. */
  rowsSuperseded: number;
  synthetic: boolean;
}

/** Real rows standing in for synthetic ones: one per table and coverage value. */
export interface Override {
  table: CanonicalTableName;
  /** The coverage value, e.g. { area_code: 'E06000010', period: '2022/23' }. */
  key: Record<string, string | null>;
  /** The source the views read instead (real, or a newer synthetic one). */
  bySourceId: string | null;
  byFile: string;
  bySynthetic: boolean;
  /** The files whose (synthetic) rows are set aside. */
  syntheticFiles: string[];
  /** Synthetic rows set aside for this key. */
  rows: number;
}

export interface Provenance {
  sources: TableSource[];
  overrides: Override[];
  /** Coverage values (e.g. area and period) the views still read synthetic rows for, per table. */
  syntheticKeys: Partial<Record<CanonicalTableName, Record<string, string | null>[]>>;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Sources, overrides and synthetic keys of every canonical table: a few statements per table. */
export async function readProvenance(engine: Engine): Promise<Provenance> {
  const out: Provenance = { sources: [], overrides: [], syntheticKeys: {} };
  const present = new Set(
    (await engine.query(`SELECT table_name FROM ${TABLES_SQL} WHERE schema_name = 'main'`))
      .toRows()
      .map((r) => String(r.table_name)),
  );
  const hasSources = present.has(SOURCES_TABLE);
  for (const def of CANONICAL_TABLES) {
    const table = def.name;
    if (!present.has(table)) continue;
    const cols = await columnsOf(engine, table);
    const t = quoteIdent(table);
    const side = supersededTable(table);
    const hasSide = present.has(side);
    const syn = cols.has('synthetic') ? 'COALESCE(synthetic, false)' : 'false';
    const prov = cols.has('source_id')
      ? 'source_id, source_file'
      : 'CAST(NULL AS VARCHAR) AS source_id, CAST(NULL AS VARCHAR) AS source_file';
    const rows = (
      await engine.query(
        `SELECT source_id, any_value(source_file) AS source_file, count(*) FILTER (WHERE NOT hidden) AS n,
                count(*) FILTER (WHERE hidden) AS hidden, bool_and(syn) AS synthetic
         FROM (SELECT ${prov}, ${syn} AS syn, false AS hidden FROM ${t}
               ${hasSide ? `UNION ALL SELECT source_id, source_file, COALESCE(synthetic, false), true FROM ${quoteIdent(side)}` : ''})
         GROUP BY source_id ORDER BY any_value(source_file) NULLS LAST, source_id`,
      )
    ).toRows();
    for (const r of rows)
      out.sources.push({
        table,
        sourceId: text(r.source_id),
        fileName:
          text(r.source_file) ?? 'rows added in the notebook (a SQL cell or a summing step)',
        rows: Number(r.n),
        rowsSuperseded: Number(r.hidden),
        synthetic: r.synthetic === true,
      });
    const coverage = coverageOf(def).filter((c) => cols.has(c));
    if (coverage.length === 0) continue;
    const keyCols = coverage.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`);
    if (hasSide) {
      const o = (
        await engine.query(
          `SELECT ${coverage.map((c) => `CAST(s.${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`).join(', ')},
                  s.superseded_by, ${hasSources ? 'any_value(src.source_file)' : 'NULL'} AS by_file,
                  string_agg(DISTINCT s.source_file, chr(31) ORDER BY s.source_file) AS synthetic_files, count(*) AS n
           FROM ${quoteIdent(side)} s ${hasSources ? `LEFT JOIN ${SOURCES_TABLE} src ON src.source_id = s.superseded_by` : ''}
           GROUP BY ALL ORDER BY ALL`,
        )
      ).toRows();
      for (const r of o)
        out.overrides.push({
          table,
          key: Object.fromEntries(coverage.map((c) => [c, text(r[c])])),
          bySourceId: text(r.superseded_by),
          byFile: text(r.by_file) ?? 'rows added in the notebook',
          bySynthetic:
            out.sources.find((x) => x.table === table && x.sourceId === text(r.superseded_by))
              ?.synthetic ?? false,
          // Joined with the unit separator (chr 31), which no file name holds.
          syntheticFiles: String(r.synthetic_files ?? '')
            .split('\u001f')
            .filter(Boolean),
          rows: Number(r.n),
        });
    }
    if (cols.has('synthetic')) {
      const k = (
        await engine.query(
          `SELECT DISTINCT ${keyCols.join(', ')} FROM ${t} WHERE COALESCE(synthetic, false) ORDER BY ALL`,
        )
      ).toRows();
      if (k.length > 0)
        out.syntheticKeys[table] = k.map((r) =>
          Object.fromEntries(coverage.map((c) => [c, text(r[c])])),
        );
    }
  }
  return out;
}
