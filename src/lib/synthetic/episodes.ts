/**
 * Record-level `treatment_episodes` for the focal area: clients drawn in proportion to its
 * numbers in treatment, each with one or two episodes (re-presentations) up to the extract date.
 */
import * as C from './constants';
import type { SubstanceGroup } from './constants';
import { dayNumber, isoDate } from './dates';
import { clamp } from './numbers';
import { rngFor, type Rng } from './random';
import type { Cell } from './tables';
import type { InTreatment } from './treatment';

function substancesFor(rng: Rng, group: SubstanceGroup): string {
  const out: string[] = [];
  const add = (s: string, p: number) => {
    if (!out.includes(s) && rng.bernoulli(p)) out.push(s);
  };
  switch (group) {
    case 'opiate': {
      out.push(
        rng.weighted(
          ['heroin', 'methadone', 'buprenorphine', 'other_opioids'],
          [0.85, 0.07, 0.03, 0.05],
        ),
      );
      add('crack', 0.5);
      add('alcohol', 0.2);
      add('cannabis', 0.15);
      add('benzodiazepines', 0.1);
      add('cocaine', 0.05);
      break;
    }
    case 'non_opiate_only': {
      out.push(
        rng.weighted(
          [
            'cannabis',
            'cocaine',
            'crack',
            'amphetamine',
            'ketamine',
            'spice',
            'benzodiazepines',
            'mdma',
          ],
          [0.45, 0.25, 0.12, 0.05, 0.04, 0.04, 0.03, 0.02],
        ),
      );
      add('cannabis', 0.2);
      add('cocaine', 0.1);
      break;
    }
    case 'non_opiate_and_alcohol': {
      out.push('alcohol');
      out.push(
        rng.weighted(
          ['cocaine', 'cannabis', 'crack', 'amphetamine', 'ketamine'],
          [0.55, 0.3, 0.07, 0.04, 0.04],
        ),
      );
      add('cannabis', 0.15);
      break;
    }
    case 'alcohol_only':
      out.push('alcohol');
      break;
  }
  return out.join(';');
}

function dischargeReason(rng: Rng, group: SubstanceGroup, substances: string): string {
  if (rng.bernoulli(C.COMPLETION_PROBABILITY[group])) {
    if (group === 'alcohol_only') return 'Treatment completed - alcohol-free';
    if (group === 'non_opiate_only' && !substances.includes('crack') && rng.bernoulli(0.3)) {
      return 'Treatment completed - occasional user';
    }
    return 'Treatment completed - drug-free';
  }
  return rng.weighted(C.DISCHARGE_INCOMPLETE, C.DISCHARGE_INCOMPLETE_WEIGHTS);
}

export function generateEpisodes(
  seed: number | string,
  code: string,
  counts: InTreatment,
): Cell[][] {
  const rng = rngFor(seed, 'episodes', code);
  const groupTotals = C.SUBSTANCE_GROUPS.map((g) =>
    [...counts.values()].reduce((s, c) => s + c[g], 0),
  );
  const target = clamp(
    Math.round(C.EPISODES_PER_CLIENT_YEAR * groupTotals.reduce((s, v) => s + v, 0)),
    C.EPISODES_MIN,
    C.EPISODES_MAX,
  );
  const firstDay = dayNumber(C.EPISODE_START_FROM);
  const extract = dayNumber(C.EPISODE_EXTRACT_DATE);
  const covidFrom = dayNumber('2020-03-23');
  const covidTo = dayNumber('2020-06-30');
  const rows: { start: number; row: Cell[] }[] = [];
  let clientNo = 0;
  while (rows.length < target) {
    clientNo++;
    const clientId = `SYN-${String(clientNo).padStart(5, '0')}`;
    const group = rng.weighted(C.SUBSTANCE_GROUPS, groupTotals);
    const sex = rng.bernoulli(C.CLIENT_MALE_SHARE[group]) ? 'Male' : 'Female';
    const [mean, sd, lo, hi] = C.CLIENT_AGE[group];
    const age = Math.round(rng.clampedNormal(mean, sd, lo, hi));
    let start = rng.int(firstDay, extract);
    // Fewer new presentations in the first COVID-19 lockdown.
    if (start >= covidFrom && start <= covidTo && rng.bernoulli(0.4))
      start = rng.int(firstDay, extract);
    let episodeAge = age;
    for (let episode = 0; episode < 2 && rows.length < target; episode++) {
      const substances = substancesFor(rng, group);
      const referral = rng.weighted(C.REFERRAL_SOURCES, C.REFERRAL_WEIGHTS[group]);
      const length = Math.max(1, Math.round(rng.lognormal(C.EPISODE_MEDIAN_DAYS[group], 0.8)));
      const end = start + length;
      const open = end > extract;
      const reason = open ? null : dischargeReason(rng, group, substances);
      rows.push({
        start,
        row: [
          clientId,
          code,
          episodeAge,
          sex,
          substances,
          referral,
          isoDate(start),
          open ? null : isoDate(end),
          reason,
          true,
        ],
      });
      if (open || reason === 'Incomplete - client died' || !rng.bernoulli(C.REPRESENTATION_SHARE)) {
        break;
      }
      const next = end + Math.max(14, Math.round(rng.lognormal(200, 0.7)));
      if (next > extract) break;
      episodeAge = age + Math.floor((next - start) / 365.25);
      start = next;
    }
  }
  rows.sort((a, b) => a.start - b.start || (String(a.row[0]) < String(b.row[0]) ? -1 : 1));
  return rows.map((r) => r.row);
}
