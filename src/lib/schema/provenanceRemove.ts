/** Removing a load's rows everywhere (bringing back what it had replaced), and renaming a load. */
import type { Engine } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { emptyLazy } from '../engine/lazyCanonical';
import { CANONICAL_TABLES, type CanonicalTableName } from './tables';
import {
  SOURCES_TABLE,
  supersededTable,
  exists,
  columnsOf,
  countWhere,
  countIn,
} from './provenanceStore';
import { resolvePrecedence } from './precedence';

export interface RemoveResult {
  /** Rows removed per canonical table (rows set aside included). */
  removed: Partial<Record<CanonicalTableName, number>>;
  /** Synthetic rows brought back per table because the real rows covering them went. */
  restored: Partial<Record<CanonicalTableName, number>>;
}

/** Removes every row a source gave, everywhere, and brings back the synthetic rows it covered. */
export async function removeSource(engine: Engine, sourceId: string): Promise<RemoveResult> {
  await engine.query('BEGIN TRANSACTION');
  try {
    const out = await removeSourceRows(engine, sourceId);
    await engine.query('COMMIT');
    return out;
  } catch (e) {
    await engine.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** removeSource inside the caller's transaction (a derivation replacing its earlier rows). */
export async function removeSourceRows(engine: Engine, sourceId: string): Promise<RemoveResult> {
  const out: RemoveResult = { removed: {}, restored: {} };
  for (const def of CANONICAL_TABLES) {
    const table = def.name;
    if (!(await exists(engine, table))) continue;
    if (!(await columnsOf(engine, table)).has('source_id')) continue;
    const t = quoteIdent(table);
    let removed = await countWhere(engine, t, 'source_id = ?', [sourceId]);
    // A view over the file's own table (../engine/lazyCanonical.ts) shows this one source's
    // rows only: emptied, rather than stored as a copy and then deleted.
    if (removed > 0 && !(await emptyLazy(engine, table)))
      await engine.query(`DELETE FROM ${t} WHERE source_id = ?`, [sourceId]);
    const side = supersededTable(table);
    if (await exists(engine, side)) {
      const s = quoteIdent(side);
      const gone = await countWhere(engine, s, 'source_id = ?', [sourceId]);
      if (gone > 0) await engine.query(`DELETE FROM ${s} WHERE source_id = ?`, [sourceId]);
      removed += gone;
      // What it had replaced comes back (unless another source still covers it).
      const back = await countWhere(engine, s, 'superseded_by = ?', [sourceId]);
      if (back > 0) {
        const before = await countIn(engine, side);
        await resolvePrecedence(engine, table);
        const restored = before - (await countIn(engine, side));
        if (restored > 0) out.restored[table] = restored;
      }
    }
    if (removed > 0) out.removed[table] = removed;
  }
  if (await exists(engine, SOURCES_TABLE))
    await engine.query(`DELETE FROM ${SOURCES_TABLE} WHERE source_id = ?`, [sourceId]);
  return out;
}

/** A raw table renamed after loading: its rows keep pointing at it under the new name. */
export async function renameSource(engine: Engine, from: string, to: string): Promise<void> {
  for (const def of CANONICAL_TABLES) {
    for (const table of [def.name, supersededTable(def.name)]) {
      if (!(await exists(engine, table))) continue;
      const cols = await columnsOf(engine, table);
      const t = quoteIdent(table);
      if (cols.has('source_id'))
        await engine.query(`UPDATE ${t} SET source_id = ? WHERE source_id = ?`, [to, from]);
      if (cols.has('superseded_by'))
        await engine.query(`UPDATE ${t} SET superseded_by = ? WHERE superseded_by = ?`, [to, from]);
    }
  }
  if (await exists(engine, SOURCES_TABLE))
    await engine.query(`UPDATE ${SOURCES_TABLE} SET source_id = ? WHERE source_id = ?`, [to, from]);
}
