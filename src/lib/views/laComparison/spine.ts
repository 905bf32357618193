/**
 * Spine chart data across indicators, pure: for each indicator the focal area has a value for,
 * the range of local authority values, their quartiles and England (src/lib/stats spineStats),
 * and the focal area's position and significance.
 */
import type { Row } from '../../engine/types';
import { ENGLAND, statsPolarity } from '../../domain';
import { significanceLabel, spinePosition, spineStats } from '../../stats';
import { compareRow, localAuthorityCodes, selectFromFocal } from './compute';
import type { SourceRow } from './rows';
import type { Slice } from './sql';

/** At most this many indicators on one spine chart. */
export const SPINE_MAX_INDICATORS = 40;

/** Each indicator's slice (breakdown and period) from the focal area's rows of it. */
export function spineSlices(
  ids: readonly string[],
  focalRows: SourceRow[],
  focal: string,
  wantedPeriod: string | null,
): Slice[] {
  const byId = groupById(focalRows);
  const out: Slice[] = [];
  for (const id of ids) {
    const s = selectFromFocal(byId.get(id) ?? [], focal, wantedPeriod);
    if (s) out.push({ id, sex: s.sex, age: s.age, period: s.period ?? '' });
  }
  return out;
}

export interface SpineData {
  /** Chart rows: positions already scaled (0..1), England at 0.5, worst on the left. */
  rows: Row[];
  /** The same in the indicators' units, for the table beside the chart. */
  table: Row[];
  /** Indicators left out (too few authorities or no England value). */
  skipped: string[];
}

export function spineData(
  slices: Slice[],
  rows: SourceRow[],
  focal: string,
  upperTier: ReadonlySet<string>,
): SpineData {
  const out: SpineData = { rows: [], table: [], skipped: [] };
  const byId = groupById(rows);
  for (const { id, period } of slices) {
    const here = byId.get(id) ?? [];
    const focalRow = here.find((r) => r.area_code === focal)!;
    const eng = here.find((r) => r.area_code === ENGLAND);
    const las = localAuthorityCodes(
      upperTier,
      here.map((r) => r.area_code),
    );
    const values = here.filter((r) => las.has(r.area_code)).map((r) => r.value);
    const name = focalRow.indicator_name || id;
    const stats = spineStats(values, eng?.value ?? null, statsPolarity(focalRow.polarity));
    if (!stats || focalRow.value === null) {
      out.skipped.push(name);
      continue;
    }
    const sig = significanceLabel(compareRow(focalRow, eng?.value ?? null, focalRow.polarity));
    out.rows.push({
      indicator: `${name} (${period})`,
      x_worst: stats.scaled.worst,
      x_q25: stats.scaled.worstQuartile,
      x_q75: stats.scaled.bestQuartile,
      x_best: stats.scaled.best,
      x_england: stats.scaled.benchmark,
      x_area: spinePosition(stats, focalRow.value),
      value: focalRow.value,
      england: stats.benchmark,
      significance: sig,
    });
    out.table.push({
      indicator: name,
      period,
      value: focalRow.value,
      england: stats.benchmark,
      worst: stats.worst,
      p25: stats.p25,
      p75: stats.p75,
      best: stats.best,
      significance: sig,
    });
  }
  return out;
}

function groupById(rows: SourceRow[]): Map<string, SourceRow[]> {
  const out = new Map<string, SourceRow[]>();
  for (const r of rows) {
    const list = out.get(r.indicator_id);
    if (list) list.push(r);
    else out.set(r.indicator_id, [r]);
  }
  return out;
}
