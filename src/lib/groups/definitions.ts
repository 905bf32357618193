/**
 * Area groups (partnership footprints) as an analyst writes them: "NAME=CODE,CODE,...", a group
 * file (JSON or CSV name,code), or one of the known examples; validated against the area list.
 * Pure: text and areas in, groups or a clear error out.
 */
import type { AreaGroup, AreaInfo } from '../domain/areas';
import { findArea, findAreaProblem } from '../domain/findArea';

/** Group codes start with this prefix, which no ONS code (E/W/S/N + 8 digits) can. */
export const GROUP_PREFIX = 'GROUP:';

/** Longest group name kept (a notebook file is untrusted: names are cut, never trusted). */
export const GROUP_NAME_MAX = 80;

/** Most members a group may have (England has ~300 authorities; a footprint a handful). */
export const GROUP_MEMBERS_MAX = 400;

/** An English local authority code as ONS writes it. */
export const ONS_AREA_CODE = /^E\d{8}$/;

export class GroupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroupError';
  }
}

export function isGroupCode(code: string): boolean {
  return code.startsWith(GROUP_PREFIX);
}

/** A name made safe to show and to use in a code: control characters gone, spaces collapsed. */
export function cleanGroupName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, GROUP_NAME_MAX);
}

/** "GROUP:Humberside" for "Humberside". */
export function groupCodeFor(name: string): string {
  return `${GROUP_PREFIX}${cleanGroupName(name)}`;
}

/** Known footprints offered as examples (codes checked against datasets/ area lookups, 2023). */
export const EXAMPLE_GROUPS: readonly AreaGroup[] = [
  {
    name: 'Humberside',
    members: ['E06000010', 'E06000011', 'E06000012', 'E06000013'],
  },
  { name: 'Durham and Darlington', members: ['E06000047', 'E06000005'] },
  { name: 'Northamptonshire', members: ['E06000061', 'E06000062'] },
  { name: 'Cambridgeshire and Peterborough', members: ['E10000003', 'E06000031'] },
  {
    name: 'Greater Manchester',
    members: [
      'E08000001',
      'E08000002',
      'E08000003',
      'E08000004',
      'E08000005',
      'E08000006',
      'E08000007',
      'E08000008',
      'E08000009',
      'E08000010',
    ],
  },
].map((g) => ({ ...g, code: groupCodeFor(g.name) }));

/** Where the members' names and types come from (the view environment's area directory). */
export interface GroupAreas {
  get(code: string): AreaInfo | undefined;
  /** Areas a member may be picked from by name (codes are looked up with `get`). */
  readonly upperTier: readonly AreaInfo[];
  /** Lower-tier areas, when known, so districts can be named too. */
  readonly lowerTier?: readonly AreaInfo[];
}

/** A member written by code or name → its code; a clear error when it names no single area. */
export function resolveMember(token: string, areas: GroupAreas): string {
  const t = token.trim();
  if (ONS_AREA_CODE.test(t.toUpperCase())) {
    const code = t.toUpperCase();
    if (!areas.get(code))
      throw new GroupError(`${code} is not in the area list (is the areas table loaded?).`);
    return code;
  }
  const named = [...areas.upperTier, ...(areas.lowerTier ?? [])]
    .filter((a) => a.name)
    .map((a) => ({ code: a.code, name: a.name as string }));
  const found = findArea(t, named);
  if (found.kind === 'found') return found.area.code;
  if (found.kind === 'several')
    throw new GroupError(
      `"${t}" fits several areas (${found.candidates.map((c) => `${c.name} ${c.code}`).join(', ')}): write its code.`,
    );
  throw new GroupError(findAreaProblem(t, found, 'an area in the area list'));
}

/**
 * A group checked against the area list: a name, at least two distinct members, every member
 * known, and all of one tier (upper-tier authorities, or lower-tier districts) so no population is
 * counted twice. Returns the group with its code and members normalised.
 */
export function validateGroup(
  group: { name: string; members: readonly string[] },
  areas: GroupAreas,
): AreaGroup {
  const name = cleanGroupName(group.name);
  if (!name) throw new GroupError('A group needs a name.');
  const members = [...new Set(group.members.map((m) => resolveMember(m, areas)))];
  if (members.length < 2)
    throw new GroupError(`Group "${name}" needs at least two different members.`);
  if (members.length > GROUP_MEMBERS_MAX)
    throw new GroupError(`Group "${name}" has more than ${GROUP_MEMBERS_MAX} members.`);
  const types = new Set(members.map((m) => areas.get(m)?.type ?? 'unknown'));
  if (types.size > 1 || !(types.has('UTLA') || types.has('LTLA')))
    throw new GroupError(
      `Group "${name}" mixes area types (${members.map((m) => `${m} ${areas.get(m)?.type ?? '?'}`).join(', ')}): members must all be upper-tier authorities (UTLA) or all lower-tier districts (LTLA).`,
    );
  return { code: groupCodeFor(name), name, members };
}

/** "Humberside=E06000010,E06000011,…" → name and member tokens (not yet validated). */
export function parseGroupSpec(spec: string): { name: string; members: string[] } {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new GroupError(`A group is written NAME=CODE,CODE,… (got "${spec}").`);
  return {
    name: spec.slice(0, eq).trim(),
    members: spec
      .slice(eq + 1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/**
 * A group file: JSON (an array of {name, members}) or CSV with columns name,code (one row per
 * member; a header row is optional).
 */
export function parseGroupFile(text: string): { name: string; members: string[] }[] {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    const data: unknown = JSON.parse(t);
    const list = Array.isArray(data) ? data : [data];
    return list.map((g, i) => {
      const o = (g ?? {}) as Record<string, unknown>;
      if (typeof o.name !== 'string' || !Array.isArray(o.members))
        throw new GroupError(`Group ${i + 1} in the file needs "name" and "members".`);
      return { name: o.name, members: o.members.map((m) => String(m)) };
    });
  }
  const byName = new Map<string, string[]>();
  for (const [i, line] of t.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (i === 0 && cells[0].toLowerCase() === 'name') continue;
    if (cells.length < 2 || !cells[0] || !cells[1])
      throw new GroupError(`Line ${i + 1} of the group file is not name,code: "${line}".`);
    byName.set(cells[0], [...(byName.get(cells[0]) ?? []), cells[1]]);
  }
  return [...byName].map(([name, members]) => ({ name, members }));
}

/** Groups checked together: each valid, and no two with the same code. */
export function validateGroups(
  groups: readonly { name: string; members: readonly string[] }[],
  areas: GroupAreas,
): AreaGroup[] {
  const out: AreaGroup[] = [];
  for (const g of groups) {
    const v = validateGroup(g, areas);
    if (out.some((o) => o.code === v.code))
      throw new GroupError(`Two groups are called "${v.name}".`);
    out.push(v);
  }
  return out;
}

/** "Humberside (group of 4: Kingston upon Hull, East Riding of Yorkshire, …)". */
export function describeGroup(group: AreaGroup, name: (code: string) => string): string {
  return `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')})`;
}
