/**
 * "Load demo data": real public data shipped in datasets/ (served by the app itself), loaded
 * through the same path as a user's file, plus a text cell and a SQL cell to start from.
 */
import deathsUrl from '../../datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv?url';
import lookupUrl from '../../datasets/derived_england_ltla_utla_region_lookup_2023plus.csv?url';
import { data } from './data.svelte';
import { notebook } from './notebook.svelte';
import { DEMO_SQL, DEMO_TEXT } from '../lib/notebook/demoCells';

const DEMO_FILES = [
  { url: deathsUrl, name: 'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv' },
  { url: lookupUrl, name: 'derived_england_ltla_utla_region_lookup_2023plus.csv' },
];

export async function loadDemo(): Promise<void> {
  for (const f of DEMO_FILES) {
    if (data.tables.some((t) => t.fileName === f.name)) continue; // already loaded
    const response = await fetch(f.url);
    if (!response.ok) throw new Error(`The demo file ${f.name} could not be read (${response.status}).`);
    const blob = await response.blob();
    await data.addFile(new File([blob], f.name, { type: 'text/csv' }));
  }
  if (!notebook.doc.cells.some((c) => c.kind === 'sql' && c.source === DEMO_SQL)) {
    const textId = notebook.add('markdown', null, { source: DEMO_TEXT });
    const sqlId = notebook.add('sql', textId, { source: DEMO_SQL });
    notebook.focusRequest = null;
    await notebook.run(sqlId);
  }
}
