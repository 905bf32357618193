/**
 * Treatment outcomes: successful completion (with and without re-presentation within 6 months),
 * unplanned exits in the first 12 weeks, re-presentations, deaths in treatment, median time in
 * treatment and the cohort's age profile, by substance group and financial year — from the
 * analyst's own episodes (record-level, they stay in the tab) or aggregate counts, benchmarked
 * against England, the region and Fingertips PHOF C19a/b when loaded.
 *
 *   sql.ts        the statements, as pure builders
 *   sources.ts    runs them and hands the rows on
 *   episodes.ts   outcome counts from episodes (pure)
 *   aggregate.ts  outcome counts from the aggregate table (pure)
 *   compute.ts, records.ts, benchmark.ts   indicator rows and comparisons (pure)
 *   present.ts    tables, chart and the method note
 */
import { ENGLAND } from '../../domain/areas';
import { pickPeriod } from '../../domain/periods';
import type { IndicatorRow } from '../../schema/indicator';
import { ROLE_LABEL, viewAreas } from '../common';
import type { ViewTable } from '../types';
import { withTrendOption } from '../trend';
import { compareWithEngland } from './benchmark';
import { OUTCOME_GROUPS, groupLabel, indicatorIdOf, type TreatmentOutcomesOptions } from './model';
import {
  METHOD_NOTE,
  ageTable,
  areasTable,
  outcomesTable,
  periodTable,
  trendChart,
} from './present';
import { recordRows } from './records';
import { focalSource, readAggregate, readEpisodes, readFingertips } from './sources';
import { withEveryAuthority } from './everyAuthority';
import { groupOutcomesNote, ofArea, withMemberRows } from './groups';
import { aggregateRows } from './aggregateRows';
import { withGroupSourceSums } from '../sourceSums';

export type { TreatmentOutcomesOptions } from './model';
export { METHOD_NOTE } from './present';

export const treatmentOutcomesView = withTrendOption<TreatmentOutcomesOptions>(
  {
    id: 'treatment-outcomes',
    title: 'Treatment outcomes',
    description:
      'Successful completions (and those who did not re-present within 6 months), unplanned exits in the first 12 weeks, re-presentations, deaths in treatment, time in treatment and the age of the cohort, by substance group and year, from your own treatment episodes or aggregate counts, against England and Fingertips.',
    requires: [
      {
        tables: ['treatment_episodes', 'treatment_outcomes'],
        howToGet:
          'a treatment episode extract (record-level), or aggregate completions by area (treatment_outcomes)',
      },
    ],
    options: [
      {
        key: 'source',
        label: 'Data',
        choices: [
          { value: 'auto', label: 'Best available (episodes for the focal area)' },
          { value: 'records', label: 'Treatment episodes' },
          { value: 'aggregate', label: 'Aggregate counts (treatment_outcomes)' },
        ],
        default: 'auto',
      },
      {
        key: 'group',
        label: 'Substance group',
        choices: OUTCOME_GROUPS.map((g) => ({ value: g.id, label: g.label })),
        default: 'all',
      },
    ],

    async run(ctx, { source: wanted, group }) {
      const source = await focalSource(ctx, wanted);
      const areas = viewAreas(ctx);
      const roleOf = new Map(areas.map((a) => [a.code, ROLE_LABEL[a.role]]));
      const notes: string[] = [];
      const indicators: IndicatorRow[] = [];
      let synthetic = false;
      const focalGroup = ctx.focalGroup;
      // A group's members' own rows: not shown, but what disclosure control decides the
      // group's cells from (./groups.ts).
      const memberIndicators: IndicatorRow[] = [];
      if (focalGroup) notes.push(groupOutcomesNote(focalGroup, (c) => ctx.areas.name(c), source));
      if (source === 'records') {
        const { outcomes, members, synthetic: syn } = await readEpisodes(ctx);
        const got = recordRows({ code: ctx.focalArea, name: ctx.focalAreaName }, outcomes, syn);
        indicators.push(...got.indicators);
        notes.push(...outcomes.notes, ...got.notes);
        for (const [code, o] of members)
          memberIndicators.push(
            ...recordRows({ code, name: ctx.areas.name(code) }, o, syn).indicators,
          );
        synthetic ||= syn;
      }
      const aggregateCodes = areas
        .map((a) => a.code)
        .filter((c) => source !== 'records' || c !== ctx.focalArea);
      // A group's members are read in the same statement when its counts are their sums.
      const members = focalGroup && source === 'aggregate' ? focalGroup.members : [];
      const agg = await readAggregate(ctx, [...aggregateCodes, ...members]);
      notes.push(...agg.notes);
      if (agg.byArea.size > 0) synthetic ||= agg.synthetic;
      const of = (codes: readonly string[]) =>
        new Map([...agg.byArea].filter(([code]) => codes.includes(code)));
      indicators.push(...aggregateRows(ctx, of(aggregateCodes), agg.synthetic));
      memberIndicators.push(...aggregateRows(ctx, of(members), agg.synthetic));
      const fingertips = await readFingertips(
        ctx,
        areas.map((a) => a.code),
      );
      const compared = compareWithEngland(indicators, fingertips);

      const focalRows = indicators.filter(
        (r) => r.area_code === ctx.focalArea && r.indicator_id.endsWith(`.${group}`),
      );
      if (focalRows.length === 0)
        notes.push(`No ${groupLabel(group)} outcomes for ${ctx.focalAreaName} in the data.`);
      const period = pickPeriod(
        focalRows.map((r) => r.period),
        ctx.latestPeriod,
      );
      const tables: ViewTable[] = [];
      // Each row of the focal area's tables says which area it is; a group's declare each row as
      // its members' sum (./groups.ts).
      const declared = (
        table: ViewTable,
        key: string,
        build: (code: string, rows: IndicatorRow[]) => ViewTable,
      ): ViewTable =>
        focalGroup
          ? withMemberRows(table, focalGroup, key, (m) => {
              const mine = memberIndicators.filter(
                (r) => r.area_code === m && r.indicator_id.endsWith(`.${group}`),
              );
              return mine.length > 0 ? build(m, mine) : null;
            })
          : ofArea(table, ctx.focalArea);
      if (period) {
        const latest = (rows: IndicatorRow[]) =>
          rows.filter((r) => r.period === period && r.age === 'All ages');
        tables.push(
          declared(
            outcomesTable({ area: ctx.focalAreaName, group, period }, latest(focalRows), compared),
            'measure',
            (m, rows) => outcomesTable({ area: m, group, period }, latest(rows), new Map()),
          ),
          declared(periodTable(ctx.focalAreaName, group, focalRows), 'period', (m, rows) =>
            periodTable(m, group, rows),
          ),
        );
        const id = indicatorIdOf('completion_no_representation', group);
        const byArea = areas
          .map((a) =>
            indicators.find(
              (r) => r.area_code === a.code && r.indicator_id === id && r.period === period,
            ),
          )
          .filter((r): r is IndicatorRow => r !== undefined)
          .map((r) => ({
            ...r,
            role: roleOf.get(r.area_code) ?? 'Comparator',
            compared: r.area_code === ENGLAND ? '—' : (compared.get(r)?.label ?? 'Not compared'),
          }));
        if (byArea.length > 1) {
          const byAreaTable = await withEveryAuthority(
            ctx,
            areasTable(period, group, byArea),
            period,
            group,
          );
          tables.push(
            focalGroup
              ? withGroupSourceSums(byAreaTable, [focalGroup], (m) => {
                  const r = memberIndicators.find(
                    (x) => x.area_code === m && x.indicator_id === id && x.period === period,
                  );
                  // No row: nobody in it (as ./groups.ts declares the focal tables).
                  return r
                    ? { count: r.count, denominator: r.denominator }
                    : { count: 0, denominator: 0 };
                })
              : byAreaTable,
          );
        }
        if (source === 'records')
          tables.push(
            declared(ageTable(ctx.focalAreaName, group, period, focalRows), 'age', (m, rows) =>
              ageTable(m, group, period, rows),
            ),
          );
      }
      const chart = trendChart(ctx.focalAreaName, group, focalRows);
      return {
        indicators,
        tables,
        charts: chart ? [chart] : [],
        methodNote: METHOD_NOTE,
        notes,
        synthetic,
      };
    },
  },
  {
    periodTables: [],
    countNoun: () => 'people',
    include: (row, options) => row.indicator_id.endsWith(`.${options.group || 'all'}`),
  },
);
