import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { findArea, normaliseAreaText } from '../../../src/lib/domain/findArea';

/** The real upper-tier list the app ships (one row per upper-tier authority). */
const rows = Papa.parse<Record<string, string>>(
  readFileSync('datasets/derived_england_ltla_utla_region_lookup_2023plus.csv', 'utf8'),
  { header: true, skipEmptyLines: true },
).data;
const AREAS = [
  ...new Map(rows.map((r) => [r.utla_code, { code: r.utla_code, name: r.utla_name }])).values(),
];

const found = (text: string) => {
  const r = findArea(text, AREAS);
  return r.kind === 'found'
    ? r.area.code
    : r.kind === 'several'
      ? r.candidates.map((a) => a.name)
      : r.kind;
};

describe('findArea over the shipped upper-tier authorities', () => {
  it('takes common short names to the one authority they mean', () => {
    expect(found('Hull')).toBe('E06000010');
    expect(found('Durham')).toBe('E06000047');
    expect(found('Bristol')).toBe('E06000023');
    expect(found('Brighton')).toBe('E06000043');
    expect(found('Southend')).toBe('E06000033');
    expect(found('Hull City Council')).toBe('E06000010');
    expect(found('Bristol, City of')).toBe('E06000023');
  });

  it('takes codes and names in any case, spacing or punctuation', () => {
    expect(found('e06000010')).toBe('E06000010');
    expect(found(' E06000031 ')).toBe('E06000031');
    expect(found('kingston upon hull')).toBe('E06000010');
    expect(found('SOUTHEND ON SEA')).toBe('E06000033');
    expect(found('st helens')).toBe('E08000013');
    expect(found('Brighton & Hove')).toBe('E06000043');
    expect(found('Telford & Wrekin')).toBe(found('telford and wrekin'));
  });

  it('prefers the whole name to a part of another ("York" is not North Yorkshire)', () => {
    expect(found('York')).toBe('E06000014');
  });

  it('lists the candidates when several fit, and says so when none does', () => {
    expect(found('Kingston')).toEqual(['Kingston upon Hull', 'Kingston upon Thames']);
    expect(found('Lincolnshire')).toBe('E10000019'); // the whole name wins
    expect(found('Lincoln')).toEqual([
      'Lincolnshire',
      'North East Lincolnshire',
      'North Lincolnshire',
    ]);
    expect(found('Atlantis')).toBe('none');
    expect(found('   ')).toBe('empty');
  });

  it('normalises text the same way for names and queries', () => {
    expect(normaliseAreaText('Southend-on-Sea')).toBe('southend on sea');
    expect(normaliseAreaText('St. Helens')).toBe('st helens');
  });
});
