/**
 * The spine chart as Fingertips computes it, on the shipped data: the range is every upper-tier
 * authority's value in England (checked against an independent SQL query on the same engine),
 * not the comparator group's; the 25th–75th percentile band is src/lib/stats `percentile` of
 * those values; mirror-image indicators (met and unmet need) appear once, with a note.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../../src/lib/engine/node';
import type { Engine } from '../../../../src/lib/engine/types';
import type { IndicatorRow } from '../../../../src/lib/schema/indicator';
import { percentile } from '../../../../src/lib/stats';
import {
  buildViewEnvironment,
  resolveViewContext,
  runView,
  type ViewEnvironment,
  type ViewResult,
} from '../../../../src/lib/views';
import { loadDemoLikeApp } from '../golden/load';

const PETERBOROUGH = 'E06000031';

describe('la-comparison spine chart (shipped data)', () => {
  let engine: Engine;
  let env: ViewEnvironment;
  let result: ViewResult;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadDemoLikeApp(engine);
    env = await buildViewEnvironment(engine);
    // Other views computed for every upper-tier authority, handed over in memory.
    const all = resolveViewContext(env, { focalArea: PETERBOROUGH, comparator: 'england' });
    const computed: IndicatorRow[] = [];
    for (const [id, options] of [
      ['drug-deaths', { source: 'published' }],
      ['unmet-need', {}],
    ] as const)
      computed.push(...(await runView(id, all, options)).indicators);
    // The comparison itself with the region as comparators: the spine must not follow them.
    const ctx = resolveViewContext(
      env,
      { focalArea: PETERBOROUGH, comparator: 'region' },
      computed,
    );
    result = await runView('la-comparison', ctx, { indicator: 'drug_misuse_deaths_asr' });
  }, 300_000);

  const spineRow = (name: RegExp) => {
    const rows = result.tables[1].rows.filter((r) => name.test(String(r.indicator)));
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  async function values(sql: string): Promise<number[]> {
    return (await engine.query(sql)).toRows().map((r) => Number(r.v));
  }

  it('drug deaths: range over every upper-tier authority, as an independent query finds it', async () => {
    const all = await values(
      `SELECT d.published_rate AS v FROM deaths d JOIN (SELECT DISTINCT area_code FROM areas WHERE area_type = 'UTLA') a USING (area_code)
       WHERE d.measure = 'drug_misuse' AND d.sex = 'Persons' AND d.age_band = 'All ages' AND d.period = '2019-21' AND d.published_rate IS NOT NULL`,
    );
    const region = await values(
      `SELECT d.published_rate AS v FROM deaths d JOIN (SELECT DISTINCT area_code FROM areas WHERE area_type = 'UTLA' AND region_code = 'E12000006') a USING (area_code)
       WHERE d.measure = 'drug_misuse' AND d.sex = 'Persons' AND d.age_band = 'All ages' AND d.period = '2019-21' AND d.published_rate IS NOT NULL`,
    );
    expect(all.length).toBeGreaterThan(130);
    const row = spineRow(/^Deaths from drug misuse/);
    expect(row.period).toBe('2019-21');
    expect(row.authorities).toBe(all.length);
    // Low is good: the worst is the highest rate.
    expect(row.worst).toBe(Math.max(...all));
    expect(row.best).toBe(Math.min(...all));
    expect(row.p25).toBe(percentile(all, 0.25));
    expect(row.p75).toBe(percentile(all, 0.75));
    // Not the comparator group's range.
    expect(Math.max(...region)).toBeLessThan(Math.max(...all));
  });

  it('a loaded Fingertips export: range and percentiles over every upper-tier authority', async () => {
    const all = await values(
      `SELECT i.value AS v FROM indicators i JOIN (SELECT DISTINCT area_code FROM areas WHERE area_type = 'UTLA') a USING (area_code)
       WHERE CAST(i.indicator_id AS VARCHAR) = '93495' AND CAST(i.period AS VARCHAR) = '2017' AND i.sex = 'Persons' AND i.value IS NOT NULL`,
    );
    const row = spineRow(/common mental disorders/);
    expect(row.authorities).toBe(all.length);
    expect(row.worst).toBe(Math.max(...all));
    expect(row.best).toBe(Math.min(...all));
    expect(row.p25).toBe(percentile(all, 0.25));
    expect(row.p75).toBe(percentile(all, 0.75));
  });

  it('one row per indicator: met need is left out where unmet need mirrors it, and a note says so', () => {
    const names = result.tables[1].rows.map((r) => String(r.indicator));
    expect(names.some((n) => n.startsWith('Unmet need for treatment'))).toBe(true);
    expect(names.some((n) => n.startsWith('Met need for treatment'))).toBe(false);
    expect(result.notes.join(' ')).toMatch(
      /Met need for treatment: .* is left out: it is 100% minus Unmet need for treatment: .*which is shown/,
    );
    // Chart rows match the table, England at the centre, the focal value printed beside it.
    const chart = result.charts.find((c) => c.title.startsWith('Spine chart'))!;
    const data = (chart.spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(data).toHaveLength(names.length);
    for (const d of data) {
      expect(d.x_england).toBe(0.5);
      expect(d.x_worst as number).toBeLessThanOrEqual(d.x_q25 as number);
      expect(d.x_q75 as number).toBeLessThanOrEqual(d.x_best as number);
      expect(typeof d.value_text).toBe('string');
    }
  });
});
