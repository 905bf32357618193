/** The cells "Load demo data" adds: what the data is, a first query to adapt, and the four views. */
export const DEMO_FOCAL_AREA = 'E06000031'; // Peterborough

/** Drug deaths start from the real ONS published rates; the other views use the synthetic data. */
export const DEMO_VIEWS = [
  { viewId: 'drug-deaths', options: { source: 'published' } },
  { viewId: 'unmet-need', options: {} },
  { viewId: 'cjs-treatment', options: {} },
  // Compares the areas on the drug deaths figures the first view saves as indicators.
  { viewId: 'la-comparison', options: { indicator: 'drug_misuse_deaths_asr' } },
] as const;

export const DEMO_TEXT = `## Demo: a drug and alcohol needs assessment for {{focal_area_name}}

Real public data is loaded and mapped into the tables the views read:

- **areas**, **population**, **standard_population** and **comparator_groups**: the April 2023 local authority lookup, ONS mid-year population estimates 2019-2021, the 2013 European Standard Population and the DfE statistical neighbours.
- **deaths**: ONS deaths related to drug poisoning and from drug misuse by local authority, 3-year pooled periods, with the published age-standardised rates. \`:\` means *not calculated*; \`u\` flags low reliability (fewer than 20 deaths).
- **indicators**: a real Fingertips export (common mental disorders), to show the local authority comparison.

**SYNTHETIC** training data fills the rest (prevalence, treatment, criminal justice referrals, continuity of care and deaths by age): generated, not real people, and labelled wherever it is shown.

Change the focal area above the notebook and every view follows. The SQL cell below queries the canonical tables directly (**Run**, or Ctrl+Enter in the editor).`;

export const DEMO_SQL = `-- Deaths from drug misuse, 2019-21, upper-tier local authorities in England, highest rate first
SELECT d.area_code, a.area_name, d.deaths, d.published_rate, d.published_lower_95, d.published_upper_95, d.published_flag
FROM deaths d JOIN areas a ON a.area_code = d.area_code AND a.area_type = 'UTLA'
WHERE d.measure = 'drug_misuse' AND d.sex = 'Persons' AND d.period = '2019-21' AND d.age_band = 'All ages'
ORDER BY d.published_rate DESC NULLS LAST
LIMIT 20;`;
