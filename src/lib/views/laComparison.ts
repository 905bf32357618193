/**
 * Compare the focal area on any indicator in the `indicators` table (loaded from a Fingertips
 * export or written by another view) with England, its region and its comparator areas:
 * Fingertips significance labels, a caterpillar chart, a spine chart across indicators, a funnel
 * plot (where counts and denominators allow) and a sortable table.
 */
import type { Engine, Row } from '../engine/types';
import type { IndicatorRow, Polarity } from '../schema/indicator';
import {
  compareWithBenchmark,
  funnelLimits,
  funnelSignificance,
  rateFunnelPoints,
  significanceLabel,
  spinePosition,
  spineStats,
  type FunnelSignificance,
  type Significance,
} from '../stats';
import { ENGLAND } from './areas';
import { caterpillarSpec, funnelSpec, spineSpec } from './charts';
import {
  ROLE_LABEL,
  areaNames,
  fmt,
  isSynthetic,
  num,
  periodYears,
  pickPeriod,
  sortPeriods,
  statsPolarity,
  str,
  tableColumns,
  tableExists,
  viewAreas,
  withCatalog,
} from './common';
import type { ViewContext, ViewDefinition, ViewResult, ViewTable } from './types';

export const METHOD_NOTE =
  'Compared with England and the region by the Fingertips method: similar when the benchmark lies inside the area’s 95% CI, otherwise better/worse by the indicator’s polarity (higher/lower where it has none); funnel limits 95% and 99.8% (PHEindicatormethods).';

/** The indicator choices for the option list: distinct indicator_id with its name. */
export async function indicatorChoices(
  engine: Engine,
): Promise<{ value: string; label: string }[]> {
  if (!(await tableExists(engine, 'indicators'))) return [];
  const r = await engine.query(
    `SELECT CAST(indicator_id AS VARCHAR) AS id, min(CAST(indicator_name AS VARCHAR)) AS name
     FROM indicators WHERE indicator_id IS NOT NULL GROUP BY 1 ORDER BY name, id`,
  );
  return r.toRows().map((x) => ({
    value: str(x.id),
    label: x.name == null ? str(x.id) : `${str(x.name)} (${str(x.id)})`,
  }));
}

/** The periods available for one indicator, oldest first. */
export async function indicatorPeriods(engine: Engine, indicatorId: string): Promise<string[]> {
  if (!(await tableExists(engine, 'indicators'))) return [];
  const r = await engine.query(
    `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM indicators WHERE CAST(indicator_id AS VARCHAR) = ?`,
    [indicatorId],
  );
  return sortPeriods(r.toRows().map((x) => str(x.p)));
}

interface IRow {
  area_code: string;
  area_name: string;
  period: string;
  sex: string;
  age: string;
  value: number | null;
  lower_95: number | null;
  upper_95: number | null;
  lower_998: number | null;
  upper_998: number | null;
  count: number | null;
  denominator: number | null;
  unit: string;
  polarity: Polarity;
  indicator_name: string;
  method: string;
  note: string;
}

function normalisePolarity(p: string): Polarity {
  const s = p
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'low_is_good' || s.startsWith('rag_low') || s === 'low') return 'low_is_good';
  if (s === 'high_is_good' || s.startsWith('rag_high') || s === 'high') return 'high_is_good';
  return 'none';
}

async function loadIndicatorRows(
  engine: Engine,
  indicatorId: string,
  extra = '',
  extraParams: string[] = [],
  knownCols?: Set<string>,
): Promise<IRow[]> {
  const cols = knownCols ?? (await tableColumns(engine, 'indicators'));
  const opt = (c: string, cast: string) =>
    cols.has(c) ? `CAST(${c} AS ${cast})` : `CAST(NULL AS ${cast})`;
  const r = await engine.query(
    `SELECT CAST(area_code AS VARCHAR) AS area_code, ${opt('area_name', 'VARCHAR')} AS area_name, CAST(period AS VARCHAR) AS period,
            coalesce(${opt('sex', 'VARCHAR')}, 'Persons') AS sex, coalesce(${opt('age', 'VARCHAR')}, 'All ages') AS age,
            ${opt('value', 'DOUBLE')} AS value, ${opt('lower_95', 'DOUBLE')} AS lower_95, ${opt('upper_95', 'DOUBLE')} AS upper_95,
            ${opt('lower_998', 'DOUBLE')} AS lower_998, ${opt('upper_998', 'DOUBLE')} AS upper_998,
            ${opt('count', 'DOUBLE')} AS count, ${opt('denominator', 'DOUBLE')} AS denominator,
            coalesce(${opt('unit', 'VARCHAR')}, '') AS unit, coalesce(${opt('polarity', 'VARCHAR')}, 'none') AS polarity,
            coalesce(${opt('indicator_name', 'VARCHAR')}, '') AS indicator_name, coalesce(${opt('method', 'VARCHAR')}, '') AS method,
            coalesce(${opt('note', 'VARCHAR')}, '') AS note
     FROM indicators WHERE CAST(indicator_id AS VARCHAR) = ? ${extra}`,
    [indicatorId, ...extraParams],
  );
  return r.toRows().map((x) => ({
    area_code: str(x.area_code),
    area_name: str(x.area_name),
    period: str(x.period),
    sex: str(x.sex),
    age: str(x.age),
    value: num(x.value),
    lower_95: num(x.lower_95),
    upper_95: num(x.upper_95),
    lower_998: num(x.lower_998),
    upper_998: num(x.upper_998),
    count: num(x.count),
    denominator: num(x.denominator),
    unit: str(x.unit),
    polarity: normalisePolarity(str(x.polarity)),
    indicator_name: str(x.indicator_name),
    method: str(x.method),
    note: str(x.note),
  }));
}

/** Sex and age to show: the focal area's (Persons first), else the most common. */
function pickBreakdown(rows: IRow[], focal: string): { sex: string; age: string } {
  const pool = rows.some((r) => r.area_code === focal)
    ? rows.filter((r) => r.area_code === focal)
    : rows;
  const sexes = [...new Set(pool.map((r) => r.sex))];
  const sex = sexes.includes('Persons')
    ? 'Persons'
    : (mostCommon(pool.map((r) => r.sex)) ?? 'Persons');
  const ages = pool.filter((r) => r.sex === sex).map((r) => r.age);
  const age = ages.includes('All ages') ? 'All ages' : (mostCommon(ages) ?? 'All ages');
  return { sex, age };
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts)
    if (v > n) {
      best = k;
      n = v;
    }
  return best;
}

/** Compares one row with a benchmark value (Fingertips default comparer, 95% CI). */
export function compareRow(
  row: { value: number | null; lower_95: number | null; upper_95: number | null },
  benchmark: number | null,
  polarity: Polarity,
): Significance {
  return compareWithBenchmark(
    { value: row.value, lower95: row.lower_95, upper95: row.upper_95 },
    { value: benchmark },
    { polarity: statsPolarity(polarity) },
  );
}

function funnelLabel(s: FunnelSignificance, polarity: Polarity): string {
  if (s === 'Not significant') return 'Similar';
  if (s.startsWith('Not applicable')) return 'Not compared';
  const high = s.startsWith('High');
  if (polarity === 'none') return high ? 'Higher' : 'Lower';
  const good = polarity === 'high_is_good' ? high : !high;
  return good ? 'Better' : 'Worse';
}

/** Multiplier from a unit text: "%" → 100, "per 100,000" → 100000, "per 1,000" → 1000. */
export function unitMultiplier(unit: string): number | null {
  const u = unit.toLowerCase().replace(/[\s,]/g, '');
  if (u === '%' || u.includes('percent') || u.includes('proportion')) return 100;
  const m = /per(\d+)/.exec(u);
  if (m) return Number(m[1]);
  return null;
}

/** The UTLA codes in the `areas` table (empty without one), read once per run. */
function utlaLoader(engine: Engine): () => Promise<Set<string>> {
  let utla: Promise<Set<string>> | null = null;
  return () =>
    (utla ??= (async () =>
      (await tableExists(engine, 'areas'))
        ? new Set(
            (await engine.query(`SELECT area_code FROM areas WHERE area_type = 'UTLA'`))
              .toRows()
              .map((x) => str(x.area_code)),
          )
        : new Set<string>())());
}

/** Local authority codes (no England, regions or groupings). */
function localAuthorityCodes(utla: Set<string>, candidates: string[]): Set<string> {
  if (candidates.some((c) => utla.has(c))) return new Set(candidates.filter((c) => utla.has(c)));
  return new Set(candidates.filter((c) => /^E(06|08|09|10)/.test(c)));
}

export async function runLaComparison(
  db: Engine,
  ctx: ViewContext,
  options: Record<string, string>,
): Promise<ViewResult> {
  // One catalog snapshot for the run instead of a statement per table/column question.
  const engine = withCatalog(db);
  const utla = utlaLoader(engine);
  const notes: string[] = [];
  if (!(await tableExists(engine, 'indicators')))
    throw new Error(
      'Area comparison needs an "indicators" table (a Fingertips export, or indicator rows from another view).',
    );
  const choices = await indicatorChoices(engine);
  if (choices.length === 0) throw new Error('The "indicators" table has no indicators.');
  const indicatorId =
    options.indicator && choices.some((c) => c.value === options.indicator)
      ? options.indicator
      : choices[0].value;
  if (options.indicator && options.indicator !== indicatorId)
    notes.push(`Indicator "${options.indicator}" is not in the data; showing ${indicatorId}.`);
  const cols = await tableColumns(engine, 'indicators');
  const wantedPeriod =
    options.period && options.period !== 'latest' ? options.period : ctx.latestPeriod;
  // The focal area's rows decide the breakdown and period; then only that breakdown and period
  // is read for every area. Without a focal value, every row of the indicator (as before).
  const focalAll = await loadIndicatorRows(
    engine,
    indicatorId,
    'AND area_code = ?',
    [ctx.focalArea],
    cols,
  );
  let sex: string;
  let age: string;
  let period: string | null;
  let rows: IRow[];
  let first: IRow | undefined;
  const focalBreakdown = focalAll.length > 0 ? pickBreakdown(focalAll, ctx.focalArea) : null;
  const focalPeriods = focalBreakdown
    ? focalAll
        .filter(
          (r) => r.sex === focalBreakdown.sex && r.age === focalBreakdown.age && r.value !== null,
        )
        .map((r) => r.period)
    : [];
  if (focalBreakdown && focalPeriods.length > 0) {
    ({ sex, age } = focalBreakdown);
    period = pickPeriod(focalPeriods, wantedPeriod);
    rows = await loadIndicatorRows(
      engine,
      indicatorId,
      `AND ${breakdownWhere(cols)} AND coalesce(CAST(period AS VARCHAR), '') = ?`,
      [sex, age, period ?? ''],
      cols,
    );
  } else {
    const all = await loadIndicatorRows(engine, indicatorId, '', [], cols);
    ({ sex, age } = pickBreakdown(all, ctx.focalArea));
    const rowsSA = all.filter((r) => r.sex === sex && r.age === age);
    period = pickPeriod(
      focalPeriods.length > 0 ? focalPeriods : rowsSA.map((r) => r.period),
      wantedPeriod,
    );
    rows = rowsSA.filter((r) => r.period === period);
    first = all[0];
  }
  if (options.period && options.period !== 'latest' && period !== options.period)
    notes.push(`No data for ${options.period}; showing ${period}.`);
  const byArea = new Map(rows.map((r) => [r.area_code, r]));
  const meta = rows[0] ?? first;
  const polarity: Polarity = meta?.polarity ?? 'none';
  const unit = meta?.unit ?? '';
  const indicatorName = meta?.indicator_name || indicatorId;
  const synthetic = await isSynthetic(engine, 'indicators', 'CAST(indicator_id AS VARCHAR) = ?', [
    indicatorId,
  ]);

  const areas = viewAreas(ctx);
  const names = await areaNames(
    engine,
    areas.map((a) => a.code),
    'indicators',
  );
  const nameOf = (c: string) => {
    const fromData = byArea.get(c)?.area_name;
    const n = names.get(c);
    return n && n !== c ? n : fromData || c;
  };
  const england = byArea.get(ENGLAND) ?? null;
  const region = ctx.regionCode ? (byArea.get(ctx.regionCode) ?? null) : null;
  if (!england)
    notes.push(
      `No England value for ${indicatorName} in ${period}: areas are not compared with England.`,
    );

  const indicators: IndicatorRow[] = [];
  const tableRows: Row[] = [];
  const cater: Row[] = [];
  for (const a of areas) {
    const r = byArea.get(a.code);
    if (!r) continue;
    const vsEngland = a.code === ENGLAND ? null : compareRow(r, england?.value ?? null, polarity);
    const vsRegion =
      a.code === ENGLAND || a.code === ctx.regionCode
        ? null
        : compareRow(r, region?.value ?? null, polarity);
    const name = nameOf(a.code);
    tableRows.push({
      area_name: name,
      area_code: a.code,
      role: ROLE_LABEL[a.role],
      period: r.period,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      count: r.count,
      denominator: r.denominator,
      vs_england: vsEngland ? significanceLabel(vsEngland) : '',
      vs_region: vsRegion ? significanceLabel(vsRegion) : '',
      note: r.note,
      synthetic,
    });
    indicators.push({
      indicator_id: indicatorId,
      indicator_name: indicatorName,
      area_code: a.code,
      area_name: name,
      period: r.period,
      sex,
      age,
      value: r.value,
      lower_95: r.lower_95,
      upper_95: r.upper_95,
      lower_998: r.lower_998,
      upper_998: r.upper_998,
      count: r.count,
      denominator: r.denominator,
      unit,
      polarity,
      note: [r.note, vsEngland ? `compared with England: ${significanceLabel(vsEngland)}` : '']
        .filter(Boolean)
        .join('; '),
      method: r.method || undefined,
      synthetic,
    });
    if (a.role === 'focal' || a.role === 'comparator')
      cater.push({
        label: a.role === 'focal' ? `${name} (focal area)` : name,
        area_code: a.code,
        value: r.value,
        lower: r.lower_95,
        upper: r.upper_95,
        significance: vsEngland ? significanceLabel(vsEngland) : 'Not compared',
        marker: a.role === 'focal' ? '◀ focal area' : '',
      });
  }
  const missing = areas.filter(
    (a) => !byArea.has(a.code) && (a.role === 'focal' || a.role === 'comparator'),
  );
  if (missing.length > 0)
    notes.push(`No value in ${period} for: ${missing.map((a) => nameOf(a.code)).join(', ')}.`);

  const focalRow = byArea.get(ctx.focalArea);
  const focalName = nameOf(ctx.focalArea);
  const unitText = unit ? (unit === '%' ? '%' : ` ${unit}`) : '';
  const focalSig =
    focalRow && england ? significanceLabel(compareRow(focalRow, england.value, polarity)) : null;
  const keySentence =
    focalRow && focalRow.value !== null
      ? `${focalName} ${fmt(focalRow.value)}${unitText}` +
        (focalRow.lower_95 !== null
          ? ` (95% CI ${fmt(focalRow.lower_95)}–${fmt(focalRow.upper_95)})`
          : '') +
        (england && england.value !== null
          ? `, ${focalRow.value > england.value ? 'higher than' : focalRow.value < england.value ? 'lower than' : 'the same as'} England ${fmt(england.value)}${unitText}: ${focalSig}`
          : '') +
        (region && region.value !== null ? `; region ${fmt(region.value)}${unitText}` : '') +
        '.'
      : `No value for ${focalName} in ${period}.`;

  const charts: ViewResult['charts'] = [];
  cater.sort((x, y) => (num(y.value) ?? -Infinity) - (num(x.value) ?? -Infinity));
  const rank = cater.findIndex((c) => c.area_code === ctx.focalArea) + 1;
  const counts = new Map<string, number>();
  for (const c of cater)
    counts.set(str(c.significance), (counts.get(str(c.significance)) ?? 0) + 1);
  const caterDesc =
    `Caterpillar chart of ${indicatorName} (${period}, ${sex}, ${age}) for ${focalName} and ${cater.length - (focalRow ? 1 : 0)} comparator areas (${ctx.comparatorLabel.toLowerCase()}), sorted by value with 95% confidence intervals; point shape and colour show the comparison with England${england?.value != null ? ` (${fmt(england.value)}${unitText}, dashed line)` : ''}. ` +
    keySentence +
    (rank > 0 ? ` ${focalName} is ${rank} of ${cater.length} (highest first).` : '') +
    ` ${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')}.`;
  charts.push({
    title: `${indicatorName}: comparator areas`,
    description: caterDesc,
    spec: caterpillarSpec({
      title: `${indicatorName}, ${period}`,
      description: caterDesc,
      rows: cater.filter((c) => c.value !== null),
      xTitle: unit ? `${indicatorName} (${unit})` : indicatorName,
      benchmark: england?.value ?? null,
      benchmarkLabel: 'England',
    }),
  });

  // Spine chart across indicators.
  const spine = await spineRows(engine, ctx, wantedPeriod ?? null, notes, choices, cols, utla);
  if (spine.rows.length > 0) {
    const worse = spine.rows.filter((r) => r.significance === 'Worse').map((r) => str(r.indicator));
    const better = spine.rows
      .filter((r) => r.significance === 'Better')
      .map((r) => str(r.indicator));
    const spineDesc =
      `Spine chart of ${spine.rows.length} indicators for ${focalName}: for each, the range of local authority values (worst on the left, 25th to 75th percentile in dark grey), England as a black line in the middle, and ${focalName} as a point whose shape and colour show the comparison with England. ` +
      (better.length > 0 ? `Better than England: ${better.join('; ')}. ` : '') +
      (worse.length > 0 ? `Worse than England: ${worse.join('; ')}. ` : '') +
      (better.length + worse.length === 0
        ? `${focalName} is not significantly better or worse than England on any of them.`
        : '');
    charts.push({
      title: `Spine chart: ${focalName}`,
      description: spineDesc,
      spec: spineSpec({
        title: `${focalName} compared with England`,
        description: spineDesc,
        rows: spine.rows,
      }),
    });
  }

  // Funnel plot.
  const funnel = await funnelChart(
    utla,
    rows,
    period ?? '',
    unit,
    polarity,
    indicatorName,
    meta?.method ?? '',
    ctx,
    nameOf,
    notes,
  );
  if (funnel) charts.push(funnel);

  const tables: ViewTable[] = [
    {
      caption: `${indicatorName} (${unit || 'value'}), ${period}, ${sex}, ${age}`,
      columns: [
        { key: 'area_name', label: 'Area', format: 'text' },
        { key: 'role', label: 'Role', format: 'text' },
        {
          key: 'value',
          label: `Value${unit ? ` (${unit})` : ''}`,
          format: unit === '%' ? 'percent' : 'rate',
          numeric: true,
        },
        {
          key: 'lower_95',
          label: 'Lower 95%',
          format: unit === '%' ? 'percent' : 'rate',
          numeric: true,
        },
        {
          key: 'upper_95',
          label: 'Upper 95%',
          format: unit === '%' ? 'percent' : 'rate',
          numeric: true,
        },
        { key: 'count', label: 'Count', format: 'count', numeric: true },
        { key: 'denominator', label: 'Denominator', format: 'count', numeric: true },
        { key: 'vs_england', label: 'Compared with England', format: 'text' },
        { key: 'vs_region', label: 'Compared with region', format: 'text' },
        { key: 'note', label: 'Note', format: 'text' },
      ],
      rows: tableRows,
    },
  ];
  if (spine.table.length > 0)
    tables.push({
      caption: `${focalName} across indicators (spine chart data)`,
      columns: [
        { key: 'indicator', label: 'Indicator', format: 'text' },
        { key: 'period', label: 'Period', format: 'text' },
        { key: 'value', label: focalName, format: 'rate', numeric: true },
        { key: 'england', label: 'England', format: 'rate', numeric: true },
        { key: 'worst', label: 'Worst', format: 'rate', numeric: true },
        { key: 'p25', label: '25th percentile', format: 'rate', numeric: true },
        { key: 'p75', label: '75th percentile', format: 'rate', numeric: true },
        { key: 'best', label: 'Best', format: 'rate', numeric: true },
        { key: 'significance', label: 'Compared with England', format: 'text' },
      ],
      rows: spine.table,
    });
  return { indicators, tables, charts, methodNote: METHOD_NOTE, notes, synthetic };
}

/** The WHERE condition for one sex and age (two parameters), as `loadIndicatorRows` reads them. */
function breakdownWhere(cols: Set<string>): string {
  const sexCol = cols.has('sex') ? 'CAST(sex AS VARCHAR)' : 'NULL';
  const ageCol = cols.has('age') ? 'CAST(age AS VARCHAR)' : 'NULL';
  return `coalesce(${sexCol}, 'Persons') = ? AND coalesce(${ageCol}, 'All ages') = ?`;
}

/**
 * Rows of several indicators in one statement, grouped by indicator (each in table order), with
 * only the columns the spine chart uses.
 */
async function loadSpineRows(
  engine: Engine,
  cols: Set<string>,
  where: string,
  params: string[],
  full: boolean,
): Promise<Map<string, IRow[]>> {
  const opt = (c: string, cast: string) =>
    cols.has(c) ? `CAST(${c} AS ${cast})` : `CAST(NULL AS ${cast})`;
  const r = await engine.query(
    `SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, CAST(area_code AS VARCHAR) AS area_code,
            ${full ? `CAST(period AS VARCHAR) AS period, coalesce(${opt('sex', 'VARCHAR')}, 'Persons') AS sex, coalesce(${opt('age', 'VARCHAR')}, 'All ages') AS age,` : ''}
            ${opt('value', 'DOUBLE')} AS value, ${opt('lower_95', 'DOUBLE')} AS lower_95, ${opt('upper_95', 'DOUBLE')} AS upper_95,
            coalesce(${opt('polarity', 'VARCHAR')}, 'none') AS polarity, coalesce(${opt('indicator_name', 'VARCHAR')}, '') AS indicator_name
     FROM indicators WHERE ${where}`,
    params,
  );
  const out = new Map<string, IRow[]>();
  for (const x of r.toRows()) {
    const id = str(x.indicator_id);
    const row: IRow = {
      area_code: str(x.area_code),
      area_name: '',
      period: str(x.period),
      sex: str(x.sex),
      age: str(x.age),
      value: num(x.value),
      lower_95: num(x.lower_95),
      upper_95: num(x.upper_95),
      lower_998: null,
      upper_998: null,
      count: null,
      denominator: null,
      unit: '',
      polarity: normalisePolarity(str(x.polarity)),
      indicator_name: str(x.indicator_name),
      method: '',
      note: '',
    };
    const list = out.get(id);
    if (list) list.push(row);
    else out.set(id, [row]);
  }
  return out;
}

async function spineRows(
  engine: Engine,
  ctx: ViewContext,
  wantedPeriod: string | null,
  notes: string[],
  ids: { value: string }[],
  cols: Set<string>,
  utla: () => Promise<Set<string>>,
): Promise<{ rows: Row[]; table: Row[] }> {
  const rows: Row[] = [];
  const table: Row[] = [];
  const skipped: string[] = [];
  const utlaCodes = await utla();
  const spineIds = ids.slice(0, 40).map((c) => c.value);
  if (spineIds.length === 0) return { rows, table };
  // 1. The focal area's rows of every indicator: its breakdown and period per indicator.
  const focalById = await loadSpineRows(
    engine,
    cols,
    `CAST(indicator_id AS VARCHAR) IN (${spineIds.map(() => '?').join(', ')}) AND area_code = ?`,
    [...spineIds, ctx.focalArea],
    true,
  );
  const wanted: { id: string; sex: string; age: string; period: string | null }[] = [];
  for (const id of spineIds) {
    const focalRows = focalById.get(id) ?? [];
    if (focalRows.length === 0) continue;
    const { sex, age } = pickBreakdown(focalRows, ctx.focalArea);
    const focalPeriods = focalRows
      .filter((r) => r.sex === sex && r.age === age && r.value !== null)
      .map((r) => r.period);
    if (focalPeriods.length === 0) continue;
    wanted.push({ id, sex, age, period: pickPeriod(focalPeriods, wantedPeriod) });
  }
  if (wanted.length === 0) return { rows, table };
  // 2. Every area's row for those breakdowns and periods, in one statement.
  const hereById = await loadSpineRows(
    engine,
    cols,
    wanted
      .map(
        () =>
          `(CAST(indicator_id AS VARCHAR) = ? AND ${breakdownWhere(cols)} AND CAST(period AS VARCHAR) = ?)`,
      )
      .join(' OR '),
    wanted.flatMap((w) => [w.id, w.sex, w.age, w.period ?? '']),
    false,
  );
  for (const { id, period } of wanted) {
    const here = hereById.get(id) ?? [];
    const focal = here.find((r) => r.area_code === ctx.focalArea)!;
    const eng = here.find((r) => r.area_code === ENGLAND);
    const las = localAuthorityCodes(
      utlaCodes,
      here.map((r) => r.area_code),
    );
    const values = here.filter((r) => las.has(r.area_code)).map((r) => r.value);
    const name = focal.indicator_name || id;
    const stats = spineStats(values, eng?.value ?? null, statsPolarity(focal.polarity));
    if (!stats || focal.value === null) {
      skipped.push(name);
      continue;
    }
    const sig = significanceLabel(compareRow(focal, eng?.value ?? null, focal.polarity));
    const label = `${name} (${period})`;
    rows.push({
      indicator: label,
      x_worst: stats.scaled.worst,
      x_q25: stats.scaled.worstQuartile,
      x_q75: stats.scaled.bestQuartile,
      x_best: stats.scaled.best,
      x_england: stats.scaled.benchmark,
      x_area: spinePosition(stats, focal.value),
      value: focal.value,
      england: stats.benchmark,
      significance: sig,
    });
    table.push({
      indicator: name,
      period,
      value: focal.value,
      england: stats.benchmark,
      worst: stats.worst,
      p25: stats.p25,
      p75: stats.p75,
      best: stats.best,
      significance: sig,
    });
  }
  if (skipped.length > 0)
    notes.push(
      `Left out of the spine chart (fewer than 4 local authority values or no England value): ${skipped.join('; ')}.`,
    );
  return { rows, table };
}

async function funnelChart(
  utla: () => Promise<Set<string>>,
  rows: IRow[],
  period: string,
  unit: string,
  polarity: Polarity,
  indicatorName: string,
  method: string,
  ctx: ViewContext,
  nameOf: (c: string) => string,
  notes: string[],
): Promise<ViewResult['charts'][number] | null> {
  const multiplier = unitMultiplier(unit);
  if (multiplier === null) return null;
  const las = localAuthorityCodes(
    await utla(),
    rows.map((r) => r.area_code),
  );
  const usable = rows.filter(
    (r) =>
      las.has(r.area_code) &&
      r.count !== null &&
      r.denominator !== null &&
      r.denominator > 0 &&
      r.value !== null,
  );
  if (usable.length < 3) {
    notes.push(
      'No funnel plot: it needs a count and a denominator for at least 3 local authorities.',
    );
    return null;
  }
  const focalName = nameOf(ctx.focalArea);
  let limits: Row[] = [];
  let points: Row[] = [];
  let baseline = 0;
  let xTitle = 'Denominator';
  try {
    if (multiplier === 100) {
      const pts = usable
        .filter((r) => (r.count as number) <= (r.denominator as number))
        .map((r) => ({ numerator: r.count as number, denominator: r.denominator as number }));
      const kept = usable.filter((r) => (r.count as number) <= (r.denominator as number));
      const lim = funnelLimits({ statistic: 'proportion', points: pts, multiplier: 100 });
      const sig = funnelSignificance({ statistic: 'proportion', points: pts });
      baseline = lim[0]?.baseline ?? 0;
      limits = lim.flatMap((l) => [
        { x: l.population, y: l.lower95, limit: 'Lower 95%', level: '95%' },
        { x: l.population, y: l.upper95, limit: 'Upper 95%', level: '95%' },
        { x: l.population, y: l.lower998, limit: 'Lower 99.8%', level: '99.8%' },
        { x: l.population, y: l.upper998, limit: 'Upper 99.8%', level: '99.8%' },
      ]);
      points = kept.map((r, i) => ({
        area: nameOf(r.area_code),
        x: r.denominator,
        value: ((r.count as number) / (r.denominator as number)) * 100,
        significance: funnelLabel(sig[i], polarity),
        marker: r.area_code === ctx.focalArea ? `◀ ${focalName}` : '',
      }));
    } else {
      const dsrLike = /standardi[sz]ed|dsr|asr/i.test(`${indicatorName} ${method}`);
      const yearsOfData = Math.max(1, periodYears(period).length);
      const pts = usable.map((r) => ({
        count: r.count as number,
        rate: r.value,
        denominator: dsrLike ? null : r.denominator,
      }));
      const opts = {
        rateType: dsrLike ? ('dsr' as const) : ('crude' as const),
        multiplier,
        yearsOfData,
      };
      const lim = funnelLimits({ statistic: 'rate', points: pts, ...opts });
      const sig = funnelSignificance({ statistic: 'rate', points: pts, ...opts });
      const chartPoints = rateFunnelPoints(pts, opts);
      baseline = lim[0]?.baseline ?? 0;
      xTitle = yearsOfData > 1 ? 'Population (per year)' : 'Population';
      limits = lim.flatMap((l) => [
        { x: l.lower95Population1Year, y: l.lower95, limit: 'Lower 95%', level: '95%' },
        { x: l.upper95Population1Year, y: l.upper95, limit: 'Upper 95%', level: '95%' },
        { x: l.lower998Population1Year, y: l.lower998, limit: 'Lower 99.8%', level: '99.8%' },
        { x: l.upper998Population1Year, y: l.upper998, limit: 'Upper 99.8%', level: '99.8%' },
      ]);
      points = usable
        .map((r, i) => ({
          area: nameOf(r.area_code),
          x: chartPoints[i].denominatorDerived,
          value: chartPoints[i].rateChart,
          significance: funnelLabel(sig[i], polarity),
          marker: r.area_code === ctx.focalArea ? `◀ ${focalName}` : '',
        }))
        .filter((p) => p.x !== null && p.value !== null);
      // Keep the limit lines within the points' range.
      const xs = points.map((p) => p.x as number);
      const maxX = Math.max(...xs) * 1.1;
      limits = limits.filter((l) => Number.isFinite(l.y) && (l.x as number) <= maxX);
    }
  } catch (e) {
    notes.push(`No funnel plot: ${e instanceof Error ? e.message : String(e)}.`);
    return null;
  }
  const focal = points.find((p) => p.marker !== '');
  const outside = points.filter(
    (p) => p.significance !== 'Similar' && p.significance !== 'Not compared',
  ).length;
  const desc =
    `Funnel plot of ${indicatorName} (${period}) for ${points.length} local authorities against the size of their population, with 95% and 99.8% control limits around the overall value ${fmt(baseline)}${unit === '%' ? '%' : ` ${unit}`}. ` +
    (focal
      ? `${focalName} (${fmt(num(focal.value as number))}) is ${focal.significance === 'Similar' ? 'within the 95% limits' : `outside the limits: ${focal.significance}`}. `
      : '') +
    `${outside} of ${points.length} areas lie outside the 95% limits.`;
  return {
    title: `${indicatorName}: funnel plot`,
    description: desc,
    spec: funnelSpec({
      title: `${indicatorName}, ${period}: funnel plot`,
      description: desc,
      points,
      limits,
      xTitle,
      yTitle: unit || 'Value',
      baseline,
    }),
  };
}

export const laComparisonView: ViewDefinition = {
  id: 'la-comparison',
  title: 'Compare areas',
  description:
    'Any indicator for the focal area against England, its region and its comparator areas: Fingertips significance, a caterpillar chart, a spine chart across indicators and a funnel plot.',
  requires: [{ tables: ['indicators'], howToGet: 'a Fingertips export, or indicator rows from another view' }],
  options: [
    { key: 'indicator', label: 'Indicator', choices: [], default: '', dynamic: true },
    {
      key: 'period',
      label: 'Period',
      choices: [{ value: 'latest', label: 'Latest' }],
      default: 'latest',
      dynamic: true,
    },
  ],
  run: (ctx, options) => runLaComparison(ctx.engine, ctx, options),
  async dynamicOptions(ctx, current) {
    const choices = await indicatorChoices(ctx.engine);
    const indicator =
      current.indicator && choices.some((c) => c.value === current.indicator)
        ? current.indicator
        : (choices[0]?.value ?? '');
    const periods = indicator ? await indicatorPeriods(ctx.engine, indicator) : [];
    return laComparisonView.options.map((o) => {
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
  },
};

export type { ViewContext };
