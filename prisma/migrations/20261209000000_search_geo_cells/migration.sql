-- Geo cells in search_document.tsv: every placed document holds the lexemes of the grid cells it lies in, at
-- 1/4°, 1/16° and 1/64° (about 28, 7 and 1.7 km north-south), e.g. 'g64:2052:7602'. "These words near this point"
-- is then one GIN lookup, the title's posting lists intersected with the cells covering a circle, reading only the
-- matches there: the earlier ring scan read every document in the circle (Nanjing holds 45% of the 1M-listing
-- bench seed, so a few kilometres round its centre were tens of thousands of rows).
-- The one definition of the cells: the writer adds them with this function, queries cover circles with the next.
CREATE FUNCTION muster_geo_cells(lat float8, lng float8) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN lat IS NULL OR lng IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY(
    SELECT format('g%s:%s:%s', z, floor(lat * z)::int, floor(lng * z)::int) FROM unnest(ARRAY[4, 16, 64]) AS z)) END $$;

-- The cells of grid `z` (4, 16 or 64 per degree) that cover the circle of radius_m round a point, OR-ed: a superset
-- of the circle (its bounding box on earthdistance's sphere), so a distance test on the rows found is exact.
CREATE FUNCTION muster_geo_cover(lat float8, lng float8, radius_m float8, z int) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  WITH b AS (
    SELECT degrees(radius_m / 6378168) AS dlat,
           least(180, degrees(radius_m / 6378168) / cos(radians(least(89.9, abs(lat) + degrees(radius_m / 6378168))))) AS dlng
  )
  SELECT string_agg(format('%L', format('g%s:%s:%s', z, y, x)), ' | ')::tsquery
  FROM b, generate_series(floor((lat - b.dlat) * z)::int, floor((lat + b.dlat) * z)::int) AS y,
       generate_series(floor((lng - b.dlng) * z)::int, floor((lng + b.dlng) * z)::int) AS x $$;

-- Backfill from the stored rows (no reindex) by rewriting the table: ALTER ... TYPE ... USING writes every row once into a
-- new file and builds each index once, sorted. (An UPDATE of every row, as 20261207210000 did, leaves the old
-- versions in the table's first half; after VACUUM those pages are empty, and the search's scan of the table's first
-- rows, postgres-search-plans firstRowsSql, then walked half the table before its first live row: 30 → 95 ms.)
SET maintenance_work_mem = '512MB';
ALTER TABLE "search_document" ALTER COLUMN "tsv" TYPE tsvector USING "tsv" || muster_geo_cells("lat", "lng");
RESET maintenance_work_mem;
ANALYZE "search_document";
