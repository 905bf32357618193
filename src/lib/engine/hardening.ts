/**
 * Settings applied to every database before any user SQL runs, so notebook SQL cannot reach the
 * network or re-enable anything that could. Verified on duckdb-wasm 1.32.0 (see
 * ../shared/design/ENGINE-NOTES.md); tests/unit/engine/hardening.test.ts proves each one.
 *
 * - Extension autoload/autoinstall off: otherwise DuckDB fetches json/parquet/icu from the web.
 * - allowed_directories: the one virtual folder our registered files live in.
 * - enable_external_access=false: no http(s) reads, no ATTACH of a remote or unregistered file,
 *   no LOAD of an extension.
 * - lock_configuration=true: a later `SET`/`RESET` from a cell cannot undo any of the above.
 */

/** Every registered file is named under this prefix; SQL may read nothing else. */
export const FILE_PREFIX = '/jsna-files/';

export const HARDENING_SQL: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  `SET allowed_directories = ['${FILE_PREFIX}']`,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

/*
 * Why a statement guard as well as the locked configuration (checked on the real engine,
 * tests/unit/engine/hardening.test.ts):
 * - The configuration blocks reading URLs or unregistered paths, ATTACH, LOAD, SET/RESET.
 * - It does NOT block `INSTALL x` / `FORCE INSTALL x` (DuckDB accepts them and records the
 *   extension, which a later autoload would fetch from the web), nor `EXPLAIN ANALYZE INSTALL x`
 *   (which runs the INSTALL), nor `COPY ... TO` / `EXPORT DATABASE` into the registered-files
 *   folder (the configuration allows writes there, so a notebook could overwrite a data file).
 * So those are refused here, before they reach the engine. The guard reads SQL the way DuckDB's
 * parser does: a real tokenizer for '...' ('' escape), E'...' (backslash escape), $$...$$ and
 * $tag$...$tag$, "..." identifiers, -- and nested /* *\/ comments, so no quoting or comment trick
 * hides a statement from it, and it looks inside EXPLAIN [ANALYZE] and PREPARE ... AS.
 */

type TokenKind = 'word' | 'string' | 'ident' | 'symbol' | 'semicolon';
export interface Token {
  kind: TokenKind;
  text: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/**
 * Splits SQL into tokens (comments and whitespace dropped). An unterminated string or comment
 * runs to the end, as DuckDB would refuse the whole text anyway.
 */
export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      // DuckDB (like PostgreSQL) ends a line comment at a carriage return as well as a line
      // feed: what follows a lone \r is a statement it runs, so it must be one read here.
      let end = i + 2;
      while (end < n && sql[end] !== '\n' && sql[end] !== '\r') end++;
      i = end;
    } else if (ch === '/' && next === '*') {
      // DuckDB (like PostgreSQL) nests block comments.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (ch === "'") {
      i = readQuoted(sql, i, "'", false);
      tokens.push({ kind: 'string', text: '' });
    } else if (ch === '"') {
      const end = readQuoted(sql, i, '"', false);
      tokens.push({ kind: 'ident', text: sql.slice(i + 1, end - 1).replace(/""/g, '"') });
      i = end;
    } else if (ch === '$') {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 200));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        tokens.push({ kind: 'string', text: '' });
      } else {
        // A parameter ($1, $name).
        i++;
        while (i < n && WORD_PART.test(sql[i]) && sql[i] !== '$') i++;
        tokens.push({ kind: 'symbol', text: '$' });
      }
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < n && WORD_PART.test(sql[end])) end++;
      const word = sql.slice(i, end);
      if ((word === 'e' || word === 'E') && sql[end] === "'") {
        i = readQuoted(sql, end, "'", true);
        tokens.push({ kind: 'string', text: '' });
      } else {
        tokens.push({ kind: 'word', text: word.toUpperCase() });
        i = end;
      }
    } else if (ch === ';') {
      tokens.push({ kind: 'semicolon', text: ';' });
      i++;
    } else {
      tokens.push({ kind: 'symbol', text: ch });
      i++;
    }
  }
  return tokens;
}

/** Index just past the closing quote of the literal that opens at `start`. */
function readQuoted(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslash && ch === '\\') i += 2;
    else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** The statements of a SQL text, as token lists (empty statements dropped). */
export function splitStatements(sql: string): Token[][] {
  const statements: Token[][] = [[]];
  for (const t of tokenizeSql(sql)) {
    if (t.kind === 'semicolon') statements.push([]);
    else statements[statements.length - 1].push(t);
  }
  return statements.filter((s) => s.length > 0);
}

const isWord = (t: Token | undefined, ...words: string[]) =>
  t?.kind === 'word' && words.includes(t.text);

/** Skips a parenthesised group starting at `i` (which must be "("); returns the index after it. */
function skipParens(tokens: Token[], i: number): number {
  let depth = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i].kind === 'symbol' && tokens[i].text === '(') depth++;
    else if (tokens[i].kind === 'symbol' && tokens[i].text === ')' && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/** The statement a wrapper runs or plans: EXPLAIN [ANALYZE] [(...)] x, PREPARE p [(...)] AS x. */
function unwrap(tokens: Token[]): Token[] {
  let t = tokens;
  for (;;) {
    if (isWord(t[0], 'EXPLAIN')) {
      let i = 1;
      while (isWord(t[i], 'ANALYZE', 'ANALYSE', 'VERBOSE')) i++;
      if (t[i]?.kind === 'symbol' && t[i].text === '(') i = skipParens(t, i);
      t = t.slice(i);
    } else if (isWord(t[0], 'PREPARE')) {
      let i = 2; // PREPARE name
      if (t[i]?.kind === 'symbol' && t[i].text === '(') i = skipParens(t, i);
      if (isWord(t[i], 'AS')) i++;
      t = t.slice(i);
    } else return t;
  }
}

export type RefusedStatement = { statement: string; reason: 'extension' | 'write' };

/** The first statement the guard refuses, or null. */
export function findRefusedStatement(sql: string): RefusedStatement | null {
  for (const whole of splitStatements(sql)) {
    const t = unwrap(whole);
    if (isWord(t[0], 'INSTALL', 'LOAD')) return { statement: t[0].text, reason: 'extension' };
    if (isWord(t[0], 'FORCE') && isWord(t[1], 'INSTALL'))
      return { statement: 'FORCE INSTALL', reason: 'extension' };
    if (isWord(t[0], 'UPDATE') && isWord(t[1], 'EXTENSIONS'))
      return { statement: 'UPDATE EXTENSIONS', reason: 'extension' };
    if (isWord(t[0], 'EXPORT', 'IMPORT') && isWord(t[1], 'DATABASE'))
      return { statement: `${t[0].text} DATABASE`, reason: 'write' };
    if (isWord(t[0], 'COPY') && copyWrites(t)) return { statement: 'COPY ... TO', reason: 'write' };
  }
  return null;
}

/** COPY x TO 'file' (a TO outside any parentheses) writes a file; COPY x FROM reads one. */
function copyWrites(tokens: Token[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'symbol' && t.text === '(') depth++;
    else if (t.kind === 'symbol' && t.text === ')') depth--;
    else if (depth === 0 && isWord(t, 'TO')) return true;
  }
  return false;
}

/** Refuses, with advice, the statements the locked configuration does not stop by itself. */
export function assertStatementsAllowed(sql: string): void {
  const refused = findRefusedStatement(sql);
  if (!refused) return;
  if (refused.reason === 'extension')
    throw new Error(
      `DuckDB extensions are switched off in this app, because installing or loading one would download code from the internet. "${refused.statement}" cannot run.`,
    );
  throw new Error(
    `Writing files from SQL is switched off in this app: a query may only read the files added to the notebook. "${refused.statement}" cannot run; use the Download buttons to export a result.`,
  );
}

/** Turns DuckDB's wording for a blocked action into advice an analyst can act on. */
export function explainEngineError(message: string): string {
  const m = message.trim();
  if (/configuration has been locked|lock_configuration/i.test(m))
    return `Settings are locked so that nothing can leave this computer; this SET cannot run. (${m})`;
  if (/Loading external extensions is disabled/i.test(m))
    return `This needs a DuckDB extension, and extensions are switched off in this app because installing one would download code from the internet. (${m})`;
  if (
    /external access|file system operations are disabled|external extensions is disabled/i.test(m)
  )
    return `Reading from the internet, or from files that were not added to the notebook, is switched off: nothing may leave this computer. Add the file with "Add data files" and query its table instead. (${m})`;
  if (/exists in the \w+ extension|autoload/i.test(m))
    return `This needs a DuckDB extension, and extensions are switched off in this app because installing one would download code from the internet. (${m})`;
  return m;
}
