import { poissonFunnelMean } from './poissonBisection';
import { checkConfidence, zForConfidence } from './quantiles';
import { isMissing } from './validation';

/** Outcome of comparing an area with a benchmark, after polarity is applied. */
export type Significance = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not-compared';

/** Whether a low or a high value is good; 'none' reports 'higher'/'lower' (Fingertips blues). */
export type Polarity = 'low-is-good' | 'high-is-good' | 'none';

/**
 * Fingertips comparator methods:
 * - 'ci-95': benchmark value inside the area's 95% CI → similar (method 1, the default);
 * - 'ci-95-998': the same with 95% and 99.8% CIs, reporting the level (method 17);
 * - 'ci-overlap': area's and benchmark's 95% CIs overlap → similar (method 12);
 * - 'spc-proportion': Wilson control limits around the benchmark for the area's denominator (5);
 * - 'spc-dsr': Poisson control limits around the benchmark for the area's population (6).
 */
export type ComparisonMethod = 'ci-95' | 'ci-95-998' | 'ci-overlap' | 'spc-proportion' | 'spc-dsr';

/** Fingertips `Significance` names, as its unit tests and CSV exports spell them. */
export type FingertipsSignificance = 'Better' | 'Same' | 'Worse' | 'Best' | 'Worst' | 'None';

/** The area being compared; which fields are needed depends on the method. */
export interface AreaForComparison {
  value: number | null | undefined;
  lower95?: number | null;
  upper95?: number | null;
  lower998?: number | null;
  upper998?: number | null;
  /** Denominator of a proportion ('spc-proportion'). */
  denominator?: number | null;
  /** Population behind a DSR ('spc-dsr'; Fingertips `Denominator2`). */
  denominator2?: number | null;
}

/** The benchmark (England, region, comparator group); limits only for 'ci-overlap'. */
export interface BenchmarkForComparison {
  value: number | null | undefined;
  lower95?: number | null;
  upper95?: number | null;
}

/** Options for a comparison. */
export interface CompareOptions {
  polarity: Polarity;
  /** Default 'ci-95'. */
  method?: ComparisonMethod;
  /** Indicator unit for the SPC methods: 100 for a percentage, 100000 for a rate per 100,000. */
  unit?: number;
  /** Confidence level for the SPC methods: 0.95 (default) or 0.998. */
  confidence?: number;
  /**
   * Fingertips' own confidence variable for the SPC methods, overriding `confidence`: a z value
   * for 'spc-proportion' (1.96 or 3.0902) and a one-sided tail probability for 'spc-dsr'
   * (0.025 or 0.001).
   */
  confidenceVariable?: number;
}

/** A comparison with the confidence level at which a difference was found. */
export interface DetailedComparison {
  significance: Significance;
  /** 95 or 99.8 for a significant difference; null when similar or not compared. */
  level: 95 | 99.8 | null;
  /** The same result in Fingertips' own words (Best/Worst = significant at 99.8%). */
  fingertips: FingertipsSignificance;
}

const POLARITIES: readonly Polarity[] = ['low-is-good', 'high-is-good', 'none'];

type Direction = 'higher' | 'lower' | 'same' | 'none';

interface RawComparison {
  direction: Direction;
  level: 95 | 99.8 | null;
}

const NOT_COMPARED: RawComparison = { direction: 'none', level: null };
const SAME: RawComparison = { direction: 'same', level: null };

const has = (x: number | null | undefined): x is number => !isMissing(x);

function compareOneLevel(area: AreaForComparison, benchmark: number): RawComparison {
  const { value, lower95, upper95 } = area;
  if (!has(value) || !has(lower95) || !has(upper95)) return NOT_COMPARED;
  // Inclusive bounds: a benchmark exactly on a limit is "similar" (Fingertips comparer).
  if (benchmark >= lower95 && benchmark <= upper95) return SAME;
  return { direction: value < benchmark ? 'lower' : 'higher', level: 95 };
}

function compareTwoLevels(area: AreaForComparison, benchmark: number): RawComparison {
  const { value, lower95, upper95, lower998, upper998 } = area;
  if (!has(value) || !has(lower95) || !has(upper95) || !has(lower998) || !has(upper998)) {
    return NOT_COMPARED;
  }
  if (benchmark >= lower95 && benchmark <= upper95) return SAME;
  if (benchmark <= lower95 && benchmark >= lower998) return { direction: 'higher', level: 95 };
  if (benchmark <= upper998 && benchmark >= upper95) return { direction: 'lower', level: 95 };
  return { direction: value < benchmark ? 'lower' : 'higher', level: 99.8 };
}

function compareOverlap(area: AreaForComparison, benchmark: BenchmarkForComparison): RawComparison {
  const a = area;
  const b = benchmark;
  if (!has(a.value) || !has(a.lower95) || !has(a.upper95)) return NOT_COMPARED;
  if (!has(b.value) || !has(b.lower95) || !has(b.upper95)) return NOT_COMPARED;
  const overlap = b.value < a.value ? a.lower95 <= b.upper95 : b.lower95 <= a.upper95;
  if (overlap) return SAME;
  return { direction: a.value < b.value ? 'lower' : 'higher', level: 95 };
}

function levelFromZ(z: number): 95 | 99.8 | null {
  if (Math.abs(z - 1.96) < 0.01) return 95;
  if (Math.abs(z - 3.09) < 0.01) return 99.8;
  return null;
}

function levelFromTail(p: number): 95 | 99.8 | null {
  if (Math.abs(p - 0.025) < 1e-9) return 95;
  if (Math.abs(p - 0.001) < 1e-9) return 99.8;
  return null;
}

function directionFromLimits(
  value: number,
  lower: number,
  upper: number,
): 'higher' | 'lower' | 'same' {
  if (upper < value) return 'higher';
  if (lower > value) return 'lower';
  return 'same';
}

function requireUnit(opts: CompareOptions): number {
  const unit = opts.unit;
  if (unit === undefined || !Number.isFinite(unit) || unit <= 0) {
    throw new Error(
      `Benchmark comparison: method '${opts.method ?? 'ci-95'}' needs the indicator unit (e.g. 100 or 100000)`,
    );
  }
  return unit;
}

function compareSpcProportion(
  area: AreaForComparison,
  benchmark: number,
  opts: CompareOptions,
): RawComparison {
  const { value, denominator } = area;
  const unit = requireUnit(opts);
  if (!has(value) || !has(denominator) || denominator <= 0) return NOT_COMPARED;
  const z =
    opts.confidenceVariable ??
    zForConfidence(checkConfidence(opts.confidence ?? 0.95, 'Benchmark comparison'));
  const z2 = z * z;
  const expected = (denominator * benchmark) / unit;
  const a = 2 * expected + z2;
  const b = z * Math.sqrt(z2 + 4 * expected * (1 - expected / denominator));
  const c = 2 * (denominator + z2);
  const direction = directionFromLimits(value / unit, (a - b) / c, (a + b) / c);
  return direction === 'same' ? SAME : { direction, level: levelFromZ(z) };
}

function compareSpcDsr(
  area: AreaForComparison,
  benchmark: number,
  opts: CompareOptions,
): RawComparison {
  const { value, denominator2 } = area;
  const unit = requireUnit(opts);
  if (!has(value) || !has(denominator2) || denominator2 <= 0) return NOT_COMPARED;
  const tail =
    opts.confidenceVariable ??
    (1 - checkConfidence(opts.confidence ?? 0.95, 'Benchmark comparison')) / 2;
  const expected = benchmark * (denominator2 / unit);
  const lower = (poissonFunnelMean(expected, tail, 'low') / denominator2) * unit;
  const upper = (poissonFunnelMean(expected, tail, 'high') / denominator2) * unit;
  const direction = directionFromLimits(value, lower, upper);
  return direction === 'same' ? SAME : { direction, level: levelFromTail(tail) };
}

function applyPolarity(
  raw: RawComparison,
  polarity: Polarity,
  method: ComparisonMethod,
): DetailedComparison {
  if (raw.direction === 'none') {
    return { significance: 'not-compared', level: null, fingertips: 'None' };
  }
  if (raw.direction === 'same') return { significance: 'similar', level: null, fingertips: 'Same' };
  const isGood =
    polarity === 'low-is-good' ? raw.direction === 'lower' : raw.direction === 'higher';
  const significance: Significance =
    polarity === 'none' ? raw.direction : isGood ? 'better' : 'worse';
  // Fingertips calls a blue (no polarity) "higher" Better, like high-is-good, and only its
  // two-level comparer says Best/Worst; an SPC comparer at 99.8% still says Better/Worse.
  const strong = method === 'ci-95-998' && raw.level === 99.8;
  const fingertips: FingertipsSignificance = isGood
    ? strong
      ? 'Best'
      : 'Better'
    : strong
      ? 'Worst'
      : 'Worse';
  return { significance, level: raw.level, fingertips };
}

/**
 * Compares an area with a benchmark and says at which level, following the Fingertips
 * comparers (ukhsa-collaboration/fingertips-open PholioVisualisationWS/Analysis:
 * SingleOverlappingCIsForOneCILevelComparer, …ForTwoCILevelsComparer, DoubleOverlappingCIsComparer,
 * SpcForProportionsComparer, SpcForDsrComparer). Bounds are inclusive; a missing value, limit or
 * denominator gives 'not-compared'. In the two-level method a 99.8% difference is Fingertips'
 * Best/Worst.
 */
export function compareWithBenchmarkDetailed(
  area: AreaForComparison,
  benchmark: BenchmarkForComparison,
  opts: CompareOptions,
): DetailedComparison {
  const method = opts.method ?? 'ci-95';
  if (!POLARITIES.includes(opts.polarity)) {
    throw new Error(
      `Benchmark comparison: polarity must be 'low-is-good', 'high-is-good' or 'none', got '${String(opts.polarity)}'`,
    );
  }
  const b = benchmark.value;
  let raw: RawComparison;
  if (!has(b)) raw = NOT_COMPARED;
  else if (method === 'ci-95') raw = compareOneLevel(area, b);
  else if (method === 'ci-95-998') raw = compareTwoLevels(area, b);
  else if (method === 'ci-overlap') raw = compareOverlap(area, benchmark);
  else if (method === 'spc-proportion') raw = compareSpcProportion(area, b, opts);
  else if (method === 'spc-dsr') raw = compareSpcDsr(area, b, opts);
  else throw new Error(`Benchmark comparison: unknown method '${String(method)}'`);
  return applyPolarity(raw, opts.polarity, method);
}

/**
 * Compares an area with a benchmark: 'better' | 'similar' | 'worse' (with a polarity),
 * 'higher' | 'similar' | 'lower' (polarity 'none'), or 'not-compared'. Fingertips default
 * comparer: the benchmark inside the area's 95% CI (inclusive) is similar
 * (SingleOverlappingCIsForOneCILevelComparer); see `compareWithBenchmarkDetailed` for the others.
 */
export function compareWithBenchmark(
  area: AreaForComparison,
  benchmark: BenchmarkForComparison,
  opts: CompareOptions,
): Significance {
  return compareWithBenchmarkDetailed(area, benchmark, opts).significance;
}

const LABELS: Record<Significance, string> = {
  better: 'Better',
  similar: 'Similar',
  worse: 'Worse',
  higher: 'Higher',
  lower: 'Lower',
  'not-compared': 'Not compared',
};

/**
 * Display label for a comparison, in Fingertips wording ("Similar" for its `Same`), e.g.
 * `significanceLabel('similar') → 'Similar'`; with a level, `'Better (99.8%)'`.
 */
export function significanceLabel(significance: Significance, level?: 95 | 99.8 | null): string {
  const label = LABELS[significance];
  return level ? `${label} (${level}%)` : label;
}
