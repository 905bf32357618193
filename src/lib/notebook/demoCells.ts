/** The cells "Load demo data" adds: what the data is and a first query to adapt. */
export const DEMO_TEXT = `## Demo: deaths from drug misuse by local authority

Two real public tables are loaded:

- **ons_drug_deaths_by_la_3yr_asr_2001_2021**: ONS deaths related to drug poisoning and deaths from drug misuse, by local authority, 3-year pooled periods (age-standardised rate per 100,000, ESP2013, with 95% confidence intervals). \`:\` in the file means *not calculated* and is read as missing; \`U\` flags low reliability (fewer than 20 deaths).
- **derived_england_ltla_utla_region_lookup_2023plus**: which district belongs to which upper-tier local authority and region.

Run the SQL cell below (**Run**, or Ctrl+Enter in the editor), change the period or the measure, then add a chart cell to draw the result.`;

export const DEMO_SQL = `-- Deaths from drug misuse, 2019-21, upper-tier local authorities in England, highest rate first
SELECT area_code, area_name, deaths, asr_per_100k, lcl95, ucl95, rate_flag
FROM ons_drug_deaths_by_la_3yr_asr_2001_2021
WHERE measure = 'drug_misuse' AND sex = 'Persons' AND period = '2019-21'
  AND area_code IN (SELECT DISTINCT utla_code FROM derived_england_ltla_utla_region_lookup_2023plus)
ORDER BY asr_per_100k DESC NULLS LAST
LIMIT 20;`;
