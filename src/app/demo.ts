/**
 * "Load demo data": real public data and synthetic training data shipped in datasets/ (served by
 * the app itself), loaded through the same path as a user's file (so each is recognised and
 * mapped into the canonical tables), then a starter notebook: Peterborough as the focal area, a
 * text cell, a SQL cell and one cell for each prebuilt view.
 */
import lookupUrl from '../../datasets/derived_england_ltla_utla_region_lookup_2023plus.csv?url';
import espUrl from '../../datasets/esp2013_standard_population_19band.csv?url';
import populationUrl from '../../datasets/derived_canonical_population_la2023_2019_2021.csv?url';
import neighboursUrl from '../../datasets/derived_dfe_statistical_neighbours_long_with_ons_codes.csv?url';
import deathsUrl from '../../datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv?url';
import fingertipsUrl from '../../datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv?url';
import prevalenceUrl from '../../datasets/synthetic/prevalence.csv?url';
import treatmentUrl from '../../datasets/synthetic/treatment.csv?url';
import cjsUrl from '../../datasets/synthetic/cjs_treatment.csv?url';
import continuityUrl from '../../datasets/synthetic/continuity_of_care.csv?url';
import syntheticDeathsUrl from '../../datasets/synthetic/deaths.csv?url';
import { data } from './data.svelte';
import { getEngine } from './engine';
import { notebook } from './notebook.svelte';
import { DEMO_SQL, DEMO_TEXT, DEMO_FOCAL_AREA, DEMO_VIEWS } from '../lib/notebook/demoCells';

/** In load order: the area list first, so the checks of later files can use it. */
export const DEMO_FILES = [
  { url: lookupUrl, name: 'derived_england_ltla_utla_region_lookup_2023plus.csv' },
  { url: espUrl, name: 'esp2013_standard_population_19band.csv' },
  { url: populationUrl, name: 'derived_canonical_population_la2023_2019_2021.csv' },
  { url: neighboursUrl, name: 'derived_dfe_statistical_neighbours_long_with_ons_codes.csv' },
  { url: deathsUrl, name: 'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv' },
  { url: fingertipsUrl, name: 'fingertips_export_93495_common_mental_disorders_format_sample.csv' },
  { url: prevalenceUrl, name: 'synthetic_prevalence.csv' },
  { url: treatmentUrl, name: 'synthetic_treatment.csv' },
  { url: cjsUrl, name: 'synthetic_cjs_treatment.csv' },
  { url: continuityUrl, name: 'synthetic_continuity_of_care.csv' },
  { url: syntheticDeathsUrl, name: 'synthetic_deaths_by_age.csv' },
];

async function fetchDemoFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`The demo file ${name} could not be read (${response.status}).`);
  return new File([await response.blob()], name, { type: 'text/csv' });
}

export async function loadDemo(
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<void> {
  // The engine starts while the files are fetched (all at once: they come from this app's own
  // server, or from the offline cache), and the views' environment is rebuilt once at the end.
  void getEngine().catch(() => undefined);
  const fetched = DEMO_FILES.map((f) =>
    data.tables.some((t) => t.fileName === f.name) ? null : fetchDemoFile(f.url, f.name),
  );
  fetched.forEach((p) => p?.catch(() => undefined)); // awaited in order below
  await data.batch(async () => {
    for (const [i, f] of DEMO_FILES.entries()) {
      onProgress?.(i, DEMO_FILES.length, f.name);
      const file = await fetched[i];
      if (!file || data.tables.some((t) => t.fileName === f.name)) continue; // already loaded
      await data.addFile(file);
    }
  });
  onProgress?.(DEMO_FILES.length, DEMO_FILES.length, '');
  if (!notebook.doc.cells.some((c) => c.kind === 'sql' && c.source === DEMO_SQL)) {
    let after = notebook.add('markdown', null, { source: DEMO_TEXT });
    after = notebook.add('sql', after, { source: DEMO_SQL });
    for (const { viewId, options } of DEMO_VIEWS)
      after = notebook.add('view', after, { viewId, options: { ...options } });
    notebook.focusRequest = null;
  }
  if (!notebook.doc.parameters.focalArea)
    notebook.doc = {
      ...notebook.doc,
      parameters: { ...notebook.doc.parameters, focalArea: DEMO_FOCAL_AREA },
    };
  await notebook.runAll();
}
