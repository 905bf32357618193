/**
 * Whether a SQL text only reads: then running it cannot have created, changed or dropped a table,
 * and the app need not re-read the table list and rebuild the views' environment after it (half a
 * second with the demo's tables, and every view's shared answers thrown away).
 *
 * Conservative by construction: every statement must start with a reading keyword and no
 * statement may contain a word that writes anywhere (so `WITH x AS (...) INSERT ...`, EXPLAIN
 * ANALYZE of a write, or an unfamiliar statement count as writing). Getting it wrong in that
 * direction only costs a refresh.
 */
import { splitStatements } from './hardening';

const READS = new Set([
  'SELECT',
  'FROM',
  'WITH',
  'VALUES',
  'TABLE',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
  'PIVOT',
  'UNPIVOT',
]);

const WRITES = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
  'COPY',
  'ATTACH',
  'DETACH',
  'CALL',
  'IMPORT',
  'EXPORT',
  'CHECKPOINT',
  'VACUUM',
  'COMMENT',
  'USE',
  'SET',
  'RESET',
  'PRAGMA',
  'INSTALL',
  'LOAD',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
]);

export function onlyReads(sql: string): boolean {
  const statements = splitStatements(sql);
  return (
    statements.length > 0 &&
    statements.every(
      (tokens) =>
        tokens[0].kind === 'word' &&
        READS.has(tokens[0].text) &&
        !tokens.some((t) => t.kind === 'word' && WRITES.has(t.text)),
    )
  );
}
