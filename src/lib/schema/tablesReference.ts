/** Reference tables: the areas, their populations and the standard population rates are standardised to. */
import type { CanonicalTable } from './tableTypes';
import { areaCode, areaName, sex, ageBand, period, number, text } from './columnBuilders';
import { AREA_TYPE } from './valuePatterns';

export const REFERENCE_TABLES: readonly CanonicalTable[] = [
  {
    name: 'areas',
    description:
      'The areas the notebook knows: England, regions, upper-tier and lower-tier local authorities, with their parents.',
    kind: 'reference',
    key: ['area_code'],
    columns: [
      areaCode(),
      areaName(true),
      {
        name: 'area_type',
        type: 'VARCHAR',
        required: true,
        description:
          'England, Region, UTLA or LTLA. A unitary authority is one UTLA row with is_ltla = true.',
        kind: 'text',
        synonyms: ['area_type', 'Area Type', 'Geography type', 'Type'],
        valuePattern: AREA_TYPE,
      },
      text('parent_code', 'The UTLA of an LTLA; the region of a UTLA; England for a region', [
        'Parent Code',
        'parent',
        'UTLA23CD',
        'utla_code',
      ]),
      text('region_code', 'E12 code of the region the area is in', [
        'Region code',
        'RGN23CD',
        'RGN21CD',
      ]),
      text('region_name', 'Name of the region', ['Region name', 'Region', 'RGN23NM']),
      {
        name: 'is_ltla',
        type: 'BOOLEAN',
        required: false,
        description:
          'True when the area is also a lower-tier authority (districts, and unitary/metropolitan/London authorities which are both tiers)',
        kind: 'boolean',
        synonyms: ['is_ltla'],
      },
    ],
  },
  {
    name: 'population',
    description:
      'Mid-year population estimates by area, year, sex and age band (the denominators).',
    kind: 'reference',
    key: ['area_code', 'year', 'sex', 'age_band'],
    coverage: ['area_code', 'year'],
    columns: [
      areaCode(),
      {
        name: 'year',
        type: 'INTEGER',
        required: true,
        description: 'Mid-year of the estimate',
        kind: 'integer',
        synonyms: ['year', 'Year', 'Mid-year', 'mye_year', 'Time period'],
        valuePattern: /^\d{4}$/,
      },
      sex(),
      ageBand('All ages'),
      number('population', 'Number of residents', [
        'Population',
        'Count',
        'Value',
        'Persons',
        'pop',
        'obs_value',
      ]),
    ],
  },
  {
    name: 'standard_population',
    description:
      'Weights of a standard population (ESP2013) for direct age standardisation, one row per age band.',
    kind: 'reference',
    key: ['scheme', 'age_band'],
    columns: [
      ageBand(),
      {
        name: 'age_from',
        type: 'INTEGER',
        required: true,
        description: 'First age in the band',
        kind: 'integer',
        synonyms: ['age_from', 'Age from', 'lower_age', 'age_lower', 'from'],
      },
      {
        name: 'age_to',
        type: 'INTEGER',
        required: false,
        description: 'Last age in the band (empty for the open top band)',
        kind: 'integer',
        synonyms: ['age_to', 'Age to', 'upper_age', 'age_upper', 'to'],
      },
      number('weight', 'Standard population in the band', [
        'Weight',
        'stdpop',
        'esp2013',
        'Standard population',
        'esp',
      ]),
      text('scheme', 'Which banding, e.g. ESP2013_19band', ['Scheme', 'standard']),
    ],
  },
];
