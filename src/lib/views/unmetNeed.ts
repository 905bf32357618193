/**
 * Unmet need for treatment (OCU 15-64, opiates, crack, alcohol dependence 18+): the estimated
 * population in need (prevalence) against the number in treatment. Interval from the prevalence
 * interval only (stats unmetNeed), as Fingertips 93517/93532.
 */
import type { Engine, Row } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import { metNeed, unmetNeed } from '../stats';
import { ENGLAND } from './areas';
import { rankedBarSpec, type RankedBarRow } from './charts';
import {
  ROLE_LABEL,
  rankedBarLabel,
  areaNames,
  fmt,
  indicatorRow,
  isSynthetic,
  num,
  pickPeriod,
  str,
  tableColumns,
  tableExists,
  viewAreas,
} from './common';
import type { ViewContext, ViewDefinition, ViewResult, ViewTable } from './types';

export type NeedMeasure = 'ocu' | 'opiate' | 'crack' | 'alcohol_dependence';

export const NEED_MEASURES: { id: NeedMeasure; label: string; age: string }[] = [
  { id: 'ocu', label: 'Opiate and/or crack cocaine use (OCU)', age: '15-64' },
  { id: 'opiate', label: 'Opiates', age: '15-64' },
  { id: 'crack', label: 'Crack cocaine', age: '15-64' },
  { id: 'alcohol_dependence', label: 'Alcohol dependence', age: '18+' },
];

/** Which NDTMS substance groups count as "in treatment" for each prevalence measure (aggregate data). */
export const TREATMENT_GROUPS: Record<NeedMeasure, string[]> = {
  opiate: ['opiate'],
  ocu: ['opiate', 'non_opiate_only', 'non_opiate_and_alcohol'],
  crack: ['opiate', 'non_opiate_only', 'non_opiate_and_alcohol'],
  alcohol_dependence: ['alcohol_only', 'non_opiate_and_alcohol'],
};

/** Substance words that make a record-level episode "opiate" (NDTMS hierarchy: any opiate cited). */
export const OPIATE_PATTERN =
  '(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)';

export const METHOD_NOTE =
  'Unmet need = 100×(estimate − in treatment)/estimate, interval from the prevalence 95% CI only (not Wilson); met need = 100 − unmet. In treatment: opiates = NDTMS opiate group; OCU and crack = opiate + non-opiate only + non-opiate and alcohol (crack-only clients are non-opiate); alcohol dependence = alcohol only + non-opiate and alcohol.';

interface NeedInput {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  inTreatment: number | null;
  derived: boolean;
}

function key(area: string, measure: string): string {
  return `${area}|${measure}`;
}

export interface UnmetNeedOptions {
  measure?: NeedMeasure | 'all';
}

/**
 * Counts from record-level episodes do not depend on the focal area, so they are kept between
 * runs (a change of focal area then answers in milliseconds). The app clears them whenever its
 * tables change; the key also holds the row count and latest dates as a second guard.
 */
const EPISODE_MEMO = new WeakMap<Engine, Map<string, import('../engine/types').QueryResult>>();

export function forgetEpisodeCounts(engine: Engine): void {
  EPISODE_MEMO.delete(engine);
}

async function treatmentFromEpisodes(
  engine: Engine,
  ctx: ViewContext,
  notes: string[],
): Promise<{ counts: Map<string, number>; period: string | null }> {
  const counts = new Map<string, number>();
  const bounds = (
    await engine.query(
      `SELECT CAST(max(start_date) AS VARCHAR) AS last_start, count(*) AS n, CAST(max(discharge_date) AS VARCHAR) AS last_end FROM treatment_episodes`,
    )
  ).toRows()[0];
  const last = str(bounds?.last_start);
  if (!last) return { counts, period: null };
  let fyStart: number;
  const wanted = ctx.latestPeriod ? /^(\d{4})\s*\/\s*\d{2}$/.exec(ctx.latestPeriod) : null;
  if (wanted) fyStart = Number(wanted[1]);
  else {
    const y = Number(last.slice(0, 4));
    const m = Number(last.slice(5, 7));
    fyStart = m >= 4 ? y : y - 1;
  }
  const from = `${fyStart}-04-01`;
  const to = `${fyStart + 1}-03-31`;
  const period = `${fyStart}/${String(fyStart + 1).slice(2)}`;
  const cols = await tableColumns(engine, 'treatment_episodes');
  const discharge = cols.has('discharge_date')
    ? 'CAST(discharge_date AS DATE)'
    : 'CAST(NULL AS DATE)';
  const memoKey = `${period}|${str(bounds?.n)}|${last}|${str(bounds?.last_end)}`;
  let perEngine = EPISODE_MEMO.get(engine);
  if (!perEngine) EPISODE_MEMO.set(engine, (perEngine = new Map()));
  const r =
    perEngine.get(memoKey) ??
    (await engine.query(
      `WITH e AS (
       SELECT client_id, area_code, lower(coalesce(CAST(substances AS VARCHAR), '')) AS s
       FROM treatment_episodes
       WHERE (age IS NULL OR age >= 18)
         AND CAST(start_date AS DATE) <= CAST(? AS DATE)
         AND (${discharge} IS NULL OR ${discharge} >= CAST(? AS DATE))
     ), c AS (
       SELECT area_code, client_id,
              bool_or(regexp_matches(s, ?)) AS opiate,
              bool_or(s LIKE '%crack%') AS crack,
              bool_or(s LIKE '%alcohol%') AS alcohol
       FROM e GROUP BY area_code, client_id
     )
     SELECT area_code,
            count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence
     FROM c GROUP BY area_code`,
      [to, from, OPIATE_PATTERN],
    ));
  perEngine.set(memoKey, r);
  for (const row of r.toRows()) {
    for (const m of NEED_MEASURES) counts.set(key(str(row.area_code), m.id), num(row[m.id]) ?? 0);
  }
  notes.push(
    `In treatment counted from record-level treatment episodes: distinct adult clients (18+) with an episode open in ${period} (1 April ${fyStart} to 31 March ${fyStart + 1}). Opiates = any opiate cited; crack = crack cited; OCU = either; alcohol = alcohol cited without an opiate.`,
  );
  return { counts, period };
}

export async function runUnmetNeed(
  engine: Engine,
  ctx: ViewContext,
  options: Record<string, string>,
): Promise<ViewResult> {
  const notes: string[] = [];
  const wantedMeasure = options.measure && options.measure !== 'all' ? options.measure : null;
  const measures = NEED_MEASURES.filter((m) => !wantedMeasure || m.id === wantedMeasure);
  if (!(await tableExists(engine, 'prevalence')))
    throw new Error('Unmet need needs a "prevalence" table (estimated numbers in need).');
  const hasTreatment = await tableExists(engine, 'treatment');
  const hasEpisodes = await tableExists(engine, 'treatment_episodes');
  if (!hasTreatment && !hasEpisodes)
    throw new Error(
      'Unmet need needs a "treatment" table (numbers in treatment) or record-level "treatment_episodes".',
    );

  const prevCols = await tableColumns(engine, 'prevalence');
  const lowerCol = prevCols.has('lower') ? 'CAST(lower AS DOUBLE)' : 'CAST(NULL AS DOUBLE)';
  const upperCol = prevCols.has('upper') ? 'CAST(upper AS DOUBLE)' : 'CAST(NULL AS DOUBLE)';

  const areas = viewAreas(ctx);

  // Region members (for England/region figures summed from UTLAs when absent).
  const members = await memberAreas(engine, ctx);

  const inputs = new Map<string, NeedInput>();
  const periods = new Map<NeedMeasure, { prevalence: string; treatment: string | null }>();
  let episodeCounts: Map<string, number> | null = null;
  let episodePeriod: string | null = null;
  if (!hasTreatment) {
    const e = await treatmentFromEpisodes(engine, ctx, notes);
    episodeCounts = e.counts;
    episodePeriod = e.period;
  }
  let treatmentPeriods: string[] = [];
  if (hasTreatment) {
    treatmentPeriods = (
      await engine.query(
        `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM treatment WHERE substance_group <> 'all'`,
      )
    )
      .toRows()
      .map((r) => str(r.p));
  }

  for (const m of measures) {
    const prevPeriods = (
      await engine.query(
        `SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM prevalence WHERE measure = ?`,
        [m.id],
      )
    )
      .toRows()
      .map((r) => str(r.p));
    const pPeriod = pickPeriod(prevPeriods, ctx.latestPeriod);
    if (!pPeriod) {
      notes.push(`No prevalence estimate for ${m.label.toLowerCase()}.`);
      continue;
    }
    let tPeriod: string | null;
    if (hasTreatment)
      tPeriod = treatmentPeriods.includes(pPeriod)
        ? pPeriod
        : pickPeriod(treatmentPeriods, ctx.latestPeriod);
    else tPeriod = episodePeriod;
    periods.set(m.id, { prevalence: pPeriod, treatment: tPeriod });
    if (tPeriod && tPeriod !== pPeriod)
      notes.push(
        `${m.label}: the prevalence estimate is for ${pPeriod} and the number in treatment for ${tPeriod} (no treatment figures for ${pPeriod}).`,
      );

    const prev = (
      await engine.query(
        `SELECT area_code, sum(CAST(estimate AS DOUBLE)) AS estimate, sum(${lowerCol}) AS lower, sum(${upperCol}) AS upper, count(*) AS n
         FROM prevalence WHERE measure = ? AND CAST(period AS VARCHAR) = ? GROUP BY area_code`,
        [m.id, pPeriod],
      )
    ).toRows();
    const prevByArea = new Map<string, Row>(prev.map((r) => [str(r.area_code), r]));
    const treatByArea = new Map<string, number>();
    if (hasTreatment && tPeriod) {
      const groups = TREATMENT_GROUPS[m.id];
      const t = (
        await engine.query(
          `SELECT area_code, sum(CAST(in_treatment AS DOUBLE)) AS t FROM treatment
           WHERE CAST(period AS VARCHAR) = ? AND substance_group IN (${groups.map(() => '?').join(', ')})
           GROUP BY area_code`,
          [tPeriod, ...groups],
        )
      ).toRows();
      for (const r of t) treatByArea.set(str(r.area_code), num(r.t) ?? 0);
    } else if (episodeCounts) {
      for (const [k, v] of episodeCounts) {
        const [area, measure] = k.split('|');
        if (measure === m.id) treatByArea.set(area, v);
      }
    }

    for (const a of areas) {
      const p = prevByArea.get(a.code);
      let input: NeedInput | null = null;
      if (p && num(p.estimate) !== null) {
        input = {
          estimate: num(p.estimate),
          lower: num(p.lower),
          upper: num(p.upper),
          inTreatment: treatByArea.has(a.code) ? treatByArea.get(a.code)! : null,
          derived: false,
        };
        if (input.inTreatment === null && (a.role === 'england' || a.role === 'region')) {
          const list = members.get(a.code) ?? [];
          const parts = list
            .map((c) => treatByArea.get(c))
            .filter((v): v is number => v !== undefined);
          if (parts.length > 0) input.inTreatment = parts.reduce((s, v) => s + v, 0);
        }
      } else if (a.role === 'england' || a.role === 'region') {
        const list = (members.get(a.code) ?? []).filter((c) => prevByArea.has(c));
        if (list.length > 0) {
          const est = list.reduce((s, c) => s + (num(prevByArea.get(c)!.estimate) ?? 0), 0);
          const treated = list
            .map((c) => treatByArea.get(c))
            .filter((v): v is number => v !== undefined);
          input = {
            estimate: est,
            lower: null,
            upper: null,
            inTreatment:
              treatByArea.get(a.code) ??
              (treated.length > 0 ? treated.reduce((s, v) => s + v, 0) : null),
            derived: true,
          };
        }
      }
      if (input) inputs.set(key(a.code, m.id), input);
    }
  }

  const names = await areaNames(
    engine,
    areas.map((a) => a.code),
  );
  const indicators: IndicatorRow[] = [];
  const tableRows: Row[] = [];
  let derivedAny = false;
  const charts: ViewResult['charts'] = [];
  const synthetic =
    (await isSynthetic(engine, 'prevalence')) ||
    (hasTreatment
      ? await isSynthetic(engine, 'treatment')
      : await isSynthetic(engine, 'treatment_episodes'));

  for (const m of measures) {
    const per = periods.get(m.id);
    if (!per) continue;
    const bars: RankedBarRow[] = [];
    for (const a of areas) {
      const input = inputs.get(key(a.code, m.id));
      if (!input) continue;
      const name = names.get(a.code) ?? a.code;
      const period =
        per.treatment && per.treatment !== per.prevalence
          ? `${per.prevalence} (treatment ${per.treatment})`
          : per.prevalence;
      let value: number | null = null;
      let lower: number | null = null;
      let upper: number | null = null;
      let note = '';
      if (input.derived) {
        derivedAny = true;
        note = 'summed from local authority estimates; no interval';
      }
      let met: { value: number | null; lower: number | null; upper: number | null } = {
        value: null,
        lower: null,
        upper: null,
      };
      if (input.estimate !== null && input.estimate > 0 && input.inTreatment !== null) {
        const need = {
          estimate: input.estimate,
          estimateLower: input.lower !== null && input.lower > 0 ? input.lower : null,
          estimateUpper: input.upper !== null && input.upper > 0 ? input.upper : null,
          inTreatment: input.inTreatment,
        };
        const u = unmetNeed(need);
        met = metNeed(need);
        value = u.value;
        lower = u.lower;
        upper = u.upper;
        if (!input.derived && (lower === null || upper === null)) note = 'no prevalence interval';
        if (value !== null && value < 0)
          note = [note, 'more in treatment than the estimate'].filter(Boolean).join('; ');
      } else if (input.inTreatment === null) note = 'no treatment figure';
      const common = {
        area_code: a.code,
        area_name: name,
        period,
        sex: 'Persons',
        age: m.age,
        unit: '%',
        method: 'Prevalence-interval method (Fingertips 93517/93532)',
        synthetic,
      };
      indicators.push(
        indicatorRow({
          ...common,
          indicator_id: `unmet_need_${m.id}`,
          indicator_name: `Unmet need for treatment: ${m.label}`,
          value,
          lower_95: lower,
          upper_95: upper,
          count:
            input.estimate !== null && input.inTreatment !== null
              ? input.estimate - input.inTreatment
              : null,
          denominator: input.estimate,
          polarity: 'low_is_good',
          note,
        }),
        indicatorRow({
          ...common,
          indicator_id: `met_need_${m.id}`,
          indicator_name: `Met need for treatment: ${m.label}`,
          value: met.value,
          lower_95: met.lower,
          upper_95: met.upper,
          count: input.inTreatment,
          denominator: input.estimate,
          polarity: 'high_is_good',
          note,
        }),
      );
      tableRows.push({
        substance: m.label,
        area_name: name,
        area_code: a.code,
        role: ROLE_LABEL[a.role],
        period,
        estimate: input.estimate,
        estimate_lower: input.lower,
        estimate_upper: input.upper,
        in_treatment: input.inTreatment,
        unmet_pct: value,
        unmet_lower: lower,
        unmet_upper: upper,
        met_pct: met.value,
        met_lower: met.lower,
        met_upper: met.upper,
        note,
        synthetic,
      });
      const label = rankedBarLabel(name, a.role);
      bars.push({
        label,
        value,
        lower,
        upper,
        role: ROLE_LABEL[a.role],
        marker: a.role === 'focal' ? '◀ focal area' : '',
      });
    }
    const focal = bars.find((b) => b.role === 'Focal area');
    const england = bars.find((b) => b.role === 'England');
    const ranked = bars
      .filter((b) => (b.role === 'Focal area' || b.role === 'Comparator') && b.value !== null)
      .sort((x, y) => x.value! - y.value!);
    const rank = focal && focal.value !== null ? ranked.indexOf(focal) + 1 : 0;
    const focalName = names.get(ctx.focalArea) ?? ctx.focalAreaName;
    const desc =
      `Ranked bar chart of unmet need for treatment (${m.label}, ${per.prevalence}), % of the estimated population in need not in treatment, with 95% intervals from the prevalence estimate. ` +
      (focal && focal.value !== null
        ? `${focalName} ${fmt(focal.value)}%` +
          (focal.lower !== null ? ` (95% CI ${fmt(focal.lower)}–${fmt(focal.upper)}%)` : '') +
          (england && england.value !== null
            ? `, ${focal.value > england.value ? 'higher than' : focal.value < england.value ? 'lower than' : 'the same as'} England ${fmt(england.value)}%`
            : '') +
          (rank > 0
            ? `; ${rank} of ${ranked.length} comparator areas (1 = lowest unmet need).`
            : '.')
        : `No figure for ${focalName}.`);
    if (bars.some((b) => b.value !== null))
      charts.push({
        title: `Unmet need: ${m.label}`,
        description: desc,
        spec: rankedBarSpec({
          title: `Unmet need for treatment: ${m.label} (${per.prevalence})`,
          description: desc,
          rows: bars,
          xTitle: 'Unmet need (% of estimated need not in treatment)',
        }),
      });
  }
  if (derivedAny)
    notes.push(
      'England or region figures marked "summed" add up local authority estimates; they have no interval (intervals cannot be added).',
    );
  if (hasTreatment && measures.some((m) => m.id === 'ocu' || m.id === 'crack'))
    notes.push(
      'Aggregate treatment groups cannot separate crack users: OCU and crack counts in treatment include every opiate and non-opiate client, so they are upper bounds and unmet need is understated. Record-level treatment episodes give an exact count.',
    );
  if (!indicators.some((r) => r.area_code === ctx.focalArea))
    notes.push(`No prevalence estimate for ${ctx.focalAreaName} (${ctx.focalArea}).`);

  const table: ViewTable = {
    caption: 'Estimated need, number in treatment and unmet need by substance and area',
    columns: [
      { key: 'substance', label: 'Substance', format: 'text' },
      { key: 'area_name', label: 'Area', format: 'text' },
      { key: 'role', label: 'Role', format: 'text' },
      { key: 'period', label: 'Period', format: 'text' },
      { key: 'estimate', label: 'Estimated need', format: 'count', numeric: true },
      { key: 'estimate_lower', label: 'Estimate lower 95%', format: 'count', numeric: true },
      { key: 'estimate_upper', label: 'Estimate upper 95%', format: 'count', numeric: true },
      { key: 'in_treatment', label: 'In treatment', format: 'count', numeric: true },
      { key: 'unmet_pct', label: 'Unmet need %', format: 'percent', numeric: true },
      { key: 'unmet_lower', label: 'Lower 95%', format: 'percent', numeric: true },
      { key: 'unmet_upper', label: 'Upper 95%', format: 'percent', numeric: true },
      { key: 'met_pct', label: 'Met need %', format: 'percent', numeric: true },
      { key: 'met_lower', label: 'Met lower 95%', format: 'percent', numeric: true },
      { key: 'met_upper', label: 'Met upper 95%', format: 'percent', numeric: true },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows: tableRows,
  };
  return { indicators, tables: [table], charts, methodNote: METHOD_NOTE, notes, synthetic };
}

/** UTLA members of England and of the focal area's region, from `areas` (or code prefixes). */
export async function memberAreas(
  engine: Engine,
  ctx: ViewContext,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (await tableExists(engine, 'areas')) {
    const r = (
      await engine.query(`SELECT area_code, region_code FROM areas WHERE area_type = 'UTLA'`)
    ).toRows();
    out.set(
      ENGLAND,
      r.map((x) => str(x.area_code)),
    );
    if (ctx.regionCode)
      out.set(
        ctx.regionCode,
        r.filter((x) => str(x.region_code) === ctx.regionCode).map((x) => str(x.area_code)),
      );
  }
  return out;
}

export const unmetNeedView: ViewDefinition = {
  id: 'unmet-need',
  title: 'Unmet need for treatment',
  description:
    'How many of the people estimated to need treatment (opiate and/or crack use, opiates, crack, alcohol dependence) are not in treatment, for the focal area against England, its region and comparator areas.',
  requires: [
    { tables: ['prevalence'], howToGet: 'prevalence estimates of opiate and crack use and alcohol dependence' },
    { tables: ['treatment', 'treatment_episodes'], howToGet: 'numbers in treatment, or record-level treatment episodes' },
  ],
  options: [
    {
      key: 'measure',
      label: 'Substance',
      choices: [
        { value: 'all', label: 'All four' },
        ...NEED_MEASURES.map((m) => ({ value: m.id, label: m.label })),
      ],
      default: 'all',
    },
  ],
  run: (ctx, options) => runUnmetNeed(ctx.engine, ctx, options),
};
