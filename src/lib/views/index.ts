/**
 * The prebuilt views: the registry, and the one place where a view is run — its requirements
 * checked, its options validated — so no view repeats either.
 */
import { quoteIdent } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import { canonicalTable } from '../schema/tables';
import { cjsTreatmentView } from './cjsTreatment';
import { drugDeathsView } from './drugDeaths';
import { laComparisonView } from './laComparison';
import { scorecardView } from './scorecard';
import { treatmentOutcomesView } from './treatmentOutcomes';
import { unmetNeedView } from './unmetNeed';
import type { ViewContext } from './context';
import { provenanceSummary } from './provenanceNotes';
import type {
  OptionsContext,
  Requirement,
  ViewDefinition,
  ViewId,
  ViewOption,
  ViewOptions,
  ViewResult,
} from './types';

export type {
  ViewContext,
  ViewEnvironment,
  ViewParams,
  ViewDefinition,
  ViewId,
  ViewResult,
  ViewTable,
  ViewChart,
  DisplayColumn,
  ViewOption,
  Requirement,
  OptionsContext,
} from './types';
export {
  buildViewEnvironment,
  environmentFrom,
  readViewEnvironmentData,
  resolveViewContext,
  type ViewEnvironmentData,
} from './context';

// The registry holds views of different option types; each is called only through runView.
export const VIEWS: Record<ViewId, ViewDefinition> = {
  'unmet-need': unmetNeedView as unknown as ViewDefinition,
  'drug-deaths': drugDeathsView,
  'cjs-treatment': cjsTreatmentView as unknown as ViewDefinition,
  'la-comparison': laComparisonView as unknown as ViewDefinition,
  'treatment-outcomes': treatmentOutcomesView as unknown as ViewDefinition,
  scorecard: scorecardView as unknown as ViewDefinition,
};

export function isViewId(id: string): id is ViewId {
  return Object.prototype.hasOwnProperty.call(VIEWS, id);
}

/** Thrown when a view's tables are not loaded: the message says what is missing and how to get it. */
export class MissingTablesError extends Error {
  constructor(
    readonly viewTitle: string,
    readonly missing: Requirement[],
  ) {
    super(
      `${viewTitle} needs ${missing
        .map((r) => `${r.tables.map((t) => `"${t}"`).join(' or ')} (${r.howToGet})`)
        .join('; and ')}. Load the file on the left, or map one of yours onto ${
        missing.length === 1 && missing[0].tables.length === 1 ? 'that table' : 'those tables'
      }.`,
    );
    this.name = 'MissingTablesError';
  }
}

export function missingRequirements(view: ViewDefinition, ctx: OptionsContext): Requirement[] {
  return view.requires.filter(
    (r) =>
      !r.tables.some((t) => ctx.catalog.has(t)) &&
      !(r.orComputedIndicators && ctx.computedIndicators.length > 0),
  );
}

/**
 * A view's options from what a notebook holds: every key present, each value one of its choices
 * (dynamic options accept any text); unknown keys are dropped. Returns the notes on what was
 * replaced, so a hand-edited or hostile notebook cannot pass anything else to a view.
 */
export function parseOptions(
  view: ViewDefinition,
  raw: Record<string, unknown> | undefined,
): { options: ViewOptions; notes: string[] } {
  const options: ViewOptions = {};
  const notes: string[] = [];
  for (const o of view.options) {
    const v = raw?.[o.key];
    if (v === undefined || v === null || v === '') options[o.key] = o.default;
    else if (typeof v === 'string' && (o.dynamic || o.choices.some((c) => c.value === v)))
      options[o.key] = v;
    else {
      options[o.key] = o.default;
      notes.push(
        `Option "${o.label}": ${JSON.stringify(v).slice(0, 60)} is not one of its choices; ${
          o.choices.find((c) => c.value === o.default)?.label ?? 'the default'
        } was used.`,
      );
    }
  }
  return { options, notes };
}

/** Runs a view: requirements checked once, options validated, the context's notes first. */
export async function runView(
  id: ViewId,
  ctx: ViewContext,
  rawOptions: Record<string, unknown> = {},
): Promise<ViewResult> {
  const view = VIEWS[id];
  const missing = missingRequirements(view, ctx);
  if (missing.length > 0) throw new MissingTablesError(view.title, missing);
  const { options, notes } = parseOptions(view, rawOptions);
  const result = await view.run(ctx, options);
  // Where the shown rows came from: the analyst's files that replace synthetic rows, and which
  // areas and periods shown are synthetic (the banner disappears when none are).
  const origin = provenanceSummary(view, ctx, result);
  const before = [...ctx.notes, ...notes, ...origin.notes];
  const allReal = result.synthetic && origin.allReal;
  if (before.length === 0 && !allReal && !origin.syntheticScope) return result;
  return {
    ...result,
    notes: [...before, ...result.notes],
    synthetic: result.synthetic && !allReal,
    indicators: allReal
      ? result.indicators.map((r) => ({ ...r, synthetic: false }))
      : result.indicators,
    ...(origin.syntheticScope && result.synthetic ? { syntheticScope: origin.syntheticScope } : {}),
  };
}

/** A view's options with choices that come from the data filled in (e.g. la-comparison's indicators). */
export async function viewOptions(
  ctx: OptionsContext,
  id: ViewId,
  current: Record<string, string> = {},
): Promise<ViewOption[]> {
  const view = VIEWS[id];
  if (!view.dynamicOptions || missingRequirements(view, ctx).length > 0) return view.options;
  return view.dynamicOptions(ctx, current);
}

/** Default option values for a view. */
export function defaultOptions(view: ViewDefinition): Record<string, string> {
  return Object.fromEntries(view.options.map((o) => [o.key, o.default]));
}

const INDICATOR_TABLE = canonicalTable('indicators');

/**
 * Writes indicator rows (from a view) into an `indicators`-shaped table, creating it when absent;
 * rows already there for the same indicator, area, period, sex and age are replaced. Column types
 * come from the canonical `indicators` definition. Only when the analyst asks: views hand their
 * indicators to each other in memory (ViewContext.computedIndicators).
 */
export async function saveIndicators(
  engine: Engine,
  rows: IndicatorRow[],
  table = 'indicators',
): Promise<number> {
  const t = quoteIdent(table);
  const columns = INDICATOR_TABLE.columns;
  await engine.query(
    `CREATE TABLE IF NOT EXISTS ${t} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`,
  );
  const existing = new Set(
    (
      await engine.query(
        `SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'`,
        [table],
      )
    )
      .toRows()
      .map((r) => String(r.column_name)),
  );
  for (const c of columns)
    if (!existing.has(c.name))
      await engine.query(`ALTER TABLE ${t} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
  const BATCH = 150;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const keys = batch.flatMap((r) => [r.indicator_id, r.area_code, r.period, r.sex, r.age]);
    await engine.query(
      `DELETE FROM ${t} WHERE (CAST(indicator_id AS VARCHAR), area_code, CAST(period AS VARCHAR), sex, age) IN (${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')})`,
      keys,
    );
    const params = batch.flatMap((r) =>
      columns.map((c) => {
        const v = (r as unknown as Record<string, unknown>)[c.name];
        return v === undefined ? null : (v as string | number | boolean | null);
      }),
    );
    await engine.query(
      `INSERT INTO ${t} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES ${batch
        .map(() => `(${columns.map((c) => `CAST(? AS ${c.type})`).join(', ')})`)
        .join(', ')}`,
      params,
    );
  }
  return rows.length;
}
