/**
 * Treatment outcomes for an area group (a partnership footprint). From aggregate counts the
 * group's counts are its members' summed (sources.ts; a member without rows makes the group's
 * figures not calculated); from episodes they are counted over the members' episodes together,
 * so a client of two members counts once. The proportions and their Wilson intervals are then
 * worked out from the group's counts, never averaged from the members' rates.
 *
 * Every table showing the group's figures declares its rows as the members' sum (../sourceSums.ts),
 * so disclosure control shows a group's cell only when every member's would be shown: otherwise a
 * reader holding this export and another with all members but one could subtract.
 */
import type { AreaGroup } from '../../domain/areas';
import { withGroupSourceSums } from '../sourceSums';
import type { ViewTable } from '../types';

type SourceRow = Record<string, unknown>;

/**
 * The group's table with each row declared as the sum of the same row (matched on `key`: the
 * measure, period or age band) in each member's own table, built by the same function.
 */
export function withMemberRows(
  table: ViewTable,
  group: AreaGroup,
  key: string,
  memberTable: (code: string) => ViewTable | null,
): ViewTable {
  const tables = new Map(group.members.map((m) => [m, memberTable(m)]));
  return withGroupSourceSums(
    ofArea(table, group.code),
    [group],
    (code: string, row: SourceRow) =>
      tables.get(code)?.rows.find((r: SourceRow) => r[key] === row[key]) ?? noneOf(row),
  );
}

/**
 * A member's row where it has none: nobody. The group's row exists only where every member
 * counts (aggregate counts) or where the members' episodes give one, so a member without the
 * row had no one in it; declared as zeros, the group's cell is still decided from the members
 * who did (otherwise the group minus the others would give a hidden member's count back).
 */
function noneOf(row: SourceRow): SourceRow {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? 0 : v]),
  );
}

/**
 * The focal area's table with each row saying which area it is (not shown): the declaration
 * above finds a group's rows by it, and a reader comparing exports knows it anyway.
 */
export function ofArea(table: ViewTable, code: string): ViewTable {
  return { ...table, rows: table.rows.map((r) => ({ ...r, area_code: code })) };
}

/** How the group's outcomes were made, for the view's notes. */
export function groupOutcomesNote(
  group: AreaGroup,
  name: (code: string) => string,
  source: 'records' | 'aggregate',
): string {
  const made =
    source === 'records'
      ? "counted from the members' treatment episodes together (a client with episodes in two members counts once, as one person in treatment)"
      : "its members' counts in the treatment_outcomes table added (a member without rows for a period or substance group leaves the group's figure for it not calculated)";
  return `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')}): ${made}; the percentages and their Wilson 95% intervals are worked out from the group's counts, never averaged from the members' rates. Exports show a group's count only where every member's would be shown.`;
}
