import { LIVE_ASSIGNMENT_STATUSES, needWindow, shanghaiClock, type MatchNeed } from "@/server/modules/matching/match-types";

/**
 * The candidate query, one statement that streams: the nearest rows come out of one KNN scan of
 * resource_available_kind_level_position_gist (type_kind, type_level, position) WHERE status = 'AVAILABLE'
 * (migration 20261129140000_matching_kind_level_stream) — a typed need's compatible types are exactly "its kind,
 * its level or more capable", so one scan serves them all; a category-only need gets one scan per kind —
 * bounded by the need's radius box, and pass through every rule as they come, all but one on the row itself:
 * status, type, capability minimums, uncommitted quantity, the need's radius and the resource's max travel km,
 * exact great-circle re-check, owner verification (a VERIFIED organisation, or an individual with an expert
 * profile whose account is not disabled), blackout/weekly/dated availability and required credentials valid
 * over the whole window — the last three from columns the database keeps on the row (migration
 * 20261207220000_matching_row_local_rules; credentials are probed only for a listing holding several of one
 * required kind) — then, last, units held by live assignments over the window (one probe of a small index),
 * until `limit` have passed. So the pool is exact and no row past the last needed one is read. Streams are
 * merged by great-circle distance and cut to `limit`; type, organisation and supplier loads (fairness, from
 * assignment.supplier_id) are added for those rows only; the busy-unit count of the last rule is returned as is.
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
 * Numbered parameters, each bound once and referenced wherever needed: the text is built once per shape (slot
 * count, single-resource check or not), not per call — rebuilding the 6.7 KB text with 63 positional values cost
 * ~0.1 ms of JS per match. Capability slots take $11.. in key/minimum pairs; the resource id (if any) comes last.
 */
const P = {
  typeIds: "$1::text[]",
  end: "$2::timestamptz",
  start: "$3::timestamptz",
  lat: "$4::float8",
  lng: "$5::float8",
  cosLat: "$6::float8",
  radiusM: "$7::float8",
  limit: "$8::int",
  weekday: "$9::int",
  minute: "$10::int",
} as const;
const FIXED_PARAMS = Object.keys(P).length;

// constants of the code, not input: inlined as literals
const LIVE = LIVE_ASSIGNMENT_STATUSES.map((s) => `'${s}'::assignment_status`).join(", ");
const POINT = `muster_ll_to_earth(${P.lat}, ${P.lng})`;

/**
 * Great-circle metres from r.lat/r.lng to the need's staging point, by the haversine formula in plain float math
 * (cos of the staging latitude is a parameter). Same figure as earth_distance(muster_ll_to_earth(...), ...), but
 * that goes through the `earth` domain's CHECK constraints on every row, which made the distance cost more than
 * the KNN scan itself.
 */
/** The job window [start, end) as a range. */
const JOB = `tstzrange(${P.start}, ${P.end}, '[)')`;

/**
 * Distinct units of a listing held by live assignments overlapping the job window, as a LATERAL row `busy(n)`
 * joined to each row that passed every other rule (so it is probed once per such row, and its figure is
 * returned too). Written as the assignment_no_overlap exclusion constraint's GiST index is (resource_id,
 * unit_index, tstzrange &&, WHERE live), so it is one index probe; window_end > window_start (CHECK) and
 * end > start make && the same as window_start < end AND window_end > start.
 */
const BUSY_UNITS = `CROSS JOIN LATERAL (SELECT count(DISTINCT a.unit_index)::int AS n FROM assignment a
        WHERE a.resource_id = r.id AND a.resource_id IS NOT NULL AND a.status IN (${LIVE}) AND a.unit_index IS NOT NULL
          AND tstzrange(a.window_start, a.window_end, '[)') && ${JOB}) busy`;

const DIST_M = `(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1.0, sqrt(
    power(sin(radians(r.lat - ${P.lat}) / 2), 2)
    + cos(radians(r.lat)) * ${P.cosLat} * power(sin(radians(r.lng - ${P.lng}) / 2), 2)))))`;

function buildText(slots: number, only: boolean): string {
  const caps = Array.from({ length: slots }, (_, i) => {
    const key = `$${FIXED_PARAMS + 1 + 2 * i}::text`;
    const min = `$${FIXED_PARAMS + 2 + 2 * i}::float8`;
    return `AND (${key} IS NULL OR (CASE WHEN jsonb_typeof(r.capabilities -> ${key}) = 'number'
                        THEN (r.capabilities ->> ${key})::float8 END) >= ${min})`;
  }).join("\n        ");
  // re-validating one chosen resource (a dispatcher's swap) runs the very same rules on that row alone
  const onlyClause = only ? `AND r.id = $${FIXED_PARAMS + 2 * slots + 1}::text` : "";
  return `
WITH types AS (
  SELECT t.id, t.kind, t.type_level, t.code, t.category::text AS category, t.required_credential_kinds
  FROM resource_type t WHERE t.id = ANY(${P.typeIds})
), streams AS (
  -- one KNN stream per kind: a typed need's compatible types are exactly kind K, level <= L (one stream); a
  -- category-only need gets one per kind in its category. The type id list below keeps the set exact.
  SELECT ty.kind, max(ty.type_level) AS max_level FROM types ty GROUP BY ty.kind
), hits AS (
  SELECT k.* FROM streams s
  CROSS JOIN LATERAL (
    SELECT r.id, r.type_id, r.owner_org_id, r.owner_user_id, r.title, r.title_en, r.lat, r.lng, r.capabilities,
           r.total_quantity, r.committed_quantity, r.mobilization_minutes, r.speed_kmh, r.travel_range::text AS travel_range,
           r.max_travel_km, r.pricing_mode::text AS pricing_mode, r.price_cents, r.completed_count, r.declined_count,
           r.offered_count, r.rating_avg, r.rating_count,
           ${DIST_M} AS dist_m, busy.n AS busy_units
    FROM resource r
    ${BUSY_UNITS}
    WHERE r.status = 'AVAILABLE'
      AND r.type_kind = s.kind AND r.type_level <= s.max_level
      AND r.type_id = ANY(${P.typeIds})
      ${onlyClause}
      AND earth_box(${POINT}, ${P.radiusM}) @> muster_ll_to_earth(r.lat, r.lng)
      AND r.total_quantity - r.committed_quantity >= 1
      AND ${DIST_M} <= LEAST(${P.radiusM}, r.max_travel_km * 1000.0::float8)
      ${caps}
      -- owner verification, availability windows and credentials as the database keeps them on the row
      -- (migration 20261207220000_matching_row_local_rules): no probe of another table in the common case
      AND r.owner_verified
      AND NOT coalesce(r.avail_blackout && ${JOB}, false)
      AND (r.avail_weekly IS NULL OR r.avail_weekly @> (${P.weekday} * 1440 + ${P.minute})
           OR coalesce(r.avail_dated @> ${P.start}, false))
      -- credential_cover is NULL only when a required kind has several credentials: then probe as before
      AND (CASE WHEN r.credential_cover IS NOT NULL THEN r.credential_cover @> tstzrange(${P.start}, ${P.end}, '[]')
                ELSE NOT EXISTS (SELECT 1 FROM types ty CROSS JOIN unnest(ty.required_credential_kinds) AS ck(kind)
                                 WHERE ty.id = r.type_id
                                   AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.resource_id = r.id AND c.kind = ck.kind
                                     AND (c.valid_from IS NULL OR c.valid_from <= ${P.start})
                                     AND (c.valid_until IS NULL OR c.valid_until >= ${P.end})))
           END)
      -- last (costliest): not every unit held by live assignments over the window, probed only for rows that
      -- passed every rule above, through the assignment_no_overlap exclusion index (only live unit assignments)
      AND busy.n < r.total_quantity
    ORDER BY muster_ll_to_earth(r.lat, r.lng) <-> ${POINT}
    LIMIT ${P.limit}
  ) k
  ORDER BY k.dist_m, k.id
  LIMIT ${P.limit}
), loads AS MATERIALIZED (
  -- live assignments of the returned rows' suppliers only (assignment.supplier_id, kept by triggers), read
  -- through the partial index of live assignments by supplier (migration 20261208000000_assignment_live_supplier),
  -- once: inlined, the planner re-ran this per returned row (50 × every supplier's probe: 8 ms at 1M)
  SELECT a.supplier_id, count(*)::int AS n FROM assignment a
  WHERE a.status IN (${LIVE})
    AND a.supplier_id = ANY(ARRAY(SELECT DISTINCT coalesce(h2.owner_org_id, h2.owner_user_id) FROM hits h2))
  GROUP BY a.supplier_id
)
SELECT h.*, ty.code AS type_code, ty.type_level, ty.category,
       o.name AS org_name, o.name_en AS org_name_en, coalesce(l.n, 0) AS active_assignments
FROM hits h
JOIN types ty ON ty.id = h.type_id
LEFT JOIN organization o ON o.id = h.owner_org_id
LEFT JOIN loads l ON l.supplier_id = coalesce(h.owner_org_id, h.owner_user_id)
ORDER BY h.dist_m, h.id`;
}

/** Texts by shape, built on first use and then reused as the same string (also the prepared statement's key). */
const texts = new Map<string, string>();

function textFor(slots: number, only: boolean): string {
  const key = `${slots}:${only}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = buildText(slots, only);
    texts.set(key, text);
  }
  return text;
}

export type CandidateStatement = { text: string; values: unknown[] };

export function candidateSql(need: MatchNeed, typeIds: string[], limit: number, onlyResourceId?: string): CandidateStatement {
  const { start, end } = needWindow(need);
  const { weekday, minute } = shanghaiClock(start);
  const lat = need.stagingLat;
  // Capability minimums as fixed key/minimum parameter slots (unused slots are NULL), so the SQL text is the
  // same for every need and runs as one named prepared statement, and no set-returning function runs per row.
  const entries = Object.entries(need.requiredCapabilities);
  const slots = Math.max(CAPABILITY_SLOTS, entries.length);
  const values: unknown[] = [
    typeIds,
    end,
    start,
    lat,
    need.stagingLng,
    Math.cos((lat * Math.PI) / 180),
    need.maxDistanceKm * 1000,
    limit,
    weekday,
    minute,
  ];
  for (let i = 0; i < slots; i++) values.push(entries[i]?.[0] ?? null, entries[i]?.[1] ?? null);
  if (onlyResourceId !== undefined) values.push(onlyResourceId);
  return { text: textFor(slots, onlyResourceId !== undefined), values };
}
