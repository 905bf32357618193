/**
 * From rates to what the drug-deaths view reports, without an engine: published rates under the
 * ONS flags, indicator rows, the notes on the whole result, the tables, chart descriptions and
 * method note. Thresholds come from src/lib/stats/onsRules.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../../src/lib/engine/types';
import { ENGLAND } from '../../../../src/lib/domain/areas';
import {
  ONS_MINIMUM_DEATHS_FOR_ASR,
  ONS_MINIMUM_DEATHS_FOR_CRUDE,
  ONS_RELIABLE_DEATHS,
} from '../../../../src/lib/stats';
import type { AreaRole } from '../../../../src/lib/views/common';
import {
  compareRates,
  indicatorRows,
  publishedRates,
  summaryNotes,
} from '../../../../src/lib/views/drugDeaths/compute';
import type { DeathRate } from '../../../../src/lib/views/drugDeaths/model';
import { methodNote, present } from '../../../../src/lib/views/drugDeaths/present';

const FOCAL = 'E06000031';
const REGION = 'E12000006';
const NAMES = new Map([
  [FOCAL, 'Peterborough'],
  [ENGLAND, 'England'],
  [REGION, 'East of England'],
]);
const AREAS: { code: string; role: AreaRole }[] = [
  { code: FOCAL, role: 'focal' },
  { code: ENGLAND, role: 'england' },
  { code: REGION, role: 'region' },
];
const ROLE_OF = new Map(AREAS.map((a) => [a.code, a.role]));

function rate(area: string, period: string, deaths: number, dsr: number | null): DeathRate {
  return {
    area_code: area,
    period,
    deaths,
    population: 100000,
    crude: dsr,
    crude_lower: dsr === null ? null : dsr - 1,
    crude_upper: dsr === null ? null : dsr + 1,
    dsr,
    dsr_lower: dsr === null ? null : dsr - 1,
    dsr_upper: dsr === null ? null : dsr + 1,
    flag: dsr === null ? ':' : deaths < ONS_RELIABLE_DEATHS ? 'u' : '',
    note: '',
  };
}

describe('published rates', () => {
  it('marks missing rates ":" and few deaths or an ONS "u" as low reliability', () => {
    const rows: Row[] = [
      { area_code: FOCAL, period: '2019-21', deaths: ONS_MINIMUM_DEATHS_FOR_ASR - 1, rate: null },
      { area_code: FOCAL, period: '2018-20', deaths: null, rate: null },
      { area_code: FOCAL, period: '2017-19', deaths: ONS_RELIABLE_DEATHS - 1, rate: 3.1 },
      { area_code: FOCAL, period: '2016-18', deaths: 40, rate: 3.2, flag: ' U ' },
      { area_code: FOCAL, period: '2015-17', deaths: ONS_RELIABLE_DEATHS, rate: 3.3 },
    ];
    expect(publishedRates(rows).map((r) => [r.flag, r.note])).toEqual([
      [':', `not calculated (:): fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths`],
      [':', 'not calculated (:)'],
      ['u', `u: low reliability, fewer than ${ONS_RELIABLE_DEATHS} deaths`],
      ['u', `u: low reliability, fewer than ${ONS_RELIABLE_DEATHS} deaths`],
      ['', ''],
    ]);
  });
});

describe('indicator rows and notes', () => {
  const rates = [
    rate(ENGLAND, '2019-21', 9000, 5),
    rate(FOCAL, '2019-21', 25, 9),
    rate(FOCAL, '2018-20', ONS_MINIMUM_DEATHS_FOR_CRUDE - 1, null),
  ];

  it('orders by role then period; crude rows carry their own caveat; published has no crude', () => {
    const rows = indicatorRows({
      rates,
      measure: 'drug_misuse',
      source: 'age-banded',
      sex: 'Persons',
      names: NAMES,
      roleOf: ROLE_OF,
      synthetic: false,
    });
    expect(rows.map((r) => [r.indicator_id, r.area_name, r.period])).toEqual([
      ['drug_misuse_deaths_asr', 'Peterborough', '2018-20'],
      ['drug_misuse_deaths_crude', 'Peterborough', '2018-20'],
      ['drug_misuse_deaths_asr', 'Peterborough', '2019-21'],
      ['drug_misuse_deaths_crude', 'Peterborough', '2019-21'],
      ['drug_misuse_deaths_asr', 'England', '2019-21'],
      ['drug_misuse_deaths_crude', 'England', '2019-21'],
    ]);
    expect(rows[1].note).toContain('crude rate not shown');
    expect(rows.every((r) => r.polarity === 'low_is_good')).toBe(true);
    const published = indicatorRows({
      rates,
      measure: 'drug_poisoning',
      source: 'published',
      sex: 'Female',
      names: NAMES,
      roleOf: ROLE_OF,
      synthetic: true,
    });
    expect(published.map((r) => r.indicator_id)).toEqual(
      Array(3).fill('drug_poisoning_deaths_asr'),
    );
    expect(published.every((r) => r.synthetic && r.sex === 'Female')).toBe(true);
  });

  it('compares with England by the 95% CI (low is good), never an area with itself', () => {
    expect(compareRates(rates[1], rates[0])).toBe('Worse');
    expect(compareRates(rates[0], rates[0])).toBe('');
    expect(compareRates(rates[1], undefined)).toBe('');
  });

  it('counts rates not calculated and flagged, and says what is missing', () => {
    expect(summaryNotes(rates, FOCAL, 'Peterborough', 'drug_misuse')).toEqual([
      `1 area-period rate(s) not calculated (":"): fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths (ONS rule). They are listed, not hidden.`,
    ]);
    expect(summaryNotes([], FOCAL, 'Peterborough', 'drug_poisoning')).toEqual([
      'No England figure in the data: comparisons with England are not made.',
      'No deaths related to drug poisoning for Peterborough (E06000031).',
    ]);
  });
});

describe('tables, charts and method note', () => {
  const input = {
    source: 'age-banded' as const,
    measure: 'drug_misuse' as const,
    sex: 'Persons' as const,
    areas: AREAS,
    names: NAMES,
    focalArea: FOCAL,
    regionCode: REGION,
    regionName: 'East of England',
    latestPeriod: null,
    synthetic: false,
  };

  it('shows the latest period for every area and describes the focal area against England', () => {
    const { tables, charts } = present({
      ...input,
      rates: [
        rate(FOCAL, '2018-20', 20, 8),
        rate(FOCAL, '2019-21', 25, 9),
        rate(ENGLAND, '2019-21', 9000, 5),
        rate(REGION, '2019-21', 900, 5.5),
      ],
    });
    expect(tables[0].rows.map((r) => [r.area_name, r.period, r.vs_england])).toEqual([
      ['Peterborough', '2019-21', 'Worse'],
      ['England', '2019-21', ''],
      // 5.5 (4.5 to 6.5) holds England's 5.
      ['East of England', '2019-21', 'Similar'],
    ]);
    expect(tables[1].rows.map((r) => r.period)).toEqual(['2018-20', '2019-21']);
    expect(charts.map((c) => c.title)).toEqual([
      'Deaths from drug misuse: trend',
      'Deaths from drug misuse: comparison, 2019-21',
    ]);
    expect(charts[0].description).toContain(
      'Peterborough went from 8.0 in 2018-20 to 9.0 in 2019-21.',
    );
    expect(charts[1].description).toContain('higher than England 5.0 (Worse)');
  });

  it('says when the focal rate is not calculated, and names areas not calculated', () => {
    const { charts } = present({
      ...input,
      rates: [rate(FOCAL, '2019-21', ONS_MINIMUM_DEATHS_FOR_ASR - 1, null)],
    });
    expect(charts[1].description).toContain(
      `rate not calculated (fewer than ${ONS_MINIMUM_DEATHS_FOR_ASR} deaths)`,
    );
    expect(charts[1].description).toContain('Not calculated');
    expect(present({ ...input, rates: [] }).charts).toHaveLength(1);
  });

  it('states the rules in the method note', () => {
    expect(methodNote('published')).toContain(`deaths < ${ONS_MINIMUM_DEATHS_FOR_ASR}`);
    expect(methodNote('records')).toContain('known to treatment: Wilson 95% CI');
    expect(methodNote('age-banded')).toContain(
      `no crude rate where < ${ONS_MINIMUM_DEATHS_FOR_CRUDE}`,
    );
  });
});
