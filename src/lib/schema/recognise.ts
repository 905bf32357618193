/**
 * Proposes which canonical table a freshly loaded raw table is, and how its columns map.
 * Three tiers, most certain first: a known published format (exact header signature, its own
 * transform), a file whose headers already are canonical names, and otherwise a best guess from
 * header synonyms and the look of a sample of values, which the analyst confirms.
 */
import type { Engine, Row } from '../engine/types';
import { quoteIdent } from '../engine/sql';
import { matchKnownFormat } from './formats';
import type { ColumnMapping, ColumnSource, TableProposal } from './mapping';
import {
  normaliseAgeBand,
  normaliseMeasure,
  normalisePeriod,
  normaliseSex,
  normaliseSubstanceGroup,
  recodeArea,
} from './normalise';
import {
  CANONICAL_TABLES,
  headerKey,
  type CanonicalColumn,
  type CanonicalTable,
  type CanonicalTableName,
} from './tables';

/** Columns a canonical-format file may carry besides the canonical ones, without doubt. */
const HARMLESS_EXTRA_COLUMNS = new Set(['synthetic']);
const SAMPLE_ROWS = 200;
/** Share of sampled values that must fit a column's pattern for the column to be guessed by value. */
const PATTERN_SHARE = 0.8;
/** Below this the UI should ask the analyst to confirm or correct the mapping. */
export const CONFIDENT = 0.75;

export async function rawColumns(engine: Engine, table: string): Promise<string[]> {
  return (await rawColumnTypes(engine, table)).map((c) => c.name);
}

export async function rawColumnTypes(
  engine: Engine,
  table: string,
): Promise<{ name: string; type: string }[]> {
  const r = await engine.query(`DESCRIBE ${quoteIdent(table)}`);
  return r
    .toRows()
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

export async function recogniseTable(
  engine: Engine,
  rawTableName: string,
  fileName: string,
): Promise<TableProposal> {
  const columns = await rawColumns(engine, rawTableName);

  const format = matchKnownFormat(columns);
  if (format) {
    const used = new Set(format.headers.map(headerKey));
    return {
      canonical: format.produces[0],
      confidence: 1,
      mapping: { version: 1, canonical: format.produces[0], columns: {}, knownFormat: format.id },
      unmapped: columns.filter((c) => !used.has(headerKey(c))),
      missingRequired: [],
      knownFormat: format.id,
      produces: [...format.produces],
      explanation: `${fileName}: recognised as "${format.title}". ${format.explanation}`,
    };
  }

  const exact = canonicalHeaderMatch(columns);
  if (exact) return exact.proposal(fileName);

  const sample = (
    await engine.query(`SELECT * FROM ${quoteIdent(rawTableName)} LIMIT ${SAMPLE_ROWS}`)
  ).toRows();
  const guesses = CANONICAL_TABLES.map((t) => guessMapping(t, columns, sample, fileName));
  guesses.sort((a, b) => b.score - a.score);
  const best = guesses[0];
  if (!best || best.requiredShare < 0.5) {
    return {
      canonical: null,
      confidence: 0,
      mapping: null,
      unmapped: columns,
      missingRequired: [],
      produces: [],
      explanation: `${fileName}: its columns (${columns.join(', ')}) do not look like any of the canonical tables. It stays loaded as a table you can query; map it by hand to use it in the prebuilt views.`,
    };
  }
  return best.toProposal();
}

/**
 * The best mapping of a raw table onto one chosen canonical table (the CLI's --as, the dialog's
 * choice of table): header synonyms, then values, then defaults, as for the best guess.
 */
export async function proposeMappingFor(
  engine: Engine,
  rawTableName: string,
  fileName: string,
  canonical: CanonicalTableName,
): Promise<TableProposal> {
  const columns = await rawColumns(engine, rawTableName);
  const sample = (
    await engine.query(`SELECT * FROM ${quoteIdent(rawTableName)} LIMIT ${SAMPLE_ROWS}`)
  ).toRows();
  const table = CANONICAL_TABLES.find((t) => t.name === canonical);
  if (!table) throw new Error(`"${canonical}" is not a canonical table.`);
  return guessMapping(table, columns, sample, fileName).toProposal();
}

// ---- canonical headers --------------------------------------------------------------------

function canonicalHeaderMatch(
  columns: string[],
): { proposal: (fileName: string) => TableProposal } | undefined {
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const candidates = CANONICAL_TABLES.filter((t) =>
    t.columns.filter((c) => c.required).every((c) => lower.has(c.name)),
  ).map((t) => ({ t, hits: t.columns.filter((c) => lower.has(c.name)).length }));
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.hits - a.hits);
  const { t } = candidates[0];
  const names = new Set(t.columns.map((c) => c.name));
  const extras = columns.filter((c) => !names.has(c.toLowerCase()));
  const doubtful = extras.filter((c) => !HARMLESS_EXTRA_COLUMNS.has(c.toLowerCase()));
  if (doubtful.length > 0) return undefined; // not clean enough: let the synonym pass explain
  const mapping: ColumnMapping = { version: 1, canonical: t.name, columns: {} };
  for (const c of t.columns) {
    const raw = lower.get(c.name);
    if (raw !== undefined) mapping.columns[c.name] = { column: raw };
    else if (c.default !== undefined) mapping.columns[c.name] = { constant: c.default };
  }
  return {
    proposal: (fileName) => ({
      canonical: t.name,
      confidence: 1,
      mapping,
      unmapped: extras,
      missingRequired: [],
      knownFormat: 'canonical-columns',
      produces: [t.name],
      explanation:
        `${fileName}: its column names are already those of the canonical "${t.name}" table (${t.description}) — loaded as it is, with values put into the standard spelling.` +
        (extras.length > 0
          ? ` Column${extras.length > 1 ? 's' : ''} ${extras.join(', ')} ${extras.length > 1 ? 'are' : 'is'} not part of the table and left out.`
          : ''),
    }),
  };
}

// ---- the best guess from synonyms and values ---------------------------------------------------

interface Guess {
  table: CanonicalTable;
  score: number;
  requiredShare: number;
  toProposal(): TableProposal;
}

/** Words in a file name that point at a table (a tie-breaker, never enough on their own). */
const FILE_NAME_HINTS: Partial<Record<CanonicalTableName, RegExp>> = {
  deaths: /death|drd|mortality/i,
  population: /pop|mye/i,
  // "cjs_treatment.csv" is about CJS, not all treatment.
  treatment: /^(?!.*(cjs|criminal|justice)).*(treatment|ndtms)/i,
  prevalence: /prevalence|ocu|estimate/i,
  cjs_treatment: /cjs|criminal|justice/i,
  continuity_of_care: /continuity|prison|release/i,
  treatment_episodes: /episode|client|case/i,
  death_records: /record|surveillance|review/i,
  standard_population: /esp|standard/i,
  comparator_groups: /neighbour|comparator|cipfa/i,
  areas: /lookup|areas|geograph/i,
  indicators: /indicator|fingertips/i,
};

function guessMapping(
  table: CanonicalTable,
  columns: string[],
  sample: Row[],
  fileName: string,
): Guess {
  const taken = new Set<string>();
  const mapping: ColumnMapping = { version: 1, canonical: table.name, columns: {} };
  const how: string[] = [];

  // 1. Header synonyms, canonical column order: the first synonym that names a free raw column.
  for (const c of table.columns) {
    const raw = findBySynonym(c, columns, taken);
    if (raw !== undefined) {
      taken.add(raw);
      mapping.columns[c.name] = { column: raw };
      how.push(raw === c.name ? '' : `${c.name} ← "${raw}"`);
    }
  }
  // 2. Values: a required column still unfilled takes a free raw column whose values fit it.
  for (const c of table.columns) {
    if (mapping.columns[c.name] || !c.valuePattern) continue;
    const raw = columns.find((r) => !taken.has(r) && valuesFit(c, sample, r));
    if (raw !== undefined) {
      taken.add(raw);
      mapping.columns[c.name] = { column: raw };
      how.push(`${c.name} ← "${raw}" (its values look like ${c.name.replaceAll('_', ' ')})`);
    }
  }
  // 3. Defaults for the rest ("All ages", "Persons"), said out loud.
  for (const c of table.columns) {
    if (mapping.columns[c.name] || c.default === undefined) continue;
    mapping.columns[c.name] = { constant: c.default } satisfies ColumnSource;
    if (c.default !== '')
      how.push(`${c.name} = "${String(c.default)}" for every row (the file has no such column)`);
  }

  const required = table.columns.filter((c) => c.required);
  const missingRequired = required.filter((c) => !mapping.columns[c.name]).map((c) => c.name);
  const requiredShare =
    required.length === 0 ? 0 : (required.length - missingRequired.length) / required.length;
  const usedShare = columns.length === 0 ? 0 : taken.size / columns.length;
  const hint = FILE_NAME_HINTS[table.name]?.test(fileName) ? 0.05 : 0;
  const confidence = Math.min(1, Math.round((0.7 * requiredShare + 0.3 * usedShare) * 100) / 100);
  // Headers spelled exactly as canonical names are a stronger sign than synonyms.
  const exactNames = table.columns.filter((c) =>
    columns.some((r) => r.toLowerCase() === c.name),
  ).length;
  const score = confidence + hint + 0.01 * exactNames;
  const unmapped = columns.filter((c) => !taken.has(c));

  return {
    table,
    score,
    requiredShare,
    toProposal: () => ({
      canonical: table.name,
      confidence,
      mapping,
      unmapped,
      missingRequired,
      produces: [table.name],
      explanation: explain(
        fileName,
        table,
        how.filter(Boolean),
        missingRequired,
        unmapped,
        confidence,
      ),
    }),
  };
}

function findBySynonym(
  c: CanonicalColumn,
  columns: string[],
  taken: Set<string>,
): string | undefined {
  for (const s of c.synonyms) {
    const raw = columns.find((r) => !taken.has(r) && headerKey(r) === headerKey(s));
    if (raw !== undefined) return raw;
  }
  return undefined;
}

/** Normalises a sampled value the way the loader will, so the pattern sees canonical spellings. */
function normaliseForPattern(c: CanonicalColumn, v: unknown): string | null {
  if (v == null) return null;
  const s = String(v);
  switch (c.kind) {
    case 'area_code':
      return recodeArea(s);
    case 'sex':
      return normaliseSex(s);
    case 'age_band':
      return normaliseAgeBand(s);
    case 'period':
      return normalisePeriod(s);
    case 'substance_group':
      return normaliseSubstanceGroup(s);
    case 'measure':
      return normaliseMeasure(s);
    default:
      return s.trim();
  }
}

function valuesFit(c: CanonicalColumn, sample: Row[], raw: string): boolean {
  const values = sample
    .map((r) => normaliseForPattern(c, r[raw]))
    .filter((v): v is string => v !== null);
  if (values.length === 0 || !c.valuePattern) return false;
  const fit = values.filter((v) => c.valuePattern!.test(v)).length;
  return fit / values.length >= PATTERN_SHARE;
}

function explain(
  fileName: string,
  table: CanonicalTable,
  how: string[],
  missingRequired: string[],
  unmapped: string[],
  confidence: number,
): string {
  const parts = [
    `${fileName} looks like the "${table.name}" table (${table.description.replace(/\.$/, '')}); ${Math.round(confidence * 100)}% sure.`,
  ];
  if (how.length > 0) parts.push(`Columns: ${how.join('; ')}.`);
  if (missingRequired.length > 0)
    parts.push(
      `Nothing in the file gives ${missingRequired.join(', ')}: choose a column or type a value for ${missingRequired.length > 1 ? 'them' : 'it'}.`,
    );
  if (unmapped.length > 0) parts.push(`Not used: ${unmapped.join(', ')}.`);
  if (confidence < CONFIDENT) parts.push('Please check this before loading.');
  return parts.join(' ');
}
