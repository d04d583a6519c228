import { Prisma } from "@/server/generated/prisma/client";
import { LIVE_ASSIGNMENT_STATUSES, needWindow, shanghaiClock, type MatchNeed } from "@/server/modules/matching/match-types";

/**
 * The candidate query. Two stages so the GiST index drives it:
 *  1. `pool`: per compatible type id, the nearest rows by `muster_ll_to_earth(lat, lng) <-> point` — a KNN
 *     scan of resource_available_type_position_gist (type_id, position) WHERE status = 'AVAILABLE' (migration
 *     20261129043500_matching_candidate_index), bounded by the need's radius box — merged and cut to the `knn`
 *     nearest (null = everything in the box). Only row-local rules here: status, type, capability minimums,
 *     uncommitted quantity, the need's radius and the resource's max travel km (exact great-circle re-check).
 *     The result always has one row carrying pool_n (rows with id NULL = nothing eligible), so the caller
 *     knows whether the pool was cut by the KNN limit.
 *  2. outer: the correlated rules — blackout/weekly/dated availability, live unit assignments, required
 *     credentials valid over the whole window, owner verification (a VERIFIED organisation,
 *     or an individual with an expert profile whose account is not disabled) — then the final distance order.
 * Nothing here locks: the offers step locks chosen rows by id afterwards.
 *
 * Availability simplification (documented): a BLACKOUT overlapping [start, end) excludes; if the resource
 * has any WEEKLY window, the start instant's Asia/Shanghai weekday + minute must fall inside one
 * (startMinute ≤ m < endMinute), or a DATED window must contain the start instant — the end of the job
 * is not checked against the weekly pattern. Resources with no WEEKLY window are available any time.
 */
/** Capability minimums checked by parameter slots; a need with more gets a longer (separately prepared) text. */
const CAPABILITY_SLOTS = 6;

/** earthdistance's sphere (earth() = 6378168 m), so figures agree with earth_distance() and the test oracle. */
const EARTH_RADIUS_M = 6378168;

/**
 * Great-circle metres from r.lat/r.lng to a fixed point, by the haversine formula in plain float math. Same
 * figure as earth_distance(muster_ll_to_earth(...), ...), but that goes through the `earth` domain's CHECK
 * constraints on every row, which made the distance cost more than the KNN scan itself.
 */
function greatCircleSql(lat: number, lng: number): Prisma.Sql {
  const cosLat = Math.cos((lat * Math.PI) / 180);
  return Prisma.sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1.0, sqrt(
    power(sin(radians(r.lat - ${lat}::float8) / 2), 2)
    + cos(radians(r.lat)) * ${cosLat}::float8 * power(sin(radians(r.lng - ${lng}::float8) / 2), 2)))))`;
}

export function candidateSql(need: MatchNeed, typeIds: string[], knn: number | null, limit: number, onlyResourceId?: string): Prisma.Sql {
  const { start, end } = needWindow(need);
  const { weekday, minute } = shanghaiClock(start);
  const lat = need.stagingLat;
  const lng = need.stagingLng;
  const radiusM = need.maxDistanceKm * 1000;
  // Capability minimums as fixed key/minimum parameter slots (unused slots are NULL), so the SQL text is the
  // same for every need and runs as one named prepared statement, and no set-returning function runs per row.
  const entries = Object.entries(need.requiredCapabilities);
  const slots = Array.from({ length: Math.max(CAPABILITY_SLOTS, entries.length) }, (_, i) => entries[i] ?? [null, null]);
  const caps = Prisma.join(
    slots.map(
      ([key, min]) =>
        Prisma.sql`AND (${key}::text IS NULL OR (CASE WHEN jsonb_typeof(r.capabilities -> ${key}::text) = 'number'
                        THEN (r.capabilities ->> ${key}::text)::float8 END) >= ${min}::float8)`,
    ),
    "\n      ",
  );
  const live = Prisma.join(LIVE_ASSIGNMENT_STATUSES.map((s) => Prisma.sql`${s}::assignment_status`));
  const point = Prisma.sql`muster_ll_to_earth(${lat}::float8, ${lng}::float8)`;
  const distM = greatCircleSql(lat, lng);
  // LIMIT NULL is LIMIT ALL: the widened second pass uses the same text.
  const knnLimit = Prisma.sql`LIMIT ${knn}::int`;
  // re-validating one chosen resource (a dispatcher's swap) runs the very same rules on that row alone
  const only = onlyResourceId === undefined ? Prisma.empty : Prisma.sql`AND r.id = ${onlyResourceId}`;
  return Prisma.sql`
WITH pool AS (
  SELECT k.* FROM unnest(${typeIds}::text[]) AS tid(id)
  CROSS JOIN LATERAL (
    SELECT r.id, r.type_id, r.owner_org_id, r.owner_user_id, r.title, r.lat, r.lng, r.capabilities,
           r.total_quantity, r.committed_quantity, r.mobilization_minutes, r.speed_kmh, r.travel_range::text AS travel_range,
           r.max_travel_km, r.pricing_mode::text AS pricing_mode, r.price_cents, r.completed_count, r.declined_count,
           r.offered_count, r.rating_avg, r.rating_count,
           ${distM} AS dist_m
    FROM resource r
    WHERE r.status = 'AVAILABLE'
      AND r.type_id = tid.id
      ${only}
      AND earth_box(${point}, ${radiusM}::float8) @> muster_ll_to_earth(r.lat, r.lng)
      AND r.total_quantity - r.committed_quantity >= 1
      AND ${distM} <= LEAST(${radiusM}::float8, r.max_travel_km * 1000.0::float8)
      ${caps}
    ORDER BY muster_ll_to_earth(r.lat, r.lng) <-> ${point}
    ${knnLimit}
  ) k
  ORDER BY k.dist_m
  ${knnLimit}
), eligible AS (
  SELECT p.*, t.code AS type_code, t.type_level, t.category::text AS category, busy.units AS busy_units, o.name AS org_name
  FROM pool p
  JOIN resource_type t ON t.id = p.type_id
  LEFT JOIN organization o ON o.id = p.owner_org_id
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT a.unit_index)::int AS units FROM assignment a
    WHERE a.resource_id = p.id AND a.unit_index IS NOT NULL AND a.status IN (${live})
      AND a.window_start < ${end} AND a.window_end > ${start}
  ) busy
  WHERE LEAST(p.total_quantity - p.committed_quantity, p.total_quantity - busy.units) >= 1
    AND (CASE WHEN p.owner_org_id IS NOT NULL THEN o.verification = 'VERIFIED'
              ELSE EXISTS (SELECT 1 FROM expert_profile e JOIN users u ON u.id = e.user_id
                          WHERE e.user_id = p.owner_user_id AND u.disabled_at IS NULL) END)
    AND NOT EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = p.id AND w.kind = 'BLACKOUT'
                    AND w.starts_at < ${end} AND w.ends_at > ${start})
    AND (NOT EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = p.id AND w.kind = 'WEEKLY')
         OR EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = p.id AND (
              (w.kind = 'WEEKLY' AND w.weekday = ${weekday}::int AND w.start_minute <= ${minute}::int AND w.end_minute > ${minute}::int)
              OR (w.kind = 'DATED' AND w.starts_at <= ${start} AND w.ends_at > ${start}))))
    AND NOT EXISTS (SELECT 1 FROM unnest(t.required_credential_kinds) AS k(kind)
                    WHERE NOT EXISTS (SELECT 1 FROM credential c WHERE c.resource_id = p.id AND c.kind = k.kind
                      AND (c.valid_from IS NULL OR c.valid_from <= ${start})
                      AND (c.valid_until IS NULL OR c.valid_until >= ${end})))
  ORDER BY p.dist_m, p.id
  LIMIT ${limit}
), loads AS (
  -- live assignments per supplier (organisation, else the individual owner): few rows, found by status
  SELECT coalesce(r2.owner_org_id, r2.owner_user_id) AS supplier, count(*) AS n
  FROM assignment a JOIN resource r2 ON r2.id = a.resource_id
  WHERE a.status IN (${live})
    AND coalesce(r2.owner_org_id, r2.owner_user_id) IN (SELECT coalesce(owner_org_id, owner_user_id) FROM eligible)
  GROUP BY 1
)
SELECT pn.pool_n, e.*, coalesce(l.n, 0)::int AS active_assignments
FROM (SELECT count(*)::int AS pool_n FROM pool) pn
LEFT JOIN eligible e ON true
LEFT JOIN loads l ON l.supplier = coalesce(e.owner_org_id, e.owner_user_id)
ORDER BY e.dist_m, e.id`;
}
