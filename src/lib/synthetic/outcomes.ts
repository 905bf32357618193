/**
 * SYNTHETIC outcome data for the treatment-outcomes and scorecard views, for every UTLA:
 *  - `treatment_outcomes`: completions, completions not re-presenting within 6 months, starts,
 *    early unplanned exits and deaths in treatment per area, period and substance group, drawn
 *    from the (synthetic) numbers in treatment at rates near the national ones;
 *  - `local_metrics`: six local measures of a combating-drugs outcomes framework, four quarters,
 *    with targets and polarity.
 * Every random stream is derived from (seed, purpose, area code): the output for an area does not
 * depend on which other areas are present, and adding these tables changes no other table.
 */
import type { SubstanceGroup } from './constants';
import { rngFor, type Rng } from './random';
import type { Cell } from './tables';

/** Typical national rates by group (NDTMS adult statistics, rounded; the synthetic centre). */
export const OUTCOME_RATES: Readonly<
  Record<SubstanceGroup, { completion: number; starts: number; death: number }>
> = {
  opiate: { completion: 0.05, starts: 0.2, death: 0.012 },
  non_opiate_only: { completion: 0.33, starts: 0.55, death: 0.003 },
  non_opiate_and_alcohol: { completion: 0.3, starts: 0.55, death: 0.004 },
  alcohol_only: { completion: 0.36, starts: 0.6, death: 0.008 },
};
/** Share of completions not re-presenting within 6 months, and of starts leaving in 12 weeks. */
export const NOT_REPRESENTING: readonly [number, number] = [0.82, 0.94];
export const EARLY_EXIT: readonly [number, number] = [0.1, 0.2];

/** Calendar quarters of the financial year 2022/23. */
export const LOCAL_METRIC_PERIODS = ['2022 Q2', '2022 Q3', '2022 Q4', '2023 Q1'] as const;

/** Binomial draw: exact for small n, normal approximation above 50 trials. */
function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (n <= 50) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(p)) k++;
    return k;
  }
  return Math.round(rng.clampedNormal(n * p, Math.sqrt(n * p * (1 - p)), 0, n));
}

/** In treatment by area → period → group, as the `treatment` table rows hold them. */
export type InTreatment = ReadonlyMap<string, ReadonlyMap<string, Record<SubstanceGroup, number>>>;

export function generateTreatmentOutcomes(
  seed: number | string,
  inTreatment: InTreatment,
  groups: readonly SubstanceGroup[],
): Cell[][] {
  const rows: Cell[][] = [];
  for (const [code, byPeriod] of inTreatment) {
    const rng = rngFor(seed, 'treatment_outcomes', code);
    const areaFactor = rng.lognormal(1, 0.2);
    for (const [period, counts] of byPeriod) {
      const sum = [0, 0, 0, 0, 0, 0];
      for (const g of groups) {
        const n = counts[g];
        const r = OUTCOME_RATES[g];
        const completions = binomial(rng, n, Math.min(0.8, r.completion * areaFactor));
        const notRepresenting = binomial(rng, completions, rng.uniform(...NOT_REPRESENTING));
        const starts = binomial(rng, n, r.starts);
        const early = binomial(rng, starts, rng.uniform(...EARLY_EXIT));
        const deaths = binomial(rng, n, r.death);
        const values = [n, completions, notRepresenting, starts, early, deaths];
        values.forEach((v, i) => (sum[i] += v));
        rows.push([code, period, g, ...values, true]);
      }
      rows.push([code, period, 'all', ...sum, true]);
    }
  }
  return rows;
}

interface MetricSpec {
  metric: string;
  outcome: string;
  unit: string;
  source: string;
  /** Draws one quarter for an area: [numerator, denominator, value]; base = adults in treatment. */
  draw(rng: Rng, base: Record<SubstanceGroup, number>, level: number): [Cell, Cell, Cell];
  target(base: Record<SubstanceGroup, number>): number;
}

const quarterly = (n: number) => Math.max(1, Math.round(n / 4));

export const LOCAL_METRICS: readonly MetricSpec[] = [
  {
    metric: 'Naloxone kits issued',
    outcome: 'reduce_deaths_and_harm',
    unit: 'count',
    source: 'SYNTHETIC naloxone provider returns',
    draw: (rng, b, level) => [null, null, rng.poisson(quarterly(b.opiate * 0.8) * level)],
    target: (b) => quarterly(b.opiate * 0.8),
  },
  {
    metric: 'Positive drug tests on arrest assessed for treatment',
    outcome: 'reduce_drug_crime',
    unit: '%',
    source: 'SYNTHETIC police custody drug testing',
    draw: (rng, b, level) => {
      const d = rng.poisson(quarterly(b.opiate * 0.3));
      return [binomial(rng, d, Math.min(0.95, 0.7 * level)), d, null];
    },
    target: () => 75,
  },
  {
    metric: 'Inpatient detox admissions',
    outcome: 'increase_treatment_engagement',
    unit: 'count',
    source: 'SYNTHETIC treatment provider',
    draw: (rng, b, level) => [
      null,
      null,
      rng.poisson(quarterly((b.opiate + b.alcohol_only + b.non_opiate_and_alcohol) * 0.03) * level),
    ],
    target: (b) => quarterly((b.opiate + b.alcohol_only + b.non_opiate_and_alcohol) * 0.03),
  },
  {
    metric: 'Adults in treatment with a housing problem resolved',
    outcome: 'improve_recovery',
    unit: '%',
    source: 'SYNTHETIC treatment provider',
    draw: (rng, b, level) => {
      const d = rng.poisson(quarterly((b.opiate + b.non_opiate_only) * 0.12));
      return [binomial(rng, d, Math.min(0.9, 0.38 * level)), d, null];
    },
    target: () => 40,
  },
  {
    metric: 'Adults in IPS employment support',
    outcome: 'improve_recovery',
    unit: 'count',
    source: 'SYNTHETIC IPS provider',
    draw: (rng, b, level) => [
      null,
      null,
      rng.poisson(quarterly((b.opiate + b.non_opiate_only + b.alcohol_only) * 0.05) * level),
    ],
    target: (b) => quarterly((b.opiate + b.non_opiate_only + b.alcohol_only) * 0.05),
  },
  {
    metric: 'Young people screened for substance use in schools',
    outcome: 'reduce_drug_use',
    unit: '%',
    source: "SYNTHETIC young people's service",
    draw: (rng, b, level) => {
      const d = rng.poisson(quarterly((b.non_opiate_only + b.non_opiate_and_alcohol) * 2));
      return [binomial(rng, d, Math.min(0.98, 0.84 * level)), d, null];
    },
    target: () => 85,
  },
];

/** Local metrics for every area, four quarters of 2022/23 (the latest treatment year). */
export function generateLocalMetrics(
  seed: number | string,
  inTreatment: InTreatment,
  period: string,
): Cell[][] {
  const rows: Cell[][] = [];
  for (const [code, byPeriod] of inTreatment) {
    const base = byPeriod.get(period);
    if (!base) continue;
    for (const spec of LOCAL_METRICS) {
      const rng = rngFor(seed, 'local_metrics', code, spec.metric);
      // An area's performance level (about ±10% of target) drifting over the year.
      let level = rng.lognormal(1, 0.1);
      const target = spec.target(base);
      for (const quarter of LOCAL_METRIC_PERIODS) {
        level *= rng.uniform(0.97, 1.05);
        const [numerator, denominator, value] = spec.draw(rng, base, level);
        rows.push([
          spec.metric,
          spec.outcome,
          code,
          quarter,
          numerator,
          denominator,
          value,
          target,
          'high_is_good',
          spec.unit,
          spec.source,
          true,
        ]);
      }
    }
  }
  return rows;
}
