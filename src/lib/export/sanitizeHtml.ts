/**
 * Allow-list re-serialiser for the HTML of markdown cells in the report. The app already
 * sanitises that HTML with DOMPurify, but the report is a file people open and share, so it is
 * treated as untrusted again. DOMPurify needs a DOM (jsdom in Node), which this Node-and-browser
 * library cannot assume, so instead: tokenize, keep only known-safe tags and attributes with
 * checked values, escape all text, and rebuild every tag ourselves. Anything not on the list is
 * dropped (its text stays, as text); script, style and similar elements are dropped with their
 * content. Links keep only http(s), mailto and in-page (#) targets.
 */
import { escapeHtml } from './html.ts';
import { tokenize, type Attr } from './htmlTokens.ts';

type AttrCheck = (value: string) => string | null;

const oneOf =
  (...allowed: string[]): AttrCheck =>
  (v) =>
    allowed.includes(v.trim().toLowerCase()) ? v.trim().toLowerCase() : null;
const smallInt: AttrCheck = (v) => (/^\s*\d{1,3}\s*$/.test(v) ? String(parseInt(v, 10)) : null);
const anyText: AttrCheck = (v) => v;

/** A link target that navigates somewhere harmless, or null. */
export function safeHref(value: string): string | null {
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (compact.startsWith('#')) return value.trim();
  if (/^(https?:\/\/|mailto:)/.test(compact)) return value.trim();
  return null;
}

const ALIGN = oneOf('left', 'right', 'center');
const CELL = { colspan: smallInt, rowspan: smallInt, align: ALIGN };

const ALLOWED: Record<string, Record<string, AttrCheck>> = {
  p: {},
  br: {},
  hr: {},
  h1: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  ul: {},
  ol: { start: smallInt },
  li: {},
  dl: {},
  dt: {},
  dd: {},
  strong: {},
  em: {},
  b: {},
  i: {},
  u: {},
  s: {},
  del: {},
  ins: {},
  mark: {},
  small: {},
  sup: {},
  sub: {},
  code: {},
  pre: {},
  kbd: {},
  blockquote: {},
  abbr: { title: anyText },
  a: { href: safeHref, title: anyText },
  table: {},
  caption: {},
  thead: {},
  tbody: {},
  tfoot: {},
  tr: {},
  th: { ...CELL, scope: oneOf('row', 'col', 'rowgroup', 'colgroup') },
  td: CELL,
};

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'svg',
  'math',
  'object',
  'embed',
  'iframe',
  'select',
  'textarea',
  'title',
]);

const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'wbr',
  'meta',
  'link',
  'source',
  'col',
  'area',
  'base',
]);

/** Markdown headings move down one level: the report title is the only h1. */
function headingShift(name: string): string {
  const m = /^h([1-6])$/.exec(name);
  return m ? `h${Math.min(6, Number(m[1]) + 1)}` : name;
}

function renderAttrs(name: string, attrs: Attr[]): string {
  const checks = ALLOWED[name];
  const seen = new Set<string>();
  let out = '';
  for (const { name: attr, value } of attrs) {
    const check = Object.hasOwn(checks, attr) ? checks[attr] : undefined;
    if (!check || seen.has(attr)) continue;
    const ok = check(value);
    if (ok === null) continue;
    seen.add(attr);
    out += ` ${attr}="${escapeHtml(ok)}"`;
  }
  if (name === 'a' && seen.has('href')) out += ' rel="noopener noreferrer"';
  return out;
}

/** Returns HTML containing only allow-listed tags and attributes, with all text escaped. */
export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let dropDepth = 0;
  let dropName = '';
  for (const token of tokenize(html)) {
    if (dropDepth > 0) {
      if (token.type === 'start' && token.name === dropName && !token.selfClosing) dropDepth++;
      if (token.type === 'end' && token.name === dropName) dropDepth--;
      continue;
    }
    if (token.type === 'text') {
      out.push(escapeHtml(token.text));
    } else if (token.type === 'start') {
      if (DROP_WITH_CONTENT.has(token.name)) {
        if (!token.selfClosing) {
          dropDepth = 1;
          dropName = token.name;
        }
        continue;
      }
      if (token.name === 'img' || token.name === 'input') {
        // Keep an image's alt text; images are not carried (no external resources).
        const alt = token.attrs.find((a) => a.name === 'alt')?.value;
        if (alt) out.push(escapeHtml(`[image: ${alt}]`));
        continue;
      }
      if (!Object.hasOwn(ALLOWED, token.name)) continue;
      const tag = headingShift(token.name);
      out.push(`<${tag}${renderAttrs(token.name, token.attrs)}>`);
      if (!VOID.has(token.name)) open.push(tag);
    } else {
      const tag = headingShift(token.name);
      const at = open.lastIndexOf(tag);
      if (at === -1 || !Object.hasOwn(ALLOWED, token.name)) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
    }
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}
