/**
 * Charts leave the app under the same disclosure control as the tables they come from.
 *
 * A view chart carries its rows inline (`data.values`), drawn from the same figures as the
 * view's tables but reshaped (one bar per area and group, a label with "(focal area)" added).
 * Rather than a second rule for charts, each chart value is traced back to the table cell it
 * shows, and is hidden when that cell is hidden:
 * - a chart row belongs to the table rows whose row header (area name, period) appears in one
 *   of its text fields (the longest such name, so "Hull" does not claim "Kingston upon Hull");
 * - a number in that chart row is the cell of those table rows holding the same number; it is
 *   blanked (null) when any such cell is hidden, and also when it matches no cell while the
 *   row has hidden cells (a figure the table does not show may be computed from a hidden one);
 * - a chart row that belongs to no table row keeps its numbers unless one equals a hidden cell
 *   of the view's tables, or it is a small count by its field name.
 * Vega-Lite drops marks whose value is null, so a hidden figure is a gap in the chart, never its
 * value, and its ARIA label and tooltip do not exist. The chart's prose description (written by
 * the view from unsuppressed numbers) is replaced by one generated from the disclosed rows when
 * anything in the view is suppressed.
 */
import { mapInlineData } from '../views/chartData.ts';
import { DEFAULT_DISCLOSURE_RULE, isSmallCount, type DisclosureRule } from './disclosure.ts';
import { SUPPRESSED, numericValue } from './disclosureTable.ts';
import { disclosureTableOf, type DisplayTable } from './displayTable.ts';

/** A view table with its rows as disclosure control left them. */
export interface DisclosedSource {
  table: DisplayTable;
  /** Same length and order as `table.rows`; hidden cells hold SUPPRESSED. */
  disclosed: Record<string, unknown>[];
}

export interface DisclosedChart<S> {
  spec: S;
  description: string;
  /** Chart values blanked because the table cell they show is hidden. */
  suppressedValues: number;
  /** Numbers drawn in the chart (before blanking). */
  values: number;
}

/** Field names of chart rows that hold positions, not figures. */
const STRUCTURAL = /(^|_)(order|rank|index|sort|category_order)$/i;
/** Field names of chart rows that are counts of people or events. */
const COUNT_NAME = /(^|_)(count|n|number|people|persons|deaths|events|numerator|observed|cases)$/i;

const EPS = 1e-9;

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

interface RowRef {
  source: DisclosedSource;
  row: number;
}

export function discloseChart<S>(
  spec: S,
  description: string,
  sources: DisclosedSource[],
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosedChart<S> {
  // Row headers of every table, for linking chart rows to table rows.
  const headers: { name: string; ref: RowRef }[] = [];
  const hiddenValues: number[] = [];
  let anyHidden = false;
  for (const source of sources) {
    const header = disclosureTableOf(source.table).columns.find((c) => c.kind === 'text')?.key;
    source.table.rows.forEach((row, i) => {
      const name = header ? row[header] : undefined;
      if (typeof name === 'string' && name.trim().length >= 2)
        headers.push({ name: name.trim(), ref: { source, row: i } });
      for (const [key, v] of Object.entries(source.disclosed[i] ?? {}))
        if (v === SUPPRESSED) {
          anyHidden = true;
          const raw = numericValue(row[key]);
          if (Number.isFinite(raw)) hiddenValues.push(raw);
        }
    });
  }

  const linkedRows = (datum: Record<string, unknown>): RowRef[] => {
    const texts = Object.values(datum).filter((v): v is string => typeof v === 'string');
    const hits = headers.filter((h) => texts.some((t) => t === h.name || t.includes(h.name)));
    return hits
      .filter((h) => !hits.some((o) => o.name.length > h.name.length && o.name.includes(h.name)))
      .map((h) => h.ref);
  };

  let suppressedValues = 0;
  let values = 0;
  const discloseRow = (datum: Record<string, unknown>): Record<string, unknown> => {
    const links = linkedRows(datum);
    const out: Record<string, unknown> = { ...datum };
    const rowHasHidden = links.some((l) =>
      Object.values(l.source.disclosed[l.row] ?? {}).includes(SUPPRESSED),
    );
    for (const [field, v] of Object.entries(datum)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || STRUCTURAL.test(field)) continue;
      values++;
      let hide: boolean;
      if (links.length > 0) {
        const matches = links.flatMap((l) =>
          Object.entries(l.source.table.rows[l.row] ?? {})
            .filter(([, raw]) => Number.isFinite(numericValue(raw)) && same(numericValue(raw), v))
            .map(([key]) => l.source.disclosed[l.row]?.[key]),
        );
        hide = matches.length > 0 ? matches.includes(SUPPRESSED) : rowHasHidden;
        // Rounded to 5 in the table: drawn rounded too.
        const shown = matches.find((m) => typeof m === 'number' && !same(m, v));
        if (!hide && typeof shown === 'number') out[field] = shown;
      } else {
        hide =
          hiddenValues.some((h) => same(h, v)) || (COUNT_NAME.test(field) && isSmallCount(v, rule));
      }
      if (hide) {
        out[field] = null;
        suppressedValues++;
      }
    }
    // Text that repeats a hidden cell ("meets 75% ambition") goes too.
    for (const l of links)
      for (const [key, raw] of Object.entries(l.source.table.rows[l.row] ?? {}))
        if (typeof raw === 'string' && l.source.disclosed[l.row]?.[key] === SUPPRESSED)
          for (const [field, v] of Object.entries(out)) if (v === raw) out[field] = null;
    return out;
  };

  const disclosedSpec = mapInlineData(spec, (rows) => rows.map(discloseRow));
  const safe = !anyHidden && suppressedValues === 0;
  const text = safe ? description : generatedDescription(disclosedSpec, suppressedValues, values);
  const withDescription =
    disclosedSpec && typeof disclosedSpec === 'object' && 'description' in disclosedSpec
      ? ({ ...disclosedSpec, description: text } as S)
      : disclosedSpec;
  return { spec: withDescription, description: text, suppressedValues, values };
}

/** The first encoding that pairs a category with a number: what to read out. */
function readout(
  spec: unknown,
): { label: string; value: string; rows: Record<string, unknown>[] } | null {
  const visit = (
    node: unknown,
    rows: Record<string, unknown>[] | null,
  ): ReturnType<typeof readout> => {
    if (!node || typeof node !== 'object') return null;
    const n = node as {
      data?: { values?: Record<string, unknown>[] };
      encoding?: Record<string, { field?: string; type?: string }>;
      layer?: unknown[];
    };
    const here = Array.isArray(n.data?.values) ? n.data.values : rows;
    const enc = n.encoding ?? {};
    const channels = Object.values(enc).filter((c) => c && typeof c.field === 'string');
    const label = channels.find((c) => c.type === 'nominal' || c.type === 'ordinal')?.field;
    const value = channels.find((c) => c.type === 'quantitative')?.field;
    if (here && label && value) return { label, value, rows: here };
    for (const child of n.layer ?? []) {
      const found = visit(child, here);
      if (found) return found;
    }
    return null;
  };
  return visit(spec, null);
}

/** "Chart title: 12 figures; Hull: 514; Luton: suppressed; …" from the disclosed rows only. */
function generatedDescription(spec: unknown, suppressed: number, values: number): string {
  const title = (spec as { title?: unknown }).title;
  const titleText =
    typeof title === 'string'
      ? title
      : title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string'
        ? (title as { text: string }).text
        : 'Chart';
  const parts = [
    `${titleText}. Figures under disclosure control: ${suppressed} of ${values} ${values === 1 ? 'value is' : 'values are'} suppressed and left out of the chart (shown as gaps).`,
  ];
  const read = readout(spec);
  if (read) {
    const items = read.rows.slice(0, 12).map((r) => {
      const v = r[read.value];
      const shown =
        typeof v === 'number'
          ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v)
          : 'suppressed';
      const extra = Object.entries(r)
        .filter(
          ([k, x]) => k !== read.label && typeof x === 'string' && k !== 'marker' && k !== 'role',
        )
        .map(([, x]) => String(x));
      return `${[String(r[read.label] ?? ''), ...extra].filter(Boolean).join(', ')}: ${shown}`;
    });
    if (items.length > 0)
      parts.push(
        `${items.join('; ')}${read.rows.length > items.length ? `; and ${read.rows.length - items.length} more in the data table` : ''}.`,
      );
  }
  return parts.join(' ');
}
