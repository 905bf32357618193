/**
 * The report's opening: its title (the notebook's, or a chapter title naming the area), the
 * title page (area, date, whether anything is synthetic, data sources and their publishers) and
 * the linked contents. Checksums and the disclosure rule are left to About this report.
 */
import { formatDateTime } from '../../format/dates.ts';
import { escapeHtml } from '../html.ts';
import type { ReportInput } from './types.ts';
import type { ContentsEntry } from './writer.ts';

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

export function renderTitlePage(input: ReportInput, anySynthetic: boolean): string {
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

export function renderContents(entries: ContentsEntry[]): string {
  return (
    '<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ul>' +
    entries.map((e) => `<li><a href="#${e.id}">${escapeHtml(e.text)}</a></li>`).join('') +
    '</ul></nav>'
  );
}
