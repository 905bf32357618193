/**
 * Treatment outcomes for an area group through the real DuckDB-WASM engine: from the synthetic
 * aggregate counts, Humberside's counts are its four members' added and the percentages worked
 * out from the sums (Wilson); a member without rows leaves the group not calculated, naming it;
 * from record-level episodes a client treated in two members is one person in the group; and
 * every table showing the group's figures declares its rows as the members' sum for disclosure
 * control.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { buildViewEnvironment, resolveViewContext, runView } from '../../../src/lib/views';
import { proportion } from '../../../src/lib/stats';
import { exec } from '../views/helpers';
import { HUMBERSIDE, MEMBERS, tablesFromFiles } from './fixtures';

const runGroup = async (
  engine: Engine,
  options: Record<string, string> = {},
  latestPeriod?: string,
) => {
  const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
  const ctx = resolveViewContext(env, {
    focalArea: 'Humberside',
    comparator: 'region',
    latestPeriod,
  });
  return runView('treatment-outcomes', ctx, options);
};

describe('treatment outcomes for an area group', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await exec(engine, 'DROP TABLE IF EXISTS treatment_episodes');
    await tablesFromFiles(
      engine,
      {
        areas: 'datasets/derived_canonical_areas_2023.csv',
        treatment_outcomes: 'datasets/synthetic/treatment_outcomes.csv',
      },
      'to_groups',
    );
  });

  it("adds the members' aggregate counts and works the percentages out from the sums", async () => {
    const r = await runGroup(engine, { group: 'all' });
    const g = r.indicators.filter(
      (x) =>
        x.area_code === HUMBERSIDE.code &&
        x.indicator_id === 'treatment_outcomes.successful_completion.all',
    );
    expect(g.length).toBeGreaterThan(0);
    for (const row of g) {
      const s = (
        await engine.query(
          `SELECT sum(in_treatment) AS t, sum(completions) AS c, count(DISTINCT area_code) AS n
           FROM treatment_outcomes WHERE substance_group = 'all' AND CAST(period AS VARCHAR) = ? AND area_code IN (${MEMBERS})`,
          [row.period],
        )
      ).toRows()[0];
      expect(Number(s.n), row.period).toBe(4);
      expect(row.denominator, row.period).toBe(Number(s.t));
      expect(row.count, row.period).toBe(Number(s.c));
      const want = proportion(Number(s.c), Number(s.t), { multiplier: 100 });
      expect(row.value).toBeCloseTo(want.value!, 10);
      expect(row.lower_95).toBeCloseTo(want.lower!, 10);
      expect(row.upper_95).toBeCloseTo(want.upper!, 10);
    }
    const notes = r.notes.join(' ');
    expect(notes).toMatch(/Humberside \(group of 4.*counts in the treatment_outcomes table added/);
    expect(notes).not.toMatch(/does not yet sum/);
    // The group's outcomes, by-period and by-area tables declare its rows as the members' sum.
    const declared = r.tables.filter((t) =>
      (t.sourceSums ?? []).some((s) => t.rows[s.row].area_code === HUMBERSIDE.code),
    );
    expect(declared.map((t) => t.caption.split(',')[0])).toEqual([
      'Treatment outcomes',
      'Treatment outcomes by period',
      'Successful completion without re-presentation within 6 months',
    ]);
    for (const t of declared)
      for (const s of t.sourceSums!)
        if (t.rows[s.row].area_code === HUMBERSIDE.code)
          expect(s.sourceRows.map((x) => x.area_code)).toEqual(HUMBERSIDE.members);
  });

  it('a member without rows: the group has no figures, and the note names the member', async () => {
    await exec(
      engine,
      'CREATE TABLE outcomes_aside AS SELECT * FROM treatment_outcomes',
      `DELETE FROM treatment_outcomes WHERE area_code = 'E06000013'`,
    );
    try {
      const r = await runGroup(engine);
      expect(r.indicators.filter((x) => x.area_code === HUMBERSIDE.code)).toEqual([]);
      expect(r.notes.join(' ')).toMatch(
        /Humberside: not calculated from the treatment_outcomes table: it has no rows for North Lincolnshire/,
      );
    } finally {
      await exec(
        engine,
        'DROP TABLE treatment_outcomes',
        'ALTER TABLE outcomes_aside RENAME TO treatment_outcomes',
      );
    }
  });

  it('from episodes, a client treated in two members is one person in the group', async () => {
    // Client A completed in Hull, then was treated in the East Riding: each member counts A, the
    // group counts A once (5 people by the members' sum, 4 in the group).
    await exec(
      engine,
      `CREATE TABLE treatment_episodes AS SELECT * FROM (VALUES
         ('A', 'E06000010', DATE '2022-05-01', DATE '2022-08-01', 'Treatment completed - drug-free', 'heroin', 30),
         ('A', 'E06000011', DATE '2022-12-01', NULL, NULL, 'heroin', 30),
         ('B', 'E06000012', DATE '2022-06-01', NULL, NULL, 'methadone', 41),
         ('C', 'E06000013', DATE '2022-07-01', DATE '2022-11-01', 'Treatment completed - drug-free', 'heroin', 52),
         ('D', 'E06000010', DATE '2022-07-01', NULL, NULL, 'alcohol', 35),
         ('E', 'E06000010', DATE '2021-06-01', DATE '2021-09-01', 'Treatment completed - drug-free', 'heroin', 44)
       ) AS t(client_id, area_code, start_date, discharge_date, discharge_reason, substances, age)`,
    );
    try {
      const r = await runGroup(engine, { source: 'records', group: 'all' });
      // 2021/22: only Hull had anyone (E). The group's row is still declared as the members'
      // sum, the others counting nobody, so an export decides it from Hull's alone.
      const byPeriod = r.tables.find((t) => t.caption.startsWith('Treatment outcomes by period'))!;
      const earlier = byPeriod.rows.findIndex((x) => x.period === '2021/22');
      expect(byPeriod.rows[earlier].in_treatment).toBe(1);
      const sums = byPeriod.sourceSums!.find((x) => x.row === earlier)!;
      expect(sums.sourceRows.map((x) => [x.area_code, x.in_treatment])).toEqual([
        ['E06000010', 1],
        ['E06000011', 0],
        ['E06000012', 0],
        ['E06000013', 0],
      ]);
      // The same in the by-area table when 2021/22 is the period shown.
      const then = await runGroup(engine, { source: 'records', group: 'all' }, '2021/22');
      const areas = then.tables.find((t) => t.caption.includes(', by area'))!;
      const at = areas.rows.findIndex((x) => x.area_code === HUMBERSIDE.code);
      expect(
        areas.sourceSums!.find((x) => x.row === at)!.sourceRows.map((x) => x.denominator),
      ).toEqual([1, 0, 0, 0]);
      const done = r.indicators.find(
        (x) =>
          x.area_code === HUMBERSIDE.code &&
          x.indicator_id === 'treatment_outcomes.successful_completion.all' &&
          x.period === '2022/23',
      )!;
      expect(done.denominator).toBe(4);
      expect(done.count).toBe(2);
      expect(done.method).toMatch(/from treatment episodes/);
      expect(r.notes.join(' ')).toMatch(/a client with episodes in two members counts once/);
      // Each member's own table is what the group's cells are decided from: Hull has A and D.
      const outcomes = r.tables.find((t) => t.caption.startsWith('Treatment outcomes, '))!;
      const hull = outcomes.sourceSums![0].sourceRows.find((x) => x.area_code === 'E06000010');
      expect(hull).toMatchObject({ denominator: 2, count: 1 });
    } finally {
      await exec(engine, 'DROP TABLE treatment_episodes');
    }
  });

  it('episodes asked for but a member has none: says which member', async () => {
    await exec(
      engine,
      `CREATE TABLE treatment_episodes AS SELECT * FROM (VALUES
         ('A', 'E06000010', DATE '2022-05-01', NULL, NULL, 'heroin', 30)
       ) AS t(client_id, area_code, start_date, discharge_date, discharge_reason, substances, age)`,
    );
    try {
      await expect(runGroup(engine, { source: 'records' })).rejects.toThrow(
        /No treatment episodes for East Riding of Yorkshire, North East Lincolnshire, North Lincolnshire \(members of Humberside: a group's outcomes from episodes need every member's\): load their extracts, or choose aggregate counts/,
      );
      // Best available falls back to the aggregate counts, which have every member.
      const r = await runGroup(engine);
      expect(r.indicators.some((x) => x.area_code === HUMBERSIDE.code)).toBe(true);
      // Without them, the message names the group in words, never its internal code.
      await exec(engine, 'ALTER TABLE treatment_outcomes RENAME TO outcomes_away');
      try {
        await expect(runGroup(engine)).rejects.toThrow(
          /^No treatment episodes for East Riding of Yorkshire, .*and no "treatment_outcomes" table: load one of them\.$/,
        );
      } finally {
        await exec(engine, 'ALTER TABLE outcomes_away RENAME TO treatment_outcomes');
      }
    } finally {
      await exec(engine, 'DROP TABLE treatment_episodes');
    }
  });
});

describe('the outcomes scorecard for an area group', () => {
  it('shows the lines the group-aware views computed, and says why loaded indicators have none', async () => {
    const engine = await testEngine();
    await exec(engine, 'DROP TABLE IF EXISTS treatment_episodes');
    await tablesFromFiles(
      engine,
      {
        areas: 'datasets/derived_canonical_areas_2023.csv',
        treatment_outcomes: 'datasets/synthetic/treatment_outcomes.csv',
        local_metrics: 'datasets/synthetic/local_metrics.csv',
      },
      'sc_groups',
    );
    const env = await buildViewEnvironment(engine, [HUMBERSIDE]);
    const params = { focalArea: 'Humberside', comparator: 'region' } as const;
    const outcomes = await runView('treatment-outcomes', resolveViewContext(env, params));
    const r = await runView('scorecard', resolveViewContext(env, params, outcomes.indicators));
    const lines = r.tables[0].rows;
    expect(lines.length).toBeGreaterThan(0);
    const notes = r.notes.join(' ');
    expect(notes).toMatch(/Humberside is a group of areas: its lines come from the other views/);
    expect(notes).not.toMatch(/does not yet sum|No local metrics for Humberside/);
    // The completion line's latest value is the group's own (members' counts summed).
    const group = outcomes.indicators.filter(
      (x) =>
        x.area_code === HUMBERSIDE.code &&
        x.indicator_id === 'treatment_outcomes.completion_no_representation.all',
    );
    const latest = group.reduce((a, b) => (b.period > a.period ? b : a));
    const line = lines.find(
      (l) => l.period === latest.period && l.count === latest.count && l.value === latest.value,
    );
    expect(line, JSON.stringify(lines.map((l) => [l.line, l.period, l.value]))).toBeDefined();
    expect(latest.value).not.toBeNull();
  });
});
