/** ONS area lookups (LTLA → UTLA, with or without regions) → areas. */
import { recodeAreaSql } from './normalise';
import { type KnownFormat, from } from './formatTypes';

// ---- (e0) ONS LTLA23 -> UTLA23 lookup (no regions) -> areas --------------------------------------

export const onsLtlaUtla: KnownFormat = {
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

export const areaLookup: KnownFormat = {
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
