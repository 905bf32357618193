/**
 * The contract every prebuilt view implements. A view is plain code over the Engine: it runs
 * SQL on the canonical tables, applies src/lib/stats, and returns indicator rows (the one long
 * format), a display table, a Vega-Lite chart and a one-line method note. It runs unchanged in
 * the browser (view cells) and in Node (`npm run view`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Engine, Row } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import type { ComparatorKind } from './areas';

export type ViewId = 'unmet-need' | 'drug-deaths' | 'cjs-treatment' | 'la-comparison';

/** The notebook parameters, resolved for one run (a cell may override any of them). */
export interface ViewContext {
  focalArea: string;
  focalAreaName: string;
  regionCode: string | null;
  regionName: string | null;
  comparator: ComparatorKind;
  /** Codes of the comparator areas, the focal area included. */
  comparatorCodes: string[];
  comparatorLabel: string;
  /** Latest period to show; null = the latest in the data. */
  latestPeriod: string | null;
}

/** A column of the display table: how to show it (numbers are formatted, never rounded in data). */
export interface DisplayColumn {
  key: string;
  label: string;
  format?: 'count' | 'rate' | 'percent' | 'text';
  /** Numeric columns are right-aligned and sortable numerically. */
  numeric?: boolean;
  /** How disclosure control treats the column, when `format` alone would be wrong. */
  disclosure?: 'count' | 'derived' | 'total' | 'text' | 'other';
  /** For derived columns: the count or total columns of the row they were computed from. */
  derivedFrom?: string[];
}

export interface ViewTable {
  caption: string;
  columns: DisplayColumn[];
  rows: Row[];
  /** A cross-tab's structure, so disclosure control can protect cells from its totals. */
  rowTotalKey?: string;
  /** The row holding column totals of `partRows`. */
  totalRowIndex?: number;
  /** Rows that add up to the total row (others, such as England, are protected on their own). */
  partRows?: number[];
  /** Rows that repeat another row's figures (published totals): suppressed where it is. */
  mirrorRows?: Record<number, number>;
}

export interface ViewResult {
  indicators: IndicatorRow[];
  tables: ViewTable[];
  charts: { spec: TopLevelSpec; description: string; title: string }[];
  /** e.g. "Directly age-standardised to ESP2013; 95% CI by Dobson's method; not calculated where deaths < 10". */
  methodNote: string;
  /** Data problems and caveats worth a sentence each (mismatched totals, missing years...). */
  notes: string[];
  /** True when any input was synthetic training data: everything shown is labelled SYNTHETIC. */
  synthetic: boolean;
}

export interface ViewOption {
  key: string;
  label: string;
  choices: { value: string; label: string }[];
  default: string;
}

export interface ViewDefinition {
  id: ViewId;
  title: string;
  /** One paragraph shown in the cell: what the view answers. */
  description: string;
  /** Canonical tables the view needs (any one of the alternatives in an inner array). */
  requires: (string | string[])[];
  options: ViewOption[];
  run(engine: Engine, context: ViewContext, options: Record<string, string>): Promise<ViewResult>;
}
