/**
 * The one disclosure pipeline for a view's output: its tables (CSV and report), its charts
 * (SVG/PNG downloads and the report's figures) and the charts' descriptions. Each table is
 * disclosed once with the consistent strategy, audited with `findDisclosureLeaks`, and every
 * chart is drawn from those disclosed tables (see chartDisclosure.ts). A table that still leaks
 * blocks every export of the view, with the reason in words.
 */
import { discloseChart, type DisclosedChart } from './chartDisclosure.ts';
import {
  DEFAULT_DISCLOSURE_RULE,
  findDisclosureLeaks,
  type DisclosureLeak,
  type DisclosureResult,
  type DisclosureRule,
} from './disclosure.ts';
import { discloseDisplayTable, disclosureTableOf, type DisplayTable } from './displayTable.ts';

export interface DisclosedViewTable {
  table: DisplayTable;
  /** Rows as exported: hidden cells hold `*`, counts rounded when the rule says so. */
  rows: Record<string, unknown>[];
  result: DisclosureResult;
  /** Hidden cells a reader could still work out (empty unless secondary suppression is off). */
  leaks: DisclosureLeak[];
}

export function discloseViewTable(
  table: DisplayTable,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosedViewTable {
  const result = discloseDisplayTable(table, rule);
  // The audit reads exact equations, so it runs on the unrounded disclosure (same hidden cells).
  const exact = rule.roundTo === 0 ? result : discloseDisplayTable(table, { ...rule, roundTo: 0 });
  const structure = disclosureTableOf(table);
  const leaks = findDisclosureLeaks({
    ...structure,
    summedRows: [...(structure.summedRows ?? []), ...(exact.detectedSums ?? [])],
    rows: exact.rows,
  });
  return { table, rows: result.rows, result, leaks };
}

/** Why an export is blocked, in words an analyst can act on. */
export function leakExplanation(caption: string, leaks: DisclosureLeak[]): string {
  const first = leaks
    .slice(0, 3)
    .map((l) => `row ${l.row + 1}, column "${l.key}" (through ${l.via})`)
    .join('; ');
  return (
    `Export blocked: in "${caption}", ${leaks.length} suppressed ${leaks.length === 1 ? 'cell' : 'cells'} could still be worked out from the totals shown: ${first}. ` +
    'Turn on "Also suppress cells that would let a suppressed count be worked out from totals", or round counts to the nearest 5.'
  );
}

export interface ViewChartLike<S> {
  spec: S;
  title: string;
  description: string;
}

export interface DisclosedView<S> {
  tables: DisclosedViewTable[];
  charts: (DisclosedChart<S> & { title: string })[];
  /** Set when any table leaks: nothing of this view may leave the app. */
  blocked: string | null;
}

export function discloseView<S>(
  view: { tables: DisplayTable[]; charts: ViewChartLike<S>[] },
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosedView<S> {
  const tables = view.tables.map((t) => discloseViewTable(t, rule));
  const sources = tables.map((t) => ({ table: t.table, disclosed: t.rows }));
  const charts = view.charts.map((c) => ({
    title: c.title,
    ...discloseChart(c.spec, c.description, sources, rule),
  }));
  const leaking = tables.find((t) => t.leaks.length > 0);
  return {
    tables,
    charts,
    blocked: leaking ? leakExplanation(leaking.table.caption, leaking.leaks) : null,
  };
}
