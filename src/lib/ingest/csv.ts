/**
 * Loads a CSV file into a DuckDB table through `read_csv` (the bulk path; PapaParse only looks
 * at the opening bytes). The file is read from where it is (a File handle in the browser), never
 * copied whole into a JS string. A failure creates nothing and changes nothing that was loaded.
 */
import type { Engine, FileSource } from '../engine/types';
import { CancelledError } from '../engine/types';
import { quoteIdent, quoteList, quoteLiteral } from '../engine/sql';
import { LoadError, parseCsvEngineError, summariseCsvEngineError } from './errors';
import { SUPPRESSED_MARKERS } from './markers';
import { duplicateNames, HEAD_BYTES, inspectHead, readHead, sourceSize } from './sniff';

export interface LoadCsvOptions {
  fileName: string;
  source: FileSource;
  tableName: string;
  /** Columns to read as text whatever they contain (the "load it as text" fallback). */
  textColumns?: string[];
  signal?: AbortSignal;
  /** Which step the load is in, and how far through it when the engine can tell (else null). */
  onProgress?: (step: LoadStep, fraction: number | null) => void;
  /**
   * Leave the count of suppressed cells (a second pass over the file) to the caller, through
   * `countSuppressed` of the result: the app counts them once the table is in use, so a big
   * file is usable sooner. Until then the columns that may hold some say `counting: true`.
   */
  countSuppressedLater?: boolean;
}

export type LoadStep = 'reading' | 'counting-suppressed' | 'checking';

export const LOAD_STEP_TEXT: Record<LoadStep, string> = {
  reading: 'reading the file and working out column types',
  'counting-suppressed': 'counting suppressed cells',
  checking: 'checking the columns',
};

export interface LoadedColumn {
  name: string;
  type: string;
  /** Cells read as missing because they held a suppression marker ("*", "[c]"...). */
  suppressed: number;
  /** Set while `suppressed` is still being counted (countSuppressedLater). */
  counting?: boolean;
  /** Set when the later count failed: `suppressed` is not known. */
  uncounted?: boolean;
}

export interface LoadNotice {
  kind: 'duplicate-names' | 'no-header' | 'mostly-numeric-text' | 'encoding' | 'workbook';
  message: string;
  column?: string;
}

export interface LoadedTable {
  table: string;
  fileName: string;
  fileSize: number;
  rows: number;
  columns: LoadedColumn[];
  notices: LoadNotice[];
  /** The path the file is registered under (kept so it can be re-read or released). */
  path: string;
  /** With countSuppressedLater: counts them into `columns` (clearing `counting`). */
  countSuppressed?: () => Promise<void>;
}

let fileCounter = 0;

export async function loadCsv(engine: Engine, options: LoadCsvOptions): Promise<LoadedTable> {
  const { fileName, source, tableName, signal, onProgress } = options;
  const fileSize = await sourceSize(source);
  if (fileSize === 0) throw new LoadError(fileName, 'the file is empty.');

  const head = await readHead(source);
  const verdict = inspectHead(head, fileSize <= HEAD_BYTES);
  if (!verdict.ok) throw new LoadError(fileName, verdict.problem);
  if (
    verdict.headerCells.length === 0 ||
    head.every((b) => b <= 0x20 || b === 0xef || b === 0xbb || b === 0xbf)
  )
    throw new LoadError(fileName, 'the file has no rows (it is empty or holds only blank lines).');

  const notices: LoadNotice[] = [];
  if (verdict.encoding === 'latin-1')
    notices.push({
      kind: 'encoding',
      message:
        'The file is not UTF-8; it was read as Windows/Latin-1 text (as Excel saves plain "CSV"). Check that accented letters and £ signs look right.',
    });

  const path = await engine.registerFile(`${++fileCounter}-${safeFilePart(fileName)}`, source);
  const readOptions = [
    `nullstr = ${quoteList(['', ...SUPPRESSED_MARKERS])}`,
    'sample_size = -1',
    verdict.encoding === 'latin-1' ? "encoding = 'latin-1'" : null,
    options.textColumns && options.textColumns.length > 0
      ? `types = {${options.textColumns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`
      : null,
  ]
    .filter(Boolean)
    .join(', ');
  const reader = `read_csv(${quoteLiteral(path)}, ${readOptions})`;

  try {
    onProgress?.('reading', null);
    await engine.run(`CREATE TABLE ${quoteIdent(tableName)} AS SELECT * FROM ${reader}`, {
      signal,
      onProgress: (f) => onProgress?.('reading', f),
    });
  } catch (e) {
    await engine.dropFile(path).catch(() => undefined);
    if (e instanceof CancelledError) throw e;
    throw toLoadError(fileName, e);
  }

  try {
    const columns = await describeColumns(engine, tableName);
    const { rows, nulls } = await countRowsAndNulls(engine, tableName, columns);
    if (rows === 0) {
      throw new LoadError(fileName, 'the file has column names but no rows of data.');
    }
    const hasHeader = !columns.every((c, i) => c.name === `column${i}`);
    throwIfCancelled(signal);
    const count = () => countSuppressed(engine, path, verdict.encoding, hasHeader, columns, nulls);
    let later: (() => Promise<void>) | undefined;
    if (options.countSuppressedLater) {
      // A marker cell is a missing cell: only columns with missing cells may hold some (and
      // with none, there is nothing left to count).
      columns.forEach((c, i) => {
        if (nulls[i] > 0) c.counting = true;
      });
      if (columns.some((c) => c.counting))
        later = async () => {
          try {
            await count();
          } catch (e) {
            // Said on the card ("not counted"), never shown as 0.
            for (const c of columns) if (c.counting) c.uncounted = true;
            throw e;
          } finally {
            for (const c of columns) delete c.counting;
          }
        };
    } else {
      onProgress?.('counting-suppressed', null);
      await count();
    }
    notices.push(...headerNotices(verdict.headerCells, columns));
    throwIfCancelled(signal);
    onProgress?.('checking', null);
    notices.push(...(await mostlyNumericTextNotices(engine, tableName, columns)));
    return {
      table: tableName,
      fileName,
      fileSize,
      rows,
      columns,
      notices,
      path,
      ...(later ? { countSuppressed: later } : {}),
    };
  } catch (e) {
    // Leave nothing half-made behind.
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(tableName)}`).catch(() => undefined);
    await engine.dropFile(path).catch(() => undefined);
    if (e instanceof LoadError || e instanceof CancelledError) throw e;
    throw toLoadError(fileName, e);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function safeFilePart(fileName: string): string {
  return fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

function toLoadError(fileName: string, e: unknown): LoadError {
  const message = e instanceof Error ? e.message : String(e);
  const where = parseCsvEngineError(message);
  if (where.column && where.value != null) {
    return new LoadError(
      fileName,
      `"${where.value}" is not a valid ${friendlyType(where.targetType)} for this column. You can load column "${where.column}" as text instead.`,
      { line: where.line, column: where.column, value: where.value },
      where.column,
    );
  }
  if (/not utf-8 encoded|Invalid unicode/i.test(message))
    return new LoadError(fileName, 'the file is not readable text (it is not UTF-8 encoded).', {
      line: where.line,
    });
  return new LoadError(fileName, summariseCsvEngineError(message), { line: where.line });
}

function friendlyType(t: string | undefined): string {
  if (!t) return 'value';
  if (/INT|DOUBLE|FLOAT|DECIMAL/i.test(t)) return 'number';
  if (/DATE|TIME/i.test(t)) return 'date';
  if (/BOOL/i.test(t)) return 'true/false value';
  return t.toLowerCase();
}

export async function describeColumns(engine: Engine, table: string): Promise<LoadedColumn[]> {
  const r = await engine.query(`DESCRIBE ${quoteIdent(table)}`);
  return r.toRows().map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
    suppressed: 0,
  }));
}

/** Rows, and missing cells per column, in one scan of the new table (columnar, so cheap). */
async function countRowsAndNulls(
  engine: Engine,
  table: string,
  columns: LoadedColumn[],
): Promise<{ rows: number; nulls: number[] }> {
  const r = (
    await engine.query(
      `SELECT count(*) AS n${columns.map((c, i) => `, count(*) - count(${quoteIdent(c.name)}) AS m${i}`).join('')}
       FROM ${quoteIdent(table)}`,
    )
  ).toRows()[0];
  return { rows: Number(r?.n ?? 0), nulls: columns.map((_, i) => Number(r?.[`m${i}`] ?? 0)) };
}

/**
 * Counts marker cells per column in one more pass over the file, read as plain text: once the
 * typed table exists, a marker and a blank cell are both just NULL. That also bounds the work:
 * a marker cell is a NULL cell, so only columns with missing cells are read (the others count
 * 0), and when no column has any, the file is not read again at all. The pass is the costliest
 * part of a load after the typed read itself (bench/README.md), and reading only some columns
 * lets DuckDB skip building the rest. The dialect DuckDB detected is passed back explicitly, so
 * this pass skips sniffing.
 */
async function countSuppressed(
  engine: Engine,
  path: string,
  encoding: string,
  hasHeader: boolean,
  columns: LoadedColumn[],
  nulls: number[],
): Promise<void> {
  const candidates = columns.map((_, i) => i).filter((i) => nulls[i] > 0);
  if (candidates.length === 0) return;
  const dialect = (
    await engine.query(
      `SELECT Delimiter, Quote, Escape FROM sniff_csv(${quoteLiteral(path)}, encoding = ${quoteLiteral(encoding)})`,
    )
  ).toRows()[0];
  const option = (name: string, v: unknown) =>
    `${name} = ${quoteLiteral(v == null || v === '(empty)' ? '' : String(v))}`;
  const names = columns.map((_, i) => `c${i}`);
  const markers = SUPPRESSED_MARKERS.map(quoteLiteral).join(', ');
  const r = await engine.query(
    `SELECT ${candidates.map((i) => `sum((c${i} IN (${markers}))::BIGINT) AS c${i}`).join(', ')}
     FROM read_csv(${quoteLiteral(path)}, auto_detect = false, header = ${hasHeader},
                   ${option('delim', dialect?.Delimiter)}, ${option('quote', dialect?.Quote)},
                   ${option('escape', dialect?.Escape)},
                   encoding = ${quoteLiteral(encoding)},
                   columns = {${names.map((n) => `'${n}': 'VARCHAR'`).join(', ')}})`,
  );
  const row = r.toRows()[0] ?? {};
  for (const i of candidates) columns[i].suppressed = Number(row[`c${i}`] ?? 0);
}

function headerNotices(headerCells: string[], columns: LoadedColumn[]): LoadNotice[] {
  const notices: LoadNotice[] = [];
  const dups = duplicateNames(headerCells);
  if (dups.length > 0)
    notices.push({
      kind: 'duplicate-names',
      message: `Some column names appear more than once (${dups.map((d) => `"${d}"`).join(', ')}); the repeats were renamed with a number (for example ${columns.find((c) => /_\d+$/.test(c.name))?.name ?? dups[0] + '_1'}). Check which is which.`,
    });
  if (columns.length > 0 && columns.every((c, i) => c.name === `column${i}`))
    notices.push({
      kind: 'no-header',
      message:
        'No row of column names was found, so the columns were named column0, column1, ... If the first row is data, that is right; otherwise check the file.',
    });
  return notices;
}

/** A text column where most values are numbers usually means a few stray text values
 *  ("n/a", "-", "<5"): name them, with rows, and offer to convert. */
const MOSTLY_NUMERIC = 0.8;

export const NUMBER_FROM_TEXT_SQL = (col: string) =>
  `TRY_CAST(replace(trim(${quoteIdent(col)}), ',', '') AS DOUBLE)`;

async function mostlyNumericTextNotices(
  engine: Engine,
  table: string,
  columns: LoadedColumn[],
): Promise<LoadNotice[]> {
  // A cheap look at a sample first: only columns that look numeric there get the full count.
  const candidates = columns.filter((c) => c.type === 'VARCHAR');
  if (candidates.length === 0) return [];
  const sample = (
    await engine.query(
      `SELECT ${candidates.map((c, i) => `count(${quoteIdent(c.name)}) AS n${i}, count(${NUMBER_FROM_TEXT_SQL(c.name)}) AS k${i}`).join(', ')}
       FROM (SELECT * FROM ${quoteIdent(table)} LIMIT 20000)`,
    )
  ).toRows()[0];
  const textCols = candidates.filter((_, i) => {
    const n = Number(sample[`n${i}`]);
    return n > 0 && Number(sample[`k${i}`]) / n >= MOSTLY_NUMERIC / 2;
  });
  if (textCols.length === 0) return [];
  const select = textCols
    .map(
      (c, i) =>
        `count(${quoteIdent(c.name)}) AS n${i}, count(${NUMBER_FROM_TEXT_SQL(c.name)}) AS k${i}`,
    )
    .join(', ');
  const stats = (await engine.query(`SELECT ${select} FROM ${quoteIdent(table)}`)).toRows()[0];
  const notices: LoadNotice[] = [];
  for (const [i, c] of textCols.entries()) {
    const n = Number(stats[`n${i}`]);
    const k = Number(stats[`k${i}`]);
    if (n === 0 || k === n || k / n < MOSTLY_NUMERIC) continue;
    const examples = (
      await engine.query(
        `SELECT rowid + 1 AS row, ${quoteIdent(c.name)} AS value FROM ${quoteIdent(table)}
         WHERE ${quoteIdent(c.name)} IS NOT NULL AND ${NUMBER_FROM_TEXT_SQL(c.name)} IS NULL
         ORDER BY rowid LIMIT 3`,
      )
    ).toRows();
    const list = examples.map((e) => `row ${e.row}: "${e.value}"`).join('; ');
    notices.push({
      kind: 'mostly-numeric-text',
      column: c.name,
      message: `Column "${c.name}" is mostly numbers, but ${n - k} value${n - k === 1 ? ' is' : 's are'} not (${list}), so it was loaded as text. Convert it to numbers to treat those values as missing.`,
    });
  }
  return notices;
}

/** The "convert to numbers" action: non-numbers become missing; row order is kept. */
export async function convertColumnToNumber(
  engine: Engine,
  table: string,
  column: string,
): Promise<void> {
  await engine.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS
     SELECT * REPLACE (${NUMBER_FROM_TEXT_SQL(column)} AS ${quoteIdent(column)})
     FROM ${quoteIdent(table)} ORDER BY rowid`,
  );
}
