/**
 * Compare areas: the focal area on any indicator — from the loaded `indicators` table (a
 * Fingertips export) or computed by another view in the notebook (handed over in memory; a
 * computed row wins over a loaded one) — against England, its region and its comparator areas:
 * Fingertips significance, a caterpillar chart, a spine chart across indicators, a funnel plot
 * and a sortable table.
 */
import { ENGLAND } from '../../domain';
import { tidyName } from '../context';
import { isSyntheticIn, viewAreas } from '../common';
import type { ViewContext, ViewDefinition, ViewOption, ViewResult } from '../types';
import { withTrendOption } from '../trend';
import {
  compareAreas,
  compareRow,
  selectFromAll,
  selectFromFocal,
  type IndicatorMeta,
} from './compute';
import { funnelData } from './funnel';
import {
  caterpillarChart,
  comparisonTable,
  funnelChart,
  keySentence,
  METHOD_NOTE,
  spineChart,
  spineNotes,
  spineTable,
} from './present';
import { fromComputed, type SourceRow } from './rows';
import { indicatorChoices, indicatorPeriods, readRows as readSourceRows } from './source';
import { groupNote, groupsShown, readRowsWithGroups } from './groups';
import type { RowFilter } from './sql';
import { spineData, spineSlices } from './spine';
import { withAreaSourceSums, withGroupSourceSums } from '../sourceSums';
import { significanceLabel } from '../../stats';

export { METHOD_NOTE } from './present';
export { indicatorChoices, indicatorPeriods } from './source';

export type LaComparisonOptions = {
  /** An indicator_id from the `indicators` table or from another view's indicators. */
  indicator: string;
  /** 'latest', or a period label of the indicator. */
  period: string;
};

async function runLaComparison(
  ctx: ViewContext,
  options: LaComparisonOptions,
): Promise<ViewResult> {
  const notes: string[] = [];
  const computed = ctx.computedIndicators.map(fromComputed);
  const choices = await indicatorChoices(ctx);
  if (choices.length === 0)
    throw new Error(
      'No indicators to compare: the "indicators" table has none and no other view in the notebook has computed any.',
    );
  const id = choices.some((c) => c.value === options.indicator)
    ? options.indicator
    : choices[0].value;
  if (options.indicator && options.indicator !== id)
    notes.push(`Indicator "${options.indicator}" is not in the data; showing ${id}.`);
  const wantedPeriod =
    options.period && options.period !== 'latest' ? options.period : ctx.latestPeriod;
  // Groups shown (focal or comparator) get rows summed from their members' (./groups.ts).
  const groups = groupsShown(ctx.areas.groups, [ctx.focalArea, ...ctx.comparatorCodes]);
  const readRows = (c: ViewContext, rowsIn: SourceRow[], filter: RowFilter) =>
    readRowsWithGroups(
      (f) => readSourceRows(c, rowsIn, f),
      filter,
      groups,
      (code) => c.areas.name(code, 'indicators'),
    );
  notes.push(...groups.map((g) => groupNote(g, (code) => ctx.areas.name(code, 'indicators'))));

  // The focal area's rows decide the breakdown and period; then only that slice is read for
  // every area. Without a focal value, every row of the indicator decides.
  const focalAll = await readRows(ctx, computed, {
    kind: 'indicators',
    ids: [id],
    area: ctx.focalArea,
  });
  const fromFocal = selectFromFocal(focalAll, ctx.focalArea, wantedPeriod);
  let selection: { sex: string; age: string; period: string | null };
  let rows: SourceRow[];
  let first: SourceRow | undefined;
  if (fromFocal) {
    selection = fromFocal;
    rows = await readRows(ctx, computed, {
      kind: 'slices',
      slices: [{ id, sex: fromFocal.sex, age: fromFocal.age, period: fromFocal.period ?? '' }],
    });
  } else {
    const all = await readRows(ctx, computed, { kind: 'indicators', ids: [id] });
    ({ rows, ...selection } = selectFromAll(all, ctx.focalArea, wantedPeriod));
    first = all[0];
  }
  const { period } = selection;
  if (options.period && options.period !== 'latest' && period !== options.period)
    notes.push(`No data for ${options.period}; showing ${period}.`);

  const byArea = new Map(rows.map((r) => [r.area_code, r]));
  const metaRow = rows[0] ?? first;
  const synthetic =
    computed.some((r) => r.indicator_id === id && r.synthetic) ||
    (await isSyntheticIn(ctx, 'indicators', 'CAST(indicator_id AS VARCHAR) = ?', [id]));
  const meta: IndicatorMeta = {
    id,
    name: metaRow?.indicator_name || id,
    unit: metaRow?.unit ?? '',
    polarity: metaRow?.polarity ?? 'none',
    method: metaRow?.method ?? '',
    period,
    sex: selection.sex,
    age: selection.age,
    synthetic,
  };
  const nameOf = (code: string) => {
    const known = ctx.areas.name(code, 'indicators');
    if (known !== code) return known;
    const fromData = byArea.get(code)?.area_name;
    return fromData ? tidyName(fromData) : code;
  };
  const england = byArea.get(ENGLAND) ?? null;
  const region = ctx.regionCode ? (byArea.get(ctx.regionCode) ?? null) : null;
  if (!england)
    notes.push(
      `No England value for ${meta.name} in ${period}: areas are not compared with England.`,
    );

  const comparison = compareAreas(meta, byArea, viewAreas(ctx), ctx.regionCode, nameOf);
  if (comparison.missing.length > 0)
    notes.push(`No value in ${period} for: ${comparison.missing.join(', ')}.`);

  const focalRow = byArea.get(ctx.focalArea);
  const focal = { code: ctx.focalArea, name: nameOf(ctx.focalArea), hasValue: !!focalRow };
  const focalGroup = ctx.areas.groups.find((g) => g.code === ctx.focalArea);
  const focalSig =
    focalRow && england
      ? significanceLabel(compareRow(focalRow, england.value, meta.polarity))
      : null;
  const key = keySentence(
    { name: focal.name, row: focalRow, significance: focalSig },
    england,
    region,
    meta,
  );
  const charts = [
    caterpillarChart(meta, comparison.caterpillar, focal, england, ctx.comparatorLabel, key),
  ];

  // Spine chart across indicators: each at the focal area's breakdown and period.
  const upperTier = new Set(ctx.areas.upperTier.map((a) => a.code));
  // Every indicator is a candidate (mirror images are found among all of them); at most
  // SPINE_MAX_INDICATORS rows are drawn.
  const spineIds = choices.map((c) => c.value);
  const focalOfAll = await readRows(ctx, computed, {
    kind: 'indicators',
    ids: spineIds,
    area: ctx.focalArea,
  });
  const slices = spineSlices(spineIds, focalOfAll, ctx.focalArea, wantedPeriod ?? null);
  const spine = spineData(
    slices,
    slices.length > 0 ? await readRows(ctx, computed, { kind: 'slices', slices }) : [],
    ctx.focalArea,
    upperTier,
  );
  notes.push(...spineNotes(spine, upperTier.size));
  if (spine.rows.length > 0) charts.push(spineChart(spine, focal.name));

  const funnel = funnelData(
    rows,
    {
      unit: meta.unit,
      polarity: meta.polarity,
      name: meta.name,
      method: meta.method,
      period: period ?? '',
    },
    upperTier,
    { ...focal, members: focalGroup?.members },
    nameOf,
  );
  if (funnel && 'reason' in funnel) notes.push(`No funnel plot: ${funnel.reason}.`);
  else if (funnel) charts.push(funnelChart(funnel, meta, focal.name, focalGroup !== undefined));

  // England and region rows are the sum of every authority's count, and a group's row the sum of
  // its members' (declared for disclosure control: sourceSums.ts); the slice read holds every
  // upper-tier authority.
  const sourceRow = (code: string) => {
    const r = byArea.get(code);
    return r ? { count: r.count, denominator: r.denominator } : null;
  };
  const tables = [
    withGroupSourceSums(
      withAreaSourceSums(
        comparisonTable(meta, comparison.tableRows),
        ctx.areas.upperTier,
        sourceRow,
      ),
      groups,
      sourceRow,
    ),
  ];
  if (spine.table.length > 0) tables.push(spineTable(spine, focal.name));
  return {
    indicators: comparison.indicators,
    tables,
    charts,
    methodNote: METHOD_NOTE,
    notes,
    synthetic,
  };
}

export const laComparisonView: ViewDefinition<LaComparisonOptions & { trend: string }> =
  withTrendOption<LaComparisonOptions>(
    {
      id: 'la-comparison',
      title: 'Compare areas',
      description:
        'Any indicator for the focal area against England, its region and its comparator areas: Fingertips significance, a caterpillar chart, a spine chart across indicators and a funnel plot.',
      requires: [
        {
          tables: ['indicators'],
          howToGet: 'a Fingertips export, or indicator rows from another view',
          orComputedIndicators: true,
        },
      ],
      options: [
        { key: 'indicator', label: 'Indicator', choices: [], default: '', dynamic: true },
        {
          key: 'period',
          label: 'Period',
          choices: [{ value: 'latest', label: 'Latest' }],
          default: 'latest',
          dynamic: true,
        },
      ],
      run: runLaComparison,
      async dynamicOptions(ctx, current) {
        const choices = await indicatorChoices(ctx);
        const indicator =
          current.indicator && choices.some((c) => c.value === current.indicator)
            ? current.indicator
            : (choices[0]?.value ?? '');
        const periods = indicator ? await indicatorPeriods(ctx, indicator) : [];
        // The trend option is added back by withTrendOption.
        const own = laComparisonView.options.filter((o) => o.key !== 'trend') as ViewOption<
          keyof LaComparisonOptions & string
        >[];
        return own.map((o) => {
          if (o.key === 'indicator') return { ...o, choices, default: choices[0]?.value ?? '' };
          if (o.key !== 'period') return o;
          return {
            ...o,
            choices: [
              { value: 'latest', label: 'Latest' },
              ...[...periods].reverse().map((p) => ({ value: p, label: p })),
            ],
          };
        });
      },
    },
    { periodTables: [] },
  );
