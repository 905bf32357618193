/**
 * The loads in progress and the loads that failed, as the data panel shows them: each load is a
 * job with a step, a share done and a cancel button; a failure is a problem the analyst can
 * dismiss or retry. Shared by the file, workbook and ready-made loads (fileLoads.ts,
 * workbookLoads.ts).
 */
import { engineReady, getEngine, onEngineStartProgress } from './engine';
import type { Engine } from '../lib/engine/types';
import { LOAD_STEP_TEXT, type LoadStep } from '../lib/ingest/csv';
import type { WorkbookStep } from '../lib/ingest/workbookProtocol';
import type { DataState } from './data.svelte';

/** The loader's steps, then recognising the file and adding it to the canonical tables. */
export type JobStep = LoadStep | WorkbookStep | 'starting-engine' | 'mapping' | 'prebuilt';

export const JOB_STEP_TEXT: Record<JobStep, string> = {
  ...LOAD_STEP_TEXT,
  'starting-engine': 'starting the database engine (downloading it the first time)',
  parsing: 'reading the workbook',
  summarising: 'listing its sheets',
  mapping: 'recognising it and adding it to the tables the views read',
  prebuilt: 'adding its ready-made tables (recognised and checked when the app was built)',
};

export interface LoadJob {
  id: number;
  fileName: string;
  step: JobStep;
  fraction: number | null;
  startedAt: number;
  controller: AbortController;
  /** The table the file was loaded as, once it is being recognised and mapped (names the step). */
  table?: string;
}

export interface LoadProblem {
  id: number;
  fileName: string;
  message: string;
  /** Retry with this column read as text. */
  textColumn?: string;
  /** The file is a workbook with another name: offer to read it as one. */
  workbook?: boolean;
  file: File;
  textColumns: string[];
}

let nextId = 0;

/** A new id for a job, a problem or an open workbook: one counter, so no two keys ever meet. */
export function nextLoadId(): number {
  return ++nextId;
}

/** Starts a job (its progress shows at once) for the caller to end with endJob. */
export function startJob(store: DataState, fileName: string, step: JobStep = 'reading'): LoadJob {
  const job: LoadJob = {
    id: nextLoadId(),
    fileName,
    step,
    fraction: null,
    startedAt: performance.now(),
    controller: new AbortController(),
  };
  store.jobs = [...store.jobs, job];
  return job;
}

export function setProgress(
  store: DataState,
  id: number,
  step: JobStep,
  fraction: number | null,
  table?: string,
): void {
  store.jobs = store.jobs.map((j) =>
    j.id === id ? { ...j, step, fraction, ...(table ? { table } : {}) } : j,
  );
}

export function endJob(store: DataState, id: number): void {
  store.jobs = store.jobs.filter((j) => j.id !== id);
}

/**
 * A load is done once its rows are in the tables the views read: its progress bar goes, and
 * what follows (the checks, whose findings the table's card shows as they come) runs before
 * the next file, so a check never sees rows of a file loaded after it.
 */
export async function finishLoad(
  store: DataState,
  id: number,
  followUp: (() => Promise<void>) | void,
): Promise<void> {
  endJob(store, id);
  if (followUp) await followUp();
}

/** The engine; while it starts (first use), the job says so, with the share downloaded. */
export async function engineFor(store: DataState, id: number): Promise<Engine> {
  if (engineReady()) return getEngine();
  setProgress(store, id, 'starting-engine', null);
  const stop = onEngineStartProgress((p) =>
    setProgress(store, id, 'starting-engine', p.bytesTotal ? p.bytesLoaded / p.bytesTotal : null),
  );
  try {
    return await getEngine();
  } finally {
    stop();
  }
}

/** Shows a failed load in the panel, with what the analyst can do about it. */
export function addProblem(store: DataState, problem: Omit<LoadProblem, 'id'>): void {
  store.problems = [...store.problems, { id: nextLoadId(), ...problem }];
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
