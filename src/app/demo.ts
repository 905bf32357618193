/**
 * "Load demo data": real public data and synthetic training data shipped in datasets/ (served by
 * the app itself), then a starter notebook: Peterborough as the focal area, a text cell, a SQL
 * cell and one cell for each prebuilt view.
 *
 * The files are loaded, recognised and mapped into the canonical tables when the app is built
 * (tools/vite/demoTables.ts runs the app's own ingest in Node): the demo imports those tables
 * ready-made and shows each file as a load of it would (its table, notices, mapping, checks,
 * SHA-256). When the ready-made tables are missing or cannot be used (an engine without Arrow
 * import, tables already loaded, a failed download), each file loads through the same path as a
 * user's file instead, as it always did.
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
import { data, type TableOrigin } from './data.svelte';
import { getEngine } from './engine';
import { mappings } from './mapping.svelte';
import { notebook } from './notebook.svelte';
import { DEMO_SQL, DEMO_TEXT, DEMO_FOCAL_AREA, DEMO_VIEWS } from '../lib/notebook/demoCells';
import { DEMO_FILE_LIST, type DemoFilePath } from '../lib/demo/files';
import { importPrebuiltTables } from '../lib/demo/importTables';
import { onlyReads } from '../lib/engine/readOnly';
import type { DemoManifest, PrebuiltDemo } from '../lib/demo/manifest';
import {
  demoViewCells,
  readyMadeFor,
  stableJson,
  type ViewCellInputs,
} from '../lib/demo/readyMade';
import type { Cell } from '../lib/notebook/model';

const URLS = {
  'datasets/derived_england_ltla_utla_region_lookup_2023plus.csv': lookupUrl,
  'datasets/esp2013_standard_population_19band.csv': espUrl,
  'datasets/derived_canonical_population_la2023_2019_2021.csv': populationUrl,
  'datasets/derived_dfe_statistical_neighbours_long_with_ons_codes.csv': neighboursUrl,
  'datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv': deathsUrl,
  'datasets/fingertips_export_93495_common_mental_disorders_format_sample.csv': fingertipsUrl,
  'datasets/synthetic/prevalence.csv': prevalenceUrl,
  'datasets/synthetic/treatment.csv': treatmentUrl,
  'datasets/synthetic/cjs_treatment.csv': cjsUrl,
  'datasets/synthetic/continuity_of_care.csv': continuityUrl,
  'datasets/synthetic/deaths.csv': syntheticDeathsUrl,
} satisfies Record<DemoFilePath, string>;

/** In load order: the area list first, so the checks of later files can use it. */
export const DEMO_FILES = DEMO_FILE_LIST.map((f) => ({ url: URLS[f.path], name: f.name }));

async function fetchDemoFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`The demo file ${name} could not be read (${response.status}).`);
  return new File([await response.blob()], name, { type: 'text/csv' });
}

/** What the build made for the demo (tables, manifest, views), or null when it made nothing. */
async function importPrebuilt(): Promise<PrebuiltDemo | null> {
  try {
    return (await import('virtual:jsna-demo-tables')).default;
  } catch (e) {
    console.warn('The ready-made demo could not be read:', e);
    return null;
  }
}

/** The ready-made tables with their data, or null when this build has none or they fail. */
async function fetchPrebuilt(
  built: Promise<PrebuiltDemo | null>,
): Promise<{ demo: PrebuiltDemo; bytes: Uint8Array } | null> {
  try {
    const demo = await built;
    if (!demo) return null;
    const response = await fetch(demo.dataUrl);
    if (!response.ok) return null;
    return { demo, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (e) {
    console.warn('The ready-made demo tables could not be fetched:', e);
    return null;
  }
}

/**
 * A restored notebook replays its own mappings: only the ones the build used will do. The
 * first table the notebook maps otherwise, or null.
 */
function mappedItsOwnWay(manifest: DemoManifest): string | null {
  for (const f of manifest.files) {
    const saved = notebook.savedMapping(f.table);
    if (saved && stableJson(saved) !== stableJson(f.mapping.mapping)) return f.table;
  }
  return null;
}

/**
 * Imports the ready-made tables (fetched while the engine starts), then shows each file's load
 * and mapping as they were when built. False, with nothing added, when they cannot be used.
 */
function addPrebuilt(
  prebuilt: Promise<{ demo: PrebuiltDemo; bytes: Uint8Array } | null>,
  files: Promise<File | null>[],
): Promise<boolean> {
  return data.addPrebuilt(`the demo data (${DEMO_FILES.length} files)`, async (engine) => {
    const ready = await prebuilt;
    performance.mark?.('jsna:demo:fetched');
    if (!ready) throw new Error('This build has no ready-made demo tables.');
    const { manifest } = ready.demo;
    if (data.tables.length > 0) throw new Error('Tables were loaded meanwhile.');
    const ownMapping = mappedItsOwnWay(manifest);
    if (ownMapping) throw new Error(`The notebook maps ${ownMapping} its own way.`);
    const [, loadedFiles] = await Promise.all([
      importPrebuiltTables(engine, manifest, ready.bytes),
      Promise.all(files),
    ]);
    performance.mark?.('jsna:demo:imported');
    const out: { table: string; origin: TableOrigin; status: string }[] = [];
    const byTable = { ...mappings.byTable };
    for (const [i, f] of manifest.files.entries()) {
      const file = loadedFiles[i];
      if (!file) throw new Error(`${f.fileName} could not be fetched.`);
      out.push({
        table: f.table,
        status: f.status,
        origin: {
          fileName: f.fileName,
          fileSize: f.fileSize,
          notices: f.notices,
          columns: f.columns,
          file,
          fingerprint: f.fingerprint,
          textColumns: [],
        },
      });
      byTable[f.table] = f.mapping;
      if (f.mapping.status === 'applied' && f.mapping.mapping)
        notebook.setMapping(f.table, f.mapping.mapping);
    }
    mappings.byTable = byTable;
    // What the data panel lists (as listTables would read it: the app's own "__" tables hidden).
    const tables = manifest.tables
      .filter((t) => !t.name.startsWith('__'))
      .map((t) => ({ name: t.name, rows: t.rows, columns: t.columns }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { files: out, tables, environment: manifest.environment };
  });
}

/** Each file through the same path as a user's file (the fallback). */
async function addEachFile(
  fetched: Promise<File | null>[],
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<void> {
  await data.batch(async () => {
    for (const [i, f] of DEMO_FILES.entries()) {
      onProgress?.(i, DEMO_FILES.length, f.name);
      const file = await fetched[i];
      if (!file || data.tables.some((t) => t.fileName === f.name)) continue; // already loaded
      await data.addFile(file);
    }
  });
}

export async function loadDemo(
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<void> {
  // The engine starts while the files are fetched (all at once: they come from this app's own
  // server, or from the offline cache).
  void getEngine().catch(() => undefined);
  // The ready-made tables are the state after loading the demo into an empty database (with the
  // mappings recognition chose): otherwise the files load one by one.
  // `?demo=files` loads the files one by one even so (the benchmark compares the two paths).
  const filesAsked =
    typeof location !== 'undefined' && new URLSearchParams(location.search).get('demo') === 'files';
  const usePrebuilt = data.tables.length === 0 && !filesAsked;
  const built = usePrebuilt ? importPrebuilt() : null;
  const prebuilt = built ? fetchPrebuilt(built) : null;
  const fetched = DEMO_FILES.map((f) =>
    data.tables.some((t) => t.fileName === f.name)
      ? Promise.resolve(null)
      : fetchDemoFile(f.url, f.name).catch(() => null),
  );
  try {
    // The views as the build computed them, on screen while the engine starts and imports.
    if (built) showReadyMadeViews(await built);
    if (!prebuilt || !(await addPrebuilt(prebuilt, fetched)))
      await addEachFile(fetched, onProgress);
    onProgress?.(DEMO_FILES.length, DEMO_FILES.length, '');
    addDemoCells();
    await runDemoNotebook();
  } finally {
    notebook.dropUncheckedReadyMade();
  }
}

/** The demo's cells (once: a notebook that has them keeps its own) and its focal area. */
function addDemoCells(): void {
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
}

/**
 * When the notebook will be exactly the one the build computed the views for (a new notebook,
 * or one with only the demo's cells), adds the demo's cells now and shows those results.
 */
function showReadyMadeViews(demo: PrebuiltDemo | null): void {
  // Its own mappings would make other tables (the files then load one by one).
  if (!demo?.views || mappedItsOwnWay(demo.manifest)) return;
  const hasDemoCells = notebook.doc.cells.some((c) => c.kind === 'sql' && c.source === DEMO_SQL);
  const viewCells = (cells: readonly Cell[]): ViewCellInputs[] =>
    cells.flatMap((c) =>
      c.kind === 'view' ? [{ viewId: c.viewId, options: c.options, focalArea: c.focalArea }] : [],
    );
  const cells = [...viewCells(notebook.doc.cells), ...(hasDemoCells ? [] : demoViewCells())];
  const parameters = {
    ...notebook.doc.parameters,
    focalArea: notebook.doc.parameters.focalArea ?? DEMO_FOCAL_AREA,
  };
  const results = readyMadeFor(demo.views, cells, parameters);
  if (!results) return;
  addDemoCells();
  notebook.showReadyMade(results);
}

/**
 * Runs the notebook with its views first when its SQL only reads (the demo's own query): the
 * views need only the tables, which are there now. A notebook with SQL that may change a table
 * runs in order, as "Run all" does.
 */
async function runDemoNotebook(): Promise<void> {
  const sql = notebook.doc.cells.filter((c) => c.kind === 'sql');
  if (sql.some((c) => !onlyReads(c.source))) return notebook.runAll();
  // Ready-made results stay shown until the engine's own replace them.
  await notebook.runViews({ checkReadyMade: true });
  for (const c of sql) await notebook.run(c.id);
}
