/**
 * Markdown for text cells, rendered safely: raw HTML in the source is shown as text (never
 * parsed), and the output is sanitised again with DOMPurify so no script, event handler or
 * javascript: link from a cell or a data value can ever run.
 *
 * Nothing in a text cell loads by itself: an image is shown only from a data: or blob: URL (an
 * image from any other address, the app's own server included, would be a request carrying
 * whatever the notebook put in its URL); other images become their alt text. Links stay links
 * (they load only when clicked) but lose `ping`; media and other self-loading elements are dropped.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { escapeHtml } from '../export/html';

/** Image sources that load nothing from anywhere: inline data and this tab's own blobs. */
export function isInlineImageUrl(url: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^data:image\/(png|gif|jpeg|webp|avif|bmp);/.test(compact) || compact.startsWith('blob:');
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML blocks and inline tags become visible text.
    html({ text }) {
      return escapeHtml(text);
    },
    image({ href, title, text }) {
      if (!isInlineImageUrl(href))
        return `<span class="image-not-loaded">[image not loaded: ${escapeHtml(text || 'no description')}]</span>`;
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
    },
  },
});

// A private DOMPurify instance: its hook must not change how anything else is sanitised.
let purifier: ReturnType<typeof DOMPurify> | null = null;
function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify();
  // A second line of defence behind the renderer: no <img> survives with a URL that loads.
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG' && !isInlineImageUrl(node.getAttribute('src') ?? ''))
      node.removeAttribute('src');
  });
  return purifier;
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return purify().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'iframe',
      'object',
      'embed',
      'video',
      'audio',
      'source',
      'track',
      'picture',
      'link',
      'meta',
      'base',
    ],
    FORBID_ATTR: ['style', 'srcset', 'ping', 'poster', 'background', 'formaction', 'xlink:href'],
  });
}
