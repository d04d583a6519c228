-- The cells of a circle's cover, one row each (muster_geo_cover OR-s the same cells), and the cells a wider circle's
-- cover adds to a narrower one's on the same grid: a search near a point reads ring after ring, and each ring then
-- looks up only the cells it adds (postgres-search-plans ringsSql), not again those the rings before it read.
CREATE FUNCTION muster_geo_cover_cells(lat float8, lng float8, radius_m float8, z int) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  WITH b AS (
    SELECT degrees(radius_m / 6378168) AS dlat,
           least(180, degrees(radius_m / 6378168) / cos(radians(least(89.9, abs(lat) + degrees(radius_m / 6378168))))) AS dlng
  )
  SELECT format('g%s:%s:%s', z, y, x)
  FROM b, generate_series(floor((lat - b.dlat) * z)::int, floor((lat + b.dlat) * z)::int) AS y,
       generate_series(floor((lng - b.dlng) * z)::int, floor((lng + b.dlng) * z)::int) AS x $$;

CREATE OR REPLACE FUNCTION muster_geo_cover(lat float8, lng float8, radius_m float8, z int) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT string_agg(format('%L', c), ' | ')::tsquery FROM muster_geo_cover_cells(lat, lng, radius_m, z) AS c $$;

-- NULL (matches nothing) when the wider cover adds no cell
CREATE FUNCTION muster_geo_cover_beyond(lat float8, lng float8, inner_m float8, outer_m float8, z int) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT string_agg(format('%L', c), ' | ')::tsquery FROM (
    SELECT muster_geo_cover_cells(lat, lng, outer_m, z) EXCEPT SELECT muster_geo_cover_cells(lat, lng, inner_m, z)) AS x(c) $$;
