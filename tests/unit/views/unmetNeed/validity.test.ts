/**
 * Indicator validity (issue 12): unmet need is drawn only when its inputs measure the same thing
 * and make sense together. Each rule on small hand-made tables through the real engine, and the
 * rule itself as a pure function.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../engine/nodeEngine';
import type { Engine } from '../../../../src/lib/engine/types';
import type { ViewResult } from '../../../../src/lib/views/types';
import { needFigures, whyNotCalculated } from '../../../../src/lib/views/unmetNeed/compute';
import { dropAll, exec, runViewOn } from '../helpers';

const FOCAL = 'E06000031';
const LUTON = 'E06000032';
const REGION = 'E12000006';

function pick(r: ViewResult, id: string, area: string) {
  const row = r.indicators.find((x) => x.indicator_id === id && x.area_code === area);
  expect(row, `${id} for ${area}`).toBeDefined();
  return row!;
}

function tableRow(r: ViewResult, substance: string, area: string) {
  const row = r.tables[0].rows.find(
    (x) => String(x.substance).startsWith(substance) && x.area_code === area,
  );
  expect(row, `${substance} row for ${area}`).toBeDefined();
  return row!;
}

/** The areas a chart plots (its inline data). */
function plotted(r: ViewResult, title: string): string[] {
  const chart = r.charts.find((c) => c.title.includes(title));
  if (!chart) return [];
  const layers = chart.spec as unknown as { data: { values: { label: string }[] } };
  return layers.data.values.map((v) => v.label);
}

describe('unmet-need validity', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('${FOCAL}', 'Peterborough', 'UTLA', '${REGION}', 'East of England'),
        ('${LUTON}', 'Luton', 'UTLA', '${REGION}', 'East of England'), ('${REGION}', 'East of England', 'Region', NULL, NULL)`,
      `CREATE TABLE prevalence (area_code VARCHAR, period VARCHAR, measure VARCHAR, estimate DOUBLE, lower DOUBLE, upper DOUBLE)`,
      `INSERT INTO prevalence VALUES
        ('${FOCAL}', '2022/23', 'opiate', 100, 80, 130), ('${FOCAL}', '2022/23', 'crack', 50, 40, 70),
        ('${FOCAL}', '2022/23', 'ocu', 120, 100, 150), ('${FOCAL}', '2022/23', 'alcohol_dependence', 300, 250, 360),
        ('${LUTON}', '2022/23', 'opiate', 60, 50, 75), ('${LUTON}', '2022/23', 'alcohol_dependence', 90, 70, 120)`,
      `CREATE TABLE treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE)`,
      // Peterborough: 40 opiate, 30 non-opiate only, 20 non-opiate and alcohol, 50 alcohol only.
      // Luton: 45 opiate (fine), 100 + 20 in the alcohol groups against an estimate of 90.
      `INSERT INTO treatment VALUES
        ('${FOCAL}', '2022/23', 'opiate', 40), ('${FOCAL}', '2022/23', 'non_opiate_only', 30),
        ('${FOCAL}', '2022/23', 'non_opiate_and_alcohol', 20), ('${FOCAL}', '2022/23', 'alcohol_only', 50),
        ('${LUTON}', '2022/23', 'opiate', 45), ('${LUTON}', '2022/23', 'alcohol_only', 100),
        ('${LUTON}', '2022/23', 'non_opiate_and_alcohol', 20)`,
    );
  });

  const run = () =>
    runViewOn(engine, 'unmet-need', { comparatorCodes: [FOCAL, LUTON] }, { measure: 'all' });

  it('does not calculate crack or OCU from aggregate treatment groups (no crack-specific count)', async () => {
    const r = await run();
    for (const [m, label, why] of [
      ['crack', 'Crack', 'no crack-specific treatment count'],
      ['ocu', 'Opiate and/or crack', 'no OCU-specific treatment count'],
    ]) {
      const unmet = pick(r, `unmet_need_${m}`, FOCAL);
      expect(unmet.value).toBeNull();
      expect(unmet.note).toBe(`not calculated: ${why}`);
      expect(pick(r, `met_need_${m}`, FOCAL).value).toBeNull();
      const row = tableRow(r, label, FOCAL);
      expect(row.unmet_pct).toBeNull();
      expect(row.in_treatment).toBeNull(); // the groups' sum is not a crack count: not shown as one
      expect(row.note).toBe(`not calculated: ${why}`);
    }
    expect(r.charts.map((c) => c.title)).toEqual([
      'Unmet need: Opiates',
      'Unmet need: Alcohol dependence',
    ]);
    expect(r.notes.join(' ')).toMatch(/no crack-specific treatment count/);
    // Opiates have a specific count in the same table: calculated.
    expect(pick(r, 'unmet_need_opiate', FOCAL).value).toBeCloseTo(60, 12);
  });

  it('does not calculate a figure with more in treatment than the estimate, nor plot it', async () => {
    const r = await run();
    const unmet = pick(r, 'unmet_need_alcohol_dependence', LUTON);
    expect(unmet.value).toBeNull();
    expect(unmet.lower_95).toBeNull();
    expect(unmet.note).toBe('not calculated: more in treatment (120) than the estimated need (90)');
    const met = pick(r, 'met_need_alcohol_dependence', LUTON);
    expect(met.value).toBeNull(); // would be 133%
    expect(met.count).toBe(120);
    expect(met.denominator).toBe(90);
    expect(tableRow(r, 'Alcohol', LUTON).note).toMatch(/^not calculated: more in treatment/);
    // England and the region (summed: 390 estimated, 190 in treatment) are drawn; Luton is not.
    expect(plotted(r, 'Alcohol')).toEqual([
      'Peterborough (focal area)',
      'England',
      'East of England (region)',
    ]);
    // Peterborough's alcohol figure is fine: 70 of 300 in treatment.
    expect(pick(r, 'unmet_need_alcohol_dependence', FOCAL).value).toBeCloseTo(
      100 * (230 / 300),
      12,
    );
  });

  it('does not calculate England or the region from a sum over some of its authorities', async () => {
    await exec(
      engine,
      `DELETE FROM treatment WHERE area_code = '${LUTON}' AND substance_group = 'opiate'`,
    );
    try {
      const r = await run();
      const region = pick(r, 'unmet_need_opiate', REGION);
      expect(region.value).toBeNull();
      expect(region.note).toBe(
        'summed from local authority estimates; no interval; not calculated: treatment counts for only 1 of its 2 local authorities',
      );
    } finally {
      await exec(engine, `INSERT INTO treatment VALUES ('${LUTON}', '2022/23', 'opiate', 45)`);
    }
    const whole = pick(await run(), 'unmet_need_opiate', REGION);
    expect(whole.value).toBeCloseTo(100 * (1 - 85 / 160), 12);
  });

  it('counts crack and OCU from record-level episodes when they are loaded beside the table', async () => {
    await exec(
      engine,
      `CREATE TABLE treatment_episodes (client_id VARCHAR, area_code VARCHAR, age INTEGER, substances VARCHAR, start_date DATE, discharge_date DATE)`,
      `INSERT INTO treatment_episodes VALUES
        ('a', '${FOCAL}', 30, 'crack', '2022-05-01', NULL), ('b', '${FOCAL}', 30, 'heroin;crack', '2022-06-01', NULL),
        ('c', '${FOCAL}', 30, 'heroin', '2022-07-01', NULL), ('d', '${FOCAL}', 30, 'cannabis', '2022-07-01', NULL)`,
    );
    try {
      const r = await run();
      expect(pick(r, 'unmet_need_crack', FOCAL).value).toBeCloseTo(100 * (1 - 2 / 50), 12);
      expect(pick(r, 'unmet_need_ocu', FOCAL).value).toBeCloseTo(100 * (1 - 3 / 120), 12);
      // Opiates still from the aggregate table (40), not the episodes (2).
      expect(pick(r, 'unmet_need_opiate', FOCAL).value).toBeCloseTo(60, 12);
      expect(r.notes.join(' ')).toMatch(
        /Opiate and\/or crack cocaine use \(OCU\) and Crack cocaine: in treatment counted from record-level treatment episodes/,
      );
    } finally {
      await exec(engine, `DROP TABLE treatment_episodes`);
    }
  });

  it('states each reason as a pure rule', () => {
    const base = { estimate: 100, lower: 80, upper: 130, inTreatment: 40, derived: false };
    expect(whyNotCalculated(base)).toBeNull();
    expect(whyNotCalculated({ ...base, inTreatment: 100 })).toBeNull(); // 0% unmet is fine
    expect(whyNotCalculated({ ...base, inTreatment: 101 })).toBe(
      'more in treatment (101) than the estimated need (100)',
    );
    expect(whyNotCalculated({ ...base, inTreatment: -1 })).toBe(
      'a negative number in treatment (-1)',
    );
    expect(whyNotCalculated({ ...base, estimate: 0 })).toBe('no estimated need above zero');
    expect(whyNotCalculated({ ...base, lower: 120 })).toMatch(/does not contain the estimate/);
    expect(
      whyNotCalculated({
        ...base,
        inTreatment: null,
        noCount: 'no crack-specific treatment count',
      }),
    ).toBe('no crack-specific treatment count');
    const ok = needFigures(base);
    expect(ok.unmet.value).toBeCloseTo(60, 12);
    expect(ok.met.value).toBeCloseTo(40, 12);
    expect(ok.note).toBe('');
    const bad = needFigures({ ...base, inTreatment: 130 });
    expect([bad.unmet.value, bad.met.value, bad.unmet.lower, bad.met.upper]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
