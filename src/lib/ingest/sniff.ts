/**
 * A first look at a file's opening bytes, before DuckDB reads it: catches files that are not
 * CSV at all (Excel workbooks renamed .csv, binaries) with a message an analyst can act on, and
 * reads the raw header row (to report duplicate or missing column names).
 */
import Papa from 'papaparse';
import type { FileSource } from '../engine/types';

export const HEAD_BYTES = 64 * 1024;

export async function readHead(source: FileSource, bytes = HEAD_BYTES): Promise<Uint8Array> {
  switch (source.kind) {
    case 'browser-file':
      // slice() reads only the first bytes; the rest of a large file is never touched here.
      return new Uint8Array(await source.file.slice(0, bytes).arrayBuffer());
    case 'bytes':
      return source.bytes.subarray(0, bytes);
    case 'text':
      return new TextEncoder().encode(source.text.slice(0, bytes));
  }
}

export async function sourceSize(source: FileSource): Promise<number> {
  switch (source.kind) {
    case 'browser-file':
      return source.file.size;
    case 'bytes':
      return source.bytes.length;
    case 'text':
      return new TextEncoder().encode(source.text).length;
  }
}

export type HeadVerdict =
  | { ok: true; encoding: 'utf-8' | 'latin-1'; headerCells: string[]; delimiter: string }
  | { ok: false; problem: string };

/** What the opening bytes say about the file. */
export function inspectHead(head: Uint8Array, complete: boolean): HeadVerdict {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return {
      ok: false,
      problem:
        'This looks like an Excel workbook (.xlsx) or another zipped file, not a CSV file. In Excel, use File > Save As and choose "CSV UTF-8", then add the saved file.',
    };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return {
      ok: false,
      problem:
        'This looks like an old-style Excel workbook (.xls), not a CSV file. In Excel, use File > Save As and choose "CSV UTF-8", then add the saved file.',
    };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    return {
      ok: false,
      problem:
        'This file is saved as UTF-16 text. Save it again as "CSV UTF-8" (in Excel: File > Save As) and add it again.',
    };
  if (head.includes(0))
    return {
      ok: false,
      problem: 'This file contains binary data, not text, so it cannot be read as CSV.',
    };
  // A cut at HEAD_BYTES can split a multi-byte character: drop up to 3 trailing bytes.
  const probe = complete ? head : head.subarray(0, Math.max(0, head.length - 3));
  let encoding: 'utf-8' | 'latin-1' = 'utf-8';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(probe);
  } catch {
    // Excel's plain "CSV" is Windows-1252 (for example a £ sign); DuckDB reads it as latin-1.
    encoding = 'latin-1';
    text = new TextDecoder('windows-1252').decode(probe);
  }
  text = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { preview: 2, skipEmptyLines: true });
  const headerCells = parsed.data[0] ?? [];
  return { ok: true, encoding, headerCells, delimiter: parsed.meta.delimiter };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Names that occur more than once in a header row (compared as DuckDB does, ignoring case). */
export function duplicateNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  for (const c of cells)
    seen.set(c.trim().toLowerCase(), (seen.get(c.trim().toLowerCase()) ?? 0) + 1);
  return [...seen.entries()].filter(([, n]) => n > 1).map(([name]) => name);
}
