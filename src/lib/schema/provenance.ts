/**
 * Provenance: every canonical row knows the load it came from (`source_id`, `source_file`), so
 * removing a file removes exactly its rows, and two sources are never summed silently:
 *
 *  - Real rows replace synthetic rows with the same coverage value (tables.ts `coverage`: area and
 *    period for most aggregates), and newer synthetic rows replace older ones (training data made
 *    after the demo's, counts derived from synthetic records). The replaced rows are moved aside
 *    into `__superseded_<table>` (same columns plus `superseded_by`), not deleted, and come back
 *    when the file that replaced them is removed. The canonical tables stay tables with the names
 *    the views read: no view's SQL changes.
 *  - Two real sources for one coverage value are refused with both files named; nothing of the
 *    second is added.
 *
 * `__sources` registers each load: its file name and the mapping it went through.
 *
 * The work is split by job: provenanceStore.ts (the register and side tables), provenanceInsert.ts
 * (adding rows), precedence.ts (which source the views read), provenanceRemove.ts,
 * provenanceRead.ts and provenanceNotes.ts (reading it back, in words). This module is their one
 * entry point.
 */
export {
  PROVENANCE_PREFIX,
  SOURCES_TABLE,
  supersededTable,
  ensureProvenanceColumns,
  sourcesWithPrefix,
  isSource,
  dropProvenanceStores,
} from './provenanceStore';
export type { SourceRef } from './provenanceStore';
export { resolvePrecedence } from './precedence';
export { SourceConflictError, insertWithProvenance } from './provenanceInsert';
export type { InsertResult } from './provenanceInsert';
export { removeSource, removeSourceRows, renameSource } from './provenanceRemove';
export type { RemoveResult } from './provenanceRemove';
export { readProvenance } from './provenanceRead';
export type { TableSource, Override, Provenance } from './provenanceRead';
export { overrideNote, overridesFor, syntheticKeysFor, describeKeys } from './provenanceNotes';
