/**
 * The CJS view's SQL builders, without an engine: the text of every statement is kept in a file
 * snapshot (a change to a statement shows up as a diff to review), and the parameters are checked
 * against the placeholders.
 */
import { describe, expect, it } from 'vitest';
import {
  cjsCellsSql,
  cjsPeriodsSql,
  continuityPeriodsSql,
  continuitySql,
  inTreatmentSql,
  populationSql,
  populationYearsSql,
  type Query,
} from '../../../../src/lib/views/cjsTreatment/sql';

const placeholders = (q: Query) => (q.sql.match(/\?/g) ?? []).length;

function show(named: Record<string, Query>): string {
  return Object.entries(named)
    .map(([name, q]) => `-- ${name}\n${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`)
    .join('\n');
}

describe('cjs-treatment SQL builders', () => {
  const codes = ['E06000010', 'E06000011'];
  const statements = {
    periods: cjsPeriodsSql(),
    cellsWithPublished: cjsCellsSql('2020/21', true),
    cellsWithoutPublished: cjsCellsSql('2020/21', false),
    inTreatment: inTreatmentSql('2020/21', codes),
    populationYears: populationYearsSql(),
    population: populationSql(codes, 2020),
    continuityPeriods: continuityPeriodsSql(),
    continuity: continuitySql('2020/21', codes),
  };

  it('keeps the text of every statement', async () => {
    await expect(show(statements)).toMatchFileSnapshot('__snapshots__/sql.snap.sql');
  });

  it('passes one parameter per placeholder, values never spliced into the text', () => {
    for (const q of Object.values(statements)) {
      expect(placeholders(q)).toBe(q.params.length);
      for (const p of q.params) if (typeof p === 'string') expect(q.sql).not.toContain(p);
    }
    expect(statements.population.params).toEqual([...codes, 2020]);
    expect(statements.continuity.params).toEqual(['2020/21', ...codes]);
  });

  it('reads a missing published total as a typed NULL', () => {
    expect(statements.cellsWithoutPublished.sql).toContain('max(CAST(NULL AS DOUBLE))');
    expect(statements.cellsWithPublished.sql).toContain('max(CAST(published_total AS DOUBLE))');
  });
});
