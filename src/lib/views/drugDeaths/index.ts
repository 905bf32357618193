/**
 * Drug-related deaths per 100,000 for 3-year pooled registration periods: from age-banded deaths
 * and population (crude rate and ESP2013 DSR with 95% CIs), from ONS published rates, or from
 * record-level death reviews (aggregated first; plus the share known to treatment). ONS rules are
 * shown, never hidden: ":" not calculated under 10 deaths, "u" low reliability under 20.
 *
 *   sql.ts      the statements, as pure builders
 *   sources.ts  runs them per source and hands the rows on
 *   bands.ts, pooling.ts, rates.ts, records.ts, compute.ts   pure statistics and indicator rows
 *   present.ts, presentCharts.ts   tables, charts and the method note
 */
import { viewAreas, type AreaRole } from '../common';
import type { ViewDefinition } from '../types';
import { indicatorRows, summaryNotes } from './compute';
import type { DrugDeathsOptions } from './model';
import { methodNote, present } from './present';
import { chooseSource, loadRates } from './sources';
import { withEveryAuthority } from './everyAuthority';

export {
  CONTROLLED_DRUG_PATTERN,
  type DeathMeasure,
  type DeathRate,
  type DeathSex,
  type DeathSource,
  type DrugDeathsOptions,
} from './model';
export { normaliseBand } from './bands';

export const drugDeathsView: ViewDefinition<DrugDeathsOptions> = {
  id: 'drug-deaths',
  title: 'Drug-related deaths',
  description:
    'Deaths from drug misuse or drug poisoning per 100,000 for 3-year registration periods: the focal area over time and against England, its region and comparator areas, with ONS rules for small numbers shown.',
  requires: [
    {
      tables: ['deaths', 'death_records'],
      howToGet: 'ONS drug deaths by local authority, or record-level death reviews',
    },
  ],
  options: [
    {
      key: 'source',
      label: 'Data',
      choices: [
        { value: 'auto', label: 'Best available' },
        { value: 'age-banded', label: 'Age-banded deaths and population (calculate rates)' },
        { value: 'published', label: 'ONS published rates' },
        { value: 'records', label: 'Local death records' },
      ],
      default: 'auto',
    },
    {
      key: 'measure',
      label: 'Measure',
      choices: [
        { value: 'drug_misuse', label: 'Deaths from drug misuse' },
        { value: 'drug_poisoning', label: 'Deaths related to drug poisoning' },
      ],
      default: 'drug_misuse',
    },
    {
      key: 'sex',
      label: 'Sex',
      choices: [
        { value: 'Persons', label: 'Persons' },
        { value: 'Male', label: 'Male' },
        { value: 'Female', label: 'Female' },
      ],
      default: 'Persons',
    },
  ],

  async run(ctx, { measure, sex, ...options }) {
    const source = await chooseSource(ctx, options.source);
    const areas = viewAreas(ctx);
    const codes = areas.map((a) => a.code);
    // Published rates are read, not computed: their indicator rows cover every upper-tier
    // authority, so a comparison (spine chart) ranges over all of England as Fingertips does.
    // Tables, charts and notes stay on the areas shown.
    const everyAuthority =
      source === 'published'
        ? [...new Set([...codes, ...ctx.areas.upperTier.map((a) => a.code)])]
        : codes;
    const loaded = await loadRates(ctx, source, everyAuthority, measure, sex);
    const { notes, synthetic } = loaded;
    const shownCodes = new Set(codes);
    const rates = loaded.rates.filter((r) => shownCodes.has(r.area_code));
    // Record-level sources have no area names of their own: only `areas` names them.
    const fallback = source === 'records' ? undefined : 'deaths';
    const names = new Map(everyAuthority.map((c) => [c, ctx.areas.name(c, fallback)]));
    const roleOf = new Map<string, AreaRole>(areas.map((a) => [a.code, a.role]));
    const focalName = names.get(ctx.focalArea) ?? ctx.focalAreaName;
    const shown = { rates, source, measure, sex, names, synthetic } as const;
    const { tables, charts, trendNotes } = present({
      ...shown,
      areas,
      focalArea: ctx.focalArea,
      regionCode: ctx.regionCode,
      regionName: ctx.regionName,
      latestPeriod: ctx.latestPeriod,
    });
    return {
      indicators: indicatorRows({ ...shown, rates: loaded.rates, roleOf }),
      tables: await withEveryAuthority(ctx, tables, source, loaded.rates, measure, sex),
      charts,
      methodNote: methodNote(source),
      notes: [...notes, ...summaryNotes(rates, ctx.focalArea, focalName, measure), ...trendNotes],
      synthetic,
    };
  },
};
