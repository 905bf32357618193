/**
 * What the drug-deaths view shows: the latest period for every area of the view, the focal
 * area's trend, a trend chart and a ranked bar chart (through the shared builders in
 * ../charts.ts) with descriptions that state the key finding, and the method note.
 * Pure: rates in, tables and charts out.
 */
import type { Row } from '../../engine/types';
import { ENGLAND } from '../../domain/areas';
import { periodSortKey, pickPeriod, sortPeriods } from '../../domain/periods';
import {
  EXACT_RATE_THRESHOLD,
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
} from '../../stats';
import { ROLE_LABEL, type AreaRole } from '../common';
import type { ViewChart, ViewTable } from '../types';
import { compareRates } from './compute';
import {
  MEASURE_LABEL,
  type DeathMeasure,
  type DeathRate,
  type DeathSex,
  type ResolvedSource,
} from './model';
import { barChart, trendChart } from './presentCharts';
import { focalTrend } from './trend';

export interface PresentInput {
  rates: DeathRate[];
  source: ResolvedSource;
  measure: DeathMeasure;
  sex: DeathSex;
  /** The view's areas in display order: focal, England, region, comparators. */
  areas: { code: string; role: AreaRole }[];
  names: ReadonlyMap<string, string>;
  focalArea: string;
  regionCode: string | null;
  regionName: string | null;
  /** The latest period asked for (null: the latest in the data). */
  latestPeriod: string | null;
  synthetic: boolean;
}

/** What the tables and charts share: lookups by area and period, and the labels. */
export interface Scene extends PresentInput {
  baseName: string;
  focalName: string;
  rateLabel: string;
  allPeriods: string[];
  latest: string | null;
  rate(area: string | null, period: string): DeathRate | undefined;
  roleOf: ReadonlyMap<string, AreaRole>;
}

export function scene(input: PresentInput): Scene {
  const { rates, focalArea } = input;
  const allPeriods = sortPeriods(rates.map((r) => r.period));
  const focalPeriods = rates.filter((r) => r.area_code === focalArea).map((r) => r.period);
  const byKey = new Map(rates.map((r) => [`${r.area_code}|${r.period}`, r]));
  return {
    ...input,
    baseName: MEASURE_LABEL[input.measure],
    focalName: input.names.get(focalArea) ?? focalArea,
    rateLabel:
      input.source === 'published'
        ? 'Age-standardised rate (published)'
        : 'Age-standardised rate (DSR)',
    allPeriods,
    latest: pickPeriod(focalPeriods.length > 0 ? focalPeriods : allPeriods, input.latestPeriod),
    rate: (area, period) => (area ? byKey.get(`${area}|${period}`) : undefined),
    roleOf: new Map(input.areas.map((a) => [a.code, a.role])),
  };
}

/** Every view area in the latest period, compared with England and the region. */
function latestRows(s: Scene): Row[] {
  const { latest } = s;
  if (!latest) return [];
  const rows: Row[] = [];
  for (const a of s.areas) {
    const r = s.rate(a.code, latest);
    if (!r) continue;
    rows.push({
      area_name: s.names.get(a.code) ?? a.code,
      area_code: a.code,
      role: ROLE_LABEL[a.role],
      period: r.period,
      deaths: r.deaths,
      population: r.population,
      crude: r.crude,
      crude_lower: r.crude_lower,
      crude_upper: r.crude_upper,
      dsr: r.dsr,
      dsr_lower: r.dsr_lower,
      dsr_upper: r.dsr_upper,
      flag: r.flag,
      vs_england: compareRates(r, s.rate(ENGLAND, latest)),
      vs_region: compareRates(r, s.rate(s.regionCode, latest)),
      known_pct: r.known_pct ?? null,
      known_lower: r.known_lower ?? null,
      known_upper: r.known_upper ?? null,
      note: r.note,
      synthetic: s.synthetic,
    });
  }
  return rows;
}

/** The latest table's columns: crude rates unless published, known to treatment from records. */
function latestColumns(s: Scene): ViewTable['columns'] {
  const columns: ViewTable['columns'] = [
    { key: 'area_name', label: 'Area', format: 'text' },
    { key: 'role', label: 'Role', format: 'text' },
    { key: 'period', label: 'Period', format: 'text' },
    { key: 'deaths', label: 'Deaths', format: 'count', numeric: true },
  ];
  // Published rates have no crude rate, except an area group's (recomputed from summed deaths).
  if (s.source !== 'published' || s.rates.some((r) => r.crude !== null))
    columns.push(
      { key: 'population', label: 'Population (sum of 3 years)', format: 'count', numeric: true },
      { key: 'crude', label: 'Crude rate per 100,000', format: 'rate', numeric: true },
      { key: 'crude_lower', label: 'Crude lower 95%', format: 'rate', numeric: true },
      { key: 'crude_upper', label: 'Crude upper 95%', format: 'rate', numeric: true },
    );
  columns.push(
    { key: 'dsr', label: `${s.rateLabel} per 100,000`, format: 'rate', numeric: true },
    { key: 'dsr_lower', label: 'Lower 95%', format: 'rate', numeric: true },
    { key: 'dsr_upper', label: 'Upper 95%', format: 'rate', numeric: true },
    { key: 'flag', label: 'ONS flag (: not calculated, u low reliability)', format: 'text' },
    { key: 'vs_england', label: 'Compared with England', format: 'text' },
    { key: 'vs_region', label: 'Compared with region', format: 'text' },
  );
  if (s.source === 'records')
    columns.push(
      { key: 'known_pct', label: '% known to treatment', format: 'percent', numeric: true },
      { key: 'known_lower', label: 'Known lower 95%', format: 'percent', numeric: true },
      { key: 'known_upper', label: 'Known upper 95%', format: 'percent', numeric: true },
    );
  columns.push({ key: 'note', label: 'Note', format: 'text' });
  return columns;
}

/** The focal area's rates over time, beside England's. */
function trendRows(s: Scene): Row[] {
  return s.rates
    .filter((r) => r.area_code === s.focalArea)
    .sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period))
    .map((r) => ({
      period: r.period,
      deaths: r.deaths,
      dsr: r.dsr,
      dsr_lower: r.dsr_lower,
      dsr_upper: r.dsr_upper,
      flag: r.flag,
      england: s.rate(ENGLAND, r.period)?.dsr ?? null,
      vs_england: compareRates(r, s.rate(ENGLAND, r.period)),
      note: r.note,
    }));
}

/** The two tables (latest comparison, focal trend) and the two charts. */
export function present(input: PresentInput): {
  tables: ViewTable[];
  charts: ViewChart[];
  trendNotes: string[];
} {
  const s = scene(input);
  const rows = latestRows(s);
  const trend = trendRows(s);
  const ft = focalTrend(s.rates, s.focalArea, s.focalName, s.allPeriods, s.latest);
  const tables: ViewTable[] = [
    {
      caption: `${s.baseName}, ${s.sex}, ${s.latest ?? ''}: focal area, England, region and comparators`,
      columns: latestColumns(s),
      rows,
    },
    {
      caption: `${s.baseName}, ${s.sex}: ${s.focalName} over time`,
      columns: [
        { key: 'period', label: 'Period', format: 'text' },
        { key: 'deaths', label: 'Deaths', format: 'count', numeric: true },
        { key: 'dsr', label: `${s.rateLabel} per 100,000`, format: 'rate', numeric: true },
        { key: 'dsr_lower', label: 'Lower 95%', format: 'rate', numeric: true },
        { key: 'dsr_upper', label: 'Upper 95%', format: 'rate', numeric: true },
        { key: 'flag', label: 'ONS flag', format: 'text' },
        { key: 'england', label: 'England', format: 'rate', numeric: true },
        { key: 'vs_england', label: 'Compared with England', format: 'text' },
        { key: 'note', label: 'Note', format: 'text' },
      ],
      rows: trend,
    },
  ];
  const charts: ViewChart[] = [trendChart(s, trend, ft)];
  if (s.latest) charts.push(barChart(s, s.latest, rows));
  const trendNotes = [`Trend: ${ft.sentence}.`];
  if (ft.change) trendNotes.push(`Change between two periods: ${ft.change.method}.`);
  if (ft.breaks.length > 0)
    trendNotes.push(
      `Break in ${s.focalName}'s series: no figure for ${ft.breaks.join(', ')} (marked on the trend chart).`,
    );
  return { tables, charts, trendNotes };
}

/** How the rates were made and which ONS rules apply. */
export function methodNote(source: ResolvedSource): string {
  const asr = ONS_MINIMUM_DEATHS_FOR_ASR;
  const reliable = ONS_RELIABLE_DEATHS;
  return source === 'published'
    ? `ONS published age-standardised rates (ESP2013) with 95% CI, 3-year registration periods; ":" not calculated where deaths < ${asr}, "u" low reliability where deaths < ${reliable}; compared with England by 95% CI (low is good).`
    : `Directly age-standardised to ESP2013; 95% CI by Dobson's method; crude rate with exact (< ${EXACT_RATE_THRESHOLD}) or Byar's CI; 3-year pooled deaths / summed populations; not calculated where deaths < ${asr}, "u" where < ${reliable}, no crude rate where < ${ONS_MINIMUM_DEATHS_FOR_CRUDE}${source === 'records' ? '; known to treatment: Wilson 95% CI' : ''}.`;
}
