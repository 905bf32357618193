/**
 * CJS-referred treatment for area groups (partnership footprints): each substance-group cell, all
 * adults in treatment and the adult population summed over the members; the share (Wilson) and the
 * rate per 100,000 adults (exact/Byar's) are then recomputed from the sums by ./compute.ts as for
 * any area. A member with a missing or suppressed cell makes every cell of the group "not
 * calculated" (a total over some substance groups would be a different measure), naming it.
 */
import type { AreaGroup } from '../../domain/areas';
import { num, str } from '../common';
import type { CjsCells } from './totals';

type Name = (code: string) => string;

/** The cells with the groups' summed cells added, and a note for each group not calculated. */
export function withGroupCells(
  cells: CjsCells,
  groups: readonly AreaGroup[],
  name: Name,
): { cells: CjsCells; notes: string[] } {
  if (groups.length === 0) return { cells, notes: [] };
  const notes: string[] = [];
  const sums = new Map<string, Map<string, number> | null>();
  for (const g of groups) {
    const missing: string[] = [];
    const suppressed: string[] = [];
    const byGroup = new Map<string, number>();
    for (const m of g.members) {
      for (const s of cells.groups) {
        const row = cells.groupCells.find(
          (x) => str(x.area_code) === m && str(x.substance_group) === s.id,
        );
        const v = row ? num(row.count) : null;
        if (!row) {
          if (!missing.includes(m)) missing.push(m);
        } else if (v === null) {
          if (!suppressed.includes(m)) suppressed.push(m);
        } else byGroup.set(s.id, (byGroup.get(s.id) ?? 0) + v);
      }
    }
    const parts = [
      missing.length > 0 ? `no data for ${missing.map(name).join(', ')}` : '',
      suppressed.length > 0 ? `suppressed or missing for ${suppressed.map(name).join(', ')}` : '',
    ].filter(Boolean);
    if (parts.length > 0) {
      sums.set(g.code, null);
      notes.push(`${g.name}: not calculated for the group: ${parts.join('; ')}.`);
    } else sums.set(g.code, byGroup);
  }
  return {
    cells: {
      ...cells,
      tableAreas: [...cells.tableAreas, ...groups.map((g) => g.code)],
      cell(area, group) {
        if (!sums.has(area)) return cells.cell(area, group);
        return sums.get(area)?.get(group) ?? null;
      },
    },
    notes,
  };
}

/** A map by area with each group's value summed from its members' (only when all have one). */
export function withGroupSums(
  byArea: ReadonlyMap<string, number>,
  groups: readonly AreaGroup[],
): Map<string, number> {
  const out = new Map(byArea);
  for (const g of groups)
    if (g.members.every((m) => byArea.has(m)))
      out.set(
        g.code,
        g.members.reduce((s, m) => s + (byArea.get(m) as number), 0),
      );
  return out;
}

/** How a group's CJS figures were made, for the view's notes. */
export function groupCjsNote(group: AreaGroup, name: Name): string {
  return `${group.name} (group of ${group.members.length}: ${group.members.map(name).join(', ')}): substance-group counts, all adults in treatment and adults 18+ summed over its members; share of all in treatment (Wilson 95% CI) and rate per 100,000 adults (exact or Byar's 95% CI) recomputed from the sums. Continuity of care: people released with a treatment need and those engaged within 3 weeks summed over its members, the percentage recomputed (Wilson 95% CI); not calculated when a member has no row or a suppressed count.`;
}
