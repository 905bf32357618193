/** Every chart a view returns compiles with Vega-Lite and renders with Vega (headless, no loads). */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { testEngine } from '../engine/nodeEngine';
import { VIEWS } from '../../../src/lib/views';
import type { Engine } from '../../../src/lib/engine/types';
import type { ViewResult } from '../../../src/lib/views/types';
import { context, dropAll, exec, runViewOn } from './helpers';

async function render(result: ViewResult): Promise<void> {
  for (const c of result.charts) {
    expect(c.description.length).toBeGreaterThan(40);
    const text = JSON.stringify(c.spec);
    expect(text).not.toMatch(/"url"\s*:/);
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger),
      info: () => logger,
      debug: () => logger,
      error: (...m: unknown[]) => {
        throw new Error(m.join(' '));
      },
    };
    const vg = compile({ ...(c.spec as object), width: 500 } as never, {
      logger: logger as never,
    }).spec;
    expect(warnings.filter((w) => /sort/i.test(w))).toEqual([]);
    const view = new vega.View(vega.parse(vg), { renderer: 'none' });
    const svg = await view.toSVG();
    expect(svg).toContain('<svg');
    view.finalize();
  }
}

describe('chart specs', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    const codes = ['E06000031', 'E06000032', 'E06000033', 'E06000034', 'E06000035'];
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ${codes.map((c, i) => `('${c}', 'Area ${i}', 'UTLA', 'E12000006', 'East of England')`).join(', ')}`,
      `CREATE TABLE prevalence (area_code VARCHAR, period VARCHAR, measure VARCHAR, estimate DOUBLE, lower DOUBLE, upper DOUBLE)`,
      `INSERT INTO prevalence VALUES ${codes.map((c, i) => `('${c}', '2019/20', 'opiate', ${1000 + i * 100}, ${800 + i * 100}, ${1300 + i * 100})`).join(', ')}`,
      `CREATE TABLE treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE)`,
      `INSERT INTO treatment VALUES ${codes.map((c, i) => `('${c}', '2019/20', 'opiate', ${400 + i * 40}), ('${c}', '2019/20', 'alcohol_only', ${200 + i * 10})`).join(', ')}`,
      `CREATE TABLE deaths (area_code VARCHAR, period VARCHAR, sex VARCHAR, age_band VARCHAR, measure VARCHAR, deaths DOUBLE, published_rate DOUBLE, published_lower_95 DOUBLE, published_upper_95 DOUBLE, published_flag VARCHAR)`,
      `INSERT INTO deaths VALUES ${codes
        .flatMap((c, i) =>
          ['2017-19', '2018-20', '2019-21'].map(
            (p, j) =>
              `('${c}', '${p}', 'Persons', 'All ages', 'drug_misuse', ${8 + i * 5 + j}, ${i === 0 && j === 0 ? 'NULL' : 3 + i + j / 2}, ${2 + i}, ${5 + i + j}, NULL)`,
          ),
        )
        .join(
          ', ',
        )}, ('E92000001', '2019-21', 'Persons', 'All ages', 'drug_misuse', 8000, 5.1, 5.0, 5.2, NULL)`,
      `CREATE TABLE cjs_treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, count DOUBLE)`,
      `INSERT INTO cjs_treatment VALUES ${codes.map((c, i) => `('${c}', '2021/22', 'opiate', ${50 + i}), ('${c}', '2021/22', 'alcohol_only', ${20 + i})`).join(', ')}`,
      `CREATE TABLE continuity_of_care (area_code VARCHAR, period VARCHAR, released_with_need DOUBLE, engaged_within_3_weeks DOUBLE)`,
      `INSERT INTO continuity_of_care VALUES ${codes.map((c, i) => `('${c}', '2021/22', ${100 + i}, ${40 + i * 5})`).join(', ')}`,
      `CREATE TABLE treatment_outcomes (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE, completions DOUBLE, completions_not_representing DOUBLE)`,
      `INSERT INTO treatment_outcomes VALUES ${codes.flatMap((c, i) => ['2020/21', '2021/22'].map((p, j) => `('${c}', '${p}', 'all', ${600 + i * 50}, ${150 + i * 10 + j * 5}, ${130 + i * 10 + j * 5})`)).join(', ')}`,
      `CREATE TABLE indicators (indicator_id VARCHAR, indicator_name VARCHAR, area_code VARCHAR, area_name VARCHAR, period VARCHAR, sex VARCHAR, age VARCHAR, value DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, count DOUBLE, denominator DOUBLE, unit VARCHAR, polarity VARCHAR, note VARCHAR)`,
      `INSERT INTO indicators VALUES ${[...codes, 'E92000001']
        .map(
          (c, i) =>
            `('P', 'A proportion', '${c}', 'Area ${i}', '2021', 'Persons', 'All ages', ${20 + i * 3}, ${17 + i * 3}, ${23 + i * 3}, ${200 + i * 30}, 1000, '%', 'high_is_good', '')`,
        )
        .join(', ')}`,
    );
  });

  it('compile and render for all four views', async () => {
    const ctx = context({
      comparator: 'region',
      comparatorCodes: ['E06000031', 'E06000032', 'E06000033', 'E06000034', 'E06000035'],
    });
    const opts: Record<string, Record<string, string>> = {
      'drug-deaths': { source: 'published' },
      'la-comparison': { indicator: 'P' },
    };
    let charts = 0;
    for (const view of Object.values(VIEWS)) {
      const result = await runViewOn(engine, view.id, ctx, opts[view.id] ?? {});
      await render(result);
      charts += result.charts.length;
    }
    expect(charts).toBeGreaterThanOrEqual(7);
  });
});
