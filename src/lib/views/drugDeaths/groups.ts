/**
 * Drug-death figures for area groups (partnership footprints): deaths and populations summed
 * from the members, rates recomputed from the sums, never averaged.
 *
 *   published source  summed deaths (src/lib/groups SQL) and a crude rate per 100,000 with exact /
 *                     Byar's limits from the summed population; no age-standardised rate, because
 *                     ONS publishes rates, not the age-banded deaths needed to standardise.
 *   age-banded source deaths per band summed, populations per band summed, then the same crude
 *                     rate and ESP2013 DSR with Dobson limits as for one authority.
 *
 * A member with no deaths rows for a period, or a suppressed count, makes the period "not
 * calculated" for the group, naming the member.
 */
import type { AreaGroup } from '../../domain/areas';
import type { Row } from '../../engine/types';
import { periodYears } from '../../domain/periods';
import { groupReason, groupRowsQuery, type Query } from '../../groups';
import { onsDeathDisplayRule } from '../../stats';
import { num, str } from '../common';
import { normaliseBand } from './bands';
import { emptyRate, setCrudeRate } from './rates';
import { personsPivot } from './sql';
import {
  RULE_TEXT,
  type BandCount,
  type DeathMeasure,
  type DeathRate,
  type DeathSex,
} from './model';

type Name = (code: string) => string;

/** Why a group has no age-standardised rate from published rates (shown as a note). */
export const NO_GROUP_ASR =
  'ONS publishes age-standardised rates, not the age-banded deaths needed to standardise, and published rates are never averaged';

const ALL_AGES = `(age_band IS NULL OR lower(CAST(age_band AS VARCHAR)) IN ('all ages', 'all'))`;

/** The groups' summed all-ages deaths per period (published source). */
export function groupDeathsQuery(
  groups: readonly AreaGroup[],
  measure: DeathMeasure,
  sex: DeathSex,
): Query {
  return groupRowsQuery({
    from: `(SELECT area_code, CAST(period AS VARCHAR) AS period, deaths FROM deaths
             WHERE measure = ? AND sex = ? AND ${ALL_AGES})`,
    fromParams: [measure, sex],
    keys: ['period'],
    additive: ['deaths'],
    groups,
  });
}

/**
 * The groups' summed population per year and age band (Persons where given, else Male + Female;
 * all-ages rows left out so nothing is counted twice).
 */
export function groupPopulationQuery(groups: readonly AreaGroup[], sex: DeathSex): Query {
  const members = [...new Set(groups.flatMap((g) => g.members))];
  const pivot = personsPivot({
    keys: ['area_code', 'CAST(year AS INTEGER) AS year', 'CAST(age_band AS VARCHAR) AS age_band'],
    value: 'CAST(population AS DOUBLE)',
    from: 'population',
    where: `area_code IN (SELECT unnest([${members.map(() => '?').join(', ')}])) AND ${
      sex === 'Persons' ? `sex IN ('Persons', 'Male', 'Female')` : `sex = ?`
    } AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all')`,
  });
  return groupRowsQuery({
    from: `(SELECT area_code, year, age_band,
                   CASE WHEN ${sex === 'Persons' ? 'has_persons THEN persons ELSE other' : 'TRUE THEN other'} END AS population
            FROM (${pivot}))`,
    fromParams: [...members, ...(sex === 'Persons' ? [] : [sex])],
    keys: ['year', 'age_band'],
    additive: ['population'],
    groups,
  });
}

/** Group population by `group|year|band` (complete keys only) and the reasons for the others. */
export function groupPopulation(rows: Row[], name: Name) {
  const pop = new Map<string, number>();
  const reasons = new Map<string, string>();
  for (const x of rows) {
    const key = `${str(x.area_code)}|${num(x.year)}`;
    const p = num(x.population);
    if (p === null)
      reasons.set(key, groupReason(x, name).replace('not calculated for the group: ', ''));
    else pop.set(`${key}|${normaliseBand(str(x.age_band))}`, p);
  }
  return { pop, reasons };
}

/** The rate of a group from summed deaths and population: crude only (published source). */
export function groupCrudeRate(
  area: string,
  period: string,
  deaths: number | null,
  population: number | null,
  reason: string,
): DeathRate {
  const rate = emptyRate(area, period, deaths, population);
  const notes: string[] = [];
  if (deaths === null) {
    rate.flag = ':';
    notes.push(reason || 'not calculated for the group');
  } else {
    const rule = onsDeathDisplayRule(Math.round(deaths));
    if (population === null) notes.push(`crude rate not calculated: ${reason || 'no population'}`);
    else if (!rule.crudeShown) notes.push(RULE_TEXT.noCrude);
    else setCrudeRate(rate, deaths, population);
    if (rule.unreliable) {
      rate.flag = 'u';
      notes.push(RULE_TEXT.lowReliability);
    }
    notes.push(`no age-standardised rate for a group: ${NO_GROUP_ASR}`);
  }
  rate.note = notes.join('; ');
  return rate;
}

/**
 * Published source: each group's summed deaths per period and its crude rate (summed deaths /
 * population summed over the members, the period's years and the age bands × 100,000).
 */
export function groupPublishedRates(deathRows: Row[], popRows: Row[], name: Name): DeathRate[] {
  const { pop, reasons } = groupPopulation(popRows, name);
  // Total population per group|year over the bands.
  const totals = new Map<string, number>();
  for (const [k, v] of pop) {
    const [g, y] = k.split('|');
    totals.set(`${g}|${y}`, (totals.get(`${g}|${y}`) ?? 0) + v);
  }
  return deathRows.map((x) => {
    const group = str(x.area_code);
    const period = str(x.period);
    const deaths = num(x.deaths);
    const years = periodYears(period);
    let population: number | null = years.length > 0 ? 0 : null;
    let reason = groupReason(x, name);
    for (const y of years) {
      const t = totals.get(`${group}|${y}`);
      const why = reasons.get(`${group}|${y}`);
      if (t === undefined || why) {
        population = null;
        reason ||= why ? `population ${why} in ${y}` : `no population for ${y}`;
        break;
      }
      population = (population ?? 0) + t;
    }
    return groupCrudeRate(group, period, deaths, population, reason);
  });
}

/**
 * Age-banded source: members' band counts (area = member) summed into the groups' band counts,
 * and the periods where a member has no deaths rows at all (not calculated, with the reason).
 */
export function groupBandCounts(
  counts: BandCount[],
  groups: readonly AreaGroup[],
  name: Name,
): { counts: BandCount[]; missing: { area: string; period: string; reason: string }[] } {
  const periodsOf = new Map<string, Set<string>>();
  for (const c of counts) {
    const set = periodsOf.get(c.area) ?? new Set<string>();
    set.add(c.period);
    periodsOf.set(c.area, set);
  }
  const out: BandCount[] = [];
  const missing: { area: string; period: string; reason: string }[] = [];
  for (const g of groups) {
    const periods = new Set(g.members.flatMap((m) => [...(periodsOf.get(m) ?? [])]));
    const members = new Set(g.members);
    for (const period of periods) {
      const absent = g.members.filter((m) => !periodsOf.get(m)?.has(period));
      if (absent.length > 0) {
        missing.push({
          area: g.code,
          period,
          reason: groupReason({ missing: absent }, name),
        });
        continue;
      }
      const byBand = new Map<string, number>();
      for (const c of counts)
        if (c.period === period && members.has(c.area))
          byBand.set(c.band, (byBand.get(c.band) ?? 0) + c.deaths);
      for (const [band, deaths] of byBand) out.push({ area: g.code, period, band, deaths });
    }
  }
  return { counts: out, missing };
}

/** A group period not calculated because a member has no data. */
export function notCalculated(area: string, period: string, reason: string): DeathRate {
  return { ...groupCrudeRate(area, period, null, null, reason) };
}

/** "Humberside (group of 4: …) — counts summed; rates recomputed with …" for the view's notes. */
export function groupMethodNote(group: AreaGroup, name: Name, published: boolean): string {
  const members = `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')})`;
  return published
    ? `${members} — deaths summed from its members; crude rate per 100,000 recomputed from the summed deaths and summed population with exact (under 10 deaths) or Byar's 95% limits. No age-standardised rate: ${NO_GROUP_ASR}.`
    : `${members} — deaths and populations summed by age band; crude rate (exact/Byar's limits) and ESP2013 DSR (Dobson limits) recomputed from the sums.`;
}
