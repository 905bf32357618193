/**
 * Sanitising for the report (issue 11, item 6): markdown cell HTML and chart SVG are parsed and
 * cleaned by DOMPurify (the browser's own parser; jsdom in Node tests), then written out again
 * from the clean DOM by a small serialiser that applies the report's allow-list once more. The
 * second step is not a parser; it is there because the report needs more than DOMPurify gives:
 * - every text and attribute value is written with `escapeHtml`, which also encodes `=` and `:`,
 *   so the file holds no `onerror=` or `javascript:` sequence even as harmless text (mail
 *   gateways, reviewers and the e2e tests that scan the raw file find nothing to flag);
 * - SVG ids and every reference to them get a per-chart prefix (vega numbers its clip paths from
 *   1 in every chart, so two charts in one report would otherwise share them);
 * - links keep only http(s), mailto and in-page targets, images only embedded raster data, and
 *   CSS url() only in-document references; headings move down one level; an image becomes its
 *   alt text.
 * The report is built in the browser (the app) where DOMPurify uses `window`; Node callers (the
 * tests) hand it a jsdom window with `setSanitizerWindow`.
 */
import createDOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { escapeHtml } from './html.ts';

let purifier: Purifier | null = null;

/** The window DOMPurify parses with (jsdom in Node); the browser's own by default. */
export function setSanitizerWindow(win: unknown): void {
  purifier = createDOMPurify(win as never);
}

function purify(): Purifier {
  if (purifier) return purifier;
  if (typeof window === 'undefined')
    throw new Error('The report sanitiser needs a DOM: call setSanitizerWindow (jsdom in Node).');
  purifier = createDOMPurify(window);
  return purifier;
}

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
const HTML_DROP_WITH_CONTENT = new Set([
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

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  data?: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
  getAttribute?(name: string): string | null;
}

const children = (node: DomNode): DomNode[] => Array.from(node.childNodes);
const attrs = (node: DomNode) => Array.from(node.attributes ?? []);

function htmlAttrs(name: string, node: DomNode): string {
  const checks = ALLOWED[name];
  const seen = new Set<string>();
  let out = '';
  for (const { name: attr, value } of attrs(node)) {
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

function writeHtml(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return escapeHtml(node.data ?? '');
  if (node.nodeType !== ELEMENT_NODE) return children(node).map(writeHtml).join('');
  const name = node.nodeName.toLowerCase();
  if (HTML_DROP_WITH_CONTENT.has(name)) return '';
  if (name === 'img' || name === 'input') {
    // Keep an image's alt text; images are not carried (no external resources).
    const alt = node.getAttribute?.('alt');
    return alt ? escapeHtml(`[image: ${alt}]`) : '';
  }
  const inner = children(node).map(writeHtml).join('');
  if (!Object.hasOwn(ALLOWED, name)) return inner;
  const tag = headingShift(name);
  return VOID.has(name)
    ? `<${tag}${htmlAttrs(name, node)}>`
    : `<${tag}${htmlAttrs(name, node)}>${inner}</${tag}>`;
}

/** Returns HTML containing only allow-listed tags and attributes, with all text escaped. */
export function sanitizeHtml(html: string): string {
  const fragment = purify().sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    ALLOWED_TAGS: [...Object.keys(ALLOWED), 'img'],
    ALLOWED_ATTR: [...new Set(Object.values(ALLOWED).flatMap((a) => Object.keys(a))), 'alt'],
    FORBID_CONTENTS: [...HTML_DROP_WITH_CONTENT, 'noscript', 'noembed', 'xmp', 'form'],
    KEEP_CONTENT: true,
  }) as unknown as DomNode;
  return writeHtml(fragment);
}

/** Allowed SVG elements, by lower-cased name, mapped to their proper case. */
const ELEMENTS = new Map(
  [
    'svg',
    'g',
    'path',
    'rect',
    'circle',
    'ellipse',
    'line',
    'polyline',
    'polygon',
    'text',
    'tspan',
    'defs',
    'clipPath',
    'linearGradient',
    'radialGradient',
    'stop',
    'pattern',
    'mask',
    'marker',
    'symbol',
    'use',
    'image',
    'title',
    'desc',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Dropped together with everything inside them. */
const SVG_DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'foreignobject',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
  'discard',
  'iframe',
  'object',
  'embed',
  'handler',
  'listener',
]);

const ATTRIBUTES = new Map(
  [
    'id',
    'class',
    'transform',
    'd',
    'x',
    'y',
    'x1',
    'y1',
    'x2',
    'y2',
    'cx',
    'cy',
    'r',
    'rx',
    'ry',
    'fx',
    'fy',
    'width',
    'height',
    'viewBox',
    'preserveAspectRatio',
    'points',
    'pathLength',
    'fill',
    'fill-opacity',
    'fill-rule',
    'stroke',
    'stroke-width',
    'stroke-opacity',
    'stroke-dasharray',
    'stroke-dashoffset',
    'stroke-linecap',
    'stroke-linejoin',
    'stroke-miterlimit',
    'opacity',
    'color',
    'font-family',
    'font-size',
    'font-weight',
    'font-style',
    'font-variant',
    'text-anchor',
    'dominant-baseline',
    'alignment-baseline',
    'baseline-shift',
    'dx',
    'dy',
    'rotate',
    'textLength',
    'lengthAdjust',
    'letter-spacing',
    'word-spacing',
    'text-decoration',
    'clip-path',
    'clip-rule',
    'clipPathUnits',
    'mask',
    'maskUnits',
    'maskContentUnits',
    'offset',
    'stop-color',
    'stop-opacity',
    'gradientUnits',
    'gradientTransform',
    'spreadMethod',
    'patternUnits',
    'patternContentUnits',
    'patternTransform',
    'visibility',
    'display',
    'pointer-events',
    'shape-rendering',
    'text-rendering',
    'image-rendering',
    'vector-effect',
    'paint-order',
    'mix-blend-mode',
    'isolation',
    'marker-start',
    'marker-mid',
    'marker-end',
    'markerWidth',
    'markerHeight',
    'markerUnits',
    'refX',
    'refY',
    'orient',
    'version',
    'role',
    'focusable',
    'xml:space',
    'style',
    'href',
    'xlink:href',
  ].map((name) => [name.toLowerCase(), name]),
);

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SanitizeSvgOptions {
  /** Prefix for every id (and every reference to one), e.g. "chart3-". */
  idPrefix?: string;
}

const compactSvg = (v: string): string =>
  v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();

/** Rejects values that could run code or fetch anything, whatever the attribute. */
function dangerous(value: string): boolean {
  const c = compactSvg(value);
  if (
    /(javascript|vbscript|livescript):|expression\(|@import|-moz-binding|behavior:|image-set|src\(/.test(
      c,
    )
  ) {
    return true;
  }
  // url(...) may only point inside the document.
  for (const m of c.matchAll(/url\(([^)]*)\)?/g)) {
    if (!/^['"]?#/.test(m[1])) return true;
  }
  return false;
}

function prefixRefs(value: string, prefix: string): string {
  return value.replace(/url\(\s*(['"]?)#/g, `url($1#${prefix}`);
}

function cleanAttr(
  element: string,
  attr: { name: string; value: string },
  prefix: string,
): [string, string] | null {
  const { name, value } = attr;
  if (name.startsWith('on')) return null;
  if (name.startsWith('aria-')) return /^aria-[a-z]+$/.test(name) ? [name, value] : null;
  const proper = ATTRIBUTES.get(name);
  if (!proper) return null;
  if (name === 'href' || name === 'xlink:href') {
    const c = compactSvg(value);
    if (element === 'image' && /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]*$/.test(c)) {
      return ['href', value.replace(/\s+/g, '')];
    }
    return c.startsWith('#') && element !== 'image'
      ? ['href', `#${prefix}${value.trim().slice(1)}`]
      : null;
  }
  if (name === 'style' && /[\\<>]/.test(value)) return null;
  if (dangerous(value)) return null;
  if (name === 'id') return ['id', `${prefix}${value}`];
  return [proper, prefix ? prefixRefs(value, prefix) : value];
}

function writeSvg(node: DomNode, prefix: string, root: boolean): string {
  if (node.nodeType === TEXT_NODE) return escapeHtml(node.data ?? '');
  if (node.nodeType !== ELEMENT_NODE) return '';
  const name = node.nodeName.toLowerCase();
  if (SVG_DROP_WITH_CONTENT.has(name)) return '';
  const inner = children(node)
    .map((c) => writeSvg(c, prefix, false))
    .join('');
  const element = ELEMENTS.get(name);
  if (!element) return inner;
  const out: string[] = root ? [`xmlns="${SVG_NS}"`] : [];
  const seen = new Set<string>();
  for (const a of attrs(node)) {
    const clean = cleanAttr(name, { name: a.name.toLowerCase(), value: a.value }, prefix);
    if (!clean || seen.has(clean[0])) continue;
    seen.add(clean[0]);
    out.push(`${clean[0]}="${escapeHtml(clean[1])}"`);
  }
  const tag = `<${element}${out.map((a) => ` ${a}`).join('')}`;
  return inner === '' && children(node).length === 0 ? `${tag}/>` : `${tag}>${inner}</${element}>`;
}

function firstSvg(node: DomNode): DomNode | null {
  for (const child of children(node)) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    if (child.nodeName.toLowerCase() === 'svg') return child;
    const found = firstSvg(child);
    if (found) return found;
  }
  return null;
}

/**
 * Returns a clean <svg> element, or '' when the input holds no SVG. Only the first <svg> and
 * what is inside it are kept; all text is escaped.
 */
export function sanitizeSvg(svg: string, options: SanitizeSvgOptions = {}): string {
  const prefix = (options.idPrefix ?? '').replace(/[^a-zA-Z0-9_-]/g, '');
  const fragment = purify().sanitize(svg, {
    RETURN_DOM_FRAGMENT: true,
    USE_PROFILES: { svg: true },
    FORBID_TAGS: ['a', 'foreignObject', 'foreignobject', 'animate', 'set', 'script', 'style'],
    FORBID_CONTENTS: [...SVG_DROP_WITH_CONTENT, 'noscript', 'noembed', 'xmp', 'template'],
    ADD_TAGS: ['use'],
    ADD_ATTR: ['clip-path', 'style', 'href', 'role', 'focusable'],
    KEEP_CONTENT: true,
  }) as unknown as DomNode;
  const root = firstSvg(fragment);
  return root ? writeSvg(root, prefix, true) : '';
}
