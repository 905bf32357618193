/**
 * Export and disclosure control (issue 6): pure functions, no DOM, usable in the browser and in
 * Node. Tables go through `applyDisclosure` (or `suppressIndicatorRows`) before `toCsv` or
 * `buildReport`, and every export states `describeRule(rule)`.
 */
export * from './disclosure.ts';
export * from './csv.ts';
export * from './report.ts';
export { fileSlug, datedFileName } from './fileName.ts';
export { formatDecimal, formatBytes } from '../format/numbers.ts';
export { formatDateTime } from '../format/dates.ts';
