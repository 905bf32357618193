/**
 * Public-health statistics for the notebook: pure functions reproducing the PHE/OHID methods
 * (PHEindicatormethods, Fingertips) and ONS display rules. No DuckDB, no DOM.
 */
export type { ConfidenceLevel } from './quantiles';
export { zForConfidence } from './quantiles';
export {
  byarsLower,
  byarsUpper,
  exactPoissonLower,
  exactPoissonUpper,
  wilsonLower,
  wilsonUpper,
} from './intervals';
export type { CrudeRateResult, RateMethod, RateOptions } from './rates';
export { crudeRate, rateMethodFor, rateMethodLabel, EXACT_RATE_THRESHOLD } from './rates';
export type { ProportionOptions, ProportionResult } from './proportions';
export { proportion } from './proportions';
export type { DsrBand, DsrOptions, DsrResult } from './dsr';
export { dsr, DSR_MINIMUM_EVENTS, DSR_NOT_CALCULATED_NOTE } from './dsr';
export type { StandardPopulationBand } from './esp2013';
export { esp2013 } from './esp2013';
export type { NeedResult, UnmetNeedInput } from './unmetNeed';
export { metNeed, unmetNeed } from './unmetNeed';
export type {
  AreaForComparison,
  BenchmarkForComparison,
  CompareOptions,
  ComparisonMethod,
  DetailedComparison,
  FingertipsSignificance,
  Polarity,
  Significance,
} from './compare';
export { compareWithBenchmark, compareWithBenchmarkDetailed, significanceLabel } from './compare';
export { MINIMUM_VALUES_FOR_PERCENTILES, percentile } from './percentiles';
export type { SpineStats } from './spine';
export { spinePosition, spineStats } from './spine';
export type {
  FunnelInput,
  FunnelProportionPoint,
  FunnelRatePoint,
  FunnelSignificance,
  ProportionFunnelLimit,
  RateFunnelLimit,
  RateFunnelOptions,
  RateFunnelPoint,
} from './funnels';
export {
  FUNNEL_AXIS_POINTS,
  funnelLimits,
  funnelSignificance,
  proportionFunnelLimits,
  proportionFunnelSignificance,
  rateFunnelLimits,
  rateFunnelPoints,
  rateFunnelSignificance,
} from './funnels';
export type { OnsDeathDisplay } from './onsRules';
export {
  onsDeathDisplayRule,
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
} from './onsRules';
export type {
  TrendDirection,
  TrendMarker,
  TrendPoint,
  TrendRequest,
  TrendResult,
  TrendValueType,
} from './trend';
export {
  recentTrend,
  trendLabel,
  trendValidationMessage,
  TREND_CHI_SQUARE_CONFIDENCE,
  TREND_POINTS_TO_USE,
} from './trend';
export type {
  ChangeKind,
  ChangeOptions,
  ChangeResult,
  PeriodFigure,
  TwoPeriodChange,
} from './change';
export { changeLabel, CHANGE_METHOD_TEXT, twoPeriodChange } from './change';
