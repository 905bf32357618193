/**
 * People in treatment referred through the criminal justice system, by area and substance group:
 * a cross-table with totals checked against the published totals, share of all in treatment
 * (Wilson), rate per 100,000 adults (crude rate) and continuity of care after prison (Wilson,
 * against the 75% national ambition).
 *
 * This file only runs the statements of ./sql.ts and hands their rows on: totals are checked in
 * ./totals.ts, adults counted in ./population.ts, figures computed in ./compute.ts and
 * ./continuity.ts, and shown by ./present.ts.
 */
import { ENGLAND } from '../../domain/areas';
import { pickPeriod } from '../../domain/periods';
import type { Row } from '../../engine/types';
import { isSyntheticIn, num, str, viewAreas } from '../common';
import type { ViewContext, ViewResult } from '../types';
import { groupCjsNote, withGroupCells, withGroupSums } from './groups';
import { withTrendOption } from '../trend';
import {
  cjsCellsSql,
  cjsPeriodsSql,
  continuityPeriodsSql,
  continuitySql,
  inTreatmentSql,
  populationSql,
  populationYearsSql,
  type Query,
} from './sql';
import { checkTotals, cjsCells, totalsNotes } from './totals';
import { adultPopulation, populationYear } from './population';
import { areasToShow, cjsRows } from './compute';
import { withGroupSourceSums } from '../sourceSums';
import { continuityCounts, continuityRows, type SummedArea } from './continuity';
import { METHOD_NOTE, cjsTable, continuityChart, continuityTable, stackedChart } from './present';

export { METHOD_NOTE } from './present';
export { CONTINUITY_AMBITION } from './continuity';
export { SUBSTANCE_GROUPS } from './totals';
export { adultFraction } from './population';

/** The view has no options. */
export type CjsTreatmentOptions = Record<string, never>;

async function rows(ctx: ViewContext, q: Query): Promise<Row[]> {
  return (await ctx.engine.query(q.sql, q.params)).toRows();
}

/** All adults in treatment by area for the period (the published total, else the groups' sum). */
async function readInTreatment(ctx: ViewContext, period: string, codes: string[]) {
  const inTreatment = new Map<string, number>();
  if (!ctx.catalog.has('treatment'))
    return {
      inTreatment,
      notes: ['No "treatment" table: share of all in treatment not calculated.'],
    };
  const t = await rows(ctx, inTreatmentSql(period, codes));
  for (const r of t) {
    const v = num(r.total) ?? num(r.parts);
    if (v !== null) inTreatment.set(str(r.area_code), v);
  }
  const notes =
    t.length === 0
      ? [`No "treatment" figures for ${period}: share of all in treatment not calculated.`]
      : [];
  return { inTreatment, notes };
}

/** Adults 18+ by area in the period's first year (or the nearest year before it). */
async function readAdults(ctx: ViewContext, period: string, codes: string[]) {
  const yearMatch = /^(\d{4})/.exec(period);
  if (!yearMatch || !ctx.catalog.has('population') || codes.length === 0)
    return { adults: new Map<string, number>(), notes: [] };
  const years = (await rows(ctx, populationYearsSql())).map((r) => Number(r.y));
  const chosen = populationYear(years, Number(yearMatch[1]));
  if (chosen.year === null) return { adults: new Map<string, number>(), notes: [] };
  const got = adultPopulation(await rows(ctx, populationSql(codes, chosen.year)), codes);
  return { adults: got.adults, notes: [...chosen.notes, ...got.notes] };
}

/** Continuity of care for the view's areas, England and the region summed where absent. */
async function readContinuity(ctx: ViewContext) {
  if (!ctx.catalog.has('continuity_of_care')) return null;
  const period = pickPeriod(
    (await rows(ctx, continuityPeriodsSql())).map((r) => str(r.p)),
    ctx.latestPeriod,
  );
  const areas = viewAreas(ctx);
  const summedAreas = new Map<string, SummedArea>();
  const utla = ctx.areas.upperTier;
  summedAreas.set(ENGLAND, { members: utla.map((a) => a.code) });
  if (ctx.regionCode)
    summedAreas.set(ctx.regionCode, {
      members: utla.filter((a) => a.regionCode === ctx.regionCode).map((a) => a.code),
    });
  const shown = new Set(areas.map((a) => a.code));
  for (const g of ctx.areas.groups)
    if (shown.has(g.code)) summedAreas.set(g.code, { members: g.members, groupName: g.name });
  const codes = [
    ...new Set([
      ...areas.map((a) => a.code),
      ...utla.map((a) => a.code),
      ...[...summedAreas.values()].flatMap((a) => a.members),
    ]),
  ];
  const got = continuityCounts(
    await rows(ctx, continuitySql(period, codes)),
    areas,
    summedAreas,
    (c) => ctx.areas.name(c),
  );
  const synthetic = await isSyntheticIn(ctx, 'continuity_of_care');
  const out = continuityRows(areas, got.counts, period, (c) => ctx.areas.name(c), synthetic);
  // England and the region summed from every authority in the data, not only those shown, and
  // groups from their members: disclosure control decides them from those authorities, the same
  // way in every export (a member hidden in one export cannot be had back from the sum).
  const sourceSums = out.rows.flatMap((r, row) => {
    const parts = got.sources.get(str(r.area_code));
    return parts
      ? [
          {
            row,
            sourceRows: parts.map((p) => ({
              area_code: p.code,
              released_with_need: p.released,
              engaged_within_3_weeks: p.engaged,
            })),
          },
        ]
      : [];
  });
  return { period, ...out, sourceSums, notes: got.notes };
}

export async function runCjsTreatment(ctx: ViewContext): Promise<ViewResult> {
  const period = pickPeriod(
    (await rows(ctx, cjsPeriodsSql())).map((r) => str(r.p)),
    ctx.latestPeriod,
  );
  if (!period) throw new Error('The "cjs_treatment" table has no rows.');
  const hasPublished = ctx.catalog.columns('cjs_treatment').has('published_total');
  const nameOf = (code: string) => ctx.areas.name(code);
  // Groups shown get cells, denominators and populations summed from their members (./groups.ts).
  const shownCodes = new Set([ctx.focalArea, ...ctx.comparatorCodes]);
  const areaGroups = ctx.areas.groups.filter((g) => shownCodes.has(g.code));
  const grouped = withGroupCells(
    cjsCells(await rows(ctx, cjsCellsSql(period, hasPublished))),
    areaGroups,
    nameOf,
  );
  const cells = grouped.cells;
  const totals = checkTotals(cells, nameOf);
  const notes = [
    ...areaGroups.map((g) => groupCjsNote(g, nameOf)),
    ...grouped.notes,
    ...totalsNotes(totals, period),
  ];

  const shown = areasToShow(viewAreas(ctx), cells.tableAreas);
  if (!cells.tableAreas.includes(ctx.focalArea))
    notes.push(
      `No CJS treatment figures for ${ctx.focalAreaName} (${ctx.focalArea}) in ${period}.`,
    );
  const codes = shown.map((a) => a.code);
  const withMembers = [...new Set([...codes, ...areaGroups.flatMap((g) => g.members)])];
  const treated = await readInTreatment(ctx, period, withMembers);
  const population = await readAdults(ctx, period, withMembers);
  if (areaGroups.length > 0) {
    treated.inTreatment = withGroupSums(treated.inTreatment, areaGroups);
    population.adults = withGroupSums(population.adults, areaGroups);
  }
  notes.push(...treated.notes, ...population.notes);
  if (population.adults.size === 0)
    notes.push('No adult population for these areas: rates per 100,000 not calculated.');

  const synthetic =
    (await isSyntheticIn(ctx, 'cjs_treatment')) ||
    (treated.inTreatment.size > 0 && (await isSyntheticIn(ctx, 'treatment'))) ||
    (population.adults.size > 0 && (await isSyntheticIn(ctx, 'population')));
  const inputs = {
    period,
    cells,
    totals,
    inTreatment: treated.inTreatment,
    adults: population.adults,
    synthetic,
  };
  const main = cjsRows(shown, nameOf, inputs);
  notes.push(...main.notes);

  // Each group's row declared as its members' rows summed (as they would be shown), so disclosure
  // control decides it from them in every export (../sourceSums.ts).
  const memberRows = new Map(
    cjsRows(
      areaGroups.flatMap((g) => g.members.map((code) => ({ code, role: 'comparator' as const }))),
      nameOf,
      inputs,
    ).rows.map((r) => [str(r.area_code), r]),
  );
  const tables = [
    withGroupSourceSums(
      cjsTable(period, cells.groups, main),
      areaGroups,
      (code) => memberRows.get(code) ?? null,
    ),
  ];
  const indicators = [...main.indicators];
  const focalName = nameOf(ctx.focalArea);
  const charts = [
    stackedChart({
      period,
      groups: cells.groups,
      rows: main.rows,
      stacked: main.stacked,
      focalArea: ctx.focalArea,
      focalName,
      mismatches: totals.mismatches.length,
    }),
  ];
  const continuity = await readContinuity(ctx);
  if (continuity) {
    notes.push(...continuity.notes);
    indicators.push(...continuity.indicators);
    tables.push(continuityTable(continuity.period, continuity.rows, continuity.sourceSums));
    if (continuity.rows.length > 0)
      charts.push(continuityChart(continuity.period, continuity.rows, ctx.focalArea, focalName));
  }
  return {
    indicators,
    tables,
    charts,
    methodNote: METHOD_NOTE,
    notes,
    synthetic: synthetic || (continuity?.rows.some((r) => r.synthetic === true) ?? false),
  };
}

export const cjsTreatmentView = withTrendOption<CjsTreatmentOptions>(
  {
    id: 'cjs-treatment',
    title: 'Criminal justice system and treatment',
    description:
      'People in drug and alcohol treatment referred through the criminal justice system, by substance group, with totals checked against the published ones, their share of everyone in treatment, rates per 100,000 adults, and continuity of care after prison release against the 75% ambition.',
    requires: [
      {
        tables: ['cjs_treatment'],
        howToGet: 'criminal justice referrals into treatment by area and substance group',
      },
    ],
    options: [],
    run: (ctx) => runCjsTreatment(ctx),
  },
  {
    periodTables: ['cjs_treatment', 'continuity_of_care'],
    // Shares say "of" their denominator; counts and rates count people.
    countNoun: (row) =>
      row.unit === '%' && row.denominator !== null
        ? `of ${new Intl.NumberFormat('en-GB').format(row.denominator)}`
        : 'people',
  },
);
