/**
 * Dates as whole UTC day numbers (days since 1970-01-01), so the generator can draw and compare
 * days with integer arithmetic and no time zone can shift a date.
 */
const DAY_MS = 86_400_000;

/** Day number of an ISO date ('2020-03-23'). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** ISO date ('2020-03-23') of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a day number (0 = Sunday … 6 = Saturday). */
export function weekday(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/** First calendar year of a financial-year label ('2019/20' → 2019). */
export function fyStart(period: string): number {
  return Number(period.slice(0, 4));
}
