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
  type ApplyOptions,
  type ApplyOutcome,
  type ApplyResult,
} from './apply';
export { checkTable, describeAreaCode, type Finding, type Severity } from './checks';
export { sumLowerTierToUpperTier, summableTable, type SumResult } from './lowerTier';
export {
  deriveTreatment,
  deriveCjsTreatment,
  deriveDeaths,
  refreshDerived,
  derivedSourceId,
  substanceGroupSql,
  type DeriveResult,
  type DeathsOptions,
} from './derive';
export {
  insertWithProvenance,
  removeSource,
  renameSource,
  isSource,
  readProvenance,
  overrideNote,
  overridesFor,
  syntheticKeysFor,
  describeKeys,
  resolvePrecedence,
  dropProvenanceStores,
  SourceConflictError,
  PROVENANCE_PREFIX,
  type SourceRef,
  type Provenance,
  type Override,
  type TableSource,
  type RemoveResult,
} from './provenance';
export { removeLoadedSource, type RemovalSummary } from './removal';
