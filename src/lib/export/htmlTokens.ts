/**
 * A small, forgiving HTML/SVG tokenizer for the report's allow-list sanitisers. It does not need
 * to match a browser's parser exactly: the sanitisers rebuild every tag and attribute they keep
 * from scratch and escape all text, so a disagreement can only change which inert text appears,
 * never let markup through. Comments, doctypes and processing instructions are dropped; the
 * content of raw-text elements (script, style, …) is skipped entirely.
 */
import { decodeEntities } from './html.ts';

export interface Attr {
  /** Lower-cased name. */
  name: string;
  /** Decoded value ('' for a bare attribute). */
  value: string;
}

export type Token =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; rawName: string; attrs: Attr[]; selfClosing: boolean }
  | { type: 'end'; name: string };

/** Elements whose content is never markup: skipped, content and all. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[a-zA-Z]/.test(ch);

/**
 * Splits markup into tokens (text decoded). `keepRawText` names raw-text elements whose text
 * should be kept as text instead of dropped (SVG <title>).
 */
export function tokenize(markup: string, keepRawText: ReadonlySet<string> = new Set()): Token[] {
  const tokens: Token[] = [];
  const s = markup;
  let i = 0;
  const pushText = (text: string): void => {
    if (text) tokens.push({ type: 'text', text: decodeEntities(text) });
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt === -1) {
      pushText(s.slice(i));
      break;
    }
    pushText(s.slice(i, lt));
    i = lt;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      i = end === -1 ? s.length : end + 3;
    } else if (s[i + 1] === '/' && isLetter(s[i + 2])) {
      const m = /^<\/([^\s/>]+)/.exec(s.slice(i));
      const close = s.indexOf('>', i);
      tokens.push({ type: 'end', name: (m?.[1] ?? '').toLowerCase() });
      i = close === -1 ? s.length : close + 1;
    } else if (isLetter(s[i + 1])) {
      const parsed = parseStartTag(s, i);
      if (!parsed) break; // unterminated tag: a browser drops it too
      tokens.push(parsed.token);
      i = parsed.end;
      const name = parsed.token.name;
      if (RAW_TEXT.has(name) && !parsed.token.selfClosing) {
        const closeAt = s.toLowerCase().indexOf(`</${name}`, i);
        const stop = closeAt === -1 ? s.length : closeAt;
        if (keepRawText.has(name)) pushText(s.slice(i, stop));
        i = stop;
        if (!keepRawText.has(name) || closeAt === -1) {
          // Balance the skipped element so the sanitiser never leaves it open.
          const gt = closeAt === -1 ? -1 : s.indexOf('>', closeAt);
          tokens.push({ type: 'end', name });
          i = gt === -1 ? s.length : gt + 1;
        }
      }
    } else if (s[i + 1] === '!' || s[i + 1] === '?' || s[i + 1] === '/') {
      const end = s.indexOf('>', i);
      i = end === -1 ? s.length : end + 1;
    } else {
      pushText('<');
      i++;
    }
  }
  return tokens;
}

function parseStartTag(
  s: string,
  from: number,
): { token: Extract<Token, { type: 'start' }>; end: number } | null {
  const nameMatch = /^<([^\s/>]+)/.exec(s.slice(from, from + 200));
  if (!nameMatch) return null;
  const rawName = nameMatch[1];
  let i = from + nameMatch[0].length;
  const attrs: Attr[] = [];
  let selfClosing = false;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '>') {
      return {
        token: { type: 'start', name: rawName.toLowerCase(), rawName, attrs, selfClosing },
        end: i + 1,
      };
    } else if (ch === '/') {
      selfClosing = s[i + 1] === '>';
      i++;
    } else {
      const m = /^[^\s/>][^\s/>=]*/.exec(s.slice(i));
      const name = m ? m[0] : ch;
      i += name.length;
      while (/\s/.test(s[i] ?? '')) i++;
      let value = '';
      if (s[i] === '=') {
        i++;
        while (/\s/.test(s[i] ?? '')) i++;
        const q = s[i];
        if (q === '"' || q === "'") {
          const close = s.indexOf(q, i + 1);
          if (close === -1) return null;
          value = s.slice(i + 1, close);
          i = close + 1;
        } else {
          const v = /^[^\s>]*/.exec(s.slice(i))![0];
          value = v;
          i += v.length;
        }
      }
      attrs.push({ name: name.toLowerCase(), value: decodeEntities(value) });
      selfClosing = false;
    }
  }
  return null;
}
