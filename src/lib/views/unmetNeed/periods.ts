/**
 * Which periods a run compares: each measure's latest prevalence estimate, the treatment figures
 * for the same period (or the latest before it), or the financial year of the record-level
 * episodes. Pure: the periods in the data come in, the choice and its caveats go out.
 */
import { pickPeriod } from '../../domain/periods';
import type { NeedMeasure, NEED_MEASURES } from './measures';

export interface MeasurePeriods {
  prevalence: string;
  treatment: string | null;
}

/** Where the numbers in treatment come from, and the periods they have. */
export type TreatmentSource =
  | { kind: 'table'; periods: string[] }
  | { kind: 'episodes'; period: string | null }
  /** No count measures the same thing (crack or OCU from aggregate groups). */
  | { kind: 'none' };

/** One financial year of record-level episodes: 1 April to 31 March. */
export interface EpisodeWindow {
  fyStart: number;
  from: string;
  to: string;
  /** "2022/23" */
  period: string;
}

/**
 * The financial year to count episodes in: the one the notebook asks for ("2022/23"), else the
 * one holding the latest episode start. Null when there are no episodes.
 */
export function episodeWindow(
  lastStart: string | null,
  latest: string | null,
): EpisodeWindow | null {
  if (!lastStart) return null;
  const wanted = latest ? /^(\d{4})\s*\/\s*\d{2}$/.exec(latest) : null;
  let fyStart: number;
  if (wanted) fyStart = Number(wanted[1]);
  else {
    const y = Number(lastStart.slice(0, 4));
    const m = Number(lastStart.slice(5, 7));
    fyStart = m >= 4 ? y : y - 1;
  }
  return {
    fyStart,
    from: `${fyStart}-04-01`,
    to: `${fyStart + 1}-03-31`,
    period: `${fyStart}/${String(fyStart + 1).slice(2)}`,
  };
}

/** What was counted from episodes; `only` names the measures when the others come from the table. */
export function episodeNote(w: EpisodeWindow, only: string[] | null = null): string {
  const what = only
    ? `${only.join(' and ')}: in treatment counted from record-level treatment episodes (the aggregate treatment table has no count specific to them)`
    : 'In treatment counted from record-level treatment episodes';
  return `${what}: distinct adult clients (18+) with an episode open in ${w.period} (1 April ${w.fyStart} to 31 March ${w.fyStart + 1}). Opiates = any opiate cited; crack = crack cited; OCU = either; alcohol = alcohol cited without an opiate.`;
}

/** Each measure's prevalence and treatment periods, with a note where they differ or are missing. */
export function choosePeriods(
  measures: typeof NEED_MEASURES,
  prevalencePeriods: ReadonlyMap<string, string[]>,
  sourceOf: (measure: NeedMeasure) => TreatmentSource,
  latest: string | null,
): { periods: Map<NeedMeasure, MeasurePeriods>; notes: string[] } {
  const periods = new Map<NeedMeasure, MeasurePeriods>();
  const notes: string[] = [];
  for (const m of measures) {
    const pPeriod = pickPeriod(prevalencePeriods.get(m.id) ?? [], latest);
    if (!pPeriod) {
      notes.push(`No prevalence estimate for ${m.label.toLowerCase()}.`);
      continue;
    }
    const treatment = sourceOf(m.id);
    const tPeriod =
      treatment.kind === 'table'
        ? treatment.periods.includes(pPeriod)
          ? pPeriod
          : pickPeriod(treatment.periods, latest)
        : treatment.kind === 'episodes'
          ? treatment.period
          : null;
    periods.set(m.id, { prevalence: pPeriod, treatment: tPeriod });
    if (tPeriod && tPeriod !== pPeriod)
      notes.push(
        `${m.label}: the prevalence estimate is for ${pPeriod} and the number in treatment for ${tPeriod} (no treatment figures for ${pPeriod}).`,
      );
  }
  return { periods, notes };
}
