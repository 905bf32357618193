/**
 * The report's only stylesheet, inlined (the report loads nothing). Plain and printable: A4
 * pages, black text, each section from a new page, tables that fit the page width (smaller type,
 * long words wrapped, no fixed widths), charts no wider than the page, table headers repeated on
 * each printed page, nothing hidden in print.
 */
export const REPORT_STYLES = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5;
  color: #0b0c0c; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.title-page { margin-bottom: 2rem; }
.title-page .area, .title-page .date { font-size: 1.15rem; margin: 0.25rem 0; }
.sources { padding-left: 1.25rem; }
.sources .file { font-family: ui-monospace, Consolas, "Courier New", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.contents ul { list-style: none; padding-left: 0; }
.contents li { margin: 0.25rem 0; }
.section { margin: 2.5rem 0; }
.subject { color: #505a5f; margin-top: -0.25rem; }
.finding { font-size: 1.1rem; border-left: 5px solid #1d70b8; padding: 0.25rem 0 0.25rem 0.75rem; }
.method { margin-top: 1rem; }
.method h3 { font-size: 1.05rem; }
.method-note, .notes { font-size: 0.95rem; }
.more-tables { font-size: 0.95rem; }
pre { background: #f3f2f1; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
code { font-family: ui-monospace, Consolas, "Courier New", monospace; font-size: 0.9em; }
.hash { word-break: break-all; }
.table-wrap { overflow-x: auto; margin: 1rem 0; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
th, td { border: 1px solid #b1b4b6; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #f3f2f1; }
.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
.table-note { font-size: 0.9rem; color: #505a5f; margin: 0.25rem 0; }
.figure { margin: 1.5rem 0; }
.chart svg, .chart img, img { max-width: 100%; height: auto; }
figcaption p { margin: 0.25rem 0; }
.synthetic { border: 3px solid #d4351c; padding: 0.5rem 0.75rem; font-weight: 400; }
.synthetic strong, .tag { color: #d4351c; letter-spacing: 0.05em; }
.missing { font-style: italic; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; color: #000; background: #fff; font-size: 10.5pt; }
  .meta, .table-note, .subject, pre { color: #000; }
  pre { background: none; border: 1px solid #000; }
  thead th { background: none; }
  th, td { border-color: #000; padding: 1.5pt 3pt; }
  .table-wrap { overflow: visible; }
  table { width: 100%; font-size: 8pt; }
  table.wide { table-layout: fixed; font-size: 6.5pt; }
  table.wide th, table.wide td { padding: 1pt 1.5pt; overflow-wrap: anywhere; }
  table.wide td.num { overflow-wrap: normal; }
  table.wide thead th:first-child { width: 14%; }
  thead { display: table-header-group; }
  .contents, .section { break-before: page; page-break-before: always; }
  .section.continues { break-before: auto; page-break-before: auto; }
  tr, figure, .figure, pre, .synthetic, .finding { break-inside: avoid; page-break-inside: avoid; }
  .section:not(.appendix) .table-wrap { break-inside: avoid; }
  h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  .finding { border-left-color: #000; }
  .synthetic, .synthetic strong, .tag { color: #000; border-color: #000; }
  a { color: #000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; word-break: break-all; }
}
`.trim();
