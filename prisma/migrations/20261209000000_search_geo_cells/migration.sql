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

-- Backfill from the stored rows (no reindex), as 20261207210000 did: without the indexes a plain heap write, then one
-- sorted build of each (same definitions as there).
DROP INDEX IF EXISTS "search_document_tsv_gin";
DROP INDEX IF EXISTS "search_document_position_gist";
UPDATE "search_document" SET "tsv" = "tsv" || muster_geo_cells("lat", "lng") WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL;
SET maintenance_work_mem = '512MB';
CREATE INDEX "search_document_tsv_gin" ON "search_document" USING gin ("tsv") WITH (fastupdate = off);
CREATE INDEX "search_document_position_gist" ON "search_document" USING gist (muster_ll_to_earth("lat", "lng"))
  WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL;
RESET maintenance_work_mem;
ANALYZE "search_document";
