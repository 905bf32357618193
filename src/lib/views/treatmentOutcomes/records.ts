/** Indicator rows from one area's episode outcomes (every period and group). Pure. */
import type { IndicatorRow } from '../../schema/indicator';
import { ageProfileRows, outcomeRows } from './compute';
import { REPRESENTATION_MONTHS, addMonths, type EpisodeOutcomes } from './episodes';

export function recordRows(
  area: { code: string; name: string },
  outcomes: EpisodeOutcomes,
  synthetic: boolean,
): { indicators: IndicatorRow[]; notes: string[] } {
  const indicators: IndicatorRow[] = [];
  const notes: string[] = [];
  for (const p of outcomes.periods) {
    const followUpNote = p.followUpComplete
      ? undefined
      : `the 6-month follow-up after ${p.period} runs to ${addMonths(p.to, REPRESENTATION_MONTHS)}, after the extract date (${outcomes.extractDate})`;
    if (p.startsTooRecent > 0)
      notes.push(
        `${p.period}: ${p.startsTooRecent} episode${p.startsTooRecent === 1 ? '' : 's'} started less than 12 weeks before the extract date (${outcomes.extractDate}) and are left out of early unplanned exits.`,
      );
    if (p.to > outcomes.extractDate)
      notes.push(`${p.period} is part of a year: the extract ends on ${outcomes.extractDate}.`);
    for (const [group, c] of p.byGroup) {
      const ctx = {
        areaCode: area.code,
        areaName: area.name,
        period: p.period,
        group,
        synthetic,
        source: 'treatment episodes',
        followUpNote,
      };
      indicators.push(...outcomeRows(ctx, c), ...ageProfileRows(ctx, c.ages, c.inTreatment));
    }
  }
  return { indicators, notes };
}
