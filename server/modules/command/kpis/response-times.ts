import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { RESPONSE_SEGMENTS, type TCommandKpis, type TResponseSegment } from "@/lib/schemas/command-kpis";
import { needFilter, type KpiScope } from "@/server/modules/command/kpis/region-scope";

type Row = { segment: string; n: number; p50: number | null; p90: number | null };

/** The measured intervals (one row each: need, unit for the per-unit segments, segment, seconds), as CTEs ending in `seg`. */
function segmentIntervals(s: KpiScope): Prisma.Sql {
  return Prisma.sql`
    n AS (
      SELECT n.id, COALESCE(n.approved_at, n.created_at) AS posted
      FROM need n JOIN incident i ON i.id = n.incident_id
      WHERE i.region_code = ANY(${s.codes}::text[]) ${needFilter(s)}
        AND n.status NOT IN ('DRAFT', 'PENDING_APPROVAL')
        AND COALESCE(n.approved_at, n.created_at) >= ${s.from} AND COALESCE(n.approved_at, n.created_at) < ${s.to}
    ),
    firsts AS (
      SELECT n.id, n.posted,
        LEAST((SELECT min(a.offered_at) FROM assignment a WHERE a.need_id = n.id),
              (SELECT min(o.sent_at) FROM offer o WHERE o.need_id = n.id)) AS first_offer,
        (SELECT min(a.accepted_at) FROM assignment a WHERE a.need_id = n.id) AS first_commit
      FROM n
    ),
    u AS (
      SELECT a.id, a.need_id, a.accepted_at, a.en_route_at, a.on_scene_at,
        COALESCE(a.released_at, CASE WHEN a.knight_id IS NOT NULL THEN a.completed_at END) AS released_at
      FROM n JOIN assignment a ON a.need_id = n.id
      WHERE a.accepted_at IS NOT NULL
    ),
    seg AS (
      SELECT id AS need_id, NULL::text AS assignment_id, 'POSTED_TO_FIRST_OFFER' AS segment, extract(epoch FROM first_offer - posted) AS s FROM firsts WHERE first_offer IS NOT NULL
      UNION ALL
      SELECT id, NULL, 'FIRST_OFFER_TO_COMMITTED', extract(epoch FROM first_commit - first_offer) FROM firsts WHERE first_commit IS NOT NULL AND first_offer IS NOT NULL
      UNION ALL
      SELECT need_id, id, 'TURNOUT', extract(epoch FROM en_route_at - accepted_at) FROM u WHERE en_route_at IS NOT NULL
      UNION ALL
      SELECT need_id, id, 'TRAVEL', extract(epoch FROM on_scene_at - en_route_at) FROM u WHERE on_scene_at IS NOT NULL AND en_route_at IS NOT NULL
      UNION ALL
      SELECT need_id, id, 'ON_SCENE', extract(epoch FROM released_at - on_scene_at) FROM u WHERE released_at IS NOT NULL AND on_scene_at IS NOT NULL
    )`;
}

/**
 * Response time in segments, as NFPA 1710 splits a fire response, each with its median and 90th percentile
 * (percentile_cont, seconds), over the needs posted in the range:
 *  - POSTED_TO_FIRST_OFFER: need posted → its first offer (a resource offer's offered_at or a knight offer's sent_at);
 *  - FIRST_OFFER_TO_COMMITTED: that first offer → the need's first accepted unit;
 *  - TURNOUT: per accepted unit, accepted → en route;
 *  - TRAVEL: en route → on scene;
 *  - ON_SCENE: on scene → released (a knight task, which is never "released", ends when it is completed).
 * A need with no offers adds nothing to any segment. One aggregation.
 */
export async function responseTimes(db: Db, s: KpiScope): Promise<TCommandKpis["responseTimes"]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH ${segmentIntervals(s)}
    SELECT segment, count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::float8 AS p50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY s)::float8 AS p90
    FROM seg GROUP BY segment`;
  const by = new Map(rows.map((r) => [r.segment, r]));
  return RESPONSE_SEGMENTS.map((segment) => {
    const r = by.get(segment);
    return { segment, n: r?.n ?? 0, medianSeconds: r?.p50 ?? null, p90Seconds: r?.p90 ?? null };
  });
}

export type ResponseInterval = { needId: string; assignmentId: string | null; segment: TResponseSegment; seconds: number };

/**
 * The intervals behind responseTimes, one row each (the after-action report links a slow segment to the
 * needs and units that made it slow). Same definitions, same CTEs.
 */
export async function responseIntervals(db: Db, s: KpiScope): Promise<ResponseInterval[]> {
  return db.$queryRaw<ResponseInterval[]>`
    WITH ${segmentIntervals(s)}
    SELECT need_id AS "needId", assignment_id AS "assignmentId", segment, s::float8 AS seconds FROM seg ORDER BY segment, s DESC, need_id, assignment_id`;
}
