/** The treatment-outcomes SQL builders without an engine: file snapshot, parameters bound. */
import { describe, expect, it } from 'vitest';
import {
  aggregateSql,
  episodeAreasSql,
  episodesSql,
  extractDateSql,
  fingertipsSql,
  type Query,
} from '../../../../src/lib/views/treatmentOutcomes/sql';

const placeholders = (q: Query) => (q.sql.match(/\?/g) ?? []).length;

describe('treatment-outcomes SQL builders', () => {
  const statements: Record<string, Query> = {
    areas: episodeAreasSql(),
    extract: extractDateSql(),
    episodes: episodesSql(['E06000031']),
    episodesOfGroup: episodesSql(['E06000031', 'E06000032']),
    aggregateAll: aggregateSql(
      ['E92000001', 'E06000031'],
      new Set([
        'completions_not_representing',
        'starts',
        'early_unplanned_exits',
        'deaths_in_treatment',
      ]),
    ),
    aggregateMinimal: aggregateSql(['E92000001'], new Set()),
    fingertips: fingertipsSql(['90244', '90245'], ['E92000001', 'E06000031']),
  };

  it('binds every placeholder and never writes an area code into the text', () => {
    for (const [name, q] of Object.entries(statements)) {
      expect(placeholders(q), name).toBe(q.params.length);
      expect(q.sql, name).not.toMatch(/E\d{8}/);
    }
  });

  it('matches the reviewed statements', async () => {
    const text = Object.entries(statements)
      .map(([name, q]) => `-- ${name}\n${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`)
      .join('\n');
    await expect(text).toMatchFileSnapshot('__snapshots__/sql.snap.sql');
  });
});
