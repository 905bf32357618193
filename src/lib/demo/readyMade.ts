/**
 * The demo's views, ready-made: computed when the app is built (tools/demo/buildDemoTables.ts),
 * by the same view code over the same pre-built tables, with the notebook the demo makes (its
 * four view cells, Peterborough as the focal area, the default comparators and period). "Load
 * demo data" shows them at once, while the database engine starts and imports the tables; then
 * the engine runs every view again and its results replace them (src/app/notebook.svelte.ts).
 * Only a notebook whose view cells and parameters are exactly the demo's gets them: any other
 * notebook runs its views in the engine only.
 *
 * A view's result is kept as text that survives JSON: numbers JSON cannot write (NaN for "not
 * calculated", ±Infinity), bigints and dates are tagged, so the result shown is the one computed,
 * and comparing the engine's result with the ready-made one is comparing two texts.
 */
import { DEFAULT_PARAMETERS, type NotebookParameters } from '../notebook/model';
import { DEMO_FOCAL_AREA, DEMO_VIEWS } from '../notebook/demoCells';
import type { ViewEnvironment, ViewId, ViewResult } from '../views/types';
import { resolveViewContext, runView } from '../views';
import { withGroups } from '../groups/environment';
import { indicatorsOfOtherViews, readsOtherViews } from '../views/viewChain';

/** One view cell as far as its result goes. */
export interface ViewCellInputs {
  viewId: ViewId;
  options: Record<string, string>;
  /** The cell's own area (null: the notebook's). */
  focalArea: string | null;
}

export interface ReadyMadeViews {
  /** The notebook parameters they were computed with. */
  parameters: NotebookParameters;
  /** The view cells, in notebook order. */
  cells: ViewCellInputs[];
  /** Each cell's result, encoded (encodeViewResult). */
  results: string[];
}

const TAG = '$jsna';

/** JSON of a view result that decodes to the same values (see the module comment). */
export function encodeViewResult(result: ViewResult): string {
  return JSON.stringify(result, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key]; // before Date.toJSON
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [TAG]: String(raw) };
    if (typeof raw === 'bigint') return { [TAG]: 'bigint', v: raw.toString() };
    if (raw instanceof Date) return { [TAG]: 'date', v: raw.toISOString() };
    if (
      raw instanceof Map ||
      raw instanceof Set ||
      ArrayBuffer.isView(raw) ||
      typeof raw === 'function'
    )
      throw new Error(`A view result holds a value JSON cannot keep (at "${key}").`);
    return value;
  });
}

export function decodeViewResult(text: string): ViewResult {
  return JSON.parse(text, (_key, value: unknown) => {
    if (!value || typeof value !== 'object' || !(TAG in value)) return value;
    const tagged = value as { [TAG]: string; v?: string };
    switch (tagged[TAG]) {
      case 'NaN':
        return NaN;
      case 'Infinity':
        return Infinity;
      case '-Infinity':
        return -Infinity;
      case 'bigint':
        return BigInt(tagged.v ?? '0');
      case 'date':
        return new Date(tagged.v ?? '');
      default:
        return value;
    }
  }) as ViewResult;
}

/** The parameters of the notebook "Load demo data" makes from a new one. */
export function demoParameters(): NotebookParameters {
  return { ...DEFAULT_PARAMETERS, focalArea: DEMO_FOCAL_AREA };
}

/** The view cells "Load demo data" adds. */
export function demoViewCells(): ViewCellInputs[] {
  return DEMO_VIEWS.map((v) => ({ viewId: v.viewId, options: { ...v.options }, focalArea: null }));
}

/**
 * Runs the demo's views as the app does after "Load demo data": the cells that compute
 * indicators first, then those that read them. Throws if a view fails (the demo's must not).
 */
export async function computeDemoViews(env: ViewEnvironment): Promise<ReadyMadeViews> {
  const parameters = demoParameters();
  const cells = demoViewCells();
  const results = new Map<ViewCellInputs, ViewResult>();
  const environment = withGroups(env, parameters.groups ?? []);
  const order = [
    ...cells.filter((c) => !readsOtherViews(c.viewId)),
    ...cells.filter((c) => readsOtherViews(c.viewId)),
  ];
  for (const cell of order) {
    const ctx = resolveViewContext(
      environment,
      { ...parameters, focalArea: cell.focalArea ?? parameters.focalArea },
      indicatorsOfOtherViews(cells, (c) => results.get(c), cell),
    );
    results.set(cell, await runView(cell.viewId, ctx, cell.options));
  }
  return { parameters, cells, results: cells.map((c) => encodeViewResult(results.get(c)!)) };
}

/**
 * How the engine's result compares with a ready-made one: the same text; the same but for
 * numbers within a few units in the last place (the browser's and Node's Math functions may
 * round a confidence limit's last digit differently: 74.25634573304373 against …374); or
 * different in any other way.
 */
export function compareWithReadyMade(
  result: ViewResult,
  encoded: string,
): 'same' | 'close' | 'different' {
  let text: string;
  try {
    text = encodeViewResult(result);
  } catch {
    return 'different';
  }
  if (text === encoded) return 'same';
  return nearlyEqual(JSON.parse(text), JSON.parse(encoded)) ? 'close' : 'different';
}

/** Relative tolerance far below any precision shown or exported, far above rounding noise. */
const NUMBER_TOLERANCE = 1e-12;

function nearlyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= NUMBER_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => nearlyEqual(x, b[i]))
    );
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k, i) =>
          k === kb[i] &&
          nearlyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return a === b;
}

/** JSON with keys sorted, so two values compare by content. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The ready-made result of each of these cells, when the notebook is exactly the one they were
 * computed for (same view cells in the same order, same options and parameters); else null.
 */
export function readyMadeFor(
  ready: ReadyMadeViews | null | undefined,
  cells: readonly ViewCellInputs[],
  parameters: NotebookParameters,
): string[] | null {
  if (!ready || ready.results.length !== ready.cells.length) return null;
  const norm = (p: NotebookParameters) => ({ ...DEFAULT_PARAMETERS, ...p, groups: p.groups ?? [] });
  if (stableJson(norm(parameters)) !== stableJson(norm(ready.parameters))) return null;
  const shape = (cs: readonly ViewCellInputs[]) =>
    stableJson(cs.map((c) => ({ v: c.viewId, o: c.options, a: c.focalArea ?? null })));
  return shape(cells) === shape(ready.cells) ? ready.results : null;
}
