/**
 * The view a canonical table starts as (src/lib/schema/viewSelect.ts) reads clean columns as
 * they are stored and a short vocabulary through a map of its few changed values: exactly the
 * values of the normalising copy, whatever the dirt. Real DuckDB-WASM engine.
 */
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { copyingEngine } from '../engine/nodeEngine';
import { loadCsv } from '../../../src/lib/ingest/csv';
import { applyMapping } from '../../../src/lib/schema/apply';
import { recogniseTable } from '../../../src/lib/schema/recognise';

const HEADER =
  'client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason';

async function load(engine: Engine, text: string): Promise<void> {
  await loadCsv(engine, {
    fileName: 'episodes.csv',
    source: { kind: 'text', text },
    tableName: 'episodes',
  });
  const proposal = await recogniseTable(engine, 'episodes', 'episodes.csv');
  expect(proposal.canonical).toBe('treatment_episodes');
  await applyMapping(engine, 'episodes', proposal, { id: 'episodes', fileName: 'episodes.csv' });
}

const rows = async (engine: Engine) =>
  (await engine.query('SELECT * FROM treatment_episodes ORDER BY ALL')).toRows();
const viewSql = async (engine: Engine) =>
  String(
    (
      await engine.query(`SELECT sql FROM duckdb_views() WHERE view_name = 'treatment_episodes'`)
    ).toRows()[0]?.sql ?? '',
  );

/** Loads `text` both ways and checks the view shows the copy's rows; returns the view's SQL. */
async function sameAsCopy(text: string): Promise<string> {
  const lazy = await createNodeEngine();
  const copy = copyingEngine(await createNodeEngine());
  await load(lazy, text);
  await load(copy, text);
  expect(await rows(lazy)).toEqual(await rows(copy));
  return viewSql(lazy);
}

describe('the canonical view of a file', () => {
  it('reads clean area codes and sex labels as stored (no normalising per row)', async () => {
    const sql = await sameAsCopy(
      `${HEADER}
C1,E06000031,34,Male,heroin,Self,2022-05-01,2022-09-30,Treatment completed - drug-free
C2,E06000010,41,Female,alcohol,GP,2022-06-01,,
`,
    );
    // The area code and sex columns are the stored ones: a filter on them can use the column.
    expect(sql).toMatch(/\barea_code AS area_code\b/);
    expect(sql).toMatch(/\bsex AS sex\b/);
    expect(sql).not.toMatch(/upper\(/i);
  });

  it('maps the few changed values of a vocabulary, and gives the copy its values whatever the dirt', async () => {
    const sql = await sameAsCopy(
      `${HEADER}
 C1 ,e06000031,34,M,heroin,Self,2022-05-01,2022-09-30,Treatment completed - drug-free
C2, E06000031 ,41,female,alcohol,GP,2022-06-01,,
C3,E08000016,29,F,crack,Criminal justice,2023-01-10,2023-02-01,Dropped out
C4,,30,2,\u00a0opiates\u00a0,Self,2023-01-10,,
C5,E06000010,30,Persons,opiates,Self,2023-01-11,,
C6,E06000010,30,,opiates, GP,2023-01-11,,
`,
    );
    // Old and untidy codes are looked up (E08000016 → E08000038); the rest reads as stored.
    expect(sql).toMatch(/E08000038/);
    expect(sql).not.toMatch(/upper\(/i);
  });

  it('copies the rows where reading them through a view would parse text on every statement', async () => {
    // More distinct codes than a lookup holds, all needing upper-case: normalised row by row.
    const codes = Array.from(
      { length: 1001 },
      (_, i) => `C${i},e${String(6000000 + i).padStart(8, '0')},30,M,heroin,Self,2022-05-01,,`,
    );
    expect(await sameAsCopy(`${HEADER}\n${codes.join('\n')}\n`)).toBe('');
    // Dates the reader left as text (two spellings in one column): parsed by the normaliser.
    expect(
      await sameAsCopy(
        `${HEADER}\nC1,E06000031,34,M,heroin,Self,2022-05-01,,\nC2,E06000031,34,M,heroin,Self,1 May 2022,,\n`,
      ),
    ).toBe('');
  });

  it('a value the copy cannot store is refused as before, and nothing is added', async () => {
    const lazy = await createNodeEngine();
    await loadCsv(lazy, {
      fileName: 'episodes.csv',
      source: {
        kind: 'text',
        text: `${HEADER}\nC1,E06000031,99999999999,M,heroin,Self,2022-05-01,,\n`,
      },
      tableName: 'episodes',
    });
    const proposal = await recogniseTable(lazy, 'episodes', 'episodes.csv');
    await expect(
      applyMapping(lazy, 'episodes', proposal, { id: 'episodes', fileName: 'episodes.csv' }),
    ).rejects.toThrow(/Nothing was added/);
    expect(await viewSql(lazy)).toBe('');
  });
});
