/**
 * Running views as the app runs them and gathering their exports, for the leak searches
 * (allViews.test.ts, groupLeaks.test.ts).
 */
import {
  resolveViewContext,
  runView,
  viewOptions,
  type ViewEnvironment,
  type ViewId,
  type ViewParams,
  type ViewResult,
} from '../../../src/lib/views';
import type { DisclosedView } from '../../../src/lib/export/viewExport';
import type { ExportedTable } from './crossExport';

export interface ViewCase {
  name: string;
  view: ViewId;
  /** For Compare areas, indicator 'first' or 'second' means the first or second choice offered. */
  options: Record<string, string>;
}

/** One view run and its export. */
export interface ViewRun {
  caseName: string;
  view: ViewResult;
  out: DisclosedView<unknown>;
}

/** The region of an area in an environment (null when none or unknown). */
export const regionIn =
  (env: () => ViewEnvironment) =>
  (code: string): string | null =>
    env().areas.get(code)?.regionCode ?? null;

/** A view run as the demo notebook runs it: Compare areas after drug deaths, with its indicators. */
export async function runAsApp(
  env: ViewEnvironment,
  c: ViewCase,
  params: ViewParams,
): Promise<ViewResult> {
  let ctx = resolveViewContext(env, params);
  const options = { ...c.options };
  if (c.view === 'la-comparison') {
    const deaths = await runView('drug-deaths', ctx, { source: 'published' });
    ctx = resolveViewContext(env, params, deaths.indicators);
    const choices = (await viewOptions(ctx, 'la-comparison')).find(
      (o) => o.key === 'indicator',
    )!.choices;
    options.indicator = choices[options.indicator === 'first' ? 0 : 1]?.value ?? '';
  }
  return runView(c.view, ctx, options);
}

/** Every export of one case, table by table (the n-th table of each export together). */
export function exportsByTable(
  ofCase: readonly { out: DisclosedView<unknown> }[],
): ExportedTable[][] {
  const count = Math.max(...ofCase.map((r) => r.out.tables.length));
  return Array.from({ length: count }, (_, t) =>
    ofCase.flatMap((r, i) =>
      r.out.tables[t]
        ? [
            {
              exportId: i,
              table: r.out.tables[t].table,
              rows: r.out.tables[t].rows,
              result: r.out.tables[t].result,
            },
          ]
        : [],
    ),
  );
}
