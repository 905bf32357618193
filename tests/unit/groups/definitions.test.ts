import { describe, expect, it } from 'vitest';
import type { AreaInfo } from '../../../src/lib/domain/areas';
import {
  EXAMPLE_GROUPS,
  GroupError,
  isGroupCode,
  parseGroupFile,
  parseGroupSpec,
  validateGroup,
  validateGroups,
  type GroupAreas,
} from '../../../src/lib/groups';
import { readFileSync } from 'node:fs';

/** The area list of datasets/derived_canonical_areas_2023.csv (the real lookup). */
function realAreas(): GroupAreas {
  const lines = readFileSync('datasets/derived_canonical_areas_2023.csv', 'utf8')
    .trim()
    .split('\n');
  const list: AreaInfo[] = lines.slice(1).map((l) => {
    const c = l.split(',');
    return {
      code: c[0],
      name: c[1],
      type: c[2],
      regionCode: c[4] || null,
      regionName: c[5] || null,
    };
  });
  const byCode = new Map(list.map((a) => [a.code, a]));
  return {
    get: (c) => byCode.get(c),
    upperTier: list.filter((a) => a.type === 'UTLA'),
    lowerTier: list.filter((a) => a.type === 'LTLA'),
  };
}

describe('area group definitions', () => {
  const areas = realAreas();

  it('parses NAME=CODE,CODE and gives a code that cannot clash with an ONS code', () => {
    const g = validateGroup(
      parseGroupSpec('Humberside=E06000010, E06000011,E06000012,E06000013'),
      areas,
    );
    expect(g).toEqual({
      code: 'GROUP:Humberside',
      name: 'Humberside',
      members: ['E06000010', 'E06000011', 'E06000012', 'E06000013'],
    });
    expect(isGroupCode(g.code)).toBe(true);
    expect(/^E\d{8}$/.test(g.code)).toBe(false);
  });

  it('takes members by name as well as code', () => {
    const g = validateGroup(
      { name: 'Cambs and Peterborough', members: ['Cambridgeshire', 'Peterborough'] },
      areas,
    );
    expect(g.members).toEqual(['E10000003', 'E06000031']);
  });

  it('every example footprint is valid against the real 2023 area list', () => {
    for (const ex of EXAMPLE_GROUPS) expect(validateGroup(ex, areas)).toEqual(ex);
    expect(EXAMPLE_GROUPS.find((g) => g.name === 'Greater Manchester')!.members).toHaveLength(10);
  });

  it('names an unknown code in its error', () => {
    expect(() => validateGroup(parseGroupSpec('X=E06000010,E06999999'), areas)).toThrow(
      /E06999999/,
    );
    expect(() => validateGroup(parseGroupSpec('X=E06000010,E06999999'), areas)).toThrow(GroupError);
  });

  it('refuses a mix of upper- and lower-tier members, and accepts districts together', () => {
    expect(() =>
      validateGroup({ name: 'Mixed', members: ['E10000003', 'E07000008'] }, areas),
    ).toThrow(/mixes area types/);
    const fens = validateGroup({ name: 'Fens', members: ['E07000010', 'Huntingdonshire'] }, areas);
    expect(fens.members).toEqual(['E07000010', 'E07000011']);
  });

  it('needs two members and a name; refuses two groups of one name', () => {
    expect(() =>
      validateGroup({ name: 'One', members: ['E06000010', 'E06000010'] }, areas),
    ).toThrow(/two different members/);
    expect(() => validateGroup({ name: '  ', members: ['E06000010', 'E06000011'] }, areas)).toThrow(
      /name/,
    );
    expect(() => parseGroupSpec('no equals sign')).toThrow(/NAME=CODE/);
    const h = { name: 'H', members: ['E06000010', 'E06000011'] };
    expect(() => validateGroups([h, h], areas)).toThrow(/Two groups/);
  });

  it('reads a group file in JSON or CSV (name,code)', () => {
    const json = parseGroupFile('[{"name":"Humberside","members":["E06000010","E06000011"]}]');
    expect(json).toEqual([{ name: 'Humberside', members: ['E06000010', 'E06000011'] }]);
    const csv = parseGroupFile(
      'name,code\nHumberside,E06000010\nHumberside,E06000011\nNorthants,E06000061\nNorthants,E06000062\n',
    );
    expect(validateGroups(csv, areas).map((g) => [g.code, g.members.length])).toEqual([
      ['GROUP:Humberside', 2],
      ['GROUP:Northants', 2],
    ]);
  });
});
