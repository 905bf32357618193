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

// ---- periods as publishers write them ---------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** First month of each calendar quarter, and the last. */
const QUARTER_START = ['jan', 'apr', 'jul', 'oct'];
const QUARTER_END = ['mar', 'jun', 'sep', 'dec'];

/** The regular expressions shared with the SQL twin (schema/normalise.ts normalisePeriodSql). */
export const PUBLISHED_PERIOD_PATTERNS = {
  /** "quarter 2 2020", "q2 2020", "qtr 2 2020" */
  quarterYear: '^(?:quarter|qtr|q)\\s*([1-4])\\s*,?\\s*(\\d{4})$',
  /** "2020 q2", "2020q2", "2020 quarter 2" */
  yearQuarter: '^(\\d{4})\\s*(?:quarter|qtr|q)\\s*([1-4])$',
  /** "q2 2020/21", "quarter 2 2020-21" (a financial-year quarter) */
  quarterFinancialYear:
    '^(?:quarter|qtr|q)\\s*([1-4])\\s*,?\\s*(\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})$',
  /** "2020/21 q2" */
  financialYearQuarter: '^(\\d{4})\\s*/\\s*(\\d{2}|\\d{4})\\s*(?:quarter|qtr|q)\\s*([1-4])$',
  /** "apr-jun 2020", "april to june 2020", "apr–jun 2020" */
  monthRange: '^([a-z]{3})[a-z]*\\.?\\s*(?:-|–|to)\\s*([a-z]{3})[a-z]*\\.?\\s*(\\d{4})$',
  /** "12 months to june 2020", "rolling 12 months ending jun 2020", "year to june 2020" */
  rolling:
    '^(?:rolling\\s+)?(?:(?:12|twelve)\\s*months?|year)\\s*(?:to|ending)\\s*([a-z]{3})[a-z]*\\.?\\s*(\\d{4})$',
} as const;

/**
 * A period label as a publisher wrote it, in the canonical spelling, or null when it is not one
 * of these: quarters "2020 Q2" (from "Quarter 2 2020", "Q2 2020", "2020Q2", "Apr–Jun 2020");
 * financial-year quarters "2020/21 Q2" (from "Q2 2020/21"); rolling twelve months
 * "12 months to 2020-06" (from "12 months to June 2020", "Year to Jun 2020"). Calendar years,
 * financial years and 3-year pools are normalised by schema/normalise.ts normalisePeriod.
 */
export function normalisePublishedPeriod(label: string): string | null {
  const l = label.trim().toLowerCase();
  const P = PUBLISHED_PERIOD_PATTERNS;
  let m = new RegExp(P.quarterYear).exec(l);
  if (m) return `${m[2]} Q${m[1]}`;
  m = new RegExp(P.yearQuarter).exec(l);
  if (m) return `${m[1]} Q${m[2]}`;
  m = new RegExp(P.quarterFinancialYear).exec(l);
  if (m && Number(m[3].slice(-2)) === (Number(m[2]) + 1) % 100)
    return `${m[2]}/${m[3].slice(-2)} Q${m[1]}`;
  m = new RegExp(P.financialYearQuarter).exec(l);
  if (m && Number(m[2].slice(-2)) === (Number(m[1]) + 1) % 100)
    return `${m[1]}/${m[2].slice(-2)} Q${m[3]}`;
  m = new RegExp(P.monthRange).exec(l);
  if (m) {
    const q = QUARTER_START.indexOf(m[1]);
    if (q >= 0 && QUARTER_END[q] === m[2]) return `${m[3]} Q${q + 1}`;
  }
  m = new RegExp(P.rolling).exec(l);
  if (m && MONTHS.includes(m[1]))
    return `12 months to ${m[2]}-${String(MONTHS.indexOf(m[1]) + 1).padStart(2, '0')}`;
  return null;
}

/**
 * Where a canonical period label ends and how many months it spans (months counted from year 0),
 * for sorting and comparing labels of different kinds: "2020 Q2" ends June 2020 (3 months);
 * "2020/21 Q2" ends September 2020; "2019/20" ends March 2020 (12); "2019-21" ends December 2021
 * (36); "12 months to 2020-06" ends June 2020 (12); "2021" ends December 2021 (12).
 */
export function periodSpan(label: string): { end: number; months: number } | null {
  const p = label.trim();
  let m = /^(\d{4}) Q([1-4])$/.exec(p);
  if (m) return { end: Number(m[1]) * 12 + Number(m[2]) * 3 - 1, months: 3 };
  m = /^(\d{4})\/(\d{2}) Q([1-4])$/.exec(p);
  if (m) return { end: Number(m[1]) * 12 + 3 + Number(m[3]) * 3 - 1, months: 3 };
  m = /^12 months to (\d{4})-(\d{2})$/.exec(p);
  if (m) return { end: Number(m[1]) * 12 + Number(m[2]) - 1, months: 12 };
  m = /^(\d{4})\/(\d{2})$/.exec(p);
  if (m) return { end: (Number(m[1]) + 1) * 12 + 2, months: 12 };
  m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) {
    const start = Number(m[1]);
    let end = Math.floor(start / 100) * 100 + Number(m[2]);
    if (end < start) end += 100;
    return { end: end * 12 + 11, months: (end - start + 1) * 12 };
  }
  m = /^(\d{4})$/.exec(p);
  if (m) return { end: Number(m[1]) * 12 + 11, months: 12 };
  return null;
}

/** Orders canonical period labels of any kind by where they end, then the shorter first. */
export function comparePublishedPeriods(a: string, b: string): number {
  const x = periodSpan(a);
  const y = periodSpan(b);
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  return x.end - y.end || x.months - y.months || a.localeCompare(b);
}
