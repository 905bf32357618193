/**
 * Allow-list re-serialiser for chart SVG (from vega's SVG renderer) before it is inlined in the
 * report. Inline SVG is live markup: it can carry <script>, event handlers, <foreignObject> with
 * HTML, animation that rewrites links, and references to external resources. Only drawing
 * elements and presentation attributes are kept; links may point only inside the same SVG
 * (#id), images only to embedded raster data; ids are prefixed so several charts in one report
 * do not collide (vega numbers its clip paths from 1 in every chart).
 */
import { escapeHtml } from './html.ts';
import { tokenize, type Attr } from './htmlTokens.ts';

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
const DROP_WITH_CONTENT = new Set([
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

const compact = (v: string): string => v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();

/** Rejects values that could run code or fetch anything, whatever the attribute. */
function dangerous(value: string): boolean {
  const c = compact(value);
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

function cleanAttr(element: string, attr: Attr, prefix: string): [string, string] | null {
  const { name, value } = attr;
  if (name.startsWith('on')) return null;
  if (name.startsWith('aria-')) return /^aria-[a-z]+$/.test(name) ? [name, value] : null;
  const proper = ATTRIBUTES.get(name);
  if (!proper) return null;
  if (name === 'href' || name === 'xlink:href') {
    const c = compact(value);
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

/**
 * Returns a clean <svg> element, or '' when the input holds no SVG. Only the first top-level
 * <svg> and what is inside it are kept; all text is escaped.
 */
export function sanitizeSvg(svg: string, options: SanitizeSvgOptions = {}): string {
  const prefix = (options.idPrefix ?? '').replace(/[^a-zA-Z0-9_-]/g, '');
  const out: string[] = [];
  const open: string[] = [];
  let started = false;
  let dropDepth = 0;
  let dropName = '';
  for (const token of tokenize(svg, new Set(['title']))) {
    if (dropDepth > 0) {
      if (token.type === 'start' && token.name === dropName && !token.selfClosing) dropDepth++;
      if (token.type === 'end' && token.name === dropName) dropDepth--;
      continue;
    }
    if (token.type === 'text') {
      if (open.length > 0) out.push(escapeHtml(token.text));
      continue;
    }
    if (token.type === 'start') {
      if (DROP_WITH_CONTENT.has(token.name)) {
        if (!token.selfClosing) {
          dropDepth = 1;
          dropName = token.name;
        }
        continue;
      }
      const element = ELEMENTS.get(token.name);
      if (!element) continue;
      if (open.length === 0 && (started || token.name !== 'svg')) continue;
      started = true;
      const attrs: string[] = open.length === 0 ? [`xmlns="${SVG_NS}"`] : [];
      const seen = new Set<string>();
      for (const attr of token.attrs) {
        const clean = cleanAttr(token.name, attr, prefix);
        if (!clean || seen.has(clean[0])) continue;
        seen.add(clean[0]);
        attrs.push(`${clean[0]}="${escapeHtml(clean[1])}"`);
      }
      const tag = `<${element}${attrs.map((a) => ` ${a}`).join('')}`;
      if (token.selfClosing) {
        out.push(`${tag}/>`);
      } else {
        out.push(`${tag}>`);
        open.push(element);
      }
    } else {
      const element = ELEMENTS.get(token.name);
      if (!element) continue;
      const at = open.lastIndexOf(element);
      if (at === -1) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      if (open.length === 0) break;
    }
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}
