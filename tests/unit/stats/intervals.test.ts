import { describe, expect, it } from 'vitest';
import { byarsLower, byarsUpper, wilsonLower, wilsonUpper } from '../../../src/lib/stats';
import { expectClose, loadVectors, num, required, rowName } from './vectors';

const FILE = 'read_phe_byars_wilson_limits.csv';
const TOLERANCE = 1e-9;

describe("Byar's and Wilson limits match PHEindicatormethods", () => {
  const rows = loadVectors(FILE);

  it('reads every row', () => {
    expect(rows).toHaveLength(13);
  });

  it.each(
    rows.map(
      (r) => [rowName(FILE, r, `${r.method} x=${r.x} n=${r.n} ${r.confidence}`), r] as const,
    ),
  )('%s', (name, r) => {
    const x = required(r.x);
    const confidence = required(r.confidence);
    if (r.method === 'Byars') {
      expectClose(byarsLower(x, confidence), num(r.lowercl), TOLERANCE, `${name} lower`);
      expectClose(byarsUpper(x, confidence), num(r.uppercl), TOLERANCE, `${name} upper`);
    } else {
      const n = required(r.n);
      expectClose(wilsonLower(x, n, confidence), num(r.lowercl), TOLERANCE, `${name} lower`);
      expectClose(wilsonUpper(x, n, confidence), num(r.uppercl), TOLERANCE, `${name} upper`);
    }
  });

  it("gives 0 as Byar's lower limit of a zero count", () => {
    expect(byarsLower(0)).toBe(0);
  });

  it('rejects a negative count and an unpublished confidence level', () => {
    expect(() => byarsUpper(-1)).toThrow(/count -1 must be zero or more/);
    expect(() => wilsonLower(1, 10, 0.9)).toThrow(/confidence must be 0.95 .* or 0.998/);
  });
});
