/**
 * People in treatment referred through the criminal justice system, by area and substance group:
 * a cross-table with totals checked against the published totals, share of all in treatment
 * (Wilson), rate per 100,000 adults (crude rate) and continuity of care after prison (Wilson,
 * against the 75% national ambition).
 */
import type { Engine, Row } from '../engine/types';
import type { IndicatorRow } from '../schema/indicator';
import { crudeRate, proportion } from '../stats';
import { rankedBarSpec, stackedBarSpec, type RankedBarRow } from './charts';
import {
  ROLE_LABEL,
  rankedBarLabel,
  areaNames,
  fmt,
  fmtCount,
  indicatorRow,
  isSynthetic,
  num,
  pickPeriod,
  str,
  tableColumns,
  tableExists,
  viewAreas,
  type AreaRole,
} from './common';
import type { DisplayColumn, ViewContext, ViewDefinition, ViewResult, ViewTable } from './types';

export const SUBSTANCE_GROUPS: { id: string; label: string }[] = [
  { id: 'opiate', label: 'Opiates' },
  { id: 'non_opiate_only', label: 'Non-opiates only' },
  { id: 'alcohol_only', label: 'Alcohol only' },
  { id: 'non_opiate_and_alcohol', label: 'Non-opiates and alcohol' },
];
const TOTAL_GROUPS = ['all', 'total'];

/** National ambition for continuity of care (From Harm to Hope). */
export const CONTINUITY_AMBITION = 75;

export const METHOD_NOTE =
  'CJS counts as published (totals recomputed and checked against published totals); share of all in treatment and continuity of care: Wilson 95% CI; rate per 100,000 adults (18+): exact (< 10) or Byar’s 95% CI.';

/** Adults (18+) in a population age band: the overlap of the band with 18+ as a fraction. */
export function adultFraction(band: string): number | null {
  const b = band.trim();
  if (b === '18+') return 1;
  let m = /^(\d+)-(\d+)$/.exec(b);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < 18) return 0;
    if (from >= 18) return 1;
    return (to - 17) / (to - from + 1);
  }
  m = /^(\d+)\+$/.exec(b);
  if (m) return Number(m[1]) >= 18 ? 1 : null;
  m = /^(\d+)$/.exec(b);
  if (m) return Number(m[1]) >= 18 ? 1 : 0;
  return null;
}

/** Adult (18+) population by area for a year (Persons, or Male + Female). */
async function adultPopulation(
  engine: Engine,
  codes: string[],
  year: number,
  notes: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!(await tableExists(engine, 'population')) || codes.length === 0) return out;
  const marks = codes.map(() => '?').join(', ');
  const years = (
    await engine.query(`SELECT DISTINCT CAST(year AS INTEGER) AS y FROM population ORDER BY y`)
  )
    .toRows()
    .map((r) => Number(r.y));
  if (years.length === 0) return out;
  const useYear = years.includes(year) ? year : (years.filter((y) => y <= year).pop() ?? years[0]);
  if (useYear !== year)
    notes.push(`Adult population for ${year} not in the data; ${useYear} mid-year estimates used.`);
  const rows = (
    await engine.query(
      `SELECT area_code, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(population AS DOUBLE)) AS population
       FROM population WHERE area_code IN (${marks}) AND CAST(year AS INTEGER) = ? GROUP BY ALL`,
      [...codes, useYear],
    )
  ).toRows();
  let approximated = false;
  for (const code of codes) {
    const mine = rows.filter((r) => str(r.area_code) === code);
    const persons = mine.filter((r) => str(r.sex) === 'Persons');
    const use =
      persons.length > 0
        ? persons
        : mine.filter((r) => str(r.sex) === 'Male' || str(r.sex) === 'Female');
    const direct = use.filter((r) => str(r.age_band) === '18+');
    if (direct.length > 0) {
      out.set(
        code,
        direct.reduce((s, r) => s + (num(r.population) ?? 0), 0),
      );
      continue;
    }
    let total = 0;
    let any = false;
    for (const r of use) {
      const band = str(r.age_band);
      if (band === 'All ages') continue;
      const f = adultFraction(band);
      if (f === null) continue;
      if (f > 0 && f < 1) approximated = true;
      total += f * (num(r.population) ?? 0);
      any = true;
    }
    if (any) out.set(code, total);
  }
  if (approximated)
    notes.push(
      'Adults 18+ taken as the bands from 20 up plus 2/5 of the 15-19 band (population by 5-year band has no 18+ split).',
    );
  return out;
}

export async function runCjsTreatment(
  engine: Engine,
  ctx: ViewContext,
  _options: Record<string, string> = {},
): Promise<ViewResult> {
  const notes: string[] = [];
  if (!(await tableExists(engine, 'cjs_treatment')))
    throw new Error(
      'CJS-linked treatment needs a "cjs_treatment" table (people in treatment referred through the criminal justice system).',
    );
  const cols = await tableColumns(engine, 'cjs_treatment');
  const periods = (
    await engine.query(`SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM cjs_treatment`)
  )
    .toRows()
    .map((r) => str(r.p));
  const period = pickPeriod(periods, ctx.latestPeriod);
  if (!period) throw new Error('The "cjs_treatment" table has no rows.');
  const published = cols.has('published_total')
    ? 'CAST(published_total AS DOUBLE)'
    : 'CAST(NULL AS DOUBLE)';

  // Cells (all areas in the published table for the period, pathways summed).
  const cells = (
    await engine.query(
      `SELECT area_code, lower(CAST(substance_group AS VARCHAR)) AS substance_group, sum(CAST(count AS DOUBLE)) AS count,
              count(count) AS n, max(${published}) AS published_total, min(${published}) AS published_total_min
       FROM cjs_treatment WHERE CAST(period AS VARCHAR) = ? GROUP BY ALL`,
      [period],
    )
  ).toRows();
  const groupCells = cells.filter((c) => !TOTAL_GROUPS.includes(str(c.substance_group)));
  const totalCells = cells.filter((c) => TOTAL_GROUPS.includes(str(c.substance_group)));
  const otherGroups = [...new Set(groupCells.map((c) => str(c.substance_group)))].filter(
    (g) => !SUBSTANCE_GROUPS.some((s) => s.id === g),
  );
  const groups = [
    ...SUBSTANCE_GROUPS.filter((s) => groupCells.some((c) => str(c.substance_group) === s.id)),
    ...otherGroups.map((g) => ({ id: g, label: g })),
  ];
  const tableAreas = [...new Set(cells.map((c) => str(c.area_code)))];
  const cell = (area: string, group: string): number | null => {
    const c = groupCells.find((x) => str(x.area_code) === area && str(x.substance_group) === group);
    return c ? num(c.count) : null;
  };

  const names = await areaNames(engine, [...tableAreas, ...viewAreas(ctx).map((a) => a.code)]);
  const nameOf = (c: string) => names.get(c) ?? c;

  // Check computed totals against published ones.
  const mismatches: string[] = [];
  for (const t of totalCells) {
    const area = str(t.area_code);
    const cellsHere = groups.map((g) => cell(area, g.id)).filter((v): v is number => v !== null);
    if (cellsHere.length === 0) continue;
    const sum = cellsHere.reduce((s, v) => s + v, 0);
    const pub = num(t.count);
    if (pub !== null && Math.abs(sum - pub) > 1e-9)
      mismatches.push(
        `${nameOf(area)}: its substance-group cells sum to ${fmtCount(sum)}, but the published total is ${fmtCount(pub)}.`,
      );
  }
  // published_total is either the area's total (repeated on each of its rows, as the synthetic
  // generator writes it) or the substance group's total across the table's areas (the "Total"
  // column of a wide published table, as in the Humberside example). Tell them apart by which
  // one is constant.
  const distinct = (rows: Row[]) =>
    new Set(rows.map((c) => num(c.published_total)).filter((v) => v !== null)).size;
  const withPublished = groupCells.filter((c) => num(c.published_total) !== null);
  const perAreaConstant = tableAreas.every(
    (a) => distinct(withPublished.filter((c) => str(c.area_code) === a)) <= 1,
  );
  const groupsSeen = new Set(withPublished.map((c) => str(c.substance_group))).size;
  const publishedMeans: 'area' | 'group' | null =
    withPublished.length === 0 ? null : perAreaConstant && groupsSeen > 1 ? 'area' : 'group';
  const areaTotalsPublished = new Map<string, number>();
  for (const t of totalCells) {
    const v = num(t.count);
    if (v !== null) areaTotalsPublished.set(str(t.area_code), v);
  }
  if (publishedMeans === 'area') {
    for (const area of tableAreas) {
      const pub = withPublished.find((c) => str(c.area_code) === area);
      if (!pub || areaTotalsPublished.has(area)) continue;
      const v = num(pub.published_total) as number;
      areaTotalsPublished.set(area, v);
      const sum = groupCells
        .filter((c) => str(c.area_code) === area)
        .reduce((acc, c) => acc + (num(c.count) ?? 0), 0);
      if (Math.abs(sum - v) > 1e-9)
        mismatches.push(
          `${nameOf(area)}: its substance-group cells sum to ${fmtCount(sum)}, but the published total is ${fmtCount(v)}.`,
        );
    }
  }
  const groupTotalsPublished = new Map<string, number>();
  for (const g of publishedMeans === 'group' ? groups : []) {
    const here = groupCells.filter((c) => str(c.substance_group) === g.id);
    const pubs = here.map((c) => num(c.published_total)).filter((v): v is number => v !== null);
    if (pubs.length === 0) continue;
    const pub = pubs[0];
    if (here.some((c) => num(c.published_total) !== null && num(c.published_total) !== pub))
      notes.push(
        `The published total for ${g.label.toLowerCase()} differs between rows; the first (${fmtCount(pub)}) is used.`,
      );
    groupTotalsPublished.set(g.id, pub);
    const sum = here.reduce((acc, c) => acc + (num(c.count) ?? 0), 0);
    if (Math.abs(sum - pub) > 1e-9)
      mismatches.push(
        `${g.label}: the areas' cells sum to ${fmtCount(sum)}, but the published total is ${fmtCount(pub)}.`,
      );
  }
  const grandPublished =
    totalCells.map((c) => num(c.published_total)).find((v) => v !== null) ?? null;
  if (grandPublished !== null) {
    const areaTotalSum = totalCells.reduce((s, c) => s + (num(c.count) ?? 0), 0);
    const cellSum = groupCells.reduce((s, c) => s + (num(c.count) ?? 0), 0);
    if (Math.abs(areaTotalSum - grandPublished) > 1e-9)
      mismatches.push(
        `The published area totals sum to ${fmtCount(areaTotalSum)}, but the published grand total is ${fmtCount(grandPublished)}.`,
      );
    if (Math.abs(cellSum - grandPublished) > 1e-9)
      mismatches.push(
        `All cells sum to ${fmtCount(cellSum)}, but the published grand total is ${fmtCount(grandPublished)}.`,
      );
  }
  if (mismatches.length > 0) {
    notes.push(
      `Published totals do not add up (${period}); totals shown are recomputed from the cells, with the published figures alongside:`,
    );
    notes.push(...mismatches);
  }

  // Areas to show: view areas present in the data; if none besides the focal area, the whole published table.
  const vAreas = viewAreas(ctx).filter((a) => tableAreas.includes(a.code));
  const showAreas: { code: string; role: AreaRole }[] = [...vAreas];
  for (const c of tableAreas)
    if (
      !showAreas.some((a) => a.code === c) &&
      vAreas.filter((a) => a.role === 'comparator' || a.role === 'focal').length <= 1
    )
      showAreas.push({ code: c, role: 'comparator' });
  if (!tableAreas.includes(ctx.focalArea))
    notes.push(
      `No CJS treatment figures for ${ctx.focalAreaName} (${ctx.focalArea}) in ${period}.`,
    );

  // Denominators: all in treatment, same period.
  const codes = showAreas.map((a) => a.code);
  const inTreatment = new Map<string, number>();
  if (await tableExists(engine, 'treatment')) {
    const marks = codes.map(() => '?').join(', ');
    const t = (
      await engine.query(
        `SELECT area_code, sum(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) NOT IN ('all', 'total')) AS parts,
                sum(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) IN ('all', 'total')) AS total
         FROM treatment WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${marks}) GROUP BY area_code`,
        [period, ...codes],
      )
    ).toRows();
    for (const r of t) {
      const v = num(r.total) ?? num(r.parts);
      if (v !== null) inTreatment.set(str(r.area_code), v);
    }
    if (t.length === 0)
      notes.push(`No "treatment" figures for ${period}: share of all in treatment not calculated.`);
  } else notes.push('No "treatment" table: share of all in treatment not calculated.');
  const yearMatch = /^(\d{4})/.exec(period);
  const adults = yearMatch
    ? await adultPopulation(engine, codes, Number(yearMatch[1]), notes)
    : new Map<string, number>();
  if (adults.size === 0)
    notes.push('No adult population for these areas: rates per 100,000 not calculated.');

  const synthetic =
    (await isSynthetic(engine, 'cjs_treatment')) ||
    (inTreatment.size > 0 && (await isSynthetic(engine, 'treatment'))) ||
    (adults.size > 0 && (await isSynthetic(engine, 'population')));

  const indicators: IndicatorRow[] = [];
  const rows: Row[] = [];
  const stacked: Row[] = [];
  const totalsByArea = new Map<string, number>();
  for (const a of showAreas) {
    const name = nameOf(a.code);
    const row: Row = { area_name: name, area_code: a.code, role: ROLE_LABEL[a.role] };
    let total = 0;
    let any = false;
    groups.forEach((g, i) => {
      const v = cell(a.code, g.id);
      row[`g_${g.id}`] = v;
      if (v !== null) {
        total += v;
        any = true;
        if (a.role !== 'england' && a.role !== 'region')
          stacked.push({
            label: a.role === 'focal' ? `${name} (focal area)` : name,
            category: g.label,
            category_order: i,
            count: v,
          });
      }
    });
    const computed = any ? total : null;
    if (computed !== null) totalsByArea.set(a.code, computed);
    row.total = computed;
    row.published_total = areaTotalsPublished.get(a.code) ?? null;
    row.total_check =
      row.published_total === null || computed === null
        ? ''
        : Math.abs(computed - (row.published_total as number)) > 1e-9
          ? 'does not match'
          : 'matches';
    const denom = inTreatment.get(a.code) ?? null;
    const share =
      computed !== null && denom !== null && denom > 0 && computed <= denom
        ? proportion(computed, denom, { multiplier: 100 })
        : null;
    if (computed !== null && denom !== null && computed > denom)
      notes.push(
        `${name}: more CJS clients (${fmtCount(computed)}) than all in treatment (${fmtCount(denom)}); share not calculated.`,
      );
    const pop = adults.get(a.code) ?? null;
    const rate = computed !== null && pop !== null && pop > 0 ? crudeRate(computed, pop) : null;
    Object.assign(row, {
      in_treatment: denom,
      share_pct: share?.value ?? null,
      share_lower: share?.lower ?? null,
      share_upper: share?.upper ?? null,
      adult_population: pop,
      rate: rate?.value ?? null,
      rate_lower: rate?.lower ?? null,
      rate_upper: rate?.upper ?? null,
      synthetic,
    });
    rows.push(row);
    const base = {
      area_code: a.code,
      area_name: name,
      period,
      sex: 'Persons',
      age: '18+',
      synthetic,
    };
    indicators.push(
      indicatorRow({
        ...base,
        indicator_id: 'cjs_in_treatment',
        indicator_name: 'Adults in treatment referred through the criminal justice system',
        value: computed,
        count: computed,
        unit: 'people',
        polarity: 'none',
        note:
          row.total_check === 'does not match'
            ? `published total ${fmtCount(num(row.published_total))} does not match the cells`
            : '',
        method: 'Count (sum of substance groups)',
      }),
    );
    if (share)
      indicators.push(
        indicatorRow({
          ...base,
          indicator_id: 'cjs_share_of_treatment',
          indicator_name: 'CJS-referred adults as % of all adults in treatment',
          value: share.value,
          lower_95: share.lower,
          upper_95: share.upper,
          count: computed,
          denominator: denom,
          unit: '%',
          polarity: 'none',
          method: 'Proportion, Wilson 95% CI',
        }),
      );
    if (rate)
      indicators.push(
        indicatorRow({
          ...base,
          indicator_id: 'cjs_treatment_rate',
          indicator_name: 'CJS-referred adults in treatment per 100,000 adults',
          value: rate.value,
          lower_95: rate.lower,
          upper_95: rate.upper,
          count: computed,
          denominator: pop,
          unit: 'per 100,000',
          polarity: 'none',
          method: 'Crude rate, exact (< 10) or Byar’s 95% CI',
        }),
      );
  }
  // Column totals row (computed across the areas shown, and published where given).
  const totalRow: Row = { area_name: 'Total (areas shown)', area_code: '', role: '' };
  let grand = 0;
  for (const g of groups) {
    const s = showAreas
      .filter((a) => a.role !== 'england' && a.role !== 'region')
      .reduce((acc, a) => acc + (cell(a.code, g.id) ?? 0), 0);
    totalRow[`g_${g.id}`] = s;
    grand += s;
  }
  totalRow.total = grand;
  const shownLas = showAreas
    .filter((a) => a.role !== 'england' && a.role !== 'region')
    .map((a) => a.code);
  const wholeTable = tableAreas.every((c) => shownLas.includes(c));
  totalRow.published_total = wholeTable ? grandPublished : null;
  if (!wholeTable)
    totalRow.area_name =
      'Total (areas shown; published totals cover all areas in the source table)';
  const partRows = rows.flatMap((r, i) =>
    r.role === ROLE_LABEL.focal || r.role === ROLE_LABEL.comparator ? [i] : [],
  );
  const totalRowIndex = rows.length;
  rows.push(totalRow);
  const mirrorRows: Record<number, number> = {};
  if (groupTotalsPublished.size > 0) {
    const pubRow: Row = { area_name: 'Published total', area_code: '', role: '' };
    for (const g of groups) pubRow[`g_${g.id}`] = groupTotalsPublished.get(g.id) ?? null;
    pubRow.total = grandPublished;
    mirrorRows[rows.length] = totalRowIndex;
    rows.push(pubRow);
  }

  const columns: DisplayColumn[] = [
    { key: 'area_name', label: 'Area', format: 'text' },
    { key: 'role', label: 'Role', format: 'text' },
    ...groups.map((g): DisplayColumn => ({
      key: `g_${g.id}`,
      label: g.label,
      format: 'count',
      numeric: true,
    })),
    { key: 'total', label: 'Total (sum of cells)', format: 'count', numeric: true },
    // A published total repeats the computed total's information: hidden wherever it is.
    {
      key: 'published_total',
      label: 'Published total',
      format: 'count',
      numeric: true,
      disclosure: 'derived',
      derivedFrom: ['total'],
    },
    { key: 'total_check', label: 'Check', format: 'text' },
    { key: 'in_treatment', label: 'All adults in treatment', format: 'count', numeric: true },
    {
      key: 'share_pct',
      label: 'CJS share of all in treatment %',
      format: 'percent',
      numeric: true,
      derivedFrom: ['total'],
    },
    {
      key: 'share_lower',
      label: 'Lower 95%',
      format: 'percent',
      numeric: true,
      derivedFrom: ['total'],
    },
    {
      key: 'share_upper',
      label: 'Upper 95%',
      format: 'percent',
      numeric: true,
      derivedFrom: ['total'],
    },
    {
      key: 'adult_population',
      label: 'Adults 18+',
      format: 'count',
      numeric: true,
      disclosure: 'other',
    },
    {
      key: 'rate',
      label: 'Per 100,000 adults',
      format: 'rate',
      numeric: true,
      derivedFrom: ['total'],
    },
    {
      key: 'rate_lower',
      label: 'Lower 95%',
      format: 'rate',
      numeric: true,
      derivedFrom: ['total'],
    },
    {
      key: 'rate_upper',
      label: 'Upper 95%',
      format: 'rate',
      numeric: true,
      derivedFrom: ['total'],
    },
  ];
  const tables: ViewTable[] = [
    {
      caption: `Adults in treatment referred through the criminal justice system, by substance group, ${period}`,
      columns,
      rows,
      rowTotalKey: 'total',
      totalRowIndex,
      partRows,
      mirrorRows,
    },
  ];

  // Continuity of care.
  const continuityRows: Row[] = [];
  let continuityPeriod: string | null = null;
  if (await tableExists(engine, 'continuity_of_care')) {
    const cps = (
      await engine.query(`SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM continuity_of_care`)
    )
      .toRows()
      .map((r) => str(r.p));
    continuityPeriod = pickPeriod(cps, ctx.latestPeriod);
    const cAreas = viewAreas(ctx);
    const marks = cAreas.map(() => '?').join(', ');
    const r = (
      await engine.query(
        `SELECT area_code, sum(CAST(released_with_need AS DOUBLE)) AS released, sum(CAST(engaged_within_3_weeks AS DOUBLE)) AS engaged
         FROM continuity_of_care WHERE CAST(period AS VARCHAR) = ? AND area_code IN (${marks}) GROUP BY area_code`,
        [continuityPeriod, ...cAreas.map((a) => a.code)],
      )
    ).toRows();
    // England and the region, when absent: counts summed from their upper-tier authorities.
    const summedAggregates: string[] = [];
    if (await tableExists(engine, 'areas'))
      for (const a of cAreas) {
        if (
          (a.role !== 'england' && a.role !== 'region') ||
          r.some((y) => str(y.area_code) === a.code)
        )
          continue;
        const agg = (
          await engine.query(
            `SELECT sum(CAST(released_with_need AS DOUBLE)) AS released, sum(CAST(engaged_within_3_weeks AS DOUBLE)) AS engaged, count(*) AS n
             FROM continuity_of_care WHERE CAST(period AS VARCHAR) = ? AND area_code IN (
               SELECT area_code FROM areas WHERE area_type = 'UTLA' AND (? OR region_code = ?))`,
            [continuityPeriod, a.role === 'england', a.code],
          )
        ).toRows()[0];
        if (agg && Number(agg.n) > 0) {
          r.push({ area_code: a.code, released: agg.released, engaged: agg.engaged });
          summedAggregates.push(a.role === 'england' ? 'England' : 'the region');
        }
      }
    if (summedAggregates.length > 0)
      notes.push(
        `Continuity of care for ${summedAggregates.join(' and ')} is summed from the upper-tier authorities in the data.`,
      );
    const cNames = await areaNames(
      engine,
      cAreas.map((a) => a.code),
    );
    const cSynthetic = await isSynthetic(engine, 'continuity_of_care');
    for (const a of cAreas) {
      const x = r.find((y) => str(y.area_code) === a.code);
      if (!x) continue;
      const released = num(x.released);
      const engaged = num(x.engaged);
      const p =
        released !== null && released > 0 && engaged !== null && engaged <= released
          ? proportion(engaged, released, { multiplier: 100 })
          : null;
      const name = cNames.get(a.code) ?? a.code;
      continuityRows.push({
        area_name: name,
        area_code: a.code,
        role: ROLE_LABEL[a.role],
        period: continuityPeriod,
        released_with_need: released,
        engaged_within_3_weeks: engaged,
        continuity_pct: p?.value ?? null,
        continuity_lower: p?.lower ?? null,
        continuity_upper: p?.upper ?? null,
        below_ambition:
          p?.value == null
            ? ''
            : p.value < CONTINUITY_AMBITION
              ? 'below 75% ambition'
              : 'meets 75% ambition',
        synthetic: cSynthetic,
      });
      indicators.push(
        indicatorRow({
          area_code: a.code,
          area_name: name,
          period: continuityPeriod ?? '',
          sex: 'Persons',
          age: '18+',
          indicator_id: 'continuity_of_care',
          indicator_name:
            'Continuity of care: % engaging with community treatment within 3 weeks of prison release',
          value: p?.value ?? null,
          lower_95: p?.lower ?? null,
          upper_95: p?.upper ?? null,
          count: engaged,
          denominator: released,
          unit: '%',
          polarity: 'high_is_good',
          note: p
            ? ''
            : 'not calculated: no prison releases with a treatment need, or more engaged than released',
          method: 'Proportion, Wilson 95% CI',
          synthetic: cSynthetic,
        }),
      );
    }
    tables.push({
      caption: `Continuity of care after prison release, ${continuityPeriod} (national ambition ${CONTINUITY_AMBITION}%)`,
      columns: [
        { key: 'area_name', label: 'Area', format: 'text' },
        { key: 'role', label: 'Role', format: 'text' },
        {
          key: 'released_with_need',
          label: 'Released with a treatment need',
          format: 'count',
          numeric: true,
        },
        {
          key: 'engaged_within_3_weeks',
          label: 'Engaged within 3 weeks',
          format: 'count',
          numeric: true,
        },
        { key: 'continuity_pct', label: 'Continuity of care %', format: 'percent', numeric: true },
        { key: 'continuity_lower', label: 'Lower 95%', format: 'percent', numeric: true },
        { key: 'continuity_upper', label: 'Upper 95%', format: 'percent', numeric: true },
        { key: 'below_ambition', label: 'Against the 75% ambition', format: 'text' },
      ],
      rows: continuityRows,
    });
  }

  // Charts.
  const charts: ViewResult['charts'] = [];
  const focalName = nameOf(ctx.focalArea);
  const focalRow = rows.find((r) => r.area_code === ctx.focalArea);
  const biggest = focalRow
    ? groups.map((g) => ({ g, v: num(focalRow[`g_${g.id}`]) ?? 0 })).sort((x, y) => y.v - x.v)[0]
    : undefined;
  const stackedDesc =
    `Stacked bar chart of adults in treatment referred through the criminal justice system in ${period}, by area and substance group (${groups.map((g) => g.label.toLowerCase()).join(', ')}). ` +
    (focalRow && num(focalRow.total) !== null
      ? `${focalName}: ${fmtCount(num(focalRow.total))} people${biggest && num(focalRow.total) ? `, most in ${biggest.g.label.toLowerCase()} (${fmtCount(biggest.v)}, ${fmt((100 * biggest.v) / (num(focalRow.total) as number), 0)}%)` : ''}` +
        (num(focalRow.share_pct) !== null
          ? `; ${fmt(num(focalRow.share_pct))}% of all adults in treatment`
          : '') +
        '.'
      : `No figures for ${focalName}.`) +
    (mismatches.length > 0
      ? ` Published totals do not match the cells in ${mismatches.length} place(s); see the notes.`
      : '');
  charts.push({
    title: `CJS-referred treatment by substance group, ${period}`,
    description: stackedDesc,
    spec: stackedBarSpec({
      title: `Adults in treatment via the criminal justice system, ${period}`,
      description: stackedDesc,
      rows: stacked,
      categoryOrder: groups.map((g) => g.label),
      categoryTitle: 'Substance group',
      xTitle: 'People in treatment',
    }),
  });
  if (continuityRows.length > 0) {
    const bars: RankedBarRow[] = continuityRows.map((r) => {
      const role = (Object.entries(ROLE_LABEL).find(([, v]) => v === r.role)?.[0] ??
        'comparator') as AreaRole;
      const name = str(r.area_name);
      return {
        label: rankedBarLabel(name, role),
        value: num(r.continuity_pct),
        lower: num(r.continuity_lower),
        upper: num(r.continuity_upper),
        role: ROLE_LABEL[role],
        marker: role === 'focal' ? '◀ focal area' : '',
      };
    });
    const f = continuityRows.find((r) => r.area_code === ctx.focalArea);
    const e = continuityRows.find((r) => r.area_code === 'E92000001');
    const below = continuityRows.filter(
      (r) =>
        num(r.continuity_pct) !== null && (num(r.continuity_pct) as number) < CONTINUITY_AMBITION,
    ).length;
    const cDesc =
      `Bar chart of continuity of care (% of adults released from prison with a treatment need who engaged with community treatment within 3 weeks), ${continuityPeriod}, with 95% Wilson intervals and the 75% national ambition as a dashed line. ` +
      (f && num(f.continuity_pct) !== null
        ? `${focalName} ${fmt(num(f.continuity_pct))}% (95% CI ${fmt(num(f.continuity_lower))}–${fmt(num(f.continuity_upper))}%), ${(num(f.continuity_pct) as number) < CONTINUITY_AMBITION ? 'below' : 'at or above'} the 75% ambition${e && num(e.continuity_pct) !== null ? `; England ${fmt(num(e.continuity_pct))}%` : ''}. `
        : '') +
      `${below} of ${continuityRows.length} areas shown are below the ambition.`;
    charts.push({
      title: `Continuity of care, ${continuityPeriod}`,
      description: cDesc,
      spec: rankedBarSpec({
        title: `Continuity of care after prison release, ${continuityPeriod}`,
        description: cDesc,
        rows: bars,
        xTitle: 'Engaged within 3 weeks of release (%)',
        domainMax: 100,
        rule: { value: CONTINUITY_AMBITION, label: 'National ambition 75%' },
      }),
    });
  }

  return {
    indicators,
    tables,
    charts,
    methodNote: METHOD_NOTE,
    notes,
    synthetic: synthetic || continuityRows.some((r) => r.synthetic === true),
  };
}

export const cjsTreatmentView: ViewDefinition = {
  id: 'cjs-treatment',
  title: 'Criminal justice system and treatment',
  description:
    'People in drug and alcohol treatment referred through the criminal justice system, by substance group, with totals checked against the published ones, their share of everyone in treatment, rates per 100,000 adults, and continuity of care after prison release against the 75% ambition.',
  requires: [{ tables: ['cjs_treatment'], howToGet: 'criminal justice referrals into treatment by area and substance group' }],
  options: [],
  run: (ctx, options) => runCjsTreatment(ctx.engine, ctx, options),
};

export type { ViewContext };
