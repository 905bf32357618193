/**
 * Finding an area from what an analyst types: its ONS code, its name in any case or punctuation
 * ("St Helens", "st. helens"), or a common short name ("Hull", "Durham", "Bristol", "Brighton",
 * "Southend"). Pure: the area list comes in, one area or the candidates come out. A guess is
 * never made: when several areas fit equally well, all of them are returned to choose from.
 */
export interface NamedArea {
  code: string;
  name: string;
}

export type FindAreaResult<A extends NamedArea> =
  | { kind: 'empty' }
  | { kind: 'found'; area: A }
  | { kind: 'several'; candidates: A[] }
  | { kind: 'none' };

/** Words that say what kind of body an area is, not which: "Hull City Council", "City of Bristol". */
const FILLER = new Set([
  'city',
  'of',
  'county',
  'council',
  'borough',
  'metropolitan',
  'district',
  'royal',
  'the',
  'unitary',
  'authority',
]);

/** Lower case, "&" as "and", punctuation as spaces: "Southend-on-Sea" = "southend on sea". */
export function normaliseAreaText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (text: string) => normaliseAreaText(text).split(' ').filter(Boolean);
const meaningful = (ws: string[]) => {
  const kept = ws.filter((w) => !FILLER.has(w));
  return kept.length > 0 ? kept : ws;
};

/**
 * The area the text names, tried from the strictest reading to the loosest, stopping at the
 * first that fits any area: the code; the whole name; every word a whole word of the name;
 * every word the start of one; the letters anywhere in the name.
 */
export function findArea<A extends NamedArea>(
  text: string,
  areas: readonly A[],
): FindAreaResult<A> {
  const query = text.trim();
  if (!query) return { kind: 'empty' };
  const code = query.toUpperCase().replace(/\s+/g, '');
  const byCode = areas.filter((a) => a.code.toUpperCase() === code);
  if (byCode.length > 0) return result(byCode);

  const q = normaliseAreaText(query);
  const qWords = meaningful(words(query));
  const indexed = areas.map((a) => ({
    area: a,
    full: normaliseAreaText(a.name),
    words: words(a.name),
  }));
  const tiers: ((x: (typeof indexed)[number]) => boolean)[] = [
    (x) => x.full === q,
    (x) => meaningful(x.words).join(' ') === qWords.join(' '),
    (x) => qWords.every((w) => x.words.includes(w)),
    (x) => qWords.every((w) => x.words.some((n) => n.startsWith(w))),
    (x) => x.full.replace(/ /g, '').includes(q.replace(/ /g, '')),
  ];
  for (const fits of tiers) {
    const found = indexed.filter(fits).map((x) => x.area);
    if (found.length > 0) return result(found);
  }
  return { kind: 'none' };
}

function result<A extends NamedArea>(found: A[]): FindAreaResult<A> {
  const unique = [...new Map(found.map((a) => [a.code, a])).values()];
  return unique.length === 1
    ? { kind: 'found', area: unique[0] }
    : { kind: 'several', candidates: unique.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** What to tell the analyst when the text does not name exactly one area. */
export function findAreaProblem<A extends NamedArea>(
  text: string,
  found: FindAreaResult<A>,
  what = 'an upper-tier local authority in the area list',
): string {
  if (found.kind === 'none')
    return `"${text.trim()}" is not ${what}. Type part of its name or its ONS code (e.g. Hull or E06000010).`;
  if (found.kind === 'several')
    return `"${text.trim()}" fits ${found.candidates.length} areas: choose one.`;
  return '';
}
