/**
 * Period labels as the canonical tables hold them ("2019-21" three-year pools, "2019/20" financial
 * years, "2021" calendar years, "2020 Q2" quarters): sorting, picking the latest, and the years a
 * label covers. Labels are shown as they are; only these functions interpret them.
 */

/**
 * Sort key of a period label of any form: where the period ends (months from year 0), then the
 * shorter first, so mixed forms interleave by time: "2019" (ends Dec 2019) < "2019/20" (Mar 2020)
 * < "2020 Q2" (Jun 2020) < "2020" < "2018-20" (both end Dec 2020; the shorter first). Accepts what
 * publishers write as well as the canonical labels: "2019 - 21", "2019-2021", "2019/2020",
 * "FY 2019/20", "Q2 2020", "Apr-Jun 2020", "Q2 2020/21", "12 months to June 2020". A label that
 * is no known period sorts by its first four-digit year, after every period ending that year.
 */
export function periodSortKey(period: string): number {
  // Sorting calls this for every comparison, and reading a label takes several regular
  // expressions: a data set has few distinct labels, so each is read once.
  let key = sortKeys.get(period);
  if (key === undefined) {
    if (sortKeys.size >= SORT_KEYS_KEPT) sortKeys.clear();
    key = readSortKey(period);
    sortKeys.set(period, key);
  }
  return key;
}

const SORT_KEYS_KEPT = 10_000;
const sortKeys = new Map<string, number>();

function readSortKey(period: string): number {
  const span = periodOrder(period);
  if (span) return span.end * 1000 + span.months;
  const m = /(\d{4})/.exec(period);
  return m ? (Number(m[1]) * 12 + 11) * 1000 + 999 : 0;
}

/**
 * A period label in the canonical spelling when it is one of the known forms, else null:
 * "2019 - 21" / "2019-2021" → "2019-21"; "2019/2020" / "FY 2019/20" / "201920" → "2019/20"; two
 * consecutive years with a dash ("2019-20") stay a two-year pool; quarters, financial-year
 * quarters and rolling twelve months as normalisePublishedPeriod. (schema/normalise.ts does the
 * same for loaded tables; this is the domain's own reading, for sorting and gaps.)
 */
export function canonicalPeriod(label: string): string | null {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^(fy|financial year)\s*/, '');
  if (/^\d{4}$/.test(l)) return l;
  if (/^\d{6}$/.test(l) && Number(l.slice(4)) === (Number(l.slice(2, 4)) + 1) % 100)
    return `${l.slice(0, 4)}/${l.slice(4)}`;
  const fy = /^(\d{4})\s*\/\s*(\d{2}|\d{4})$/.exec(l);
  if (fy && Number(fy[2].slice(-2)) === (Number(fy[1]) + 1) % 100)
    return `${fy[1]}/${fy[2].slice(-2)}`;
  const pool = /^(\d{4})\s*(?:-|–|to)\s*(\d{2}|\d{4})$/.exec(l);
  if (pool) {
    const start = Number(pool[1]);
    let end =
      pool[2].length === 4 ? Number(pool[2]) : Math.floor(start / 100) * 100 + Number(pool[2]);
    if (end < start) end += 100;
    return end === start ? String(start) : `${start}-${String(end).slice(-2)}`;
  }
  return normalisePublishedPeriod(label);
}

/** Where a period label of any known form ends and how many months it spans; null if none. */
export function periodOrder(label: string): { end: number; months: number } | null {
  const c = canonicalPeriod(label);
  return c ? periodSpan(c) : null;
}

/** Orders period labels of any form by time (periodSortKey), then by label. */
export function comparePeriods(a: string, b: string): number {
  return periodSortKey(a) - periodSortKey(b) || a.localeCompare(b);
}

export function sortPeriods(periods: string[]): string[] {
  return [...new Set(periods)].sort(comparePeriods);
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

// ---- breaks in a series -------------------------------------------------------------------------

/** A gap in a series of periods: none between `after` and `before`, though the cadence has some. */
export interface PeriodGap {
  after: string;
  before: string;
  /** The periods the cadence expects in between, in canonical spelling. */
  missing: string[];
  /** In words: "no 2020/21" or "the period changes from calendar years to financial years". */
  reason: string;
}

type PeriodKind = 'year' | 'financial-year' | 'quarter' | 'financial-quarter' | 'pool' | 'rolling';

function kindOf(canonical: string): PeriodKind | null {
  if (/^\d{4}$/.test(canonical)) return 'year';
  if (/^\d{4}\/\d{2}$/.test(canonical)) return 'financial-year';
  if (/^\d{4} Q[1-4]$/.test(canonical)) return 'quarter';
  if (/^\d{4}\/\d{2} Q[1-4]$/.test(canonical)) return 'financial-quarter';
  if (/^\d{4}-\d{2}$/.test(canonical)) return 'pool';
  if (/^12 months to \d{4}-\d{2}$/.test(canonical)) return 'rolling';
  return null;
}

const KIND_WORDS: Record<PeriodKind, string> = {
  year: 'calendar years',
  'financial-year': 'financial years',
  quarter: 'quarters',
  'financial-quarter': 'financial-year quarters',
  pool: 'pooled years',
  rolling: 'rolling twelve months',
};

/** The canonical label of a period of `kind` spanning `months` that ends at month `end`. */
function labelAt(kind: PeriodKind, end: number, months: number): string {
  const year = Math.floor(end / 12);
  const month = end % 12; // 0 = January
  const yy = (y: number) => String(y).slice(-2).padStart(2, '0');
  switch (kind) {
    case 'year':
      return String(year);
    case 'financial-year':
      return `${year - 1}/${yy(year)}`;
    case 'quarter':
      return `${year} Q${Math.floor(month / 3) + 1}`;
    case 'financial-quarter': {
      const fyStart = month >= 3 ? year : year - 1;
      const q = Math.floor(((month - 3 + 12) % 12) / 3) + 1;
      return `${fyStart}/${yy(fyStart + 1)} Q${q}`;
    }
    case 'pool':
      return `${year - months / 12 + 1}-${yy(year)}`;
    case 'rolling':
      return `12 months to ${year}-${String(month + 1).padStart(2, '0')}`;
  }
}

/**
 * Gaps in a series of period labels (any order, any known form): where the next period is later
 * than the series' cadence expects (years, financial years and quarters step by their own length;
 * pooled and rolling periods by the smallest step seen, so 2014-16, 2015-17, 2017-19 misses
 * 2016-18), and where the form of the period changes (a definition change the labels show).
 * Labels that are no known period are left out.
 */
export function periodGaps(periods: readonly string[]): PeriodGap[] {
  const known = sortPeriods([...periods])
    .map((label) => {
      const canonical = canonicalPeriod(label);
      const kind = canonical ? kindOf(canonical) : null;
      const span = canonical ? periodSpan(canonical) : null;
      return kind && span ? { label, kind, ...span } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const steps = new Map<string, number>();
  for (let i = 1; i < known.length; i++) {
    const [a, b] = [known[i - 1], known[i]];
    if (a.kind !== b.kind || a.months !== b.months) continue;
    const key = `${a.kind}:${a.months}`;
    const d = b.end - a.end;
    if (d > 0) steps.set(key, Math.min(steps.get(key) ?? d, d));
  }
  const gaps: PeriodGap[] = [];
  for (let i = 1; i < known.length; i++) {
    const [a, b] = [known[i - 1], known[i]];
    if (a.kind !== b.kind || a.months !== b.months) {
      gaps.push({
        after: a.label,
        before: b.label,
        missing: [],
        reason: `the period changes from ${KIND_WORDS[a.kind]}${a.kind === 'pool' ? ` (${a.months / 12})` : ''} to ${KIND_WORDS[b.kind]}${b.kind === 'pool' ? ` (${b.months / 12})` : ''}`,
      });
      continue;
    }
    const fixed = a.kind === 'pool' || a.kind === 'rolling' ? undefined : a.months;
    const step = fixed ?? steps.get(`${a.kind}:${a.months}`) ?? a.months;
    if (b.end - a.end <= step) continue;
    const missing: string[] = [];
    for (let e = a.end + step; e < b.end && missing.length < 50; e += step)
      missing.push(labelAt(a.kind, e, a.months));
    gaps.push({ after: a.label, before: b.label, missing, reason: `no ${missing.join(', ')}` });
  }
  return gaps;
}
