/** Record-level tables from local case-management and death-review systems (sensitive: they stay on this machine). */
import type { CanonicalTable } from './tableTypes';
import { areaCode, sex, text } from './columnBuilders';

export const RECORD_LEVEL_TABLES: readonly CanonicalTable[] = [
  {
    name: 'treatment_episodes',
    description:
      'One row per treatment episode from a provider case-management system (sensitive: stays on this machine).',
    kind: 'record-level',
    key: ['client_id', 'start_date'],
    coverage: ['area_code'],
    columns: [
      text(
        'client_id',
        'Pseudonymous client identifier',
        ['Client ID', 'ClientID', 'Client', 'ID', 'Person ID', 'nhs_number_hash'],
        true,
      ),
      areaCode('ONS code of the LA of residence'),
      {
        name: 'age',
        type: 'INTEGER',
        required: true,
        description: 'Age at the start of the episode',
        kind: 'integer',
        synonyms: ['age', 'Age', 'Age at start', 'Age at referral'],
      },
      sex(),
      text(
        'substances',
        'Problem substances separated by ";" (e.g. heroin;crack;alcohol)',
        ['Substances', 'Problem substances', 'Drugs', 'Substance'],
        true,
      ),
      text(
        'referral_source',
        'Where the referral came from (e.g. Self, GP, Criminal justice)',
        ['Referral source', 'Source of referral', 'Referral route', 'Referred by'],
        true,
      ),
      {
        name: 'start_date',
        type: 'DATE',
        required: true,
        description: 'Date the episode started (triage/first intervention)',
        kind: 'date',
        synonyms: ['start_date', 'Start date', 'Triage date', 'Referral date', 'Episode start'],
      },
      {
        name: 'discharge_date',
        type: 'DATE',
        required: false,
        description: 'Date the episode ended (empty while open)',
        kind: 'date',
        synonyms: ['discharge_date', 'Discharge date', 'End date', 'Exit date', 'Episode end'],
      },
      text('discharge_reason', 'Why the episode ended', [
        'Discharge reason',
        'Exit reason',
        'Reason for discharge',
      ]),
    ],
  },
  {
    name: 'death_records',
    description:
      'One row per drug-related death from local surveillance (police/coroner reports; sensitive: stays on this machine).',
    kind: 'record-level',
    key: [],
    coverage: ['area_code'],
    columns: [
      {
        name: 'date_of_death',
        type: 'DATE',
        required: true,
        description: 'Date of death',
        kind: 'date',
        synonyms: ['date_of_death', 'Date of death', 'DOD', 'Death date'],
      },
      {
        name: 'date_of_registration',
        type: 'DATE',
        required: true,
        description: 'Date the death was registered (ONS statistics count by registration)',
        kind: 'date',
        synonyms: ['date_of_registration', 'Date of registration', 'Registration date', 'DOR'],
      },
      areaCode('ONS code of the LA of usual residence'),
      {
        name: 'age',
        type: 'INTEGER',
        required: true,
        description: 'Age at death',
        kind: 'integer',
        synonyms: ['age', 'Age', 'Age at death'],
      },
      sex(),
      text(
        'substances',
        'Substances involved separated by ";"',
        ['Substances', 'Drugs involved', 'Substances involved', 'Toxicology'],
        true,
      ),
      {
        name: 'known_to_treatment',
        type: 'BOOLEAN',
        required: true,
        description: 'Whether the person was known to treatment services',
        kind: 'boolean',
        synonyms: ['known_to_treatment', 'Known to treatment', 'Known to services', 'In treatment'],
      },
      text('circumstances', 'Free-text circumstances', ['Circumstances', 'Notes', 'Summary']),
    ],
  },
];
