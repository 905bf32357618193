/**
 * The scorecard: the local-metrics template loads with no questions (canonical-shape recognition
 * and the real loader), each line's RAG follows the stated rule, lines without a target are
 * compared with England as Fingertips does, other views' indicators join their outcome, and
 * trends are worded with their test.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../engine/nodeEngine';
import { loadCsv } from '../../../../src/lib/ingest/csv';
import { recogniseTable } from '../../../../src/lib/schema/recognise';
import { applyMapping } from '../../../../src/lib/schema/apply';
import { proportion } from '../../../../src/lib/stats';
import type { Engine } from '../../../../src/lib/engine/types';
import type { IndicatorRow } from '../../../../src/lib/schema/indicator';
import { ragRating, outcomeOf } from '../../../../src/lib/views/scorecard/model';
import { trendOf, type Point } from '../../../../src/lib/views/scorecard/compute';
import { dropAll, runViewOn } from '../helpers';

const PBO = 'E06000031';
const ENG = 'E92000001';

const point = (
  period: string,
  value: number,
  lower: number | null = null,
  upper: number | null = null,
): Point => ({
  period,
  value,
  lower,
  upper,
  count: null,
  denominator: null,
  target: null,
  note: '',
});

describe('RAG and trend rules', () => {
  it('green meets the target, amber misses by at most 5% of it, red beyond', () => {
    expect(ragRating(150, 150, 'high_is_good')).toBe('green');
    expect(ragRating(142.5, 150, 'high_is_good')).toBe('amber');
    expect(ragRating(142.4, 150, 'high_is_good')).toBe('red');
    expect(ragRating(10, 10, 'low_is_good')).toBe('green');
    expect(ragRating(10.5, 10, 'low_is_good')).toBe('amber');
    expect(ragRating(10.6, 10, 'low_is_good')).toBe('red');
    expect(ragRating(1, 10, 'none')).toBe('not-rated');
  });

  it('trend: a change only where the intervals do not overlap; untested without them', () => {
    expect(
      trendOf([point('2021', 10, 8, 12), point('2022', 15, 12.5, 17)], 'high_is_good'),
    ).toMatch(/^↑ Increased significantly, getting better \(2021 to 2022, 2 periods\)$/);
    expect(trendOf([point('2021', 10, 8, 12), point('2022', 11, 9, 13)], 'high_is_good')).toMatch(
      /^→ No significant change/,
    );
    expect(trendOf([point('2022 Q3', 20), point('2022 Q4', 18)], 'low_is_good')).toMatch(
      /^↓ Down \(not tested\), getting better/,
    );
    expect(trendOf([point('2022', 1)], 'none')).toBe('One period only: no trend');
  });

  it('outcomes from ids or words', () => {
    expect(outcomeOf('Reduce drug-related crime')).toBe('reduce_drug_crime');
    expect(outcomeOf('improve_recovery')).toBe('improve_recovery');
    expect(outcomeOf('Increase engagement in treatment')).toBe('increase_treatment_engagement');
    expect(outcomeOf('reduce drug use')).toBe('reduce_drug_use');
    expect(outcomeOf('something else')).toBe('other');
  });
});

describe('scorecard view', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await dropAll(engine);
  });

  it('loads the local-metrics template with no questions', async () => {
    const text = readFileSync('datasets/local_metrics_template.csv', 'utf8');
    await loadCsv(engine, {
      fileName: 'local_metrics_template.csv',
      source: { kind: 'text', text },
      tableName: 'raw_local',
    });
    const p = await recogniseTable(engine, 'raw_local', 'local_metrics_template.csv');
    expect(p).toMatchObject({
      canonical: 'local_metrics',
      confidence: 1,
      knownFormat: 'canonical-columns',
      missingRequired: [],
    });
    const applied = await applyMapping(engine, 'raw_local', p);
    expect(applied.rowsAdded.local_metrics).toBe(14);
    const periods = (
      await engine.query(`SELECT DISTINCT period FROM local_metrics ORDER BY 1`)
    ).toRows();
    expect(periods.map((r) => r.period)).toEqual(['2022 Q3', '2022 Q4']);
  });

  it('rates each local line against its target, in words and shapes', async () => {
    const r = await runViewOn(engine, 'scorecard', {}, {});
    const rows = r.tables[0].rows;
    const line = (name: string) => rows.find((x) => x.line === name)!;
    // 146 kits against 150: short by 4, within 5% (7.5) → amber.
    expect(line('Naloxone kits issued').rating).toBe('▲ Amber: within 5% of target');
    // 48/60 = 80% against 75% → green; its value and interval are Wilson's.
    const tests = line('Positive drug tests on arrest assessed for treatment');
    const p = proportion(48, 60, { multiplier: 100 });
    expect(tests.rating).toBe('● Green: target met');
    expect(tests.value).toBeCloseTo(p.value!, 12);
    expect(tests.lower_95).toBeCloseTo(p.lower!, 12);
    expect(tests.upper_95).toBeCloseTo(p.upper!, 12);
    // 41/62 (66.1%) to 48/60 (80%): the Wilson intervals overlap.
    expect(tests.trend).toMatch(/^→ No significant change \(2022 Q3 to 2022 Q4/);
    // 27/72 = 37.5% against 40%: more than 2 points (5% of 40) short → red.
    expect(line('Adults in treatment with a housing problem resolved').rating).toBe(
      '■ Red: target missed by more than 5%',
    );
    expect(line('Naloxone kits reported used').rating).toBe('○ No target or England value');
    expect(rows[0].outcome).toBe('Reduce drug use');
    expect(rows.map((x) => x.outcome)).toContain('Improve recovery outcomes');
    expect(r.synthetic).toBe(true);
    expect(r.methodNote).toMatch(/Amber \(▲\) when it misses by no more than 5%/);
    // Local metrics are handed on as indicator rows with their counts (for disclosure control).
    const row = r.indicators.find(
      (x) =>
        x.indicator_id === 'local_metric.positive_drug_tests_on_arrest_assessed_for_treatment' &&
        x.period === '2022 Q4',
    )!;
    expect([row.count, row.denominator, row.unit]).toEqual([48, 60, '%']);
  });

  it('adds other views’ indicators under their outcome, compared with England', async () => {
    const base = {
      indicator_name:
        'Successful completion without re-presentation within 6 months (% of adults in treatment): Opiate',
      sex: 'Persons',
      age: 'All ages',
      unit: '%',
      polarity: 'high_is_good',
      note: '',
      period: '2021/22',
      indicator_id: 'treatment_outcomes.completion_no_representation.opiate',
    } as const;
    const focal = proportion(30, 300, { multiplier: 100 });
    const computed: IndicatorRow[] = [
      {
        ...base,
        area_code: PBO,
        area_name: 'Peterborough',
        value: focal.value,
        lower_95: focal.lower,
        upper_95: focal.upper,
        count: 30,
        denominator: 300,
      },
      {
        ...base,
        area_code: ENG,
        area_name: 'England',
        value: 5,
        lower_95: 4.9,
        upper_95: 5.1,
        count: 5000,
        denominator: 100000,
      },
    ];
    const r = await runViewOn(engine, 'scorecard', { computedIndicators: computed }, {});
    const line = r.tables[0].rows.find((x) => x.line === base.indicator_name)!;
    // 10% (95% CI 7.1–14.0%) against England's 5%: England below the interval → better.
    expect(line.outcome).toBe('Improve recovery outcomes');
    expect(line.rating).toBe('▲ Better than England');
    expect(line.england).toBe(5);
    expect(line.source).toMatch(/Treatment outcomes view/);
  });
});
