/**
 * How a comparison with a benchmark is drawn, as Fingertips draws it: its colours (fingertips-open
 * `colours`: better #92D050, similar #FFC000, worse #C00000; without a polarity judgement lower
 * #5555E6 and higher #C2CCFF in blue; not compared white) and its legend wording and order
 * (Better, Similar, Worse; Lower, Similar, Higher; Not compared). Each label also has its own
 * shape, and every point is outlined in black, so colour is never the only cue
 * (tests/unit/views/palette.test.ts checks the colours under simulated colour-blindness).
 */

export type SignificanceLabel =
  'Better' | 'Similar' | 'Worse' | 'Lower' | 'Higher' | 'Not compared';

export const SIGNIFICANCE_PALETTE: Record<SignificanceLabel, { colour: string; shape: string }> = {
  Better: { colour: '#92D050', shape: 'triangle-up' },
  Similar: { colour: '#FFC000', shape: 'circle' },
  Worse: { colour: '#C00000', shape: 'triangle-down' },
  Lower: { colour: '#5555E6', shape: 'diamond' },
  Higher: { colour: '#C2CCFF', shape: 'square' },
  'Not compared': { colour: '#FFFFFF', shape: 'cross' },
};

const JUDGED: SignificanceLabel[] = ['Better', 'Similar', 'Worse'];
const UNJUDGED: SignificanceLabel[] = ['Lower', 'Similar', 'Higher'];

/**
 * The legend's entries, in Fingertips' order: Better/Similar/Worse where the indicators have a
 * polarity, Lower/Similar/Higher where they have none (both on a spine chart that mixes them),
 * then Not compared. `polarities` says which kinds the chart shows when the labels alone cannot
 * (every area "Similar").
 */
export function significanceDomain(
  labels: readonly unknown[],
  polarities: { judged?: boolean; unjudged?: boolean } = {},
): SignificanceLabel[] {
  const present = new Set(labels.map(String));
  const judged = polarities.judged || present.has('Better') || present.has('Worse');
  const unjudged = polarities.unjudged || present.has('Lower') || present.has('Higher');
  const out: SignificanceLabel[] = [];
  if (judged) out.push(...JUDGED);
  if (unjudged) for (const l of UNJUDGED) if (!out.includes(l)) out.push(l);
  if (out.length === 0) out.push('Similar');
  out.push('Not compared');
  return out;
}

/** A colour or shape encoding by the `significance` field, with its legend below the chart. */
export function significanceChannel(
  channel: 'colour' | 'shape',
  title: string,
  domain: SignificanceLabel[],
) {
  return {
    field: 'significance',
    type: 'nominal',
    title,
    scale: { domain, range: domain.map((l) => SIGNIFICANCE_PALETTE[l][channel]) },
    // Three entries a row: a single row of six would run off a narrow chart.
    legend: { orient: 'bottom', direction: 'horizontal', columns: 3, titleLimit: 0 },
  };
}

/**
 * An axis domain that holds every value and interval end, and the benchmark, so no interval is
 * clipped; from zero when every value is positive (bars and rates read from zero), and with room
 * on the right for a text marker after the longest interval.
 */
export function xDomain(
  values: readonly (number | null | undefined)[],
  opts: { fromZero?: boolean; roomRight?: number } = {},
): [number, number] | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return null;
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (opts.fromZero !== false && lo > 0) lo = 0;
  if (hi === lo) hi = lo + 1;
  hi += (hi - lo) * (opts.roomRight ?? 0);
  return [lo, hi];
}
