/**
 * Dates in the report: en-GB, in UTC so the stated "generated" time is the same wherever the
 * file is opened.
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "25 November 2026, 18:30 UTC". */
export function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown date';
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}
