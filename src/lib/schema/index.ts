/**
 * The schema library: canonical tables as data, recognising a loaded file, mapping it into the
 * canonical tables, checking them, and deriving aggregates from record-level tables.
 */
export * from './tables';
export * from './mapping';
export * from './normalise';
export { KNOWN_FORMATS, knownFormatById, matchKnownFormat, type KnownFormat } from './formats';
export { recogniseTable, CONFIDENT } from './recognise';
export {
  applyMapping,
  selectFromMapping,
  ensureTable,
  MappingError,
  type ApplyResult,
} from './apply';
export { checkTable, describeAreaCode, type Finding, type Severity } from './checks';
export { sumLowerTierToUpperTier, summableTable, type SumResult } from './lowerTier';
export {
  deriveTreatment,
  deriveCjsTreatment,
  deriveDeaths,
  substanceGroupSql,
  type DeriveResult,
  type DeathsOptions,
} from './derive';
