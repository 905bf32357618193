/**
 * Which tables a SQL text may change, read without the engine, for ./lazyCanonical.ts: before
 * such a statement a lazy canonical view over a file's table is stored as a table. Cautious by
 * design: a text it cannot read answers "unknown" (null), and the caller then stores every lazy
 * view; a text that only reads answers the empty set. Names are lower-case, without quotes or a
 * `main.` prefix.
 */

const WRITE =
  /\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|COPY|TRUNCATE|ATTACH|DETACH|IMPORT|MERGE|COMMENT|CALL|USE|VACUUM|CHECKPOINT|INSTALL|LOAD)\b/i;

/** The text with comments removed and string literals emptied (quoted names are kept). */
function code(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Keywords with quoted names blanked, so a column called "update" is not a keyword. */
const keywordsOf = (sql: string) => sql.replace(/"(?:[^"]|"")*"/g, '""');

/** Whether the text may change anything (a cheap first test). */
export function mayWrite(sql: string): boolean {
  return WRITE.test(keywordsOf(code(sql)));
}

/** The statements of a text, split on semicolons outside quotes. */
function statements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

const NAME = String.raw`((?:(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*\.\s*){0,2}(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))`;

/** "main"."Deaths" → deaths (the last part, unquoted, lower-case). */
function bare(name: string): string {
  const parts = name.match(/"(?:[^"]|"")+"|[A-Za-z_][\w$]*/g) ?? [name];
  const last = parts[parts.length - 1];
  return (last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last).toLowerCase();
}

const TARGETS: RegExp[] = [
  new RegExp(String.raw`^INSERT\s+(?:OR\s+\w+\s+)?INTO\s+${NAME}`, 'i'),
  new RegExp(String.raw`^UPDATE\s+${NAME}`, 'i'),
  new RegExp(String.raw`^DELETE\s+FROM\s+${NAME}`, 'i'),
  new RegExp(String.raw`^TRUNCATE\s+(?:TABLE\s+)?${NAME}`, 'i'),
  new RegExp(String.raw`^ALTER\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'i'),
  new RegExp(
    String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`,
    'i',
  ),
  new RegExp(String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX\s+[\s\S]*?\bON\s+${NAME}`, 'i'),
  new RegExp(String.raw`^COMMENT\s+ON\s+(?:TABLE|VIEW|COLUMN)\s+${NAME}`, 'i'),
  new RegExp(String.raw`^COPY\s+${NAME}\s*(?:\([^)]*\)\s*)?FROM\b`, 'i'),
];

/** Statements that change no table. */
const NO_TABLE =
  /^(?:SELECT|FROM|WITH\b(?![\s\S]*\b(?:INSERT|UPDATE|DELETE)\b)|VALUES|DESCRIBE|SHOW|SUMMARIZE|PRAGMA|SET|RESET|BEGIN|START|COMMIT|END|ROLLBACK|ABORT|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?(?:MACRO|FUNCTION|SEQUENCE|SCHEMA|TYPE)\b|COPY\s*\()/i;

/**
 * The tables the text may change, or null when it cannot tell. DROP lists every name it drops;
 * ALTER … RENAME names the table renamed.
 */
export function changedTables(sql: string): Set<string> | null {
  const out = new Set<string>();
  for (const s of statements(code(sql))) {
    const k = keywordsOf(s);
    if (!WRITE.test(k)) continue;
    const drop = s.match(
      /^DROP\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?([\s\S]+?)(?:\s+(?:CASCADE|RESTRICT))?$/i,
    );
    if (drop) {
      for (const n of drop[1].split(',')) out.add(bare(n.trim()));
      continue;
    }
    const hit = TARGETS.map((re) => s.match(re)).find((m) => m);
    if (hit) {
      out.add(bare(hit[1]));
      continue;
    }
    // COPY table TO …: reads. COPY (query) TO: reads. Other forms: unknown.
    if (/^COPY\s+\S+[\s\S]*\bTO\b/i.test(s) && !/\bFROM\b/i.test(keywordsOf(s))) continue;
    if (NO_TABLE.test(s)) continue;
    return null;
  }
  return out;
}
