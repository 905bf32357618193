import { describe, expect, it } from 'vitest';
import {
  compareWithBenchmark,
  compareWithBenchmarkDetailed,
  significanceLabel,
  type CompareOptions,
  type ComparisonMethod,
  type Polarity,
} from '../../../src/lib/stats';
import { loadVectors, num, required, rowName, type VectorRow } from './vectors';

const FILE = 'read_fingertips_comparator_cases.csv';

// Fingertips comparator method names (and ids) → the notebook's method names.
const METHODS: Record<string, ComparisonMethod> = {
  'SingleOverlappingCIsForOneCiLevel(1)': 'ci-95',
  'SingleOverlappingCIsForTwoCiLevels(17)': 'ci-95-998',
  'DoubleOverlappingCIs(12)': 'ci-overlap',
  'SpcForProportions(5)': 'spc-proportion',
  'SpcForDsr(6)': 'spc-dsr',
};

// Fingertips PolarityIds: 0 = RAG low is good, 1 = RAG high is good.
const POLARITIES: Record<string, Polarity> = { '0': 'low-is-good', '1': 'high-is-good' };

function optionsFor(r: VectorRow): CompareOptions {
  const method = METHODS[r.comparator_method];
  if (!method) throw new Error(`unknown comparator method ${r.comparator_method}`);
  return {
    method,
    polarity: POLARITIES[r.polarity_id],
    unit: num(r.unit) ?? undefined,
    confidenceVariable: num(r.confidence_variable) ?? undefined,
  };
}

describe('benchmark comparisons match the Fingertips comparer unit tests', () => {
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(40);
  });

  it.each(
    rows.map(
      (r) =>
        [
          rowName(
            FILE,
            r,
            `${r.comparator_method} polarity ${r.polarity_id} → ${r.expected_significance}`,
          ),
          r,
        ] as const,
    ),
  )('%s', (_name, r) => {
    const area = {
      value: num(r.value),
      lower95: num(r.lower95),
      upper95: num(r.upper95),
      lower998: num(r.lower99_8),
      upper998: num(r.upper99_8),
      denominator: num(r.denominator),
      denominator2: num(r.denominator2),
    };
    const benchmark = {
      value: required(r.comparator_value),
      lower95: num(r.comparator_lower95),
      upper95: num(r.comparator_upper95),
    };
    const opts = optionsFor(r);
    const detailed = compareWithBenchmarkDetailed(area, benchmark, opts);
    expect(detailed.fingertips).toBe(r.expected_significance);

    const expectedSimple: Record<string, string> = {
      Same: 'similar',
      Better: 'better',
      Best: 'better',
      Worse: 'worse',
      Worst: 'worse',
      None: 'not-compared',
    };
    expect(compareWithBenchmark(area, benchmark, opts)).toBe(
      expectedSimple[r.expected_significance],
    );
    if (r.expected_significance === 'Best' || r.expected_significance === 'Worst') {
      expect(detailed.level).toBe(99.8);
    }
    if (r.expected_significance === 'Same' || r.expected_significance === 'None') {
      expect(detailed.level).toBeNull();
    }
  });
});

describe('benchmark comparison semantics', () => {
  const area = { value: 3.3, lower95: 3.2, upper95: 3.5 };

  it('reports higher/lower when the indicator has no polarity', () => {
    expect(compareWithBenchmark(area, { value: 3.0 }, { polarity: 'none' })).toBe('higher');
    expect(compareWithBenchmark(area, { value: 4.0 }, { polarity: 'none' })).toBe('lower');
    expect(compareWithBenchmark(area, { value: 3.4 }, { polarity: 'none' })).toBe('similar');
  });

  it('treats a benchmark exactly on a limit as similar (inclusive bounds)', () => {
    expect(compareWithBenchmark(area, { value: 3.2 }, { polarity: 'high-is-good' })).toBe(
      'similar',
    );
    expect(compareWithBenchmark(area, { value: 3.5 }, { polarity: 'high-is-good' })).toBe(
      'similar',
    );
  });

  it('does not compare when the value, a limit or the benchmark is missing', () => {
    const polarity = { polarity: 'low-is-good' } as const;
    expect(compareWithBenchmark({ ...area, value: null }, { value: 3 }, polarity)).toBe(
      'not-compared',
    );
    expect(compareWithBenchmark({ ...area, upper95: Number.NaN }, { value: 3 }, polarity)).toBe(
      'not-compared',
    );
    expect(compareWithBenchmark(area, { value: undefined }, polarity)).toBe('not-compared');
    expect(
      compareWithBenchmark(area, { value: 3 }, { polarity: 'low-is-good', method: 'ci-95-998' }),
    ).toBe('not-compared');
  });

  it('gives display labels in Fingertips wording', () => {
    expect(significanceLabel('similar')).toBe('Similar');
    expect(significanceLabel('better')).toBe('Better');
    expect(significanceLabel('not-compared')).toBe('Not compared');
    expect(significanceLabel('worse', 99.8)).toBe('Worse (99.8%)');
  });

  it('needs the unit for the SPC methods', () => {
    expect(() =>
      compareWithBenchmark(
        { value: 5, denominator: 100 },
        { value: 4 },
        { polarity: 'low-is-good', method: 'spc-proportion' },
      ),
    ).toThrow(/needs the indicator unit/);
  });
});

describe('benchmark comparison input checks', () => {
  it('refuses an unknown polarity', () => {
    expect(() =>
      compareWithBenchmark(
        { value: 1, lower95: 0, upper95: 2 },
        { value: 1 },
        { polarity: 'up' as unknown as Polarity },
      ),
    ).toThrow(
      "Benchmark comparison: polarity must be 'low-is-good', 'high-is-good' or 'none', got 'up'",
    );
  });

  it('compares two-level with no polarity as higher/lower at 99.8%', () => {
    const area = { value: 2.6, lower95: 2.5, upper95: 2.7, lower998: 2.3, upper998: 2.9 };
    expect(
      compareWithBenchmarkDetailed(area, { value: 3.0 }, { polarity: 'none', method: 'ci-95-998' }),
    ).toEqual({ significance: 'lower', level: 99.8, fingertips: 'Worst' });
    expect(
      compareWithBenchmarkDetailed(area, { value: 2.8 }, { polarity: 'none', method: 'ci-95-998' }),
    ).toEqual({ significance: 'lower', level: 95, fingertips: 'Worse' });
  });

  it('uses the confidence option when no Fingertips confidence variable is given', () => {
    const area = { value: 12.47, denominator: 1972 };
    const opts = { polarity: 'low-is-good', method: 'spc-proportion', unit: 100 } as const;
    expect(compareWithBenchmarkDetailed(area, { value: 8.96 }, opts)).toEqual({
      significance: 'worse',
      level: 95,
      fingertips: 'Worse',
    });
    expect(
      compareWithBenchmarkDetailed(area, { value: 8.96 }, { ...opts, confidence: 0.998 }).level,
    ).toBe(99.8);
  });
});
