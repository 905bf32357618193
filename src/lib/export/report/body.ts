/**
 * Assembles the report's body in one pass: the sections first (they number themselves and fill
 * the contents and the appendix as they go), then the title page and contents in front of them,
 * Appendix A and About this report after.
 */
import { DEFAULT_MAX_TABLE_ROWS } from '../reportTable.ts';
import { ABOUT_ID, renderAbout } from './about.ts';
import { renderAppendix } from './appendix.ts';
import { chartSection, sqlSection, textSection } from './cellSections.ts';
import { renderContents, renderTitlePage } from './titlePage.ts';
import type { ReportInput, ReportMode } from './types.ts';
import { viewSection } from './viewSection.ts';
import { ReportWriter } from './writer.ts';

/** Title page, contents, sections, appendix and About, as HTML for the file or the clipboard. */
export function reportBody(input: ReportInput, mode: ReportMode): string {
  const writer = new ReportWriter(mode, input.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS);
  const sections = input.cells.map((cell, i) => {
    switch (cell.kind) {
      case 'text':
        return textSection(writer, cell.html, i);
      case 'sql':
        return sqlSection(writer, cell);
      case 'chart':
        return chartSection(writer, cell);
      case 'view':
        return viewSection(writer, cell);
      default:
        return '';
    }
  });
  const appendix = renderAppendix(writer);
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
