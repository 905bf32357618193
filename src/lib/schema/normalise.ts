/**
 * Value normalisers: SQL expressions (so they run inside DuckDB over millions of rows) built
 * from the same tables as their pure-TS twins, so the two cannot drift apart. A value a
 * normaliser does not recognise is passed through unchanged (trimmed): checks.ts then reports
 * it, instead of the loader quietly guessing.
 */
import { quoteLiteral } from '../engine/sql';
import type { ValueKind } from './tables';
import { normalisePublishedPeriod, PUBLISHED_PERIOD_PATTERNS } from '../domain/periods';

/** The lookup key of a label: lower case, letters, digits and "+" only ("Non-opiate only" -> "nonopiateonly"). */
export function labelKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9+]/g, '');
}

function labelKeySql(expr: string): string {
  return `regexp_replace(lower(trim(CAST(${expr} AS VARCHAR))), '[^a-z0-9+]', '', 'g')`;
}

function trimmedSql(expr: string): string {
  return `trim(CAST(${expr} AS VARCHAR))`;
}

/** `CASE key WHEN ... THEN ... ELSE original END` from a label map. */
function mapSql(expr: string, map: Readonly<Record<string, string>>): string {
  const whens = Object.entries(map)
    .map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`)
    .join(' ');
  return `(CASE ${labelKeySql(expr)} ${whens} ELSE ${trimmedSql(expr)} END)`;
}

function mapTs(
  value: string | number | null | undefined,
  map: Readonly<Record<string, string>>,
): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  return map[labelKey(s)] ?? s;
}

// ---- sex ----------------------------------------------------------------------------------------

/** ONS codes 1 = male, 2 = female, 4 (and 3 in some NHS files) = persons. */
export const SEX_LABELS: Readonly<Record<string, string>> = {
  m: 'Male',
  male: 'Male',
  males: 'Male',
  '1': 'Male',
  men: 'Male',
  man: 'Male',
  f: 'Female',
  female: 'Female',
  females: 'Female',
  '2': 'Female',
  women: 'Female',
  woman: 'Female',
  persons: 'Persons',
  person: 'Persons',
  all: 'Persons',
  total: 'Persons',
  both: 'Persons',
  bothsexes: 'Persons',
  p: 'Persons',
  '4': 'Persons',
  '3': 'Persons',
  people: 'Persons',
  allpersons: 'Persons',
};

export const normaliseSexSql = (expr: string): string => mapSql(expr, SEX_LABELS);
export const normaliseSex = (v: string | number | null | undefined): string | null =>
  mapTs(v, SEX_LABELS);

// ---- age bands ------------------------------------------------------------------------------------

const ALL_AGES = ['allages', 'all', 'total', 'allage', 'persons', 'allagegroups'];

/**
 * "0-4", "00-04", "0 - 4", "Aged 0 to 4", "0-4 yrs" -> "0-4"; "85+", "85 and over", "Aged 85+" ->
 * "85+"; "All ages" / "Total" -> "All ages". "85+" and "85-89"/"90+" are different schemes and
 * stay different: the view picks the standard population that matches.
 */
export function normaliseAgeBand(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  const l = s
    .toLowerCase()
    .replace(/^aged?\s*/, '')
    .replace(/\s*(years?|yrs?)$/, '')
    .trim();
  if (ALL_AGES.includes(labelKey(l))) return 'All ages';
  const range = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(l);
  if (range) return `${Number(range[1])}-${Number(range[2])}`;
  const open = /^(\d+)\s*(?:\+|plus|and over|and above|or over|or older)$/.exec(l);
  if (open) return `${Number(open[1])}+`;
  return s;
}

export function normaliseAgeBandSql(expr: string): string {
  const l = `regexp_replace(regexp_replace(lower(${trimmedSql(expr)}), '^aged?\\s*', ''), '\\s*(years?|yrs?)$', '')`;
  const range = `'^(\\d+)\\s*(?:-|–|to)\\s*(\\d+)$'`;
  const open = `'^(\\d+)\\s*(?:\\+|plus|and over|and above|or over|or older)$'`;
  const allAges = ALL_AGES.map(quoteLiteral).join(', ');
  return `(CASE
    WHEN regexp_replace(${l}, '[^a-z0-9+]', '', 'g') IN (${allAges}) THEN 'All ages'
    WHEN regexp_matches(${l}, ${range})
      THEN CAST(CAST(regexp_extract(${l}, ${range}, 1) AS INTEGER) AS VARCHAR) || '-' || CAST(CAST(regexp_extract(${l}, ${range}, 2) AS INTEGER) AS VARCHAR)
    WHEN regexp_matches(${l}, ${open})
      THEN CAST(CAST(regexp_extract(${l}, ${open}, 1) AS INTEGER) AS VARCHAR) || '+'
    ELSE ${trimmedSql(expr)} END)`;
}

// ---- NDTMS substance groups -----------------------------------------------------------------------

export const SUBSTANCE_GROUP_LABELS: Readonly<Record<string, string>> = {
  opiate: 'opiate',
  opiates: 'opiate',
  opiateusers: 'opiate',
  opiateclients: 'opiate',
  nonopiateonly: 'non_opiate_only',
  nonopiate: 'non_opiate_only',
  nonopiates: 'non_opiate_only',
  nonopiatesonly: 'non_opiate_only',
  nonopiateandalcohol: 'non_opiate_and_alcohol',
  nonopiatesandalcohol: 'non_opiate_and_alcohol',
  alcoholandnonopiate: 'non_opiate_and_alcohol',
  alcoholandnonopiates: 'non_opiate_and_alcohol',
  // Short forms in local reports: "Alc and non op", "Alcohol & non-opiates", "Non-opiate and alcohol".
  alcoholnonopiate: 'non_opiate_and_alcohol',
  alcoholnonopiates: 'non_opiate_and_alcohol',
  alcandnonop: 'non_opiate_and_alcohol',
  alcandnonops: 'non_opiate_and_alcohol',
  alcandnonopiate: 'non_opiate_and_alcohol',
  alcandnonopiates: 'non_opiate_and_alcohol',
  nonopandalc: 'non_opiate_and_alcohol',
  nonopiateandalc: 'non_opiate_and_alcohol',
  nonopiatesandalc: 'non_opiate_and_alcohol',
  nonopiatealcohol: 'non_opiate_and_alcohol',
  nonopiatesalcohol: 'non_opiate_and_alcohol',
  nonop: 'non_opiate_only',
  nonops: 'non_opiate_only',
  nonoponly: 'non_opiate_only',
  alc: 'alcohol_only',
  alconly: 'alcohol_only',
  ops: 'opiate',
  alcoholonly: 'alcohol_only',
  alcohol: 'alcohol_only',
  total: 'all',
  all: 'all',
  allsubstances: 'all',
  allclients: 'all',
  alcoholall: 'alcohol_all',
  anyalcohol: 'alcohol_all',
  alcoholany: 'alcohol_all',
};

export const normaliseSubstanceGroupSql = (expr: string): string =>
  mapSql(expr, SUBSTANCE_GROUP_LABELS);
export const normaliseSubstanceGroup = (v: string | number | null | undefined): string | null =>
  mapTs(v, SUBSTANCE_GROUP_LABELS);

// ---- measures -------------------------------------------------------------------------------------

export const MEASURE_LABELS: Readonly<Record<string, string>> = {
  drugpoisoning: 'drug_poisoning',
  deathsrelatedtodrugpoisoning: 'drug_poisoning',
  drugpoisoningdeaths: 'drug_poisoning',
  poisoning: 'drug_poisoning',
  drugmisuse: 'drug_misuse',
  deathsfromdrugmisuse: 'drug_misuse',
  drugmisusedeaths: 'drug_misuse',
  misuse: 'drug_misuse',
  ocu: 'ocu',
  ocus: 'ocu',
  opiateandorcrack: 'ocu',
  opiateandorcrackcocaine: 'ocu',
  opiateandcrackcocaineuse: 'ocu',
  opiateandorcrackcocaineusers: 'ocu',
  opiatesandorcrack: 'ocu',
  opiate: 'opiate',
  opiates: 'opiate',
  opiateusers: 'opiate',
  crack: 'crack',
  crackcocaine: 'crack',
  crackusers: 'crack',
  crackcocaineusers: 'crack',
  alcoholdependence: 'alcohol_dependence',
  dependentdrinkers: 'alcohol_dependence',
  alcoholdependent: 'alcohol_dependence',
  alcoholestimatedprevalence: 'alcohol_dependence',
  alcoholdependentadults: 'alcohol_dependence',
};

export const normaliseMeasureSql = (expr: string): string => mapSql(expr, MEASURE_LABELS);
export const normaliseMeasure = (v: string | number | null | undefined): string | null =>
  mapTs(v, MEASURE_LABELS);

// ---- polarity -------------------------------------------------------------------------------------

export const POLARITY_LABELS: Readonly<Record<string, string>> = {
  lowisgood: 'low_is_good',
  low: 'low_is_good',
  lowerisbetter: 'low_is_good',
  highisgood: 'high_is_good',
  high: 'high_is_good',
  higherisbetter: 'high_is_good',
  none: 'none',
  notapplicable: 'none',
  bob: 'none',
  '': 'none',
};

export const normalisePolaritySql = (expr: string): string => mapSql(expr, POLARITY_LABELS);

// ---- periods --------------------------------------------------------------------------------------

/**
 * "2021" stays; "2019/20", "2019/2020", "201920", "FY 2019/20" and "2019-20" (consecutive years)
 * -> financial year "2019/20"; "2019-21", "2019 - 2021", "2019 to 21" (a longer span) -> pooled
 * "2019-21". Anything else (quarters, months) is kept as it is.
 */
export function normalisePeriod(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  const l = s.toLowerCase().replace(/^(fy|financial year)\s*/, '');
  if (/^\d{4}$/.test(l)) return l;
  if (/^\d{6}$/.test(l) && Number(l.slice(4)) === (Number(l.slice(2, 4)) + 1) % 100)
    return `${l.slice(0, 4)}/${l.slice(4)}`;
  const fy = /^(\d{4})\s*\/\s*(\d{2}|\d{4})$/.exec(l);
  if (fy) return `${fy[1]}/${fy[2].slice(-2)}`;
  const span = /^(\d{4})\s*(?:-|–|to)\s*(\d{2}|\d{4})$/.exec(l);
  if (span) {
    const start = Number(span[1]);
    let end =
      span[2].length === 4 ? Number(span[2]) : Math.floor(start / 100) * 100 + Number(span[2]);
    if (end < start) end += 100; // "1999-00" ends in 2000
    const sep = end - start === 1 ? '/' : '-';
    return `${span[1]}${sep}${String(end).slice(-2)}`;
  }
  // Quarters, financial-year quarters and rolling twelve months (domain/periods.ts).
  return normalisePublishedPeriod(s) ?? s;
}

/** SQL twin of normalisePublishedPeriod, over the lower-cased label `l` (same patterns). */
function publishedPeriodWhensSql(l: string): string {
  const P = PUBLISHED_PERIOD_PATTERNS;
  const x = (pattern: string, group: number) =>
    `regexp_extract(${l}, ${quoteLiteral(pattern)}, ${group})`;
  const is = (pattern: string) => `regexp_matches(${l}, ${quoteLiteral(pattern)})`;
  const nextYear = (start: string, end: string) =>
    `(TRY_CAST(right(${end}, 2) AS INTEGER) = (TRY_CAST(${start} AS INTEGER) + 1) % 100)`;
  const months = `['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec']`;
  const qStart = `list_position(['jan','apr','jul','oct'], ${x(P.monthRange, 1)})`;
  const qEnd = `list_position(['mar','jun','sep','dec'], ${x(P.monthRange, 2)})`;
  const month = `list_position(${months}, ${x(P.rolling, 1)})`;
  return `
    WHEN ${is(P.quarterYear)} THEN ${x(P.quarterYear, 2)} || ' Q' || ${x(P.quarterYear, 1)}
    WHEN ${is(P.yearQuarter)} THEN ${x(P.yearQuarter, 1)} || ' Q' || ${x(P.yearQuarter, 2)}
    WHEN ${is(P.quarterFinancialYear)} AND ${nextYear(x(P.quarterFinancialYear, 2), x(P.quarterFinancialYear, 3))}
      THEN ${x(P.quarterFinancialYear, 2)} || '/' || right(${x(P.quarterFinancialYear, 3)}, 2) || ' Q' || ${x(P.quarterFinancialYear, 1)}
    WHEN ${is(P.financialYearQuarter)} AND ${nextYear(x(P.financialYearQuarter, 1), x(P.financialYearQuarter, 2))}
      THEN ${x(P.financialYearQuarter, 1)} || '/' || right(${x(P.financialYearQuarter, 2)}, 2) || ' Q' || ${x(P.financialYearQuarter, 3)}
    WHEN ${is(P.monthRange)} AND ${qStart} IS NOT NULL AND ${qStart} = ${qEnd}
      THEN ${x(P.monthRange, 3)} || ' Q' || CAST(${qStart} AS VARCHAR)
    WHEN ${is(P.rolling)} AND ${month} IS NOT NULL
      THEN '12 months to ' || ${x(P.rolling, 2)} || '-' || lpad(CAST(${month} AS VARCHAR), 2, '0')`;
}

export function normalisePeriodSql(expr: string): string {
  const l = `regexp_replace(lower(${trimmedSql(expr)}), '^(fy|financial year)\\s*', '')`;
  const fy = `'^(\\d{4})\\s*/\\s*(\\d{2}|\\d{4})$'`;
  const span = `'^(\\d{4})\\s*(?:-|–|to)\\s*(\\d{2}|\\d{4})$'`;
  const start = `CAST(regexp_extract(${l}, ${span}, 1) AS INTEGER)`;
  const endPart = `regexp_extract(${l}, ${span}, 2)`;
  const short = `((${start} // 100) * 100 + CAST(${endPart} AS INTEGER))`;
  const end = `(CASE WHEN length(${endPart}) = 4 THEN CAST(${endPart} AS INTEGER) WHEN ${short} < ${start} THEN ${short} + 100 ELSE ${short} END)`;
  return `(CASE
    WHEN regexp_matches(${l}, '^\\d{4}$') THEN ${l}
    WHEN regexp_matches(${l}, '^\\d{6}$') AND CAST(substr(${l}, 5, 2) AS INTEGER) = (CAST(substr(${l}, 3, 2) AS INTEGER) + 1) % 100
      THEN substr(${l}, 1, 4) || '/' || substr(${l}, 5, 2)
    WHEN regexp_matches(${l}, ${fy}) THEN regexp_extract(${l}, ${fy}, 1) || '/' || right(regexp_extract(${l}, ${fy}, 2), 2)
    WHEN regexp_matches(${l}, ${span})
      THEN regexp_extract(${l}, ${span}, 1) || (CASE WHEN ${end} - ${start} = 1 THEN '/' ELSE '-' END) || right(CAST(${end} AS VARCHAR), 2)
    ${publishedPeriodWhensSql(`lower(${trimmedSql(expr)})`)}
    ELSE ${trimmedSql(expr)} END)`;
}

// ---- numbers, dates, booleans -----------------------------------------------------------------------

/** Numbers published as text ("1,234", " 56 "): anything else becomes missing (and is counted by checks). */
export function numberSql(expr: string): string {
  return `TRY_CAST(replace(trim(CAST(${expr} AS VARCHAR)), ',', '') AS DOUBLE)`;
}

export function integerSql(expr: string): string {
  return `CAST(round(${numberSql(expr)}) AS INTEGER)`;
}

/** ISO dates, and the UK day-first forms Excel writes ("31/12/2021", "31-12-2021"). */
export function dateSql(expr: string): string {
  const t = trimmedSql(expr);
  return `COALESCE(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y']) AS DATE))`;
}

export const BOOLEAN_LABELS: Readonly<Record<string, string>> = {
  true: 'true',
  yes: 'true',
  y: 'true',
  '1': 'true',
  t: 'true',
  known: 'true',
  false: 'false',
  no: 'false',
  n: 'false',
  '0': 'false',
  f: 'false',
  notknown: 'false',
  unknown: 'false',
};

export function booleanSql(expr: string): string {
  const whens = Object.entries(BOOLEAN_LABELS)
    .map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${v}`)
    .join(' ');
  return `(CASE ${labelKeySql(expr)} ${whens} ELSE NULL END)`;
}

// ---- area codes: boundary changes ----------------------------------------------------------------

/**
 * One-to-one recodes: the same area under a new code. Safe to apply (with a note): Barnsley
 * and Sheffield moved to E08000038/39 when the South Yorkshire boundary was corrected (2021),
 * and a few districts/UAs were recoded after minor boundary changes.
 */
export const AREA_RECODES: Readonly<Record<string, { to: string; name: string; from: string }>> = {
  E08000016: { to: 'E08000038', name: 'Barnsley', from: '2021' },
  E08000019: { to: 'E08000039', name: 'Sheffield', from: '2021' },
  E08000020: { to: 'E08000037', name: 'Gateshead', from: '2013' },
  E06000048: { to: 'E06000057', name: 'Northumberland', from: '2013' },
  E07000097: { to: 'E07000242', name: 'East Hertfordshire', from: '2013' },
  E07000100: { to: 'E07000240', name: 'St Albans', from: '2013' },
  E07000101: { to: 'E07000243', name: 'Stevenage', from: '2013' },
  E07000104: { to: 'E07000241', name: 'Welwyn Hatfield', from: '2013' },
};

/**
 * Codes of areas that no longer exist because they were merged or split (2019-2023). Counts
 * could sometimes be re-added, rates never: these are reported, not recoded.
 */
export const RETIRED_AREAS: Readonly<
  Record<string, { name: string; ended: string; successors: string }>
> = (() => {
  const out: Record<string, { name: string; ended: string; successors: string }> = {};
  const add = (codes: string, names: string, ended: string, successors: string) => {
    const n = names.split('|');
    codes.split(' ').forEach((c, i) => (out[c] = { name: n[i], ended, successors }));
  };
  add(
    'E06000028 E06000029 E07000048',
    'Bournemouth|Poole|Christchurch',
    '2019-04-01',
    'Bournemouth, Christchurch and Poole (E06000058)',
  );
  add(
    'E10000009 E07000049 E07000050 E07000051 E07000052 E07000053',
    'Dorset County|East Dorset|North Dorset|Purbeck|West Dorset|Weymouth and Portland',
    '2019-04-01',
    'Dorset (E06000059)',
  );
  add(
    'E07000201 E07000204',
    'Forest Heath|St Edmundsbury',
    '2019-04-01',
    'West Suffolk (E07000245)',
  );
  add('E07000205 E07000206', 'Suffolk Coastal|Waveney', '2019-04-01', 'East Suffolk (E07000244)');
  add(
    'E07000190 E07000191',
    'Taunton Deane|West Somerset',
    '2019-04-01',
    'Somerset West and Taunton (E07000246), itself now part of Somerset (E06000066)',
  );
  add(
    'E10000002 E07000004 E07000005 E07000006 E07000007',
    'Buckinghamshire County|Aylesbury Vale|Chiltern|South Bucks|Wycombe',
    '2020-04-01',
    'Buckinghamshire (E06000060)',
  );
  add(
    'E10000021',
    'Northamptonshire',
    '2021-04-01',
    'North Northamptonshire (E06000061) and West Northamptonshire (E06000062)',
  );
  add(
    'E07000150 E07000152 E07000153 E07000156',
    'Corby|East Northamptonshire|Kettering|Wellingborough',
    '2021-04-01',
    'North Northamptonshire (E06000061)',
  );
  add(
    'E07000151 E07000154 E07000155',
    'Daventry|Northampton|South Northamptonshire',
    '2021-04-01',
    'West Northamptonshire (E06000062)',
  );
  add(
    'E10000006',
    'Cumbria',
    '2023-04-01',
    'Cumberland (E06000063) and Westmorland and Furness (E06000064)',
  );
  add(
    'E07000026 E07000028 E07000029',
    'Allerdale|Carlisle|Copeland',
    '2023-04-01',
    'Cumberland (E06000063)',
  );
  add(
    'E07000027 E07000030 E07000031',
    'Barrow-in-Furness|Eden|South Lakeland',
    '2023-04-01',
    'Westmorland and Furness (E06000064)',
  );
  add(
    'E10000023 E07000163 E07000164 E07000165 E07000166 E07000167 E07000168 E07000169',
    'North Yorkshire County|Craven|Hambleton|Harrogate|Richmondshire|Ryedale|Scarborough|Selby',
    '2023-04-01',
    'North Yorkshire (E06000065)',
  );
  add(
    'E10000027 E07000187 E07000188 E07000189 E07000246',
    'Somerset County|Mendip|Sedgemoor|South Somerset|Somerset West and Taunton',
    '2023-04-01',
    'Somerset (E06000066)',
  );
  return out;
})();

export function recodeArea(code: string | null | undefined): string | null {
  if (code == null) return null;
  const c = String(code).trim().toUpperCase();
  return AREA_RECODES[c]?.to ?? c;
}

export function recodeAreaSql(expr: string): string {
  const t = `upper(${trimmedSql(expr)})`;
  const whens = Object.entries(AREA_RECODES)
    .map(([from, r]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(r.to)}`)
    .join(' ');
  return `(CASE ${t} ${whens} ELSE ${t} END)`;
}

/** SQL list literal of the old codes, for counting how many rows a recode touched. */
export function recodedCodesList(): string {
  return Object.keys(AREA_RECODES).map(quoteLiteral).join(', ');
}

export function retiredCodesList(): string {
  return Object.keys(RETIRED_AREAS).map(quoteLiteral).join(', ');
}

export function recodeNote(from: string, rows: number): string {
  const r = AREA_RECODES[from];
  return `${rows} row${rows === 1 ? '' : 's'} used the old code ${from} for ${r.name}; recoded to ${r.to} (the code in use since ${r.from}).`;
}

export function retiredNote(code: string, rows: number): string {
  const r = RETIRED_AREAS[code];
  return `${rows} row${rows === 1 ? '' : 's'} use ${code} (${r.name}), which no longer exists since ${r.ended}: now ${r.successors}. Kept as they are, because figures for the old area cannot be split or re-added safely.`;
}

// ---- one entry point by value kind -----------------------------------------------------------------

/** The SQL that turns a raw expression into the canonical value of a column of this kind. */
export function normaliseSql(kind: ValueKind, expr: string): string {
  switch (kind) {
    case 'area_code':
      return recodeAreaSql(expr);
    case 'sex':
      return normaliseSexSql(expr);
    case 'age_band':
      return normaliseAgeBandSql(expr);
    case 'period':
      return normalisePeriodSql(expr);
    case 'substance_group':
      return normaliseSubstanceGroupSql(expr);
    case 'measure':
      return normaliseMeasureSql(expr);
    case 'polarity':
      return `COALESCE(${normalisePolaritySql(expr)}, 'none')`;
    case 'number':
      return numberSql(expr);
    case 'integer':
      return integerSql(expr);
    case 'date':
      return dateSql(expr);
    case 'boolean':
      return booleanSql(expr);
    case 'text':
      return `NULLIF(${trimmedSql(expr)}, '')`;
  }
}
