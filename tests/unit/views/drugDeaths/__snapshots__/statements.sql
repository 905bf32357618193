-- bandedDeathsProbe
-- params: []
SELECT count(*) AS n FROM (SELECT 1 FROM deaths WHERE lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') LIMIT 1);

-- standardPopulationQuery
-- params: []
SELECT age_band, CAST(weight AS DOUBLE) AS weight FROM standard_population;

-- populationByBandQuery (Persons)
-- params: ["E06000031","E92000001","E12000006"]
SELECT * FROM (
      SELECT area_code, CAST(year AS INTEGER) AS year, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons') AS has_persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex = 'Persons'), 0) AS persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex <> 'Persons'), 0) AS other
      FROM population WHERE area_code IN (SELECT unnest([?, ?, ?])) AND sex IN ('Persons', 'Male', 'Female') GROUP BY 1, 2, 3
    ) WHERE TRUE;

-- populationByBandQuery (Male)
-- params: ["E06000031","E92000001","E12000006","Male"]
SELECT * FROM (
      SELECT area_code, CAST(year AS INTEGER) AS year, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons') AS has_persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex = 'Persons'), 0) AS persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex <> 'Persons'), 0) AS other
      FROM population WHERE area_code IN (SELECT unnest([?, ?, ?])) AND sex = ? GROUP BY 1, 2, 3
    ) WHERE TRUE;

-- pooledRatesQuery (Persons)
-- params: ["drug_misuse","E06000031","E92000001","E12000006","E06000031","E92000001","E12000006","0-4","5-9","10-14","15-19","20-24","25-29","30-34","35-39","40-44","45-49","50-54","55-59","60-64","65-69","70-74","75-79","80-84","85-89","90+"]
WITH d AS MATERIALIZED (
       SELECT area_code, period, TRY_CAST(period AS INTEGER) AS y, age_band, CASE WHEN has_persons THEN persons ELSE other END AS deaths
       FROM (SELECT * FROM (
      SELECT area_code, CAST(period AS VARCHAR) AS period, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons' AND sex IN ('Persons', 'Male', 'Female')) AS has_persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex = 'Persons' AND sex IN ('Persons', 'Male', 'Female')), 0) AS persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex <> 'Persons' AND sex IN ('Persons', 'Male', 'Female')), 0) AS other,
             bool_or(sex IN ('Persons', 'Male', 'Female')) AS any_row
      FROM deaths WHERE measure = ? AND area_code IN (SELECT unnest([?, ?, ?])) AND age_band <> 'All ages' GROUP BY 1, 2, 3
    ) WHERE any_row AND lower(age_band) NOT IN ('all ages', 'all'))
     ),
     p AS MATERIALIZED (SELECT area_code, year, age_band, CASE WHEN has_persons THEN persons ELSE other END AS pop FROM (SELECT * FROM (
      SELECT area_code, CAST(year AS INTEGER) AS year, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons' AND sex IN ('Persons', 'Male', 'Female')) AS has_persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex = 'Persons' AND sex IN ('Persons', 'Male', 'Female')), 0) AS persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex <> 'Persons' AND sex IN ('Persons', 'Male', 'Female')), 0) AS other,
             bool_or(sex IN ('Persons', 'Male', 'Female')) AS any_row
      FROM population WHERE area_code IN (SELECT unnest([?, ?, ?])) GROUP BY 1, 2, 3
    ) WHERE any_row AND TRUE)),
     b AS (SELECT unnest([?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?]) AS band, unnest(range(19)) AS i),
     ok AS (
       SELECT (SELECT coalesce(bool_and(coalesce(regexp_full_match(period, '[0-9]{4}'), false)
                        AND age_band IN (SELECT band FROM b)), true) FROM d) AS deaths_ok,
              (SELECT coalesce(bool_and(year IS NOT NULL AND coalesce(age_band IN (SELECT band FROM b), false)), true) FROM p) AS pop_ok
     ),
     ends AS (
       SELECT DISTINCT y AS e FROM d
       WHERE y - 1 IN (SELECT y FROM d) AND y - 2 IN (SELECT y FROM d)
     ),
     pd AS (
       SELECT d.area_code, ends.e, d.age_band,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 2) AS d0,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 1) AS d1,
              max(d.deaths) FILTER (WHERE d.y = ends.e) AS d2
       FROM d JOIN ends ON d.y BETWEEN ends.e - 2 AND ends.e
       GROUP BY ALL
     ),
     g AS (SELECT DISTINCT area_code, e FROM pd)
     SELECT g.area_code, g.e, b.i,
            coalesce(pd.d0, 0) + coalesce(pd.d1, 0) + coalesce(pd.d2, 0) AS deaths,
            p0.pop + p1.pop + p2.pop AS population,
            ok.deaths_ok AND ok.pop_ok AS ok
     FROM g CROSS JOIN b CROSS JOIN ok
     LEFT JOIN pd ON pd.area_code = g.area_code AND pd.e = g.e AND pd.age_band = b.band
     LEFT JOIN p p0 ON p0.area_code = g.area_code AND p0.year = g.e - 2 AND p0.age_band = b.band
     LEFT JOIN p p1 ON p1.area_code = g.area_code AND p1.year = g.e - 1 AND p1.age_band = b.band
     LEFT JOIN p p2 ON p2.area_code = g.area_code AND p2.year = g.e AND p2.age_band = b.band
     ORDER BY g.e, g.area_code, b.i;

-- pooledRatesQuery (Female)
-- params: ["drug_misuse","E06000031","E92000001","E12000006","E06000031","E92000001","E12000006","0-4","5-9","10-14","15-19","20-24","25-29","30-34","35-39","40-44","45-49","50-54","55-59","60-64","65-69","70-74","75-79","80-84","85-89","90+"]
WITH d AS MATERIALIZED (
       SELECT area_code, period, TRY_CAST(period AS INTEGER) AS y, age_band, CASE WHEN has_persons THEN persons ELSE other END AS deaths
       FROM (SELECT * FROM (
      SELECT area_code, CAST(period AS VARCHAR) AS period, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons' AND sex = 'Female') AS has_persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex = 'Persons' AND sex = 'Female'), 0) AS persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex <> 'Persons' AND sex = 'Female'), 0) AS other,
             bool_or(sex = 'Female') AS any_row
      FROM deaths WHERE measure = ? AND area_code IN (SELECT unnest([?, ?, ?])) AND age_band <> 'All ages' GROUP BY 1, 2, 3
    ) WHERE any_row AND lower(age_band) NOT IN ('all ages', 'all'))
     ),
     p AS MATERIALIZED (SELECT area_code, year, age_band, CASE WHEN has_persons THEN persons ELSE other END AS pop FROM (SELECT * FROM (
      SELECT area_code, CAST(year AS INTEGER) AS year, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons' AND sex = 'Female') AS has_persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex = 'Persons' AND sex = 'Female'), 0) AS persons,
             coalesce(sum(CAST(population AS DOUBLE)) FILTER (WHERE sex <> 'Persons' AND sex = 'Female'), 0) AS other,
             bool_or(sex = 'Female') AS any_row
      FROM population WHERE area_code IN (SELECT unnest([?, ?, ?])) GROUP BY 1, 2, 3
    ) WHERE any_row AND TRUE)),
     b AS (SELECT unnest([?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?]) AS band, unnest(range(19)) AS i),
     ok AS (
       SELECT (SELECT coalesce(bool_and(coalesce(regexp_full_match(period, '[0-9]{4}'), false)
                        AND age_band IN (SELECT band FROM b)), true) FROM d) AS deaths_ok,
              (SELECT coalesce(bool_and(year IS NOT NULL AND coalesce(age_band IN (SELECT band FROM b), false)), true) FROM p) AS pop_ok
     ),
     ends AS (
       SELECT DISTINCT y AS e FROM d
       WHERE y - 1 IN (SELECT y FROM d) AND y - 2 IN (SELECT y FROM d)
     ),
     pd AS (
       SELECT d.area_code, ends.e, d.age_band,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 2) AS d0,
              max(d.deaths) FILTER (WHERE d.y = ends.e - 1) AS d1,
              max(d.deaths) FILTER (WHERE d.y = ends.e) AS d2
       FROM d JOIN ends ON d.y BETWEEN ends.e - 2 AND ends.e
       GROUP BY ALL
     ),
     g AS (SELECT DISTINCT area_code, e FROM pd)
     SELECT g.area_code, g.e, b.i,
            coalesce(pd.d0, 0) + coalesce(pd.d1, 0) + coalesce(pd.d2, 0) AS deaths,
            p0.pop + p1.pop + p2.pop AS population,
            ok.deaths_ok AND ok.pop_ok AS ok
     FROM g CROSS JOIN b CROSS JOIN ok
     LEFT JOIN pd ON pd.area_code = g.area_code AND pd.e = g.e AND pd.age_band = b.band
     LEFT JOIN p p0 ON p0.area_code = g.area_code AND p0.year = g.e - 2 AND p0.age_band = b.band
     LEFT JOIN p p1 ON p1.area_code = g.area_code AND p1.year = g.e - 1 AND p1.age_band = b.band
     LEFT JOIN p p2 ON p2.area_code = g.area_code AND p2.year = g.e AND p2.age_band = b.band
     ORDER BY g.e, g.area_code, b.i;

-- bandedDeathsQuery (Persons)
-- params: ["drug_misuse","E06000031","E92000001","E12000006"]
SELECT * FROM (
      SELECT area_code, CAST(period AS VARCHAR) AS period, CAST(age_band AS VARCHAR) AS age_band, bool_or(sex = 'Persons') AS has_persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex = 'Persons'), 0) AS persons,
             coalesce(sum(CAST(deaths AS DOUBLE)) FILTER (WHERE sex <> 'Persons'), 0) AS other
      FROM deaths WHERE measure = ? AND area_code IN (SELECT unnest([?, ?, ?])) AND sex IN ('Persons', 'Male', 'Female') AND age_band <> 'All ages' GROUP BY 1, 2, 3
    ) WHERE lower(age_band) NOT IN ('all ages', 'all') ORDER BY area_code, period, age_band;

-- summedDeathsQuery (Male)
-- params: ["drug_poisoning","E06000031","E92000001","E12000006","Male"]
SELECT CAST(period AS VARCHAR) AS period, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(deaths AS DOUBLE)) AS deaths, count(DISTINCT area_code) AS n, count(*) - count(deaths) AS suppressed
           FROM deaths WHERE measure = ? AND area_code IN (?, ?, ?) AND sex = ?
             AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all')
           GROUP BY ALL;

-- deathsCoverageQuery
-- params: ["drug_misuse","E06000031","E92000001","E12000006"]
SELECT count(DISTINCT area_code) AS n FROM deaths WHERE measure = ? AND area_code IN (?, ?, ?);

-- suppressedBandsQuery (Female)
-- params: ["drug_misuse","E06000031","E92000001","E12000006","Female"]
SELECT DISTINCT area_code, CAST(period AS VARCHAR) AS period FROM deaths
           WHERE measure = ? AND area_code IN (?, ?, ?) AND sex = ?
             AND lower(CAST(age_band AS VARCHAR)) NOT IN ('all ages', 'all') AND deaths IS NULL
           ORDER BY 1, 2;

-- deathRecordsQuery (misuse)
-- params: ["E06000031","E92000001","E12000006","(heroin|diamorphine|morphine|methadone|buprenorphine|fentanyl|carfentanil|nitazene|oxycodone|codeine|dihydrocodeine|tramadol|tapentadol|pethidine|opiate|opioid|cocaine|crack|amphetamine|methamphetamine|mdma|ecstasy|cannabis|cannabinoid|spice|ketamine|mephedrone|cathinone|ghb|gbl|lsd|benzodiazepine|diazepam|alprazolam|etizolam|bromazolam|temazepam|nitrazepam|lorazepam|pregabalin|gabapentin|zopiclone|zolpidem)"]
WITH d AS (
         SELECT area_code, year(CAST(date_of_registration AS DATE)) AS y,
                CASE WHEN age IS NULL THEN NULL WHEN age >= 90 THEN '90+'
                     ELSE CAST(floor(age / 5) * 5 AS INTEGER) || '-' || CAST(floor(age / 5) * 5 + 4 AS INTEGER) END AS band,
                CASE WHEN known_to_treatment IS NULL THEN NULL WHEN lower(CAST(known_to_treatment AS VARCHAR)) IN ('true','t','1','yes','y') THEN 1 ELSE 0 END AS known
         FROM death_records
         WHERE area_code IN (?, ?, ?) AND TRUE AND regexp_matches(lower(coalesce(CAST(substances AS VARCHAR), '')), ?)
       )
       SELECT area_code, CAST(y AS VARCHAR) AS period, band, count(*) AS deaths, sum(known) AS known, count(known) AS known_n
       FROM d WHERE y IS NOT NULL GROUP BY ALL;

-- deathRecordsQuery (poisoning)
-- params: ["E06000031","E92000001","E12000006","Male"]
WITH d AS (
         SELECT area_code, year(CAST(date_of_registration AS DATE)) AS y,
                CASE WHEN age IS NULL THEN NULL WHEN age >= 90 THEN '90+'
                     ELSE CAST(floor(age / 5) * 5 AS INTEGER) || '-' || CAST(floor(age / 5) * 5 + 4 AS INTEGER) END AS band,
                NULL AS known
         FROM death_records
         WHERE area_code IN (?, ?, ?) AND sex = ? AND TRUE
       )
       SELECT area_code, CAST(y AS VARCHAR) AS period, band, count(*) AS deaths, sum(known) AS known, count(known) AS known_n
       FROM d WHERE y IS NOT NULL GROUP BY ALL;

-- publishedRatesQuery
-- params: ["drug_misuse","Persons","E06000031","E92000001","E12000006"]
SELECT area_code, CAST(period AS VARCHAR) AS period, sum(CAST(deaths AS DOUBLE)) AS deaths,
              any_value(CAST(published_rate AS DOUBLE)) AS rate, any_value(CAST(NULL AS DOUBLE)) AS lower,
              any_value(CAST(NULL AS DOUBLE)) AS upper, any_value(CAST(NULL AS VARCHAR)) AS flag
       FROM deaths
       WHERE measure = ? AND sex = ? AND area_code IN (?, ?, ?)
         AND (age_band IS NULL OR lower(CAST(age_band AS VARCHAR)) IN ('all ages', 'all'))
       GROUP BY ALL;
