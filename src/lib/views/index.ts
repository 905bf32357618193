/**
 * The prebuilt views and the notebook-parameter → ViewContext resolution they share.
 */
import { quoteIdent } from '../engine/sql';
import type { Engine } from '../engine/types';
import { INDICATOR_COLUMNS, type IndicatorRow } from '../schema/indicator';
import { COMPARATOR_LABELS, ENGLAND, comparatorCodes, type ComparatorKind } from './areas';
import { areaNames, tableColumns, tableExists } from './common';
import { cjsTreatmentView } from './cjsTreatment';
import { drugDeathsView } from './drugDeaths';
import { indicatorChoices, indicatorPeriods, laComparisonView } from './laComparison';
import { unmetNeedView } from './unmetNeed';
import type { ViewContext, ViewDefinition, ViewId, ViewOption } from './types';

export type {
  ViewContext,
  ViewDefinition,
  ViewId,
  ViewResult,
  ViewTable,
  DisplayColumn,
  ViewOption,
} from './types';
export { indicatorChoices, indicatorPeriods };
/** Clears what views keep between runs; call it whenever the loaded tables change. */
export { forgetEpisodeCounts as forgetViewCaches } from './unmetNeed';

export const VIEWS: Record<ViewId, ViewDefinition> = {
  'unmet-need': unmetNeedView,
  'drug-deaths': drugDeathsView,
  'cjs-treatment': cjsTreatmentView,
  'la-comparison': laComparisonView,
};

export function isViewId(id: string): id is ViewId {
  return Object.prototype.hasOwnProperty.call(VIEWS, id);
}

/** Notebook parameters as the notebook model holds them. */
export interface ViewParams {
  focalArea: string | null;
  comparator: ComparatorKind;
  customComparators?: string[];
  latestPeriod?: string | null;
}

/**
 * Resolves notebook parameters into a ViewContext: focal area name and region (from `areas`),
 * and the comparator codes (areas.ts). Without an `areas` table the region is taken from no
 * source (null) and comparators fall back to the focal area plus any custom list.
 */
export async function resolveViewContext(engine: Engine, params: ViewParams): Promise<ViewContext> {
  const focal = params.focalArea?.trim();
  if (!focal) throw new Error('Choose a focal area (notebook parameters) before running a view.');
  const hasAreas = await tableExists(engine, 'areas');
  let regionCode: string | null = null;
  let regionName: string | null = null;
  if (hasAreas) {
    const r = (
      await engine.query(
        `SELECT any_value(region_code) AS region_code, any_value(region_name) AS region_name
         FROM areas WHERE area_code = ?`,
        [focal],
      )
    ).toRows()[0];
    regionCode = r?.region_code == null ? null : String(r.region_code);
    regionName = r?.region_name == null ? null : String(r.region_name);
    if (regionCode && !regionName)
      regionName = (await areaNames(engine, [regionCode])).get(regionCode) ?? regionCode;
  }
  const kind = params.comparator;
  const custom = params.customComparators ?? [];
  let codes: string[];
  if (hasAreas || kind === 'custom') {
    try {
      codes = await comparatorCodes(engine, focal, kind, custom);
    } catch {
      codes = [focal];
    }
  } else if (kind === 'neighbours' && (await tableExists(engine, 'comparator_groups'))) {
    codes = await comparatorCodes(engine, focal, kind, custom);
  } else codes = [focal];
  if (!codes.includes(focal)) codes = [focal, ...codes];
  const names = await areaNames(engine, [focal], 'deaths');
  return {
    focalArea: focal,
    focalAreaName: names.get(focal) ?? focal,
    regionCode,
    regionName,
    comparator: kind,
    comparatorCodes: codes.filter((c) => c !== ENGLAND),
    comparatorLabel: COMPARATOR_LABELS[kind],
    latestPeriod: params.latestPeriod ?? null,
  };
}

/** A view's options with dynamic choices filled in (the indicator list of la-comparison). */
export async function viewOptions(
  engine: Engine,
  id: ViewId,
  current: Record<string, string> = {},
): Promise<ViewOption[]> {
  const view = VIEWS[id];
  if (id !== 'la-comparison') return view.options;
  const choices = await indicatorChoices(engine);
  const indicator =
    current.indicator && choices.some((c) => c.value === current.indicator)
      ? current.indicator
      : (choices[0]?.value ?? '');
  const periods = indicator ? await indicatorPeriods(engine, indicator) : [];
  return view.options.map((o) => {
    if (o.key === 'indicator') return { ...o, choices, default: choices[0]?.value ?? '' };
    if (o.key === 'period')
      return {
        ...o,
        choices: [
          { value: 'latest', label: 'Latest' },
          ...[...periods].reverse().map((p) => ({ value: p, label: p })),
        ],
      };
    return o;
  });
}

/** Default option values for a view. */
export function defaultOptions(view: ViewDefinition): Record<string, string> {
  return Object.fromEntries(view.options.map((o) => [o.key, o.default]));
}

const INDICATOR_SQL_TYPES: Record<(typeof INDICATOR_COLUMNS)[number], string> = {
  indicator_id: 'VARCHAR',
  indicator_name: 'VARCHAR',
  area_code: 'VARCHAR',
  area_name: 'VARCHAR',
  period: 'VARCHAR',
  sex: 'VARCHAR',
  age: 'VARCHAR',
  value: 'DOUBLE',
  lower_95: 'DOUBLE',
  upper_95: 'DOUBLE',
  lower_998: 'DOUBLE',
  upper_998: 'DOUBLE',
  count: 'DOUBLE',
  denominator: 'DOUBLE',
  unit: 'VARCHAR',
  polarity: 'VARCHAR',
  note: 'VARCHAR',
  method: 'VARCHAR',
  synthetic: 'BOOLEAN',
};

/**
 * Appends indicator rows (from a view) to the `indicators` table, creating it when absent, so
 * la-comparison can compare areas on what another view computed. Rows already there for the
 * same indicator, area, period, sex and age are replaced.
 */
export async function saveIndicators(
  engine: Engine,
  rows: IndicatorRow[],
  table = 'indicators',
): Promise<number> {
  const t = quoteIdent(table);
  await engine.query(
    `CREATE TABLE IF NOT EXISTS ${t} (${INDICATOR_COLUMNS.map((c) => `${quoteIdent(c)} ${INDICATOR_SQL_TYPES[c]}`).join(', ')})`,
  );
  const existing = await tableColumns(engine, table);
  for (const c of INDICATOR_COLUMNS)
    if (!existing.has(c))
      await engine.query(`ALTER TABLE ${t} ADD COLUMN ${quoteIdent(c)} ${INDICATOR_SQL_TYPES[c]}`);
  const BATCH = 150;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const keys = batch.flatMap((r) => [r.indicator_id, r.area_code, r.period, r.sex, r.age]);
    await engine.query(
      `DELETE FROM ${t} WHERE (CAST(indicator_id AS VARCHAR), area_code, CAST(period AS VARCHAR), sex, age) IN (${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')})`,
      keys,
    );
    const params = batch.flatMap((r) =>
      INDICATOR_COLUMNS.map((c) => {
        const v = r[c];
        return v === undefined ? null : v;
      }),
    );
    await engine.query(
      `INSERT INTO ${t} (${INDICATOR_COLUMNS.map(quoteIdent).join(', ')}) VALUES ${batch
        .map(
          () =>
            `(${INDICATOR_COLUMNS.map((c) => `CAST(? AS ${INDICATOR_SQL_TYPES[c]})`).join(', ')})`,
        )
        .join(', ')}`,
      params,
    );
  }
  return rows.length;
}
