/**
 * A view's key finding for the report, in words the view already wrote: its chart descriptions
 * open with what the chart shows ("Line chart of …") and go on with what it finds ("Peterborough
 * 4.2 per 100,000 …, lower than England 5.1 …"). The finding is that second part of the first
 * chart, followed by the trend sentence the view gives in its notes ("Trend: …") when the
 * description does not already say it. Descriptions come from disclosure control (a chart with
 * suppressed values gets a description written from the disclosed rows), so nothing here can
 * repeat a hidden figure.
 */

/** Sentences, split after ". " before a capital or digit, never inside brackets. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (
      depth === 0 &&
      (ch === '.' || ch === '!' || ch === '?') &&
      /\s/.test(text[i + 1] ?? '') &&
      /^\s+[A-Z0-9]/.test(text.slice(i + 1, i + 4))
    ) {
      out.push(text.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** "Line chart of …", "Ranked bar chart of …", "Funnel plot of …": the chart, not the finding. */
const SAYS_WHAT_IT_DRAWS = /^[A-Za-z -]*\b(chart|plot|map|graph)\b[^.]*\bof\b/i;

/** What a chart finds: its description without the opening sentence that says what it draws. */
export function findingOf(description: string): string {
  const parts = sentences(description.trim());
  if (parts.length > 1 && SAYS_WHAT_IT_DRAWS.test(parts[0])) return parts.slice(1).join(' ');
  return parts.join(' ');
}

const TREND_NOTE = /^Trend:\s*/;

export interface KeyFindingInput {
  /** The charts' descriptions as exported (after disclosure control), in order. */
  descriptions: string[];
  /** The view's notes; a "Trend: …" note is its trend sentence. */
  notes: string[];
}

/** The key finding in a sentence or a few, or '' when the view says nothing it found. */
export function keyFinding(input: KeyFindingInput): string {
  const first = input.descriptions.map((d) => findingOf(d)).find((d) => d.length > 0) ?? '';
  const trend =
    input.notes
      .find((n) => TREND_NOTE.test(n))
      ?.replace(TREND_NOTE, '')
      .trim() ?? '';
  if (!trend || first.includes(trend)) return first;
  const sentence = /[.!?]$/.test(trend) ? trend : `${trend}.`;
  return first ? `${first} ${sentence}` : sentence;
}
