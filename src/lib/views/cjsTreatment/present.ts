/**
 * What the CJS view shows: the area × substance-group table and the continuity table with their
 * columns, the stacked bar and continuity charts with their descriptions, and the method note.
 * Pure.
 */
import { ENGLAND } from '../../domain/areas';
import type { Row } from '../../engine/types';
import { rankedBarSpec, stackedBarSpec, type RankedBarRow } from '../charts';
import { ROLE_LABEL, fmt, fmtCount, num, rankedBarLabel, str, type AreaRole } from '../common';
import type { DisplayColumn, ViewChart, ViewTable } from '../types';
import { CONTINUITY_AMBITION } from './continuity';
import type { CjsRows } from './compute';

export const METHOD_NOTE =
  'CJS counts as published (totals recomputed and checked against published totals); share of all in treatment and continuity of care: Wilson 95% CI, not calculated where the count exceeds its denominator (more CJS-referred adults than all in treatment, more engaged than released) or the denominator is zero; rate per 100,000 adults (18+): exact (< 10) or Byar’s 95% CI.';

type Group = { id: string; label: string };

const count = (key: string, label: string): DisplayColumn => ({
  key,
  label,
  format: 'count',
  numeric: true,
});
const derived = (key: string, label: string, format: 'percent' | 'rate'): DisplayColumn => ({
  key,
  label,
  format,
  numeric: true,
  derivedFrom: ['total'],
});

export function cjsColumns(groups: readonly Group[]): DisplayColumn[] {
  return [
    { key: 'area_name', label: 'Area', format: 'text' },
    { key: 'role', label: 'Role', format: 'text' },
    ...groups.map((g) => count(`g_${g.id}`, g.label)),
    count('total', 'Total (sum of cells)'),
    // A published total repeats the computed total's information: hidden wherever it is.
    {
      ...count('published_total', 'Published total'),
      disclosure: 'derived',
      derivedFrom: ['total'],
    },
    {
      key: 'total_check',
      label: 'Check',
      format: 'text',
      disclosure: 'derived',
      derivedFrom: ['total', 'published_total'],
    },
    count('in_treatment', 'All adults in treatment'),
    derived('share_pct', 'CJS share of all in treatment %', 'percent'),
    derived('share_lower', 'Lower 95%', 'percent'),
    derived('share_upper', 'Upper 95%', 'percent'),
    { ...count('adult_population', 'Adults 18+'), disclosure: 'other' },
    derived('rate', 'Per 100,000 adults', 'rate'),
    derived('rate_lower', 'Lower 95%', 'rate'),
    derived('rate_upper', 'Upper 95%', 'rate'),
    { key: 'note', label: 'Note', format: 'text' },
  ];
}

export function cjsTable(period: string, groups: readonly Group[], r: CjsRows): ViewTable {
  return {
    caption: `Adults in treatment referred through the criminal justice system, by substance group, ${period}`,
    columns: cjsColumns(groups),
    rows: r.rows,
    rowTotalKey: 'total',
    totalRowIndex: r.totalRowIndex,
    partRows: r.partRows,
    mirrorRows: r.mirrorRows,
  };
}

export function continuityTable(
  period: string | null,
  rows: Row[],
  sourceSums: ViewTable['sourceSums'] = [],
): ViewTable {
  return {
    caption: `Continuity of care after prison release, ${period} (national ambition ${CONTINUITY_AMBITION}%)`,
    columns: [
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      count('released_with_need', 'Released with a treatment need'),
      count('engaged_within_3_weeks', 'Engaged within 3 weeks'),
      { key: 'continuity_pct', label: 'Continuity of care %', format: 'percent', numeric: true },
      { key: 'continuity_lower', label: 'Lower 95%', format: 'percent', numeric: true },
      { key: 'continuity_upper', label: 'Upper 95%', format: 'percent', numeric: true },
      // Words derived from the figure: hidden wherever the figure is.
      {
        key: 'below_ambition',
        label: 'Against the 75% ambition',
        format: 'text',
        disclosure: 'derived',
        derivedFrom: ['continuity_pct'],
      },
      {
        key: 'note',
        label: 'Note',
        format: 'text',
        disclosure: 'derived',
        derivedFrom: ['released_with_need', 'engaged_within_3_weeks'],
      },
    ],
    rows,
    ...(sourceSums.length > 0 ? { sourceSums } : {}),
  };
}

export function stackedChart(opts: {
  period: string;
  groups: readonly Group[];
  rows: readonly Row[];
  stacked: Row[];
  focalArea: string;
  focalName: string;
  mismatches: number;
}): ViewChart {
  const { period, groups, focalName } = opts;
  const focalRow = opts.rows.find((r) => r.area_code === opts.focalArea);
  const biggest = focalRow
    ? groups.map((g) => ({ g, v: num(focalRow[`g_${g.id}`]) ?? 0 })).sort((x, y) => y.v - x.v)[0]
    : undefined;
  const description =
    `Stacked bar chart of adults in treatment referred through the criminal justice system in ${period}, by area and substance group (${groups.map((g) => g.label.toLowerCase()).join(', ')}). ` +
    (focalRow && num(focalRow.total) !== null
      ? `${focalName}: ${fmtCount(num(focalRow.total))} people${biggest && num(focalRow.total) ? `, most in ${biggest.g.label.toLowerCase()} (${fmtCount(biggest.v)}, ${fmt((100 * biggest.v) / (num(focalRow.total) as number), 0)}%)` : ''}` +
        (num(focalRow.share_pct) !== null
          ? `; ${fmt(num(focalRow.share_pct))}% of all adults in treatment`
          : '') +
        '.'
      : `No figures for ${focalName}.`) +
    (opts.mismatches > 0
      ? ` Published totals do not match the cells in ${opts.mismatches} place(s); see the notes.`
      : '');
  return {
    title: `CJS-referred treatment by substance group, ${period}`,
    description,
    spec: stackedBarSpec({
      title: `Adults in treatment via the criminal justice system, ${period}`,
      description,
      rows: opts.stacked,
      categoryOrder: groups.map((g) => g.label),
      categoryTitle: 'Substance group',
      xTitle: 'People in treatment',
    }),
  };
}

export function continuityChart(
  period: string | null,
  rows: readonly Row[],
  focalArea: string,
  focalName: string,
): ViewChart {
  const bars: RankedBarRow[] = rows.map((r) => {
    const role = (Object.entries(ROLE_LABEL).find(([, v]) => v === r.role)?.[0] ??
      'comparator') as AreaRole;
    return {
      label: rankedBarLabel(str(r.area_name), role),
      value: num(r.continuity_pct),
      lower: num(r.continuity_lower),
      upper: num(r.continuity_upper),
      role: ROLE_LABEL[role],
      marker: role === 'focal' ? '◀ focal area' : '',
    };
  });
  const pct = (r: Row | undefined) => (r ? num(r.continuity_pct) : null);
  const f = rows.find((r) => r.area_code === focalArea);
  const e = rows.find((r) => r.area_code === ENGLAND);
  const fv = pct(f);
  const ev = pct(e);
  const below = rows.filter((r) => pct(r) !== null && pct(r)! < CONTINUITY_AMBITION).length;
  const description =
    `Bar chart of continuity of care (% of adults released from prison with a treatment need who engaged with community treatment within 3 weeks), ${period}, with 95% Wilson intervals and the 75% national ambition as a dashed line. ` +
    (f && fv !== null
      ? `${focalName} ${fmt(fv)}% (95% CI ${fmt(num(f.continuity_lower))}–${fmt(num(f.continuity_upper))}%), ${fv < CONTINUITY_AMBITION ? 'below' : 'at or above'} the 75% ambition${ev !== null ? `; England ${fmt(ev)}%` : ''}. `
      : '') +
    `${below} of ${rows.length} areas shown are below the ambition.`;
  return {
    title: `Continuity of care, ${period}`,
    description,
    spec: rankedBarSpec({
      title: `Continuity of care after prison release, ${period}`,
      description,
      rows: bars,
      xTitle: 'Engaged within 3 weeks of release (%)',
      domainMax: 100,
      rule: { value: CONTINUITY_AMBITION, label: 'National ambition 75%' },
    }),
  };
}
