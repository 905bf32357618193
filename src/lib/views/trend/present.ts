/**
 * The trend of one indicator as a view shows it: a line chart of the focal area (with its 95%
 * confidence interval as a band) against England, the region (with their intervals as rules) and
 * the comparators, breaks as dashed vertical rules; a summary table (area, latest value, recent
 * trend, change) and the data table behind the chart. Roles are told apart by colour (Okabe–Ito),
 * line dash AND point shape, so colour is never needed. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../../engine/types';
import { changeLabel } from '../../stats/change';
import { trendLabel } from '../../stats/trend';
import { BASE, TREND_HEIGHT, titleLines } from '../chartBase';
import { OKABE_ITO, ROLE_LABEL } from '../common';
import { plainTrendReason } from '../trendSentence';
import type { DisplayColumn, ViewChart, ViewTable } from '../types';
import type { AreaTrend, IndicatorTrend } from './series';

const ROLES = ['Focal area', 'England', 'Region', 'Comparator'];
const ROLE_COLOURS = [OKABE_ITO.orange, OKABE_ITO.black, OKABE_ITO.blue, OKABE_ITO.grey];
const ROLE_SHAPES = ['circle', 'square', 'triangle-up', 'diamond'];
const ROLE_DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [4, 2, 1, 2],
];

/** The recent trend of an area in words, with the reason when it cannot be calculated. */
export function recentTrendText(a: AreaTrend): string {
  return a.trend.marker === 'cannot-be-calculated'
    ? `cannot be calculated: ${plainTrendReason(a.trend.message)}`
    : trendLabel(a.trend);
}

export function changeText(a: AreaTrend): string {
  if (!a.change) return a.changeNote;
  const c = a.change;
  const label = changeLabel(c.result);
  if (c.difference === null || c.lower === null || c.upper === null)
    return `${label} (${c.reason})`;
  const f = (x: number) => (x > 0 ? `+${x.toFixed(1)}` : x.toFixed(1));
  return `${label} since ${c.periods[0]}: ${f(c.difference)} (95% CI ${f(c.lower)} to ${f(c.upper)})`;
}

function title(t: IndicatorTrend): string {
  const s = t.series;
  const who = [s.sex, s.age].filter((x) => x && x !== 'Persons' && x !== 'All ages').join(', ');
  return who ? `${s.indicatorName} (${who})` : s.indicatorName;
}

/** Above this many comparators, the chart draws the focal area, England and the region only. */
export const MAX_COMPARATOR_LINES = 15;

function drawn(t: IndicatorTrend) {
  const comparators = t.areas.filter((a) => a.role === 'comparator').length;
  return comparators > MAX_COMPARATOR_LINES
    ? t.areas.filter((a) => a.role !== 'comparator')
    : t.areas;
}

/** The rows the chart draws: one per area and period with a value. */
function chartRows(t: IndicatorTrend): Row[] {
  const out: Row[] = [];
  for (const a of drawn(t))
    for (const p of a.points) {
      if (!p.row || p.row.value === null) continue;
      out.push({
        period: p.period,
        area: a.name,
        role: ROLE_LABEL[a.role],
        value: p.row.value,
        lower: p.row.lower_95,
        upper: p.row.upper_95,
        count: p.row.count,
        recent_trend: recentTrendText(a),
      });
    }
  return out;
}

export function trendDescription(t: IndicatorTrend, focalName: string): string {
  const focal = t.areas.find((a) => a.role === 'focal');
  const others = t.areas.filter((a) => a.role !== 'focal');
  const named = others.filter((a) => a.role !== 'comparator').map((a) => a.name);
  const comparators = others.filter((a) => a.role === 'comparator').length;
  const comparatorWords =
    comparators === 0
      ? ''
      : comparators > MAX_COMPARATOR_LINES
        ? `${comparators} comparator areas (in the table, not drawn)`
        : `${comparators} comparator areas`;
  const parts = [...named, comparatorWords].filter(Boolean);
  const against =
    parts.length > 1
      ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
      : (parts[0] ?? '');
  const band = focal?.points.some((p) => p.row?.lower_95 != null && p.row?.upper_95 != null)
    ? ' with its 95% confidence interval as a shaded band'
    : '';
  let out = `Line chart of ${title(t)} (${t.series.unit || 'value'}) by period, ${t.periods[0]} to ${t.periods[t.periods.length - 1]}, for ${focalName}${band}${against ? `, against ${against}` : ''}. `;
  out += focal ? `${focal.sentence}.` : `No figures for ${focalName}.`;
  for (const a of others.filter((x) => x.role !== 'comparator'))
    out += ` ${a.name}: ${recentTrendText(a)}.`;
  if (t.breaks.length > 0)
    out += ` Breaks in the series, marked by dashed vertical lines: ${t.breaks.map((b) => `${b.period} (${b.reason})`).join('; ')}.`;
  return out;
}

export function trendChart(t: IndicatorTrend, focalName: string): ViewChart {
  const rows = chartRows(t);
  const description = trendDescription(t, focalName);
  const yTitle = t.series.unit || 'Value';
  const present = new Set(rows.map((r) => String(r.role)));
  const domain = ROLES.filter((r) => present.has(r));
  const pick = <T>(list: T[]) => domain.map((r) => list[ROLES.indexOf(r)]);
  const legend = { orient: 'bottom', direction: 'vertical', title: null };
  // Layers without data are left out: an empty mark container is an unlabelled image to a
  // screen reader (axe svg-img-alt).
  const hasLimits = (roles: string[]) =>
    rows.some((r) => roles.includes(String(r.role)) && r.lower != null && r.upper != null);
  const layers: unknown[] = [
    ...(hasLimits(['Focal area'])
      ? [
          {
            transform: [{ filter: "datum.role === 'Focal area' && isValid(datum.lower)" }],
            mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.orange },
            encoding: {
              y: { field: 'lower', type: 'quantitative', title: yTitle },
              y2: { field: 'upper' },
            },
          },
        ]
      : []),
    ...(hasLimits(['England', 'Region'])
      ? [
          {
            transform: [
              {
                filter:
                  "(datum.role === 'England' || datum.role === 'Region') && isValid(datum.lower)",
              },
            ],
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              y: { field: 'lower', type: 'quantitative' },
              y2: { field: 'upper' },
              color: {
                field: 'role',
                type: 'nominal',
                scale: { domain, range: pick(ROLE_COLOURS) },
                legend: null,
              },
              detail: { field: 'area' },
            },
          },
        ]
      : []),
    {
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        y: { field: 'value', type: 'quantitative', title: yTitle },
        detail: { field: 'area' },
        color: {
          field: 'role',
          type: 'nominal',
          scale: { domain, range: pick(ROLE_COLOURS) },
          legend,
        },
        strokeDash: {
          field: 'role',
          type: 'nominal',
          scale: { domain, range: pick(ROLE_DASHES) },
          legend,
        },
      },
    },
    {
      mark: { type: 'point', filled: true, size: 60, stroke: OKABE_ITO.black, strokeWidth: 0.5 },
      encoding: {
        y: { field: 'value', type: 'quantitative' },
        color: {
          field: 'role',
          type: 'nominal',
          scale: { domain, range: pick(ROLE_COLOURS) },
          legend,
        },
        shape: {
          field: 'role',
          type: 'nominal',
          scale: { domain, range: pick(ROLE_SHAPES) },
          legend,
        },
        tooltip: [
          { field: 'area', title: 'Area' },
          { field: 'period', title: 'Period' },
          { field: 'value', title: yTitle, format: ',.1f' },
          { field: 'lower', title: 'Lower 95%', format: ',.1f' },
          { field: 'upper', title: 'Upper 95%', format: ',.1f' },
          { field: 'count', title: 'Count', format: ',' },
          { field: 'recent_trend', title: 'Recent trend' },
        ],
      },
    },
  ];
  if (t.breaks.length > 0)
    layers.push({
      data: {
        values: t.breaks.map((b) => ({ period: b.period, break: `Break in series: ${b.reason}` })),
      },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#595959', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'period', type: 'ordinal' },
        tooltip: [
          { field: 'period', title: 'Period' },
          { field: 'break', title: 'Series' },
        ],
      },
    });
  const spec = {
    ...BASE,
    title: titleLines(`${title(t)}: ${focalName} over time`),
    description,
    height: TREND_HEIGHT,
    data: { values: rows },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        sort: t.axis,
        scale: { domain: t.axis },
        title: 'Period',
      },
    },
    layer: layers,
  } as unknown as TopLevelSpec;
  return { title: `${title(t)}: trend`, description, spec };
}

const num = (
  key: string,
  label: string,
  format: DisplayColumn['format'],
  from?: string[],
): DisplayColumn => ({
  key,
  label,
  format,
  numeric: true,
  ...(from ? { disclosure: 'derived' as const, derivedFrom: from } : {}),
});

/** Area, latest value, recent trend and change for every indicator trended. */
export function summaryTable(trends: IndicatorTrend[]): ViewTable {
  const rows: Row[] = [];
  for (const t of trends)
    for (const a of t.areas)
      rows.push({
        indicator: title(t),
        area_code: a.code,
        area_name: a.name,
        role: ROLE_LABEL[a.role],
        period: a.latest?.period ?? null,
        count: a.latest?.count ?? null,
        value: a.latest?.value ?? null,
        lower_95: a.latest?.lower_95 ?? null,
        upper_95: a.latest?.upper_95 ?? null,
        unit: t.series.unit,
        periods: t.periods.length,
        recent_trend: recentTrendText(a),
        change: changeText(a),
      });
  return {
    caption:
      'Trends: latest value, recent trend (Fingertips, last five periods) and change since the previous period',
    columns: [
      { key: 'indicator', label: 'Indicator', format: 'text' },
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'period', label: 'Latest period', format: 'text' },
      { key: 'count', label: 'Count', format: 'count', numeric: true },
      num('value', 'Value', 'rate', ['count']),
      num('lower_95', 'Lower 95%', 'rate', ['count']),
      num('upper_95', 'Upper 95%', 'rate', ['count']),
      { key: 'unit', label: 'Unit', format: 'text' },
      { key: 'periods', label: 'Periods', format: 'text', numeric: true, disclosure: 'other' },
      { key: 'recent_trend', label: 'Recent trend', format: 'text' },
      { key: 'change', label: 'Change since previous period', format: 'text' },
    ],
    rows,
  };
}

/** The figures behind one trend chart: area, period, value, interval, count and denominator. */
export function dataTable(t: IndicatorTrend): ViewTable {
  const rows: Row[] = [];
  for (const a of t.areas)
    for (const p of a.points)
      rows.push({
        area_code: a.code,
        area_name: a.name,
        role: ROLE_LABEL[a.role],
        period: p.period,
        count: p.row?.count ?? null,
        denominator: p.row?.denominator ?? null,
        value: p.row?.value ?? null,
        lower_95: p.row?.lower_95 ?? null,
        upper_95: p.row?.upper_95 ?? null,
        note: p.row ? p.row.note : 'no figure',
      });
  return {
    caption: `Trend data: ${title(t)} (${t.series.unit || 'value'}) by area and period`,
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'period', label: 'Period', format: 'text' },
      { key: 'count', label: 'Count', format: 'count', numeric: true },
      {
        key: 'denominator',
        label: 'Denominator',
        format: 'count',
        numeric: true,
        disclosure: 'total',
      },
      num('value', 'Value', 'rate', ['count', 'denominator']),
      num('lower_95', 'Lower 95%', 'rate', ['count', 'denominator']),
      num('upper_95', 'Upper 95%', 'rate', ['count', 'denominator']),
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows,
  };
}
