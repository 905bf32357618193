/**
 * The one long format every view emits and every chart, comparison and export reads. It mirrors
 * the Fingertips CSV export columns analysts already know (see docs/architecture.md).
 */
import type { Polarity } from '../domain/polarity';
export type { Polarity };

export interface IndicatorRow {
  indicator_id: string;
  indicator_name: string;
  area_code: string;
  area_name: string;
  /** e.g. "2019-21", "2019/20", "2021". */
  period: string;
  sex: string;
  age: string;
  value: number | null;
  lower_95: number | null;
  upper_95: number | null;
  /** Optional 99.8% limits (Fingertips exports and the two-level comparison use them). */
  lower_998?: number | null;
  upper_998?: number | null;
  count: number | null;
  denominator: number | null;
  /** e.g. "per 100,000", "%". */
  unit: string;
  polarity: Polarity;
  /** Why a value is missing or flagged: "not calculated: fewer than 10 deaths", "u: low reliability". */
  note: string;
  /** Which method produced the value, shown in the UI ("DSR (ESP2013), Dobson 95% CI"). */
  method?: string;
  /** True when the row comes from generated training data: it must be labelled SYNTHETIC. */
  synthetic?: boolean;
}

export const INDICATOR_COLUMNS = [
  'indicator_id',
  'indicator_name',
  'area_code',
  'area_name',
  'period',
  'sex',
  'age',
  'value',
  'lower_95',
  'upper_95',
  'lower_998',
  'upper_998',
  'count',
  'denominator',
  'unit',
  'polarity',
  'note',
  'method',
  'synthetic',
] as const;
