/**
 * The app's side of the workbook worker: open a workbook (with progress, cancellable by
 * terminating the worker), list its sheets, and fetch chosen sheets as CSV text.
 */
import { CancelledError } from '../engine/types';
import type { SheetTable } from './sheetTable';
import type { SheetSummary } from './workbook';
import type { WorkbookResponse, WorkbookStep } from './workbookProtocol';

export class WorkbookSession {
  private nextId = 0;
  private waiting = new Map<
    number,
    { resolve: (t: SheetTable) => void; reject: (e: Error) => void }
  >();

  private constructor(
    private worker: Worker,
    readonly sheets: SheetSummary[],
    readonly recognised: Record<string, string>,
  ) {
    worker.onmessage = (event: MessageEvent<WorkbookResponse>) => {
      const m = event.data;
      if (m.type === 'sheet') this.settle(m.id, (w) => w.resolve(m.table));
      else if (m.type === 'error' && m.id !== undefined)
        this.settle(m.id, (w) => w.reject(new Error(m.message)));
    };
  }

  private settle(
    id: number,
    f: (w: { resolve: (t: SheetTable) => void; reject: (e: Error) => void }) => void,
  ) {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    if (w) f(w);
  }

  static open(
    file: File,
    onProgress: (step: WorkbookStep, fraction: number | null) => void,
    signal?: AbortSignal,
  ): Promise<WorkbookSession> {
    const worker = new Worker(new URL('./workbookWorker.ts', import.meta.url), { type: 'module' });
    return new Promise((resolve, reject) => {
      const abort = () => {
        worker.terminate();
        reject(new CancelledError());
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      worker.onerror = (e) => {
        worker.terminate();
        reject(new Error(`The workbook reader stopped: ${e.message}`));
      };
      worker.onmessage = (event: MessageEvent<WorkbookResponse>) => {
        const m = event.data;
        if (m.type === 'progress') onProgress(m.step, m.fraction);
        else if (m.type === 'opened') {
          signal?.removeEventListener('abort', abort);
          resolve(new WorkbookSession(worker, m.sheets, m.recognised));
        } else if (m.type === 'error') {
          signal?.removeEventListener('abort', abort);
          worker.terminate();
          reject(new Error(m.message));
        }
      };
      worker.postMessage({ type: 'open', file });
    });
  }

  sheetTable(name: string): Promise<SheetTable> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'sheet', id, name });
    });
  }

  close(): void {
    this.worker.terminate();
    for (const w of this.waiting.values()) w.reject(new CancelledError());
    this.waiting.clear();
  }
}
