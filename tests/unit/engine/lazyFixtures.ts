/**
 * The treatment-episodes file the lazy canonical tests load (dirty on purpose: a padded client
 * id, a lower-case and an old area code, "M"/"female"/"F" for sex), a second file, and the load
 * the app runs (read → recognise → apply), so treatment_episodes really is a view over it.
 */
import { expect } from 'vitest';
import type { Engine } from '../../../src/lib/engine/types';
import { loadCsv } from '../../../src/lib/ingest/csv';
import { applyMapping } from '../../../src/lib/schema/apply';
import { recogniseTable } from '../../../src/lib/schema/recognise';

export const EPISODES = `client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason
 C1 ,e06000031,34,M,heroin,Self,2022-05-01,2022-09-30,Treatment completed - drug-free
C2,E06000031,41,female,alcohol,GP,2022-06-01,,
C3,E08000016,29,F,crack,Criminal justice,2023-01-10,2023-02-01,Dropped out
`;

export const MORE = `client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason
D1,E06000010,50,M,heroin,Self,2022-04-03,,
`;

/** Loads `text` as table `table` and maps it onto treatment_episodes, as the app does. */
export async function load(engine: Engine, text: string, table: string): Promise<void> {
  await loadCsv(engine, {
    fileName: `${table}.csv`,
    source: { kind: 'text', text },
    tableName: table,
  });
  const proposal = await recogniseTable(engine, table, `${table}.csv`);
  expect(proposal.canonical).toBe('treatment_episodes');
  await applyMapping(engine, table, proposal, { id: table, fileName: `${table}.csv` });
}
