-- areas
SELECT area_code, count(*) AS n FROM treatment_episodes WHERE start_date IS NOT NULL GROUP BY area_code
-- params: []

-- extract
SELECT strftime(max(greatest(CAST(start_date AS DATE), COALESCE(CAST(discharge_date AS DATE), CAST(start_date AS DATE)))), '%Y-%m-%d') AS d
       FROM treatment_episodes
-- params: []

-- episodes
SELECT area_code, CAST(client_id AS VARCHAR) AS client_id, CAST(age AS INTEGER) AS age,
              (CASE WHEN list_has_any(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), ['heroin', 'methadone', 'illicit methadone', 'street methadone', 'buprenorphine', 'opiate', 'opiates', 'other opiate', 'other opiates', 'opioid', 'opioids', 'other opioids', 'morphine', 'diamorphine', 'codeine', 'dihydrocodeine', 'fentanyl', 'tramadol', 'oxycodone', 'pethidine', 'nitazenes', 'nitazene']) THEN 'opiate'
    WHEN len(list_filter(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), lambda s: NOT list_contains(['alcohol', 'nicotine', 'tobacco', 'none', 'unknown', 'not stated', ''], s))) > 0 AND list_contains(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), 'alcohol') THEN 'non_opiate_and_alcohol'
    WHEN len(list_filter(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), lambda s: NOT list_contains(['alcohol', 'nicotine', 'tobacco', 'none', 'unknown', 'not stated', ''], s))) > 0 THEN 'non_opiate_only'
    WHEN list_contains(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), 'alcohol') THEN 'alcohol_only' END) AS substance_group,
              strftime(CAST(start_date AS DATE), '%Y-%m-%d') AS start_date,
              strftime(CAST(discharge_date AS DATE), '%Y-%m-%d') AS discharge_date,
              CAST(discharge_reason AS VARCHAR) AS discharge_reason
       FROM treatment_episodes WHERE area_code IN (?) AND start_date IS NOT NULL
       ORDER BY client_id, start_date
-- params: ["E06000031"]

-- episodesOfGroup
SELECT area_code, CAST(client_id AS VARCHAR) AS client_id, CAST(age AS INTEGER) AS age,
              (CASE WHEN list_has_any(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), ['heroin', 'methadone', 'illicit methadone', 'street methadone', 'buprenorphine', 'opiate', 'opiates', 'other opiate', 'other opiates', 'opioid', 'opioids', 'other opioids', 'morphine', 'diamorphine', 'codeine', 'dihydrocodeine', 'fentanyl', 'tramadol', 'oxycodone', 'pethidine', 'nitazenes', 'nitazene']) THEN 'opiate'
    WHEN len(list_filter(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), lambda s: NOT list_contains(['alcohol', 'nicotine', 'tobacco', 'none', 'unknown', 'not stated', ''], s))) > 0 AND list_contains(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), 'alcohol') THEN 'non_opiate_and_alcohol'
    WHEN len(list_filter(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), lambda s: NOT list_contains(['alcohol', 'nicotine', 'tobacco', 'none', 'unknown', 'not stated', ''], s))) > 0 THEN 'non_opiate_only'
    WHEN list_contains(list_filter(list_transform(string_split(lower(COALESCE(CAST(substances AS VARCHAR), '')), ';'), lambda s: trim(s)), lambda s: s <> ''), 'alcohol') THEN 'alcohol_only' END) AS substance_group,
              strftime(CAST(start_date AS DATE), '%Y-%m-%d') AS start_date,
              strftime(CAST(discharge_date AS DATE), '%Y-%m-%d') AS discharge_date,
              CAST(discharge_reason AS VARCHAR) AS discharge_reason
       FROM treatment_episodes WHERE area_code IN (?, ?) AND start_date IS NOT NULL
       ORDER BY client_id, start_date
-- params: ["E06000031","E06000032"]

-- aggregateAll
SELECT area_code, CAST(period AS VARCHAR) AS period, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              CASE WHEN count(CAST(in_treatment AS DOUBLE)) = count(*) THEN sum(CAST(in_treatment AS DOUBLE)) END AS in_treatment,
              CASE WHEN count(CAST(completions AS DOUBLE)) = count(*) THEN sum(CAST(completions AS DOUBLE)) END AS completions,
              sum(CAST(completions_not_representing AS DOUBLE)) AS completions_not_representing, count(completions_not_representing) = count(*) AS has_not_representing,
              sum(CAST(starts AS DOUBLE)) AS starts, count(starts) = count(*) AS has_starts,
              sum(CAST(early_unplanned_exits AS DOUBLE)) AS early_unplanned_exits, count(early_unplanned_exits) = count(*) AS has_early,
              sum(CAST(deaths_in_treatment AS DOUBLE)) AS deaths_in_treatment, count(deaths_in_treatment) = count(*) AS has_deaths
       FROM treatment_outcomes WHERE area_code IN (?, ?) GROUP BY ALL
-- params: ["E92000001","E06000031"]

-- aggregateMinimal
SELECT area_code, CAST(period AS VARCHAR) AS period, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              CASE WHEN count(CAST(in_treatment AS DOUBLE)) = count(*) THEN sum(CAST(in_treatment AS DOUBLE)) END AS in_treatment,
              CASE WHEN count(CAST(completions AS DOUBLE)) = count(*) THEN sum(CAST(completions AS DOUBLE)) END AS completions,
              CAST(NULL AS DOUBLE) AS completions_not_representing, false AS has_not_representing,
              CAST(NULL AS DOUBLE) AS starts, false AS has_starts,
              CAST(NULL AS DOUBLE) AS early_unplanned_exits, false AS has_early,
              CAST(NULL AS DOUBLE) AS deaths_in_treatment, false AS has_deaths
       FROM treatment_outcomes WHERE area_code IN (?) GROUP BY ALL
-- params: ["E92000001"]

-- fingertips
SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, area_code, CAST(period AS VARCHAR) AS period,
              CAST(value AS DOUBLE) AS value, CAST(lower_95 AS DOUBLE) AS lower_95, CAST(upper_95 AS DOUBLE) AS upper_95,
              CAST(count AS DOUBLE) AS count, CAST(denominator AS DOUBLE) AS denominator
       FROM indicators WHERE CAST(indicator_id AS VARCHAR) IN (?, ?)
         AND area_code IN (?, ?)
         AND (sex IS NULL OR sex = 'Persons')
-- params: ["90244","90245","E92000001","E06000031"]
