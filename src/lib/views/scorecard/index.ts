/**
 * The partnership scorecard: one line per measure, grouped by the combating-drugs outcomes, from
 * indicators other views computed, loaded Fingertips indicators and local metrics; each with its
 * latest value, rating (RAG against a target, else significance against England), trend and
 * source.
 *
 *   sql.ts      the statements, as pure builders
 *   compute.ts  lines, values, ratings and trends (pure)
 *   model.ts    outcomes, known lines, the RAG rule
 *   present.ts  the table and the method note
 */
import { ENGLAND } from '../../domain/areas';
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { isSyntheticIn, num, str } from '../common';
import type { ViewContext } from '../types';
import { withTrendOption } from '../trend';
import { computedSource, evaluate, indicatorLines, loadedSource, type Line } from './compute';
import { localIndicatorRows, localLines } from './local';
import type { ScorecardOptions } from './model';
import { METHOD_NOTE, scorecardTable } from './present';
import { indicatorsSql, localMetricsSql, type Query } from './sql';

export type { ScorecardOptions } from './model';

/**
 * Why a group's scorecard has only the other views' lines: those views work the group's figures
 * out from its members' counts; loaded indicators and local metrics are per authority, and a
 * rate or percentage cannot be added up (nor are their counts always given), so they are not
 * combined into a figure the group never published.
 */
function groupScorecardNote(group: string): string {
  return `${group} is a group of areas: its lines come from the other views in this notebook, which work out the group's figures from its members' counts. Fingertips indicators and local metrics are published for each authority and are not combined here (rates and percentages cannot be added up, and their counts are not always given), so they have no lines for the group: choose a member to see them.`;
}
export { METHOD_NOTE } from './present';

async function rows(ctx: ViewContext, q: Query): Promise<Row[]> {
  return (await ctx.engine.query(q.sql, q.params)).toRows();
}

function loadedRow(r: Row): IndicatorRow {
  return {
    indicator_id: str(r.indicator_id),
    indicator_name: str(r.indicator_name),
    area_code: str(r.area_code),
    area_name: str(r.area_name),
    period: str(r.period),
    sex: 'Persons',
    age: 'All ages',
    value: num(r.value),
    lower_95: num(r.lower_95),
    upper_95: num(r.upper_95),
    count: num(r.count),
    denominator: num(r.denominator),
    unit: str(r.unit),
    polarity: (str(r.polarity) || 'none') as IndicatorRow['polarity'],
    note: str(r.note),
  };
}

export const scorecardView = withTrendOption<ScorecardOptions>(
  {
    id: 'scorecard',
    title: 'Outcomes scorecard',
    description:
      'A partnership scorecard grouped by the combating-drugs outcomes: each measure’s latest value, its rating against its target (RAG) or England, its trend and its source — from the other views in this notebook, Fingertips indicators and your local metrics.',
    requires: [
      {
        tables: ['local_metrics', 'indicators'],
        howToGet:
          'local metrics (datasets/local_metrics_template.csv), Fingertips indicators, or another view in this notebook',
        orComputedIndicators: true,
      },
    ],
    options: [
      {
        key: 'include',
        label: 'Loaded indicators',
        choices: [
          { value: 'framework', label: 'Framework measures only' },
          { value: 'all', label: 'All loaded indicators' },
        ],
        default: 'framework',
      },
    ],

    async run(ctx, { include }) {
      const codes = [ctx.focalArea, ENGLAND];
      const notes: string[] = [];
      const lines: Line[] = [];
      const indicators: IndicatorRow[] = [];
      let synthetic = false;

      const computed = indicatorLines(ctx.computedIndicators, ctx.focalArea, computedSource);
      lines.push(...computed);
      if (ctx.catalog.has('indicators')) {
        const loaded = (await rows(ctx, indicatorsSql(codes))).map(loadedRow);
        const taken = new Set(lines.map((l) => l.id));
        const fromTable = indicatorLines(loaded, ctx.focalArea, loadedSource(include === 'all'));
        lines.push(...fromTable.filter((l) => !taken.has(l.id)));
      }
      if (ctx.catalog.has('local_metrics')) {
        const metricRows = await rows(
          ctx,
          localMetricsSql(
            [...new Set([...codes, ...ctx.comparatorCodes])],
            ctx.catalog.columns('local_metrics'),
          ),
        );
        const localSynthetic = await isSyntheticIn(ctx, 'local_metrics');
        const asIndicators = localIndicatorRows(
          metricRows,
          (c) => ctx.areas.name(c),
          localSynthetic,
        );
        indicators.push(...asIndicators);
        lines.push(...localLines(metricRows, asIndicators, ctx.focalArea, localSynthetic));
        if (!ctx.focalGroup && metricRows.every((r) => str(r.area_code) !== ctx.focalArea))
          notes.push(`No local metrics for ${ctx.focalAreaName} (${ctx.focalArea}).`);
      }
      if (ctx.focalGroup) notes.push(groupScorecardNote(ctx.focalGroup.name));
      if (lines.length === 0)
        notes.push(
          `No scorecard measures for ${ctx.focalAreaName}: run another view in this notebook, or load Fingertips indicators or local metrics.`,
        );
      const evaluated = lines.map((l) => evaluate(l, ctx.latestPeriod));
      synthetic =
        evaluated.some((l) => l.synthetic) || indicators.some((r) => r.synthetic === true);
      return {
        indicators,
        tables: [scorecardTable(ctx.focalAreaName, evaluated)],
        charts: [],
        methodNote: METHOD_NOTE,
        notes,
        synthetic,
      };
    },
  },
  { periodTables: [] },
);
