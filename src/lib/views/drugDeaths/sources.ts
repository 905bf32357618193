/**
 * Reading the rates from each source: the statements of ./sql.ts run through `ctx.engine`, their
 * rows handed to the pure computations. Each loader returns its rates, the notes met on the way
 * and whether any row it read was synthetic.
 */
import type { Row } from '../../engine/types';
import { ENGLAND, isAggregateCode, type AreaGroup } from '../../domain/areas';
import { isGroupCode } from '../../groups';
import { periodYears } from '../../domain/periods';
import { isSyntheticIn, num, str } from '../common';
import type { ViewContext } from '../types';
import {
  bandNormaliser,
  pivotRows,
  populationByBand,
  resolvePersons,
  resolvePivot,
  normaliseBand,
  standardWeights,
} from './bands';
import { publishedRates } from './compute';
import type {
  BandCount,
  DeathMeasure,
  DeathRate,
  DeathSex,
  RatesWithNotes,
  ResolvedSource,
  DeathSource,
  StandardWeights,
} from './model';
import { poolPeriods } from './pooling';
import { emptyRate, pooledRowsUsable, ratesFromBands, ratesFromPooledRows } from './rates';
import { recordCounts, recordNotes, withKnownToTreatment } from './records';
import * as q from './sql';
import {
  groupBandCounts,
  groupDeathsQuery,
  groupMethodNote,
  groupPopulation,
  groupPopulationQuery,
  groupPublishedRates,
  notCalculated,
} from './groups';

type Ctx = Pick<ViewContext, 'engine' | 'catalog' | 'areas'> &
  Partial<Pick<ViewContext, 'regionCode' | 'regionName'>>;

export interface LoadedRates extends RatesWithNotes {
  synthetic: boolean;
}

async function rows(ctx: Ctx, query: q.Query): Promise<Row[]> {
  return (await ctx.engine.query(query.sql, query.params)).toRows();
}

/**
 * "Best available": age-banded deaths with a population to calculate rates, else ONS published
 * rates, else death records.
 */
export async function chooseSource(ctx: Ctx, requested: DeathSource): Promise<ResolvedSource> {
  if (requested !== 'auto') return requested;
  if (ctx.catalog.has('deaths')) {
    const banded = Number((await rows(ctx, q.bandedDeathsProbe()))[0]?.n ?? 0);
    if (banded > 0 && ctx.catalog.has('population')) return 'age-banded';
    if (ctx.catalog.columns('deaths').has('published_rate')) return 'published';
  }
  if (ctx.catalog.has('death_records')) return 'records';
  return 'age-banded';
}

async function weights(ctx: Ctx): Promise<StandardWeights> {
  return standardWeights(
    ctx.catalog.has('standard_population') ? await rows(ctx, q.standardPopulationQuery()) : null,
  );
}

/** Rates from band counts with the population of the codes (none when there is no table). */
async function ratesWithPopulation(
  ctx: Ctx,
  counts: BandCount[],
  codes: string[],
  sex: DeathSex,
): Promise<RatesWithNotes> {
  const standard = await weights(ctx);
  const pop =
    ctx.catalog.has('population') && codes.length > 0
      ? populationByBand(await rows(ctx, q.populationByBandQuery(codes, sex)), sex)
      : new Map<string, number>();
  return ratesFromBands(poolPeriods(counts), pop, standard);
}

/**
 * Deaths of England and the region, when the deaths table has no rows for them: summed from
 * their upper-tier authorities, with a note saying so. Only when the table has rows for every one
 * of those authorities (a sum over some, set against England's published population, would make
 * England's rate far too low), and none of their counts suppressed; an authority's band or year
 * with no row counts as no deaths, as the files leave out zeros.
 */
async function summedAggregates(
  ctx: Ctx,
  counts: BandCount[],
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<{ counts: BandCount[]; notes: string[] }> {
  const aggregates = codes.filter((c) => isAggregateCode(c) && !counts.some((x) => x.area === c));
  const added: BandCount[] = [];
  const summed: string[] = [];
  const notes: string[] = [];
  for (const agg of aggregates) {
    const members = ctx.areas.upperTier
      .filter((a) => agg === ENGLAND || a.regionCode === agg)
      .map((a) => a.code);
    if (members.length === 0) continue;
    const name =
      agg === ENGLAND
        ? 'England'
        : agg === ctx.regionCode && ctx.regionName
          ? ctx.regionName
          : ctx.areas.name(agg);
    const present = Number((await rows(ctx, q.deathsCoverageQuery(members, measure)))[0]?.n ?? 0);
    if (present === 0) continue;
    if (present < members.length) {
      notes.push(
        `The deaths table has no rows for ${name} and covers only ${present} of its ${members.length} upper-tier authorities: ${name}'s rate is not calculated (a sum over some would not be ${name}).`,
      );
      continue;
    }
    const m = await rows(ctx, q.summedDeathsQuery(members, measure, sex));
    // A suppressed count in any year would leave every pooled period containing it short.
    const withheld = [
      ...new Set(m.filter((x) => Number(x.suppressed) > 0).map((x) => str(x.period))),
    ].sort();
    if (withheld.length > 0) {
      notes.push(
        `The deaths table has no rows for ${name}, and some of its authorities' deaths are suppressed (${withheld.join(', ')}): ${name}'s rate is not calculated.`,
      );
      continue;
    }
    const res = resolvePersons(
      m.map((x) => ({
        key: `${str(x.period)}|${normaliseBand(str(x.age_band))}`,
        sex: str(x.sex),
        value: num(x.deaths) ?? 0,
      })),
      sex,
    );
    for (const [k, deaths] of res) {
      const [period, band] = k.split('|');
      added.push({ area: agg, period, band, deaths });
    }
    summed.push(agg === ENGLAND ? 'England' : 'the region');
  }
  if (summed.length > 0)
    notes.unshift(
      `The deaths table has no rows for ${summed.join(' or ')}: deaths were summed from its upper-tier local authorities in the data (populations as published).`,
    );
  return { counts: [...counts, ...added], notes };
}

/** Age-banded deaths and population: one pooled statement when it can, else the general path. */
async function fromAgeBanded(
  ctx: Ctx,
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<RatesWithNotes> {
  const pooledRows = await rows(ctx, q.pooledRatesQuery(codes, measure, sex));
  if (pooledRowsUsable(pooledRows, codes)) {
    const pooled = ratesFromPooledRows(pooledRows, await weights(ctx));
    if (pooled) return pooled;
  }
  const band = bandNormaliser();
  const resolved = resolvePivot(
    pivotRows(
      await rows(ctx, q.bandedDeathsQuery(codes, measure, sex)),
      (x) => `${str(x.area_code)}|${str(x.period)}|${band(str(x.age_band))}`,
    ),
    sex,
  );
  const counts: BandCount[] = [...resolved].map(([k, deaths]) => {
    const [area, period, band] = k.split('|');
    return { area, period, band, deaths };
  });
  const withAggregates = await summedAggregates(ctx, counts, codes, measure, sex);
  const rated = await ratesWithPopulation(ctx, withAggregates.counts, codes, sex);
  return { rates: rated.rates, notes: [...withAggregates.notes, ...rated.notes] };
}

async function fromRecords(
  ctx: Ctx,
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<RatesWithNotes> {
  const hasKnown = ctx.catalog.columns('death_records').has('known_to_treatment');
  const r = await rows(ctx, q.deathRecordsQuery(codes, measure, sex, hasKnown));
  const { counts, notes } = recordCounts(r);
  const rated = await ratesWithPopulation(ctx, counts, codes, sex);
  return {
    rates: withKnownToTreatment(rated.rates, r),
    notes: [...notes, ...rated.notes, ...recordNotes(measure)],
  };
}

/** Published source, groups: summed deaths and a crude rate from the summed population. */
async function publishedGroupRates(
  ctx: Ctx,
  groups: readonly AreaGroup[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<DeathRate[]> {
  const name = (c: string) => ctx.areas.name(c, 'deaths');
  const deathRows = await rows(ctx, groupDeathsQuery(groups, measure, sex));
  const popRows = ctx.catalog.has('population')
    ? await rows(ctx, groupPopulationQuery(groups, sex))
    : [];
  return groupPublishedRates(deathRows, popRows, name);
}

/** Age-banded source, groups: band deaths and populations summed, then crude rate and DSR. */
async function ageBandedGroupRates(
  ctx: Ctx,
  groups: readonly AreaGroup[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<RatesWithNotes> {
  const name = (c: string) => ctx.areas.name(c, 'deaths');
  const members = [...new Set(groups.flatMap((g) => g.members))];
  const band = bandNormaliser();
  const resolved = resolvePivot(
    pivotRows(
      await rows(ctx, q.bandedDeathsQuery(members, measure, sex)),
      (x) => `${str(x.area_code)}|${str(x.period)}|${band(str(x.age_band))}`,
    ),
    sex,
  );
  const counts: BandCount[] = [...resolved].map(([k, deaths]) => {
    const [area, period, b] = k.split('|');
    return { area, period, band: b, deaths };
  });
  const grouped = groupBandCounts(poolPeriods(counts), groups, name);
  const { pop } = groupPopulation(await rows(ctx, groupPopulationQuery(groups, sex)), name);
  const rated = ratesFromBands(grouped.counts, pop, await weights(ctx));
  return {
    rates: [
      ...rated.rates,
      ...grouped.missing.map((m) => notCalculated(m.area, m.period, m.reason)),
    ],
    notes: rated.notes,
  };
}

/**
 * The rates of one source for the codes, and whether what they were read from is synthetic.
 * Codes of area groups (ctx.areas.groups) get figures summed from their members.
 * Throws, saying what is missing, when the source's tables are not loaded.
 */
export async function loadRates(
  ctx: Ctx,
  source: ResolvedSource,
  allCodes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<LoadedRates> {
  const groups = ctx.areas.groups.filter((g) => allCodes.includes(g.code));
  if (groups.length === 0) return loadAreaRates(ctx, source, allCodes, measure, sex);
  const codes = allCodes.filter((c) => !isGroupCode(c));
  const area = await loadAreaRates(ctx, source, codes, measure, sex);
  // How each group got its figures comes first among the notes.
  const name = (c: string) => ctx.areas.name(c, 'deaths');
  const loaded = {
    ...area,
    notes: [
      ...(source === 'records'
        ? []
        : groups.map((g) => groupMethodNote(g, name, source === 'published'))),
      ...area.notes,
    ],
  };
  if (source === 'records')
    return {
      ...loaded,
      notes: [
        ...loaded.notes,
        'Groups of areas are not summed from local death records here: choose the age-banded or ONS published source.',
      ],
    };
  if (source === 'published') {
    const rates = await publishedGroupRates(ctx, groups, measure, sex);
    return { ...loaded, rates: [...loaded.rates, ...rates] };
  }
  const grouped = await ageBandedGroupRates(ctx, groups, measure, sex);
  return {
    ...loaded,
    rates: [...loaded.rates, ...grouped.rates],
    notes: [...loaded.notes, ...grouped.notes],
  };
}

/**
 * Rates whose pooled years include a suppressed age-band count are not calculated: the sums read
 * the hidden count as no deaths, which would make the rate too low.
 */
function withSuppressedBands(loaded: RatesWithNotes, suppressed: Row[]): RatesWithNotes {
  if (suppressed.length === 0) return loaded;
  const years = new Map<string, Set<number>>();
  for (const r of suppressed) {
    const set = years.get(str(r.area_code)) ?? new Set<number>();
    for (const y of periodYears(str(r.period))) set.add(y);
    years.set(str(r.area_code), set);
  }
  const rates = loaded.rates.map((r) => {
    const hidden = periodYears(r.period).filter((y) => years.get(r.area_code)?.has(y));
    if (hidden.length === 0) return r;
    return {
      ...r,
      ...emptyRate(r.area_code, r.period, null, r.population),
      flag: ':',
      note: `not calculated: a suppressed count in its age bands (${hidden.join(', ')})`,
    };
  });
  return { ...loaded, rates };
}

async function loadAreaRates(
  ctx: Ctx,
  source: ResolvedSource,
  codes: string[],
  measure: DeathMeasure,
  sex: DeathSex,
): Promise<LoadedRates> {
  const { catalog } = ctx;
  if (source === 'records') {
    if (!catalog.has('death_records'))
      throw new Error('The "records" source needs a "death_records" table.');
    if (!catalog.has('population'))
      throw new Error('Rates from death records need a "population" table.');
    const loaded = await fromRecords(ctx, codes, measure, sex);
    const synthetic =
      (await isSyntheticIn(ctx, 'death_records')) || (await isSyntheticIn(ctx, 'population'));
    return { ...loaded, synthetic };
  }
  if (!catalog.has('deaths')) throw new Error('Drug deaths need a "deaths" table.');
  if (source === 'published') {
    if (!catalog.columns('deaths').has('published_rate'))
      throw new Error('The "published" source needs published_rate in the "deaths" table.');
    const rates = publishedRates(
      await rows(ctx, q.publishedRatesQuery(codes, measure, sex, catalog.columns('deaths'))),
    );
    // Only the rows this source reads decide the label: real ONS rates sit beside synthetic
    // age-banded rows in the same table.
    const synthetic = await isSyntheticIn(
      ctx,
      'deaths',
      'published_rate IS NOT NULL OR published_flag IS NOT NULL',
    );
    return { rates, notes: [], synthetic };
  }
  if (!catalog.has('population')) throw new Error('Age-banded rates need a "population" table.');
  const loaded = withSuppressedBands(
    await fromAgeBanded(ctx, codes, measure, sex),
    codes.length > 0 ? await rows(ctx, q.suppressedBandsQuery(codes, measure, sex)) : [],
  );
  const synthetic =
    (await isSyntheticIn(ctx, 'deaths', "age_band <> 'All ages'")) ||
    (await isSyntheticIn(ctx, 'population'));
  return { ...loaded, synthetic };
}
