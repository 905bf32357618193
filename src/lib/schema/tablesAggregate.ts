/** Published aggregate tables: deaths, numbers in treatment, prevalence estimates, criminal-justice referrals and continuity of care. */
import type { CanonicalTable } from './tableTypes';
import {
  areaCode,
  areaName,
  sex,
  ageBand,
  period,
  number,
  text,
  SUBSTANCE_GROUP_COLUMN,
} from './columnBuilders';
import { DEATHS_MEASURE, PREVALENCE_MEASURE } from './valuePatterns';

export const AGGREGATE_TABLES: readonly CanonicalTable[] = [
  {
    name: 'deaths',
    description:
      'Drug-related deaths by area, registration period, sex and age band, with published rates where the source has them.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'sex', 'age_band', 'measure'],
    coverage: ['area_code', 'period', 'measure'],
    columns: [
      areaCode(),
      period(),
      sex('Persons'),
      ageBand('All ages'),
      {
        name: 'measure',
        type: 'VARCHAR',
        required: true,
        description:
          'drug_poisoning (all deaths related to drug poisoning) or drug_misuse (the subset from drug misuse)',
        kind: 'measure',
        synonyms: ['measure', 'Measure', 'Indicator', 'Death type', 'Cause'],
        valuePattern: DEATHS_MEASURE,
      },
      number('deaths', 'Number of deaths registered', [
        'Deaths',
        'Count',
        'Number of deaths',
        'Registrations',
        'n',
      ]),
      areaName(),
      number(
        'published_rate',
        'Rate per 100,000 as published (age-standardised for ONS)',
        ['asr_per_100k', 'Rate', 'ASR', 'Age-standardised rate'],
        false,
      ),
      number(
        'published_lower_95',
        'Published lower 95% limit',
        ['lcl95', 'Lower CI', 'LCL', 'Lower 95% CI'],
        false,
      ),
      number(
        'published_upper_95',
        'Published upper 95% limit',
        ['ucl95', 'Upper CI', 'UCL', 'Upper 95% CI'],
        false,
      ),
      text(
        'published_flag',
        '"u" low reliability (fewer than 20 deaths); ":" rate not calculated',
        ['rate_flag', 'Flag', 'Note'],
      ),
    ],
  },
  {
    name: 'treatment',
    description:
      'Adults in structured drug and alcohol treatment (NDTMS) by area, period and substance group.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group', 'referral_source'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('in_treatment', 'Number of adults in treatment', [
        'In treatment',
        'Number in treatment',
        'Count',
        'Value',
        'Clients',
        'n',
      ]),
      text('referral_source', 'Referral route when the figure is for one route only', [
        'Referral source',
        'Source of referral',
      ]),
    ],
  },
  {
    name: 'prevalence',
    description:
      'Estimated numbers of people who use opiates and/or crack cocaine or are dependent on alcohol, with 95% intervals.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'measure', 'age_range'],
    coverage: ['area_code', 'period', 'measure'],
    columns: [
      areaCode(),
      period(),
      {
        name: 'measure',
        type: 'VARCHAR',
        required: true,
        description: 'ocu, opiate, crack or alcohol_dependence',
        kind: 'measure',
        synonyms: ['measure', 'Measure', 'Substance', 'Drug', 'Indicator'],
        valuePattern: PREVALENCE_MEASURE,
      },
      number('estimate', 'Estimated number of people', [
        'Estimate',
        'Prevalence',
        'Estimated number',
        'Value',
        'Count',
      ]),
      number(
        'lower',
        'Lower 95% limit of the estimate',
        ['Lower', 'Lower CI', 'lcl95', 'Lower 95% CI', 'lower_95'],
        false,
      ),
      number(
        'upper',
        'Upper 95% limit of the estimate',
        ['Upper', 'Upper CI', 'ucl95', 'Upper 95% CI', 'upper_95'],
        false,
      ),
      text('age_range', '15-64 for OCU estimates, 18+ for dependent drinkers', [
        'Age range',
        'Age',
        'Ages',
      ]),
    ],
  },
  {
    name: 'cjs_treatment',
    description:
      'People in treatment referred through the criminal justice system, by area, period and substance group.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group', 'cjs_pathway'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('count', 'Number of people', ['Count', 'Number', 'Value', 'n', 'Clients']),
      text(
        'cjs_pathway',
        'Route: police custody, liaison and diversion, court, probation, prison release, DRR, ATR',
        ['CJS pathway', 'Pathway', 'Referral source', 'Route'],
      ),
      number(
        'published_total',
        "The area's total for the period as the source printed it (all groups and pathways, repeated on each row; kept to show when parts do not add up)",
        ['Total', 'Published total', 'Row total'],
        false,
      ),
    ],
  },
  {
    name: 'continuity_of_care',
    description:
      'Adults released from prison with a treatment need, and how many engaged with community treatment within 3 weeks.',
    kind: 'aggregate',
    key: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      number(
        'released_with_need',
        'Adults released from prison with a substance misuse treatment need',
        ['Released', 'Denominator', 'Number released', 'Referred'],
      ),
      number(
        'engaged_within_3_weeks',
        'Of those, the number who engaged with community treatment within 21 days',
        ['Engaged', 'Numerator', 'Number engaged', 'Engaged within 3 weeks', 'Count'],
      ),
    ],
  },
];
