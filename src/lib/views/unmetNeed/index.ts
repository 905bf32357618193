/**
 * Unmet need for treatment (OCU 15-64, opiates, crack, alcohol dependence 18+): the estimated
 * population in need (prevalence) against the number in treatment. Interval from the prevalence
 * interval only (stats unmetNeed), as Fingertips 93517/93532.
 *
 * This file only runs the statements of ./sql.ts and hands their rows on: periods are chosen in
 * ./periods.ts, inputs assembled in ./inputs.ts, figures computed in ./compute.ts and shown by
 * ./present.ts.
 */
import { ENGLAND } from '../../domain/areas';
import type { Row } from '../../engine/types';
import { isSyntheticIn, num, str, viewAreas } from '../common';
import type { ViewContext, ViewResult } from '../types';
import { withTrendOption } from '../trend';
import type { CompositeArea, Query } from './sql';
import {
  episodeBoundsSql,
  episodeCountsSql,
  prevalencePeriodsSql,
  prevalenceSql,
  treatmentCountsSql,
  treatmentPeriodsSql,
} from './sql';
import {
  needInputs,
  periodsByMeasure,
  prevalenceByMeasure,
  distinctClientsFromEpisodes,
  treatmentFromEpisodes,
  treatmentFromTable,
  type ByMeasure,
} from './inputs';
import {
  ALL_TREATMENT_GROUPS,
  NEED_MEASURES,
  countSource,
  measuresFor,
  noCountReason,
  type CountSource,
  type NeedMeasure,
} from './measures';
import {
  choosePeriods,
  episodeNote,
  episodeWindow,
  type EpisodeWindow,
  type TreatmentSource,
} from './periods';
import { measureRows } from './compute';
import { groupNeedInput, groupNeedNote } from './groups';
import { METHOD_NOTE, closingNotes, needChart, needTable } from './present';
import { withAreaSourceSums, withGroupSourceSums } from '../sourceSums';

export { METHOD_NOTE } from './present';
export { NEED_MEASURES, TREATMENT_GROUPS, OPIATE_PATTERN, type NeedMeasure } from './measures';

export interface UnmetNeedOptions extends Record<string, string> {
  measure: NeedMeasure | 'all';
}

async function rows(ctx: ViewContext, q: Query): Promise<Row[]> {
  return (await ctx.engine.query(q.sql, q.params)).toRows();
}

/**
 * Numbers in treatment by measure and area: from the aggregate table where it has a count for the
 * measure, else counted from record-level episodes; none for crack and OCU without episodes.
 */
async function readTreatment(
  ctx: ViewContext,
  measures: typeof NEED_MEASURES,
  prevalencePeriods: Map<string, string[]>,
  composites: readonly CompositeArea[],
) {
  const loaded = {
    table: ctx.catalog.has('treatment'),
    episodes: ctx.catalog.has('treatment_episodes'),
  };
  const sources = new Map(measures.map((m) => [m.id, countSource(m.id, loaded)]));
  const using = (s: CountSource) => measures.filter((m) => sources.get(m.id) === s);
  const notes: string[] = [];
  const tablePeriods =
    using('table').length > 0 ? (await rows(ctx, treatmentPeriodsSql())).map((r) => str(r.p)) : [];
  let window: EpisodeWindow | null = null;
  let counts: ByMeasure<number> = new Map();
  let distinct: ByMeasure<number> = new Map();
  const fromEpisodes = using('episodes');
  if (fromEpisodes.length > 0) {
    const last = (await rows(ctx, episodeBoundsSql()))[0]?.last_start;
    window = episodeWindow(str(last) || null, ctx.latestPeriod);
    if (window) {
      const hasDischarge = ctx.catalog.columns('treatment_episodes').has('discharge_date');
      // A full scan of the episodes: read once per change of tables (and of the areas made of
      // others), shared by focal areas.
      const q = episodeCountsSql(window, hasDischarge, composites);
      const episodeRows = await ctx.readOnce(q.sql, q.params);
      const ids = fromEpisodes.map((m) => m.id);
      counts = treatmentFromEpisodes(episodeRows, ids);
      distinct = distinctClientsFromEpisodes(episodeRows, ids);
      notes.push(episodeNote(window, loaded.table ? fromEpisodes.map((m) => m.label) : null));
    }
  }
  const sourceOf = (measure: NeedMeasure): TreatmentSource => {
    const s = sources.get(measure);
    if (s === 'table') return { kind: 'table', periods: tablePeriods };
    if (s === 'episodes') return { kind: 'episodes', period: window?.period ?? null };
    return { kind: 'none' };
  };
  const chosen = choosePeriods(measures, prevalencePeriods, sourceOf, ctx.latestPeriod);
  const tableMeasures = using('table').map((m) => m.id);
  const wanted = [...new Set(tableMeasures.flatMap((m) => chosen.periods.get(m)?.treatment ?? []))];
  if (wanted.length > 0)
    for (const [m, c] of treatmentFromTable(
      await rows(ctx, treatmentCountsSql(wanted, ALL_TREATMENT_GROUPS)),
      chosen.periods,
      tableMeasures,
    ))
      counts.set(m, c);
  return {
    periods: chosen.periods,
    counts,
    /** Distinct clients of England, the region and groups, for the measures counted from episodes. */
    distinct,
    sources,
    notes: [...notes, ...chosen.notes],
    usesTable: tableMeasures.length > 0,
    usesEpisodes: fromEpisodes.length > 0,
  };
}

/** Upper-tier members of England and of the focal area's region, for figures summed from them. */
function memberAreas(ctx: ViewContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (ctx.areas.upperTier.length === 0) return out;
  out.set(
    ENGLAND,
    ctx.areas.upperTier.map((a) => a.code),
  );
  if (ctx.regionCode)
    out.set(
      ctx.regionCode,
      ctx.areas.upperTier.filter((a) => a.regionCode === ctx.regionCode).map((a) => a.code),
    );
  return out;
}

export async function runUnmetNeed(
  ctx: ViewContext,
  options: UnmetNeedOptions,
): Promise<ViewResult> {
  const measures = measuresFor(options.measure);
  const prevalencePeriods = periodsByMeasure(
    await rows(ctx, prevalencePeriodsSql(measures.map((m) => m.id))),
  );
  const areas = viewAreas(ctx);
  const members = memberAreas(ctx);
  const shown = new Set(areas.map((a) => a.code));
  const groups = ctx.areas.groups.filter((g) => shown.has(g.code));
  // Areas made of others count their distinct clients when the counts come from episodes.
  const composites: CompositeArea[] = [
    ...[...members].map(([code, list]) => ({ code, members: list })),
    ...groups.map((g) => ({ code: g.code, members: g.members })),
  ];
  const treatment = await readTreatment(ctx, measures, prevalencePeriods, composites);
  const wanted = [...treatment.periods].map(([measure, p]) => ({ measure, period: p.prevalence }));
  const prevCols = ctx.catalog.columns('prevalence');
  const prevalence = prevalenceByMeasure(
    wanted.length > 0
      ? await rows(
          ctx,
          prevalenceSql(wanted, { lower: prevCols.has('lower'), upper: prevCols.has('upper') }),
        )
      : [],
  );
  const synthetic =
    (await isSyntheticIn(ctx, 'prevalence')) ||
    (treatment.usesTable && (await isSyntheticIn(ctx, 'treatment'))) ||
    (treatment.usesEpisodes && (await isSyntheticIn(ctx, 'treatment_episodes')));

  const nameOf = (code: string) => ctx.areas.name(code);
  const result: ViewResult = {
    indicators: [],
    tables: [],
    charts: [],
    methodNote: METHOD_NOTE,
    notes: [
      ...groups.map((g) => groupNeedNote(g, nameOf, treatment.usesEpisodes)),
      ...treatment.notes,
    ],
    synthetic,
  };
  const tableRows: Row[] = [];
  let derivedAny = false;
  for (const m of measures) {
    const per = treatment.periods.get(m.id);
    if (!per) continue;
    const inputs = needInputs(
      areas,
      prevalence.get(m.id) ?? new Map(),
      treatment.counts.get(m.id) ?? new Map(),
      members,
      treatment.sources.get(m.id) === 'none' ? noCountReason(m.id) : undefined,
      treatment.distinct.get(m.id),
    );
    // Groups shown get inputs summed from their members (./groups.ts).
    for (const g of groups)
      inputs.set(
        g.code,
        groupNeedInput(
          g,
          prevalence.get(m.id) ?? new Map(),
          treatment.counts.get(m.id) ?? new Map(),
          nameOf,
          treatment.sources.get(m.id) === 'none' ? noCountReason(m.id) : undefined,
          treatment.distinct.get(m.id)?.get(g.code),
        ),
      );
    const out = measureRows(m, per, areas, inputs, nameOf, synthetic);
    result.indicators.push(...out.indicators);
    tableRows.push(...out.tableRows);
    derivedAny ||= out.derivedAny;
    const focalNote = out.tableRows.find((r) => r.area_code === ctx.focalArea)?.note;
    const chart = needChart(m, per, out.bars, nameOf(ctx.focalArea), str(focalNote));
    if (chart) result.charts.push(chart);
  }
  // England and region rows are summed from every authority (shown or not), and a group's row
  // from its members: declared so disclosure control decides them from those alone
  // (sourceSums.ts).
  const sourceRow = (code: string, row: Record<string, unknown>) => {
    const m = measures.find((x) => x.label === row.substance);
    const p = m ? prevalence.get(m.id)?.get(code) : undefined;
    const count = m ? treatment.counts.get(m.id)?.get(code) : undefined;
    if (!p && count === undefined) return null;
    return {
      estimate: p ? num(p.estimate) : null,
      estimate_lower: p ? num(p.lower) : null,
      estimate_upper: p ? num(p.upper) : null,
      in_treatment: count ?? null,
    };
  };
  result.tables.push(
    withGroupSourceSums(
      withAreaSourceSums(needTable(tableRows), ctx.areas.upperTier, sourceRow),
      groups,
      sourceRow,
    ),
  );
  result.notes = [
    ...result.notes,
    ...closingNotes({
      derivedAny,
      noSpecificCount: measures
        .filter((m) => treatment.sources.get(m.id) === 'none')
        .map((m) => m.label),
      focalShown: result.indicators.some((r) => r.area_code === ctx.focalArea),
      focalName: ctx.focalAreaName,
      focalCode: ctx.focalArea,
    }),
  ];
  return result;
}

export const unmetNeedView = withTrendOption<UnmetNeedOptions>(
  {
    id: 'unmet-need',
    title: 'Unmet need for treatment',
    description:
      'How many of the people estimated to need treatment (opiate and/or crack use, opiates, crack, alcohol dependence) are not in treatment, for the focal area against England, its region and comparator areas.',
    requires: [
      {
        tables: ['prevalence'],
        howToGet: 'prevalence estimates of opiate and crack use and alcohol dependence',
      },
      {
        tables: ['treatment', 'treatment_episodes'],
        howToGet: 'numbers in treatment, or record-level treatment episodes',
      },
    ],
    options: [
      {
        key: 'measure',
        label: 'Substance',
        choices: [
          { value: 'all', label: 'All four' },
          ...NEED_MEASURES.map((m) => ({ value: m.id, label: m.label })),
        ],
        default: 'all',
      },
    ],
    run: runUnmetNeed,
  },
  {
    periodTables: ['prevalence', 'treatment'],
    // Unmet need counts those not in treatment, met need those in it, of the estimated need.
    countNoun: (row) =>
      `${row.indicator_id.startsWith('unmet') ? 'not in treatment' : 'in treatment'}${
        row.denominator !== null
          ? ` of ${new Intl.NumberFormat('en-GB').format(row.denominator)} estimated to need it`
          : ''
      }`,
  },
);
