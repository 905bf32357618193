/**
 * The contract every prebuilt view implements. A view is a folder (src/lib/views/<view>/):
 *   sql.ts      pure builders returning { sql, params } (no engine)
 *   compute.ts  pure: rows in, indicator rows and notes out, using src/lib/stats
 *   present.ts  pure: tables, Vega-Lite specs, chart descriptions, the method note
 *   index.ts    the ViewDefinition: runs the SQL through ctx.engine and hands rows on
 * It runs unchanged in the browser (view cells) and in Node (`npm run view`, tests).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import type { ViewContext, ViewEnvironment } from './context';

export type { ViewContext, ViewEnvironment, ViewParams } from './context';

export type ViewId =
  | 'unmet-need'
  | 'drug-deaths'
  | 'cjs-treatment'
  | 'la-comparison'
  | 'treatment-outcomes'
  | 'scorecard';

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
  /** The count columns that add up to `rowTotalKey`, when not simply those before it. */
  rowTotalParts?: string[];
  /** The row holding column totals of `partRows`. */
  totalRowIndex?: number;
  /** Rows that add up to the total row (others, such as England, are protected on their own). */
  partRows?: number[];
  /** Rows that repeat another row's figures (published totals): suppressed where it is. */
  mirrorRows?: Record<number, number>;
  /**
   * Rows computed by summing other rows of this table (England or a region summed from the
   * authorities shown): disclosure control protects the parts from the sum.
   */
  summedRows?: { row: number; from: number[] }[];
  /**
   * Rows summed from source rows that are not all shown (England or a region summed from every
   * authority in the data), with those source rows under the table's column keys: disclosure
   * control decides them from the source alone, the same way in every export.
   */
  sourceSums?: { row: number; sourceRows: Record<string, unknown>[] }[];
}

export interface ViewChart {
  spec: TopLevelSpec;
  /** The key finding in a sentence or two: the chart's accessible description. */
  description: string;
  title: string;
}

export interface ViewResult {
  indicators: IndicatorRow[];
  tables: ViewTable[];
  charts: ViewChart[];
  /** e.g. "Directly age-standardised to ESP2013; 95% CI by Dobson's method; not calculated where deaths < 10". */
  methodNote: string;
  /** Data problems and caveats worth a sentence each (mismatched totals, missing years...). */
  notes: string[];
  /** True when any input was synthetic training data: everything shown is labelled SYNTHETIC. */
  synthetic: boolean;
  /** Which areas and periods shown are synthetic, in words (from the rows' provenance). */
  syntheticScope?: string;
}

export interface OptionChoice<V extends string = string> {
  value: V;
  label: string;
}

/** One option of a view, as a select in its cell. */
export interface ViewOption<K extends string = string> {
  key: K;
  label: string;
  choices: OptionChoice[];
  default: string;
  /** Choices come from the data (`ViewDefinition.dynamicOptions`): any value is accepted. */
  dynamic?: boolean;
}

/** Tables a view needs: any one of `tables`, and how to get it when none is loaded. */
export interface Requirement {
  tables: string[];
  /** What to load, in words: "ONS drug deaths (or record-level death reviews)". */
  howToGet: string;
  /** Indicator rows computed by other views in the notebook also meet it (la-comparison). */
  orComputedIndicators?: boolean;
}

/** What a view's data-dependent options are read from: the tables, and other views' indicators. */
export type OptionsContext = ViewEnvironment & { computedIndicators: readonly IndicatorRow[] };

/** Options of a view as its run() receives them: every key present and valid. */
export type ViewOptions = Record<string, string>;

export interface ViewDefinition<O extends ViewOptions = ViewOptions> {
  id: ViewId;
  title: string;
  /** One paragraph shown in the cell: what the view answers. */
  description: string;
  /** Checked once, before run(), by runView in ./index.ts. */
  requires: Requirement[];
  options: ViewOption<keyof O & string>[];
  /** Options whose choices come from the data (e.g. the indicator list), for the cell's selects. */
  dynamicOptions?(
    ctx: OptionsContext,
    current: Partial<O>,
  ): Promise<ViewOption<keyof O & string>[]>;
  run(ctx: ViewContext, options: O): Promise<ViewResult>;
}
