/**
 * The report's closing section, "About this report": everything a reader needs to check the
 * figures but not to read them. The disclosure rule, the data files with their SHA-256 checksums,
 * whether any figure is synthetic, and the app and version that made it. Nothing of this appears
 * earlier in the report (the title page names the files and publishers only).
 */
import { formatBytes } from '../../format/numbers.ts';
import { formatDateTime } from '../../format/dates.ts';
import { escapeHtml } from '../html.ts';
import type { ReportDataSource } from './types.ts';

export const ABOUT_ID = 'about';
export const RULE_ID = 'about-disclosure';

function sourcesTable(sources: ReportDataSource[], word: boolean): string {
  if (sources.length === 0) return '<p>No data files were loaded.</p>';
  const rows = sources
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.name)}${s.synthetic ? ' <strong class="tag">SYNTHETIC</strong>' : ''}</th>` +
        `<td class="num">${escapeHtml(formatBytes(s.size))}</td>` +
        `<td>${s.sha256 ? `<code class="hash">${escapeHtml(s.sha256)}</code>` : 'not recorded'}</td></tr>`,
    )
    .join('\n');
  const attrs = word ? ' border="1" cellpadding="4" cellspacing="0"' : '';
  return (
    `<div class="table-wrap"><table${attrs}><caption>Data files used (SHA-256 lets a reader check they have the same file)</caption>` +
    '<thead><tr><th scope="col">File</th><th scope="col" class="num">Size</th><th scope="col">SHA-256</th></tr></thead>' +
    `<tbody>\n${rows}\n</tbody></table></div>`
  );
}

function provenance(sources: ReportDataSource[], anySyntheticCell: boolean): string {
  const synthetic = sources.filter((s) => s.synthetic).map((s) => s.name);
  if (synthetic.length === 0 && !anySyntheticCell)
    return '<p>Every figure comes from the real data files listed above; none is synthetic training data.</p>';
  const files = synthetic.length ? ` (${synthetic.map((n) => escapeHtml(n)).join(', ')})` : '';
  return (
    `<p><strong class="tag">SYNTHETIC</strong> Parts of this report use generated training data${files}. ` +
    'Those figures are not real and are labelled SYNTHETIC where they appear; the other figures come from the real files listed above.</p>'
  );
}

export interface AboutInput {
  disclosureRule: string;
  dataSources: ReportDataSource[];
  anySyntheticCell: boolean;
  generatedAt: Date;
  appVersion?: string;
  word: boolean;
}

export function renderAbout(input: AboutInput): string {
  const iso = Number.isNaN(input.generatedAt.getTime()) ? '' : input.generatedAt.toISOString();
  const app = `jsna-notebook${input.appVersion ? ` version ${input.appVersion}` : ''}`;
  return (
    `<section class="section about" id="${ABOUT_ID}" aria-labelledby="${ABOUT_ID}-h">` +
    `<h2 id="${ABOUT_ID}-h">About this report</h2>` +
    `<h3 id="${RULE_ID}">Disclosure control</h3><p>${escapeHtml(input.disclosureRule)}</p>` +
    `<h3>Data files</h3>${sourcesTable(input.dataSources, input.word)}` +
    `<h3>Provenance</h3>${provenance(input.dataSources, input.anySyntheticCell)}` +
    `<h3>How this report was made</h3><p>Generated <time datetime="${escapeHtml(iso)}">${escapeHtml(formatDateTime(input.generatedAt))}</time> with ${escapeHtml(app)}, on the analyst's own computer: no data left it. ` +
    'The file loads nothing from anywhere and runs no scripts.</p></section>'
  );
}
