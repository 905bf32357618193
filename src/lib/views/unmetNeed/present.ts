/**
 * What the unmet-need view shows: the table's columns, one ranked bar chart per measure with its
 * description, the method note and the view-wide caveats. Pure.
 */
import type { Row } from '../../engine/types';
import { rankedBarSpec, type RankedBarRow } from '../charts';
import { fmt } from '../common';
import type { ViewChart, ViewTable } from '../types';
import type { NEED_MEASURES } from './measures';
import type { MeasurePeriods } from './periods';

export const METHOD_NOTE =
  'Unmet need = 100×(estimate − in treatment)/estimate, interval from the prevalence 95% CI only (not Wilson); met need = 100 − unmet. In treatment: opiates = NDTMS opiate group; alcohol dependence = alcohol only + non-opiate and alcohol; crack (crack cited) and OCU (opiate and/or crack cited) only from record-level episodes: the aggregate groups have no crack-specific count (a crack-only client is non-opiate), so crack and OCU are not calculated from them. Also not calculated where more are in treatment than the estimate (unmet need below 0%, met need above 100%), where the estimate is not above zero or its interval does not contain it, and for England or the region when only some of its authorities have a count.';

export function needTable(rows: Row[]): ViewTable {
  return {
    caption: 'Estimated need, number in treatment and unmet need by substance and area',
    columns: [
      { key: 'substance', label: 'Substance', format: 'text' },
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'period', label: 'Period', format: 'text' },
      { key: 'estimate', label: 'Estimated need', format: 'count', numeric: true },
      { key: 'estimate_lower', label: 'Estimate lower 95%', format: 'count', numeric: true },
      { key: 'estimate_upper', label: 'Estimate upper 95%', format: 'count', numeric: true },
      { key: 'in_treatment', label: 'In treatment', format: 'count', numeric: true },
      { key: 'unmet_pct', label: 'Unmet need %', format: 'percent', numeric: true },
      { key: 'unmet_lower', label: 'Lower 95%', format: 'percent', numeric: true },
      { key: 'unmet_upper', label: 'Upper 95%', format: 'percent', numeric: true },
      { key: 'met_pct', label: 'Met need %', format: 'percent', numeric: true },
      { key: 'met_lower', label: 'Met lower 95%', format: 'percent', numeric: true },
      { key: 'met_upper', label: 'Met upper 95%', format: 'percent', numeric: true },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows,
  };
}

/** The chart's accessible description: the focal figure, against England, and its rank. */
export function chartDescription(
  m: (typeof NEED_MEASURES)[number],
  per: MeasurePeriods,
  bars: readonly RankedBarRow[],
  focalName: string,
  focalNote = '',
): string {
  const focal = bars.find((b) => b.role === 'Focal area');
  const england = bars.find((b) => b.role === 'England');
  const ranked = bars
    .filter((b) => (b.role === 'Focal area' || b.role === 'Comparator') && b.value !== null)
    .sort((x, y) => x.value! - y.value!);
  const rank = focal && focal.value !== null ? ranked.indexOf(focal) + 1 : 0;
  return (
    `Ranked bar chart of unmet need for treatment (${m.label}, ${per.prevalence}), % of the estimated population in need not in treatment, with 95% intervals from the prevalence estimate. ` +
    (focal && focal.value !== null
      ? `${focalName} ${fmt(focal.value)}%` +
        (focal.lower !== null ? ` (95% CI ${fmt(focal.lower)}–${fmt(focal.upper)}%)` : '') +
        (england && england.value !== null
          ? `, ${focal.value > england.value ? 'higher than' : focal.value < england.value ? 'lower than' : 'the same as'} England ${fmt(england.value)}%`
          : '') +
        (rank > 0 ? `; ${rank} of ${ranked.length} comparator areas (1 = lowest unmet need).` : '.')
      : focalNote.includes('not calculated')
        ? `${focalName}: ${focalNote.slice(focalNote.indexOf('not calculated'))}.`
        : `No figure for ${focalName}.`)
  );
}

/** A measure's ranked bar chart, or null when no area has a figure to plot. */
export function needChart(
  m: (typeof NEED_MEASURES)[number],
  per: MeasurePeriods,
  bars: RankedBarRow[],
  focalName: string,
  focalNote = '',
): ViewChart | null {
  if (!bars.some((b) => b.value !== null)) return null;
  const description = chartDescription(m, per, bars, focalName, focalNote);
  return {
    title: `Unmet need: ${m.label}`,
    description,
    spec: rankedBarSpec({
      title: `Unmet need for treatment: ${m.label} (${per.prevalence})`,
      description,
      rows: bars,
      xTitle: 'Unmet need (% of estimated need not in treatment)',
    }),
  };
}

/** The caveats that apply to the whole run, after the per-measure ones. */
export function closingNotes(opts: {
  derivedAny: boolean;
  /** Measures shown without a treatment count specific to them (crack and OCU from aggregates). */
  noSpecificCount: string[];
  focalShown: boolean;
  focalName: string;
  focalCode: string;
}): string[] {
  const notes: string[] = [];
  if (opts.derivedAny)
    notes.push(
      'England or region figures marked "summed" add up local authority estimates; they have no interval (intervals cannot be added).',
    );
  if (opts.noSpecificCount.length > 0)
    notes.push(
      `${opts.noSpecificCount.join(' and ')}: unmet need not calculated, as there is no crack-specific treatment count. The aggregate treatment groups cannot separate crack users: a crack-only client is "non-opiate", counted with every other non-opiate client, so no sum of groups counts the people the prevalence estimate counts. Record-level treatment episodes give the count.`,
    );
  if (!opts.focalShown)
    notes.push(`No prevalence estimate for ${opts.focalName} (${opts.focalCode}).`);
  return notes;
}
