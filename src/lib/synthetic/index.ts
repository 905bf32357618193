/** Synthetic training data: generator, inputs helper and CSV output. Everything is SYNTHETIC. */
export { generateSyntheticData, type GenerateSyntheticOptions } from './generate';
export { cjsMismatchAreas } from './cjs';
export {
  SYNTHETIC_COLUMNS,
  SYNTHETIC_TABLE_NAMES,
  type Cell,
  type SyntheticTable,
  type SyntheticTableName,
  type SyntheticTables,
} from './tables';
export {
  areasFromLookupCsv,
  buildSyntheticInputs,
  canonicalAreasTable,
  canonicalPopulationTable,
  parseCsvRecords,
  populationForAreas,
  populationFromMyeCsv,
  LOOKUP_FILE,
  POPULATION_FILES,
  PREDECESSOR_LTLAS,
  type AreaType,
  type PopulationRow,
  type SyntheticArea,
} from './inputs';
export { tableToCsv } from './csv';
export { Rng, hashSeed, sfc32 } from './random';
