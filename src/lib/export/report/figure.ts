/**
 * A chart as a numbered figure: inline SVG in the file (cleaned by sanitizeSvg), a PNG with alt
 * text in the Word copy, and a caption with its description and source.
 */
import { escapeHtml } from '../html.ts';
import { sanitizeSvg } from '../sanitize.ts';
import { sentences } from './keyFinding.ts';
import type { ReportChart, ReportMode } from './types.ts';

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/** The chart's picture: inline SVG in the file, a PNG with alt text in the Word copy. */
function chartPicture(chart: ReportChart, n: number, mode: ReportMode): string {
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
export function renderChart(chart: ReportChart, n: number, mode: ReportMode, finding = ''): string {
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
