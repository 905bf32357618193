/**
 * The drug-deaths SQL builders, without an engine: every statement's text is kept in a file
 * snapshot (a change to a statement shows up as a diff to review), and each statement's
 * parameters are checked against its placeholders: area codes, measures and sexes are bound,
 * never written into the text.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { esp2013 } from '../../../../src/lib/stats';
import { CONTROLLED_DRUG_PATTERN } from '../../../../src/lib/views/drugDeaths';
import * as q from '../../../../src/lib/views/drugDeaths/sql';

const CODES = ['E06000031', 'E92000001', 'E12000006'];
const BANDS = esp2013.bands19.map((b) => b.ageBand);

/** `?` placeholders outside quoted text. */
function placeholders(sql: string): number {
  return (sql.replace(/'[^']*'/g, "''").match(/\?/g) ?? []).length;
}

function expectBound(query: q.Query): void {
  expect(placeholders(query.sql)).toBe(query.params.length);
  for (const code of CODES) expect(query.sql).not.toContain(code);
}

describe('drug-deaths SQL builders', () => {
  it('bind every area code, measure and sex', () => {
    const persons = q.populationByBandQuery(CODES, 'Persons');
    expectBound(persons);
    expect(persons.params).toEqual(CODES);
    expect(persons.sql).toContain(`sex IN ('Persons', 'Male', 'Female')`);

    const male = q.populationByBandQuery(CODES, 'Male');
    expectBound(male);
    expect(male.params).toEqual([...CODES, 'Male']);

    const pooled = q.pooledRatesQuery(CODES, 'drug_misuse', 'Female');
    expectBound(pooled);
    expect(pooled.params).toEqual(['drug_misuse', ...CODES, ...CODES, ...BANDS]);
    // The one sex written as text comes from a fixed table, not from the caller's string.
    expect(pooled.sql).toContain(`sex = 'Female'`);

    const banded = q.bandedDeathsQuery(CODES, 'drug_poisoning', 'Male');
    expectBound(banded);
    expect(banded.params).toEqual(['drug_poisoning', ...CODES, 'Male']);
    expect(banded.sql).toContain('ORDER BY area_code, period, age_band');

    const summed = q.summedDeathsQuery(['E06000032', 'E06000033'], 'drug_misuse', 'Persons');
    expect(placeholders(summed.sql)).toBe(3);
    expect(summed.params).toEqual(['drug_misuse', 'E06000032', 'E06000033']);

    const published = q.publishedRatesQuery(CODES, 'drug_misuse', 'Persons', new Set());
    expectBound(published);
    expect(published.params).toEqual(['drug_misuse', 'Persons', ...CODES]);
  });

  it('match records to drug misuse by a bound pattern, and read known_to_treatment only if present', () => {
    const misuse = q.deathRecordsQuery(CODES, 'drug_misuse', 'Female', true);
    expectBound(misuse);
    expect(misuse.params).toEqual([...CODES, 'Female', CONTROLLED_DRUG_PATTERN]);
    expect(misuse.sql).toContain('known_to_treatment IS NULL');

    const poisoning = q.deathRecordsQuery(CODES, 'drug_poisoning', 'Persons', false);
    expectBound(poisoning);
    expect(poisoning.params).toEqual(CODES);
    expect(poisoning.sql).not.toContain('known_to_treatment');
    expect(poisoning.sql).not.toContain('substances');
  });

  it('read published columns only when the table has them', () => {
    const none = q.publishedRatesQuery(CODES, 'drug_misuse', 'Persons', new Set());
    expect(none.sql).toContain('any_value(CAST(NULL AS DOUBLE)) AS rate');
    const all = q.publishedRatesQuery(
      CODES,
      'drug_misuse',
      'Persons',
      new Set(['published_rate', 'published_lower_95', 'published_upper_95', 'published_flag']),
    );
    expect(all.sql).toContain('any_value(CAST(published_rate AS DOUBLE)) AS rate');
    expect(all.sql).toContain('any_value(CAST(published_flag AS VARCHAR)) AS flag');
  });

  it('keep the text of every statement (file snapshot)', async () => {
    const statements: [string, q.Query][] = [
      ['bandedDeathsProbe', q.bandedDeathsProbe()],
      ['standardPopulationQuery', q.standardPopulationQuery()],
      ['populationByBandQuery (Persons)', q.populationByBandQuery(CODES, 'Persons')],
      ['populationByBandQuery (Male)', q.populationByBandQuery(CODES, 'Male')],
      ['pooledRatesQuery (Persons)', q.pooledRatesQuery(CODES, 'drug_misuse', 'Persons')],
      ['pooledRatesQuery (Female)', q.pooledRatesQuery(CODES, 'drug_misuse', 'Female')],
      ['bandedDeathsQuery (Persons)', q.bandedDeathsQuery(CODES, 'drug_misuse', 'Persons')],
      ['summedDeathsQuery (Male)', q.summedDeathsQuery(CODES, 'drug_poisoning', 'Male')],
      ['deathsCoverageQuery', q.deathsCoverageQuery(CODES, 'drug_misuse')],
      ['suppressedBandsQuery (Female)', q.suppressedBandsQuery(CODES, 'drug_misuse', 'Female')],
      ['deathRecordsQuery (misuse)', q.deathRecordsQuery(CODES, 'drug_misuse', 'Persons', true)],
      [
        'deathRecordsQuery (poisoning)',
        q.deathRecordsQuery(CODES, 'drug_poisoning', 'Male', false),
      ],
      [
        'publishedRatesQuery',
        q.publishedRatesQuery(CODES, 'drug_misuse', 'Persons', new Set(['published_rate'])),
      ],
    ];
    const text = statements
      .map(([name, s]) => `-- ${name}\n-- params: ${JSON.stringify(s.params)}\n${s.sql};\n`)
      .join('\n');
    await expect(text).toMatchFileSnapshot(path.join('__snapshots__', 'statements.sql'));
  });
});
