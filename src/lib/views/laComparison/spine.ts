/**
 * Spine chart data across indicators, pure, as Fingertips' area profiles compute it: for each
 * indicator the focal area has a value for, the range and quartiles of EVERY upper-tier
 * authority with a value in the data (not only the comparator group) and England at the centre
 * (src/lib/stats spineStats), and the focal area's position and significance. One row per
 * indicator: of two mirror-image indicators (met and unmet need: a + b = 100% everywhere) one
 * is shown and a note says which.
 */
import type { Row } from '../../engine/types';
import { ENGLAND, statsPolarity } from '../../domain';
import { fmt } from '../common';
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
  /** Mirror-image indicators left out, with the one shown instead. */
  mirrors: { left: string; shown: string }[];
  /** Indicators whose range covers fewer than half the upper-tier authorities in the area list. */
  partial: { name: string; authorities: number }[];
  /** Indicators with a spine row beyond the first SPINE_MAX_INDICATORS, not drawn. */
  capped: string[];
}

/** Values that add up to 100% with another indicator's for every authority both have (≥ 4). */
function mirrors(a: Map<string, number>, b: Map<string, number>): boolean {
  let common = 0;
  for (const [code, v] of a) {
    const w = b.get(code);
    if (w === undefined) continue;
    if (Math.abs(v + w - 100) > 0.1 + 1e-9) return false;
    common++;
  }
  return common >= 4;
}

export function spineData(
  slices: Slice[],
  rows: SourceRow[],
  focal: string,
  upperTier: ReadonlySet<string>,
): SpineData {
  const out: SpineData = {
    rows: [],
    table: [],
    skipped: [],
    mirrors: [],
    partial: [],
    capped: [],
  };
  const byId = groupById(rows);
  const kept: { slice: Slice; name: string; focalRow: SourceRow; values: Map<string, number> }[] =
    [];
  for (const slice of slices) {
    const here = byId.get(slice.id) ?? [];
    const focalRow = here.find((r) => r.area_code === focal)!;
    const las = localAuthorityCodes(
      upperTier,
      here.map((r) => r.area_code),
    );
    const values = new Map<string, number>();
    for (const r of here)
      if (las.has(r.area_code) && r.value !== null) values.set(r.area_code, r.value);
    const name = focalRow.indicator_name || slice.id;
    // A percentage that is 100% minus one already kept: show one, low-is-good (the gap) first.
    const twin = kept.find(
      (k) =>
        k.focalRow.unit === '%' &&
        focalRow.unit === '%' &&
        k.slice.period === slice.period &&
        mirrors(k.values, values),
    );
    if (twin) {
      if (focalRow.polarity === 'low_is_good' && twin.focalRow.polarity !== 'low_is_good') {
        out.mirrors.push({ left: twin.name, shown: name });
        kept.splice(kept.indexOf(twin), 1, { slice, name, focalRow, values });
      } else out.mirrors.push({ left: name, shown: twin.name });
      continue;
    }
    kept.push({ slice, name, focalRow, values });
  }
  for (const { slice, name, focalRow, values } of kept) {
    const eng = (byId.get(slice.id) ?? []).find((r) => r.area_code === ENGLAND);
    const stats = spineStats(
      [...values.values()],
      eng?.value ?? null,
      statsPolarity(focalRow.polarity),
    );
    if (!stats || focalRow.value === null) {
      out.skipped.push(name);
      continue;
    }
    if (out.rows.length >= SPINE_MAX_INDICATORS) {
      out.capped.push(name);
      continue;
    }
    if (upperTier.size > 0 && values.size < upperTier.size / 2)
      out.partial.push({ name, authorities: values.size });
    const sig = significanceLabel(compareRow(focalRow, eng?.value ?? null, focalRow.polarity));
    out.rows.push({
      indicator: `${name} (${slice.period})`,
      x_worst: stats.scaled.worst,
      x_q25: stats.scaled.worstQuartile,
      x_q75: stats.scaled.bestQuartile,
      x_best: stats.scaled.best,
      x_england: stats.scaled.benchmark,
      x_area: spinePosition(stats, focalRow.value),
      value: focalRow.value,
      england: stats.benchmark,
      significance: sig,
      value_text: fmt(focalRow.value),
      england_text: fmt(stats.benchmark),
    });
    out.table.push({
      indicator: name,
      period: slice.period,
      unit: focalRow.unit,
      polarity: POLARITY_WORDS[focalRow.polarity],
      value: focalRow.value,
      england: stats.benchmark,
      worst: stats.worst,
      p25: stats.p25,
      p75: stats.p75,
      best: stats.best,
      authorities: values.size,
      significance: sig,
    });
  }
  return out;
}

const POLARITY_WORDS: Record<SourceRow['polarity'], string> = {
  low_is_good: 'Low is good',
  high_is_good: 'High is good',
  none: 'No judgement (lowest on the left)',
};

function groupById(rows: SourceRow[]): Map<string, SourceRow[]> {
  const out = new Map<string, SourceRow[]>();
  for (const r of rows) {
    const list = out.get(r.indicator_id);
    if (list) list.push(r);
    else out.set(r.indicator_id, [r]);
  }
  return out;
}
