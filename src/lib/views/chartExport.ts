/**
 * A chart that leaves the app carries its own provenance: the title, then the source and the
 * method note as subtitle lines, so a slide or report never shows a figure without them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Long notes are broken into lines (Vega titles do not wrap by themselves). */
export function wrapLines(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function withProvenance(
  spec: TopLevelSpec,
  provenance: { title: string; source?: string; methodNote?: string; synthetic?: boolean },
): TopLevelSpec {
  const subtitle = [
    ...(provenance.synthetic ? ['SYNTHETIC training data: not real figures'] : []),
    ...(provenance.source ? wrapLines(`Source: ${provenance.source}`) : []),
    ...(provenance.methodNote ? wrapLines(`Method: ${provenance.methodNote}`) : []),
  ];
  return {
    ...spec,
    title: { text: provenance.title, subtitle, anchor: 'start', subtitleFontSize: 11 },
  } as TopLevelSpec;
}
