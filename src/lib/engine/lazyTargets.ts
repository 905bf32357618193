/**
 * Which tables a SQL text may change, read without the engine, for ./lazyCanonical.ts: before
 * such a statement a lazy canonical view over a file's table is stored as a table. Cautious by
 * design: a text it cannot read answers "unknown" (null), and the caller then stores every lazy
 * view; a text that only reads answers the empty set. Names are lower-case, without quotes or a
 * `main.` prefix. The text is read with the guard's tokenizer (./hardening.ts): comments and
 * string literals are not keywords, and neither is a quoted name such as "update".
 */
import { splitStatements, type Token } from './hardening';

const WRITES = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'DROP',
  'COPY',
  'TRUNCATE',
  'ATTACH',
  'DETACH',
  'IMPORT',
  'MERGE',
  'COMMENT',
  'CALL',
  'USE',
  'VACUUM',
  'CHECKPOINT',
  'INSTALL',
  'LOAD',
  // A prepared statement may write; which table it writes is not in the text.
  'EXECUTE',
]);

/** First words of statements that change no table (whatever words follow). */
const READS = new Set([
  'SELECT',
  'FROM',
  'VALUES',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
  'PRAGMA',
  'SET',
  'RESET',
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
]);

/**
 * What CREATE makes that is not a table and cannot change what a view reads. Not macros,
 * functions or types: a lazy view's expressions call trim, nullif, … and cast to types by name,
 * and a macro named like one of those would change its rows (so they store every view).
 */
const NOT_TABLES = new Set(['SEQUENCE', 'SCHEMA']);

const isWord = (t: Token | undefined, ...words: string[]) =>
  t?.kind === 'word' && words.includes(t.text);
const isSymbol = (t: Token | undefined, text: string) => t?.kind === 'symbol' && t.text === text;
const isName = (t: Token | undefined) => t?.kind === 'word' || t?.kind === 'ident';

/** Whether the text may change anything (a cheap first test). */
export function mayWrite(sql: string): boolean {
  return splitStatements(sql).some(writes);
}

const writes = (tokens: Token[]) => tokens.some((t) => t.kind === 'word' && WRITES.has(t.text));

/** The parts of a dotted name starting at `i` (db.schema.table), and the index after it. */
function nameAt(tokens: Token[], i: number): { parts: string[]; next: number } | null {
  if (!isName(tokens[i])) return null;
  const parts = [tokens[i].text.toLowerCase()];
  let j = i + 1;
  while (isSymbol(tokens[j], '.') && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1].text.toLowerCase());
    j += 2;
  }
  return { parts, next: j };
}

/** Skips the optional words at `i` in order ("IF", "NOT", "EXISTS"); returns the index after. */
function skip(tokens: Token[], i: number, ...words: string[]): number {
  for (const w of words) if (isWord(tokens[i], w)) i++;
  return i;
}

/** The table one writing statement changes: a name, none ([]), or null when it cannot tell. */
function targets(t: Token[]): string[] | null {
  const last = (i: number) => {
    const n = nameAt(t, i);
    return n ? [n.parts[n.parts.length - 1]] : null;
  };
  const [first, second] = t;
  if (isWord(first, ...READS)) return [];
  if (isWord(first, 'WITH'))
    return t.some((x) => isWord(x, 'INSERT', 'UPDATE', 'DELETE')) ? null : [];
  if (isWord(first, 'INSERT')) {
    let i = 1;
    if (isWord(t[i], 'OR')) i += 2;
    return isWord(t[i], 'INTO') ? last(i + 1) : null;
  }
  // `ONLY` (PostgreSQL's "not the inheriting tables") is accepted by DuckDB before the name.
  if (isWord(first, 'UPDATE')) return last(skip(t, 1, 'ONLY'));
  if (isWord(first, 'DELETE')) return isWord(second, 'FROM') ? last(skip(t, 2, 'ONLY')) : null;
  if (isWord(first, 'TRUNCATE')) return last(skip(t, 1, 'TABLE', 'ONLY'));
  if (isWord(first, 'ALTER')) {
    if (!isWord(second, 'TABLE', 'VIEW')) return null;
    const named = last(skip(t, 2, 'IF', 'EXISTS', 'ONLY'));
    // RENAME TO: the new name changes too (a table or view of the file's name, even a
    // temporary one found first, would take the place of the table a view reads).
    const to = t.findIndex((x, i) => isWord(x, 'TO') && isWord(t[i - 1], 'RENAME'));
    if (to < 0 || !named) return named;
    const renamed = last(to + 1);
    return renamed ? [...named, ...renamed] : null;
  }
  if (isWord(first, 'DROP')) {
    if (!isWord(second, 'TABLE', 'VIEW')) return null;
    const out: string[] = [];
    let i = skip(t, 2, 'IF', 'EXISTS');
    for (;;) {
      const n = nameAt(t, i);
      if (!n) return null;
      out.push(n.parts[n.parts.length - 1]);
      if (!isSymbol(t[n.next], ',')) return out;
      i = n.next + 1;
    }
  }
  if (isWord(first, 'CREATE')) {
    let i = skip(t, 1, 'OR', 'REPLACE');
    i = skip(t, i, 'TEMP');
    i = skip(t, i, 'TEMPORARY');
    if (isWord(t[i], ...NOT_TABLES)) return [];
    if (isWord(t[i], 'TABLE', 'VIEW')) return last(skip(t, i + 1, 'IF', 'NOT', 'EXISTS'));
    if (isWord(t[skip(t, i, 'UNIQUE')], 'INDEX')) {
      const on = t.findIndex((x) => isWord(x, 'ON'));
      return on < 0 ? null : last(on + 1);
    }
    return null;
  }
  if (isWord(first, 'COMMENT') && isWord(second, 'ON')) {
    const n = nameAt(t, 3);
    if (!n || !isWord(t[2], 'TABLE', 'VIEW', 'COLUMN')) return null;
    // COMMENT ON COLUMN table.column: the table is the part before the column.
    const parts = isWord(t[2], 'COLUMN') ? n.parts.slice(0, -1) : n.parts;
    return parts.length > 0 ? [parts[parts.length - 1]] : null;
  }
  if (isWord(first, 'COPY')) {
    // COPY (query) TO …, COPY table TO …: read. COPY table FROM …: writes the table.
    if (isSymbol(second, '(')) return [];
    const n = nameAt(t, 1);
    if (!n) return null;
    const from = t.findIndex((x) => isWord(x, 'FROM'));
    const to = t.findIndex((x) => isWord(x, 'TO'));
    if (from >= 0) return [n.parts[n.parts.length - 1]];
    return to >= 0 ? [] : null;
  }
  return null;
}

/**
 * The tables the text may change, or null when it cannot tell. DROP lists every name it drops;
 * ALTER … RENAME TO names the table renamed and its new name.
 */
export function changedTables(sql: string): Set<string> | null {
  const out = new Set<string>();
  for (const statement of splitStatements(sql)) {
    if (!writes(statement)) continue;
    const names = targets(statement);
    if (names === null) return null;
    for (const n of names) out.add(n);
  }
  return out;
}
