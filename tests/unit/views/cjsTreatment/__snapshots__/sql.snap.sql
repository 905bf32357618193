-- periods
SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM cjs_treatment
-- params: []

-- cellsWithPublished
SELECT area_code, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              CASE WHEN count(CAST(count AS DOUBLE)) = count(*) THEN sum(CAST(count AS DOUBLE)) END AS count,
              count(count) AS n, max(CAST(published_total AS DOUBLE)) AS published_total, min(CAST(published_total AS DOUBLE)) AS published_total_min
       FROM cjs_treatment WHERE CAST(period AS VARCHAR) = ? GROUP BY ALL
-- params: ["2020/21"]

-- cellsWithoutPublished
SELECT area_code, lower(CAST(substance_group AS VARCHAR)) AS substance_group,
              CASE WHEN count(CAST(count AS DOUBLE)) = count(*) THEN sum(CAST(count AS DOUBLE)) END AS count,
              count(count) AS n, max(CAST(NULL AS DOUBLE)) AS published_total, min(CAST(NULL AS DOUBLE)) AS published_total_min
       FROM cjs_treatment WHERE CAST(period AS VARCHAR) = ? GROUP BY ALL
-- params: ["2020/21"]

-- inTreatment
SELECT area_code, CASE WHEN count(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) NOT IN ('all', 'total')) = count(*) FILTER (WHERE lower(substance_group) NOT IN ('all', 'total')) THEN sum(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) NOT IN ('all', 'total')) END AS parts,
                CASE WHEN count(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) IN ('all', 'total')) = count(*) FILTER (WHERE lower(substance_group) IN ('all', 'total')) THEN sum(CAST(in_treatment AS DOUBLE)) FILTER (WHERE lower(substance_group) IN ('all', 'total')) END AS total
         FROM treatment WHERE CAST(period AS VARCHAR) = ? AND area_code IN (?, ?) GROUP BY area_code
-- params: ["2020/21","E06000010","E06000011"]

-- populationYears
SELECT DISTINCT CAST(year AS INTEGER) AS y FROM population ORDER BY y
-- params: []

-- population
SELECT area_code, sex, CAST(age_band AS VARCHAR) AS age_band, sum(CAST(population AS DOUBLE)) AS population
       FROM population WHERE area_code IN (?, ?) AND CAST(year AS INTEGER) = ? GROUP BY ALL
-- params: ["E06000010","E06000011",2020]

-- continuityPeriods
SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM continuity_of_care
-- params: []

-- continuity
SELECT area_code, sum(CAST(released_with_need AS DOUBLE)) AS released, sum(CAST(engaged_within_3_weeks AS DOUBLE)) AS engaged, count(*) AS n
         FROM continuity_of_care WHERE CAST(period AS VARCHAR) = ? AND area_code IN (?, ?) GROUP BY area_code
-- params: ["2020/21","E06000010","E06000011"]
