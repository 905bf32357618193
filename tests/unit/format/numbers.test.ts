import { describe, expect, it } from 'vitest';
import { formatNumber, formatWithInterval, NO_VALUE } from '../../../src/lib/format/numbers';

describe('number display', () => {
  it.each([
    [1234567, 'count', '1,234,567'],
    [1234.56, 'count', '1,234.6'],
    [5, 'rate', '5.0'],
    [4.96, 'rate', '5.0'],
    [12345.678, 'rate', '12,345.7'],
    [47.25, 'percent', '47.3%'],
    [null, 'rate', NO_VALUE],
    [Number.NaN, 'count', NO_VALUE],
    ['Peterborough', 'text', 'Peterborough'],
  ] as const)('%s as %s → %s', (value, format, shown) => {
    expect(formatNumber(value, format)).toBe(shown);
  });

  it('writes a value with its interval the way a board paper does', () => {
    expect(formatWithInterval(5, 3.4, 7.2)).toBe('5.0 (3.4 to 7.2)');
    expect(formatWithInterval(null, null, null)).toBe(NO_VALUE);
    expect(formatWithInterval(12.5, null, null, 'percent')).toBe('12.5%');
  });
});
