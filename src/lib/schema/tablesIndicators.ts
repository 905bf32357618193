/** Outcome, local-metric, indicator and comparator-group tables. */
import type { CanonicalTable } from './tableTypes';
import {
  areaCode,
  sex,
  period,
  number,
  text,
  SUBSTANCE_GROUP_COLUMN,
  indicatorColumn,
} from './columnBuilders';
import { ANY_GSS_CODE } from './valuePatterns';
import { INDICATOR_COLUMNS } from './indicator';

export const OTHER_TABLES: readonly CanonicalTable[] = [
  {
    name: 'treatment_outcomes',
    description:
      'Treatment outcomes as aggregate counts (NDTMS/PHOF C19 style) by area, period and substance group: adults in treatment, successful completions and, when known, those not re-presenting within 6 months, treatment starts, early unplanned exits and deaths in treatment.',
    kind: 'aggregate',
    key: ['area_code', 'period', 'substance_group'],
    coverage: ['area_code', 'period'],
    columns: [
      areaCode(),
      period(),
      SUBSTANCE_GROUP_COLUMN,
      number('in_treatment', 'Adults in treatment in the period (the denominator)', [
        'In treatment',
        'Number in treatment',
        'Adults in treatment',
      ]),
      number('completions', 'Adults who left treatment successfully in the period', [
        'Completions',
        'Successful completions',
        'Completed',
      ]),
      number(
        'completions_not_representing',
        'Of those, the number who did not re-present within 6 months (PHOF C19 numerator)',
        [
          'Completions not re-presenting',
          'Successful completions not re-presenting',
          'Not re-presenting',
          'C19 numerator',
        ],
        false,
      ),
      number(
        'starts',
        'Adults starting treatment in the period (denominator of early unplanned exits)',
        ['Treatment starts', 'New presentations', 'Starts'],
        false,
      ),
      number(
        'early_unplanned_exits',
        'Of those, the number who left in an unplanned way within 12 weeks',
        ['Early unplanned exits', 'Unplanned exits within 12 weeks', 'Early drop-outs'],
        false,
      ),
      number(
        'deaths_in_treatment',
        'Adults who died while in treatment',
        ['Deaths in treatment'],
        false,
      ),
    ],
  },
  {
    name: 'local_metrics',
    description:
      'Local measures of a combating-drugs outcomes framework (naloxone, drug testing on arrest, detox, housing, employment…) by area and period (quarters allowed), with a target and polarity, for measures no national dataset holds.',
    kind: 'aggregate',
    key: ['metric', 'area_code', 'period'],
    coverage: ['metric', 'area_code', 'period'],
    columns: [
      text(
        'metric',
        'Name of the measure, as the framework words it',
        ['Metric', 'Metric name', 'Local metric', 'KPI'],
        true,
      ),
      text(
        'outcome',
        'Framework outcome it reports on: reduce_drug_use, reduce_drug_crime, reduce_deaths_and_harm, increase_treatment_engagement, improve_recovery (or the words)',
        ['Outcome', 'Framework outcome', 'Strategic outcome', 'Outcome area'],
        true,
      ),
      areaCode(),
      {
        ...period('Period label: "2023" (year), "2023/24" (financial year) or "2023 Q2" (quarter)'),
        // Partnerships report quarterly: quarters are expected here, not a problem to report.
        valuePattern: /^(\d{4}|\d{4}\/\d{2}|\d{4}-\d{2}|\d{4} Q[1-4])$/,
      },
      number(
        'numerator',
        'Count of events or people (with a denominator: a percentage)',
        ['Numerator'],
        false,
      ),
      number('denominator', 'Denominator of a percentage or rate', ['Denominator'], false),
      number(
        'value',
        'The figure when no numerator/denominator is given',
        ['Value', 'Figure'],
        false,
      ),
      number('target', 'The local target for the period', ['Target', 'Ambition', 'Goal'], false),
      {
        name: 'polarity',
        type: 'VARCHAR',
        required: false,
        description: 'high_is_good, low_is_good or none (what a target means)',
        kind: 'polarity',
        synonyms: ['polarity', 'Polarity', 'Direction'],
        default: 'none',
      },
      text('unit', '"%", "count", "per 1,000", "per 100,000"…', ['Unit', 'Units']),
      text('source', 'Where the figure comes from (provider, police, local system)', [
        'Source',
        'Data source',
      ]),
    ],
  },
  {
    name: 'indicators',
    description:
      'Indicator values in the one long format every view emits and Fingertips exports use (value, 95% limits, count, denominator).',
    kind: 'indicators',
    key: ['indicator_id', 'area_code', 'period', 'sex', 'age'],
    columns: INDICATOR_COLUMNS.map((name) => indicatorColumn(name)),
  },
  {
    name: 'comparator_groups',
    description: 'For each area, its comparator (nearest-neighbour) areas in rank order.',
    kind: 'reference',
    key: ['area_code', 'neighbour_code', 'source'],
    columns: [
      areaCode('The area the group is for'),
      {
        name: 'neighbour_code',
        type: 'VARCHAR',
        required: true,
        description: 'ONS code of one of its neighbours',
        kind: 'area_code',
        synonyms: [
          'neighbour_code',
          'Neighbour code',
          'neighbour_la_code',
          'Comparator code',
          'Neighbour',
        ],
        valuePattern: ANY_GSS_CODE,
      },
      {
        name: 'rank',
        type: 'INTEGER',
        required: true,
        description: '1 = most similar',
        kind: 'integer',
        synonyms: ['rank', 'Rank', 'Order', 'Neighbour rank', 'SN'],
      },
      text('source', 'Which model the group comes from (CIPFA, DfE statistical neighbours...)', [
        'Source',
        'Model',
      ]),
      text('closeness', 'How close the model says the neighbour is (e.g. "Very Close")', [
        'Closeness',
        'SNP',
      ]),
    ],
  },
];
