import { describe, expect, it } from 'vitest';
import { groupMessages, messageShape } from '../../../src/lib/ingest/messageGroups';
// The real note writers: if their wording changes, these tests say the grouping no longer sees them.
import { recodeNote, retiredNote } from '../../../src/lib/schema/normalise';

describe('groupMessages', () => {
  it('counts retired and recoded area codes, with their rows, in one line each', () => {
    const notes = [
      retiredNote('E06000028', 10),
      retiredNote('E06000029', 10),
      recodeNote('E08000016', 171),
      recodeNote('E08000019', 1),
      retiredNote('E10000006', 1),
    ];
    const groups = groupMessages(notes);
    expect(groups.map((g) => g.summary)).toEqual([
      '3 retired area codes kept (21 rows)',
      '2 old area codes recoded (172 rows)',
    ]);
    // Opened, each code is listed; the sentence every retired note repeats is said once, above.
    expect(groups[0].detail).toMatch(/cannot be split or re-added safely/);
    expect(groups[1].detail).toMatch(/current codes/);
    expect(groups[0].items).toEqual([
      '10 rows use E06000028 (Bournemouth), which no longer exists since 2019-04-01: now Bournemouth, Christchurch and Poole (E06000058).',
      '10 rows use E06000029 (Poole), which no longer exists since 2019-04-01: now Bournemouth, Christchurch and Poole (E06000058).',
      '1 row use E10000006 (Cumbria), which no longer exists since 2023-04-01: now Cumberland (E06000063) and Westmorland and Furness (E06000064).',
    ]);
    expect(groups[1].items).toEqual([recodeNote('E08000016', 171), recodeNote('E08000019', 1)]);
  });

  it('says "code" and "row" for one', () => {
    expect(groupMessages([retiredNote('E06000028', 1)])[0].summary).toBe(
      '1 retired area code kept (1 row)',
    );
    expect(groupMessages([recodeNote('E08000016', 2)])[0].summary).toBe(
      '1 old area code recoded (2 rows)',
    );
  });

  it('groups any other note that repeats with only its numbers, codes or values changed', () => {
    const groups = groupMessages([
      'Added 12 rows to deaths.',
      '3 rows left out: area E92000001 (England) is a total.',
      '5 rows left out: area E12000006 (East of England) is a total.',
      'Column "x" is mostly numbers.',
    ]);
    expect(groups).toEqual([
      { key: expect.any(String), summary: null, items: ['Added 12 rows to deaths.'] },
      {
        key: expect.any(String),
        summary: '2 similar notes',
        items: [
          '3 rows left out: area E92000001 (England) is a total.',
          '5 rows left out: area E12000006 (East of England) is a total.',
        ],
      },
      { key: expect.any(String), summary: null, items: ['Column "x" is mostly numbers.'] },
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
  });

  it('keeps notes that differ in words apart, and an empty list empty', () => {
    expect(groupMessages([])).toEqual([]);
    expect(
      groupMessages(['12 rows left out: blank area.', '12 rows left out: blank period.']).map(
        (g) => g.summary,
      ),
    ).toEqual([null, null]);
    expect(messageShape('3 rows of "a" (E06000031) in E06000031')).toBe('# rows of "…" (…) in #');
  });
});
