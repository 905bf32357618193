/**
 * A view's section, in the order a JSNA chapter reads: what it is about, the key finding, the
 * charts, the short main table (the view's other tables linked in Appendix A), then the method,
 * notes and disclosure control.
 */
import { escapeHtml } from '../html.ts';
import { hasSuppressed } from '../reportTable.ts';
import { renderChart } from './figure.ts';
import { syntheticLabel } from './syntheticLabel.ts';
import type { ReportCellOf } from './types.ts';
import { suppressionLine, type ReportWriter } from './writer.ts';

export function viewSection(writer: ReportWriter, cell: ReportCellOf<'view'>): string {
  const s = writer.open(cell.title, 'cell-view');
  const [main, ...others] = cell.tables;
  // The main table first, so it is Table A(n) before the view's other tables.
  const mainTable = main ? writer.sectionTable(main, s.id, cell.title) : '';
  const more = others.map(
    (t) => `${writer.toAppendix(t, s.id, cell.title)}: ${escapeHtml(t.caption)}`,
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
    cell.charts
      .map((c) => renderChart(c, writer.nextFigure(), writer.mode, cell.finding))
      .join('') +
    mainTable +
    (more.length ? `<p class="more-tables">Also in Appendix A: ${more.join('; ')}.</p>` : '') +
    '<div class="method"><h3>Method</h3>' +
    (cell.methodNote ? `<p class="method-note">${escapeHtml(cell.methodNote)}</p>` : '') +
    (notes.length
      ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '') +
    suppressionLine(cell.tables.some(hasSuppressed)) +
    '</div></section>'
  );
}
