/**
 * Local metrics (the local_metrics table): each row's value — a percentage with a Wilson interval,
 * a rate per N, or the value as given — as indicator rows, and the focal area's scorecard lines.
 * Pure.
 */
import { ENGLAND } from '../../domain/areas';
import type { Row } from '../../engine/types';
import type { IndicatorRow } from '../../schema/indicator';
import { crudeRate, proportion } from '../../stats';
import { indicatorRow, num, str } from '../common';
import { polarityOf, pointOf, type Line, type Point } from './compute';
import { outcomeOf } from './model';

/** A local metric's value: % with a Wilson interval, a rate per N, or the value as given. */
export function localValue(r: Row): Pick<Point, 'value' | 'lower' | 'upper' | 'note'> {
  const n = num(r.numerator);
  const d = num(r.denominator);
  const unit = str(r.unit).trim().toLowerCase();
  const none = { value: null, lower: null, upper: null };
  if (n !== null && d !== null) {
    if (d <= 0) return { ...none, note: 'not calculated: denominator is zero' };
    const per = /per\s*([\d,]+)/.exec(unit);
    if (per) {
      const rate = crudeRate(n, d, { multiplier: Number(per[1].replace(/,/g, '')) });
      return { value: rate.value, lower: rate.lower, upper: rate.upper, note: '' };
    }
    if (n > d)
      return { ...none, note: `not calculated: numerator ${n} is larger than denominator ${d}` };
    const p = proportion(n, d, { multiplier: 100 });
    return { value: p.value, lower: p.lower, upper: p.upper, note: '' };
  }
  const v = num(r.value);
  if (v !== null) return { value: v, lower: null, upper: null, note: '' };
  if (n !== null) return { value: n, lower: null, upper: null, note: '' };
  return { ...none, note: 'not calculated: no value, or numerator and denominator' };
}

export const localId = (metric: string): string =>
  `local_metric.${metric
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;

/** Local metric rows as indicator rows (every area and period) for the notebook and exports. */
export function localIndicatorRows(
  rows: readonly Row[],
  nameOf: (code: string) => string,
  synthetic: boolean,
): IndicatorRow[] {
  return rows.map((r) => {
    const v = localValue(r);
    const unit = str(r.unit) || (num(r.denominator) !== null ? '%' : '');
    return indicatorRow({
      indicator_id: localId(str(r.metric)),
      indicator_name: str(r.metric),
      area_code: str(r.area_code),
      area_name: nameOf(str(r.area_code)),
      period: str(r.period),
      value: v.value,
      lower_95: v.lower,
      upper_95: v.upper,
      count: num(r.numerator),
      denominator: num(r.denominator),
      unit,
      polarity: polarityOf(str(r.polarity)),
      note: v.note,
      method:
        v.lower !== null
          ? unit.startsWith('per')
            ? `Crude rate, exact (< 10) or Byar’s 95% CI; local metric (${str(r.source) || 'source not given'})`
            : `Proportion, Wilson 95% CI; local metric (${str(r.source) || 'source not given'})`
          : `As given; local metric (${str(r.source) || 'source not given'})`,
      synthetic: synthetic || undefined,
    });
  });
}

/** Lines from local metrics for the focal area (England's rows, when present, as its benchmark). */
export function localLines(
  rows: readonly Row[],
  indicators: readonly IndicatorRow[],
  focal: string,
  synthetic: boolean,
): Line[] {
  const byMetric = new Map<string, number[]>();
  rows.forEach((r, i) => byMetric.set(str(r.metric), [...(byMetric.get(str(r.metric)) ?? []), i]));
  const out: Line[] = [];
  for (const [metric, idx] of byMetric) {
    const focalIdx = idx.filter((i) => str(rows[i].area_code) === focal);
    if (focalIdx.length === 0) continue;
    const point = (i: number): Point => ({
      ...pointOf(indicators[i]),
      target: num(rows[i].target),
    });
    const first = rows[focalIdx[0]];
    out.push({
      outcome: outcomeOf(str(first.outcome)),
      id: localId(metric),
      name: metric,
      unit: indicators[focalIdx[0]].unit,
      polarity: indicators[focalIdx[0]].polarity,
      source: `Local metric: ${str(first.source) || 'source not given'}`,
      synthetic,
      focal: focalIdx.map(point),
      england: new Map(
        idx
          .filter((i) => str(rows[i].area_code) === ENGLAND)
          .map((i) => [str(rows[i].period), point(i)]),
      ),
    });
  }
  return out;
}
