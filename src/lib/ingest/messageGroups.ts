/**
 * Groups the notes a loaded file produces so the data panel says "12 retired area codes kept as
 * they are" once, with the list behind a "show" disclosure, instead of one line per code per file
 * (the demo's files gave about 90 such lines and a 16,000 px panel).
 *
 * Two kinds are known by their wording (src/lib/schema/normalise.ts: recodeNote, retiredNote) and
 * get a summary that counts codes and rows; any other note that repeats with only its numbers,
 * area codes or quoted values changed is grouped as "N similar notes". A note that does not repeat
 * stays a single line. Groups keep the order in which their first note came.
 */

export interface MessageGroup {
  /** Stable within one list of notes (the kind, or the shape of a repeated note). */
  key: string;
  /** What the group says when closed; null for a note shown on its own. */
  summary: string | null;
  /** Said once above the list when the group is opened (what every note of the kind repeats). */
  detail?: string;
  /** The notes behind it, as they are read when the group is opened. */
  items: string[];
}

interface KnownKind {
  key: string;
  pattern: RegExp;
  /** The summary for `codes` notes covering `rows` rows. */
  summary: (codes: number, rows: number) => string;
  detail?: string;
  /** The note as listed under the summary (the sentence every note repeats is in `detail`). */
  item: (message: string) => string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const RETIRED_TAIL =
  / Kept as they are, because figures for the old area cannot be split or re-added safely\.$/;

const KNOWN_KINDS: KnownKind[] = [
  {
    key: 'recoded-area-codes',
    pattern: /^([\d,]+) rows? used the old code \S+ for .+; recoded to \S+/,
    summary: (codes, rows) => `${plural(codes, 'old area code')} recoded (${plural(rows, 'row')})`,
    detail: 'The same areas under their current codes, so their rows match the areas table.',
    item: (m) => m,
  },
  {
    key: 'retired-area-codes',
    pattern: /^([\d,]+) rows? uses? \S+ \(.+\), which no longer exists/,
    summary: (codes, rows) => `${plural(codes, 'retired area code')} kept (${plural(rows, 'row')})`,
    detail:
      'These areas no longer exist (merged or split 2019-2023). Their rows are kept as they are, because figures for an old area cannot be split or re-added safely; they will not match current areas.',
    item: (m) => m.replace(RETIRED_TAIL, ''),
  },
];

/**
 * What stays the same when a note repeats for another code, count or value: the note with its
 * numbers, area codes (E06000028), quoted values and bracketed asides taken out.
 */
export function messageShape(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\([^()]*\)/g, '(…)')
    .replace(/\b[A-Z]\d{8}\b/g, '#')
    .replace(/\d[\d,.]*/g, '#');
}

export function groupMessages(messages: readonly string[]): MessageGroup[] {
  const known = new Map<string, { kind: KnownKind; items: string[]; rows: number }>();
  const byShape = new Map<string, string[]>();
  // Each group's place: where its first note was.
  const order: { key: string; known: boolean }[] = [];

  for (const message of messages) {
    const kind = KNOWN_KINDS.find((k) => k.pattern.test(message));
    if (kind) {
      let group = known.get(kind.key);
      if (!group) {
        group = { kind, items: [], rows: 0 };
        known.set(kind.key, group);
        order.push({ key: kind.key, known: true });
      }
      group.items.push(kind.item(message));
      group.rows += Number(kind.pattern.exec(message)![1].replace(/,/g, ''));
      continue;
    }
    const shape = messageShape(message);
    const same = byShape.get(shape);
    if (same) same.push(message);
    else {
      byShape.set(shape, [message]);
      order.push({ key: shape, known: false });
    }
  }

  return order.map(({ key, known: isKnown }) => {
    if (isKnown) {
      const g = known.get(key)!;
      return {
        key,
        summary: g.kind.summary(g.items.length, g.rows),
        ...(g.kind.detail ? { detail: g.kind.detail } : {}),
        items: g.items,
      };
    }
    const items = byShape.get(key)!;
    return {
      key: `shape:${key}`,
      summary: items.length === 1 ? null : `${plural(items.length, 'similar note')}`,
      items,
    };
  });
}
