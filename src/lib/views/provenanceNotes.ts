/**
 * What every view says about where its shown rows came from, decided once for all views (in
 * runView) from the provenance the environment read: which of the analyst's files replace
 * synthetic rows for the areas and periods shown, and which of those shown are still synthetic.
 */
import { describeKeys, overrideNote, overridesFor, syntheticKeysFor } from '../schema/provenance';
import { isCanonicalTableName, type CanonicalTableName } from '../schema/tables';
import type { ViewContext } from './context';
import type { ViewDefinition, ViewResult } from './types';

export interface ProvenanceSummary {
  /** "Kingston upon Hull 2022/23: hull_cjs.csv replaces the synthetic rows (…)." */
  notes: string[];
  /** The synthetic areas and periods shown, in words; null when provenance cannot tell. */
  syntheticScope: string | null;
  /** True when provenance shows every row of the view's tables (among those shown) is real. */
  allReal: boolean;
}

export function provenanceSummary(
  view: ViewDefinition,
  ctx: ViewContext,
  result: ViewResult,
): ProvenanceSummary {
  const none = { notes: [], syntheticScope: null, allReal: false };
  const provenance = ctx.provenance;
  if (!provenance) return none;
  const tables = view.requires
    .flatMap((r) => r.tables)
    .filter((t): t is CanonicalTableName => isCanonicalTableName(t) && ctx.catalog.has(t));
  if (tables.length === 0) return none;
  const codes = [...new Set(result.indicators.map((r) => r.area_code))];
  const periods = new Set(result.indicators.map((r) => r.period));
  if (codes.length === 0) return none;
  // Keys with a period (or year) count only when that period is shown.
  const shown = (k: Record<string, string | null>) => {
    const p = k.period ?? k.year;
    return p === undefined || p === null || periods.has(p);
  };
  const name = (c: string) => ctx.areas.name(c);
  const notes = tables.flatMap((t) =>
    overridesFor(provenance, t, codes)
      .filter((o) => shown(o.key))
      .map((o) => overrideNote(o, name)),
  );
  // Every period of the shown areas counts here, not only the periods shown: a pooled period
  // ("2017-19") is made of yearly rows ("2017"), and calling synthetic rows real is the worse error.
  const synthetic = tables.flatMap((t) => syntheticKeysFor(provenance, t, codes));
  // Provenance covers a table only when it lists its sources; otherwise it cannot say "all real".
  const covered = tables.every(
    (t) =>
      provenance.sources.some((s) => s.table === t) &&
      !provenance.sources.some((s) => s.table === t && s.sourceId === null),
  );
  return {
    notes,
    syntheticScope: synthetic.length > 0 ? describeKeys(synthetic, name) : null,
    allReal: covered && synthetic.length === 0,
  };
}
