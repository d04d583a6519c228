import { Prisma } from "@/server/generated/prisma/client";
import { LIVE_ASSIGNMENT_STATUSES, needWindow, shanghaiClock, type MatchNeed } from "@/server/modules/matching/match-types";

/**
 * The candidate query, one statement that streams: the nearest rows come out of one KNN scan of
 * resource_available_kind_level_position_gist (type_kind, type_level, position) WHERE status = 'AVAILABLE'
 * (migration 20261129140000_matching_kind_level_stream) — a typed need's compatible types are exactly "its kind,
 * its level or more capable", so one scan serves them all; a category-only need gets one scan per kind —
 * bounded by the need's radius box, and pass through every rule as they come: row-local ones first (status,
 * type, capability minimums, uncommitted quantity, the need's radius and the resource's max travel km, exact
 * great-circle re-check, not fully held by live unit assignments — a set built once per query), then the
 * correlated ones (owner verification: a VERIFIED organisation, or an individual with an expert profile whose
 * account is not disabled; blackout/weekly/dated availability; required credentials valid over the whole
 * window, for types that require some) — until `limit` have passed. So the pool is exact and no row past the
 * last needed one is read. Streams are merged by great-circle distance and cut to `limit`; type, busy units and
 * supplier loads (fairness, from assignment.supplier_id) are added for those rows only.
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

export function candidateSql(need: MatchNeed, typeIds: string[], limit: number, onlyResourceId?: string): Prisma.Sql {
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
    "\n        ",
  );
  const live = Prisma.join(LIVE_ASSIGNMENT_STATUSES.map((s) => Prisma.sql`${s}::assignment_status`));
  const point = Prisma.sql`muster_ll_to_earth(${lat}::float8, ${lng}::float8)`;
  const distM = greatCircleSql(lat, lng);
  // re-validating one chosen resource (a dispatcher's swap) runs the very same rules on that row alone
  const only = onlyResourceId === undefined ? Prisma.empty : Prisma.sql`AND r.id = ${onlyResourceId}`;
  return Prisma.sql`
WITH types AS (
  SELECT t.id, t.kind, t.type_level, t.code, t.category::text AS category, t.required_credential_kinds
  FROM resource_type t WHERE t.id = ANY(${typeIds}::text[])
), streams AS (
  -- one KNN stream per kind: a typed need's compatible types are exactly kind K, level <= L (one stream); a
  -- category-only need gets one per kind in its category. The type id list below keeps the set exact.
  SELECT ty.kind, max(ty.type_level) AS max_level FROM types ty GROUP BY ty.kind
), busy AS (
  -- units held over the window, from assignments alone (a handful of rows pass the window); resource is read
  -- only for those, not for every live assignment
  SELECT a.resource_id, count(DISTINCT a.unit_index)::int AS n FROM assignment a
  WHERE a.status IN (${live}) AND a.resource_id IS NOT NULL AND a.unit_index IS NOT NULL
    AND a.window_start < ${end} AND a.window_end > ${start}
  GROUP BY a.resource_id
), fully_busy AS (
  SELECT b.resource_id FROM busy b JOIN resource r2 ON r2.id = b.resource_id WHERE b.n >= r2.total_quantity
), hits AS (
  SELECT k.* FROM streams s
  CROSS JOIN LATERAL (
    SELECT r.id, r.type_id, r.owner_org_id, r.owner_user_id, r.title, r.title_en, r.lat, r.lng, r.capabilities,
           r.total_quantity, r.committed_quantity, r.mobilization_minutes, r.speed_kmh, r.travel_range::text AS travel_range,
           r.max_travel_km, r.pricing_mode::text AS pricing_mode, r.price_cents, r.completed_count, r.declined_count,
           r.offered_count, r.rating_avg, r.rating_count,
           ${distM} AS dist_m
    FROM resource r
    WHERE r.status = 'AVAILABLE'
      AND r.type_kind = s.kind AND r.type_level <= s.max_level
      AND r.type_id = ANY(${typeIds}::text[])
      ${only}
      AND earth_box(${point}, ${radiusM}::float8) @> muster_ll_to_earth(r.lat, r.lng)
      AND r.total_quantity - r.committed_quantity >= 1
      AND ${distM} <= LEAST(${radiusM}::float8, r.max_travel_km * 1000.0::float8)
      ${caps}
      -- a hashed set, built once: no per-row probe of assignments
      AND r.id NOT IN (SELECT f.resource_id FROM fully_busy f)
      AND (CASE WHEN r.owner_org_id IS NOT NULL
                THEN EXISTS (SELECT 1 FROM organization o WHERE o.id = r.owner_org_id AND o.verification = 'VERIFIED')
                ELSE EXISTS (SELECT 1 FROM expert_profile e JOIN users u ON u.id = e.user_id
                             WHERE e.user_id = r.owner_user_id AND u.disabled_at IS NULL) END)
      -- all of a resource's windows in one probe, for listings that have any: no overlapping blackout, and no
      -- weekly pattern or a weekly/dated window that contains the start
      AND (CASE WHEN r.has_availability_windows THEN
             (SELECT NOT coalesce(bool_or(w.kind = 'BLACKOUT' AND w.starts_at < ${end} AND w.ends_at > ${start}), false)
                     AND (NOT coalesce(bool_or(w.kind = 'WEEKLY'), false)
                          OR coalesce(bool_or((w.kind = 'WEEKLY' AND w.weekday = ${weekday}::int AND w.start_minute <= ${minute}::int
                                               AND w.end_minute > ${minute}::int)
                                              OR (w.kind = 'DATED' AND w.starts_at <= ${start} AND w.ends_at > ${start})), false))
              FROM availability_window w WHERE w.resource_id = r.id)
           ELSE true END)
      -- credentials are probed only for types that require some (the id list is computed once)
      AND (CASE WHEN r.type_id = ANY(coalesce((SELECT array_agg(ty.id) FROM types ty WHERE cardinality(ty.required_credential_kinds) > 0), '{}'))
                THEN NOT EXISTS (SELECT 1 FROM types ty CROSS JOIN unnest(ty.required_credential_kinds) AS ck(kind)
                                 WHERE ty.id = r.type_id
                                   AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.resource_id = r.id AND c.kind = ck.kind
                                     AND (c.valid_from IS NULL OR c.valid_from <= ${start})
                                     AND (c.valid_until IS NULL OR c.valid_until >= ${end})))
                ELSE true END)
    ORDER BY muster_ll_to_earth(r.lat, r.lng) <-> ${point}
    LIMIT ${limit}::int
  ) k
  ORDER BY k.dist_m, k.id
  LIMIT ${limit}::int
), loads AS (
  -- live assignments of the returned rows' suppliers only (assignment.supplier_id, kept by triggers: no
  -- resource probe per live assignment; at most the pool size of suppliers to count and join)
  SELECT a.supplier_id, count(*)::int AS n FROM assignment a
  WHERE a.status IN (${live}) AND a.supplier_id IN (SELECT coalesce(h2.owner_org_id, h2.owner_user_id) FROM hits h2)
  GROUP BY a.supplier_id
)
SELECT h.*, ty.code AS type_code, ty.type_level, ty.category, coalesce(b.n, 0) AS busy_units,
       o.name AS org_name, o.name_en AS org_name_en, coalesce(l.n, 0) AS active_assignments
FROM hits h
JOIN types ty ON ty.id = h.type_id
LEFT JOIN busy b ON b.resource_id = h.id
LEFT JOIN organization o ON o.id = h.owner_org_id
LEFT JOIN loads l ON l.supplier_id = coalesce(h.owner_org_id, h.owner_user_id)
ORDER BY h.dist_m, h.id`;
}
