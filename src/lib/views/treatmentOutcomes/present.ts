/**
 * What the treatment-outcomes view shows: the outcomes table for the chosen group and period with
 * its comparison with England, the outcomes by period, the areas compared, the age profile, a
 * trend chart, and the method note. Pure.
 */
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { trendSpec } from '../charts';
import { fmt, sortPeriods } from '../common';
import type { DisplayColumn, ViewChart, ViewTable } from '../types';
import { AGE_BANDS, MEASURES, ageIndicatorIdOf, groupLabel, indicatorIdOf } from './model';

const countCol = (key: string, label: string): DisplayColumn => ({
  key,
  label,
  format: 'count',
  numeric: true,
  disclosure: 'count',
});
const pctCol = (key: string, label: string, from: string[]): DisplayColumn => ({
  key,
  label,
  format: 'percent',
  numeric: true,
  disclosure: 'derived',
  derivedFrom: from,
});

/** Comparison with England (and Fingertips), in words, per indicator row of the focal area. */
export type Comparisons = Map<IndicatorRow, { england: number | null; label: string }>;

export function outcomesTable(
  title: { area: string; group: string; period: string },
  rows: readonly IndicatorRow[],
  compared: Comparisons,
): ViewTable {
  return {
    caption: `Treatment outcomes, ${title.area}, ${groupLabel(title.group)}, ${title.period}`,
    columns: [
      { key: 'measure', label: 'Measure', format: 'text' },
      countCol('count', 'Count'),
      countCol('denominator', 'Denominator'),
      {
        key: 'value',
        label: 'Value (% or days)',
        format: 'rate',
        numeric: true,
        disclosure: 'derived',
        derivedFrom: ['count', 'denominator'],
      },
      pctCol('lower_95', 'Lower 95%', ['count', 'denominator']),
      pctCol('upper_95', 'Upper 95%', ['count', 'denominator']),
      { key: 'england', label: 'England', format: 'rate', numeric: true, disclosure: 'other' },
      { key: 'compared', label: 'Compared with England', format: 'text' },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows: rows.map((r) => ({
      measure: r.indicator_name.replace(/: [^:]+$/, ''),
      count: r.count,
      denominator: r.denominator,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      england: compared.get(r)?.england ?? null,
      compared: compared.get(r)?.label ?? 'Not compared',
      note: r.note,
    })),
    ...completionsSplit(rows, title.group),
  };
}

/**
 * Successful completions either re-present within 6 months or do not: the completions row is
 * the sum of those two rows, declared so disclosure control protects a small re-presentation
 * count from the difference.
 */
function completionsSplit(
  rows: readonly IndicatorRow[],
  group: string,
): Pick<ViewTable, 'summedRows'> {
  const at = (m: string) =>
    rows.findIndex((r) => r.indicator_id === indicatorIdOf(m as never, group));
  const [all, stayed, back] = [
    at('successful_completion'),
    at('completion_no_representation'),
    at('representation'),
  ];
  return all >= 0 && stayed >= 0 && back >= 0
    ? { summedRows: [{ row: all, from: [stayed, back] }] }
    : {};
}

/** The focal area's outcomes for the group, one row per period. */
export function periodTable(area: string, group: string, rows: readonly IndicatorRow[]): ViewTable {
  const periods = sortPeriods(rows.map((r) => r.period));
  const get = (p: string, m: string) =>
    rows.find((r) => r.period === p && r.indicator_id === indicatorIdOf(m as never, group));
  const out: Row[] = periods.map((p) => {
    const done = get(p, 'successful_completion');
    const row: Row = {
      period: p,
      in_treatment: done?.denominator ?? null,
      completions: done?.count ?? null,
    };
    for (const m of MEASURES) {
      row[m.id] = get(p, m.id)?.value ?? null;
      // Each percentage's own count, so disclosure control hides a percentage whose count is
      // small (times the denominator beside it, it would give the count back).
      if (m.unit === '%' && m.id !== 'successful_completion')
        row[`${m.id}_count`] = get(p, m.id)?.count ?? null;
    }
    return row;
  });
  return {
    caption: `Treatment outcomes by period, ${area}, ${groupLabel(group)}`,
    columns: [
      { key: 'period', label: 'Period', format: 'text' },
      countCol('in_treatment', 'Adults in treatment'),
      countCol('completions', 'Successful completions'),
      ...MEASURES.flatMap((m): DisplayColumn[] =>
        m.id === 'successful_completion'
          ? [pctCol(m.id, `${m.name.replace(/ \(.*\)$/, '')} %`, ['in_treatment', 'completions'])]
          : m.unit === '%'
            ? [
                countCol(`${m.id}_count`, `${m.name.replace(/ \(.*\)$/, '')}: count`),
                pctCol(
                  m.id,
                  `${m.name.replace(/ \(.*\)$/, '')} %`,
                  // Its count and, when shown, its denominator (treatment starts are not).
                  m.id === 'representation'
                    ? [`${m.id}_count`, 'completions']
                    : m.id === 'early_unplanned_exit'
                      ? [`${m.id}_count`]
                      : [`${m.id}_count`, 'in_treatment'],
                ),
              ]
            : [
                {
                  key: m.id,
                  label: 'Median days in treatment',
                  format: 'rate',
                  numeric: true,
                  disclosure: 'other',
                },
              ],
      ),
    ],
    rows: out,
    // Completions either re-present within 6 months or do not: the two counts add up to them.
    rowTotalKey: 'completions',
    rowTotalParts: ['completion_no_representation_count', 'representation_count'],
  };
}

/** Successful completion across the areas shown (focal, England, region, comparators). */
export function areasTable(
  period: string,
  group: string,
  rows: readonly (IndicatorRow & { role: string; compared: string })[],
): ViewTable {
  return {
    caption: `Successful completion without re-presentation within 6 months, ${groupLabel(group)}, ${period}, by area`,
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      countCol('denominator', 'Adults in treatment'),
      countCol('count', 'Completions not re-presenting'),
      pctCol('value', '%', ['count', 'denominator']),
      pctCol('lower_95', 'Lower 95%', ['count', 'denominator']),
      pctCol('upper_95', 'Upper 95%', ['count', 'denominator']),
      { key: 'compared', label: 'Compared with England', format: 'text' },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows: rows.map((r) => ({
      area_name: r.area_name,
      // Not shown: which area a row is, for disclosure control (England and region rows).
      area_code: r.area_code,
      role: r.role,
      denominator: r.denominator,
      count: r.count,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      compared: r.compared,
      note: r.note,
    })),
  };
}

export function ageTable(
  area: string,
  group: string,
  period: string,
  rows: readonly IndicatorRow[],
): ViewTable {
  const mine = rows.filter(
    (r) => r.indicator_id === ageIndicatorIdOf(group) && r.period === period,
  );
  return {
    caption: `Age profile of adults in treatment, ${area}, ${groupLabel(group)}, ${period}`,
    columns: [
      { key: 'age', label: 'Age band', format: 'text' },
      countCol('count', 'People'),
      pctCol('value', '% of those with an age', ['count']),
      pctCol('lower_95', 'Lower 95%', ['count']),
      pctCol('upper_95', 'Upper 95%', ['count']),
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows: AGE_BANDS.map((b) => {
      const r = mine.find((x) => x.age === b.label);
      return {
        age: b.label,
        count: r?.count ?? null,
        value: r?.value ?? null,
        lower_95: r?.lower_95 ?? null,
        upper_95: r?.upper_95 ?? null,
        note: r?.note ?? '',
      };
    }),
  };
}

/** Successful completion (with and without the re-presentation rule) over time, focal area. */
export function trendChart(
  area: string,
  group: string,
  rows: readonly IndicatorRow[],
): ViewChart | null {
  const series = [
    {
      id: indicatorIdOf('successful_completion', group),
      label: 'Successful completion',
      role: 'Focal area',
    },
    {
      id: indicatorIdOf('completion_no_representation', group),
      label: 'Completion without re-presentation in 6 months',
      role: 'Other',
    },
  ];
  const points = series.flatMap((s) =>
    rows
      .filter((r) => r.indicator_id === s.id && r.value !== null)
      .map((r) => ({
        period: r.period,
        value: r.value,
        lower: r.lower_95,
        upper: r.upper_95,
        series: s.label,
        series_role: s.role,
      })),
  );
  if (points.length === 0) return null;
  const periods = sortPeriods(points.map((p) => p.period));
  const first = points.find((p) => p.series_role === 'Focal area' && p.period === periods[0]);
  const last = [...points].reverse().find((p) => p.series_role === 'Focal area');
  const description =
    `Line chart of successful completions as a percentage of adults in treatment (${groupLabel(group)}), ${area}, ${periods[0]} to ${periods[periods.length - 1]}, with the 95% Wilson interval shaded, and completions without re-presentation within 6 months as a second line. ` +
    (first && last
      ? `Successful completion went from ${fmt(first.value as number)}% in ${first.period} to ${fmt(last.value as number)}% in ${last.period} (95% CI ${fmt(last.lower as number)}–${fmt(last.upper as number)}%).`
      : '');
  return {
    title: `Successful completion over time, ${area}`,
    description,
    spec: trendSpec({
      title: `Successful completion, ${area}, ${groupLabel(group)}`,
      description,
      rows: points,
      yTitle: '% of adults in treatment',
      periods,
    }),
  };
}

export const METHOD_NOTE = [
  'Periods are financial years (April–March); adults aged 18+ at the start of an episode.',
  'Adults in treatment: people (distinct client ids) with an episode open on any day of the period; a person counts once, in one substance group from all their episodes open that year (NDTMS hierarchy: any opiate → opiate; other drugs with alcohol → non-opiate and alcohol; other drugs → non-opiate only; alcohol alone → alcohol only; "non-opiate" = the two non-opiate groups, as PHOF C19b).',
  'Successful completion: the person left treatment in the period with a "treatment completed" reason (drug-free, alcohol-free, occasional user); as % of adults in treatment.',
  'Without re-presentation (PHOF C19a/b): of those, people who started no new episode within 6 calendar months of the discharge date (a new episode on that day counts as a re-presentation); not calculated until the extract date is 6 months past the period end.',
  'Re-presentation rate: re-presenting within 6 months as % of successful completions.',
  'Unplanned exit in the first 12 weeks: episodes starting in the period that ended with an "incomplete" reason (dropped out, withdrawn by provider, retained in custody…) within 84 days of starting, as % of episodes starting in the period whose first 84 days ended by the extract date. Transfers are not exits (treatment goes on elsewhere) and deaths are counted apart.',
  'Deaths in treatment: people whose episode ended in the period because they died, as % of adults in treatment.',
  'Median time in treatment: exact median of days from start to discharge of episodes that ended in the period (transfers excluded); open episodes are not counted.',
  'Proportions: Wilson score 95% intervals (PHEindicatormethods phe_proportion). Compared with England: the England value inside the area’s 95% interval is “similar”, otherwise better or worse by the measure’s polarity (Fingertips method); Fingertips 90244/90245 when loaded are compared the same way, noting their periods are calendar years.',
  'Aggregate counts (treatment_outcomes) are added for England, regions and groups; rates are never averaged. Small numbers (a count of 1–4 or a denominator under 10) are shown and flagged; exports apply disclosure control.',
].join(' ');
