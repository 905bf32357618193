/**
 * Appendix A: the full tables the sections shortened or only linked, each with a link back to
 * its section, shown up to the report's row limit.
 */
import { escapeHtml } from '../html.ts';
import { renderTable } from '../reportTable.ts';
import type { ReportWriter } from './writer.ts';

/** The appendix (listed in the contents), or nothing when no table went there. */
export function renderAppendix(writer: ReportWriter): string {
  if (writer.appendix.length === 0) return '';
  writer.contents.push({ id: 'appendix-a', text: 'Appendix A: full tables' });
  const tables = writer.appendix.map(
    (a) =>
      `<section class="appendix-table" id="${a.id}-section">` +
      renderTable(
        { ...a.table, caption: `${a.label}. ${a.table.caption}` },
        {
          ...writer.tableOptions(),
          maxRows: writer.maxRows,
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
