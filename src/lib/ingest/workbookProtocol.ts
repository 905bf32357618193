/** Messages between the app and the workbook worker (workbookWorker.ts). */
import type { SheetTable } from './sheetTable';
import type { SheetSummary } from './workbook';

export type WorkbookStep = 'reading' | 'parsing' | 'summarising';

export type WorkbookRequest =
  { type: 'open'; file: File } | { type: 'sheet'; id: number; name: string };

export type WorkbookResponse =
  | { type: 'progress'; step: WorkbookStep; fraction: number | null }
  | { type: 'opened'; sheets: SheetSummary[]; recognised: Record<string, string> }
  | { type: 'sheet'; id: number; table: SheetTable }
  | { type: 'error'; id?: number; message: string };
