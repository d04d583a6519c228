-- Available listings counted per region, grid cell and category at the command map's province (0.1°), city
-- (0.02°) and district (0.005°) grids, kept by statement triggers on resource, so the map of Jiangsu reads a
-- few thousand rows instead of aggregating every listing (1M on the bench seed, 1–3 s). Rows are never
-- deleted by the triggers: readers skip n = 0.
CREATE TABLE "resource_availability_cell" (
    "cell_mdeg" INTEGER NOT NULL,
    "region_code" VARCHAR(6) NOT NULL,
    "gy" INTEGER NOT NULL,
    "gx" INTEGER NOT NULL,
    "category" "resource_category" NOT NULL,
    "n" INTEGER NOT NULL,
    "sum_lat" DOUBLE PRECISION NOT NULL,
    "sum_lng" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "resource_availability_cell_pkey" PRIMARY KEY ("cell_mdeg", "region_code", "gy", "gx", "category")
);

-- The grids: cell size in thousandths of a degree and as the float8 the map's queries divide by.
CREATE FUNCTION resource_availability_grids() RETURNS TABLE (mdeg INTEGER, deg DOUBLE PRECISION)
LANGUAGE sql IMMUTABLE AS $$ VALUES (100, 0.1::float8), (20, 0.02::float8), (5, 0.005::float8) $$;

-- One statement's changes, netted per cell and applied in key order (so concurrent statements lock cells in
-- the same order). On UPDATE only rows whose status, place, region or type changed count: other edits (title,
-- quantity, …) write nothing. Transition tables are named per trigger, so each event has its own branch.
CREATE FUNCTION resource_availability_cell_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH changes AS (SELECT region_code, lat, lng, type_id, 1 AS sign FROM rac_new WHERE status = 'AVAILABLE')
  INSERT INTO resource_availability_cell AS c (cell_mdeg, region_code, gy, gx, category, n, sum_lat, sum_lng)
  SELECT g.mdeg, ch.region_code, floor(ch.lat / g.deg)::int, floor(ch.lng / g.deg)::int, t.category,
         sum(ch.sign)::int, sum(ch.sign * ch.lat), sum(ch.sign * ch.lng)
    FROM changes ch JOIN resource_type t ON t.id = ch.type_id CROSS JOIN resource_availability_grids() g
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (cell_mdeg, region_code, gy, gx, category)
  DO UPDATE SET n = c.n + EXCLUDED.n, sum_lat = c.sum_lat + EXCLUDED.sum_lat, sum_lng = c.sum_lng + EXCLUDED.sum_lng;
  ELSIF TG_OP = 'DELETE' THEN
    WITH changes AS (SELECT region_code, lat, lng, type_id, -1 AS sign FROM rac_old WHERE status = 'AVAILABLE')
  INSERT INTO resource_availability_cell AS c (cell_mdeg, region_code, gy, gx, category, n, sum_lat, sum_lng)
  SELECT g.mdeg, ch.region_code, floor(ch.lat / g.deg)::int, floor(ch.lng / g.deg)::int, t.category,
         sum(ch.sign)::int, sum(ch.sign * ch.lat), sum(ch.sign * ch.lng)
    FROM changes ch JOIN resource_type t ON t.id = ch.type_id CROSS JOIN resource_availability_grids() g
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (cell_mdeg, region_code, gy, gx, category)
  DO UPDATE SET n = c.n + EXCLUDED.n, sum_lat = c.sum_lat + EXCLUDED.sum_lat, sum_lng = c.sum_lng + EXCLUDED.sum_lng;
  ELSE
    WITH moved AS (
      SELECT o.region_code AS o_region, o.lat AS o_lat, o.lng AS o_lng, o.type_id AS o_type, o.status AS o_status,
             n.region_code AS n_region, n.lat AS n_lat, n.lng AS n_lng, n.type_id AS n_type, n.status AS n_status
        FROM rac_old o JOIN rac_new n ON n.id = o.id
       WHERE (n.status, n.lat, n.lng, n.region_code, n.type_id) IS DISTINCT FROM (o.status, o.lat, o.lng, o.region_code, o.type_id)
    ), changes AS (
      SELECT o_region AS region_code, o_lat AS lat, o_lng AS lng, o_type AS type_id, -1 AS sign FROM moved WHERE o_status = 'AVAILABLE'
      UNION ALL
      SELECT n_region, n_lat, n_lng, n_type, 1 FROM moved WHERE n_status = 'AVAILABLE'
    )
  INSERT INTO resource_availability_cell AS c (cell_mdeg, region_code, gy, gx, category, n, sum_lat, sum_lng)
  SELECT g.mdeg, ch.region_code, floor(ch.lat / g.deg)::int, floor(ch.lng / g.deg)::int, t.category,
         sum(ch.sign)::int, sum(ch.sign * ch.lat), sum(ch.sign * ch.lng)
    FROM changes ch JOIN resource_type t ON t.id = ch.type_id CROSS JOIN resource_availability_grids() g
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (cell_mdeg, region_code, gy, gx, category)
  DO UPDATE SET n = c.n + EXCLUDED.n, sum_lat = c.sum_lat + EXCLUDED.sum_lat, sum_lng = c.sum_lng + EXCLUDED.sum_lng;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER resource_availability_cell_ins AFTER INSERT ON "resource"
  REFERENCING NEW TABLE AS rac_new FOR EACH STATEMENT EXECUTE FUNCTION resource_availability_cell_sync();
CREATE TRIGGER resource_availability_cell_upd AFTER UPDATE ON "resource"
  REFERENCING OLD TABLE AS rac_old NEW TABLE AS rac_new FOR EACH STATEMENT EXECUTE FUNCTION resource_availability_cell_sync();
CREATE TRIGGER resource_availability_cell_del AFTER DELETE ON "resource"
  REFERENCING OLD TABLE AS rac_old FOR EACH STATEMENT EXECUTE FUNCTION resource_availability_cell_sync();

INSERT INTO resource_availability_cell (cell_mdeg, region_code, gy, gx, category, n, sum_lat, sum_lng)
SELECT g.mdeg, r.region_code, floor(r.lat / g.deg)::int, floor(r.lng / g.deg)::int, t.category, count(*)::int, sum(r.lat), sum(r.lng)
  FROM resource r JOIN resource_type t ON t.id = r.type_id CROSS JOIN resource_availability_grids() g
 WHERE r.status = 'AVAILABLE'
 GROUP BY 1, 2, 3, 4, 5;
