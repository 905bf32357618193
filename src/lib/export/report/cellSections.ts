/**
 * The sections of the notebook's own cells: a text cell in its place (its first heading listed
 * in the contents), a SQL cell with its result and query, a chart cell with its figure, data and
 * method.
 */
import { decodeEntities, escapeHtml } from '../html.ts';
import { hasSuppressed } from '../reportTable.ts';
import { sanitizeHtml } from '../sanitize.ts';
import { renderChart } from './figure.ts';
import { SYNTHETIC_LABEL } from './syntheticLabel.ts';
import type { ReportCellOf } from './types.ts';
import { suppressionLine, type ReportWriter } from './writer.ts';

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

export function textSection(writer: ReportWriter, html: string, index: number): string {
  const clean = sanitizeHtml(html);
  const heading = firstHeading(clean);
  const id = `text-${index + 1}`;
  if (heading) writer.contents.push({ id, text: heading });
  return `<section class="section cell-text${heading ? '' : ' continues'}" id="${id}">${clean}</section>`;
}

export function sqlSection(writer: ReportWriter, cell: ReportCellOf<'sql'>): string {
  const title = sqlTitle(cell.sql);
  const s = writer.open(title, 'cell-sql');
  return (
    s.html +
    (cell.synthetic ? SYNTHETIC_LABEL : '') +
    (cell.table ? writer.sectionTable(cell.table, s.id, title) : '') +
    `<div class="method"><h3>Query</h3><pre><code>${escapeHtml(cell.sql)}</code></pre></div></section>`
  );
}

export function chartSection(writer: ReportWriter, cell: ReportCellOf<'chart'>): string {
  const s = writer.open(cell.title, 'cell-chart');
  const method = [
    cell.methodNote
      ? `<p class="method-note"><strong>Method:</strong> ${escapeHtml(cell.methodNote)}</p>`
      : '',
    cell.table && hasSuppressed(cell.table) ? suppressionLine(true) : '',
  ].join('');
  return (
    s.html +
    (cell.synthetic ? SYNTHETIC_LABEL : '') +
    renderChart(cell, writer.nextFigure(), writer.mode) +
    (cell.table ? writer.sectionTable(cell.table, s.id, cell.title) : '') +
    (method ? `<div class="method"><h3>Method</h3>${method}</div>` : '') +
    '</section>'
  );
}
