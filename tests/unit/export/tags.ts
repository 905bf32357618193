/**
 * The real tags in an HTML string: text has its `<` escaped, so anything matching here is markup
 * a browser would parse as a tag (used to assert no handler or javascript: attribute survived,
 * while the same words may still appear as visible, escaped text).
 */
export function realTags(html: string): string[] {
  return html.match(/<[a-zA-Z!/][^>]*>/g) ?? [];
}
