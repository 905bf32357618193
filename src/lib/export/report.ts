/**
 * The whole notebook as one self-contained HTML file, for a JSNA appendix or for sharing with a
 * colleague: title, date, the disclosure rule, the data sources with their checksums, then the
 * cells in order. Built as a string so it works in Node and the browser.
 *
 * Safety: the file loads nothing (inline CSS, no scripts, no external images or fonts) and
 * states a Content-Security-Policy that forbids scripts and fetches, so even markup that slipped
 * through could neither run nor call home. Everything that came from data files or cells is
 * escaped; markdown HTML and chart SVG are cleaned by DOMPurify and written out again under the
 * report's allow-list (sanitize.ts).
 */
import { formatBytes } from '../format/numbers.ts';
import { formatDateTime } from '../format/dates.ts';
import { escapeHtml } from './html.ts';
import { REPORT_STYLES } from './reportStyles.ts';
import { DEFAULT_MAX_TABLE_ROWS, renderTable, type ReportTable } from './reportTable.ts';
import { sanitizeHtml, sanitizeSvg } from './sanitize.ts';
import { datedFileName } from './fileName.ts';

export { escapeHtml } from './html.ts';
export {
  sanitizeHtml,
  safeHref,
  sanitizeSvg,
  setSanitizerWindow,
  type SanitizeSvgOptions,
} from './sanitize.ts';
export type { ReportColumn, ReportTable } from './reportTable.ts';

/**
 * The report's policy: nothing may load or run. 'unsafe-inline' styles are needed for the one
 * inline stylesheet; data: images only in case a future chart embeds a raster.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface ReportDataSource {
  name: string;
  /** Bytes. */
  size: number;
  sha256?: string;
  /** Generated training data: labelled SYNTHETIC. */
  synthetic?: boolean;
}

export interface ReportChart {
  title: string;
  /** SVG markup from vega's renderer (sanitised here). */
  svg: string;
  /** What the chart shows, in words (also its accessible name). */
  description: string;
  methodNote?: string;
  source?: string;
}

export type ReportCell =
  /** Markdown already rendered to HTML by the app; sanitised again here. */
  | { kind: 'text'; html: string }
  | { kind: 'sql'; sql: string; table?: ReportTable; synthetic?: boolean }
  | ({ kind: 'chart'; table?: ReportTable; synthetic?: boolean } & ReportChart)
  | {
      kind: 'view';
      title: string;
      methodNote: string;
      notes: string[];
      tables: ReportTable[];
      charts: ReportChart[];
      synthetic: boolean;
    };

export interface ReportInput {
  title: string;
  generatedAt: Date;
  /** The disclosure rule sentence (describeRule). */
  disclosureRule: string;
  dataSources: ReportDataSource[];
  cells: ReportCell[];
  /** Rows shown per table before a "first N rows" note (default 1,000). */
  maxTableRows?: number;
}

const SYNTHETIC_LABEL =
  '<p class="synthetic"><strong>SYNTHETIC</strong> Generated training data: these are not real figures.</p>';

/** Renders one chart as a figure; `n` keeps its SVG ids apart from other charts'. */
function renderChart(chart: ReportChart, n: number, headingLevel: 2 | 3): string {
  const svg = sanitizeSvg(chart.svg, { idPrefix: `c${n}-` });
  const h = `h${headingLevel}`;
  const label = chart.description ? `${chart.title}: ${chart.description}` : chart.title;
  const picture = svg
    ? `<div class="chart" role="img" aria-label="${escapeHtml(label)}">${svg}</div>`
    : '<p class="missing">The chart could not be included.</p>';
  const caption = [
    chart.description ? `<p class="description">${escapeHtml(chart.description)}</p>` : '',
    chart.source
      ? `<p class="source"><strong>Source:</strong> ${escapeHtml(chart.source)}</p>`
      : '',
    chart.methodNote
      ? `<p class="method"><strong>Method:</strong> ${escapeHtml(chart.methodNote)}</p>`
      : '',
  ].join('');
  return (
    `<figure class="figure"><${h}>${escapeHtml(chart.title)}</${h}>${picture}` +
    `<figcaption>${caption}</figcaption></figure>`
  );
}

function renderSources(sources: ReportDataSource[]): string {
  if (sources.length === 0) return '<p>No data files were loaded.</p>';
  const rows = sources
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.name)}${s.synthetic ? ' <strong class="tag">SYNTHETIC</strong>' : ''}</th>` +
        `<td class="num">${escapeHtml(formatBytes(s.size))}</td>` +
        `<td>${s.sha256 ? `<code class="hash">${escapeHtml(s.sha256)}</code>` : 'not recorded'}</td></tr>`,
    )
    .join('\n');
  return (
    '<div class="table-wrap"><table><caption>Data files used (SHA-256 lets a reader check they have the same file)</caption>' +
    '<thead><tr><th scope="col">File</th><th scope="col" class="num">Size</th><th scope="col">SHA-256</th></tr></thead>' +
    `<tbody>\n${rows}\n</tbody></table></div>`
  );
}

/** Builds the report: one HTML document as a string. */
export function buildReport(input: ReportInput): string {
  const maxRows = input.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS;
  let chartCount = 0;
  const table = (t: ReportTable | undefined): string => (t ? renderTable(t, maxRows) : '');
  const cells = input.cells.map((cell) => {
    switch (cell.kind) {
      case 'text':
        return `<section class="cell cell-text">${sanitizeHtml(cell.html)}</section>`;
      case 'sql':
        return (
          `<section class="cell cell-sql">${cell.synthetic ? SYNTHETIC_LABEL : ''}` +
          `<p class="label">SQL query</p><pre><code>${escapeHtml(cell.sql)}</code></pre>${table(cell.table)}</section>`
        );
      case 'chart':
        return (
          `<section class="cell cell-chart">${cell.synthetic ? SYNTHETIC_LABEL : ''}` +
          `${renderChart(cell, ++chartCount, 2)}${table(cell.table)}</section>`
        );
      case 'view':
        return (
          `<section class="cell cell-view"><h2>${escapeHtml(cell.title)}</h2>` +
          `${cell.synthetic ? SYNTHETIC_LABEL : ''}` +
          (cell.methodNote
            ? `<p class="method"><strong>Method:</strong> ${escapeHtml(cell.methodNote)}</p>`
            : '') +
          (cell.notes.length
            ? `<ul class="notes">${cell.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
            : '') +
          cell.tables.map((t) => table(t)).join('') +
          cell.charts.map((c) => renderChart(c, ++chartCount, 3)).join('') +
          '</section>'
        );
      default:
        return '';
    }
  });
  const anySynthetic =
    input.dataSources.some((s) => s.synthetic) ||
    input.cells.some((c) => c.kind !== 'text' && c.synthetic === true);
  const iso = Number.isNaN(input.generatedAt.getTime()) ? '' : input.generatedAt.toISOString();
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
    '<header>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="meta">Generated <time datetime="${escapeHtml(iso)}">${escapeHtml(formatDateTime(input.generatedAt))}</time> with jsna-notebook, on the analyst's own computer.</p>`,
    anySynthetic
      ? '<p class="synthetic banner"><strong>SYNTHETIC</strong> Parts of this report use generated training data, labelled where they appear. Those figures are not real.</p>'
      : '',
    '</header>',
    '<main>',
    '<section class="disclosure"><h2>Disclosure control</h2>',
    `<p>${escapeHtml(input.disclosureRule)}</p></section>`,
    `<section class="sources"><h2>Data sources</h2>${renderSources(input.dataSources)}</section>`,
    cells.join('\n'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** "cjs-needs-assessment-2026-11-25.html". */
export function reportFileName(title: string, date?: Date): string {
  return datedFileName(title, 'html', date);
}
