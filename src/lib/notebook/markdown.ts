/**
 * Markdown for text cells, rendered safely: raw HTML in the source is shown as text (never
 * parsed), and the output is sanitised again with DOMPurify so no script, event handler or
 * javascript: link from a cell or a data value can ever run.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { escapeHtml } from '../export/html';

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML blocks and inline tags become visible text.
    html({ text }) {
      return escapeHtml(text);
    },
  },
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}
