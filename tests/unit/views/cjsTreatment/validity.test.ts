/**
 * Indicator validity (issue 12) in the CJS view: a proportion is drawn only when its count is part
 * of its denominator. Each rule on small hand-made tables through the real engine, and as a pure
 * function.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../engine/nodeEngine';
import type { Engine } from '../../../../src/lib/engine/types';
import { proportion } from '../../../../src/lib/stats';
import { shareNotCalculated } from '../../../../src/lib/views/cjsTreatment/compute';
import { continuityNotCalculated } from '../../../../src/lib/views/cjsTreatment/continuity';
import { dropAll, exec, runViewOn } from '../helpers';

const HULL = 'E06000010';
const ER = 'E06000011';

describe('cjs-treatment validity', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
    await exec(
      engine,
      `CREATE TABLE areas (area_code VARCHAR, area_name VARCHAR, area_type VARCHAR, region_code VARCHAR, region_name VARCHAR)`,
      `INSERT INTO areas VALUES ('${HULL}', 'Kingston upon Hull', 'UTLA', 'E12000003', 'Yorkshire and The Humber'),
        ('${ER}', 'East Riding of Yorkshire', 'UTLA', 'E12000003', 'Yorkshire and The Humber')`,
      `CREATE TABLE cjs_treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, count DOUBLE)`,
      // Hull: 60 CJS-referred of 200 in treatment. East Riding: 90 CJS-referred of 80 in treatment.
      `INSERT INTO cjs_treatment VALUES ('${HULL}', '2022/23', 'opiate', 40), ('${HULL}', '2022/23', 'alcohol_only', 20),
        ('${ER}', '2022/23', 'opiate', 70), ('${ER}', '2022/23', 'alcohol_only', 20)`,
      `CREATE TABLE treatment (area_code VARCHAR, period VARCHAR, substance_group VARCHAR, in_treatment DOUBLE)`,
      `INSERT INTO treatment VALUES ('${HULL}', '2022/23', 'all', 200), ('${ER}', '2022/23', 'all', 80)`,
      `CREATE TABLE continuity_of_care (area_code VARCHAR, period VARCHAR, released_with_need DOUBLE, engaged_within_3_weeks DOUBLE)`,
      `INSERT INTO continuity_of_care VALUES ('${HULL}', '2022/23', 50, 20), ('${ER}', '2022/23', 10, 12)`,
    );
  });

  const run = () =>
    runViewOn(engine, 'cjs-treatment', {
      focalArea: HULL,
      focalAreaName: 'Kingston upon Hull',
      regionCode: 'E12000003',
      regionName: 'Yorkshire and The Humber',
      comparatorCodes: [HULL, ER],
    });

  it('does not calculate a share of all in treatment whose count exceeds its denominator', async () => {
    const r = await run();
    const share = (area: string) =>
      r.indicators.find(
        (x) => x.indicator_id === 'cjs_share_of_treatment' && x.area_code === area,
      )!;
    expect(share(HULL).value).toBeCloseTo(proportion(60, 200, { multiplier: 100 }).value!, 12);
    expect(share(HULL).note).toBe('');
    const er = share(ER);
    expect(er.value).toBeNull();
    expect(er.lower_95).toBeNull();
    expect(er.count).toBe(90);
    expect(er.denominator).toBe(80);
    expect(er.note).toBe(
      'not calculated: more CJS-referred adults (90) than all adults in treatment (80)',
    );
    const table = r.tables[0];
    expect(table.columns.at(-1)).toMatchObject({ key: 'note', label: 'Note' });
    const row = table.rows.find((x) => x.area_code === ER)!;
    expect(row.share_pct).toBeNull();
    expect(row.note).toBe(
      'share not calculated: more CJS-referred adults (90) than all adults in treatment (80)',
    );
    expect(table.rows.find((x) => x.area_code === HULL)!.note).toBe('');
  });

  it('does not calculate continuity of care with more engaged than released, nor plot it', async () => {
    const r = await run();
    const coc = r.indicators.find(
      (x) => x.indicator_id === 'continuity_of_care' && x.area_code === ER,
    )!;
    expect(coc.value).toBeNull();
    expect(coc.note).toBe(
      'not calculated: more engaged within 3 weeks (12) than released with a treatment need (10)',
    );
    const table = r.tables.find((t) => t.caption.startsWith('Continuity'))!;
    expect(table.rows.find((x) => x.area_code === ER)!.note).toMatch(/^not calculated: more/);
    const chart = r.charts.find((c) => c.title.startsWith('Continuity'))!;
    const labels = (
      chart.spec as unknown as { data: { values: { label: string }[] } }
    ).data.values.map((v) => v.label);
    expect(labels).toContain('Kingston upon Hull (focal area)');
    expect(labels).not.toContain('East Riding of Yorkshire');
  });

  it('a suppressed substance-group count: no total, share or rate over the others (an absent group is a zero)', async () => {
    // Hull's opiate count comes in two pathway rows, one of them suppressed.
    await exec(engine, `INSERT INTO cjs_treatment VALUES ('${HULL}', '2022/23', 'opiate', NULL)`);
    try {
      const r = await run();
      const row = (area: string) => r.tables[0].rows.find((x) => x.area_code === area)!;
      expect(row(HULL).g_opiate).toBeNull();
      expect(row(HULL).g_alcohol_only).toBe(20);
      expect(row(HULL).total).toBeNull();
      expect(row(HULL).share_pct).toBeNull();
      expect(row(HULL).note).toBe(
        'total, share and rate not calculated: suppressed for Opiates (a total over the other substance groups would count fewer people)',
      );
      const count = r.indicators.find(
        (x) => x.indicator_id === 'cjs_in_treatment' && x.area_code === HULL,
      )!;
      expect(count.value).toBeNull();
      // The column and grand totals over the areas shown are not the others' sum either.
      const total = r.tables[0].rows.find((x) => x.area_name === 'Total (areas shown)')!;
      expect(total.g_opiate).toBeNull();
      expect(total.total).toBeNull();
      expect(total.g_alcohol_only).toBe(40);
      // East Riding, with no row for a group at all, still has its total.
      expect(row(ER).total).toBe(90);
    } finally {
      await exec(engine, `DELETE FROM cjs_treatment WHERE area_code = '${HULL}' AND count IS NULL`);
    }
  });

  it('a suppressed row of all in treatment leaves no denominator (not the sum of the others)', async () => {
    // East Riding's "all" comes in two rows, one suppressed: 80 is not its number in treatment.
    await exec(engine, `INSERT INTO treatment VALUES ('${ER}', '2022/23', 'all', NULL)`);
    try {
      const r = await run();
      const er = r.tables[0].rows.find((x) => x.area_code === ER)!;
      expect(er.in_treatment).toBeNull();
      expect(er.share_pct).toBeNull();
    } finally {
      await exec(
        engine,
        `DELETE FROM treatment WHERE area_code = '${ER}' AND in_treatment IS NULL`,
      );
    }
  });

  it('states each reason as a pure rule', () => {
    expect(shareNotCalculated(60, 200)).toBeNull();
    expect(shareNotCalculated(200, 200)).toBeNull();
    expect(shareNotCalculated(201, 200)).toMatch(/^more CJS-referred adults/);
    expect(shareNotCalculated(5, 0)).toBe('no adults in treatment');
    expect(continuityNotCalculated(50, 20)).toBeNull();
    expect(continuityNotCalculated(0, 0)).toBe('no prison releases with a treatment need');
    expect(continuityNotCalculated(null, 3)).toBe('no prison releases with a treatment need');
    expect(continuityNotCalculated(10, null)).toBe('no count of those engaged within 3 weeks');
    expect(continuityNotCalculated(10, 11)).toMatch(/^more engaged within 3 weeks \(11\)/);
  });
});
