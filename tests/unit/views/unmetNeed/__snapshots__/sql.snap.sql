-- prevalencePeriods
SELECT DISTINCT measure, CAST(period AS VARCHAR) AS p FROM prevalence WHERE measure IN (?, ?)
-- params: ["ocu","crack"]

-- prevalenceWithLimits
SELECT measure, area_code, CASE WHEN count(CAST(estimate AS DOUBLE)) = count(*) THEN sum(CAST(estimate AS DOUBLE)) END AS estimate, CASE WHEN count(CAST(lower AS DOUBLE)) = count(*) THEN sum(CAST(lower AS DOUBLE)) END AS lower, CASE WHEN count(CAST(upper AS DOUBLE)) = count(*) THEN sum(CAST(upper AS DOUBLE)) END AS upper
     FROM prevalence WHERE (measure = ? AND CAST(period AS VARCHAR) = ?) OR (measure = ? AND CAST(period AS VARCHAR) = ?)
     GROUP BY measure, area_code
-- params: ["ocu","2016/17","alcohol_dependence","2019/20"]

-- prevalenceWithoutLimits
SELECT measure, area_code, CASE WHEN count(CAST(estimate AS DOUBLE)) = count(*) THEN sum(CAST(estimate AS DOUBLE)) END AS estimate, CASE WHEN count(CAST(NULL AS DOUBLE)) = count(*) THEN sum(CAST(NULL AS DOUBLE)) END AS lower, CASE WHEN count(CAST(NULL AS DOUBLE)) = count(*) THEN sum(CAST(NULL AS DOUBLE)) END AS upper
     FROM prevalence WHERE (measure = ? AND CAST(period AS VARCHAR) = ?)
     GROUP BY measure, area_code
-- params: ["opiate","2016/17"]

-- treatmentPeriods
SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM treatment WHERE substance_group <> 'all'
-- params: []

-- treatmentCounts
SELECT area_code, CAST(period AS VARCHAR) AS period, substance_group,
            CASE WHEN count(CAST(in_treatment AS DOUBLE)) = count(*) THEN sum(CAST(in_treatment AS DOUBLE)) END AS t
     FROM treatment WHERE CAST(period AS VARCHAR) IN (?, ?) AND substance_group IN (?, ?)
     GROUP BY area_code, CAST(period AS VARCHAR), substance_group
-- params: ["2016/17","2019/20","opiate","alcohol_only"]

-- episodeBounds
SELECT CAST(max(start_date) AS VARCHAR) AS last_start FROM treatment_episodes
-- params: []

-- episodeCounts
WITH e AS (
       SELECT client_id, area_code, lower(coalesce(CAST(substances AS VARCHAR), '')) AS s
       FROM treatment_episodes
       WHERE (age IS NULL OR age >= 18)
         AND CAST(start_date AS DATE) <= CAST(? AS DATE)
         AND (CAST(discharge_date AS DATE) IS NULL OR CAST(discharge_date AS DATE) >= CAST(? AS DATE))
     ), c AS (
       SELECT area_code, client_id,
              bool_or(regexp_matches(s, ?)) AS opiate,
              bool_or(s LIKE '%crack%') AS crack,
              bool_or(s LIKE '%alcohol%') AS alcohol
       FROM e GROUP BY area_code, client_id
     )
     SELECT area_code, false AS composite, count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence
     FROM c GROUP BY area_code
-- params: ["2023-03-31","2022-04-01","(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)"]

-- episodeCountsNoDischarge
WITH e AS (
       SELECT client_id, area_code, lower(coalesce(CAST(substances AS VARCHAR), '')) AS s
       FROM treatment_episodes
       WHERE (age IS NULL OR age >= 18)
         AND CAST(start_date AS DATE) <= CAST(? AS DATE)
         AND (CAST(NULL AS DATE) IS NULL OR CAST(NULL AS DATE) >= CAST(? AS DATE))
     ), c AS (
       SELECT area_code, client_id,
              bool_or(regexp_matches(s, ?)) AS opiate,
              bool_or(s LIKE '%crack%') AS crack,
              bool_or(s LIKE '%alcohol%') AS alcohol
       FROM e GROUP BY area_code, client_id
     )
     SELECT area_code, false AS composite, count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence
     FROM c GROUP BY area_code
-- params: ["2023-03-31","2022-04-01","(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)"]

-- episodeCountsWithComposites
WITH e AS (
       SELECT client_id, area_code, lower(coalesce(CAST(substances AS VARCHAR), '')) AS s
       FROM treatment_episodes
       WHERE (age IS NULL OR age >= 18)
         AND CAST(start_date AS DATE) <= CAST(? AS DATE)
         AND (CAST(discharge_date AS DATE) IS NULL OR CAST(discharge_date AS DATE) >= CAST(? AS DATE))
     ), c AS (
       SELECT area_code, client_id,
              bool_or(regexp_matches(s, ?)) AS opiate,
              bool_or(s LIKE '%crack%') AS crack,
              bool_or(s LIKE '%alcohol%') AS alcohol
       FROM e GROUP BY area_code, client_id
     )
     SELECT area_code, false AS composite, count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence
     FROM c GROUP BY area_code
     UNION ALL
     SELECT area_code, true AS composite, count(*) FILTER (WHERE opiate) AS opiate,
            count(*) FILTER (WHERE crack) AS crack,
            count(*) FILTER (WHERE opiate OR crack) AS ocu,
            count(*) FILTER (WHERE alcohol AND NOT opiate) AS alcohol_dependence
     FROM (
       SELECT cm.composite_code AS area_code, c.client_id,
              bool_or(c.opiate) AS opiate, bool_or(c.crack) AS crack, bool_or(c.alcohol) AS alcohol
       FROM c JOIN (VALUES (?, ?), (?, ?)) AS cm(composite_code, member)
         ON c.area_code = cm.member
       GROUP BY cm.composite_code, c.client_id
     ) GROUP BY area_code
-- params: ["2023-03-31","2022-04-01","(heroin|opiate|opioid|methadone|buprenorphine|morphine|codeine|dihydrocodeine|fentanyl|tramadol|oxycodone|diamorphine|pethidine|tapentadol)","GROUP:Humberside","E06000010","GROUP:Humberside","E06000011"]
