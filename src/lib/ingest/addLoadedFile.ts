/**
 * What happens to a file once it is loaded as a table, engine-only: recognising what it is,
 * adding its rows to the canonical tables the views read (with their provenance), and checking
 * them. The app (src/app/mapping.svelte.ts) runs these steps after every load and keeps its own
 * state around them; the demo's build (src/lib/demo/build.ts) runs the same steps in Node, so
 * the pre-built demo is what a load in the app makes.
 */
import type { Engine } from '../engine/types';
import { uniqueName } from './names';
import { rowsText } from '../format/numbers';
import { applyMappingWithUnpivot } from './unpivot';
import { checkTable, type Finding } from '../schema/checks';
import { knownFormatById } from '../schema/formats';
import type { ApplyResult } from '../schema/apply';
import type { ColumnMapping, TableProposal } from '../schema/mapping';
import { CONFIDENT, recogniseTable } from '../schema/recognise';
import type { CanonicalTableName } from '../schema/tables';

/** What the data panel says of a file that matches no canonical table. */
export const NOT_MATCHED =
  'Not matched to a table the prebuilt views read. SQL cells can use it as it is; map it to use it in the views.';

export interface LoadedFileProposal {
  proposal: TableProposal;
  /** The mapping to apply without asking (recognised with confidence, nothing required missing), or null. */
  confident: ColumnMapping | null;
  /** What the data panel says until the rows are added: the recognition's explanation. */
  message: string;
}

/** Recognises a loaded table; its rows are added without asking only when the match is sure. */
export async function proposeMapping(
  engine: Engine,
  table: string,
  fileName: string,
): Promise<LoadedFileProposal> {
  const proposal = await recogniseTable(engine, table, fileName);
  const sure =
    proposal.mapping && proposal.confidence >= CONFIDENT && proposal.missingRequired.length === 0;
  return {
    proposal,
    confident: sure ? proposal.mapping : null,
    message: proposal.canonical ? proposal.explanation : NOT_MATCHED,
  };
}

/** The canonical tables a mapping adds rows to. */
export function mappingProduces(mapping: ColumnMapping): CanonicalTableName[] {
  const format = mapping.knownFormat ? knownFormatById(mapping.knownFormat) : undefined;
  return format ? format.produces : [mapping.canonical];
}

/**
 * A file called deaths.csv loads as table "deaths": it keeps its rows under another name
 * ("deaths_file") so that the canonical table can take the name the views read. Returns the raw
 * table's name, renamed or not; `rename` renames it (the app's also updates its table list).
 */
export async function keepClearOfCanonical(
  table: string,
  mapping: ColumnMapping,
  existingNames: string[],
  rename: (from: string, to: string) => Promise<unknown>,
): Promise<string> {
  if (!mappingProduces(mapping).includes(table as CanonicalTableName)) return table;
  const raw = uniqueName(`${table}_file`, existingNames);
  await rename(table, raw);
  return raw;
}

/** A file's rows added to the canonical tables, with their checks still to run. */
export interface CanonicalRows {
  result: ApplyResult;
  produces: CanonicalTableName[];
  /** "Added 1,234 rows to deaths." */
  message: string;
  /**
   * The checks of the tables the rows went to, and the result with the notes counted after the
   * rows went in (old and retired area codes, first among the notes). They change nothing.
   */
  check(): Promise<{ findings: Finding[]; result: ApplyResult }>;
}

/**
 * Adds the raw table's rows to the canonical tables, in one transaction (on failure it throws
 * and nothing is added). Every row records the file it came from (provenance): the raw table
 * is the load's id. A wide table is unpivoted first (./unpivot.ts); the raw table stays as
 * loaded. Old and retired area codes are counted by `check`, after the rows are in: the views
 * do not need those notes.
 */
export async function addToCanonical(
  engine: Engine,
  raw: string,
  mapping: ColumnMapping,
  fileName: string,
): Promise<CanonicalRows> {
  const { areaNotes, ...result } = await applyMappingWithUnpivot(
    engine,
    raw,
    mapping,
    { id: raw, fileName },
    { areaNotesLater: true },
  );
  const produces = mappingProduces(mapping);
  const added = Object.entries(result.rowsAdded)
    .map(([t, n]) => `${rowsText(n ?? 0)} to ${t}`)
    .join(', ');
  return {
    result,
    produces,
    message: `Added ${added}.`,
    async check() {
      const notes = areaNotes ? await areaNotes() : [];
      const findings: Finding[] = [];
      for (const t of produces) findings.push(...(await checkTable(engine, t)));
      return {
        findings,
        result: notes.length ? { ...result, notes: [...notes, ...result.notes] } : result,
      };
    },
  };
}
