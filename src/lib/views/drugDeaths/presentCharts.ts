/**
 * The drug-deaths charts: the focal area's trend against England and the region, and the areas
 * ranked in the latest period, each with a description that states the key finding (the chart's
 * accessible description). Specs come from the shared builders in ../charts.ts.
 */
import type { Row } from '../../engine/types';
import { ENGLAND } from '../../domain/areas';
import { isGroupCode } from '../../groups';
import { ONS_MINIMUM_DEATHS_FOR_ASR } from '../../stats';
import { rankedBarSpec, trendSpec, type RankedBarRow } from '../charts';
import { ROLE_LABEL, fmt, num, rankedBarLabel, str } from '../common';
import type { ViewChart } from '../types';
import { compareRates } from './compute';
import type { Scene } from './present';
import type { FocalTrend } from './trend';

const FEWER = `fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths`;

/** The focal area's latest rate in words, against England and the region. */
function finding(s: Scene): string {
  const { focalName, latest } = s;
  const focal = latest ? s.rate(s.focalArea, latest) : undefined;
  const eng = latest ? s.rate(ENGLAND, latest) : undefined;
  const reg = latest ? s.rate(s.regionCode, latest) : undefined;
  if (!focal) return `No figure for ${focalName}.`;
  // A group from published rates: summed deaths and a recomputed crude rate, no DSR.
  if (focal.dsr === null && isGroupCode(focal.area_code))
    return `${focalName} ${latest}: ${focal.deaths ?? 'not calculated'} deaths${
      focal.crude !== null
        ? `, crude rate ${fmt(focal.crude)} per 100,000 (95% CI ${fmt(focal.crude_lower)}–${fmt(focal.crude_upper)})`
        : ''
    }; no age-standardised rate for a group of areas.`;
  if (focal.dsr === null)
    return `${focalName} ${latest}: ${focal.deaths ?? '?'} deaths, rate not calculated (${FEWER}).`;
  let out = `${focalName} ${fmt(focal.dsr)} per 100,000 (95% CI ${fmt(focal.dsr_lower)}–${fmt(focal.dsr_upper)}, ${focal.deaths} deaths) in ${latest}${focal.flag === 'u' ? ' (u: low reliability)' : ''}`;
  if (eng && eng.dsr !== null) {
    const dir =
      focal.dsr > eng.dsr ? 'higher than' : focal.dsr < eng.dsr ? 'lower than' : 'the same as';
    const sig = compareRates(focal, eng);
    out += `, ${dir} England ${fmt(eng.dsr)}`;
    out +=
      sig === 'Similar' ? ' but not significantly different (Similar)' : sig ? ` (${sig})` : '';
  }
  if (reg && reg.dsr !== null)
    out += `; region ${s.names.get(reg.area_code) ?? ''} ${fmt(reg.dsr)} (${compareRates(focal, reg) || 'not compared'})`;
  return out + '.';
}

function roleOrderLabel(label: string): number {
  return label === 'Focal area' ? 0 : label === 'England' ? 1 : label === 'Region' ? 2 : 3;
}

/** Trend lines of the focal area (with its CI band), England and the region. */
export function trendChart(s: Scene, trend: Row[], ft: FocalTrend): ViewChart {
  const data: Row[] = [];
  for (const r of s.rates) {
    const role = s.roleOf.get(r.area_code);
    if (role !== 'focal' && role !== 'england' && role !== 'region') continue;
    data.push({
      period: r.period,
      series:
        role === 'focal'
          ? `${s.names.get(r.area_code)} (focal area)`
          : (s.names.get(r.area_code) ?? r.area_code),
      series_role: ROLE_LABEL[role],
      value: r.dsr,
      lower: r.dsr_lower,
      upper: r.dsr_upper,
      deaths: r.deaths,
      flag: r.flag,
    });
  }
  data.sort((a, b) => roleOrderLabel(str(a.series_role)) - roleOrderLabel(str(b.series_role)));
  const shown = trend.filter((r) => r.dsr !== null);
  const first = shown[0];
  const last = shown[shown.length - 1];
  const description =
    `Line chart of ${s.baseName.toLowerCase()} (${s.source === 'published' ? 'published age-standardised rate' : 'directly age-standardised rate'} per 100,000, ${s.sex}) by 3-year period for ${s.focalName} with its 95% confidence interval as a shaded band, and England${s.regionName ? ` and ${s.regionName}` : ''} as comparison lines. ` +
    (shown.length >= 2
      ? `${s.focalName} went from ${fmt(num(first.dsr))} in ${first.period} to ${fmt(num(last.dsr))} in ${last.period}. `
      : '') +
    finding(s) +
    (trend.some((r) => r.flag === ':')
      ? ` Periods with ${FEWER} are not calculated and have no point.`
      : '') +
    ` ${ft.sentence}.` +
    (ft.breaks.length > 0
      ? ` Break in the series: no figure for ${s.focalName} in ${ft.breaks.join(', ')}, marked by a dashed vertical line.`
      : '');
  const spec = trendSpec({
    title: `${s.baseName}, ${s.sex}: ${s.focalName}`,
    description,
    rows: data,
    yTitle: `${s.rateLabel} per 100,000`,
    periods: s.allPeriods,
  });
  return { title: `${s.baseName}: trend`, description, spec: withBreaks(spec, ft.breaks) };
}

/** A dashed vertical rule, labelled in its tooltip, at each period where the focal series breaks. */
function withBreaks<T>(spec: T, breaks: string[]): T {
  if (breaks.length === 0) return spec;
  const layered = spec as unknown as { layer: unknown[] };
  return {
    ...spec,
    layer: [
      ...layered.layer,
      {
        data: { values: breaks.map((period) => ({ period, break: 'Break in series: no figure' })) },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#595959', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'period', type: 'ordinal' },
          tooltip: [
            { field: 'period', title: 'Period' },
            { field: 'break', title: 'Series' },
          ],
        },
      },
    ],
  };
}

/** Every area of the latest table ranked, with CIs; areas not calculated are named. */
export function barChart(s: Scene, latest: string, rows: Row[]): ViewChart {
  const bars: RankedBarRow[] = rows.map((r) => {
    const role = s.roleOf.get(str(r.area_code)) ?? 'comparator';
    return {
      label: rankedBarLabel(str(r.area_name), role),
      value: num(r.dsr),
      lower: num(r.dsr_lower),
      upper: num(r.dsr_upper),
      role: ROLE_LABEL[role],
      marker: (role === 'focal' ? '◀ focal area ' : '') + (r.flag === 'u' ? 'u' : ''),
    };
  });
  const notCalc = rows.filter((r) => r.flag === ':').map((r) => str(r.area_name));
  const description =
    `Ranked bar chart of ${s.baseName.toLowerCase()} per 100,000 in ${latest} with 95% confidence intervals, for ${s.focalName}, England, the region and comparator areas. ` +
    finding(s) +
    (notCalc.length > 0 ? ` Not calculated (${FEWER}): ${notCalc.join(', ')}.` : '');
  return {
    title: `${s.baseName}: comparison, ${latest}`,
    description,
    spec: rankedBarSpec({
      title: `${s.baseName}, ${s.sex}, ${latest}`,
      description,
      rows: bars,
      xTitle: `${s.rateLabel} per 100,000`,
    }),
  };
}
