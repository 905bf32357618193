/**
 * A chart that leaves the app carries its own provenance: the title, then the source and the
 * method note as subtitle lines, so a slide or report never shows a figure without them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { TITLE_WIDTH, wrapText } from './chartBase';

/**
 * Long notes are broken into lines (Vega titles do not wrap by themselves): 80 characters of
 * 12 px text fit the report's 640 px width.
 */
export function wrapLines(text: string, width = 80): string[] {
  return wrapText(text, width).filter(Boolean);
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
    title: {
      // Lines, not one string with breaks: a chart cell's spec has no shared config to break it.
      text: wrapText(provenance.title, TITLE_WIDTH),
      subtitle,
      anchor: 'start',
      fontSize: 14,
      subtitleFontSize: 12,
    },
  } as TopLevelSpec;
}
