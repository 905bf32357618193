/**
 * Value normalisers: SQL expressions (so they run inside DuckDB over millions of rows) built
 * from the same tables as their pure-TS twins, so the two cannot drift apart. A value a
 * normaliser does not recognise is passed through unchanged (trimmed): checks.ts then reports
 * it, instead of the loader quietly guessing.
 *
 * By job: normaliseLabels.ts (sex, age bands, substance groups, measures, polarity),
 * normalisePeriods.ts, normaliseValues.ts (numbers, dates, booleans), areaRecodes.ts (boundary
 * changes); this module is their one entry point and picks the normaliser by value kind.
 */
import type { ValueKind } from './tables';
import { trimmedSql } from './normaliseHelpers';
import {
  normaliseSexSql,
  normaliseAgeBandSql,
  normaliseSubstanceGroupSql,
  normaliseMeasureSql,
  normalisePolaritySql,
} from './normaliseLabels';
import { normalisePeriodSql } from './normalisePeriods';
import { numberSql, integerSql, dateSql, booleanSql } from './normaliseValues';
import { recodeAreaSql } from './areaRecodes';

export { labelKey } from './normaliseHelpers';
export {
  SEX_LABELS,
  normaliseSexSql,
  normaliseSex,
  normaliseAgeBand,
  normaliseAgeBandSql,
  SUBSTANCE_GROUP_LABELS,
  normaliseSubstanceGroupSql,
  normaliseSubstanceGroup,
  MEASURE_LABELS,
  normaliseMeasureSql,
  normaliseMeasure,
  POLARITY_LABELS,
  normalisePolaritySql,
} from './normaliseLabels';
export { normalisePeriod, normalisePeriodSql } from './normalisePeriods';
export { numberSql, integerSql, dateSql, BOOLEAN_LABELS, booleanSql } from './normaliseValues';
export {
  AREA_RECODES,
  RETIRED_AREAS,
  recodeArea,
  recodeAreaSql,
  recodedCodesList,
  retiredCodesList,
  recodeNote,
  retiredNote,
} from './areaRecodes';

/** The SQL that turns a raw expression into the canonical value of a column of this kind. */
export function normaliseSql(kind: ValueKind, expr: string): string {
  switch (kind) {
    case 'area_code':
      return recodeAreaSql(expr);
    case 'sex':
      return normaliseSexSql(expr);
    case 'age_band':
      return normaliseAgeBandSql(expr);
    case 'period':
      return normalisePeriodSql(expr);
    case 'substance_group':
      return normaliseSubstanceGroupSql(expr);
    case 'measure':
      return normaliseMeasureSql(expr);
    case 'polarity':
      return `COALESCE(${normalisePolaritySql(expr)}, 'none')`;
    case 'number':
      return numberSql(expr);
    case 'integer':
      return integerSql(expr);
    case 'date':
      return dateSql(expr);
    case 'boolean':
      return booleanSql(expr);
    case 'text':
      return `NULLIF(${trimmedSql(expr)}, '')`;
  }
}
