/**
 * Unmet need for area groups (partnership footprints): the members' prevalence estimates, their
 * 95% limits and their numbers in treatment summed, then unmet and met need recomputed from the
 * sums with the view's own prevalence-interval method (./compute.ts). Summing the members' limits
 * is conservative: it treats the members' estimation errors as moving together, so the group's
 * interval is at least as wide as a pooled estimate's would be. A member without an estimate or a
 * count makes the group's figure "not calculated", naming the member.
 */
import type { AreaGroup } from '../../domain/areas';
import type { Row } from '../../engine/types';
import { num } from '../common';
import type { NeedInput } from './inputs';

type Name = (code: string) => string;

/**
 * One group's inputs for one measure. `noCount` is the measure's reason when no count exists.
 * `distinct` is the group's own count of distinct clients when the counts come from record-level
 * episodes: it replaces the members' sum, which would count a client of two members twice.
 */
export function groupNeedInput(
  group: AreaGroup,
  prevalence: ReadonlyMap<string, Row>,
  treatment: ReadonlyMap<string, number>,
  name: Name,
  noCount?: string,
  distinct?: number,
): NeedInput {
  const names = (codes: string[]) => codes.map(name).join(', ');
  const estimates = group.members.map((m) => num(prevalence.get(m)?.estimate));
  const noEstimate = group.members.filter((_, i) => estimates[i] === null);
  if (noEstimate.length > 0)
    return {
      estimate: null,
      lower: null,
      upper: null,
      inTreatment: null,
      noCount: `no prevalence estimate for ${names(noEstimate)} (a member of ${group.name})`,
      derived: false,
    };
  const sum = (xs: (number | null)[]) =>
    xs.every((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x as number), 0) : null;
  const input: NeedInput = {
    estimate: sum(estimates),
    lower: sum(group.members.map((m) => num(prevalence.get(m)?.lower))),
    upper: sum(group.members.map((m) => num(prevalence.get(m)?.upper))),
    inTreatment: null,
    derived: false,
  };
  if (noCount !== undefined) return { ...input, noCount };
  const noTreatment = group.members.filter((m) => !treatment.has(m));
  if (noTreatment.length > 0)
    return {
      ...input,
      noCount: `no treatment count for ${names(noTreatment)} (a member of ${group.name})`,
    };
  return {
    ...input,
    inTreatment: distinct ?? sum(group.members.map((m) => treatment.get(m) ?? null)),
  };
}

/** How a group's unmet need was made, for the view's notes. */
export function groupNeedNote(group: AreaGroup, name: Name, distinctClients = false): string {
  const made = `prevalence estimates, their 95% limits and numbers in treatment summed over its members${distinctClients ? " (people in treatment counted from record-level episodes are the group's distinct clients: a client treated in two members counts once)" : ''}`;
  return `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')}): ${made}; unmet and met need recomputed from the sums with the prevalence-interval method. The group's interval uses the members' limits summed as published, which is conservative (it treats the members' estimation errors as moving together, so the interval is at least as wide as a pooled estimate's). A member without an estimate or a count makes the group's figure not calculated.`;
}
