/** ONS SDG 3.5.1 alcohol: prevalence, treatment and met need. */
import { quoteLiteral } from '../engine/sql';
import { normalisePeriodSql, numberSql, recodeAreaSql } from './normalise';
import { type KnownFormat, from } from './formatTypes';

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

export const sdgAlcohol: KnownFormat = {
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
