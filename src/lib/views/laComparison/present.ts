/**
 * How the comparison is shown, pure: the sortable tables, the caterpillar, spine and funnel
 * charts (specs from ../charts.ts) with a description that states the key finding, and the
 * method note.
 */
import type { Row } from '../../engine/types';
import { caterpillarSpec, funnelSpec, spineSpec } from '../charts';
import { fmt, num, str } from '../common';
import type { ViewChart, ViewTable } from '../types';
import type { FunnelData } from './funnel';
import type { IndicatorMeta } from './compute';
import type { SourceRow } from './rows';
import type { SpineData } from './spine';

export const METHOD_NOTE =
  'Compared with England and the region by the Fingertips method: similar when the benchmark lies inside the area’s 95% CI, otherwise better/worse by the indicator’s polarity (higher/lower where it has none); funnel limits 95% and 99.8% (PHEindicatormethods).';

const unitSuffix = (unit: string) => (unit ? (unit === '%' ? '%' : ` ${unit}`) : '');

/** The focal area's value, interval and comparison with England and the region, in a sentence. */
export function keySentence(
  focal: { name: string; row: SourceRow | undefined; significance: string | null },
  england: SourceRow | null,
  region: SourceRow | null,
  meta: IndicatorMeta,
): string {
  const r = focal.row;
  const u = unitSuffix(meta.unit);
  if (!r || r.value === null) return `No value for ${focal.name} in ${meta.period}.`;
  return (
    `${focal.name} ${fmt(r.value)}${u}` +
    (r.lower_95 !== null ? ` (95% CI ${fmt(r.lower_95)}–${fmt(r.upper_95)})` : '') +
    (england && england.value !== null
      ? `, ${r.value > england.value ? 'higher than' : r.value < england.value ? 'lower than' : 'the same as'} England ${fmt(england.value)}${u}: ${focal.significance}`
      : '') +
    (region && region.value !== null ? `; region ${fmt(region.value)}${u}` : '') +
    '.'
  );
}

export function caterpillarChart(
  meta: IndicatorMeta,
  rows: Row[],
  focal: { code: string; name: string; hasValue: boolean },
  england: SourceRow | null,
  comparatorLabel: string,
  key: string,
): ViewChart {
  const rank = rows.findIndex((c) => c.area_code === focal.code) + 1;
  const counts = new Map<string, number>();
  for (const c of rows) counts.set(str(c.significance), (counts.get(str(c.significance)) ?? 0) + 1);
  const u = unitSuffix(meta.unit);
  const description =
    `Caterpillar chart of ${meta.name} (${meta.period}, ${meta.sex}, ${meta.age}) for ${focal.name} and ${rows.length - (focal.hasValue ? 1 : 0)} comparator areas (${comparatorLabel.toLowerCase()}), sorted by value with 95% confidence intervals; point shape and colour show the comparison with England${england?.value != null ? ` (${fmt(england.value)}${u}, dashed line)` : ''}. ` +
    key +
    (rank > 0 ? ` ${focal.name} is ${rank} of ${rows.length} (highest first).` : '') +
    ` ${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')}.`;
  return {
    title: `${meta.name}: comparator areas`,
    description,
    spec: caterpillarSpec({
      title: `${meta.name}, ${meta.period}`,
      description,
      rows: rows.filter((c) => c.value !== null),
      xTitle: meta.unit ? `${meta.name} (${meta.unit})` : meta.name,
      benchmark: england?.value ?? null,
      benchmarkLabel: 'England',
      polarity: meta.polarity === 'none' ? 'unjudged' : 'judged',
    }),
  };
}

export function spineChart(spine: SpineData, focalName: string): ViewChart {
  const labelled = (s: string) =>
    spine.rows.filter((r) => r.significance === s).map((r) => str(r.indicator));
  const better = labelled('Better');
  const worse = labelled('Worse');
  const description =
    `Spine chart of ${spine.rows.length} indicators for ${focalName}, as Fingertips draws it: for each, the range of every upper-tier authority's value in the data (worst on the left, or lowest where the indicator has no polarity; 25th to 75th percentile in dark grey), England as a black line in the middle, and ${focalName} as a point whose shape and colour show the comparison with England; ${focalName}'s and England's values are printed on the right. ` +
    (spine.partial.length > 0
      ? `The range covers only ${spine.partial.map((p) => `${p.authorities} authorities for ${p.name}`).join('; ')}, not all of England. `
      : '') +
    (better.length > 0 ? `Better than England: ${better.join('; ')}. ` : '') +
    (worse.length > 0 ? `Worse than England: ${worse.join('; ')}. ` : '') +
    (better.length + worse.length === 0
      ? `${focalName} is not significantly better or worse than England on any of them.`
      : '');
  return {
    title: `Spine chart: ${focalName}`,
    description,
    spec: spineSpec({
      title: `${focalName} compared with England`,
      description,
      rows: spine.rows,
      areaLabel: focalName,
      benchmarkLabel: 'England',
    }),
  };
}

export function funnelChart(
  data: FunnelData,
  meta: IndicatorMeta,
  focalName: string,
  focalIsGroup = false,
): ViewChart {
  const { points } = data;
  const marked = points.filter((p) => p.marker !== '');
  const outside = points.filter(
    (p) => p.significance !== 'Similar' && p.significance !== 'Not compared',
  ).length;
  const place = (p: (typeof points)[number]) =>
    p.significance === 'Similar'
      ? 'within the 95% limits'
      : `outside the limits: ${p.significance}`;
  const focalText = focalIsGroup
    ? marked.length > 0
      ? `${focalName} is a group of areas, not placed among its own members; they are marked: ${marked
          .map((p) => `${str(p.area)} (${fmt(num(p.value))}) ${place(p)}`)
          .join('; ')}. `
      : ''
    : marked[0]
      ? `${focalName} (${fmt(num(marked[0].value))}) is ${place(marked[0])}. `
      : '';
  const description =
    `Funnel plot of ${meta.name} (${meta.period}) for ${points.length} local authorities against the size of their population, with 95% and 99.8% control limits around the overall value ${fmt(data.baseline)}${meta.unit === '%' ? '%' : ` ${meta.unit}`}. ` +
    focalText +
    `${outside} of ${points.length} areas lie outside the 95% limits.`;
  return {
    title: `${meta.name}: funnel plot`,
    description,
    spec: funnelSpec({
      title: `${meta.name}, ${meta.period}: funnel plot`,
      description,
      points,
      limits: data.limits,
      xTitle: data.xTitle,
      yTitle: meta.unit || 'Value',
      baseline: data.baseline,
    }),
  };
}

/** The comparison table: every area shown, with its interval and both comparisons. */
export function comparisonTable(meta: IndicatorMeta, rows: Row[]): ViewTable {
  const { unit } = meta;
  const format = unit === '%' ? 'percent' : 'rate';
  return {
    caption: `${meta.name} (${unit || 'value'}), ${meta.period}, ${meta.sex}, ${meta.age}`,
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'value', label: `Value${unit ? ` (${unit})` : ''}`, format, numeric: true },
      { key: 'lower_95', label: 'Lower 95%', format, numeric: true },
      { key: 'upper_95', label: 'Upper 95%', format, numeric: true },
      { key: 'count', label: 'Count', format: 'count', numeric: true },
      { key: 'denominator', label: 'Denominator', format: 'count', numeric: true },
      { key: 'vs_england', label: 'Compared with England', format: 'text' },
      { key: 'vs_region', label: 'Compared with region', format: 'text' },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows,
  };
}

/** The spine chart's figures in the indicators' units. */
export function spineTable(spine: SpineData, focalName: string): ViewTable {
  return {
    caption: `${focalName} across indicators (spine chart data)`,
    columns: [
      { key: 'indicator', label: 'Indicator', format: 'text' },
      { key: 'period', label: 'Period', format: 'text' },
      { key: 'unit', label: 'Unit', format: 'text' },
      { key: 'polarity', label: 'Polarity', format: 'text', disclosure: 'text' },
      { key: 'value', label: focalName, format: 'rate', numeric: true },
      { key: 'england', label: 'England', format: 'rate', numeric: true },
      { key: 'worst', label: 'Worst / lowest', format: 'rate', numeric: true },
      { key: 'p25', label: '25th percentile', format: 'rate', numeric: true },
      { key: 'p75', label: '75th percentile', format: 'rate', numeric: true },
      { key: 'best', label: 'Best / highest', format: 'rate', numeric: true },
      {
        key: 'authorities',
        label: 'Authorities in the range',
        format: 'count',
        numeric: true,
        disclosure: 'other',
      },
      { key: 'significance', label: 'Compared with England', format: 'text' },
    ],
    rows: spine.table,
  };
}

/** What the spine chart leaves out or cannot show as Fingertips would, a sentence each. */
export function spineNotes(spine: SpineData, upperTierCount: number): string[] {
  const out: string[] = [];
  for (const m of spine.mirrors)
    out.push(
      `Spine chart: ${m.left} is left out: it is 100% minus ${m.shown} for every authority (a mirror image), which is shown.`,
    );
  if (spine.partial.length > 0)
    out.push(
      `Spine chart: the range of ${spine.partial.map((p) => `${p.name} covers only ${p.authorities}`).join('; ')} of the ${upperTierCount} upper-tier authorities, not every authority in England as in Fingertips (indicators from another view cover the areas it was run for: run it with comparators "All upper-tier authorities in England", or load a full export).`,
    );
  if (spine.skipped.length > 0)
    out.push(
      `Left out of the spine chart (fewer than 4 local authority values or no England value): ${spine.skipped.join('; ')}.`,
    );
  if (spine.capped.length > 0)
    out.push(
      `The spine chart shows the first ${spine.rows.length} indicators (in name order); not drawn: ${spine.capped.join('; ')}.`,
    );
  return out;
}
