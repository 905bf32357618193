/** The scorecard table (lines grouped by outcome) and the method note. Pure. */
import type { DisplayColumn, ViewTable } from '../types';
import type { Evaluated } from './compute';
import { AMBER_MARGIN, OUTCOMES, outcomeLabel } from './model';

const COLUMNS: DisplayColumn[] = [
  { key: 'outcome', label: 'Outcome', format: 'text' },
  { key: 'line', label: 'Measure', format: 'text' },
  { key: 'period', label: 'Latest period', format: 'text' },
  { key: 'count', label: 'Count', format: 'count', numeric: true, disclosure: 'count' },
  { key: 'denominator', label: 'Denominator', format: 'count', numeric: true, disclosure: 'count' },
  {
    key: 'value',
    label: 'Value',
    format: 'rate',
    numeric: true,
    disclosure: 'derived',
    derivedFrom: ['count', 'denominator'],
  },
  {
    key: 'lower_95',
    label: 'Lower 95%',
    format: 'rate',
    numeric: true,
    disclosure: 'derived',
    derivedFrom: ['count', 'denominator'],
  },
  {
    key: 'upper_95',
    label: 'Upper 95%',
    format: 'rate',
    numeric: true,
    disclosure: 'derived',
    derivedFrom: ['count', 'denominator'],
  },
  { key: 'unit', label: 'Unit', format: 'text' },
  { key: 'target', label: 'Target', format: 'rate', numeric: true, disclosure: 'other' },
  { key: 'england', label: 'England', format: 'rate', numeric: true, disclosure: 'other' },
  { key: 'rating', label: 'Rating', format: 'text' },
  { key: 'trend', label: 'Trend', format: 'text' },
  { key: 'source', label: 'Source', format: 'text' },
  { key: 'note', label: 'Note', format: 'text' },
];

export function scorecardTable(area: string, lines: readonly Evaluated[]): ViewTable {
  const order = new Map<string, number>(OUTCOMES.map((o, i) => [o.id, i]));
  const sorted = [...lines].sort(
    (a, b) => order.get(a.outcome)! - order.get(b.outcome)! || a.name.localeCompare(b.name),
  );
  return {
    caption: `Combating-drugs outcomes scorecard, ${area}`,
    columns: COLUMNS,
    rows: sorted.map((l) => ({
      outcome: outcomeLabel(l.outcome),
      line: l.name,
      period: l.latest?.period ?? '',
      // A line counted in people (naloxone kits, detox admissions) is its own count: in the count
      // column, disclosure control suppresses it (and its value) when small.
      count: l.latest?.count ?? (l.unit === 'count' ? (l.latest?.value ?? null) : null),
      denominator: l.latest?.denominator ?? null,
      value: l.latest?.value ?? null,
      lower_95: l.latest?.lower ?? null,
      upper_95: l.latest?.upper ?? null,
      unit: l.unit,
      target: l.latest?.target ?? null,
      england: l.englandValue,
      rating: l.rating,
      trend: l.trend,
      source: l.source + (l.synthetic ? ' (SYNTHETIC)' : ''),
      note: l.latest?.note ?? '',
    })),
  };
}

export const METHOD_NOTE = [
  'Lines are grouped by the National Combating Drugs Outcomes Framework (From Harm to Hope): reduce drug use; reduce drug-related crime; reduce drug-related deaths and harm; increase engagement in treatment; improve recovery outcomes.',
  'Sources: indicators computed by the other views in this notebook (drug-related deaths, unmet need, CJS and continuity of care, treatment outcomes), Fingertips indicators loaded into the indicators table (PHOF C19a 90244, C19b 90245; others with "All loaded indicators"), and local metrics (local_metrics table).',
  'Latest value: the focal area’s latest period (or the notebook’s latest period). Local metrics with a numerator and denominator are percentages with Wilson 95% intervals (or rates per N with exact/Byar’s intervals when the unit says "per N").',
  `Rating: a line with a target is rated against it: Green (●) when the value meets the target in the good direction, Amber (▲) when it misses by no more than ${AMBER_MARGIN * 100}% of the target, Red (■) otherwise; no polarity, no rating. A line without a target is compared with England as Fingertips does: England’s value inside the area’s 95% interval is similar (●), otherwise better (▲) or worse (▼) by polarity; without an interval, not compared. Words and shapes carry the rating, never colour alone.`,
  'Trend: the last two periods with a value. With 95% intervals, an increase or decrease only when they do not overlap (otherwise no significant change); without intervals, the direction of the values (not tested). With a polarity, whether that is getting better or worse. This is not Fingertips’ five-point recent-trend test.',
].join(' ');
