/** Period labels to the canonical forms ("2021", "2019/20", "2019-21"), in SQL and TS. */
import { quoteLiteral } from '../engine/sql';
import { normalisePublishedPeriod, PUBLISHED_PERIOD_PATTERNS } from '../domain/periods';
import { trimmedSql } from './normaliseHelpers';

/**
 * "2021" stays; "2019/20", "2019/2020", "201920", "FY 2019/20" and "2019-20" (consecutive years)
 * -> financial year "2019/20"; "2019-21", "2019 - 2021", "2019 to 21" (a longer span) -> pooled
 * "2019-21". Anything else (quarters, months) is kept as it is.
 */
export function normalisePeriod(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  const l = s.toLowerCase().replace(/^(fy|financial year)\s*/, '');
  if (/^\d{4}$/.test(l)) return l;
  if (/^\d{6}$/.test(l) && Number(l.slice(4)) === (Number(l.slice(2, 4)) + 1) % 100)
    return `${l.slice(0, 4)}/${l.slice(4)}`;
  const fy = /^(\d{4})\s*\/\s*(\d{2}|\d{4})$/.exec(l);
  if (fy) return `${fy[1]}/${fy[2].slice(-2)}`;
  const span = /^(\d{4})\s*(?:-|–|to)\s*(\d{2}|\d{4})$/.exec(l);
  if (span) {
    const start = Number(span[1]);
    let end =
      span[2].length === 4 ? Number(span[2]) : Math.floor(start / 100) * 100 + Number(span[2]);
    if (end < start) end += 100; // "1999-00" ends in 2000
    const sep = end - start === 1 ? '/' : '-';
    return `${span[1]}${sep}${String(end).slice(-2)}`;
  }
  // Quarters, financial-year quarters and rolling twelve months (domain/periods.ts).
  return normalisePublishedPeriod(s) ?? s;
}

/** SQL twin of normalisePublishedPeriod, over the lower-cased label `l` (same patterns). */
function publishedPeriodWhensSql(l: string): string {
  const P = PUBLISHED_PERIOD_PATTERNS;
  const x = (pattern: string, group: number) =>
    `regexp_extract(${l}, ${quoteLiteral(pattern)}, ${group})`;
  const is = (pattern: string) => `regexp_matches(${l}, ${quoteLiteral(pattern)})`;
  const nextYear = (start: string, end: string) =>
    `(TRY_CAST(right(${end}, 2) AS INTEGER) = (TRY_CAST(${start} AS INTEGER) + 1) % 100)`;
  const months = `['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec']`;
  const qStart = `list_position(['jan','apr','jul','oct'], ${x(P.monthRange, 1)})`;
  const qEnd = `list_position(['mar','jun','sep','dec'], ${x(P.monthRange, 2)})`;
  const month = `list_position(${months}, ${x(P.rolling, 1)})`;
  return `
    WHEN ${is(P.quarterYear)} THEN ${x(P.quarterYear, 2)} || ' Q' || ${x(P.quarterYear, 1)}
    WHEN ${is(P.yearQuarter)} THEN ${x(P.yearQuarter, 1)} || ' Q' || ${x(P.yearQuarter, 2)}
    WHEN ${is(P.quarterFinancialYear)} AND ${nextYear(x(P.quarterFinancialYear, 2), x(P.quarterFinancialYear, 3))}
      THEN ${x(P.quarterFinancialYear, 2)} || '/' || right(${x(P.quarterFinancialYear, 3)}, 2) || ' Q' || ${x(P.quarterFinancialYear, 1)}
    WHEN ${is(P.financialYearQuarter)} AND ${nextYear(x(P.financialYearQuarter, 1), x(P.financialYearQuarter, 2))}
      THEN ${x(P.financialYearQuarter, 1)} || '/' || right(${x(P.financialYearQuarter, 2)}, 2) || ' Q' || ${x(P.financialYearQuarter, 3)}
    WHEN ${is(P.monthRange)} AND ${qStart} IS NOT NULL AND ${qStart} = ${qEnd}
      THEN ${x(P.monthRange, 3)} || ' Q' || CAST(${qStart} AS VARCHAR)
    WHEN ${is(P.rolling)} AND ${month} IS NOT NULL
      THEN '12 months to ' || ${x(P.rolling, 2)} || '-' || lpad(CAST(${month} AS VARCHAR), 2, '0')`;
}

export function normalisePeriodSql(expr: string): string {
  const l = `regexp_replace(lower(${trimmedSql(expr)}), '^(fy|financial year)\\s*', '')`;
  const fy = `'^(\\d{4})\\s*/\\s*(\\d{2}|\\d{4})$'`;
  const span = `'^(\\d{4})\\s*(?:-|–|to)\\s*(\\d{2}|\\d{4})$'`;
  const start = `CAST(regexp_extract(${l}, ${span}, 1) AS INTEGER)`;
  const endPart = `regexp_extract(${l}, ${span}, 2)`;
  const short = `((${start} // 100) * 100 + CAST(${endPart} AS INTEGER))`;
  const end = `(CASE WHEN length(${endPart}) = 4 THEN CAST(${endPart} AS INTEGER) WHEN ${short} < ${start} THEN ${short} + 100 ELSE ${short} END)`;
  return `(CASE
    WHEN regexp_matches(${l}, '^\\d{4}$') THEN ${l}
    WHEN regexp_matches(${l}, '^\\d{6}$') AND CAST(substr(${l}, 5, 2) AS INTEGER) = (CAST(substr(${l}, 3, 2) AS INTEGER) + 1) % 100
      THEN substr(${l}, 1, 4) || '/' || substr(${l}, 5, 2)
    WHEN regexp_matches(${l}, ${fy}) THEN regexp_extract(${l}, ${fy}, 1) || '/' || right(regexp_extract(${l}, ${fy}, 2), 2)
    WHEN regexp_matches(${l}, ${span})
      THEN regexp_extract(${l}, ${span}, 1) || (CASE WHEN ${end} - ${start} = 1 THEN '/' ELSE '-' END) || right(CAST(${end} AS VARCHAR), 2)
    ${publishedPeriodWhensSql(`lower(${trimmedSql(expr)})`)}
    ELSE ${trimmedSql(expr)} END)`;
}
