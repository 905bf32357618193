/**
 * "Generate training data": the same seeded generator as `npm run generate`, run in the browser
 * on the real area lookup and populations the app ships, each table then loaded like a user's
 * file (so it is recognised, mapped and checked). Everything it makes is labelled SYNTHETIC.
 */
import lookupUrl from '../../datasets/derived_england_ltla_utla_region_lookup_2023plus.csv?url';
import mye2019Url from '../../datasets/ons_mye2019_england_la_sex_5yr_band_long.csv?url';
import mye2020Url from '../../datasets/ons_mye2020_england_la_sex_5yr_band_long.csv?url';
import mye2021Url from '../../datasets/ons_mye2021_england_la_sex_5yr_band_long.csv?url';
import {
  buildSyntheticInputs,
  generateSyntheticData,
  SYNTHETIC_TABLE_NAMES,
  tableToCsv,
} from '../lib/synthetic';
import { data } from './data.svelte';

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`A reference file could not be read (${response.status}).`);
  return response.text();
}

export async function generateTrainingData(
  seed: number,
  focalArea: string,
  onProgress: (message: string) => void,
): Promise<void> {
  onProgress('Reading the area lookup and population estimates…');
  const [lookupCsv, ...populationCsvs] = await Promise.all(
    [lookupUrl, mye2019Url, mye2020Url, mye2021Url].map(text),
  );
  const { areas, population } = buildSyntheticInputs({ lookupCsv, populationCsvs });
  if (!areas.some((a) => a.code === focalArea && a.type === 'UTLA'))
    throw new Error(`${focalArea} is not an upper-tier local authority in the area lookup.`);
  onProgress(
    `Generating data for ${areas.filter((a) => a.type === 'UTLA').length} local authorities (seed ${seed})…`,
  );
  const tables = generateSyntheticData({ seed, areas, population, focalArea });
  for (const [i, name] of SYNTHETIC_TABLE_NAMES.entries()) {
    onProgress(`Loading table ${i + 1} of ${SYNTHETIC_TABLE_NAMES.length}: ${name}…`);
    const file = new File([tableToCsv(tables[name])], `SYNTHETIC_${name}_seed${seed}.csv`, {
      type: 'text/csv',
    });
    await data.addFile(file);
  }
  onProgress(
    `Generated SYNTHETIC training data with seed ${seed}: ${SYNTHETIC_TABLE_NAMES.join(', ')}.`,
  );
}
