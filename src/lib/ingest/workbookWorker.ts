/**
 * Web Worker: reads a workbook off the main thread (SheetJS parsing is synchronous and can take
 * seconds for a large file), keeps it while the analyst picks sheets, and hands each chosen sheet
 * back as CSV text. Cancelling terminates the worker. It makes no network request.
 */
import type { WorkBook } from '@e965/xlsx';
import { parseWorkbook, summariseWorkbook, WorkbookError } from './workbook';
import { recognisedSheets, sheetTable } from './sheetTable';
import type { WorkbookRequest, WorkbookResponse } from './workbookProtocol';

let workbook: WorkBook | null = null;
let fileName = '';

const post = (m: WorkbookResponse) => (self as unknown as Worker).postMessage(m);

async function readWithProgress(file: File): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
    post({ type: 'progress', step: 'reading', fraction: file.size ? at / file.size : null });
  }
  return out;
}

self.onmessage = async (event: MessageEvent<WorkbookRequest>) => {
  const m = event.data;
  try {
    if (m.type === 'open') {
      fileName = m.file.name;
      const bytes = await readWithProgress(m.file);
      post({ type: 'progress', step: 'parsing', fraction: null });
      workbook = parseWorkbook(fileName, bytes);
      post({ type: 'progress', step: 'summarising', fraction: null });
      post({
        type: 'opened',
        sheets: summariseWorkbook(workbook),
        recognised: recognisedSheets(workbook),
      });
    } else if (m.type === 'sheet') {
      if (!workbook) throw new Error('No workbook is open.');
      post({ type: 'sheet', id: m.id, table: sheetTable(workbook, m.name) });
    }
  } catch (e) {
    post({
      type: 'error',
      id: m.type === 'sheet' ? m.id : undefined,
      message:
        e instanceof WorkbookError
          ? e.message
          : `Could not read ${fileName}: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
};
