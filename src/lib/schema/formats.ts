/**
 * Known published formats: recognised by their exact header signature (no questions asked) and
 * carrying their own transform SQL into canonical tables. One raw file may feed several tables.
 * Each transform is a SELECT whose output columns are canonical names; applyMapping inserts it
 * BY NAME, so columns a transform leaves out stay empty.
 */
import { quoteIdent, quoteLiteral } from '../engine/sql';
import {
  normaliseAgeBandSql,
  normaliseMeasureSql,
  normalisePeriodSql,
  normaliseSexSql,
  numberSql,
  integerSql,
  recodeAreaSql,
} from './normalise';
import { headerKey, type CanonicalTableName } from './tables';

export interface FormatOutput {
  table: CanonicalTableName;
  /** SELECT producing canonical column names from the raw table. */
  select: string;
}

/** Rows a transform deliberately leaves out, counted and explained in the load notes. */
export interface FormatSkip {
  where: string;
  reason: string;
  /** A raw column whose distinct values (up to 5) are named in the note. */
  listColumn?: string;
}

export interface KnownFormat {
  id: string;
  title: string;
  /** Headers that must all be present (compared ignoring case, spaces and punctuation). */
  headers: string[];
  produces: CanonicalTableName[];
  /** Raw column holding area codes: recodes and retired codes in it are reported. */
  areaColumn?: string;
  explanation: string;
  transform(raw: string, columns: string[]): FormatOutput[];
  skips?(raw: string, columns: string[]): FormatSkip[];
}

/** A raw column by its header key, quoted; NULL when the file does not have it. */
function columnFinder(columns: string[]): (header: string) => string {
  return (header) => {
    const found = columns.find((c) => headerKey(c) === headerKey(header));
    return found === undefined ? 'NULL' : quoteIdent(found);
  };
}

const from = (raw: string) => quoteIdent(raw);

// ---- (a) Fingertips export -> indicators ---------------------------------------------------------

const fingertips: KnownFormat = {
  id: 'fingertips-export',
  title: 'Fingertips (OHID) indicator export',
  headers: [
    'Indicator ID',
    'Indicator Name',
    'Area Code',
    'Area Name',
    'Time period',
    'Value',
    'Lower CI 95.0 limit',
    'Upper CI 95.0 limit',
    'Count',
    'Denominator',
  ],
  produces: ['indicators'],
  areaColumn: 'Area Code',
  explanation:
    'This is a Fingertips export: each row becomes one indicator value with its 95% (and 99.8%) limits, count and denominator. ' +
    'Rows for a category breakdown (e.g. deprivation deciles) are left out. Polarity is worked out from the "Compared to England" column where Fingertips said Better/Worse; otherwise it is "none". ' +
    'The unit is read from the indicator name ("%", "per 100,000") where it says so.',
  transform(raw, columns) {
    const col = columnFinder(columns);
    const unit = `(CASE WHEN src.name ILIKE '%per 100,000%' OR src.name ILIKE '%per 100 000%' THEN 'per 100,000'
      WHEN src.name ILIKE '%per 1,000%' THEN 'per 1,000'
      WHEN src.name LIKE '%\\%%' ESCAPE '\\' OR src.name ILIKE '%proportion%' OR src.name ILIKE '%percentage%' THEN '%'
      ELSE '' END)`;
    const compared = col('Compared to England value or percentiles');
    return [
      {
        table: 'indicators',
        select: `WITH src AS (
            SELECT CAST(${col('Indicator ID')} AS VARCHAR) AS id,
                   CAST(${col('Indicator Name')} AS VARCHAR) AS name,
                   ${recodeAreaSql(col('Area Code'))} AS code,
                   CAST(${col('Area Name')} AS VARCHAR) AS area,
                   ${normalisePeriodSql(col('Time period'))} AS period,
                   ${normaliseSexSql(col('Sex'))} AS sex,
                   CAST(${col('Age')} AS VARCHAR) AS age,
                   ${numberSql(col('Value'))} AS v,
                   ${numberSql(col('Lower CI 95.0 limit'))} AS l95,
                   ${numberSql(col('Upper CI 95.0 limit'))} AS u95,
                   ${numberSql(col('Lower CI 99.8 limit'))} AS l998,
                   ${numberSql(col('Upper CI 99.8 limit'))} AS u998,
                   ${numberSql(col('Count'))} AS n,
                   ${numberSql(col('Denominator'))} AS d,
                   CAST(${col('Value note')} AS VARCHAR) AS value_note,
                   CAST(${compared} AS VARCHAR) AS cmp
            FROM ${from(raw)}
            WHERE NULLIF(trim(CAST(${col('Category Type')} AS VARCHAR)), '') IS NULL
          ),
          e AS (SELECT id, period, sex, age, v FROM src WHERE code = 'E92000001'),
          -- Fingertips said Better/Worse only when the indicator has a polarity: read it back.
          pol AS (
            SELECT s.id,
              count(*) FILTER ((s.cmp = 'Better' AND s.v < e.v) OR (s.cmp = 'Worse' AND s.v > e.v)) AS low_good,
              count(*) FILTER ((s.cmp = 'Better' AND s.v > e.v) OR (s.cmp = 'Worse' AND s.v < e.v)) AS high_good
            FROM src s JOIN e ON s.id = e.id AND s.period IS NOT DISTINCT FROM e.period
              AND s.sex IS NOT DISTINCT FROM e.sex AND s.age IS NOT DISTINCT FROM e.age
            GROUP BY s.id
          )
          SELECT src.id AS indicator_id, src.name AS indicator_name, src.code AS area_code, src.area AS area_name,
                 src.period, src.sex, src.age, src.v AS value, src.l95 AS lower_95, src.u95 AS upper_95,
                 src.l998 AS lower_998, src.u998 AS upper_998, src.n AS count, src.d AS denominator,
                 ${unit} AS unit,
                 CASE WHEN pol.low_good > 0 AND pol.high_good = 0 THEN 'low_is_good'
                      WHEN pol.high_good > 0 AND pol.low_good = 0 THEN 'high_is_good'
                      ELSE 'none' END AS polarity,
                 COALESCE(src.value_note, '') AS note,
                 'Fingertips export' AS method,
                 false AS synthetic
          FROM src LEFT JOIN pol ON pol.id = src.id`,
      },
    ];
  },
  skips(raw, columns) {
    const col = columnFinder(columns);
    return [
      {
        where: `NULLIF(trim(CAST(${col('Category Type')} AS VARCHAR)), '') IS NOT NULL`,
        reason:
          'are a category breakdown (e.g. deprivation decile), which the indicators table does not hold',
      },
    ];
  },
};

// ---- (b) ONS drug deaths, 3-year pooled, with age-standardised rates -> deaths ---------------

const onsDeaths3yr: KnownFormat = {
  id: 'ons-drug-deaths-3yr-asr',
  title: 'ONS drug deaths by local authority, 3-year periods with age-standardised rates',
  headers: [
    'area_code',
    'area_name',
    'measure',
    'sex',
    'period',
    'deaths',
    'asr_per_100k',
    'rate_flag',
    'lcl95',
    'ucl95',
  ],
  produces: ['deaths'],
  areaColumn: 'area_code',
  explanation:
    'This is the ONS drug deaths table by local authority (3-year registration periods): deaths for all ages with the published age-standardised rate and 95% limits. ' +
    'Sex "Males"/"Females" become Male/Female; the flag is "u" where ONS marked the rate unreliable and ":" where ONS did not calculate it.',
  transform(raw) {
    return [
      {
        table: 'deaths',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code,
                        CAST(area_name AS VARCHAR) AS area_name,
                        ${normalisePeriodSql('period')} AS period,
                        ${normaliseSexSql('sex')} AS sex,
                        'All ages' AS age_band,
                        ${normaliseMeasureSql('measure')} AS measure,
                        ${numberSql('deaths')} AS deaths,
                        ${numberSql('asr_per_100k')} AS published_rate,
                        ${numberSql('lcl95')} AS published_lower_95,
                        ${numberSql('ucl95')} AS published_upper_95,
                        CASE WHEN ${numberSql('asr_per_100k')} IS NULL THEN ':'
                             WHEN lower(trim(CAST(rate_flag AS VARCHAR))) = 'u' THEN 'u' END AS published_flag
                 FROM ${from(raw)}`,
      },
    ];
  },
};

// ---- (c) ONS drug deaths, annual counts -> deaths -------------------------------------------

const onsDeathsAnnual: KnownFormat = {
  id: 'ons-drug-deaths-annual',
  title: 'ONS drug deaths by local authority, counts by year of registration',
  headers: ['area_code', 'area_name', 'measure', 'sex', 'year', 'deaths'],
  produces: ['deaths'],
  areaColumn: 'area_code',
  explanation:
    'This is the ONS table of drug deaths by local authority and year of registration: each row becomes a deaths count for that year (period "2021"), all ages.',
  transform(raw) {
    return [
      {
        table: 'deaths',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code, CAST(area_name AS VARCHAR) AS area_name,
                        CAST(year AS VARCHAR) AS period, ${normaliseSexSql('sex')} AS sex, 'All ages' AS age_band,
                        ${normaliseMeasureSql('measure')} AS measure, ${numberSql('deaths')} AS deaths
                 FROM ${from(raw)}`,
      },
    ];
  },
};

// ---- (d) ONS mid-year estimates, 5-year bands, long -> population ------------------------------

const onsMyeLong: KnownFormat = {
  id: 'ons-mye-5yr-long',
  title: 'ONS mid-year population estimates, 5-year age bands (long)',
  headers: ['year', 'area_code', 'area_name', 'geography', 'sex', 'age_band', 'population'],
  produces: ['population'],
  areaColumn: 'area_code',
  explanation:
    'This is an ONS mid-year population estimate in five-year age bands: each row becomes a population count by area, year, sex and age band. The geography column is not needed (the areas table says what each code is).',
  transform(raw) {
    return [
      {
        table: 'population',
        select: `SELECT ${recodeAreaSql('area_code')} AS area_code, ${integerSql('year')} AS year,
                        ${normaliseSexSql('sex')} AS sex, ${normaliseAgeBandSql('age_band')} AS age_band,
                        ${numberSql('population')} AS population
                 FROM ${from(raw)}`,
      },
    ];
  },
};

// ---- (d2) ONS mid-year estimates, single year of age, wide -> population (5-year bands) ----------

/** SQL: ESP2013 19-band label of an integer age (0-4 ... 85-89, 90+). */
export function espAgeBandSql(age: string): string {
  return `(CASE WHEN ${age} IS NULL OR ${age} < 0 THEN NULL WHEN ${age} >= 90 THEN '90+'
    ELSE CAST((${age} // 5) * 5 AS VARCHAR) || '-' || CAST((${age} // 5) * 5 + 4 AS VARCHAR) END)`;
}

const onsMyeWide: KnownFormat = {
  id: 'ons-mye-single-year-wide',
  title: 'ONS mid-year population estimates, single year of age (wide)',
  headers: ['year', 'sex', 'Code', 'Name', 'Geography', 'All ages', '0', '1', '89', '90+'],
  produces: ['population'],
  areaColumn: 'Code',
  explanation:
    'This is an ONS mid-year population estimate with one column per year of age. The ages are added up into the ESP2013 five-year bands (0-4 ... 85-89, 90+); the "All ages" column is not loaded (it equals the sum of the bands).',
  transform(raw) {
    return [
      {
        table: 'population',
        select: `WITH u AS (
                   UNPIVOT (SELECT year, sex, Code, COLUMNS('^[0-9]+[+]?$') FROM ${from(raw)})
                   ON COLUMNS('^[0-9]+[+]?$') INTO NAME age VALUE people)
                 SELECT ${recodeAreaSql('Code')} AS area_code, ${integerSql('year')} AS year, ${normaliseSexSql('sex')} AS sex,
                        ${espAgeBandSql("CAST(replace(age, '+', '') AS INTEGER)")} AS age_band,
                        sum(${numberSql('people')}) AS population
                 FROM u GROUP BY ALL`,
      },
    ];
  },
};

// ---- (e0) ONS LTLA23 -> UTLA23 lookup (no regions) -> areas --------------------------------------

const onsLtlaUtla: KnownFormat = {
  id: 'ons-ltla-utla-lookup',
  title: 'ONS lower-tier to upper-tier local authority lookup',
  headers: ['LTLA23CD', 'LTLA23NM', 'UTLA23CD', 'UTLA23NM'],
  produces: ['areas'],
  explanation:
    'This is the ONS lower-tier to upper-tier lookup (April 2023). It gives one row per upper-tier authority and per district, English areas only. It has no regions: load the region lookup as well for regional comparisons.',
  transform(raw) {
    const src = `(SELECT * FROM ${from(raw)} WHERE LTLA23CD LIKE 'E%')`;
    return [
      {
        table: 'areas',
        select: `SELECT ${recodeAreaSql('UTLA23CD')} AS area_code, any_value(trim(UTLA23NM)) AS area_name, 'UTLA' AS area_type,
                        bool_or(trim(LTLA23CD) = trim(UTLA23CD)) AS is_ltla
                 FROM ${src} GROUP BY 1
                 UNION ALL BY NAME
                 SELECT ${recodeAreaSql('LTLA23CD')} AS area_code, trim(LTLA23NM) AS area_name, 'LTLA' AS area_type,
                        ${recodeAreaSql('UTLA23CD')} AS parent_code, true AS is_ltla
                 FROM ${src} WHERE trim(LTLA23CD) <> trim(UTLA23CD)`,
      },
    ];
  },
  skips(raw) {
    return [
      {
        where: `LTLA23CD NOT LIKE 'E%'`,
        reason: 'are Welsh authorities (the notebook covers England)',
      },
    ];
  },
};

// ---- (e) LTLA -> UTLA -> region lookup -> areas ---------------------------------------------------

const areaLookup: KnownFormat = {
  id: 'ltla-utla-region-lookup',
  title: 'Lower-tier to upper-tier to region lookup',
  headers: ['ltla_code', 'ltla_name', 'utla_code', 'utla_name', 'region_code', 'region_name'],
  produces: ['areas'],
  explanation:
    'This is a lookup from lower-tier to upper-tier authorities and regions. It gives one row per area: England, each region, each upper-tier authority (UTLA) and each district (LTLA). ' +
    "A unitary, metropolitan or London authority is both tiers under one code: it is one UTLA row with is_ltla = true, so lists of lower-tier areas are area_type = 'LTLA' OR is_ltla.",
  transform(raw) {
    const src = from(raw);
    return [
      {
        table: 'areas',
        select: `SELECT 'E92000001' AS area_code, 'England' AS area_name, 'England' AS area_type,
                        NULL AS parent_code, NULL AS region_code, NULL AS region_name, false AS is_ltla
                 UNION ALL
                 SELECT DISTINCT trim(region_code), trim(region_name), 'Region', 'E92000001', trim(region_code), trim(region_name), false
                 FROM ${src} WHERE region_code IS NOT NULL
                 UNION ALL
                 SELECT ${recodeAreaSql('utla_code')}, any_value(trim(utla_name)), 'UTLA', any_value(trim(region_code)),
                        any_value(trim(region_code)), any_value(trim(region_name)), bool_or(trim(ltla_code) = trim(utla_code))
                 FROM ${src} GROUP BY 1
                 UNION ALL
                 SELECT ${recodeAreaSql('ltla_code')}, trim(ltla_name), 'LTLA', ${recodeAreaSql('utla_code')},
                        trim(region_code), trim(region_name), true
                 FROM ${src} WHERE trim(ltla_code) <> trim(utla_code)`,
      },
    ];
  },
};

// ---- (f) DfE statistical neighbours (long) -> comparator_groups -----------------------------------

export const DFE_NEIGHBOURS_SOURCE = "DfE statistical neighbours (children's services)";

const dfeNeighbours: KnownFormat = {
  id: 'dfe-statistical-neighbours-long',
  title: "DfE children's services statistical neighbours (long, with ONS codes)",
  headers: ['la_number', 'la_code', 'rank', 'neighbour_la_number', 'neighbour_la_code'],
  produces: ['comparator_groups'],
  areaColumn: 'la_code',
  explanation:
    "This is the DfE children's services statistical neighbours list: each local authority's ten most similar authorities, in rank order, become its comparator group.",
  transform(raw, columns) {
    const col = columnFinder(columns);
    return [
      {
        table: 'comparator_groups',
        select: `SELECT ${recodeAreaSql('la_code')} AS area_code, ${recodeAreaSql('neighbour_la_code')} AS neighbour_code,
                        ${integerSql('rank')} AS rank, ${quoteLiteral(DFE_NEIGHBOURS_SOURCE)} AS source,
                        CAST(${col('closeness')} AS VARCHAR) AS closeness
                 FROM ${from(raw)} WHERE la_code IS NOT NULL AND neighbour_la_code IS NOT NULL`,
      },
    ];
  },
  skips() {
    return [
      {
        where: 'la_code IS NULL OR neighbour_la_code IS NULL',
        reason: 'have no ONS code for the area or its neighbour',
      },
    ];
  },
};

// ---- (f2) DfE statistical neighbours as published (wide: SN1, SNP, ... SN10) -> comparator_groups

/**
 * DfE 3-digit LA numbers to ONS codes, for the authorities in the April 2021 neighbour groups
 * (the same codes the long, derived file carries; pre-2019 Bournemouth/Poole and pre-2021
 * Northamptonshire keep their old codes, which the checks report as retired).
 */
export const DFE_LA_NUMBER_TO_CODE: Readonly<Record<string, string>> = {
  201: 'E09000001',
  202: 'E09000007',
  203: 'E09000011',
  204: 'E09000012',
  205: 'E09000013',
  206: 'E09000019',
  207: 'E09000020',
  208: 'E09000022',
  209: 'E09000023',
  210: 'E09000028',
  211: 'E09000030',
  212: 'E09000032',
  213: 'E09000033',
  301: 'E09000002',
  302: 'E09000003',
  303: 'E09000004',
  304: 'E09000005',
  305: 'E09000006',
  306: 'E09000008',
  307: 'E09000009',
  308: 'E09000010',
  309: 'E09000014',
  310: 'E09000015',
  311: 'E09000016',
  312: 'E09000017',
  313: 'E09000018',
  314: 'E09000021',
  315: 'E09000024',
  316: 'E09000025',
  317: 'E09000026',
  318: 'E09000027',
  319: 'E09000029',
  320: 'E09000031',
  330: 'E08000025',
  331: 'E08000026',
  332: 'E08000027',
  333: 'E08000028',
  334: 'E08000029',
  335: 'E08000030',
  336: 'E08000031',
  340: 'E08000011',
  341: 'E08000012',
  342: 'E08000013',
  343: 'E08000014',
  344: 'E08000015',
  350: 'E08000001',
  351: 'E08000002',
  352: 'E08000003',
  353: 'E08000004',
  354: 'E08000005',
  355: 'E08000006',
  356: 'E08000007',
  357: 'E08000008',
  358: 'E08000009',
  359: 'E08000010',
  370: 'E08000016',
  371: 'E08000017',
  372: 'E08000018',
  373: 'E08000019',
  380: 'E08000032',
  381: 'E08000033',
  382: 'E08000034',
  383: 'E08000035',
  384: 'E08000036',
  390: 'E08000037',
  391: 'E08000021',
  392: 'E08000022',
  393: 'E08000023',
  394: 'E08000024',
  420: 'E06000053',
  800: 'E06000022',
  801: 'E06000023',
  802: 'E06000024',
  803: 'E06000025',
  805: 'E06000001',
  806: 'E06000002',
  807: 'E06000003',
  808: 'E06000004',
  810: 'E06000010',
  811: 'E06000011',
  812: 'E06000012',
  813: 'E06000013',
  815: 'E06000065',
  816: 'E06000014',
  821: 'E06000032',
  822: 'E06000055',
  823: 'E06000056',
  825: 'E06000060',
  826: 'E06000042',
  830: 'E10000007',
  831: 'E06000015',
  835: 'E10000009',
  836: 'E06000029',
  837: 'E06000028',
  838: 'E06000059',
  839: 'E06000058',
  840: 'E06000047',
  841: 'E06000005',
  845: 'E10000011',
  846: 'E06000043',
  850: 'E10000014',
  851: 'E06000044',
  852: 'E06000045',
  855: 'E10000018',
  856: 'E06000016',
  857: 'E06000017',
  860: 'E10000028',
  861: 'E06000021',
  865: 'E06000054',
  866: 'E06000030',
  867: 'E06000036',
  868: 'E06000040',
  869: 'E06000037',
  870: 'E06000038',
  871: 'E06000039',
  872: 'E06000041',
  873: 'E10000003',
  874: 'E06000031',
  876: 'E06000006',
  877: 'E06000007',
  878: 'E10000008',
  879: 'E06000026',
  880: 'E06000027',
  881: 'E10000012',
  882: 'E06000033',
  883: 'E06000034',
  884: 'E06000019',
  885: 'E10000034',
  886: 'E10000016',
  887: 'E06000035',
  888: 'E10000017',
  889: 'E06000008',
  890: 'E06000009',
  891: 'E10000024',
  892: 'E06000018',
  893: 'E06000051',
  894: 'E06000020',
  895: 'E06000049',
  896: 'E06000050',
  908: 'E06000052',
  909: 'E10000006',
  916: 'E10000013',
  919: 'E10000015',
  921: 'E06000046',
  925: 'E10000019',
  926: 'E10000020',
  928: 'E10000021',
  929: 'E06000057',
  931: 'E10000025',
  933: 'E06000066',
  935: 'E10000029',
  936: 'E10000030',
  937: 'E10000031',
  938: 'E10000032',
  940: 'E06000061',
  941: 'E06000062',
};

function dfeCodeSql(expr: string): string {
  const whens = Object.entries(DFE_LA_NUMBER_TO_CODE)
    .map(([n, code]) => `WHEN ${quoteLiteral(n)} THEN ${quoteLiteral(code)}`)
    .join(' ');
  // Recoded like every other area code (Barnsley and Sheffield's 2021 codes).
  return recodeAreaSql(`(CASE CAST(TRY_CAST(${expr} AS INTEGER) AS VARCHAR) ${whens} END)`);
}

const dfeNeighboursWide: KnownFormat = {
  id: 'dfe-statistical-neighbours-wide',
  title:
    "DfE children's services statistical neighbours (as published: one row per authority, SN1-SN10)",
  headers: ['LA num', 'LA Name', 'GOReg', 'SN1', 'SN2', 'SN10'],
  produces: ['comparator_groups'],
  explanation:
    "This is the DfE children's services statistical neighbours table as DfE publishes it: each authority's ten most similar authorities (SN1 to SN10, with their closeness in the SNP column after each) become its comparator group. DfE's 3-digit LA numbers are turned into ONS codes.",
  transform(raw, columns) {
    const col = columnFinder(columns);
    // DuckDB names the repeated "SNP" headers SNP, SNP_1, ... SNP_9 in file order.
    const ranks = Array.from({ length: 10 }, (_, i) => i + 1);
    const parts = ranks.map(
      (
        k,
      ) => `SELECT ${dfeCodeSql(col('LA num'))} AS area_code, ${dfeCodeSql(col(`SN${k}`))} AS neighbour_code,
                     ${k} AS rank, CAST(${col(k === 1 ? 'SNP' : `SNP_${k - 1}`)} AS VARCHAR) AS closeness
              FROM ${from(raw)}`,
    );
    return [
      {
        table: 'comparator_groups',
        select: `SELECT area_code, neighbour_code, rank, ${quoteLiteral(DFE_NEIGHBOURS_SOURCE)} AS source, closeness
                 FROM (${parts.join(' UNION ALL ')}) WHERE area_code IS NOT NULL AND neighbour_code IS NOT NULL`,
      },
    ];
  },
  skips(raw, columns) {
    const col = columnFinder(columns);
    return [
      {
        where: `${dfeCodeSql(col('LA num'))} IS NULL`,
        reason: 'have an LA number with no ONS code',
        listColumn: 'LA Name',
      },
    ];
  },
};

// ---- (g) ONS SDG 3.5.1 alcohol: prevalence, treatment, met need ---------------------------------

/**
 * The SDG file's "people in treatment" is everyone in treatment for alcohol as used for the
 * alcohol met-need measure; it is not split into "alcohol only" and "non-opiate and alcohol",
 * so it gets its own group, `alcohol_all`, which is never added to the four NDTMS groups.
 */
export const ALCOHOL_ALL_GROUP = 'alcohol_all';

/**
 * The SDG file leaves GeoCode empty for the counties and a few unitaries (codes of 2010-2019,
 * the years it covers): filled in from the name. Combined or discontinued areas stay out.
 */
export const SDG_CODES_BY_NAME: Readonly<Record<string, string>> = {
  'Bristol, City of': 'E06000023',
  'Herefordshire, County of': 'E06000019',
  'Kingston upon Hull, City of': 'E06000010',
  Buckinghamshire: 'E10000002',
  Cambridgeshire: 'E10000003',
  Cumbria: 'E10000006',
  Derbyshire: 'E10000007',
  Devon: 'E10000008',
  Dorset: 'E10000009',
  'East Sussex': 'E10000011',
  Essex: 'E10000012',
  Gloucestershire: 'E10000013',
  Hampshire: 'E10000014',
  Hertfordshire: 'E10000015',
  Kent: 'E10000016',
  Lancashire: 'E10000017',
  Leicestershire: 'E10000018',
  Lincolnshire: 'E10000019',
  Norfolk: 'E10000020',
  Northamptonshire: 'E10000021',
  'North Yorkshire': 'E10000023',
  Nottinghamshire: 'E10000024',
  Oxfordshire: 'E10000025',
  Somerset: 'E10000027',
  Staffordshire: 'E10000028',
  Suffolk: 'E10000029',
  Surrey: 'E10000030',
  Warwickshire: 'E10000031',
  'West Sussex': 'E10000032',
  Worcestershire: 'E10000034',
};

function sdgCodeSql(): string {
  const whens = Object.entries(SDG_CODES_BY_NAME)
    .map(([name, code]) => `WHEN ${quoteLiteral(name)} THEN ${quoteLiteral(code)}`)
    .join(' ');
  return `COALESCE(NULLIF(trim(CAST(GeoCode AS VARCHAR)), ''), CASE trim("Local Authority") ${whens} END)`;
}

const sdgAlcohol: KnownFormat = {
  id: 'ons-sdg-3-5-1-alcohol',
  title: 'ONS SDG 3.5.1 alcohol dependence: prevalence, treatment and met need',
  headers: ['Year', 'Series', 'Units', 'Local Authority', 'GeoCode', 'Value'],
  produces: ['prevalence', 'treatment'],
  areaColumn: 'GeoCode',
  explanation:
    'This is the ONS Sustainable Development Goal 3.5.1 alcohol file. "Alcohol - Estimated prevalence" rows become the prevalence of alcohol dependence (adults 18+, no interval in this file); ' +
    '"Alcohol - People in treatment" rows become treatment numbers in the group "alcohol_all" (everyone treated for alcohol, not split into alcohol only / non-opiate and alcohol). ' +
    '"Met need" rows are left out: the unmet-need view recalculates them from the other two. Counties have no code in this file; their codes are filled in from their names.',
  transform(raw) {
    const src = `(SELECT *, ${sdgCodeSql()} AS code FROM ${from(raw)})`;
    const common = `${recodeAreaSql('code')} AS area_code, ${normalisePeriodSql('Year')} AS period`;
    return [
      {
        table: 'prevalence',
        select: `SELECT ${common}, 'alcohol_dependence' AS measure, ${numberSql('Value')} AS estimate, '18+' AS age_range
                 FROM ${src} WHERE Series = 'Alcohol - Estimated prevalence' AND code IS NOT NULL`,
      },
      {
        table: 'treatment',
        select: `SELECT ${common}, ${quoteLiteral(ALCOHOL_ALL_GROUP)} AS substance_group, ${numberSql('Value')} AS in_treatment
                 FROM ${src} WHERE Series = 'Alcohol - People in treatment' AND code IS NOT NULL`,
      },
    ];
  },
  skips() {
    return [
      {
        where: "Series = 'Alcohol - Met need'",
        reason: 'are "met need" percentages (the unmet-need view recalculates them)',
      },
      {
        where: `Series <> 'Alcohol - Met need' AND ${sdgCodeSql()} IS NULL`,
        reason: 'have no area code and are not a single current area',
        listColumn: 'Local Authority',
      },
    ];
  },
};

// ---- (h) ESP2013 -> standard_population ---------------------------------------------------------

const esp2013: KnownFormat = {
  id: 'esp2013-schemes',
  title: 'European Standard Population 2013 (several band schemes)',
  headers: ['scheme', 'ageband', 'age_from', 'age_to', 'weight'],
  produces: ['standard_population'],
  explanation:
    'This is the European Standard Population 2013. Only the 19-band scheme (0-4 ... 85-89, 90+) that ONS and OHID use for drug death rates is loaded; the other schemes in the file are left out.',
  transform(raw) {
    return [
      {
        table: 'standard_population',
        select: `SELECT ${normaliseAgeBandSql('ageband')} AS age_band, ${integerSql('age_from')} AS age_from,
                        ${integerSql('age_to')} AS age_to, ${numberSql('weight')} AS weight, CAST(scheme AS VARCHAR) AS scheme
                 FROM ${from(raw)} WHERE scheme = 'ESP2013_19band'`,
      },
    ];
  },
  skips() {
    return [
      {
        where: "scheme <> 'ESP2013_19band'",
        reason: 'belong to other ESP2013 band schemes (21- or 18-band)',
      },
    ];
  },
};

export const KNOWN_FORMATS: readonly KnownFormat[] = [
  fingertips,
  onsDeaths3yr,
  onsDeathsAnnual,
  onsMyeLong,
  onsMyeWide,
  areaLookup,
  onsLtlaUtla,
  dfeNeighbours,
  dfeNeighboursWide,
  sdgAlcohol,
  esp2013,
];

/** The first known format whose signature headers are all among the raw headers. */
export function matchKnownFormat(columns: string[]): KnownFormat | undefined {
  const keys = new Set(columns.map(headerKey));
  return KNOWN_FORMATS.find((f) => f.headers.every((h) => keys.has(headerKey(h))));
}

export function knownFormatById(id: string): KnownFormat | undefined {
  return KNOWN_FORMATS.find((f) => f.id === id);
}
