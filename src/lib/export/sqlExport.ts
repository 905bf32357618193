/**
 * A SQL result leaving the app (CSV, the report, a chart cell's picture): its structure worked
 * out (sqlStructure.ts) or declared by the analyst, the rule applied with secondary suppression
 * over every total found, numbers computed from a hidden count hidden with it, then audited with
 * `findDisclosureLeaks`. A leak blocks the export; a structure that cannot be known is said so,
 * with rounding to 5 offered.
 */
import {
  DEFAULT_DISCLOSURE_RULE,
  applyDisclosure,
  findDisclosureLeaks,
  type DisclosureLeak,
  type DisclosureResult,
  type DisclosureRule,
} from './disclosure.ts';
import {
  detectSqlStructure,
  sqlDisclosureTable,
  type SqlColumn,
  type SqlDeclarations,
  type SqlStructure,
} from './sqlStructure.ts';
import { leakExplanation } from './viewExport.ts';

export interface DisclosedSqlResult {
  rows: Record<string, unknown>[];
  structure: SqlStructure;
  result: DisclosureResult;
  leaks: DisclosureLeak[];
  /** Set when a suppressed cell could still be worked out: the export must not happen. */
  blocked: string | null;
}

export function discloseSqlResult(
  rows: Record<string, unknown>[],
  columns: SqlColumn[],
  declarations: SqlDeclarations = {},
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
  caption = 'the SQL result',
): DisclosedSqlResult {
  const structure = detectSqlStructure(rows, columns, declarations);
  const table = sqlDisclosureTable(rows, structure);
  const result = applyDisclosure(table, rule);
  const exact = rule.roundTo === 0 ? result : applyDisclosure(table, { ...rule, roundTo: 0 });
  const leaks = findDisclosureLeaks({ ...table, rows: exact.rows });
  return {
    rows: result.rows,
    structure,
    result,
    leaks,
    blocked: leaks.length > 0 ? leakExplanation(caption, leaks) : null,
  };
}

/** The structure in sentences, for the export dialog and the CSV's notes. */
export function describeStructure(structure: SqlStructure): string[] {
  const lines: string[] = [];
  for (const t of structure.totalRows)
    lines.push(`Row ${t.row + 1} is a total of ${t.from.length} rows (${t.why}).`);
  for (const c of structure.totalColumns) lines.push(`Column ${c.key} ${c.why}.`);
  const derived = structure.columns.filter((c) => c.role === 'derived').map((c) => c.key);
  if (derived.length > 0)
    lines.push(`Hidden with any hidden count of their row: ${derived.join(', ')}.`);
  return lines;
}
