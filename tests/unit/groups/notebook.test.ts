/** Area groups saved in the notebook file: kept on a round trip, hostile ones refused whole. */
import { describe, expect, it } from 'vitest';
import { emptyNotebook } from '../../../src/lib/notebook/model';
import { parseNotebook, serialiseNotebook } from '../../../src/lib/notebook/file';
import { EXAMPLE_GROUPS } from '../../../src/lib/groups';

const HUMBERSIDE = EXAMPLE_GROUPS[0];

function file(parameters: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'jsna-notebook',
    version: 1,
    title: 'T',
    parameters: { comparator: 'region', customComparators: [], focalArea: null, ...parameters },
    dataSources: [],
    mappings: [],
    cells: [],
  });
}

describe('area groups in the notebook file', () => {
  it('saves groups and a group as the focal area, and reads them back', () => {
    const doc = emptyNotebook();
    doc.parameters = {
      ...doc.parameters,
      focalArea: HUMBERSIDE.code,
      groups: [HUMBERSIDE],
      customComparators: ['GROUP:Humberside', 'E06000031'],
    };
    const back = parseNotebook(serialiseNotebook(doc));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.doc.parameters.groups).toEqual([HUMBERSIDE]);
    expect(back.doc.parameters.focalArea).toBe('GROUP:Humberside');
    // A notebook without groups is written as before (no "groups" key).
    expect(serialiseNotebook(emptyNotebook())).not.toMatch(/groups/);
  });

  it.each([
    [
      'a name too long',
      { groups: [{ ...HUMBERSIDE, name: 'x'.repeat(81), code: `GROUP:${'x'.repeat(81)}` }] },
      /valid name/,
    ],
    [
      'a control character in the name',
      { groups: [{ ...HUMBERSIDE, name: 'Hum\u0000ber', code: 'GROUP:Hum\u0000ber' }] },
      /valid name/,
    ],
    [
      'a code that does not match the name',
      { groups: [{ ...HUMBERSIDE, code: 'GROUP:Other' }] },
      /code/,
    ],
    [
      'a member that is not an ONS code',
      { groups: [{ ...HUMBERSIDE, members: ['E06000010', "x'); DROP TABLE deaths; --"] }] },
      /area codes/,
    ],
    [
      'a lowercase member code',
      { groups: [{ ...HUMBERSIDE, members: ['e06000010', 'E06000011'] }] },
      /area codes/,
    ],
    ['one member', { groups: [{ ...HUMBERSIDE, members: ['E06000010'] }] }, /area codes/],
    [
      'repeated members',
      { groups: [{ ...HUMBERSIDE, members: ['E06000010', 'E06000010'] }] },
      /area codes/,
    ],
    ['the same group twice', { groups: [HUMBERSIDE, HUMBERSIDE] }, /repeats/],
    ['groups that are not a list', { groups: { a: 1 } }, /area groups/],
    ['too many groups', { groups: Array.from({ length: 51 }, () => HUMBERSIDE) }, /area groups/],
    ['a focal group that is not defined', { focalArea: 'GROUP:Humberside' }, /focal area/],
  ])('refuses %s', (_what, parameters, message) => {
    const r = parseNotebook(file(parameters));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
