/**
 * The unmet-need view's SQL builders, without an engine: the text of every statement is kept in a
 * file snapshot (a change to a statement shows up as a diff to review), and the parameters are
 * checked against the placeholders.
 */
import { describe, expect, it } from 'vitest';
import {
  episodeBoundsSql,
  episodeCountsSql,
  prevalencePeriodsSql,
  prevalenceSql,
  treatmentCountsSql,
  treatmentPeriodsSql,
  type Query,
} from '../../../../src/lib/views/unmetNeed/sql';
import { OPIATE_PATTERN } from '../../../../src/lib/views/unmetNeed/measures';

const placeholders = (q: Query) => (q.sql.match(/\?/g) ?? []).length;

/** Every statement as one text: SQL, then its parameters. */
function show(named: Record<string, Query>): string {
  return Object.entries(named)
    .map(([name, q]) => `-- ${name}\n${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`)
    .join('\n');
}

describe('unmet-need SQL builders', () => {
  const statements = {
    prevalencePeriods: prevalencePeriodsSql(['ocu', 'crack']),
    prevalenceWithLimits: prevalenceSql(
      [
        { measure: 'ocu', period: '2016/17' },
        { measure: 'alcohol_dependence', period: '2019/20' },
      ],
      { lower: true, upper: true },
    ),
    prevalenceWithoutLimits: prevalenceSql([{ measure: 'opiate', period: '2016/17' }], {
      lower: false,
      upper: false,
    }),
    treatmentPeriods: treatmentPeriodsSql(),
    treatmentCounts: treatmentCountsSql(['2016/17', '2019/20'], ['opiate', 'alcohol_only']),
    episodeBounds: episodeBoundsSql(),
    episodeCounts: episodeCountsSql({ from: '2022-04-01', to: '2023-03-31' }, true),
    episodeCountsNoDischarge: episodeCountsSql({ from: '2022-04-01', to: '2023-03-31' }, false),
    episodeCountsWithComposites: episodeCountsSql({ from: '2022-04-01', to: '2023-03-31' }, true, [
      { code: 'GROUP:Humberside', members: ['E06000010', 'E06000011'] },
    ]),
  };

  it('keeps the text of every statement', async () => {
    await expect(show(statements)).toMatchFileSnapshot('__snapshots__/sql.snap.sql');
  });

  it('passes one parameter per placeholder, values never spliced into the text', () => {
    for (const q of Object.values(statements)) {
      expect(placeholders(q)).toBe(q.params.length);
      for (const p of q.params) if (typeof p === 'string') expect(q.sql).not.toContain(p);
    }
  });

  it('asks for each measure at its own period, and reads missing limits as typed NULLs', () => {
    expect(statements.prevalenceWithLimits.params).toEqual([
      'ocu',
      '2016/17',
      'alcohol_dependence',
      '2019/20',
    ]);
    expect(statements.prevalenceWithoutLimits.sql).toContain(
      'sum(CAST(NULL AS DOUBLE)) END AS lower',
    );
    expect(statements.prevalenceWithLimits.sql).toContain(
      'sum(CAST(lower AS DOUBLE)) END AS lower',
    );
    // A sum with a blank row is no figure (not the sum of the others).
    expect(statements.prevalenceWithLimits.sql).toContain(
      'CASE WHEN count(CAST(estimate AS DOUBLE)) = count(*) THEN sum(CAST(estimate AS DOUBLE)) END AS estimate',
    );
  });

  it('counts episodes in one aggregate statement over the window, with the opiate pattern', () => {
    const q = statements.episodeCounts;
    expect(q.params).toEqual(['2023-03-31', '2022-04-01', OPIATE_PATTERN]);
    expect(q.sql.trim().startsWith('WITH')).toBe(true);
    expect(q.sql.split(';').length).toBe(1);
    expect(statements.episodeCountsNoDischarge.sql).not.toContain('discharge_date');
    // Composite areas' members come as parameters, after the window's.
    expect(statements.episodeCountsWithComposites.params.slice(3)).toEqual([
      'GROUP:Humberside',
      'E06000010',
      'GROUP:Humberside',
      'E06000011',
    ]);
  });
});
