import { Prisma } from "@/server/generated/prisma/client";
import { LIVE_ASSIGNMENT_STATUSES } from "@/server/modules/matching/match-types";

export type EligibleKnightQuery = {
  needId: string;
  origin: { lat: number; lng: number };
  radiusM: number;
  requiredVehicle: readonly string[];
  cargoKg: number;
  requiredTrainings: readonly string[];
  /** Trainings must still be valid after this instant (the task's deadline). */
  deadline: Date;
  window: { start: Date; end: Date };
  freshSince: Date;
  limit: number;
};

/**
 * Eligible on-duty knights nearest to the task, in one query the knight_position_gist index drives: the
 * `last_lat IS NOT NULL` predicate matches the partial index, earth_box bounds the search, and ORDER BY
 * `<->` with LIMIT walks it nearest first (earth_distance re-checks the exact circle). Row rules: on duty,
 * ACTIVE, account enabled, a fresh position, an acceptable vehicle, enough payload, every required training
 * valid past the deadline, no overlapping live task, and not offered this need before. Hazard zones are
 * checked afterwards in TypeScript (point-in-polygon). Returns the exact position and distance: internal
 * only, never put into a DTO or event.
 */
export function eligibleKnightsSql(q: EligibleKnightQuery): Prisma.Sql {
  const point = Prisma.sql`muster_ll_to_earth(${q.origin.lat}::float8, ${q.origin.lng}::float8)`;
  const pos = Prisma.sql`muster_ll_to_earth(k.last_lat, k.last_lng)`;
  const live = Prisma.join(LIVE_ASSIGNMENT_STATUSES.map((s) => Prisma.sql`${s}::assignment_status`));
  return Prisma.sql`
SELECT k.id, k.last_lat AS lat, k.last_lng AS lng,
       k.completed_count AS "completedCount", k.no_show_count AS "noShowCount", k.declined_count AS "declinedCount",
       earth_distance(${pos}, ${point}) AS "distanceM",
       coalesce((SELECT array_agg(t.code) FROM knight_training t
                 WHERE t.knight_id = k.id AND (t.valid_until IS NULL OR t.valid_until > ${q.deadline})), '{}'::text[]) AS trainings
FROM knight_profile k
JOIN users u ON u.id = k.user_id
WHERE k.last_lat IS NOT NULL
  AND earth_box(${point}, ${q.radiusM}::float8) @> ${pos}
  AND earth_distance(${pos}, ${point}) <= ${q.radiusM}::float8
  AND k.on_duty AND k.status = 'ACTIVE' AND u.disabled_at IS NULL
  AND k.last_position_at >= ${q.freshSince}
  AND (cardinality(${q.requiredVehicle}::text[]) = 0 OR k.vehicle::text = ANY(${q.requiredVehicle}::text[]))
  AND k.payload_kg >= ${q.cargoKg}::float8
  AND NOT EXISTS (SELECT 1 FROM unnest(${q.requiredTrainings}::text[]) AS req(code)
                  WHERE NOT EXISTS (SELECT 1 FROM knight_training t WHERE t.knight_id = k.id AND t.code = req.code
                                    AND (t.valid_until IS NULL OR t.valid_until > ${q.deadline})))
  AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.knight_id = k.id AND a.status IN (${live})
                  AND a.window_start < ${q.window.end} AND a.window_end > ${q.window.start})
  AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.need_id = ${q.needId} AND o.knight_id = k.id)
ORDER BY ${pos} <-> ${point}, k.id
LIMIT ${q.limit}`;
}
