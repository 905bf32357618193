/**
 * The whole notebook as one self-contained HTML file laid out as a JSNA chapter draft:
 *
 *   title page (title, area, date, data sources and publishers)
 *   contents (linked)
 *   one section per view, SQL or chart cell, text cells in their place, each section in the
 *     order key finding → chart → short table → method note
 *   Appendix A: the full tables, each linked from its section
 *   About this report (last): disclosure rule, file checksums, provenance, app version
 *
 * Built as a string so it works in Node and the browser. `buildReport` writes the file (charts
 * as inline SVG); `buildWordHtml` writes the same content as an HTML fragment for the clipboard
 * (charts as PNG images with alt text, tables with border attributes), which pastes into Word.
 * Each part is its own module in report/: titlePage, cellSections and viewSection (with figure,
 * shortTable, keyFinding, syntheticLabel), appendix and about, numbered and linked by writer and
 * put together by body.
 *
 * Safety: the file loads nothing (inline CSS, no scripts, no external images or fonts) and
 * states a Content-Security-Policy that forbids scripts and fetches, so even markup that slipped
 * through could neither run nor call home. Everything that came from data files or cells is
 * escaped; markdown HTML and chart SVG are cleaned by DOMPurify and written out again under the
 * report's allow-list (sanitize.ts). The only links are to places inside the report.
 */
import { escapeHtml } from './html.ts';
import { REPORT_STYLES } from './reportStyles.ts';
import { datedFileName } from './fileName.ts';
import { reportBody } from './report/body.ts';
import type { ReportInput } from './report/types.ts';

export { escapeHtml } from './html.ts';
export {
  sanitizeHtml,
  safeHref,
  sanitizeSvg,
  setSanitizerWindow,
  type SanitizeSvgOptions,
} from './sanitize.ts';
export type { ReportColumn, ReportTable } from './reportTable.ts';
export type {
  ReportCell,
  ReportChart,
  ReportDataSource,
  ReportInput,
  ReportPng,
} from './report/types.ts';
export { reportTitle, UNTITLED_NOTEBOOK } from './report/titlePage.ts';
export { keyFinding, findingOf } from './report/keyFinding.ts';
export { publisherOf } from './report/publishers.ts';

/**
 * The report's policy: nothing may load or run. 'unsafe-inline' styles are needed for the one
 * inline stylesheet; data: images only in case a future chart embeds a raster.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Builds the report: one HTML document as a string. */
export function buildReport(input: ReportInput): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    // A constant with no double quotes: written as is, so it reads exactly as stated.
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    reportBody(input, 'file'),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The report as an HTML fragment for the clipboard ("Copy for Word"): the same headings, text
 * and tables, charts as PNG images with their description as alt text, tables with border
 * attributes. Word keeps headings as heading styles and tables as tables.
 */
export function buildWordHtml(input: ReportInput): string {
  return `<div class="jsna-report">\n${reportBody(input, 'word')}\n</div>`;
}

/** "cjs-needs-assessment-2026-11-25.html". */
export function reportFileName(title: string, date?: Date): string {
  return datedFileName(title, 'html', date);
}
