/**
 * Counts behind each outcome, from one area's treatment episodes: who was in treatment in each
 * financial year, who completed, who re-presented within 6 months, who left in an unplanned way
 * in the first 12 weeks, who died, how long episodes lasted. Pure: episodes in, counts out (the
 * statistics are computed from these counts in ./compute.ts). Definitions: docs/views/treatment-outcomes.md.
 */
import {
  AGE_BANDS,
  exitKind,
  groupsOf,
  type BaseGroup,
  type ExitKind,
  type OutcomeGroup,
} from './model';

export interface Episode {
  client: string;
  age: number | null;
  /** NDTMS group of the episode's substances (null when none is cited). */
  group: BaseGroup | null;
  /** ISO dates (YYYY-MM-DD). */
  start: string;
  discharge: string | null;
  reason: string | null;
}

/** Counts for one period and group. Null where the follow-up needed is not complete. */
export interface OutcomeCounts {
  inTreatment: number;
  completions: number;
  completionsNoRepresentation: number | null;
  representations: number | null;
  deaths: number;
  /** Adult episodes starting in the period whose first 12 weeks ended by the extract date. */
  starts: number;
  earlyUnplannedExits: number;
  /** Episodes that ended in the period (transfers excluded), in days from start to discharge. */
  durations: number[];
  ages: Record<string, number>;
}

export interface PeriodOutcomes {
  period: string;
  /** The period's first and last day. */
  from: string;
  to: string;
  /** True when the extract date is at least 6 months after the period's end. */
  followUpComplete: boolean;
  /** Starts in the period too recent for a full 12 weeks before the extract date. */
  startsTooRecent: number;
  byGroup: Map<OutcomeGroup, OutcomeCounts>;
}

export interface EpisodeOutcomes {
  extractDate: string;
  periods: PeriodOutcomes[];
  /** Episodes left out, in words (children, no start date, no substance). */
  notes: string[];
}

/** 12 weeks, as NDTMS counts early exits. */
export const EARLY_EXIT_DAYS = 84;
/** Re-presentation window: 6 calendar months after the discharge date, that day included. */
export const REPRESENTATION_MONTHS = 6;

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string): number => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
};
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The same day `months` calendar months later; the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoOf(Math.round(Date.UTC(year, month, Math.min(d, last)) / DAY_MS));
}

/** Financial year label of a date: 2022-04-01 → "2022/23"; 2023-03-31 → "2022/23". */
export function financialYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return m < 4 ? y - 1 : y;
}
export const fyLabel = (fy: number): string => `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;

/** Exact median (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The NDTMS hierarchy over a person's episodes in a period: any opiate wins, then drugs with alcohol. */
export function poolGroups(groups: readonly (BaseGroup | null)[]): BaseGroup | null {
  const g = new Set(groups.filter((x): x is BaseGroup => x !== null));
  if (g.has('opiate')) return 'opiate';
  const drugs = g.has('non_opiate_only') || g.has('non_opiate_and_alcohol');
  const alcohol = g.has('alcohol_only') || g.has('non_opiate_and_alcohol');
  if (drugs && alcohol) return 'non_opiate_and_alcohol';
  if (drugs) return 'non_opiate_only';
  if (alcohol) return 'alcohol_only';
  return null;
}

export function ageBandOf(age: number): string | null {
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)?.label ?? null;
}

function emptyCounts(followUp: boolean): OutcomeCounts {
  return {
    inTreatment: 0,
    completions: 0,
    completionsNoRepresentation: followUp ? 0 : null,
    representations: followUp ? 0 : null,
    deaths: 0,
    starts: 0,
    earlyUnplannedExits: 0,
    durations: [],
    ages: Object.fromEntries(AGE_BANDS.map((b) => [b.label, 0])),
  };
}

interface Prepared extends Episode {
  s: number;
  d: number | null;
  kind: ExitKind;
}

/**
 * Outcomes for every financial year from the first start to the extract date (the latest date
 * in the episodes unless given). Adults only (18+ at the start of the episode).
 */
export function episodeOutcomes(episodes: readonly Episode[], extract?: string): EpisodeOutcomes {
  const notes: string[] = [];
  const children = episodes.filter((e) => e.age !== null && e.age < 18).length;
  const noGroup = episodes.filter((e) => e.group === null).length;
  const adults: Prepared[] = episodes
    .filter((e) => e.age === null || e.age >= 18)
    .map((e) => ({
      ...e,
      s: dayNumber(e.start),
      d: e.discharge ? dayNumber(e.discharge) : null,
      kind: e.discharge ? exitKind(e.reason) : 'other',
    }));
  if (children > 0)
    notes.push(
      `${children} episode${children === 1 ? '' : 's'} of under-18s left out (adult measures).`,
    );
  if (noGroup > 0)
    notes.push(
      `${noGroup} episode${noGroup === 1 ? '' : 's'} cite no substance: counted in "All substances" only.`,
    );
  // Loops, not Math.max(...spread): a partnership's extract can hold more episodes than a call
  // can take arguments.
  let lastDay = -Infinity;
  for (const e of adults) lastDay = Math.max(lastDay, e.s, e.d ?? e.s);
  const extractDate = extract ?? (Number.isFinite(lastDay) ? isoOf(lastDay) : '1970-01-01');
  const x = dayNumber(extractDate);
  const byClient = new Map<string, Prepared[]>();
  for (const e of adults) {
    const mine = byClient.get(e.client);
    if (mine) mine.push(e);
    else byClient.set(e.client, [e]);
  }
  if (adults.length === 0) return { extractDate, periods: [], notes };

  const firstFy = adults.reduce((m, e) => Math.min(m, financialYearOf(e.start)), Infinity);
  const lastFy = financialYearOf(extractDate);
  const periods: PeriodOutcomes[] = [];
  for (let fy = firstFy; fy <= lastFy; fy++) {
    const from = `${fy}-04-01`;
    const to = `${fy + 1}-03-31`;
    const a = dayNumber(from);
    const b = dayNumber(to);
    const followUpComplete = dayNumber(addMonths(to, REPRESENTATION_MONTHS)) <= x;
    const byGroup = new Map<OutcomeGroup, OutcomeCounts>();
    const add = (g: BaseGroup | null, f: (c: OutcomeCounts) => void) => {
      for (const id of g ? groupsOf(g) : (['all'] as OutcomeGroup[])) {
        let c = byGroup.get(id);
        if (!c) byGroup.set(id, (c = emptyCounts(followUpComplete)));
        f(c);
      }
    };
    let startsTooRecent = 0;
    for (const [, eps] of byClient) {
      const open = eps.filter((e) => e.s <= b && (e.d === null || e.d >= a));
      if (open.length === 0) continue;
      const group = poolGroups(open.map((e) => e.group));
      const latest = open.reduce((p, e) => (e.s > p.s ? e : p));
      const band = latest.age === null ? null : ageBandOf(latest.age);
      const ended = open.filter((e) => e.d !== null && e.d >= a && e.d <= b);
      const completed = ended.filter((e) => e.kind === 'completed');
      const died = ended.some((e) => e.kind === 'died');
      // The person's last successful completion in the period, and any new episode after it.
      const last = completed.reduce<Prepared | null>((p, e) => (!p || e.d! > p.d! ? e : p), null);
      const represented =
        last !== null &&
        eps.some(
          (e) =>
            e !== last &&
            e.s >= last.d! &&
            e.s <= dayNumber(addMonths(isoOf(last.d!), REPRESENTATION_MONTHS)),
        );
      add(group, (c) => {
        c.inTreatment++;
        if (band) c.ages[band]++;
        if (last) {
          c.completions++;
          if (c.representations !== null && represented) c.representations++;
          if (c.completionsNoRepresentation !== null && !represented)
            c.completionsNoRepresentation++;
        }
        if (died) c.deaths++;
      });
    }
    for (const e of adults) {
      if (e.s >= a && e.s <= b) {
        if (e.s + EARLY_EXIT_DAYS > x) startsTooRecent++;
        else
          add(e.group, (c) => {
            c.starts++;
            if (e.kind === 'unplanned' && e.d !== null && e.d - e.s <= EARLY_EXIT_DAYS)
              c.earlyUnplannedExits++;
          });
      }
      if (e.d !== null && e.d >= a && e.d <= b && e.kind !== 'transferred')
        add(e.group, (c) => c.durations.push(e.d! - e.s));
    }
    periods.push({ period: fyLabel(fy), from, to, followUpComplete, startsTooRecent, byGroup });
  }
  return { extractDate, periods, notes };
}
