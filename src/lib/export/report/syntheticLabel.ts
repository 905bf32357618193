/**
 * The SYNTHETIC label a section carries when its figures are generated training data, so a
 * reader never takes them for real ones wherever the section is copied to.
 */
import { escapeHtml } from '../html.ts';

export const SYNTHETIC_LABEL =
  '<p class="synthetic"><strong>SYNTHETIC</strong> Generated training data: these are not real figures.</p>';

/** A synthetic scope longer than this is cut at a "; " (the notebook lists it in full). */
const MAX_SCOPE = 240;

function shortScope(scope: string): string {
  if (scope.length <= MAX_SCOPE) return scope;
  const cut = scope.lastIndexOf('; ', MAX_SCOPE);
  return `${scope.slice(0, cut > 0 ? cut : MAX_SCOPE).trim()}; and other areas and periods`;
}

/** The label naming which areas and periods are synthetic, when the view says. */
export function syntheticLabel(rawScope?: string): string {
  const scope = rawScope ? shortScope(rawScope) : '';
  if (!scope) return SYNTHETIC_LABEL;
  return `<p class="synthetic"><strong>SYNTHETIC</strong> Generated training data: these are not real figures (${escapeHtml(scope)}).</p>`;
}
