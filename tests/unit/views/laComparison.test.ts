import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { viewOptions } from '../../../src/lib/views';
import { indicatorChoices } from '../../../src/lib/views/laComparison';
import {
  compareWithBenchmark,
  proportion,
  significanceLabel,
  spineStats,
} from '../../../src/lib/stats';
import type { Engine } from '../../../src/lib/engine/types';
import { dropAll, exec, runViewOn, contextFor } from './helpers';

const LAS = ['E06000031', 'E06000032', 'E06000033', 'E06000034', 'E06000035', 'E06000036'];
const NAMES = [
  'Peterborough',
  'Luton',
  'Southend-on-Sea',
  'Thurrock',
  'Medway',
  'Bracknell Forest',
];
// proportion indicator P1 (%): numerators/denominators
const P1 = [
  [300, 1000],
  [150, 1000],
  [500, 2000],
  [90, 300],
  [400, 1000],
  [260, 1000],
];

describe('la-comparison', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    const rows: string[] = [];
    const add = (
      id: string,
      name: string,
      code: string,
      area: string,
      period: string,
      v: number | null,
      lo: number | null,
      hi: number | null,
      count: number | null,
      denom: number | null,
      unit: string,
      polarity: string,
      synthetic = false,
    ) =>
      rows.push(
        `('${id}', '${name}', '${code}', '${area}', '${period}', 'Persons', 'All ages', ${v ?? 'NULL'}, ${lo ?? 'NULL'}, ${hi ?? 'NULL'}, ${count ?? 'NULL'}, ${denom ?? 'NULL'}, '${unit}', '${polarity}', '', ${synthetic})`,
      );
    P1.forEach(([x, n], i) => {
      const p = proportion(x, n, { multiplier: 100 });
      add(
        'P1',
        'Share engaged',
        LAS[i],
        NAMES[i],
        '2021/22',
        p.value,
        p.lower,
        p.upper,
        x,
        n,
        '%',
        'high_is_good',
      );
      add(
        'P1',
        'Share engaged',
        LAS[i],
        NAMES[i],
        '2020/21',
        20,
        18,
        22,
        200,
        1000,
        '%',
        'high_is_good',
      );
    });
    const eng = proportion(1700, 6300, { multiplier: 100 });
    add(
      'P1',
      'Share engaged',
      'E92000001',
      'England',
      '2021/22',
      eng.value,
      eng.lower,
      eng.upper,
      1700,
      6300,
      '%',
      'high_is_good',
    );
    add(
      'P1',
      'Share engaged',
      'E12000006',
      'East of England',
      '2021/22',
      30,
      29,
      31,
      300,
      1000,
      '%',
      'high_is_good',
    );
    // R1: a rate, low is good; R2: no polarity
    [5.0, 3.1, 8.2, 4.4, 6.0, 2.0].forEach((v, i) =>
      add(
        'R1',
        'Deaths rate',
        LAS[i],
        NAMES[i],
        '2019-21',
        v,
        v - 1,
        v + 1,
        null,
        null,
        'per 100,000',
        'low_is_good',
      ),
    );
    add(
      'R1',
      'Deaths rate',
      'E92000001',
      'England',
      '2019-21',
      5.1,
      5.0,
      5.2,
      null,
      null,
      'per 100,000',
      'low_is_good',
    );
    [10, 12, 14, 16, 18, 20].forEach((v, i) =>
      add(
        'R2',
        'Neutral measure',
        LAS[i],
        NAMES[i],
        '2021',
        v,
        v - 1.5,
        v + 1.5,
        null,
        null,
        'per 1,000',
        'none',
        true,
      ),
    );
    add(
      'R2',
      'Neutral measure',
      'E92000001',
      'England',
      '2021',
      15,
      14.9,
      15.1,
      null,
      null,
      'per 1,000',
      'none',
    );
    await exec(
      engine,
      `CREATE TABLE indicators (indicator_id VARCHAR, indicator_name VARCHAR, area_code VARCHAR, area_name VARCHAR, period VARCHAR, sex VARCHAR, age VARCHAR,
         value DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, count DOUBLE, denominator DOUBLE, unit VARCHAR, polarity VARCHAR, note VARCHAR, synthetic BOOLEAN)`,
      `INSERT INTO indicators VALUES ${rows.join(', ')}`,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ${LAS.map((c, i) => `('${c}', '${NAMES[i]}', 'UTLA', '${i < 4 ? 'E12000006' : 'E12000008'}', '${i < 4 ? 'East of England' : 'South East'}')`).join(', ')},
        ('E12000006', 'East of England', 'Region', NULL, NULL), ('E92000001', 'England', 'England', NULL, NULL)`,
      `CREATE TABLE comparator_groups (area_code VARCHAR, neighbour_code VARCHAR, rank INTEGER)`,
      `INSERT INTO comparator_groups VALUES ('E06000031', 'E06000035', 1), ('E06000031', 'E06000036', 2)`,
    );
  });

  it('lists indicator choices and period options', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'region' });
    expect(await indicatorChoices(ctx)).toEqual([
      { value: 'R1', label: 'Deaths rate (R1)' },
      { value: 'R2', label: 'Neutral measure (R2)' },
      { value: 'P1', label: 'Share engaged (P1)' },
    ]);
    const opts = await viewOptions(ctx, 'la-comparison', { indicator: 'P1' });
    expect(opts.find((o) => o.key === 'period')!.choices.map((c) => c.value)).toEqual([
      'latest',
      '2021/22',
      '2020/21',
    ]);
  });

  it('resolves notebook parameters into a context', async () => {
    const region = await contextFor(engine, {
      focalArea: 'E06000031',
      comparator: 'region',
      customComparators: [],
      latestPeriod: null,
    });
    expect(region.focalAreaName).toBe('Peterborough');
    expect(region.regionCode).toBe('E12000006');
    expect(region.regionName).toBe('East of England');
    expect(region.comparatorCodes).toEqual(LAS.slice(0, 4));
    const nn = await contextFor(engine, {
      focalArea: 'E06000031',
      comparator: 'neighbours',
    });
    expect(nn.comparatorCodes).toEqual(['E06000031', 'E06000035', 'E06000036']);
  });

  it('labels each area as compareWithBenchmark does, for the latest period by default', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'england' });
    const r = await runViewOn(engine, 'la-comparison', ctx, { indicator: 'P1', period: 'latest' });
    const eng = proportion(1700, 6300, { multiplier: 100 });
    const t = r.tables[0].rows;
    expect(t.every((x) => x.period === '2021/22')).toBe(true);
    for (const [i, [x, n]] of P1.entries()) {
      const p = proportion(x, n, { multiplier: 100 });
      const expected = significanceLabel(
        compareWithBenchmark(
          { value: p.value, lower95: p.lower, upper95: p.upper },
          { value: eng.value },
          { polarity: 'high-is-good' },
        ),
      );
      expect(t.find((row) => row.area_code === LAS[i])!.vs_england).toBe(expected);
    }
    expect(t.find((row) => row.area_code === 'E06000032')!.vs_england).toBe('Worse');
    expect(t.find((row) => row.area_code === 'E06000035')!.vs_england).toBe('Better');
    // vs region (30, inside Peterborough's CI)
    expect(t.find((row) => row.area_code === 'E06000031')!.vs_region).toBe('Similar');
    expect(r.indicators.find((x) => x.area_code === 'E06000031')!.note).toMatch(
      /compared with England: /,
    );
    // charts: caterpillar, spine, funnel
    expect(r.charts.map((c) => c.title)).toEqual([
      'Share engaged: comparator areas',
      'Spine chart: Peterborough',
      'Share engaged: funnel plot',
    ]);
    expect(r.charts[0].description).toMatch(/Peterborough 30\.0%/);
    const cat = JSON.stringify(r.charts[0].spec);
    expect(cat).toContain('"shape"');
    expect(cat).toContain('◀ focal area');
    const funnel = JSON.stringify(r.charts[2].spec);
    expect(funnel).toContain('Lower 99.8%');
    expect(r.synthetic).toBe(false);
  });

  it('uses Higher/Lower without polarity, and builds the spine from spineStats', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'england' });
    const r = await runViewOn(engine, 'la-comparison', ctx, { indicator: 'R2' });
    const rows = r.tables[0].rows;
    expect(rows.find((x) => x.area_code === 'E06000031')!.vs_england).toBe('Lower'); // 10 (8.5-11.5) vs 15
    expect(rows.find((x) => x.area_code === 'E06000036')!.vs_england).toBe('Higher');
    expect(rows.find((x) => x.area_code === 'E06000033')!.vs_england).toBe('Similar');
    expect(r.synthetic).toBe(true);
    const spine = r.tables[1].rows;
    expect(spine.length).toBe(3);
    const r1 = spine.find((x) => String(x.indicator) === 'Deaths rate')!;
    const s = spineStats([5.0, 3.1, 8.2, 4.4, 6.0, 2.0], 5.1, 'low-is-good')!;
    expect(r1.p25).toBeCloseTo(s.p25, 12);
    expect(r1.p75).toBeCloseTo(s.p75, 12);
    expect(r1.worst).toBe(8.2);
    expect(r1.best).toBe(2.0);
    expect(r1.significance).toBe('Similar');
    // no count/denominator: no funnel, said in notes
    expect(r.notes.join(' ')).toMatch(/No funnel plot/);
  });

  it('shows a chosen earlier period', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'region' });
    const r = await runViewOn(engine, 'la-comparison', ctx, { indicator: 'P1', period: '2020/21' });
    expect(r.tables[0].rows.every((x) => x.period === '2020/21')).toBe(true);
    expect(r.notes.join(' ')).toMatch(/No England value/);
  });
});

describe('la-comparison on indicators computed by other views (in memory)', () => {
  let engine: Engine;
  const computed = (id: string, code: string, period: string, value: number) => ({
    indicator_id: id,
    indicator_name: id === 'P1' ? 'Share engaged' : 'Computed rate',
    area_code: code,
    area_name: code,
    period,
    sex: 'Persons',
    age: 'All ages',
    value,
    lower_95: value - 1,
    upper_95: value + 1,
    count: null,
    denominator: null,
    unit: 'per 100,000',
    polarity: 'low_is_good' as const,
    note: '',
    synthetic: true,
  });
  const C1 = [...LAS, 'E92000001'].map((c, i) => computed('C1', c, '2019-21', 4 + i));
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE indicators (indicator_id VARCHAR, indicator_name VARCHAR, area_code VARCHAR, period VARCHAR, value DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, unit VARCHAR, polarity VARCHAR)`,
      `INSERT INTO indicators VALUES ${[...LAS, 'E92000001'].map((c, i) => `('P1', 'Share engaged', '${c}', '2021/22', ${20 + i}, ${19 + i}, ${21 + i}, '%', 'high_is_good')`).join(', ')}`,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ${LAS.map((c, i) => `('${c}', '${NAMES[i]}', 'UTLA', 'E12000006', 'East of England')`).join(', ')}`,
    );
  });

  it('offers the loaded and the computed indicators, and their periods', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'england' });
    const opts = await viewOptions(
      { ...ctx, computedIndicators: [...C1, computed('C1', 'E06000031', '2018-20', 3)] },
      'la-comparison',
      { indicator: 'C1' },
    );
    expect(opts.find((o) => o.key === 'indicator')!.choices).toEqual([
      { value: 'C1', label: 'Computed rate (C1)' },
      { value: 'P1', label: 'Share engaged (P1)' },
    ]);
    expect(opts.find((o) => o.key === 'period')!.choices.map((c) => c.value)).toEqual([
      'latest',
      '2019-21',
      '2018-20',
    ]);
  });

  it('compares on computed rows, and a computed row replaces the loaded one for the same key', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'england' });
    const withComputed = {
      ...ctx,
      computedIndicators: [...C1, computed('P1', 'E06000032', '2021/22', 99)],
    };
    const c1 = await runViewOn(engine, 'la-comparison', withComputed, { indicator: 'C1' });
    expect(c1.tables[0].rows.find((r) => r.area_code === 'E06000031')!.value).toBe(4);
    expect(c1.synthetic).toBe(true);
    const p1 = await runViewOn(engine, 'la-comparison', withComputed, { indicator: 'P1' });
    const values = Object.fromEntries(p1.tables[0].rows.map((r) => [r.area_code, r.value]));
    expect(values).toMatchObject({ E06000031: 20, E06000032: 99, E06000033: 22 });
    // The replacing row is synthetic training data: the whole comparison is labelled so.
    expect(p1.synthetic).toBe(true);
    // Both indicators on the spine chart.
    expect(p1.tables[1].rows.map((r) => r.indicator)).toEqual(['Computed rate', 'Share engaged']);
  });

  it('runs on computed rows alone, without an indicators table', async () => {
    await exec(engine, `DROP TABLE indicators`);
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'england' });
    const r = await runViewOn(
      engine,
      'la-comparison',
      { ...ctx, computedIndicators: C1 },
      { indicator: 'C1' },
    );
    expect(r.tables[0].rows.length).toBe(7);
    await expect(runViewOn(engine, 'la-comparison', ctx, { indicator: 'C1' })).rejects.toThrow(
      /needs "indicators"/,
    );
  });
});

describe('la-comparison spine: at most 40 rows, mirror images found among every indicator', () => {
  let engine: Engine;
  const row = (id: string, name: string, code: string, value: number, polarity: string) => ({
    indicator_id: id,
    indicator_name: name,
    area_code: code,
    area_name: code,
    period: '2021/22',
    sex: 'Persons',
    age: 'All ages',
    value,
    lower_95: value - 1,
    upper_95: value + 1,
    count: null,
    denominator: null,
    unit: '%',
    polarity: polarity as 'low_is_good' | 'high_is_good' | 'none',
    note: '',
  });
  const codes = [...LAS, 'E92000001'];
  // 44 ordinary indicators, then (last in name order) met and unmet need, mirror images.
  const computed = [
    ...Array.from({ length: 44 }, (_, k) =>
      codes.map((c, i) =>
        row(`I${k}`, `Indicator ${String(k).padStart(2, '0')}`, c, 20 + i + k, 'none'),
      ),
    ).flat(),
    ...codes.map((c, i) => row('met', 'Zz met need', c, 30 + i * 5, 'high_is_good')),
    ...codes.map((c, i) => row('unmet', 'Zz unmet need', c, 70 - i * 5, 'low_is_good')),
  ];
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ${LAS.map((c, i) => `('${c}', '${NAMES[i]}', 'UTLA', 'E12000006', 'East of England')`).join(', ')}`,
    );
  });

  it('draws 40 rows, says which were not drawn, and keeps one of the mirror pair', async () => {
    const ctx = await contextFor(engine, { focalArea: 'E06000031', comparator: 'region' });
    const r = await runViewOn(
      engine,
      'la-comparison',
      { ...ctx, computedIndicators: computed },
      {
        indicator: 'I0',
      },
    );
    expect(r.tables[1].rows).toHaveLength(40);
    const notes = r.notes.join(' ');
    expect(notes).toMatch(/Zz met need is left out: it is 100% minus Zz unmet need/);
    expect(notes).toMatch(
      /shows the first 40 indicators .*not drawn: Indicator 40; .*Zz unmet need\./,
    );
  });
});
