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
 *
 * Safety: the file loads nothing (inline CSS, no scripts, no external images or fonts) and
 * states a Content-Security-Policy that forbids scripts and fetches, so even markup that slipped
 * through could neither run nor call home. Everything that came from data files or cells is
 * escaped; markdown HTML and chart SVG are cleaned by DOMPurify and written out again under the
 * report's allow-list (sanitize.ts). The only links are to places inside the report.
 */
import { formatDateTime } from '../format/dates.ts';
import { decodeEntities, escapeHtml } from './html.ts';
import { REPORT_STYLES } from './reportStyles.ts';
import {
  DEFAULT_MAX_TABLE_ROWS,
  hasSuppressed,
  renderTable,
  type ReportTable,
} from './reportTable.ts';
import { sanitizeHtml, sanitizeSvg } from './sanitize.ts';
import { datedFileName } from './fileName.ts';
import { ABOUT_ID, RULE_ID, renderAbout } from './report/about.ts';
import { shortCaption, shortTable } from './report/shortTable.ts';
import { sentences } from './report/keyFinding.ts';

export { escapeHtml } from './html.ts';
export {
  sanitizeHtml,
  safeHref,
  sanitizeSvg,
  setSanitizerWindow,
  type SanitizeSvgOptions,
} from './sanitize.ts';
export type { ReportColumn, ReportTable } from './reportTable.ts';
export { keyFinding, findingOf } from './report/keyFinding.ts';
export { publisherOf } from './report/publishers.ts';

/**
 * The report's policy: nothing may load or run. 'unsafe-inline' styles are needed for the one
 * inline stylesheet; data: images only in case a future chart embeds a raster.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The notebook's title until the analyst gives it one. */
export const UNTITLED_NOTEBOOK = 'Untitled notebook';

/** The report's title: the notebook's, or a chapter title naming the area when it has none. */
export function reportTitle(notebookTitle: string, areaName?: string | null): string {
  const title = notebookTitle.trim();
  if (title && title !== UNTITLED_NOTEBOOK) return title;
  return areaName
    ? `Drug and alcohol needs assessment: ${areaName}`
    : 'Drug and alcohol needs assessment';
}

export interface ReportDataSource {
  name: string;
  /** Bytes. */
  size: number;
  sha256?: string;
  /** Generated training data: labelled SYNTHETIC. */
  synthetic?: boolean;
  /** Who published it (publisherOf), shown on the title page. */
  publisher?: string;
}

/** A chart drawn as PNG, for the Word copy (data URL checked before it is written). */
export interface ReportPng {
  dataUrl: string;
  /** CSS pixels (the PNG itself is drawn at twice this). */
  width: number;
  height: number;
}

export interface ReportChart {
  title: string;
  /** SVG markup from vega's renderer (sanitised here). */
  svg: string;
  /** What the chart shows, in words (also its accessible name and the image's alt text). */
  description: string;
  methodNote?: string;
  source?: string;
  /** The same chart as PNG, for the Word copy. */
  png?: ReportPng;
}

export type ReportCell =
  /** Markdown already rendered to HTML by the app; sanitised again here. */
  | { kind: 'text'; html: string }
  | { kind: 'sql'; sql: string; table?: ReportTable; synthetic?: boolean }
  | ({ kind: 'chart'; table?: ReportTable; synthetic?: boolean } & ReportChart)
  | {
      kind: 'view';
      title: string;
      /** What the view's main table is about (its caption), shown under the heading. */
      subject?: string;
      /** The key finding in a sentence or a few (keyFinding). */
      finding?: string;
      methodNote: string;
      notes: string[];
      /** The first is the main table: shortened in the section, in full in Appendix A. */
      tables: ReportTable[];
      charts: ReportChart[];
      synthetic: boolean;
      /** Which areas and periods are synthetic, in words. */
      syntheticScope?: string;
    };

export interface ReportInput {
  title: string;
  /** The area (or group) the report is about, in words. */
  area?: string;
  generatedAt: Date;
  /** The disclosure rule sentence (describeRule): stated once, in About this report. */
  disclosureRule: string;
  dataSources: ReportDataSource[];
  cells: ReportCell[];
  /** Rows shown per appendix table before a "first N rows" note (default 1,000). */
  maxTableRows?: number;
  /** The app's version, for About this report. */
  appVersion?: string;
}

type Mode = 'file' | 'word';

const SYNTHETIC_LABEL =
  '<p class="synthetic"><strong>SYNTHETIC</strong> Generated training data: these are not real figures.</p>';

/** A synthetic scope longer than this is cut at a "; " (the notebook lists it in full). */
const MAX_SCOPE = 240;

function shortScope(scope: string): string {
  if (scope.length <= MAX_SCOPE) return scope;
  const cut = scope.lastIndexOf('; ', MAX_SCOPE);
  return `${scope.slice(0, cut > 0 ? cut : MAX_SCOPE).trim()}; and other areas and periods`;
}

function syntheticLabel(rawScope?: string): string {
  const scope = rawScope ? shortScope(rawScope) : '';
  if (!scope) return SYNTHETIC_LABEL;
  return `<p class="synthetic"><strong>SYNTHETIC</strong> Generated training data: these are not real figures (${escapeHtml(scope)}).</p>`;
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/** The chart's picture: inline SVG in the file, a PNG with alt text in the Word copy. */
function chartPicture(chart: ReportChart, n: number, mode: Mode): string {
  const label = chart.description ? `${chart.title}: ${chart.description}` : chart.title;
  if (mode === 'word') {
    const png = chart.png;
    if (!png || !PNG_DATA_URL.test(png.dataUrl))
      return `<p class="missing">[Chart: ${escapeHtml(label)}]</p>`;
    // The data URL is checked above (base64 only), so it is written as is: Word reads src
    // literally and would not decode an escaped colon.
    const w = Math.max(1, Math.round(png.width));
    const h = Math.max(1, Math.round(png.height));
    return `<p class="chart"><img src="${png.dataUrl}" alt="${escapeHtml(label)}" width="${w}" height="${h}"></p>`;
  }
  const svg = sanitizeSvg(chart.svg, { idPrefix: `c${n}-` });
  return svg
    ? `<div class="chart" role="img" aria-label="${escapeHtml(label)}">${svg}</div>`
    : '<p class="missing">The chart could not be included.</p>';
}

/**
 * One chart as a figure: heading, picture, caption (its description and source). The caption
 * leaves out sentences the section's key finding already says; the picture's accessible name
 * and alt text keep the whole description.
 */
function renderChart(chart: ReportChart, n: number, mode: Mode, finding = ''): string {
  const said = finding ? sentences(finding) : [];
  const description = sentences(chart.description)
    .filter((s) => !said.includes(s))
    .join(' ');
  const caption = [
    description ? `<p class="description">${escapeHtml(description)}</p>` : '',
    chart.source
      ? `<p class="source"><strong>Source:</strong> ${escapeHtml(chart.source)}</p>`
      : '',
  ].join('');
  return (
    `<figure class="figure"><h3>Figure ${n}. ${escapeHtml(chart.title)}</h3>${chartPicture(chart, n, mode)}` +
    `${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`
  );
}

/** The first heading of a text cell's HTML, as plain text, for the contents. */
function firstHeading(html: string): string {
  const m = /<h[2-6]\b[^>]*>([\s\S]*?)<\/h[2-6]>/i.exec(html);
  return m ? decodeEntities(m[1].replace(/<[^>]*>/g, '')).trim() : '';
}

/** "-- Deaths from drug misuse, 2019-21 …" → its first comment line, as the section's title. */
function sqlTitle(sql: string): string {
  const m = /^\s*--\s*(.+)$/m.exec(sql);
  const first = sql.trim().split('\n')[0] ?? '';
  return m && first.trim().startsWith('--') ? m[1].trim() : 'SQL query';
}

interface AppendixEntry {
  id: string;
  label: string;
  table: ReportTable;
  sectionId: string;
  sectionTitle: string;
}

interface ContentsEntry {
  id: string;
  text: string;
}

/** Everything between the title page and the end, built in one pass (numbers and links). */
class ReportWriter {
  private sectionCount = 0;
  private figureCount = 0;
  private tableCount = 0;
  readonly contents: ContentsEntry[] = [];
  readonly appendix: AppendixEntry[] = [];

  constructor(
    private readonly mode: Mode,
    private readonly maxRows: number,
  ) {}

  private tableOptions() {
    return { ruleHref: `#${RULE_ID}`, word: this.mode === 'word' };
  }

  /** The full table into the appendix; returns the link to it. */
  private toAppendix(table: ReportTable, sectionId: string, sectionTitle: string): string {
    const n = this.appendix.length + 1;
    const id = `table-a${n}`;
    const label = `Table A${n}`;
    this.appendix.push({ id, label, table, sectionId, sectionTitle });
    return `<a href="#${id}">${label} in Appendix A</a>`;
  }

  /** The short table in the section, with the full one in the appendix when rows were left out. */
  private sectionTable(table: ReportTable, sectionId: string, sectionTitle: string): string {
    const n = ++this.tableCount;
    if (table.rows.length === 0 || table.rows.length <= 10) {
      return renderTable(
        { ...table, caption: `Table ${n}. ${table.caption}` },
        {
          ...this.tableOptions(),
          id: `table-${n}`,
        },
      );
    }
    // The caption names what the summary keeps, not the full table's caption: "Table 2" and
    // "Table A2" would otherwise read as the same table.
    const short = shortTable(table, '');
    const caption = `Table ${n}. ${shortCaption(short, table.rows.length)}`;
    const link = this.toAppendix(table, sectionId, sectionTitle);
    const note = `${short.table.rows.length} of ${table.rows.length.toLocaleString('en-GB')} rows shown; full table in Appendix A: ${link}.`;
    return renderTable(
      { ...short.table, caption },
      {
        ...this.tableOptions(),
        id: `table-${n}`,
        notesHtml: [note],
      },
    );
  }

  private open(title: string, extraClass: string): { id: string; html: string; n: number } {
    const n = ++this.sectionCount;
    const id = `section-${n}`;
    const text = `${n}. ${title}`;
    this.contents.push({ id, text });
    return {
      id,
      n,
      html: `<section class="section ${extraClass}" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(text)}</h2>`,
    };
  }

  text(html: string, index: number): string {
    const clean = sanitizeHtml(html);
    const heading = firstHeading(clean);
    const id = `text-${index + 1}`;
    if (heading) this.contents.push({ id, text: heading });
    return `<section class="section cell-text${heading ? '' : ' continues'}" id="${id}">${clean}</section>`;
  }

  sql(cell: Extract<ReportCell, { kind: 'sql' }>): string {
    const title = sqlTitle(cell.sql);
    const s = this.open(title, 'cell-sql');
    return (
      s.html +
      (cell.synthetic ? SYNTHETIC_LABEL : '') +
      (cell.table ? this.sectionTable(cell.table, s.id, title) : '') +
      `<div class="method"><h3>Query</h3><pre><code>${escapeHtml(cell.sql)}</code></pre></div></section>`
    );
  }

  chart(cell: Extract<ReportCell, { kind: 'chart' }>): string {
    const s = this.open(cell.title, 'cell-chart');
    const method = [
      cell.methodNote
        ? `<p class="method-note"><strong>Method:</strong> ${escapeHtml(cell.methodNote)}</p>`
        : '',
      cell.table && hasSuppressed(cell.table) ? this.suppressionLine(true) : '',
    ].join('');
    return (
      s.html +
      (cell.synthetic ? SYNTHETIC_LABEL : '') +
      renderChart(cell, ++this.figureCount, this.mode) +
      (cell.table ? this.sectionTable(cell.table, s.id, cell.title) : '') +
      (method ? `<div class="method"><h3>Method</h3>${method}</div>` : '') +
      '</section>'
    );
  }

  private suppressionLine(any: boolean): string {
    const rule = `<a href="#${RULE_ID}">rule in About this report</a>`;
    return any
      ? `<p class="method-note"><strong>Disclosure control:</strong> figures marked * are suppressed (${rule}).</p>`
      : `<p class="method-note"><strong>Disclosure control:</strong> no figure in this section needed suppression (${rule}).</p>`;
  }

  view(cell: Extract<ReportCell, { kind: 'view' }>): string {
    const s = this.open(cell.title, 'cell-view');
    const [main, ...others] = cell.tables;
    // The main table first, so it is Table A(n) before the view's other tables.
    const mainTable = main ? this.sectionTable(main, s.id, cell.title) : '';
    const more = others.map(
      (t) => `${this.toAppendix(t, s.id, cell.title)}: ${escapeHtml(t.caption)}`,
    );
    // A note the key finding already gives (the trend sentence) is not repeated.
    const finding = cell.finding ?? '';
    const notes = cell.notes.filter((n) => {
      const text = n.replace(/^Trend:\s*/, '').trim();
      return text !== '' && !(finding && finding.includes(text.replace(/\.$/, '')));
    });
    return (
      s.html +
      (cell.subject ? `<p class="subject">${escapeHtml(cell.subject)}</p>` : '') +
      (cell.synthetic ? syntheticLabel(cell.syntheticScope) : '') +
      (cell.finding
        ? `<p class="finding"><strong>Key finding:</strong> ${escapeHtml(cell.finding)}</p>`
        : '') +
      cell.charts.map((c) => renderChart(c, ++this.figureCount, this.mode, cell.finding)).join('') +
      mainTable +
      (more.length ? `<p class="more-tables">Also in Appendix A: ${more.join('; ')}.</p>` : '') +
      '<div class="method"><h3>Method</h3>' +
      (cell.methodNote ? `<p class="method-note">${escapeHtml(cell.methodNote)}</p>` : '') +
      (notes.length
        ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
        : '') +
      this.suppressionLine(cell.tables.some(hasSuppressed)) +
      '</div></section>'
    );
  }

  renderAppendix(): string {
    if (this.appendix.length === 0) return '';
    this.contents.push({ id: 'appendix-a', text: 'Appendix A: full tables' });
    const tables = this.appendix.map(
      (a) =>
        `<section class="appendix-table" id="${a.id}-section">` +
        renderTable(
          { ...a.table, caption: `${a.label}. ${a.table.caption}` },
          {
            ...this.tableOptions(),
            maxRows: this.maxRows,
            id: a.id,
            notesHtml: [`From <a href="#${a.sectionId}">${escapeHtml(a.sectionTitle)}</a>.`],
          },
        ) +
        '</section>',
    );
    return (
      '<section class="section appendix" id="appendix-a" aria-labelledby="appendix-a-h">' +
      '<h2 id="appendix-a-h">Appendix A: full tables</h2>' +
      tables.join('\n') +
      '</section>'
    );
  }
}

function renderTitlePage(input: ReportInput, anySynthetic: boolean): string {
  const iso = Number.isNaN(input.generatedAt.getTime()) ? '' : input.generatedAt.toISOString();
  const sources = input.dataSources.length
    ? '<ul class="sources">' +
      input.dataSources
        .map(
          (s) =>
            `<li><span class="file">${escapeHtml(s.name)}</span>${s.publisher ? `: ${escapeHtml(s.publisher)}` : ''}</li>`,
        )
        .join('') +
      '</ul>'
    : '<p>No data files were loaded.</p>';
  return [
    '<header class="title-page">',
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.area ? `<p class="area"><strong>Area:</strong> ${escapeHtml(input.area)}</p>` : '',
    `<p class="date"><strong>Date:</strong> <time datetime="${escapeHtml(iso)}">${escapeHtml(formatDateTime(input.generatedAt))}</time></p>`,
    anySynthetic
      ? '<p class="synthetic banner"><strong>SYNTHETIC</strong> Parts of this report use generated training data, labelled where they appear. Those figures are not real.</p>'
      : '',
    `<p class="sources-heading"><strong>Data sources</strong></p>${sources}`,
    '</header>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

function renderContents(entries: ContentsEntry[]): string {
  return (
    '<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ul>' +
    entries.map((e) => `<li><a href="#${e.id}">${escapeHtml(e.text)}</a></li>`).join('') +
    '</ul></nav>'
  );
}

/** Title page, contents, sections, appendix and About, as HTML for the file or the clipboard. */
function reportBody(input: ReportInput, mode: Mode): string {
  const writer = new ReportWriter(mode, input.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS);
  const sections = input.cells.map((cell, i) => {
    switch (cell.kind) {
      case 'text':
        return writer.text(cell.html, i);
      case 'sql':
        return writer.sql(cell);
      case 'chart':
        return writer.chart(cell);
      case 'view':
        return writer.view(cell);
      default:
        return '';
    }
  });
  const appendix = writer.renderAppendix();
  writer.contents.push({ id: ABOUT_ID, text: 'About this report' });
  const anySyntheticCell = input.cells.some((c) => c.kind !== 'text' && c.synthetic === true);
  const anySynthetic = anySyntheticCell || input.dataSources.some((s) => s.synthetic);
  return [
    renderTitlePage(input, anySynthetic),
    renderContents(writer.contents),
    '<main>',
    ...sections.filter((s) => s !== ''),
    appendix,
    renderAbout({
      disclosureRule: input.disclosureRule,
      dataSources: input.dataSources,
      anySyntheticCell,
      generatedAt: input.generatedAt,
      appVersion: input.appVersion,
      word: mode === 'word',
    }),
    '</main>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

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
