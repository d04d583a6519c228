import { preparedQuery, type Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { readableOrgIds } from "@/server/modules/incidents/access";
import { compatibleTypeRule, type CompatibleType } from "@/server/modules/matching/compatible-types";
import { parseCapabilities } from "@/server/modules/needs/need-dto";
import type { MatchNeed } from "@/server/modules/matching/match-types";

export type MatchNeedInfo = MatchNeed & {
  incidentId: string;
  title: string;
  status: string;
  unit: string;
  quantity: number;
  typeCode: string | null;
  typeNameZh: string | null;
  typeNameEn: string | null;
  /** The resource types that may serve this need, with their metric definitions (compatible-types.ts). */
  compatibleTypes: CompatibleType[];
  /** Live offers to help, by listing id, oldest first: loaded only when asked for (`withVolunteers`). */
  liveVolunteers?: Map<string, { volunteerId: string; at: Date }>;
};

type Row = {
  id: string; incident_id: string; title: string; status: string; unit: string; quantity: number;
  type_id: string | null; type_code: string | null; type_name_zh: string | null; type_name_en: string | null;
  type_kind: string | null; type_level: number | null; category: string; required_capabilities: Prisma.JsonValue;
  filled: number; staging_lat: number; staging_lng: number; needed_by: Date; duration_minutes: number;
  max_distance_km: number; payment_mode: string; priority: string; compatible: CompatibleType[];
  volunteers?: { id: string; resource_id: string; created_at: string }[];
};

// One round trip (a named prepared statement: this runs on every match): the need, its type, the caller's
// incident scope ($2 = readable organisation ids, NULL = all) and the compatible types with their metrics —
// and, for the match endpoint, the need's live volunteers (an ORM query of its own cost more than this one).
const selectSql = (withVolunteers: boolean) => `
SELECT n.id, n.incident_id, n.title, n.status::text AS status, n.unit, n.quantity,
       n.type_id, t.code AS type_code, t.name_zh AS type_name_zh, t.name_en AS type_name_en, t.kind AS type_kind,
       t.type_level, n.category::text AS category, n.required_capabilities,
       n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released AS filled,
       n.staging_lat, n.staging_lng, n.needed_by, n.duration_minutes, n.max_distance_km,
       n.payment_mode::text AS payment_mode, n.priority::text AS priority,
       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'metrics', c.metrics) ORDER BY c.id), '[]'::json)
          FROM resource_type c
         WHERE ${compatibleTypeRule({ typeId: "n.type_id", category: "n.category::text", kind: "t.kind", level: "t.type_level" })}) AS compatible${
  withVolunteers
    ? `,
       (SELECT coalesce(json_agg(json_build_object('id', v.id, 'resource_id', v.resource_id, 'created_at', v.created_at)
                                 ORDER BY v.created_at, v.id), '[]'::json)
          FROM volunteer v WHERE v.need_id = n.id AND v.withdrawn_at IS NULL) AS volunteers`
    : ""
}
FROM need n
JOIN incident i ON i.id = n.incident_id
LEFT JOIN resource_type t ON t.id = n.type_id`;
const SCOPED_BY_ID = `
WHERE n.id = $1 AND ($2::text[] IS NULL OR i.org_id = ANY($2::text[]))`;
const LOAD_SQL = selectSql(false) + SCOPED_BY_ID;
const LOAD_WITH_VOLUNTEERS_SQL = selectSql(true) + SCOPED_BY_ID;
// Several needs in one round trip (an incident-wide proposal), unscoped like loadMatchNeed without an actor.
const LOAD_MANY_SQL = `${selectSql(false)}
WHERE n.id = ANY($1::text[])`;

/**
 * The need in matcher shape. With an actor, the need must be on an incident the caller can read (the
 * incidents module's rules: owning government organisation's members, admins, a key for its own org);
 * anything else is NOT_FOUND. Without an actor (jobs, the solver), it is read unscoped.
 */
export async function loadMatchNeed(db: Db, needId: string, actor?: Actor, opts: { withVolunteers?: boolean } = {}): Promise<MatchNeedInfo> {
  const scope = actor ? readableOrgIds(actor) : null;
  const [n] = opts.withVolunteers
    ? await preparedQuery<Row>(db, "match_load_need_volunteers", LOAD_WITH_VOLUNTEERS_SQL, [needId, scope])
    : await preparedQuery<Row>(db, "match_load_need", LOAD_SQL, [needId, scope]);
  if (!n) throw new AppError("NOT_FOUND", "This need does not exist or is not yours to see.");
  return toMatchNeedInfo(n);
}

/**
 * loadMatchNeed for many needs (unscoped: jobs, the solver) in one statement, in the order of `needIds`.
 * A need that is gone is NOT_FOUND, as it would be one at a time.
 */
export async function loadMatchNeeds(db: Db, needIds: string[]): Promise<MatchNeedInfo[]> {
  if (needIds.length === 0) return [];
  const rows = await preparedQuery<Row>(db, "match_load_needs", LOAD_MANY_SQL, [needIds]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return needIds.map((id) => {
    const n = byId.get(id);
    if (!n) throw new AppError("NOT_FOUND", "This need does not exist or is not yours to see.");
    return toMatchNeedInfo(n);
  });
}

function toMatchNeedInfo(n: Row): MatchNeedInfo {
  return {
    id: n.id,
    incidentId: n.incident_id,
    title: n.title,
    status: n.status,
    unit: n.unit,
    quantity: n.quantity,
    typeId: n.type_id,
    typeCode: n.type_code,
    typeNameZh: n.type_name_zh,
    typeNameEn: n.type_name_en,
    category: n.category,
    typeKind: n.type_kind,
    typeLevel: n.type_level,
    requiredCapabilities: parseCapabilities(n.required_capabilities),
    quantityOpen: Math.max(0, n.quantity - n.filled),
    stagingLat: n.staging_lat,
    stagingLng: n.staging_lng,
    neededBy: n.needed_by,
    durationMinutes: n.duration_minutes,
    maxDistanceKm: n.max_distance_km,
    paymentMode: n.payment_mode,
    priority: n.priority,
    compatibleTypes: n.compatible,
    ...(n.volunteers && {
      liveVolunteers: new Map(n.volunteers.map((v) => [v.resource_id, { volunteerId: v.id, at: new Date(v.created_at) }])),
    }),
  };
}
