/**
 * How a notebook's views hand their figures to each other, in one place for the app's notebook
 * (src/app/notebook.svelte.ts) and the demo's ready-made views (src/lib/demo/readyMade.ts): the
 * comparison and the scorecard read the indicators the other view cells computed, so they run
 * after them.
 */
import type { IndicatorRow } from '../schema/indicator';
import type { ViewId, ViewResult } from './types';

/** The views that read what the other view cells computed: they run after them. */
export function readsOtherViews(viewId: ViewId): boolean {
  return viewId === 'la-comparison' || viewId === 'scorecard';
}

/**
 * The indicator rows handed to the view cell `except` (all, without one): those every other
 * view cell computed, in notebook order, but the comparison's (it only repeats what it read).
 */
export function indicatorsOfOtherViews<C extends { viewId: ViewId }>(
  cells: readonly C[],
  resultOf: (cell: C) => ViewResult | undefined,
  except?: C,
): IndicatorRow[] {
  return cells.flatMap((c) =>
    c === except || c.viewId === 'la-comparison' ? [] : (resultOf(c)?.indicators ?? []),
  );
}
