/**
 * The demo's ready-made views (src/lib/demo/readyMade.ts): a result survives its text form with
 * every value a view can hold ("not calculated" as NaN included), and only a notebook that is
 * exactly the demo's (its four view cells, their options, Peterborough, default comparators and
 * period) is shown them. tests/unit/demo/prebuilt.test.ts proves they equal the engine's results.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithReadyMade,
  decodeViewResult,
  demoParameters,
  demoViewCells,
  encodeViewResult,
  readyMadeFor,
  type ReadyMadeViews,
} from '../../../src/lib/demo/readyMade';
import type { ViewResult } from '../../../src/lib/views/types';
import type { Row } from '../../../src/lib/engine/types';

const result = (rows: Row[]): ViewResult => ({
  indicators: [],
  tables: [{ caption: 'T', columns: [{ key: 'rate', label: 'Rate' }], rows }],
  charts: [],
  methodNote: 'm',
  notes: [],
  synthetic: false,
});

describe('a ready-made result as text', () => {
  it('keeps NaN, infinities, bigints and dates, which JSON alone would not', () => {
    const rows = [
      { rate: NaN, upper: Infinity, lower: -Infinity, n: 12n, at: new Date('2023-04-01') },
      { rate: 4.25, upper: null, lower: 0, n: 0, at: 'text' },
    ] as unknown as Row[]; // wider than Row says: the encoding does not rely on it
    const back = decodeViewResult(encodeViewResult(result(rows)));
    expect(back.tables[0].rows).toEqual(rows);
    expect(Number.isNaN(back.tables[0].rows[0].rate)).toBe(true);
    expect(back.tables[0].rows[0].n).toBe(12n);
  });

  it('is the same text for the same result, and another for another', () => {
    expect(encodeViewResult(result([{ rate: NaN }]))).toBe(
      encodeViewResult(result([{ rate: NaN }])),
    );
    expect(encodeViewResult(result([{ rate: NaN }]))).not.toBe(
      encodeViewResult(result([{ rate: null }])),
    );
  });

  it('refuses values it could not give back', () => {
    expect(() => encodeViewResult(result([{ rate: new Map() as unknown as number }]))).toThrow(
      /JSON cannot keep/,
    );
  });
});

describe("the engine's result against the ready-made one", () => {
  const ready = encodeViewResult(result([{ rate: 74.25634573304374, n: 199, area: 'Hull' }]));

  it('is the same, or close (the last digit of a limit rounded otherwise), or different', () => {
    expect(
      compareWithReadyMade(result([{ rate: 74.25634573304374, n: 199, area: 'Hull' }]), ready),
    ).toBe('same');
    expect(
      compareWithReadyMade(result([{ rate: 74.25634573304373, n: 199, area: 'Hull' }]), ready),
    ).toBe('close');
    for (const row of <Row[]>[
      { rate: 74.2563, n: 199, area: 'Hull' },
      { rate: 74.25634573304374, n: 198, area: 'Hull' },
      { rate: 74.25634573304374, n: 199, area: 'York' },
      { rate: NaN, n: 199, area: 'Hull' },
      { rate: 74.25634573304374, n: 199 },
    ])
      expect(compareWithReadyMade(result([row]), ready)).toBe('different');
    expect(compareWithReadyMade(result([]), ready)).toBe('different');
  });
});

describe('which notebook is shown them', () => {
  const ready: ReadyMadeViews = {
    parameters: demoParameters(),
    cells: demoViewCells(),
    results: ['a', 'b', 'c', 'd'],
  };

  it("the demo's own: its four cells with Peterborough, the default comparators and period", () => {
    expect(readyMadeFor(ready, demoViewCells(), demoParameters())).toEqual(['a', 'b', 'c', 'd']);
    expect(readyMadeFor(ready, demoViewCells(), { ...demoParameters(), groups: [] })).toEqual(
      ready.results,
    );
  });

  it('no other: another area, comparator, period, option, cell area or an extra cell', () => {
    const cells = demoViewCells();
    const p = demoParameters();
    expect(readyMadeFor(ready, cells, { ...p, focalArea: 'E06000010' })).toBeNull();
    expect(readyMadeFor(ready, cells, { ...p, comparator: 'england' })).toBeNull();
    expect(readyMadeFor(ready, cells, { ...p, latestPeriod: '2019-21' })).toBeNull();
    expect(
      readyMadeFor(ready, cells, {
        ...p,
        groups: [{ code: 'GROUP:G', name: 'G', members: ['E06000031'] }],
      }),
    ).toBeNull();
    const changed = cells.map((c, i) => (i === 1 ? { ...c, options: { substance: 'x' } } : c));
    expect(readyMadeFor(ready, changed, p)).toBeNull();
    const ownArea = cells.map((c, i) => (i === 0 ? { ...c, focalArea: 'E06000010' } : c));
    expect(readyMadeFor(ready, ownArea, p)).toBeNull();
    expect(readyMadeFor(ready, [cells[0], ...cells], p)).toBeNull();
    expect(readyMadeFor(ready, cells.slice(1), p)).toBeNull();
    expect(readyMadeFor(null, cells, p)).toBeNull();
  });
});
