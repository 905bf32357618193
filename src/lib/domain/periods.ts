/**
 * Period labels as the canonical tables hold them ("2019-21" three-year pools, "2019/20" financial
 * years, "2021" calendar years, "2020 Q2" quarters): sorting, picking the latest, and the years a
 * label covers. Labels are shown as they are; only these functions interpret them.
 */

/** Sort key: "2019-21" → range end 2021; "2019/20" → 2019.5; "2020 Q2" → 2020 + quarter; "2021" → 2021. */
export function periodSortKey(period: string): number {
  const p = period.trim();
  let m = /^(\d{4})\s*[-–]\s*(\d{2,4})$/.exec(p);
  if (m) {
    const end = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    return end * 100 + 0;
  }
  m = /^(\d{4})\s*\/\s*(\d{2,4})$/.exec(p);
  if (m) return Number(m[1]) * 100 + 50;
  m = /^(\d{4})\s*(?:Q|q)\s*([1-4])/.exec(p) ?? /^(\d{4})\D+Q([1-4])/.exec(p);
  if (m) return Number(m[1]) * 100 + Number(m[2]) * 10;
  m = /^(\d{4})/.exec(p);
  if (m) return Number(m[1]) * 100 + 99;
  return 0;
}

export function sortPeriods(periods: string[]): string[] {
  return [...new Set(periods)].sort(
    (a, b) => periodSortKey(a) - periodSortKey(b) || a.localeCompare(b),
  );
}

/** The latest period not after `wanted` (when given and present), else the last one. */
export function pickPeriod(periods: string[], wanted: string | null | undefined): string | null {
  const sorted = sortPeriods(periods);
  if (sorted.length === 0) return null;
  if (wanted && sorted.includes(wanted)) return wanted;
  if (wanted) {
    const key = periodSortKey(wanted);
    const before = sorted.filter((p) => periodSortKey(p) <= key);
    if (before.length > 0) return before[before.length - 1];
  }
  return sorted[sorted.length - 1];
}

/** Years covered by a period label: "2019-21" → [2019, 2020, 2021]; "2019/20" → [2019]; "2021" → [2021]. */
export function periodYears(period: string): number[] {
  const p = period.trim();
  const m = /^(\d{4})\s*[-–]\s*(\d{2,4})$/.exec(p);
  if (m) {
    const start = Number(m[1]);
    const end = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    const out: number[] = [];
    for (let y = start; y <= end; y++) out.push(y);
    return out;
  }
  const y = /^(\d{4})/.exec(p);
  return y ? [Number(y[1])] : [];
}

/** "2019-21" for the three years ending in 2021. */
export function pooledLabel(endYear: number): string {
  return `${endYear - 2}-${String(endYear).slice(2)}`;
}
