/**
 * Settings applied to every database before any user SQL runs, so notebook SQL cannot reach the
 * network or re-enable anything that could. Verified on duckdb-wasm 1.32.0 (see
 * ../shared/design/ENGINE-NOTES.md); tests/unit/engine/hardening.test.ts proves each one.
 *
 * - Extension autoload/autoinstall off: otherwise DuckDB fetches json/parquet/icu from the web.
 * - allowed_directories: the one virtual folder our registered files live in.
 * - enable_external_access=false: no http(s) reads, no ATTACH, no INSTALL.
 * - lock_configuration=true: a later `SET` from a cell cannot undo any of the above.
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

/**
 * DuckDB-WASM accepts `INSTALL x` even with external access off (it may then try to fetch the
 * extension from the web when it is loaded), so extension statements are refused before they
 * reach the engine. Comments and string literals are blanked first so a string containing the
 * word "install" is not mistaken for a statement.
 */
export function assertNoExtensionStatements(sql: string): void {
  const code = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  for (const statement of code.split(';')) {
    const m = /^\s*(FORCE\s+INSTALL|INSTALL|LOAD|UPDATE\s+EXTENSIONS)\b/i.exec(statement);
    if (m)
      throw new Error(
        `DuckDB extensions are switched off in this app, because installing or loading one would download code from the internet. "${m[1].toUpperCase()}" cannot run.`,
      );
  }
}

/** Turns DuckDB's wording for a blocked action into advice an analyst can act on. */
export function explainEngineError(message: string): string {
  const m = message.trim();
  if (/configuration has been locked|lock_configuration/i.test(m))
    return `Settings are locked so that nothing can leave this computer; this SET cannot run. (${m})`;
  if (
    /external access|file system operations are disabled|external extensions is disabled/i.test(m)
  )
    return `Reading from the internet, or from files that were not added to the notebook, is switched off: nothing may leave this computer. Add the file with "Add data files" and query its table instead. (${m})`;
  if (/exists in the \w+ extension|autoload/i.test(m))
    return `This needs a DuckDB extension, and extensions are switched off in this app because installing one would download code from the internet. (${m})`;
  return m;
}
